"""What readers may see, and the filters the article list, feeds and API share.

Every public queryset starts from ``Article.objects.published()``: an issue, a photo, a person
or a tag is public only through a published article.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from articles import search
from articles.models import Article, ArticlePerson, Issue, Photo, Tag
from people.models import Person

# Dates readers can type that the database can store (years outside this are typing errors).
MIN_YEAR = 1900
MAX_YEAR = 2100


def clean_text(value: str | None, max_length: int) -> str:
    """A free-text parameter made safe for any database: no NUL (PostgreSQL refuses it), trimmed."""
    return (value or "").replace("\x00", "").strip()[:max_length]


# --- Public querysets ------------------------------------------------------------------------

def public_articles() -> QuerySet[Article]:
    return Article.objects.published()


def public_issues() -> QuerySet[Issue]:
    """Issues with at least one published article."""
    return Issue.objects.filter(Exists(public_articles().filter(issue=OuterRef("pk"))))


def public_photos() -> QuerySet[Photo]:
    """Photos of a published article, or loose photos of an issue that has one."""
    return Photo.objects.filter(
        Q(_published_article_of("article_id"))
        | Q(Q(article__isnull=True) & Exists(public_articles().filter(issue=OuterRef("issue_id"))))
    )


def _published_article_of(outer_field: str) -> Exists:
    # A correlated EXISTS on the article's primary key: an index lookup per row. (An
    # ``article__in=published()`` inside a correlated subquery is re-run per row by SQLite.)
    return Exists(public_articles().filter(pk=OuterRef(outer_field)))


def credited_people(role: str | None = None) -> Exists:
    """EXISTS: the outer person is credited (in ``role``, if given) in a published article."""
    credits = ArticlePerson.objects.filter(person=OuterRef("pk"))
    if role:
        credits = credits.filter(role=role)
    return Exists(credits.filter(_published_article_of("article_id")))


def photographed_people() -> Exists:
    """EXISTS: the outer person took a public photo."""
    return Exists(public_photos().filter(photographers=OuterRef("pk")))


def public_people() -> QuerySet[Person]:
    """People credited in a published article or with a public photo."""
    return Person.objects.filter(credited_people() | photographed_people())


def public_tags() -> QuerySet[Tag]:
    tagged = Article.tags.through.objects.filter(tag=OuterRef("pk")).filter(_published_article_of("article_id"))
    return Tag.objects.filter(Exists(tagged))


# --- Article filters -----------------------------------------------------------------------

class SafeDateField(forms.DateField):
    """A date the database can hold; 2025-13-45 or year 99999 is a form error, never a 500."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError("日期超出范围。", code="out_of_range")
        return value


class SafeDateFilter(django_filters.DateFilter):
    field_class = SafeDateField


ROLE_CHOICES = ArticlePerson.Role.choices
SORT_CHOICES = [("relevance", "相关度"), ("newest", "最新"), ("oldest", "最早")]


