"""The importer's background parser stores exactly what the one-process import stores."""

import pytest

from articles.bench.synthetic import write_corpus
from articles.ingest.importer import Outcome, iter_import_files
from articles.models import Article, ArticlePerson, Issue
from people.models import Person

pytestmark = pytest.mark.django_db


def archive_picture() -> list[tuple]:
    articles = list(
        Article.objects.order_by("issue__source_name", "position").values_list(
            "issue__source_name", "position", "headline", "byline", "body"
        )
    )
    credits = sorted(
        ArticlePerson.objects.values_list(
            "article__issue__source_name", "article__position", "person__name", "role", "title"
        )
    )
    return [articles, credits]


def test_background_parser_imports_the_same_archive_as_a_single_process(tmp_path):
    write_corpus(tmp_path, 10, seed=5)
    paths = sorted(tmp_path.iterdir())

    results = list(iter_import_files(paths=paths, background_parser=False))
    assert [r.outcome for r in results] == [Outcome.CREATED] * 10
    single = archive_picture()
    credits = ArticlePerson.objects.count()
    Issue.objects.all().delete()
    Person.objects.all().delete()  # the names the first import taught the parser

    results = list(iter_import_files(paths=[*paths, tmp_path / "missing.txt"], background_parser=True))
    assert [r.outcome for r in results] == [Outcome.CREATED] * 10 + [Outcome.FAILED]
    assert "不存在" in results[-1].message
    assert archive_picture() == single
    assert ArticlePerson.objects.count() == credits
    assert sum(r.article_count for r in results) == len(single[0]) > 10


def test_many_files_use_the_background_parser_and_unchanged_files_are_skipped(tmp_path, monkeypatch):
    from articles.ingest import importer

    write_corpus(tmp_path, 3, seed=6)
    paths = sorted(tmp_path.iterdir())
    monkeypatch.setattr(importer, "BACKGROUND_PARSER_MIN_FILES", 2)
    used = []
    original = importer._import_with_background_parser
    monkeypatch.setattr(
        importer,
        "_import_with_background_parser",
        lambda loader, files: used.append(len(files)) or original(loader, files),
    )
    assert {r.outcome for r in iter_import_files(paths=paths)} == {Outcome.CREATED}
    assert {r.outcome for r in iter_import_files(paths=paths)} == {Outcome.UNCHANGED}
    assert used == [3, 3]
