"""Installing and removing the index (the migration's steps), on either database."""

from __future__ import annotations

from articles.search.postgres import POSTGRES_INSTALL_SQL, POSTGRES_UNINSTALL_SQL
from articles.search.sqlite import SQLITE_INSTALL_SQL, SQLITE_UNINSTALL_SQL, rebuild_sqlite_index


def install(schema_editor) -> None:
    """Migration step: create the index (and on SQLite fill it from existing articles)."""
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for sql in SQLITE_INSTALL_SQL:
            schema_editor.execute(sql, params=None)
        rebuild_sqlite_index(connection)
    elif connection.vendor == "postgresql":
        for sql in POSTGRES_INSTALL_SQL:
            schema_editor.execute(sql, params=None)


def uninstall(schema_editor) -> None:
    connection = schema_editor.connection
    statements = {"sqlite": SQLITE_UNINSTALL_SQL, "postgresql": POSTGRES_UNINSTALL_SQL}
    for sql in statements.get(connection.vendor, ()):
        schema_editor.execute(sql, params=None)

