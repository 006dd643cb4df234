"""The export streams (issue 14, item 5): rows are read in chunks with the same few queries
per chunk, so memory stays flat and the query count depends on the number of chunks only —
never on how many articles a chunk holds or how many people and tags each article has."""

from __future__ import annotations

import io
import math
import os
import tracemalloc

import pytest

from articles.models import Article, ArticlePerson
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.services import export_spreadsheet
from tests.factories import ArticleFactory, ArticlePersonFactory, IssueFactory, PhotoFactory
from tests.spreadsheets.conftest import export_bytes

pytestmark = pytest.mark.django_db

ARTICLE_EXPORT = "articles.sheets.resources.article_export.EXPORT_CHUNK"


def add_articles(archive, count: int, *, people: int = 1) -> None:
    issue = IssueFactory()
    for position in range(1, count + 1):
        article = ArticleFactory(issue=issue, position=position)
        for n, person in enumerate(list(archive.people.values())[:people]):
            ArticlePersonFactory(article=article, person=person, role=ArticlePerson.Role.MENTIONED, position=n)
        article.tags.set(archive.tags.values())


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_queries_grow_with_the_chunks_not_with_the_articles_in_a_chunk(
    archive, monkeypatch, django_assert_num_queries, file_format
):
    add_articles(archive, 6)  # 10 articles in all
    monkeypatch.setattr(ARTICLE_EXPORT, 5)
    # Two chunks of 5: the articles (one streamed query), then issues, people, tags per chunk.
    with django_assert_num_queries(1 + 3 * 2):
        small = export_bytes("articles", file_format)

    add_articles(archive, 90, people=5)  # 100 articles, five times the people each
    monkeypatch.setattr(ARTICLE_EXPORT, 50)
    with django_assert_num_queries(1 + 3 * 2):  # still two chunks: still 7 queries
        large = export_bytes("articles", file_format)

    assert len(read_spreadsheet(small, file_format=file_format)) == 10
    assert len(read_spreadsheet(large, file_format=file_format)) == 100


def test_chunks_make_the_same_file_as_one_chunk(archive, monkeypatch):
    add_articles(archive, 11)
    whole = export_bytes("articles")

    monkeypatch.setattr(ARTICLE_EXPORT, 3)
    assert export_bytes("articles") == whole
    for fields in (["headline"], ["id", "tags", "people"]):
        out = io.BytesIO()
        export_spreadsheet(model="articles", file_format="csv", stream=out, fields=fields)
        monkeypatch.setattr(ARTICLE_EXPORT, 2000)
        again = io.BytesIO()
        export_spreadsheet(model="articles", file_format="csv", stream=again, fields=fields)
        monkeypatch.setattr(ARTICLE_EXPORT, 3)
        assert out.getvalue() == again.getvalue()


def test_the_export_holds_one_chunk_of_articles_in_memory_not_the_archive(archive, monkeypatch):
    body = "荆州区召开两区经济形势分析会议。" * 320  # 5,120 characters
    issue = IssueFactory()
    Article.objects.bulk_create(
        [Article(issue=issue, position=n, body=f"{n}{body}", ocr_text="", headline=f"第{n}篇") for n in range(1, 301)]
    )
    archive_text = 300 * len(body) * 2  # bytes of body text the export reads (UCS-2): 3 MB
    monkeypatch.setattr(ARTICLE_EXPORT, 10)

    with open(os.devnull, "wb") as sink:  # the file written is not what is measured
        tracemalloc.start()
        try:
            written = export_spreadsheet(model="articles", file_format="csv", stream=sink)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

    assert written.rows == 304
    # About a chunk of 10 articles is held at a time (a few hundred kB), not the 300.
    assert peak < archive_text / 4, (peak, archive_text)


def test_other_sheets_read_their_related_rows_per_chunk(archive, monkeypatch, django_assert_num_queries):
    for position in range(2, 7):
        photo = PhotoFactory(issue=archive.issues[0], article=None, position=position)
        photo.photographers.set([archive.people["王芸"]])
    monkeypatch.setattr("articles.sheets.base.resource.CHUNK", 3)
    photos = 7

    with django_assert_num_queries(1 + math.ceil(photos / 3)):  # photos, photographers per chunk
        data = export_bytes("photos")

    assert len(read_spreadsheet(data, file_format="csv")) == photos
