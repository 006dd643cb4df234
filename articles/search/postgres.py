"""PostgreSQL: a GIN expression index over the bigram vector, and the substring recheck.

Conditions are built from expressions over F() columns, never from SQL naming the table:
Django aliases the table when a filtered queryset becomes a subquery (facets, related
articles), and a hard-coded "articles_article"."id" would then point at the wrong row set.
"""

from __future__ import annotations

import json

from django.db import connections
from django.db.models import BooleanField, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from articles.search.nfkc import pg_sensitive_class
from articles.search.query import SearchQuery
from articles.search.text import WORD_RANGES, postgres_class


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



def _contains(expression, term: str) -> Q:
    return Q(GreaterThan(StrIndex(expression, Value(term)), 0))


def index_condition(query: SearchQuery, *, title_only: bool) -> Q:
    # The index alone is exact for a term of one or two characters (its bigram, or its
    # prefix, is in the vector exactly when the normalised text contains it), so only a longer
    # term — an AND of bigrams that may lie apart — is rechecked as a plain substring. The
    # recheck reads (and decompresses) every candidate's body: skipping it where it proves
    # nothing is most of the cost of a rare two-character search.
    condition = substring_condition(query, title_only=title_only, terms=query.long_terms)
    return index_match(query, title_only=title_only) & condition


class _NormalisedContains(Func):
    """``newsroom_search_norm(text)`` contains ``term`` — computed cheaply when it may be.

    Normalising a body (NFKC, then a regex) costs ~60 µs; walking the newest articles for a
    term pays it for every article that does not contain the term verbatim. But NFKC can only
    change which word characters a text holds, or where, through a few characters
    (:func:`nfkc_sensitive_ranges`: compatibility forms such as full-width digits, composing
    marks, A-Z, anything unassigned). A text without them normalises, as far as a term of word
    characters can tell, to itself without whitespace — a cheap ``regexp_replace``.
    """

    output_field = BooleanField()

    def __init__(self, expression, term: str):
        super().__init__(expression)
        self.term = term

    def as_sql(self, compiler, connection, **extra_context):
        text, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"(strpos(CASE WHEN {text} ~ %s THEN newsroom_search_norm({text}) "
            f"ELSE regexp_replace({text}, %s, '', 'g') END, %s) > 0)"
        )
        return sql, (*params, pg_sensitive_class(), *params, *params, "[ \t\n\r\f\v]+", self.term)


def _pg_raw_title() -> Func:
    return Func(Value("|"), F("kicker"), F("headline"), F("subheadline"), function="concat_ws", output_field=TextField())


def substring_condition(query: SearchQuery, *, title_only: bool, terms: tuple[str, ...] | None = None) -> Q:
    condition = Q()
    for term in query.terms if terms is None else terms:
        # Verbatim first (the usual hit, and no normalising); then the normalised texts.
        in_title = _contains(_pg_raw_title(), term) | Q(_NormalisedContains(_pg_raw_title(), term))
        if title_only:
            condition &= in_title
        else:
            condition &= _contains(F("body"), term) | in_title | Q(_NormalisedContains(F("body"), term))
    return condition



def index_match(query: SearchQuery, *, title_only: bool = False) -> Q:
    """The bare index condition (no recheck): what the planner estimates candidates from."""
    return Q(_TsMatch(_pg_vector(), _TsQuery(Value(query.tsquery(title_only=title_only)))))


