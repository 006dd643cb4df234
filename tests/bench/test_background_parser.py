"""The importer's background parser stores exactly what the one-process import stores,
OCR-hint counts included."""

import pytest

from articles.bench.synthetic import write_corpus
from articles.ingest.service import Outcome, iter_import_files
from articles.models import Article, ArticlePerson, Issue
from people.models import Person

pytestmark = pytest.mark.django_db


def archive_picture() -> list[tuple]:
    articles = list(
        Article.objects.order_by("issue__source_name", "position").values_list(
            "issue__source_name", "position", "headline", "byline", "body", "ocr_hint_count"
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
    from articles.ingest import service

    write_corpus(tmp_path, 3, seed=6)
    paths = sorted(tmp_path.iterdir())
    monkeypatch.setattr(service, "BACKGROUND_PARSER_MIN_FILES", 2)
    used = []
    original = service.import_with_background_parser
    monkeypatch.setattr(
        service,
        "import_with_background_parser",
        lambda loader, files: used.append(len(files)) or original(loader, files),
    )
    assert {r.outcome for r in iter_import_files(paths=paths)} == {Outcome.CREATED}
    assert {r.outcome for r in iter_import_files(paths=paths)} == {Outcome.UNCHANGED}
    assert used == [3, 3]


def test_a_parser_process_that_dies_leaves_the_rest_to_the_importer(tmp_path, monkeypatch):
    import os

    from articles.ingest import background

    write_corpus(tmp_path, 8, seed=7)
    paths = sorted(tmp_path.iterdir())
    original = background.prepare_file

    def dies_on_the_third(path, **kwargs):
        if path == paths[2] and os.getpid() != parent:
            os._exit(1)  # the parser process, as if killed (out of memory …)
        return original(path, **kwargs)

    parent = os.getpid()
    # Called by name inside the parser process, which was forked with this in place.
    monkeypatch.setattr(background, "prepare_file", dies_on_the_third)
    results = list(iter_import_files(paths=paths, background_parser=True))
    assert [r.outcome for r in results] == [Outcome.CREATED] * 8
    assert Issue.objects.count() == 8
    assert Article.objects.filter(ocr_hint_count__gt=0).exists()
