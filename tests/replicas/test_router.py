"""Readers on a real streaming replica; the desk, writes and read-after-write on the primary."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, router, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Issue
from newsroom.routers import PIN_COOKIE, forget_replica_health, replica_reads
from tests.factories import ArticleFactory, UserFactory
from tests.jobs.databases import database_as
from tests.replicas.conftest import Pair, free_port

pytestmark = pytest.mark.usefixtures("replicated")


@pytest.fixture(autouse=True)
def _replica_settings(settings, replicated: Pair) -> Iterator[None]:
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0  # look at the lag on every read
    settings.DATABASE_REPLICA_MAX_LAG = 3600
    forget_replica_health()
    yield
    forget_replica_health()
    Issue.objects.all().delete()
    get_user_model().objects.all().delete()
    replicated.wait_caught_up()


def published(headline: str) -> Article:
    return ArticleFactory(headline=headline)


class Reads:
    """How many queries each database answered during the block."""

    def __enter__(self) -> Reads:
        self._primary = CaptureQueriesContext(connections["default"]).__enter__()
        self._replica = CaptureQueriesContext(connections["replica1"]).__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._replica.__exit__(*exc)
        self._primary.__exit__(*exc)

    @property
    def primary(self) -> int:
        return len(self._primary)

    @property
    def replica(self) -> int:
        return len(self._replica)

    @property
    def replica_data_reads(self) -> int:
        """Replica queries other than the router's lag checks."""
        return sum("pg_last_wal_replay_lsn" not in q["sql"] for q in self._replica.captured_queries)


def editor_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="zhubian", is_staff=True, is_superuser=True))
    return client


def test_readers_read_the_replica_and_the_desk_reads_the_primary(replicated):
    article = published("防汛演练在荆州区举行")
    replicated.wait_caught_up()
    page = reverse("articles:article_detail", args=[article.pk])

    reader = Client()
    with Reads() as reads:
        assert reader.get(page).status_code == 200
        assert reader.get("/api/articles/").json()["count"] == 1
    assert reads.replica > 0 and reads.primary == 0

    editor = editor_client()
    with Reads() as reads:
        admin_page = reverse("admin:articles_article_change", args=[article.pk])
        assert editor.get(admin_page).status_code == 200
        assert editor.get(page).status_code == 200  # an editor on the public site, too
    assert reads.primary > 0 and reads.replica == 0


def test_while_the_replica_lags_readers_see_the_archive_as_it_was_and_editors_their_writes(
    replicated, settings
):
    published("旧闻")
    replicated.wait_caught_up()
    replicated.sql(replicated.replica, "SELECT pg_wal_replay_pause()")
    try:
        fresh = published("刚刚发布的新闻")
        wait_until_received_not_replayed(replicated)
        page = reverse("articles:article_detail", args=[fresh.pk])

        # A reader meets the replica's past: the new article is not there yet.
        reader = Client()
        assert reader.get(page).status_code == 404
        listing = reader.get("/articles/").content.decode()
        assert "旧闻" in listing and "刚刚发布的新闻" not in listing

        # The editor who published it reads the primary and sees it.
        assert editor_client().get(page).status_code == 200

        # A browser that has just sent a form reads the primary for a while.
        writer = Client()
        response = writer.post(reverse("admin:login"), {"username": "x", "password": "y"})
        assert response.cookies[PIN_COOKIE]["max-age"] == settings.DATABASE_PRIMARY_PIN_SECONDS
        assert writer.get(page).status_code == 200

        # Once the replica is further behind than allowed, readers are sent to the primary.
        settings.DATABASE_REPLICA_MAX_LAG = 0.5
        time.sleep(1)
        with Reads() as reads:
            assert Client().get(page).status_code == 200
        assert reads.primary > 0 and reads.replica_data_reads == 0
        settings.DATABASE_REPLICA_MAX_LAG = 3600
    finally:
        replicated.sql(replicated.replica, "SELECT pg_wal_replay_resume()")

    replicated.wait_caught_up()
    with Reads() as reads:
        assert Client().get(page).status_code == 200
    assert reads.replica_data_reads > 0 and reads.primary == 0


def test_a_page_cached_while_the_replica_lags_is_not_served_after_it_catches_up(replicated):
    published("旧闻")
    replicated.wait_caught_up()
    replicated.sql(replicated.replica, "SELECT pg_wal_replay_pause()")
    try:
        published("刚刚发布的新闻")
        wait_until_received_not_replayed(replicated)
        # The shared first page is rendered from the replica's past and cached: it must be
        # cached under the replica's publication stamp, not the primary's newer one.
        stale = Client().get("/articles/").content.decode()
        assert "刚刚发布的新闻" not in stale
    finally:
        replicated.sql(replicated.replica, "SELECT pg_wal_replay_resume()")
    replicated.wait_caught_up()
    assert "刚刚发布的新闻" in Client().get("/articles/").content.decode()


def wait_until_received_not_replayed(pair: Pair, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    query = "SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()"
    while not pair.sql(pair.replica, query):
        assert time.monotonic() < deadline, "the replica never received the new WAL"
        time.sleep(0.05)


def test_writes_transactions_and_logins_use_the_primary_even_during_a_public_read(replicated):
    article = published("原标题")
    replicated.wait_caught_up()
    with replica_reads():
        assert router.db_for_read(Article) == "replica1"
        assert router.db_for_write(Article) == "default"
        assert router.db_for_read(get_user_model()) == "default"
        # The replica is read-only: this would fail there.
        Article.objects.filter(pk=article.pk).update(headline="改过的标题")
        with transaction.atomic():
            assert router.db_for_read(Article) == "default"
            assert Article.objects.get(pk=article.pk).headline == "改过的标题"
    assert router.db_for_read(Article) == "default"  # outside a public request
    assert router.allow_migrate("replica1", "articles") is False
    assert router.allow_migrate("default", "articles") is True


def test_a_replica_that_is_down_sends_readers_to_the_primary(replicated, settings):
    article = published("备用")
    down = {**replicated.replica.settings(), "PORT": str(free_port()),
            "OPTIONS": {"connect_timeout": 2}}
    with database_as("replica2", down):
        settings.DATABASE_REPLICAS = ["replica2"]
        response = Client().get(reverse("articles:article_detail", args=[article.pk]))
    assert response.status_code == 200


def test_no_replicas_configured_changes_nothing(settings):
    settings.DATABASE_REPLICAS = []
    with replica_reads():
        assert router.db_for_read(Article) == "default"
    response = Client().post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert PIN_COOKIE not in response.cookies


def test_a_request_reads_from_one_replica_only(replicated, settings):
    article = published("一页只读一个副本")
    replicated.wait_caught_up()
    with database_as("replica2", replicated.replica.settings()):
        settings.DATABASE_REPLICAS = ["replica1", "replica2"]
        used = set()
        for _ in range(20):
            with (
                CaptureQueriesContext(connections["replica1"]) as one,
                CaptureQueriesContext(connections["replica2"]) as two,
            ):
                assert Client().get(reverse("articles:article_detail", args=[article.pk])).status_code == 200
            data = [len([q for q in c if "pg_last_wal" not in q["sql"]]) for c in (one, two)]
            assert min(data) == 0 and max(data) > 1, data  # never both within one page
            used.add(data.index(max(data)))
    assert used == {0, 1}  # and readers are spread over both
