"""SQLite: a contentless FTS5 table of bigrams kept in sync by triggers, and the walk's test."""

from __future__ import annotations

from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.expressions import RawSQL

from articles.search.nfkc import python_sensitive_re
from articles.search.query import SearchQuery
from articles.search.text import WHITESPACE_RE, index_text, normalise


def index_condition(query: SearchQuery, *, title_only: bool) -> Q:
    # The reader's query is a parameter, never SQL text.
    matches = RawSQL(
        "SELECT rowid FROM articles_search WHERE articles_search MATCH %s",
        [query.fts5_match(title_only=title_only)],
    )
    return Q(pk__in=matches)


class _SqliteContains(Func):
    """``newsroom_search_contains(term, text, ...)``: a text, normalised, contains the term."""

    function = "newsroom_search_contains"
    output_field = BooleanField()


def substring_condition(query: SearchQuery, *, title_only: bool) -> Q:
    # Each row tested in Python (see _sqlite_contains): for walking the newest articles.
    condition = Q()
    for term in query.terms:
        fields = [F("kicker"), F("headline"), F("subheadline")] if title_only else [F("body"), F("kicker"), F("headline"), F("subheadline")]
        condition &= Q(_SqliteContains(Value(term), *fields))
    return condition


# The functions the triggers (and the walk) call.


def _sqlite_search_text(*fields: str | None) -> str:
    return index_text(*fields)


def _sqlite_contains(term: str, *texts: str | None) -> int:
    """1 when one of ``texts``, normalised, contains ``term`` (verbatim is checked first)."""
    sensitive = python_sensitive_re()
    for text in texts:
        if not text:
            continue
        if term in text:
            return 1
        # As on PostgreSQL (_NormalisedContains): full NFKC only when it could matter.
        if term in (normalise(text) if sensitive.search(text) else WHITESPACE_RE.sub("", text)):
            return 1
    return 0



def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give every SQLite connection the trigger's function."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("newsroom_search_text", 1, _sqlite_search_text, deterministic=True)
    raw.create_function("newsroom_search_text", 3, _sqlite_search_text, deterministic=True)
    raw.create_function("newsroom_search_contains", -1, _sqlite_contains, deterministic=True)


SQLITE_INSTALL_SQL: tuple[str, ...] = (
    # Contentless: the bigram text is not stored twice, only the inverted index and sizes.
    # The ascii tokenizer splits on ASCII punctuation/space only, so each of our tokens is
    # one FTS token; prefix='1' makes one-character (prefix) queries an index lookup.
    "CREATE VIRTUAL TABLE articles_search USING fts5("
    "title, body, content='', prefix='1', tokenize='ascii')",
    "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles_article BEGIN "
    "INSERT INTO articles_search(rowid, title, body) VALUES (new.id, "
    "newsroom_search_text(new.kicker, new.headline, new.subheadline), "
    "newsroom_search_text(new.body)); END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles_article BEGIN "
    "INSERT INTO articles_search(articles_search, rowid, title, body) VALUES ('delete', old.id, "
    "newsroom_search_text(old.kicker, old.headline, old.subheadline), "
    "newsroom_search_text(old.body)); END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF kicker, headline, subheadline, body "
    "ON articles_article WHEN old.kicker IS NOT new.kicker OR old.headline IS NOT new.headline "
    "OR old.subheadline IS NOT new.subheadline OR old.body IS NOT new.body BEGIN "
    "INSERT INTO articles_search(articles_search, rowid, title, body) VALUES ('delete', old.id, "
    "newsroom_search_text(old.kicker, old.headline, old.subheadline), "
    "newsroom_search_text(old.body)); "
    "INSERT INTO articles_search(rowid, title, body) VALUES (new.id, "
    "newsroom_search_text(new.kicker, new.headline, new.subheadline), "
    "newsroom_search_text(new.body)); END",
)

SQLITE_UNINSTALL_SQL: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS articles_search_update",
    "DROP TRIGGER IF EXISTS articles_search_delete",
    "DROP TRIGGER IF EXISTS articles_search_insert",
    "DROP TABLE IF EXISTS articles_search",
)


def rebuild_sqlite_index(connection) -> None:
    """Re-index every article (after a migration, or a change to the tokenisation)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO articles_search(articles_search) VALUES ('delete-all')")
        cursor.execute(
            "INSERT INTO articles_search(rowid, title, body) SELECT id, "
            "newsroom_search_text(kicker, headline, subheadline), newsroom_search_text(body) "
            "FROM articles_article"
        )



def count_index_matches(connection, query: SearchQuery, *, title_only: bool = False) -> int:
    """How many articles (published or not) the FTS index matches: milliseconds, whatever the term."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_search WHERE articles_search MATCH %s",
            [query.fts5_match(title_only=title_only)],
        )
        return cursor.fetchone()[0]
