"""The people list at scale: its count and credit totals are kept per publication generation."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticlePerson

MENTIONED = ArticlePerson.Role.MENTIONED
CORRESPONDENT = ArticlePerson.Role.CORRESPONDENT


def _counts(response) -> dict[str, dict[str, int]]:
    return {person.name: person.role_counts for person in response.context["people"]}


def test_a_second_reader_gets_the_counts_without_counting_credits_again(client, archive):
    first = client.get("/people/")
    with CaptureQueriesContext(connection) as ctx:
        second = client.get("/people/")
    assert _counts(second) == _counts(first)
    assert _counts(second)["朱翊"] == {MENTIONED: 2}
    assert second.context["paginator"].count == 3
    credit_table = ArticlePerson._meta.db_table
    assert not [q["sql"] for q in ctx.captured_queries if credit_table in q["sql"] and "COUNT(" in q["sql"].upper()]
    assert not [q["sql"] for q in ctx.captured_queries if q["sql"].upper().startswith("SELECT COUNT(")]


def test_publishing_or_withdrawing_changes_the_counts_at_once(client, archive):
    assert "秘密人物" not in _counts(client.get("/people/"))
    # A draft that credits a listed person and an unlisted one: neither shows until published.
    draft = archive["draft"]
    ArticlePerson.objects.create(article=draft, person=archive["zhu"], role=MENTIONED)
    before = client.get("/people/")
    assert _counts(before)["朱翊"] == {MENTIONED: 2}
    assert before.context["paginator"].count == 3
    Article.objects.filter(pk=draft.pk).update(is_published=True)
    published = client.get("/people/")
    assert _counts(published)["朱翊"] == {MENTIONED: 3}
    assert _counts(published)["秘密人物"] == {CORRESPONDENT: 1}
    assert published.context["paginator"].count == 4
    Article.objects.filter(pk=draft.pk).update(is_published=False)
    withdrawn = client.get("/people/")
    assert _counts(withdrawn)["朱翊"] == {MENTIONED: 2}
    assert "秘密人物" not in _counts(withdrawn)
    assert withdrawn.context["paginator"].count == 3


def test_each_filter_has_its_own_count(client, archive):
    assert client.get("/people/").context["paginator"].count == 3
    assert client.get("/people/?role=photographer").context["paginator"].count == 1
    assert client.get("/people/?name=朱翎").context["paginator"].count == 1
    assert client.get("/people/?page=2").context["paginator"].count == 3


def test_warm_pages_cost_the_same_queries_whatever_the_filter(client, archive, django_assert_num_queries):
    for path in ("/people/", "/people/?role=correspondent"):
        client.get(path)
    with django_assert_num_queries(2):  # the publication stamp, the page of people
        client.get("/people/")
    with django_assert_num_queries(2):
        client.get("/people/?role=correspondent")
