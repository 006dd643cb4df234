"""Ordering a search's matches — headline hits first, each group newest first — and paging it.

Two ways to reach a page, both without counting every match:

* by offset (``results[start:stop]``, what ``Paginator`` does): for the first pages, whose
  offset is small;
* by keyset (:meth:`SearchResults.page_after` / :meth:`SearchResults.page_before`): the page
  that follows (or precedes) a row, found by comparing sort keys — what "next" and "previous"
  links use, so page 500 costs what page 1 costs and every match is reachable however many
  there are.

The sort key of a row is (group, date, issue, position): (issue, position) is unique, so the
order is total and a :class:`Cursor` names one place in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connections
from django.db.models import DateField, F, Func, OrderBy, Q, QuerySet

from articles.search.matching import exclude_headline_hits, filter_headline_hits, is_common
from articles.search.query import SearchQuery

# What a search's lists may be ordered by: the date either way, then the printed order.
KEY_FIELDS = ("date", "issue_id", "position")


@dataclass(frozen=True, slots=True)
class Cursor:
    """One row's place in a search's order: its group (headline hit or not) and its sort key."""

    hit: bool
    date: dt.date | None
    issue_id: int
    position: int

    def encode(self) -> str:
        """Short and URL-safe: ``1.2025-05-12.812.3`` (a headline hit of issue 812, 3rd)."""
        date = self.date.isoformat() if self.date else "-"
        return f"{int(self.hit)}.{date}.{self.issue_id}.{self.position}"

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        """``None`` for anything that is not a cursor this class wrote (a typo, a hand edit)."""
        parts = (text or "").split(".")
        if len(parts) != 4 or parts[0] not in ("0", "1"):
            return None
        hit, date, issue_id, position = parts
        if not (issue_id.isascii() and issue_id.isdigit() and position.isascii() and position.isdigit()):
            return None
        if len(issue_id) > 18 or len(position) > 18:  # beyond a bigint: never a real row
            return None
        try:
            day = None if date == "-" else dt.date.fromisoformat(date)
        except ValueError:
            return None
        return cls(hit=hit == "1", date=day, issue_id=int(issue_id), position=int(position))

    @property
    def key(self) -> tuple:
        return (self.date, self.issue_id, self.position)


@dataclass(slots=True)
class KeysetPage:
    """Rows of one page reached by a cursor, and whether there are rows before and after it."""

    rows: list
    has_previous: bool
    has_next: bool
    first: Cursor | None  # the first row's place: "previous" pages back from it
    last: Cursor | None  # the last row's place: "next" goes on after it


def _nulls_high(queryset: QuerySet) -> bool:
    # PostgreSQL sorts NULL above every value (first in DESC), SQLite below (last in DESC);
    # the keyset must follow whatever ORDER BY does on the database at hand.
    return connections[queryset.db].vendor not in ("sqlite", "mysql")


def _order(queryset: QuerySet, ordering: tuple[str, ...], *, indexed: bool) -> QuerySet:
    """``queryset`` in ``ordering``; for a group matched through the search index, in a form
    no date index can walk (PostgreSQL).

    With a LIMIT, PostgreSQL may walk the date index and compute every row's search vector
    until it has found a page, trusting its estimate of how many rows match. For a term that
    is rare — in headlines above all, where its statistics fall back to a default share —
    that walk reads the whole archive: ``#防汛`` (headline hits of 防汛) took minutes at
    600,000 articles instead of milliseconds through the index. A group matched through the
    index has few matches (a common term is walked with the cheap substring test instead:
    ``scan``), so fetching them all from the index and sorting is always the right plan;
    ordering by ``date + 0`` leaves the planner no other.
    """
    if not indexed or connections[queryset.db].vendor != "postgresql":
        return queryset.order_by(*ordering)
    date = Func(F("date"), template="(%(expressions)s + 0)", output_field=DateField())
    terms = [
        OrderBy(date, descending=field.startswith("-")) if field.lstrip("-") == "date" else field
        for field in ordering
    ]
    return queryset.order_by(*terms)


def _reverse(ordering: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(field[1:] if field.startswith("-") else f"-{field}" for field in ordering)


def _after(ordering: tuple[str, ...], key: tuple, *, nulls_high: bool) -> list[Q]:
    """Rows that come after ``key`` in ``ordering``, as conditions to walk one after the other.

    For (-date, issue_id, position) after (d, i, p): date <= d and (date < d, or date = d and
    (issue_id > i, or issue_id = i and position > p)) — the plain ``date <= d`` lets the
    database start walking the date index at d. Undated articles sort where ORDER BY puts NULL
    on the database at hand; when they come after the cursor they are a second condition of
    their own (one OR of both would leave the database no index range to walk).
    """
    date = key[0]
    descending = ordering[0].startswith("-")
    null_last = descending != nulls_high
    tail: Q | None = None  # after (issue_id, position), built from the last field backwards
    for field, value in reversed(list(zip(ordering[1:], key[1:], strict=True))):
        name = field.lstrip("-")
        beyond = Q(**{f"{name}__{'lt' if field.startswith('-') else 'gt'}": value})
        tail = beyond if tail is None else beyond | (Q(**{name: value}) & tail)
    assert tail is not None
    if date is None:
        segments = [Q(date__isnull=True) & tail]
        if not null_last:
            segments.append(Q(date__isnull=False))
        return segments
    earlier = Q(date__lt=date) if descending else Q(date__gt=date)
    bound = Q(date__lte=date) if descending else Q(date__gte=date)
    segments = [bound & (earlier | (Q(date=date) & tail))]
    if null_last:
        segments.append(Q(date__isnull=True))
    return segments


class SearchResults:
    """The matches of a search in a fixed order, in groups (headline hits, then the rest) — lazily.

    One ``ORDER BY -headline_hit, -date`` would have to find and sort *every* match before
    returning the first twenty (half a second for a common word at 200,000 articles). Ordered
    queries per group with a LIMIT let the database stop early. ``Paginator`` slices this like
    a queryset; ``counter`` supplies the total.
    """

    def __init__(
        self,
        groups: list[tuple[bool, QuerySet]],
        *,
        ordering: tuple[str, ...],
        matching: QuerySet,
        counter=None,
        rows: QuerySet | None = None,
        indexed: tuple[bool, ...] = (),
    ):
        """``indexed``: for each group, whether it is matched through the search index (see
        :func:`_order`); by default none is."""
        if tuple(field.lstrip("-") for field in ordering) != KEY_FIELDS:
            raise ValueError(f"a search is ordered by {KEY_FIELDS} (either way), not {ordering}")
        self.ordering = ordering
        self.indexed = tuple(indexed) + (False,) * (len(groups) - len(indexed))
        self.groups = [
            (hit, _order(queryset, ordering, indexed=through_index))
            for (hit, queryset), through_index in zip(groups, self.indexed, strict=True)
        ]
        self.matching = matching
        # The page's rows are fetched by primary key from ``rows`` (the same queryset without
        # the search: its joins and deferred columns) once the narrow queries have chosen
        # them: sorting only ids and dates spares the database a join with every issue and
        # the copying of every match's body before the LIMIT.
        self.rows = rows if rows is not None else matching.model._base_manager.all()
        self._counter = counter
        self._nulls_high = _nulls_high(matching)

    def count(self) -> int:
        return self._counter(self.matching) if self._counter else self.matching.count()

    def __len__(self) -> int:
        return self.count()

    # -- by offset ------------------------------------------------------------------------

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None:
            raise ValueError("search results need a bounded slice")
        return self._fetch_keyed(self._keyed_at(start, stop - start))

    def page_at(self, offset: int, size: int) -> KeysetPage:
        """The ``size`` rows from ``offset`` on (a numbered page), and whether more follow."""
        keyed = self._keyed_at(offset, size + 1)
        page = keyed[:size]
        return KeysetPage(
            rows=self._fetch_keyed(page),
            has_previous=offset > 0,
            has_next=len(keyed) > size,
            first=page[0][0] if page else None,
            last=page[-1][0] if page else None,
        )

    def _keyed_at(self, start: int, size: int) -> list[tuple[Cursor, int]]:
        """(cursor, pk) of the ``size`` rows from ``start`` on, group after group."""
        if size <= 0:  # the empty page of an empty result: nothing to ask
            return []
        chosen: list[tuple[Cursor, int]] = []
        skipped = 0  # rows of earlier groups before ``start``
        for position, (hit, queryset) in enumerate(self.groups):
            want = size - len(chosen)
            offset = max(0, start - skipped)
            rows = list(queryset.values_list("pk", *KEY_FIELDS)[offset : offset + want])
            chosen += [(Cursor(hit, date, issue_id, place), pk) for pk, date, issue_id, place in rows]
            if len(chosen) >= size or position == len(self.groups) - 1:
                break
            # Rows of this group before ``start``: known when some were left, or when none were
            # skipped; only a later page with none of this group left counts them.
            skipped += offset + len(rows) if rows or not offset else queryset.count()
        return chosen

    # -- by keyset ------------------------------------------------------------------------

    def page_after(self, cursor: Cursor | None, size: int) -> KeysetPage:
        """The ``size`` rows after ``cursor`` (from the start when ``None``)."""
        keyed = self._walk(self.groups, cursor, size + 1, self.ordering)
        page = keyed[:size]
        return KeysetPage(
            rows=self._fetch_keyed(page),
            has_previous=cursor is not None,
            has_next=len(keyed) > size,
            first=page[0][0] if page else None,
            last=page[-1][0] if page else None,
        )

    def page_before(self, cursor: Cursor, size: int) -> KeysetPage:
        """The ``size`` rows before ``cursor`` (fewer at the start of the results)."""
        backwards = _reverse(self.ordering)
        groups = [
            (hit, _order(queryset, backwards, indexed=through_index))
            for (hit, queryset), through_index in reversed(list(zip(self.groups, self.indexed, strict=True)))
        ]
        keyed = self._walk(groups, cursor, size + 1, backwards)
        page = list(reversed(keyed[:size]))
        return KeysetPage(
            rows=self._fetch_keyed(page),
            has_previous=len(keyed) > size,
            has_next=True,
            first=page[0][0] if page else None,
            last=page[-1][0] if page else None,
        )

    def _walk(self, groups, cursor: Cursor | None, limit: int, ordering) -> list[tuple[Cursor, int]]:
        """Up to ``limit`` (cursor, pk) pairs following ``cursor`` through ``groups`` in order."""
        found: list[tuple[Cursor, int]] = []
        # A cursor from another order (a headline hit where nothing is grouped) counts as a
        # place in the one group there is.
        foreign = cursor is not None and not any(hit == cursor.hit for hit, _ in groups)
        reached = cursor is None  # past the cursor's group: every row of this one follows
        for hit, queryset in groups:
            if reached:
                segments = [queryset]
            elif hit == cursor.hit or foreign:
                segments = [
                    queryset.filter(condition)
                    for condition in _after(ordering, cursor.key, nulls_high=self._nulls_high)
                ]
                reached = True
            else:
                continue  # a group wholly before the cursor's
            for segment in segments:
                rows = segment.values_list("pk", *KEY_FIELDS)[: limit - len(found)]
                found += [(Cursor(hit, date, issue_id, position), pk) for pk, date, issue_id, position in rows]
                if len(found) >= limit:
                    return found
        return found

    def _fetch_keyed(self, keyed: list[tuple[Cursor, int]]) -> list:
        if not keyed:
            return []
        by_pk = self.rows.in_bulk([pk for _, pk in keyed])
        page = []
        for place, pk in keyed:
            row = by_pk.get(pk)  # None only if deleted in between
            if row is not None:
                row.headline_hit = place.hit
                page.append(row)
        return page


class HeadlineFirst(SearchResults):
    """A search's matches, headline hits first, each group in ``ordering`` (newest first)."""

    def __init__(
        self,
        matching: QuerySet,
        query: SearchQuery,
        *,
        ordering: tuple[str, ...],
        counter=None,
        scan: bool = False,
        rows: QuerySet | None = None,
        unsearched: QuerySet | None = None,
    ):
        # Walk for the headline hits only when they are common too: a term common in bodies
        # but rare in headlines (经济发展) would have the walk read every headline in the archive.
        # (A one-character prefix query has no useful estimate, and a character common in
        # bodies is common in headlines too.)
        scan_hits = scan and (
            any(len(term) == 1 for term in query.terms) or is_common(matching, query, title_only=True)
        )
        # A headline hit is a match: taken from ``unsearched`` (the other filters alone) its
        # body is never tested (经济 walked: 5,548 headline hits through the index, each body
        # tested again, cost 40 ms of a 50 ms page).
        self.hits = filter_headline_hits(unsearched if unsearched is not None else matching, query, scan=scan_hits)
        self.rest = exclude_headline_hits(matching, query, scan=scan)
        super().__init__(
            [(True, self.hits), (False, self.rest)],
            ordering=ordering, matching=matching, counter=counter, rows=rows,
            indexed=(not scan_hits, not scan),
        )


class InOrder(SearchResults):
    """A search's matches in one ``ordering`` (newest or oldest first), no headline grouping."""

    def __init__(
        self, matching: QuerySet, *, ordering: tuple[str, ...], counter=None, rows: QuerySet | None = None,
        indexed: bool = False,
    ):
        super().__init__(
            [(False, matching)], ordering=ordering, matching=matching, counter=counter, rows=rows,
            indexed=(indexed,),
        )
