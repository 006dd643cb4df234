"""Database helpers for writing many rows fast and safely (the importer and the archive builder)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import OperationalError, connection
from django.db.models import Value

T = TypeVar("T")

# How long to wait before each new attempt when SQLite says another process holds the write
# lock. Each attempt itself already waits the connection's busy timeout (20 s in settings):
# together about two minutes, far more than one file's transaction of another import takes.
LOCK_RETRY_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)


def relax_commit_durability() -> None:
    """Let PostgreSQL acknowledge this transaction's commit before its WAL reaches the disk.

    A commit otherwise waits for an fsync (milliseconds, often more than writing the issue).
    The transaction stays atomic: a crash within the WAL writer's delay (well under a
    second) can lose the last files imported — whole, never half — and re-running the
    import, which is safe by design, brings them back. Call inside ``transaction.atomic()``.
    """
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


@contextmanager
def plain_multirow_insert(objs: list[Any], field: str) -> Iterator[None]:
    """On PostgreSQL, make ``bulk_create`` write ``INSERT … VALUES (…), (…)``, not UNNEST.

    Django 5.2 bulk-inserts there through ``UNNEST(%s::text[], …)``, and with Django's
    client-side parameter binding psycopg quotes every element of those arrays in Python,
    one regex substitution per quote character. For OCR text and JSON snapshots that cost
    more than all the rest of the writing (measured: 10 → 6.5 ms of CPU per issue). Django
    keeps plain multi-row VALUES when a value is an expression, so ``field`` is wrapped in
    ``Value`` for the insert and restored after.
    """
    if connection.vendor != "postgresql" or len(objs) < 2:
        yield
        return
    values = [getattr(obj, field) for obj in objs]
    for obj, value in zip(objs, values, strict=True):
        setattr(obj, field, Value(value))
    try:
        yield
    finally:
        for obj, value in zip(objs, values, strict=True):
            setattr(obj, field, value)


def is_lock_contention(exc: BaseException) -> bool:
    """SQLite's "database is locked": another process is writing; waiting helps."""
    message = str(exc).lower()
    return isinstance(exc, OperationalError) and ("locked" in message or "busy" in message)


class DatabaseBusyError(Exception):
    """The database stayed locked by another writer through every retry."""


def retry_when_locked(work: Callable[[], T], *, on_retry: Callable[[], None] | None = None) -> T:
    """Run ``work`` (one whole transaction), again after a pause while the database is locked.

    ``on_retry`` runs before each new attempt (to drop state the rolled-back attempt left).
    """
    delays = iter(LOCK_RETRY_DELAYS)
    while True:
        try:
            return work()
        except OperationalError as exc:
            if not is_lock_contention(exc):
                raise
            delay = next(delays, None)
            if delay is None:
                raise DatabaseBusyError(
                    f"数据库被另一个进程占用，重试 {len(LOCK_RETRY_DELAYS)} 次后仍未成功，"
                    f"稍后重新运行即可 (database is locked: {exc})"
                ) from exc
            if on_retry is not None:
                on_retry()
            time.sleep(delay)