class ArticleFilter(django_filters.FilterSet):
    """The article list's filters. Unknown or malformed values are form errors, not 500s."""

    q = django_filters.CharFilter(
        label="关键词",
        method="filter_query",
        max_length=search.MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "搜索标题和正文，例如 经济、5月11日"}),
    )
    date_from = SafeDateFilter(
        label="起始日期", field_name="date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = SafeDateFilter(
        label="截止日期", field_name="date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    year = django_filters.NumberFilter(
        label="年份", method="filter_year", min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    issue = django_filters.NumberFilter(
        label="期", field_name="issue_id", min_value=1, max_value=2**62, widget=forms.HiddenInput
    )
    section = django_filters.CharFilter(label="栏目", field_name="section", max_length=100)
    tag = django_filters.CharFilter(label="标签", method="filter_tag", max_length=80)
    person = django_filters.NumberFilter(
        label="人物", method="filter_person", min_value=1, max_value=2**62, widget=forms.HiddenInput
    )
    role = django_filters.ChoiceFilter(label="角色", choices=ROLE_CHOICES, method="filter_role", empty_label="任何角色")
    has_photo = django_filters.BooleanFilter(
        label="有图片",
        method="filter_has_photo",
        widget=forms.Select(choices=[("", "不限"), ("true", "有图片"), ("false", "无图片")]),
    )
    sort = django_filters.ChoiceFilter(label="排序", choices=SORT_CHOICES, method="filter_sort", empty_label="默认（有关键词时按相关度）")

    class Meta:
        model = Article
        fields: list[str] = []

    @property
    def cleaned(self) -> dict:
        """The values that passed validation (an invalid field is ignored, not fatal)."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 -- runs validation
        return getattr(self.form, "cleaned_data", {})

    # The query, once parsed, is what views highlight with.
    @property
    def search_query(self) -> search.SearchQuery | None:
        if not hasattr(self, "_search_query"):
            self._search_query = search.SearchQuery.parse(self.cleaned.get("q"))
        return self._search_query

    def filter_query(self, queryset, name, value):
        query = search.SearchQuery.parse(value)
        if not query or self._index_only:
            # index_qs(): the estimate adds the bare index condition itself.
            return queryset
        return search.filter_matching(queryset, query, scan=self.scan and not self._index_only)

    # A common term is searched by walking the newest articles (see articles.search).
    _index_only = False

    @property
    def scan(self) -> bool:
        self._estimate_candidates()
        return self._scan

    @property
    def candidate_estimate(self) -> int | None:
        """How many articles the index would select for all the filters (PostgreSQL only)."""
        self._estimate_candidates()
        return self._candidates

    @property
    def counted(self) -> int | None:
        """The matches counted through the index, at most ``COMMON_ABOVE + 1``; ``None``: not counted."""
        self._estimate_candidates()
        return self._counted

    def _estimate_candidates(self) -> None:
        if hasattr(self, "_scan"):
            return
        query = self.search_query
        self._scan, self._candidates, self._counted = False, None, None
        if not query:
            return
        # SQLite's estimate is the index's count over the whole archive: only an unfiltered
        # search may take it; a filtered one is counted.
        if not (search.vendor_of(self.queryset) == "sqlite" and set(self.active) - {"q"}):
            self._candidates = search.estimate_candidates(self.index_qs(), query)
        if self._candidates is not None and self._candidates > search.UNCOUNTED_ABOVE:
            # So common that even counting a thousand through the index costs more than the
            # page: walk the newest articles, uncounted.
            self._scan = True
            return
        # Otherwise the count, not the estimate, chooses the path: the planner's estimate moves
        # with dead rows and ANALYZE, and for a longer term (an AND of bigrams taken as
        # independent) it can be off fifty-fold.
        self._counted = search.count_at_most(self.index_qs(), query, limit=search.COMMON_ABOVE)
        self._scan = self._counted > search.COMMON_ABOVE and search.walk_is_cheaper(self.queryset, query)

    def index_qs(self):
        """The other filters, for the planner to estimate the index condition within."""
        self._index_only = True
        try:
            return self.filter_queryset(self.queryset.all())
        finally:
            self._index_only = False

    def filter_year(self, queryset, name, value):
        year = int(value)
        # A range, not __year, so the (is_published, date) index serves it.
        return queryset.filter(date__gte=dt.date(year, 1, 1), date__lt=dt.date(year + 1, 1, 1))

    def filter_tag(self, queryset, name, value):
        return queryset.filter(
            Exists(Article.tags.through.objects.filter(article=OuterRef("pk"), tag__slug=value))
        )

    def filter_person(self, queryset, name, value):
        credits = ArticlePerson.objects.filter(article=OuterRef("pk"), person_id=int(value))
        role = self.form.cleaned_data.get("role")
        if role:
            credits = credits.filter(role=role)
        return queryset.filter(Exists(credits))

    def filter_role(self, queryset, name, value):
        # Only meaningful with a person; filter_person reads it.
        return queryset

    def filter_has_photo(self, queryset, name, value):
        photos = Exists(Photo.objects.filter(article=OuterRef("pk")))
        return queryset.filter(photos if value else ~photos)

    def filter_sort(self, queryset, name, value):
        # Ordering is applied in ``ordered()`` after every filter, so it can see the query.
        return queryset

    @property
    def sort_order(self) -> str:
        value = self.cleaned.get("sort") or ""
        if value not in dict(SORT_CHOICES):
            value = "relevance" if self.search_query else "newest"
        if value == "relevance" and not self.search_query:
            value = "newest"
        return value

    ORDERING = ("-date", "issue_id", "position")

    def ordered(self):
        """The filtered articles in the order the reader asked for.

        Relevance is cheap on purpose (``ts_rank`` over a common word costs half a second at
        200,000 articles): articles whose headlines contain every term first, then newest —
        as two date-ordered queries (:class:`articles.search.HeadlineFirst`).
        """
        queryset = self.qs
        if self.sort_order == "oldest":
            return queryset.order_by("date", "issue_id", "position")
        if self.sort_order == "relevance":
            return search.HeadlineFirst(
                queryset, self.search_query, ordering=self.ORDERING, scan=self.scan, rows=self.queryset,
                unsearched=self.index_qs(),
            )
        return queryset.order_by(*self.ORDERING)

    @property
    def active(self) -> dict[str, object]:
        """The filters the reader set (valid ones), for the "remove this filter" chips."""
        return {
            key: value
            for key, value in self.cleaned.items()
            if key != "sort" and value not in (None, "", [])
        }
