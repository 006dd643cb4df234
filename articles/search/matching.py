"""Which articles match a query: through the index, or walking the newest with the exact test."""

from __future__ import annotations

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from articles.search import postgres, sqlite
from articles.search.query import SearchQuery

# Above this many matches a term counts as common: walking the newest articles finds a page of
# them sooner than the index finds (and sorts) all of them (see ``filter_matching(scan=)``).
COMMON_ABOVE = 1000
# Above this many candidates by the planner's estimate a search is walked without counting even
# COMMON_ABOVE of its matches: the index would decode every match's entry to count them (tens of
# milliseconds for a character like 经 in half the archive). Ten times the threshold: the
# estimate errs, but not tenfold upwards for a term that is rare.
UNCOUNTED_ABOVE = 10 * COMMON_ABOVE


def vendor_of(queryset: QuerySet) -> str:
    return connections[queryset.db].vendor


def _fallback_condition(query: SearchQuery, *, title_only: bool) -> Q:
    """Any other database: a plain substring search (slow, but the same semantics)."""
    condition = Q()
    for term in query.terms:
        term_q = Q(headline__icontains=term) | Q(kicker__icontains=term) | Q(subheadline__icontains=term)
        if not title_only:
            term_q |= Q(body__icontains=term)
        condition &= term_q
    return condition


def _condition(vendor: str, query: SearchQuery, *, title_only: bool, scan: bool) -> Q:
    """Through the index, or (``scan``) the exact substring test of each row."""
    if vendor == "postgresql":
        if scan:
            return postgres.substring_condition(query, title_only=title_only)
        return postgres.index_condition(query, title_only=title_only)
    if vendor == "sqlite":
        if scan:
            return sqlite.substring_condition(query, title_only=title_only)
        return sqlite.index_condition(query, title_only=title_only)
    return _fallback_condition(query, title_only=title_only)


def filter_matching(queryset: QuerySet, query: SearchQuery, *, scan: bool = False) -> QuerySet:
    """Articles of ``queryset`` containing every term of ``query``, through the index.

    ``scan=True``: no index, only the exact substring test row by row — for a term so common
    that walking the newest articles finds a page of matches sooner than the index finds all
    of them (on PostgreSQL the recheck would read every match's body; on SQLite the ``IN``
    over FTS5 would list every match before the date order could apply). The test is cheap:
    verbatim first, then the text without whitespace, full NFKC only for the few texts that
    hold a character NFKC could change (``postgres._NormalisedContains``,
    ``sqlite._sqlite_contains``).
    """
    return queryset.filter(_condition(vendor_of(queryset), query, title_only=False, scan=scan))


def annotate_headline_hit(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    """Adds ``headline_hit``: every term occurs in the kicker, headline or subheadline."""
    vendor = vendor_of(queryset)
    if vendor == "postgresql":
        # An IN over the index, not the vector recomputed for every row of the result.
        hits = queryset.model._base_manager.filter(postgres.index_condition(query, title_only=True)).values("pk")
        condition = Q(pk__in=hits)
    else:
        condition = _condition(vendor, query, title_only=True, scan=False)
    return queryset.annotate(headline_hit=ExpressionWrapper(condition, output_field=BooleanField()))


def filter_headline_hits(queryset: QuerySet, query: SearchQuery, *, scan: bool = False) -> QuerySet:
    """Articles of ``queryset`` whose kicker, headline or subheadline contain every term."""
    return queryset.filter(_condition(vendor_of(queryset), query, title_only=True, scan=scan))


def exclude_headline_hits(queryset: QuerySet, query: SearchQuery, *, scan: bool = False) -> QuerySet:
    """The complement of :func:`filter_headline_hits`."""
    vendor = vendor_of(queryset)
    if vendor == "postgresql" and not scan:
        # Through the index: the headline hits are few next to the matches they are taken
        # from, and a hashed NOT IN of them is cheaper than normalising every match's title.
        # (Walking the newest articles, a cheap test of each row's short title is better.)
        hits = queryset.model._base_manager.filter(postgres.index_condition(query, title_only=True)).values("pk")
        return queryset.exclude(pk__in=hits)
    return queryset.exclude(_condition(vendor, query, title_only=True, scan=scan))


def is_common(queryset: QuerySet, query: SearchQuery, *, title_only: bool = False) -> bool:
    """PostgreSQL: does ``query`` match so much of ``queryset`` that scanning beats the index?

    Estimated from the index condition alone (the planner's statistics of the indexed
    expression): those are the rows the index would hand over to be rechecked one by one.
    """
    estimate = estimate_candidates(queryset, query, title_only=title_only)
    return estimate is not None and estimate > COMMON_ABOVE


def estimate_candidates(queryset: QuerySet, query: SearchQuery, *, title_only: bool = False) -> int | None:
    """PostgreSQL's estimate of the rows the index condition alone selects.

    SQLite: the number of articles the FTS index matches, whatever ``queryset`` filters (FTS5
    counts a term's articles in milliseconds; the caller uses it only for an unfiltered search).
    """
    vendor = vendor_of(queryset)
    if vendor == "sqlite":
        return sqlite.count_index_matches(connections[queryset.db], query, title_only=title_only)
    if vendor != "postgresql":
        return None
    return postgres.estimate_count(queryset.filter(postgres.index_match(query, title_only=title_only)))


def estimate_count(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the number of rows (from the index statistics), else None."""
    if vendor_of(queryset) != "postgresql":
        return None
    return postgres.estimate_count(queryset)


def count_at_most(queryset: QuerySet, query: SearchQuery, *, limit: int) -> int:
    """The exact number of matches in ``queryset`` when it is ``limit`` or less, else ``limit + 1``.

    Always through the index, never the walk: the index hands over the candidates in no
    particular order and the count stops at ``limit + 1`` of them, so a common term costs no
    more than a rare one, and the answer does not depend on the planner's estimate (which
    changes with dead rows and ``ANALYZE``).
    """
    matching = filter_matching(queryset.order_by(), query, scan=False)
    return matching.values("pk")[: limit + 1].count()


def walk_is_cheaper(queryset: QuerySet, query: SearchQuery) -> bool:
    """For a search known to have more than ``COMMON_ABOVE`` matches: should a page walk?

    On PostgreSQL the index answers a term of one or two characters without reading a body
    (its bigram is in the vector exactly when the text holds it): sorting a few thousand matches
    by date costs less than testing the text of every article a walk passes (防汛 at 200,000
    articles: ~25 ms against ~90 ms). A longer term is an AND of bigrams whose every candidate's
    body is rechecked: there the walk wins once the matches are many (经济发展, 12,475 matches:
    ~500 ms through the index). SQLite tests a text in-process in microseconds: the walk wins.
    """
    return vendor_of(queryset) != "postgresql" or bool(query.long_terms)
