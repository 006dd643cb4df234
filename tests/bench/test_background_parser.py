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


def _count_parses_here(monkeypatch) -> list[str]:
    """Records each file the importing process parses again itself (not the parser process)."""
    import os

    from articles.ingest import background

    here, parsed_here = os.getpid(), []
    original = background.parse_issue

    def parse_issue(text, **kwargs):
        if os.getpid() == here:
            parsed_here.append(text)
        return original(text, **kwargs)

    monkeypatch.setattr(background, "parse_issue", parse_issue)
    return parsed_here


def test_files_that_name_people_of_the_files_just_before_are_not_parsed_twice(tmp_path, monkeypatch):
    # Names recur from issue to issue: the parser process, running ahead of the writer,
    # parses each file knowing the people of the files before it, so the importer does not
    # have to parse any again — and stores what the one-process import stores.
    write_corpus(tmp_path, 24, seed=3)
    paths = sorted(tmp_path.iterdir())
    assert [r.outcome for r in iter_import_files(paths=paths, background_parser=False)] == [
        Outcome.CREATED
    ] * 24
    single = archive_picture()
    Issue.objects.all().delete()
    Person.objects.all().delete()

    parsed_here = _count_parses_here(monkeypatch)
    results = list(iter_import_files(paths=paths, background_parser=True))
    assert [r.outcome for r in results] == [Outcome.CREATED] * 24
    assert parsed_here == []
    assert archive_picture() == single


def test_an_issue_already_in_the_archive_teaches_the_next_files_no_names(tmp_path, monkeypatch):
    # The parser process assumes each file is written. One already in the archive is not,
    # and when editors have since removed the people it names, a later file printing one
    # of them is parsed again, as the one-process import parses it: without that name.
    write_corpus(tmp_path, 24, seed=2)
    paths = sorted(tmp_path.iterdir())

    def import_again(background: bool) -> tuple[list[str], list[tuple]]:
        Issue.objects.all().delete()
        Person.objects.all().delete()
        list(iter_import_files(paths=[paths[1]], background_parser=False))
        Person.objects.all().delete()
        results = list(iter_import_files(paths=paths, background_parser=background))
        return [r.outcome for r in results], archive_picture()

    single = import_again(background=False)
    assert single[0] == [Outcome.CREATED, Outcome.UNCHANGED] + [Outcome.CREATED] * 22
    parsed_here = _count_parses_here(monkeypatch)
    assert import_again(background=True) == single
    assert parsed_here  # its people were assumed, and printed again later
