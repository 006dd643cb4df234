"""The publication generation: a stamp the database changes whenever reader-visible data changes.

Pages that are the same for every reader are cached under the current stamp (see
``articles.site.page_cache``). Triggers on every table a public page reads change it in the
same transaction as the change, so a publish, an unpublish or a correction — made by any path:
the admin, a service, ``QuerySet.update()``, the importer, a spreadsheet import, another web
node — gives every process on every node a new cache key the moment it commits, and a cached
page is never older than the stamp it is filed under (the stamp is read before the page's own
queries).

SQLite: one row set to a new random number by row triggers (SQLite has no statement triggers
and runs one writer at a time, so the row costs no extra waiting). Random rather than +1: a
value written by a transaction that was rolled back is never taken again by a later one, so a
page rendered inside that transaction can never come back.

PostgreSQL: statement triggers. Other sessions see a change when it commits, through a few
counter rows raised once per transaction and taken with ``SKIP LOCKED``: a transaction holds
its row's lock until it commits, and with one shared row a long import would make every
editor's save wait for it (or deadlock against row locks taken in the other order). The
writing session itself sees every statement's change at once, through a transaction-local
setting set to a new random value (rolled back with the statement's savepoint, if it is).

Installed by a migration (like the search index's triggers); nothing in Python writes it.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections, router

from articles.models import Article, ArticlePerson, Issue, Photo, Tag
from people.models import Person, PersonAlias

TABLE = "site_publication_generation"
# PostgreSQL: the writing session's own stamp, local to its transaction.
LOCAL_SETTING = "newsroom.publication_local"
# PostgreSQL: this many counter rows, so this many transactions can change the archive at once
# without waiting for one another.
PG_SLOTS = 16


def watched_tables() -> list[str]:
    """Every table whose rows a public page, feed, sitemap or API response shows.

    The scanned-page tables (``Page``, ``PageLine``, ``ArticleRegion``) need no trigger of their
    own: their rows are written only by an import, in the transaction that writes the issue's
    articles, and removed only with their issue, and both of those raise the stamp.
    """
    return [
        Article._meta.db_table,
        Article.tags.through._meta.db_table,
        ArticlePerson._meta.db_table,
        Tag._meta.db_table,
        Issue._meta.db_table,
        Photo._meta.db_table,
        Photo.photographers.through._meta.db_table,
        Person._meta.db_table,
        PersonAlias._meta.db_table,
    ]


def current() -> str:
    """The stamp now: one tiny query, answered from a table of at most 16 rows.

    Read from the database the page's own queries read (a replica for a public page, when
    replicas are configured): a stamp from the primary over a page rendered from a lagging
    replica would cache that stale page under the new stamp."""
    connection = connections[router.db_for_read(Article) or DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT string_agg(n::text, '.' ORDER BY slot) || '/' "  # noqa: S608 -- constants only
            f"|| COALESCE(current_setting('{LOCAL_SETTING}', true), '') FROM {TABLE}"
        )
    else:
        sql = f"SELECT n FROM {TABLE}"  # noqa: S608 -- constants only
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return str(cursor.fetchone()[0])


# --- Installation (called by the migration) ------------------------------------------------

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION site_publication_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_change boolean := COALESCE(current_setting('{LOCAL_SETTING}', true), '') = '';
BEGIN
    -- This session's view changes with every statement (a savepoint rolled back restores it).
    PERFORM set_config('{LOCAL_SETTING}', random()::text, true);
    -- Other sessions': once per transaction, visible exactly when it commits.
    IF first_change THEN
        UPDATE {TABLE} SET n = n + 1
         WHERE slot = (SELECT slot FROM {TABLE} ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED);
        IF NOT FOUND THEN
            -- Every row is held by another open transaction: wait for one.
            UPDATE {TABLE} SET n = n + 1 WHERE slot = 0;
        END IF;
    END IF;
    RETURN NULL;
END
$$;
"""  # noqa: S608 -- constants only


def _sqlite_statements(table: str) -> list[str]:
    bump = f"UPDATE {TABLE} SET n = random() WHERE slot = 0;"  # noqa: S608 -- constants only
    return [
        f"CREATE TRIGGER site_publication_{table}_{event.lower()} AFTER {event} ON {table} BEGIN {bump} END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def install(schema_editor) -> None:
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        execute(f"CREATE TABLE {TABLE} (slot smallint PRIMARY KEY, n bigint NOT NULL DEFAULT 0)")
        execute(f"INSERT INTO {TABLE} (slot, n) SELECT s, 0 FROM generate_series(0, {PG_SLOTS - 1}) AS s")  # noqa: S608
        execute(_PG_FUNCTION)
        for table in watched_tables():
            execute(
                f"CREATE TRIGGER site_publication_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION site_publication_bump()"
            )
    elif vendor == "sqlite":
        execute(f"CREATE TABLE {TABLE} (slot integer PRIMARY KEY, n integer NOT NULL DEFAULT 0)")
        execute(f"INSERT INTO {TABLE} (slot, n) VALUES (0, 0)")  # noqa: S608
        for table in watched_tables():
            for statement in _sqlite_statements(table):
                execute(statement)
    else:
        raise NotImplementedError(f"no publication generation for {vendor}")


def uninstall(schema_editor) -> None:
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    for table in watched_tables():
        if vendor == "postgresql":
            execute(f"DROP TRIGGER IF EXISTS site_publication_{table} ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                execute(f"DROP TRIGGER IF EXISTS site_publication_{table}_{event}")
    if vendor == "postgresql":
        execute("DROP FUNCTION IF EXISTS site_publication_bump()")
    execute(f"DROP TABLE IF EXISTS {TABLE}")
