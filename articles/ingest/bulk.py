"""Database helpers for writing many rows fast and safely (the importer and the archive builder)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import OperationalError, connection
from django.db.models import Field, Model, Value
from django.utils import timezone
from django.utils.functional import cached_property

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
    import, which is safe by design, brings them back. Editors' work never goes through
    here. Call inside ``transaction.atomic()``.
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


# Field types whose Python value (str, int, bool, None) is what the database driver is given
# anyway: the ORM's conversion of them changes nothing, so it is skipped.
_AS_IS = frozenset({
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "ForeignKey",
    "IntegerField", "OneToOneField", "PositiveBigIntegerField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SlugField", "SmallAutoField", "SmallIntegerField", "TextField",
})


def _insert_cursor() -> Any:
    """A cursor for the row inserts.

    On PostgreSQL it binds parameters on the server: the values travel beside the statement
    instead of being quoted into it in Python (one regex pass per value) and parsed back out
    of megabytes of SQL text by the server. Django's own cursors bind on the client.

    Under ``DEBUG`` Django logs each query with its parameters inlined (on SQLite through an
    extra ``SELECT QUOTE(…)`` of every one): for an import's bulk inserts that is megabytes of
    text per file, kept for nobody, and more CPU than the insert. So these inserts are only
    logged when logging is forced (``CaptureQueriesContext``, query-count tests).
    """
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        from django.db.backends.postgresql.base import ServerBindingCursor

        raw = ServerBindingCursor(connection.connection)
    else:
        raw = connection.create_cursor()
    if connection.force_debug_cursor:
        return connection.make_debug_cursor(raw)
    return connection.make_cursor(raw)


class RowInserter:
    """Many rows of one model in one statement, its SQL worked out once.

    SQLite: ``INSERT INTO t (…) VALUES (…), (…) [RETURNING …]``; PostgreSQL: ``INSERT INTO t
    (…) SELECT * FROM UNNEST(…)`` with one binary array per column (see ``_insert_unnest``).

    ``bulk_create`` compiles every value of every row through the ORM (pre_save, prep value,
    SQL per field, on top of the model instances themselves): most of the importer's own CPU.
    Here the columns, which of them need converting and the defaults of the columns not
    given are settled once per model; a row is a sequence of plain values in ``columns``
    order. A value the driver cannot take as it is (a date, a time, JSON) goes through the
    field's own ``get_db_prep_save``, so what is stored is what ``bulk_create`` stores.
    Columns not given get their field's default, computed once per call (``auto_now`` and
    ``auto_now_add`` fields: now). No signals are sent, as with ``bulk_create``.
    """

    def __init__(self, model: type[Model], columns: Sequence[str]) -> None:
        opts = model._meta
        self.model = model
        self.fields: list[Field] = [opts.get_field(name) for name in columns]  # type: ignore[misc]
        given = set(self.fields)
        self.rest: list[Field] = [
            f for f in opts.concrete_fields
            if not f.primary_key and f not in given and not f.generated
        ]
        # The given columns whose values need converting, by position.
        self._convert = [
            (index, field) for index, field in enumerate(self.fields)
            if field.get_internal_type() not in _AS_IS
        ]
        self._sql: tuple[str, str, int] | None = None

    @classmethod
    def for_objects(cls, model: type[Model]) -> RowInserter:
        """For :meth:`insert_objects`: every column an instance carries (the pk and the
        ``auto_now`` stamps, which the insert sets, aside)."""
        return cls(model, [
            f.attname for f in model._meta.concrete_fields
            if not f.primary_key and not f.generated
            and not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        ])

    def _statement(self) -> tuple[str, str, int]:
        """SQLite's statement head, one row's placeholders and rows per statement (built on
        first use: the connection decides the quoting and the parameter limit)."""
        if self._sql is None:
            quote = connection.ops.quote_name
            names = ", ".join(quote(f.column) for f in (*self.fields, *self.rest))
            width = len(self.fields) + len(self.rest)
            limit = connection.features.max_query_params
            self._sql = (
                f"INSERT INTO {quote(self.model._meta.db_table)} ({names}) VALUES ",  # noqa: S608 -- names from the model, values are parameters
                "(" + ", ".join(["%s"] * width) + ")",
                max(1, limit // width) if limit else 1000,
            )
        return self._sql

    def _column(self, name: str) -> str:
        opts = self.model._meta
        field = opts.pk if name == "pk" else opts.get_field(name)
        return connection.ops.quote_name(field.column)  # type: ignore[union-attr]

    def insert(
        self,
        rows: Sequence[Sequence[Any]],
        *,
        returning: Sequence[str] = (),
        ignore_conflicts: bool = False,
        now: datetime.datetime | None = None,
    ) -> list[tuple[Any, ...]]:
        """Insert ``rows``; with ``returning``, those columns of each row inserted, in order.

        Without ``ignore_conflicts`` that is one tuple per row given (the order of a
        multi-row ``INSERT … RETURNING``, which ``bulk_create`` relies on too); with it,
        the rows actually inserted — none reported where the database cannot say.
        """
        if not rows:
            return []
        now = now or timezone.now()
        tail = [
            field.get_db_prep_save(
                now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                else field.get_default(),
                connection,
            )
            for field in self.rest
        ]
        suffix = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        can_return = connection.features.can_return_rows_from_bulk_insert
        if returning and can_return:
            suffix += " RETURNING " + ", ".join(self._column(name) for name in returning)
        rows = self._converted(rows)
        with _insert_cursor() as cursor:
            if connection.vendor == "postgresql":
                return self._insert_unnest(cursor, rows, tail, suffix, returning=bool(returning))
            head, row_sql, per_statement = self._statement()
            if returning and not can_return and not ignore_conflicts:
                per_statement = 1  # old SQLite: one row a statement, its id from lastrowid
            returned: list[tuple[Any, ...]] = []
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                params: list[Any] = []
                for row in chunk:
                    params.extend(row)
                    params.extend(tail)
                cursor.execute(head + ", ".join([row_sql] * len(chunk)) + suffix, params)
                if returning and can_return:
                    returned.extend(tuple(r) for r in cursor.fetchall())
                elif returning and not ignore_conflicts:
                    returned.append((cursor.lastrowid,))
            return returned

    def _converted(self, rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
        if not self._convert:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for index, field in self._convert:
                row[index] = field.get_db_prep_save(row[index], connection)
            converted.append(row)
        return converted

    def _insert_unnest(
        self, cursor: Any, rows: Sequence[Sequence[Any]], tail: list[Any], suffix: str,
        *, returning: bool,
    ) -> list[tuple[Any, ...]]:
        """PostgreSQL: one statement whatever the number of rows, each column one array.

        Its text is the same for every call, so the driver converts it once (a multi-row
        VALUES of a new length each time is re-scanned for its thousands of placeholders),
        and the server parses a short statement instead of one with every value in it.
        """
        sql = self._unnest_sql + suffix
        columns = [list(column) for column in zip(*rows, strict=True)]
        cursor.execute(sql, [*tail, *columns])
        return [tuple(r) for r in cursor.fetchall()] if returning else []

    @cached_property
    def _unnest_sql(self) -> str:
        quote = connection.ops.quote_name

        def cast(field: Field) -> str:
            # Without a length: the values were cut to the columns' lengths already, and
            # the column's own type still checks them.
            return field.db_type(connection).split("(")[0]  # type: ignore[union-attr]

        names = ", ".join(quote(f.column) for f in (*self.fields, *self.rest))
        defaults = "".join(f", (%s)::{cast(f)}" for f in self.rest)
        # Binary arrays: in text format the driver would quote every element with a regex.
        arrays = ", ".join(f"(%b)::{cast(f)}[]" for f in self.fields)
        return (
            f"INSERT INTO {quote(self.model._meta.db_table)} ({names}) "  # noqa: S608 -- names from the model, values are parameters
            f"SELECT *{defaults} FROM UNNEST({arrays})"
        )

    def insert_objects(self, objs: Sequence[Model]) -> None:
        """Insert unsaved instances (their ``columns``, the rest by default), giving each its
        new primary key and, as ``bulk_create`` does, the time of its ``auto_now`` fields."""
        if not objs:
            return
        now = timezone.now()
        names = [f.attname for f in self.fields]
        rows = [[getattr(obj, name) for name in names] for obj in objs]
        pks = self.insert(rows, returning=("pk",), now=now)
        stamped = [
            f.attname for f in self.rest
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        alias = connection.alias
        for obj, (pk,) in zip(objs, pks, strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = alias
            for name in stamped:
                setattr(obj, name, now)


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
