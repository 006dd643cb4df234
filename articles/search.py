"""Chinese full-text search over article headlines and bodies, on SQLite and PostgreSQL.

The scheme (Lucene's CJK bigrams, measured on 200,000 articles to give the same results as
``LIKE '%q%'`` at a fraction of the cost):

* Text is NFKC-normalised (full-width ５月 becomes 5月), ASCII letters are lower-cased and
  whitespace is dropped (OCR breaks lines and columns inside words: 招商引 资 is 招商引资).
* What is left is split into runs of "word characters" (CJK, kana, hangul, Latin letters,
  digits — punctuation ends a run) and every run becomes its overlapping bigrams plus its last
  character alone: 经济发展 → 经济 济发 发展 展, 5月11日 → 5月 月1 11 1日 日.
* A query is cut the same way. A one-character term is a prefix query (经*: every bigram that
  starts with 经, or a run ending in 经); a longer term is the phrase of its bigrams. So a
  query for 经济 never matches 经 … 济 scattered apart, and 5月11日 finds the date.

Where the index lives, and how it stays in sync on *every* write path (admin save, QuerySet
.update(), bulk_update, the importer's bulk_create) without anybody calling this module:

* SQLite: a contentless FTS5 table ``articles_search`` (rowid = article id; columns ``title``
  and ``body`` holding the bigram text) maintained by triggers on ``articles_article``. The
  triggers call ``newsroom_search_text()``, a deterministic SQL function registered on every
  Django connection (see :func:`register_sqlite_functions`); a client without it (the sqlite3
  shell) cannot write articles rather than silently leave the index stale.
* PostgreSQL: a GIN expression index on ``newsroom_search_vector(kicker, headline,
  subheadline, body)`` — an immutable SQL function producing the same bigrams as a tsvector
  ('#'-prefixed copies of the headline bigrams make "headline hit" an index lookup too).
  PostgreSQL computes it on every write itself: nothing to keep in sync, nothing stored twice.
  The index has no positions, so a term of three or more characters is an AND of its bigrams
  rechecked with ``strpos`` on the normalised text (exact substring semantics).

Changing the tokenisation below means a migration that rebuilds the index
(:func:`rebuild_sqlite_index`; on PostgreSQL ``CREATE OR REPLACE`` the functions and
``REINDEX``), and the PostgreSQL functions in :data:`POSTGRES_INSTALL_SQL` must change with it
(``tests/site/test_search.py`` compares the two).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, F, Func, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.safestring import SafeString, mark_safe

# Characters that make up words. Everything else (punctuation, symbols, whitespace) ends a run.
# Kept as explicit ranges, identical in Python and in PostgreSQL's regex (locale-independent:
# under a C locale PostgreSQL's [[:alnum:]] knows no Chinese).
WORD_RANGES: tuple[tuple[int, int], ...] = (
    (0x30, 0x39),  # 0-9
    (0x61, 0x7A),  # a-z (upper case is folded first)
    (0xC0, 0xD6),  # Latin-1 letters
    (0xD8, 0xF6),
    (0xF8, 0x24F),  # Latin Extended-A/B
    (0x391, 0x3C9),  # Greek
    (0x410, 0x44F),  # Cyrillic
    (0x3005, 0x3007),  # 々 〆 〇 (〇 in dates: 二〇二五年)
    (0x3041, 0x3096),  # hiragana
    (0x30A1, 0x30FA),  # katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B-G
)

# A search longer than this is not a search a reader typed; the form refuses it.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8


def _python_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


def _pg_escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _postgres_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        _pg_escape(lo) if lo == hi else f"{_pg_escape(lo)}-{_pg_escape(hi)}" for lo, hi in ranges
    )


_WORD = _python_class(WORD_RANGES)
_RUN_RE = re.compile(f"[{_WORD}]+")
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WHITESPACE_RE = re.compile(r"[ \t\n\r\f\v]+")


def normalise(text: str) -> str:
    """NFKC, ASCII lower case, no whitespace — the text the index and the recheck compare."""
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text).translate(_ASCII_FOLD))


def runs(text: str) -> list[str]:
    """The runs of word characters in the normalised ``text``."""
    return _RUN_RE.findall(normalise(text))


def bigrams(text: str) -> list[str]:
    """Overlapping bigrams of every run, each run's last character kept alone."""
    return [run[i : i + 2] for run in runs(text) for i in range(len(run))]


