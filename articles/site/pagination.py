"""Pagination of the readers' lists: plain pages, and searches that may be too big to count.

A search's pages work two ways at once (``articles.search.ordering``):

* **numbered** (``?page=3``): by offset, within the first ``search.COMMON_ABOVE`` (1,000)
  matches — an offset is cheap while it is small;
* **keyset** (``?page=52&after=…`` / ``?page=51&before=…``): "next" and "previous" carry the
  place of the page's last (or first) row, so page 5,000 costs what page 1 costs and every match
  is reachable however many there are. ``page`` is then only the label shown.

What a page says about the total is what is known for certain; the planner's estimate only
chooses how to search (``ArticleFilter.scan``), never what is shown:

* counted through the index (up to 1,001): "共 N 篇", "第 3 / 12 页" — or "超过 1000 篇";
* a term so common that it is walked without counting: "篇数从略", until a numbered page
  shows the end of the results (then the total is exact after all).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping

from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from articles import search
from articles.site import generation
from articles.site.filters import ArticleFilter


class SearchPage(Page):
    """A page of a search, with the query parameters of its "previous" and "next" links."""

    def __init__(self, found: search.KeysetPage, number: int, paginator: SearchPaginator):
        super().__init__(found.rows, number, paginator)
        self.found = found

    def has_next(self) -> bool:
        return self.found.has_next

    def has_previous(self) -> bool:
        return self.found.has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        # Keyset back from this page's first row; page 1 is the plain first page, and so is
        # "previous" from an empty page past the end (there is no first row to go back from).
        return self.number - 1 if self.previous_before else 1

    @property
    def next_after(self) -> str | None:
        """``after`` of the "next" link: the place of this page's last row."""
        return self.found.last.encode() if self.found.has_next and self.found.last else None

    @property
    def previous_before(self) -> str | None:
        """``before`` of the "previous" link: the place of this page's first row."""
        if not self.found.has_previous or self.number <= 2 or self.found.first is None:
            return None
        return self.found.first.encode()

    def link_params(self, direction: str) -> dict[str, str | None]:
        """The query parameters of the next or previous page's link (``None``: leave it out)."""
        if direction == "next":
            return {"page": str(self.next_page_number()), "after": self.next_after, "before": None}
        number = self.previous_page_number()
        return {"page": str(number) if number > 1 else None, "after": None, "before": self.previous_before}

    @property
    def known_count(self) -> int:
        """Matches known to exist: up to this page's last row, one more if a next page exists."""
        return (self.number - 1) * self.paginator.per_page + len(self.object_list) + int(self.has_next())


