"""The plain article list counts its articles once per publication generation, never stale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    issue = IssueFactory()
    return [
        ArticleFactory(issue=issue, position=n + 1, date=dt.date(2021, 3, 1) + dt.timedelta(days=n), section="要闻")
        for n in range(45)
    ]


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    return response, counts


def test_later_pages_do_not_count_the_archive_again(client, archive):
    first, counted = get(client, "/articles/?section=要闻&page=2")
    assert first.status_code == 200 and "共 <strong>45</strong> 篇" in first.content.decode()
    assert counted  # the first page of this list counts
    again, counted = get(client, "/articles/?section=要闻&page=3")
    assert "共 <strong>45</strong> 篇" in again.content.decode()
    assert not counted  # the next one reuses it
    assert len(again.context["articles"]) == 5


def test_a_publication_shows_in_the_count_at_once(client, archive):
    get(client, "/articles/?section=要闻&page=2")
    Article.objects.filter(pk=archive[0].pk).update(is_published=False)  # withdrawn, by any path
    response, counted = get(client, "/articles/?section=要闻&page=2")
    assert counted and "共 <strong>44</strong> 篇" in response.content.decode()


def test_another_filter_or_a_bad_value_is_counted_on_its_own(client, archive):
    get(client, "/articles/?section=要闻&page=2")
    response, counted = get(client, "/articles/?section=要闻&year=1999")
    assert counted and "共 <strong>0</strong> 篇" in response.content.decode()
    response, counted = get(client, "/articles/?section=要闻&year=abc&page=2")
    assert counted