def index_text(*fields: str | None) -> str:
    """The bigram text FTS5 indexes for ``fields`` (each field tokenised on its own)."""
    return " ".join(token for field in fields if field for token in bigrams(field))


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A reader's query, cut into terms; every term must occur (as an exact substring)."""

    text: str
    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str | None) -> SearchQuery | None:
        """``None`` when the text holds nothing searchable (only punctuation or spaces)."""
        if not text:
            return None
        terms: list[str] = []
        # Spaces separate terms; inside a term, punctuation does too (it ends a run).
        for word in text.split():
            for run in runs(word):
                if run not in terms:
                    terms.append(run)
        if not terms:
            return None
        return cls(text=text.strip(), terms=tuple(terms[:MAX_TERMS]))

    # --- SQLite FTS5 -------------------------------------------------------------------
    def fts5_match(self, *, title_only: bool = False) -> str:
        parts = []
        for term in self.terms:
            if len(term) == 1:
                parts.append(f'"{term}"*')
            else:
                parts.append('"' + " ".join(term[i : i + 2] for i in range(len(term) - 1)) + '"')
        expression = " AND ".join(parts)
        return f"{{title}} : ({expression})" if title_only else expression

    # --- PostgreSQL tsquery ------------------------------------------------------------
    def tsquery(self, *, title_only: bool = False) -> str:
        prefix = "#" if title_only else ""
        parts = []
        for term in self.terms:
            if len(term) == 1:
                parts.append(f"'{prefix}{term}':*")
            else:
                parts.extend(
                    f"'{prefix}{term[i : i + 2]}'" for i in range(len(term) - 1)
                )
        return " & ".join(dict.fromkeys(parts))

    @property
    def long_terms(self) -> tuple[str, ...]:
        """Terms the bigram AND alone cannot prove contiguous (three or more characters)."""
        return tuple(term for term in self.terms if len(term) >= 3)


# --- Querysets ----------------------------------------------------------------------------
#
# Conditions are built from expressions over F() columns, never from SQL naming the table:
# Django aliases the table when a filtered queryset becomes a subquery (facets, related
# articles), and a hard-coded "articles_article"."id" would then point at the wrong row set.


class _TsQuery(Func):
    """``'…'::tsquery``: the query text is already in tsquery syntax (no parser, no stemming)."""

    template = "(%(expressions)s)::tsquery"
    output_field = TextField()


class _TsMatch(Func):
    """``vector @@ query``."""

    arg_joiner = " @@ "
    template = "%(expressions)s"
    output_field = BooleanField()


def _pg_vector() -> Func:
    # Exactly the indexed expression, so PostgreSQL answers it from the GIN index.
    return Func(
        F("kicker"), F("headline"), F("subheadline"), F("body"),
        function="newsroom_search_vector",
        output_field=TextField(),
    )


def _pg_norm(expression) -> Func:
    return Func(expression, function="newsroom_search_norm", output_field=TextField())


def _pg_title() -> Func:
    return _pg_norm(
        Func(Value("|"), F("kicker"), F("headline"), F("subheadline"), function="concat_ws", output_field=TextField())
    )


def _contains(expression, term: str) -> Q:
    return Q(GreaterThan(StrIndex(expression, Value(term)), 0))


def _pg_condition(query: SearchQuery, *, title_only: bool) -> Q:
    # Every term is also checked as a plain substring. For a rare term PostgreSQL reads the
    # GIN index and this only rechecks its few candidates (the index has no positions, so a long
    # term needs it). For a common term the planner instead walks the date index and this
    # cheap check runs first, so the expensive bigram vector is computed only for real matches.
    condition = _pg_substring_condition(query, title_only=title_only)
    return Q(_TsMatch(_pg_vector(), _TsQuery(Value(query.tsquery(title_only=title_only))))) & condition


def _pg_substring_condition(query: SearchQuery, *, title_only: bool) -> Q:
    condition = Q()
    for term in query.terms:
        in_title = _contains(_pg_title(), term)
        if title_only:
            condition &= in_title
        else:
            # The raw body first: cheaper, and it is the usual hit.
            condition &= _contains(F("body"), term) | in_title | _contains(_pg_norm(F("body")), term)
    return condition


def _sqlite_condition(query: SearchQuery, *, title_only: bool) -> Q:
    # The reader's query is a parameter, never SQL text.
    matches = RawSQL(
        "SELECT rowid FROM articles_search WHERE articles_search MATCH %s",
        [query.fts5_match(title_only=title_only)],
    )
    return Q(pk__in=matches)


def _fallback_condition(query: SearchQuery, *, title_only: bool) -> Q:
    """Any other database: a plain substring search (slow, but the same semantics)."""
    condition = Q()
    for term in query.terms:
        term_q = Q(headline__icontains=term) | Q(kicker__icontains=term) | Q(subheadline__icontains=term)
        if not title_only:
            term_q |= Q(body__icontains=term)
        condition &= term_q
    return condition


def _vendor(queryset: QuerySet) -> str:
    return connections[queryset.db].vendor