class SearchPaginator(Paginator):
    """A search's pages: numbered while the count is exact and small, keyset links always."""

    @property
    def lower_bound(self) -> int:
        """Matches counted exactly, and reachable by page number; beyond, keyset links only."""
        return search.COMMON_ABOVE

    def __init__(self, object_list, per_page, *, filterset: ArticleFilter, params: Mapping | None = None, **kwargs):
        if isinstance(object_list, QuerySet):
            # Newest or oldest first: one group, paged by the same keys as relevance.
            object_list = search.InOrder(
                object_list, ordering=tuple(object_list.query.order_by), rows=filterset.queryset,
                indexed=not filterset.scan,  # matched through the index: never walked by date
            )
        super().__init__(object_list, per_page, **kwargs)
        self.filterset = filterset
        self.params = params if params is not None else (filterset.data or {})
        self._known_count = 0  # matches the pages served so far showed to exist
        self._final_count: int | None = None  # the total, once a numbered page showed the end

    @property
    def index_count(self) -> int | None:
        """The filter's count through the index (at most ````lower_bound`` + 1``), if it counted."""
        return self.filterset.counted

    @property
    def counted(self) -> int | None:
        """What is known for certain: the index's count, or the end of the results once seen."""
        return self.index_count if self.index_count is not None else self._final_count

    @property
    def exact(self) -> bool:
        return self.counted is not None and self.counted <= self.lower_bound

    @property
    def approximate(self) -> bool:
        """The total is not known exactly (the page says what it does know instead)."""
        return not self.exact

    @property
    def more_than_lower_bound(self) -> bool:
        """Counted, and known to be more than ``lower_bound``."""
        return self.counted is not None and self.counted > self.lower_bound

    @property
    def count(self) -> int:
        """Exact, or a lower bound: ``lower_bound`` + 1 when counted, else what the pages showed."""
        if self.counted is not None:
            return max(self.counted, self._known_count)
        return self._known_count

    @property
    def num_pages(self) -> int:
        """Pages reachable by number: all of them when the count is exact."""
        if self.exact:
            return max(1, math.ceil(self.counted / self.per_page))
        return max(1, math.ceil(self.lower_bound / self.per_page))

    @property
    def pages(self) -> int | None:
        """How many pages there are, when known."""
        return self.num_pages if self.exact else None

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("页码必须是整数") from None
        if number < 1:
            raise EmptyPage("页码不能小于 1")
        if number > self.num_pages:
            raise EmptyPage("页码超出范围")
        return number

    def page(self, number) -> SearchPage:
        """A numbered page (by offset)."""
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        found = self.object_list.page_at(offset, self.per_page)
        if not found.has_next and (found.rows or number == 1):
            # The last page, reached by its offset: now the total is known exactly.
            self._final_count = offset + len(found.rows)
        return self._page(found, number)

    def keyset_page(self, number: int, *, after: search.Cursor | None = None,
                    before: search.Cursor | None = None) -> SearchPage:
        """The page after (or before) a row, labelled ``number``."""
        if before is not None:
            found = self.object_list.page_before(before, self.per_page)
            if not found.has_previous:
                # Back at the start (or rows were removed since): the plain first page.
                return self.page(1)
        else:
            found = self.object_list.page_after(after, self.per_page)
        return self._page(found, number)

    def _page(self, found: search.KeysetPage, number: int) -> SearchPage:
        page = SearchPage(found, number, self)
        self._known_count = max(self._known_count, page.known_count)
        return page

    def requested_page(self, number, *, forgiving: bool) -> SearchPage:
        """The page the request's ``page`` / ``after`` / ``before`` name.

        ``forgiving`` (the site): a malformed or out-of-range number gives a real page, as
        ``get_page`` does; otherwise (the API) it raises ``InvalidPage``.
        """
        label = _page_label(number)
        if label is not None and label > 1:
            before = search.Cursor.decode(self.params.get("before"))
            after = search.Cursor.decode(self.params.get("after"))
            if before is not None or after is not None:
                return self.keyset_page(label, after=after, before=before)
        if not forgiving:
            return self.page(1 if number in (None, "") else number)
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)

    def get_page(self, number) -> SearchPage:
        return self.requested_page(number, forgiving=True)


def _page_label(number) -> int | None:
    text = str(number or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _place(row) -> search.Cursor:
    return search.Cursor(
        hit=bool(getattr(row, "headline_hit", False)), date=row.date, issue_id=row.issue_id, position=row.position
    )


# A list's count is kept this long at most; the generation in its key is what keeps it right.
COUNT_SECONDS = 3600


class GenerationCountPaginator(Paginator):
    """A plain (unsearched) list whose count is computed once per publication generation.

    Counting a million published articles reads the whole (is_published, date) index: 100–250
    ms, on every later page of the list and every broad filter, for a number that changes only
    when something is published, withdrawn or corrected. The count is cached under the
    database's publication stamp (``articles.site.generation``) and the filters, so it is exact
    — a change anywhere gives it a new key the moment it commits — and paid once per change.

    ``scope`` names the list (two lists with the same filters count different things);
    ``params`` are the request's filters; ``stamp`` is the generation the page already read,
    if it did (read once, before the page's own queries).
    """

    def __init__(self, object_list, per_page, *, params: Mapping | None, scope: str = "articles",
                 stamp: str | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.params = params or {}
        self.scope = scope
        self.stamp = stamp

    @cached_property
    def count(self) -> int:
        # The request's own parameters (an invalid one filters differently from none at all).
        data = self.params
        filters = sorted(
            (key, tuple(data.getlist(key)) if hasattr(data, "getlist") else str(data[key]))
            for key in data if key != "page"
        )
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()[:32]
        stamp = self.stamp if self.stamp is not None else generation.current()
        key = f"site:count:{self.scope}:{stamp}:{digest}"
        found = cache.get(key)
        if found is None:
            found = super().count
            cache.set(key, found, COUNT_SECONDS)
        return found


def article_paginator(queryset, per_page: int, *, filterset: ArticleFilter, **kwargs) -> Paginator:
    """The article list's paginator: a search pages by keyset and counts if cheap; a plain list
    counts once per publication generation."""
    if filterset.search_query:
        return SearchPaginator(queryset, per_page, filterset=filterset, **kwargs)
    return GenerationCountPaginator(queryset, per_page, params=filterset.data, **kwargs)


def forgiving_page(paginator: Paginator, number: str | None) -> Page:
    """The requested page; page=abc / page=-1 / page=99999 give a real page instead of a 404."""
    return paginator.get_page(number)
