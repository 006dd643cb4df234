"""A search's pages do not depend on the planner guessing right how rare a term is.

At 600,000 articles PostgreSQL walked the date index for the headline hits of 防汛, computing
every row's search vector, because its statistics fell back to a default share for a rare
lexeme: minutes for one page. A group matched through the index is now ordered in a form no
index can walk, so the index is the only way to its rows.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection, transaction

from articles.search.ordering import KEY_FIELDS
from articles.site.filters import ArticleFilter, public_articles
from tests.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    issue = IssueFactory()
    articles = []
    for n in range(40):
        headline = "防汛演练" if n % 7 == 0 else f"春耕第{n}期"
        body = "今年防汛工作" if n % 3 == 0 else "农业生产"
        date = None if n == 5 else dt.date(2020, 1, 1) + dt.timedelta(days=n % 9)
        articles.append(ArticleFactory(issue=issue, position=n + 1, headline=headline, body=body, date=date))
    return articles


def page_ids(filterset: ArticleFilter) -> list[list[int]]:
    return [list(queryset.values_list("pk", flat=True)) for _, queryset in filterset.ordered().groups]


def test_indexed_groups_keep_the_order_readers_see(archive):
    """Headline hits first, then the rest, newest first; undated where the database puts NULL."""
    filterset = ArticleFilter({"q": "防汛"}, queryset=public_articles())
    hits, rest = page_ids(filterset)
    by_pk = {a.pk: a for a in archive}
    nulls_high = connection.vendor == "postgresql"

    def key(pk):
        article = by_pk[pk]
        undated = article.date is None
        return (undated != nulls_high, -(article.date.toordinal() if article.date else 0), article.position)

    assert hits == sorted(hits, key=key) and {by_pk[pk].headline for pk in hits} == {"防汛演练"}
    assert rest == sorted(rest, key=key) and all("防汛" in by_pk[pk].body for pk in rest)
    expected = {a.pk for a in archive if "防汛" in a.headline or "防汛" in a.body}
    assert set(hits) | set(rest) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL's GIN index")
def test_an_indexed_group_is_never_walked_by_date_computing_search_vectors(archive):
    filterset = ArticleFilter({"q": "防汛"}, queryset=public_articles())
    groups = filterset.ordered().groups
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
        # A planner that would rather walk any index in order than sort (what a wrong estimate
        # of a rare term amounts to at a million articles), and never read the whole table.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        for hit, queryset in groups:
            sql, params = queryset.values_list("pk", *KEY_FIELDS)[:21].query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            # Sorting is priced out, yet the plan still sorts: no index can hand the rows over in
            # the readers' order, so no plan walks an index in date order testing each row's
            # vector until it has a page (which rows the sort gets, and through which index, is
            # the planner's choice for a table this small).
            assert re.search(r"^\s*(->\s*)?(Incremental )?Sort\b", plan, re.MULTILINE), (hit, plan)
            assert not re.search(r"(?<!Bitmap )Index (Only )?Scan (Backward )?using \S+", plan), (hit, plan)