def filter_matching(queryset: QuerySet, query: SearchQuery, *, scan: bool = False) -> QuerySet:
    """Articles of ``queryset`` containing every term of ``query``, through the index.

    ``scan=True`` (PostgreSQL): no index, only the exact substring test — for a term so common
    that walking the newest articles finds a page of matches sooner than the index finds all
    of them (the index would also compute each match's bigram vector again on recheck).
    """
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        if scan:
            return queryset.filter(_pg_substring_condition(query, title_only=False))
        return queryset.filter(_pg_condition(query, title_only=False))
    if vendor == "sqlite":
        return queryset.filter(_sqlite_condition(query, title_only=False))
    return queryset.filter(_fallback_condition(query, title_only=False))


def annotate_headline_hit(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """Adds ``headline_hit``: every term occurs in the kicker, headline or subheadline."""
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        # An IN over the index, not the vector recomputed for every row of the result.
        hits = queryset.model._base_manager.filter(_pg_condition(query, title_only=True)).values("pk")
        condition = Q(pk__in=hits)
    elif vendor == "sqlite":
        condition = _sqlite_condition(query, title_only=True)
    else:
        condition = _fallback_condition(query, title_only=True)
    return queryset.annotate(headline_hit=ExpressionWrapper(condition, output_field=BooleanField()))


def filter_headline_hits(queryset: QuerySet, query: SearchQuery, *, scan: bool = False) -> QuerySet:
    """Articles of ``queryset`` whose kicker, headline or subheadline contain every term."""
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        if scan:
            return queryset.filter(_pg_substring_condition(query, title_only=True))
        return queryset.filter(_pg_condition(query, title_only=True))
    if vendor == "sqlite":
        return queryset.filter(_sqlite_condition(query, title_only=True))
    return queryset.filter(_fallback_condition(query, title_only=True))


def exclude_headline_hits(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """The complement, checked row by row cheaply (headlines are short)."""
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        return queryset.exclude(_pg_substring_condition(query, title_only=True))
    if vendor == "sqlite":
        return queryset.exclude(_sqlite_condition(query, title_only=True))
    return queryset.exclude(_fallback_condition(query, title_only=True))


class HeadlineFirst:
    """The matches of a search, headline hits first, each group newest first — lazily.

    One ``ORDER BY -headline_hit, -date`` would have to find and sort *every* match before
    returning the first twenty (half a second for a common word at 200,000 articles). Two
    date-ordered queries with a LIMIT let the database stop early: headline hits, then the
    rest. ``Paginator`` slices this like a queryset; ``counter`` supplies the total.
    """

    def __init__(
        self, matching: QuerySet, query: SearchQuery, *, ordering: tuple[str, ...], counter=None, scan: bool = False
    ):
        self.matching = matching
        self.hits = filter_headline_hits(matching, query, scan=scan).order_by(*ordering)
        self.rest = exclude_headline_hits(matching, query).order_by(*ordering)
        self._counter = counter
        self._hit_count: int | None = None

    def count(self) -> int:
        return self._counter(self.matching) if self._counter else self.matching.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None:
            raise ValueError("HeadlineFirst needs a bounded slice")
        rows = list(self.hits[start:stop])
        for row in rows:
            row.headline_hit = True
        if len(rows) == stop - start:
            return rows
        # On a later page with no hits left, count the hits that came before it.
        hit_count = start + len(rows) if rows else self.hits.count()
        rest = list(self.rest[max(0, start - hit_count) : stop - hit_count])
        for row in rest:
            row.headline_hit = False
        return rows + rest


# Above this many index candidates a term counts as common (see ``filter_matching(scan=)``).
COMMON_ABOVE = 1000


def is_common(queryset: QuerySet, query: SearchQuery) -> bool:
    """PostgreSQL: does ``query`` match so much of ``queryset`` that scanning beats the index?

    Estimated from the index condition alone (the planner's statistics of the indexed
    expression): those are the rows the index would hand over to be rechecked one by one.
    """
    estimate = estimate_candidates(queryset, query)
    return estimate is not None and estimate > COMMON_ABOVE


def estimate_candidates(queryset: QuerySet, query: SearchQuery) -> int | None:
    """PostgreSQL's estimate of the rows the index condition alone selects, else None."""
    if _vendor(queryset) != "postgresql":
        return None
    return estimate_count(queryset.filter(_TsMatch(_pg_vector(), _TsQuery(Value(query.tsquery())))))


def estimate_count(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the number of rows (from the index statistics), else None."""
    if _vendor(queryset) != "postgresql":
        return None
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


# --- SQLite: the function the triggers call ------------------------------------------------

def _sqlite_search_text(*fields: str | None) -> str:
    return index_text(*fields)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give every SQLite connection the trigger's function."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("newsroom_search_text", 1, _sqlite_search_text, deterministic=True)
    raw.create_function("newsroom_search_text", 3, _sqlite_search_text, deterministic=True)


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


# --- PostgreSQL: the functions the index is built on --------------------------------------

_PG_WORD = _postgres_class(WORD_RANGES)

POSTGRES_INSTALL_SQL: tuple[str, ...] = (
    # Same steps as normalise(): NFKC, ASCII lower case, no ASCII whitespace.
    "CREATE OR REPLACE FUNCTION newsroom_search_norm(t text) RETURNS text "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT regexp_replace(translate(normalize(t, NFKC), "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '[ \\t\\n\\r\\f\\v]+', '', 'g') "
    "$$",
    # Same tokens as bigrams(), space-separated: pairs from the first character of each run,
    # then pairs from the second; a character left alone is always the last of its run.
    "CREATE OR REPLACE FUNCTION newsroom_search_bigrams(t text) RETURNS text "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT regexp_replace(s, '([" + _PG_WORD + "])([" + _PG_WORD + "])', '\\1\\2 ', 'g') "
    "|| ' ' || regexp_replace(regexp_replace(s, '(^| )[" + _PG_WORD + "]', '\\1', 'g'), "
    "'([" + _PG_WORD + "])([" + _PG_WORD + "])', '\\1\\2 ', 'g') "
    "FROM (SELECT regexp_replace(newsroom_search_norm(t), '[^" + _PG_WORD + "]+', ' ', 'g') AS s) "
    "AS normalised $$",
    # plpgsql so the planner never inlines it (the index expression must match by name) and
    # believes the COST: recomputing it for every row is what the index is there to avoid.
    "CREATE OR REPLACE FUNCTION newsroom_search_vector("
    "kicker text, headline text, subheadline text, body text) RETURNS tsvector "
    "LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 10000 AS $$ "
    "DECLARE title text := newsroom_search_bigrams(concat_ws('|', kicker, headline, subheadline)); "
    "BEGIN RETURN array_to_tsvector(array_remove(regexp_split_to_array("
    "title || ' ' || regexp_replace(title, '([^ ]+)', '#\\1', 'g') || ' ' "
    "|| coalesce(newsroom_search_bigrams(body), ''), ' +'), '')); END $$",
    "CREATE INDEX articles_search_gin ON articles_article USING gin ("
    "newsroom_search_vector(kicker, headline, subheadline, body))",
)

POSTGRES_UNINSTALL_SQL: tuple[str, ...] = (
    "DROP INDEX IF EXISTS articles_search_gin",
    "DROP FUNCTION IF EXISTS newsroom_search_vector(text, text, text, text)",
    "DROP FUNCTION IF EXISTS newsroom_search_bigrams(text)",
    "DROP FUNCTION IF EXISTS newsroom_search_norm(text)",
)


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


# --- Highlighting --------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character as ``normalise`` sees it (possibly several characters, or none)."""
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", char).translate(_ASCII_FOLD))


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` character by character, with each character's source index."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        if len(folded) == 1:  # the usual case, kept cheap: pages highlight many texts
            chars.append(folded)
            origin.append(index)
        elif folded:
            chars.extend(folded)
            origin.extend([index] * len(folded))
    return "".join(chars), origin


def match_spans(text: str, query: SearchQuery | None) -> list[tuple[int, int]]:
    """Where the query's terms occur in the original ``text`` (whitespace inside allowed)."""
    if not query or not text:
        return []
    normal, origin = _normalised_with_map(text)
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        start = normal.find(term)
        while start != -1:
            end = start + len(term) - 1
            spans.append((origin[start], origin[end] + 1))
            start = normal.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query: SearchQuery | None) -> SafeString:
    """``text`` escaped, with every occurrence of the query's terms wrapped in <mark>."""
    spans = match_spans(text, query)
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def snippet(text: str, query: SearchQuery | None, *, length: int = 120) -> SafeString:
    """About ``length`` characters of ``text`` around the first match, highlighted."""
    text = " ".join(text.split())
    first = _first_match(text, query)
    if first is None:
        cut = text[:length]
        return mark_safe(html.escape(cut) + ("…" if len(text) > length else ""))  # noqa: S308
    start = max(0, first - length // 4)
    end = min(len(text), start + length)
    piece = text[start:end]
    rendered = highlight(piece, query)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{rendered}{suffix}")  # noqa: S308 - highlight() escaped it


def _first_match(text: str, query: SearchQuery | None) -> int | None:
    """Where the first match starts in ``text``, without normalising a long body if possible."""
    if not query or not text:
        return None
    # Usually a term occurs verbatim; normalising the whole text is only the fallback.
    direct = [position for term in query.terms if (position := text.find(term)) != -1]
    if len(direct) == len(query.terms):
        return min(direct)
    spans = match_spans(text, query)
    return spans[0][0] if spans else None