def estimate_count(queryset: QuerySet) -> int:
    """PostgreSQL's estimate of the number of rows (from the index statistics)."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


# The functions the index is built on.
_PG_WORD = postgres_class(WORD_RANGES)
# Conjoining Hangul jamo compose under NFKC by rule, not by a decomposition mapping, so the
# sensitive table (built from the mappings) does not list them.
_PG_JAMO = "[\\u1100-\\u11ff\\ua960-\\ua97f\\ud7b0-\\ud7ff]"


def _pg_install_sql() -> tuple[str, ...]:
    return (
        # Same steps as normalise(): NFKC, ASCII lower case, no ASCII whitespace (translate()
        # deletes the characters it has no replacement for: one pass, no regex).
        "CREATE OR REPLACE FUNCTION newsroom_search_norm(t text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "SELECT translate(normalize(t, NFKC), "
        "E'ABCDEFGHIJKLMNOPQRSTUVWXYZ \\t\\n\\r\\f\\v', 'abcdefghijklmnopqrstuvwxyz') $$",
        # Same tokens as bigrams(), each followed by '|' (empty ones in between do no harm).
        # Why it is built this way: the index computes it for every article written, and
        # regex captures (\\1\\2) or a row per character cost 3-4x as much. The text is cut
        # into runs of word characters separated by one space; '..' then takes the pairs
        # starting at odd positions, and on the text from its second character those at even
        # ones: every character's pair, clipped at the end. A pair starting at the space
        # between two runs is dropped, and one ending there becomes the run's last character
        # alone. NFKC is skipped for a text without a character it could change into, or
        # join with, a word character (nfkc_sensitive_ranges: ~2 % of texts) — NFKC is
        # then, as far as the tokens can tell, the identity.
        "CREATE OR REPLACE FUNCTION newsroom_search_tokens(t text) RETURNS text "  # noqa: S608 -- constants only
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "SELECT replace(regexp_replace("
        "'|' || regexp_replace(s, '..', '\\&|', 'g') "
        "|| '|' || regexp_replace(substr(s, 2), '..', '\\&|', 'g') || '|', "
        "'\\| [^|]*', '|', 'g'), ' |', '|') "
        "FROM (SELECT regexp_replace(translate("
        f"CASE WHEN t ~ '{pg_sensitive_class()}' OR t ~ '{_PG_JAMO}' "
        "THEN normalize(t, NFKC) ELSE t END, "
        "E'ABCDEFGHIJKLMNOPQRSTUVWXYZ \\t\\n\\r\\f\\v', 'abcdefghijklmnopqrstuvwxyz'), "
        "'[^" + _PG_WORD + "]+', ' ', 'g') AS s) AS runs $$",
        # Same tokens as bigrams(), space-separated (for people and tests to read).
        "CREATE OR REPLACE FUNCTION newsroom_search_bigrams(t text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "SELECT btrim(regexp_replace(newsroom_search_tokens(t), '[|]+', ' ', 'g')) $$",
        # plpgsql so the planner never inlines it (the index expression must match by name) and
        # believes the COST: recomputing it for every row is what the index is there to avoid.
        # The headline's tokens come twice, the second time '#'-prefixed (headline hits).
        "CREATE OR REPLACE FUNCTION newsroom_search_vector("
        "kicker text, headline text, subheadline text, body text) RETURNS tsvector "
        "LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 10000 AS $$ "
        "DECLARE title text := newsroom_search_tokens(concat_ws('|', kicker, headline, subheadline)); "
        "BEGIN RETURN array_to_tsvector(array_remove(array_remove(string_to_array("
        "title || replace(title, '|', '|#') || coalesce(newsroom_search_tokens(body), ''), '|'"
        "), ''), '#')); END $$",
    )


#: Replaces the functions in place: they give the same vectors as before, so the index built
#: with the earlier definitions stays valid (no REINDEX).
POSTGRES_FUNCTIONS_SQL: tuple[str, ...] = _pg_install_sql()

POSTGRES_INSTALL_SQL: tuple[str, ...] = (
    *POSTGRES_FUNCTIONS_SQL,
    "CREATE INDEX articles_search_gin ON articles_article USING gin ("
    "newsroom_search_vector(kicker, headline, subheadline, body))",
)

POSTGRES_UNINSTALL_SQL: tuple[str, ...] = (
    "DROP INDEX IF EXISTS articles_search_gin",
    "DROP FUNCTION IF EXISTS newsroom_search_vector(text, text, text, text)",
    "DROP FUNCTION IF EXISTS newsroom_search_bigrams(text)",
    "DROP FUNCTION IF EXISTS newsroom_search_tokens(text)",
    "DROP FUNCTION IF EXISTS newsroom_search_norm(text)",
)
