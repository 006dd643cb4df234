"""The benchmark command works (on a tiny archive) and leaves the database as it was."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleRevision
from people.models import Person

pytestmark = pytest.mark.django_db


def bench(*args: str) -> str:
    out = io.StringIO()
    call_command("bench_spreadsheets", "--articles", "60", "--import-rows", "20", *args, stdout=out)
    return out.getvalue()


def queries(text: str, label: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith(label))
    return line.split("), ")[1].split(",")[0]


def test_bench_spreadsheets_on_the_shared_synthetic_archive_measures_and_rolls_back():
    text = bench("--builder", "archive")

    assert "60 articles on" in text
    assert "export csv: 60 rows" in text
    assert "export xlsx: 60 rows" in text
    assert "import csv (edited rows): 20 rows" in text
    assert "updated 20, unchanged 0, errors 0, revisions written 20" in text
    assert "ratio export csv: plain ModelResource takes" in text
    assert "ratio export xlsx: plain ModelResource takes" in text
    assert "ratio import csv (edited rows): plain ModelResource takes" in text
    # The same number of queries for the whole archive as for a part of it.
    assert queries(text, "export csv: 60 rows") == queries(text, "export csv (part)") == "4 queries"
    assert (Article.objects.count(), Person.objects.count(), ArticleRevision.objects.count()) == (0, 0, 0)


def test_bench_spreadsheets_with_its_own_builder_and_without_the_baseline():
    text = bench("--builder", "simple", "--no-baseline")

    assert "updated 20, unchanged 0, errors 0, revisions written 20" in text
    assert "plain" not in text
    assert Article.objects.count() == 0
