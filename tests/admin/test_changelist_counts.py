"""The article changelist's result count when filtered by a tag (issue 12: 1M articles)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import ArticleFactory, TagFactory

CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def tagged(db):
    flood, economy = TagFactory(name="防汛"), TagFactory(name="经济")
    published = [ArticleFactory(is_published=True) for _ in range(3)]
    draft = ArticleFactory(is_published=False)
    for article in [*published, draft]:
        article.tags.add(flood)
    published[0].tags.add(economy)
    ArticleFactory(is_published=True)  # untagged
    return {"flood": flood, "economy": economy, "published": published, "draft": draft}


def _count_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_tag_alone_is_counted_from_the_tag_links_without_reading_articles(chief_client, tagged):
    with CaptureQueriesContext(connection) as ctx:
        response = chief_client.get(f"{CHANGELIST}?tag={tagged['flood'].pk}")
    assert response.status_code == 200
    cl = response.context["cl"]
    assert cl.result_count == 4  # drafts included: the desk sees every article
    assert sorted(a.pk for a in cl.result_list) == sorted(a.pk for a in [*tagged["published"], tagged["draft"]])
    counts = _count_queries(ctx)
    assert len(counts) == 1
    assert Article.tags.through._meta.db_table in counts[0]
    assert f'FROM "{Article._meta.db_table}"' not in counts[0].replace("`", '"')


def test_tag_with_other_filters_or_a_search_counts_the_filtered_articles(chief_client, tagged):
    flood = tagged["flood"].pk
    assert chief_client.get(f"{CHANGELIST}?tag={flood}&is_published__exact=1").context["cl"].result_count == 3
    assert chief_client.get(f"{CHANGELIST}?tag={flood}&is_published__exact=0").context["cl"].result_count == 1
    headline = tagged["published"][1].headline
    assert chief_client.get(f"{CHANGELIST}?tag={flood}&q={headline}").context["cl"].result_count == 1
    # Paging and ordering do not change what is counted.
    assert chief_client.get(f"{CHANGELIST}?tag={tagged['economy'].pk}&o=3").context["cl"].result_count == 1
    assert chief_client.get(f"{CHANGELIST}?tag=abc").status_code in (200, 302)


def test_tag_filter_costs_the_same_number_of_queries_as_the_plain_changelist(chief_client, tagged):
    chief_client.get(CHANGELIST)  # warm per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as plain:
        chief_client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as by_tag:
        chief_client.get(f"{CHANGELIST}?tag={tagged['flood'].pk}")
    assert len(by_tag.captured_queries) == len(plain.captured_queries)
