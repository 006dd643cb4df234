"""What the import sends to the database for a file: nothing kept in DEBUG's query log that
nobody reads."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article, ArticleRevision

pytestmark = pytest.mark.django_db


def run_import(*args: str) -> None:
    call_command("import_seeds", *args, stdout=StringIO(), stderr=StringIO())


def test_debug_does_not_keep_the_imported_text_in_the_query_log(seed_paths, settings):
    # With DEBUG on, Django logs every query with its parameters; the import's row inserts
    # carry whole OCR texts and snapshots, so they stay out of that log.
    settings.DEBUG = True
    connection.queries_log.clear()
    run_import(str(seed_paths[0]))
    article = Article.objects.order_by("-ocr_text").only("ocr_text").first()
    assert article is not None and ArticleRevision.objects.count() == Article.objects.count()
    logged = "".join(query["sql"] for query in connection.queries)
    assert article.ocr_text[:40] not in logged
