"""Point Django's ``default`` database somewhere else for a block: a database other processes
(workers, a replica) can share, which pytest-django's in-memory SQLite test database is not."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.utils import load_backend


def full_settings(settings_dict: dict[str, Any]) -> dict[str, Any]:
    """A settings dict with Django's defaults filled in, as ConnectionHandler would."""
    return connections.configure_settings({"default": dict(settings_dict)})["default"]


@contextmanager
def database_as(alias: str, settings_dict: dict[str, Any]) -> Iterator[Any]:
    """Make ``alias`` (this thread's) use ``settings_dict``; the old connection is untouched.

    The old connection is kept aside, not closed: closing the last connection of an in-memory
    SQLite database would destroy pytest-django's test database.
    """
    from django.contrib.contenttypes.models import ContentType

    previous = getattr(connections._connections, alias, None)
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        full_settings(settings_dict), alias
    )
    connections[alias] = wrapper
    ContentType.objects.clear_cache()  # its ids are the other database's
    try:
        yield wrapper
    finally:
        wrapper.close()
        if previous is not None:
            connections[alias] = previous
        else:
            delattr(connections._connections, alias)
        ContentType.objects.clear_cache()


def url_of(settings_dict: dict[str, Any]) -> str:
    """The DATABASE_URL a subprocess needs to open the same database."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"
