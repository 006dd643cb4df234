"""Read replicas: public reads go to DATABASE_REPLICA_URLS, everything else to the primary.

Reads use a replica only inside a request the middleware marked as a public read: GET/HEAD,
not the admin, from a browser without a session (editors have one) and without a write of
its own in the last DATABASE_PRIMARY_PIN_SECONDS. Everything else — the desk, workers,
management commands, every write, reads inside a transaction, sessions and users — uses the
primary, so an editor always reads what they wrote.

A request reads from one replica, chosen at its first read. A replica lagging more than
DATABASE_REPLICA_MAX_LAG seconds, or unreachable, is skipped for DATABASE_REPLICA_CHECK_SECONDS;
with none left, readers read the primary. A reader may thus see the archive up to that lag
behind the desk, never further. Code that reads with a raw cursor on a public page should take
its connection from ``router.db_for_read(model)``, so it sees what the page's queries see.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

log = logging.getLogger(__name__)

PRIMARY = "default"
PIN_COOKIE = "newsroom_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Logins, sessions and permissions are read right after they are written: always the primary.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "admin", "contenttypes"})

class _Reads:
    """A block's (a request's) replica reads: all from one replica, chosen at the first read,
    so a page never mixes two replicas' pasts."""

    __slots__ = ("alias",)

    def __init__(self) -> None:
        self.alias: str | None = None


_replica_reads: ContextVar[_Reads | None] = ContextVar("replica_reads", default=None)


@contextmanager
def replica_reads(enabled: bool = True) -> Iterator[None]:
    """Let reads in this block use a replica (what the middleware does for public pages)."""
    token = _replica_reads.set(_Reads() if enabled else None)
    try:
        yield
    finally:
        _replica_reads.reset(token)


# alias -> (checked at, usable); per process, shared by its threads.
_health: dict[str, tuple[float, bool]] = {}
_health_lock = threading.Lock()

LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""


def replica_lag(alias: str) -> float:
    """Seconds the replica is behind what it has received (0 when it has replayed it all)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute(LAG_SQL)
        return float(cursor.fetchone()[0])


def _usable(alias: str) -> bool:
    now = time.monotonic()
    with _health_lock:
        checked = _health.get(alias)
    if checked and now - checked[0] < settings.DATABASE_REPLICA_CHECK_SECONDS:
        return checked[1]
    try:
        lag = replica_lag(alias)
        usable = lag <= settings.DATABASE_REPLICA_MAX_LAG
        if not usable:
            log.warning("replica %s is %.1f s behind: reading the primary", alias, lag)
    except DatabaseError:
        log.warning("replica %s unreachable: reading the primary", alias, exc_info=True)
        connections[alias].close()
        usable = False
    with _health_lock:
        _health[alias] = (now, usable)
    return usable


def forget_replica_health() -> None:
    with _health_lock:
        _health.clear()


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        replicas = settings.DATABASE_REPLICAS
        reads = _replica_reads.get()
        if not replicas or reads is None:
            return PRIMARY if replicas else None
        if model._meta.app_label in PRIMARY_ONLY_APPS or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if reads.alias is None:
            usable = [alias for alias in replicas if _usable(alias)]
            reads.alias = random.choice(usable) if usable else PRIMARY  # spreads the readers
        return reads.alias

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return PRIMARY if settings.DATABASE_REPLICAS else None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # every database holds the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db not in settings.DATABASE_REPLICAS  # replicas follow the primary's WAL


class ReplicaReadsMiddleware:
    """Marks public reads for the router and pins a browser that has just written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._admin_prefix: str | None = None

    def _is_public_read(self, request: HttpRequest) -> bool:
        if request.method not in SAFE_METHODS:
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or PIN_COOKIE in request.COOKIES:
            return False  # an editor (or a browser that just wrote) reads its own writes
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        return not request.path_info.startswith(self._admin_prefix)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.DATABASE_REPLICAS:
            return self.get_response(request)
        with replica_reads(self._is_public_read(request)):
            response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE, "1", max_age=settings.DATABASE_PRIMARY_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
            )
        return response
