"""The readers' site: home, issues, articles (filters, facets, search), photos and tags.

Everything public starts from ``Article.objects.published()`` (through ``articles.site.filters``);
staff may preview an unpublished article or issue by its URL.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, defaultdict

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.generic import DetailView, ListView, TemplateView

from articles import search
from articles.models import Article, ArticlePerson, Issue, Photo, Tag
from articles.site.filters import (
    MAX_YEAR,
    MIN_YEAR,
    ArticleFilter,
    clean_text,
    public_articles,
    public_issues,
    public_people,
    public_photos,
    public_tags,
)
from people.models import Person

PAGE_SIZE = 20
# Big text columns a list never shows.
LIST_DEFERRED = ("ocr_text", "issue__ocr_text", "issue__unplaced", "issue__import_errors")
ISSUE_DEFERRED = ("ocr_text", "unplaced", "import_errors")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def is_staff(request) -> bool:
    return bool(getattr(request, "user", None) and request.user.is_staff)


class SearchPaginator(Paginator):
    """Counts a search's matches exactly when there are few, else takes PostgreSQL's estimate.

    A search for a common character matches half the archive; counting all of it costs more
    than the whole page. For a common term the planner's estimate (from the search index's
    statistics) only decides the number of pages; readers see "超过 1000 篇" (the estimate can be
    off by a factor of three, so it is not shown as a count).
    """

    def __init__(self, object_list, per_page, *, filterset: ArticleFilter, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.filterset = filterset
        self.approximate = False
        self.lower_bound = search.COMMON_ABOVE

    @cached_property
    def count(self) -> int:
        if self.filterset.scan:
            # Common term: counting would visit every match; the index statistics estimate it.
            self.approximate = True
            return self.filterset.candidate_estimate or 0
        return self.filterset.qs.order_by().count()


class PublicPageMixin:
    """Shared by every reader page: security headers, Last-Modified, forgiving pagination."""

    last_modified: dt.datetime | None = None

    def get_paginator(self, queryset, per_page, **kwargs):
        return Paginator(queryset, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # get_page() turns page=abc / page=-1 / page=99999 into a real page instead of a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if self.last_modified:
            # ConditionalGetMiddleware answers If-Modified-Since (and If-None-Match on its ETag).
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
        if is_staff(self.request):
            response["Cache-Control"] = "private"
        return response


# --- Home ----------------------------------------------------------------------------------

def _year_month_counts(issues) -> list[tuple[int, list[tuple[int, int]]]]:
    """[(year, [(month, issue count), ...]), ...], newest year first."""
    rows = (
        issues.filter(issue_date__isnull=False)
        .annotate(year=ExtractYear("issue_date"), month=ExtractMonth("issue_date"))
        .values("year", "month")
        .annotate(n=Count("pk"))
        .order_by("-year", "month")
    )
    years: OrderedDict[int, list[tuple[int, int]]] = OrderedDict()
    for row in rows:
        years.setdefault(row["year"], []).append((row["month"], row["n"]))
    return list(years.items())


HOME_STATS_SECONDS = 300


def archive_stats() -> dict:
    """Archive size and the year/month index: whole-archive aggregates, cached for a while.

    They change only when editors publish, and five minutes late is fine for a count; the
    home page is the most visited page and should not aggregate 200,000 rows on every visit.
    """
    stats = cache.get("site:archive-stats")
    if stats is None:
        issues = public_issues()
        stats = {
            "article_count": public_articles().count(),
            "issue_count": issues.count(),
            "person_count": public_people().count(),
            "years": _year_month_counts(issues),
        }
        cache.set("site:archive-stats", stats, HOME_STATS_SECONDS)
    return stats


def _latest_issue() -> Issue | None:
    """The public issue with the latest date (of that day's, the last imported).

    Two steps, so the database walks the issue_date index down to the first public issue
    instead of testing every issue for a published article and sorting them all.
    """
    issues = public_issues()
    latest = issues.filter(issue_date__isnull=False).order_by("-issue_date").values_list("issue_date", flat=True).first()
    if latest is not None:
        issues = issues.filter(issue_date=latest)
    return issues.defer(*ISSUE_DEFERRED).order_by("-pk").first()


class HomeView(PublicPageMixin, TemplateView):
    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            latest_issue=_latest_issue(),
            **archive_stats(),
            latest_articles=public_articles()
            .select_related("issue")
            .defer(*LIST_DEFERRED)
            .order_by("-date", "issue_id", "position")[:8],
            filter=ArticleFilter(queryset=Article.objects.none()),
        )
        return context


# --- Issues --------------------------------------------------------------------------------

class IssueArchiveView(PublicPageMixin, TemplateView):
    """All years with their issue counts; the chosen year's issues month by month."""

    template_name = "site/issue_archive.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issues = public_issues()
        years = _year_month_counts(issues)
        year = kwargs.get("year")
        if year is None and years:
            year = years[0][0]
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise Http404("没有这一年的报纸")
        months: OrderedDict[int, list[Issue]] = OrderedDict()
        if year is not None:
            year_issues = (
                issues.filter(issue_date__gte=dt.date(year, 1, 1), issue_date__lt=dt.date(year + 1, 1, 1))
                .defer(*ISSUE_DEFERRED)
                .annotate(article_count=Count("articles", filter=Q(articles__is_published=True)))
                .order_by("issue_date", "source_name")
            )
            for issue in year_issues:
                months.setdefault(issue.issue_date.month, []).append(issue)
        undated = issues.filter(issue_date__isnull=True).defer(*ISSUE_DEFERRED).order_by("source_name")
        context.update(
            years=[(y, sum(n for _, n in m)) for y, m in years],
            year=year,
            months=list(months.items()),
            undated=list(undated[:50]),
        )
        return context


def _issue_page_context(request, issue: Issue) -> dict:
    """The front-page layout: articles in printed order, their photos, sections as headings."""
    articles = Article.objects.all() if is_staff(request) else public_articles()
    article_list = list(
        articles.filter(issue=issue)
        .defer("ocr_text")
        .prefetch_related(
            Prefetch(
                "credits",
                queryset=ArticlePerson.objects.filter(role=ArticlePerson.Role.CORRESPONDENT).select_related("person"),
                to_attr="correspondents",
            )
        )
        .order_by("position")
    )
    visible_ids = {article.pk for article in article_list}
    photos = [
        photo
        for photo in Photo.objects.filter(issue=issue).prefetch_related("photographers").order_by("position")
        if photo.article_id is None or photo.article_id in visible_ids
    ]
    photos_by_article: defaultdict[int | None, list[Photo]] = defaultdict(list)
    for photo in photos:
        photos_by_article[photo.article_id].append(photo)
    for article in article_list:
        article.issue_photos = photos_by_article.get(article.pk, [])
    neighbours = public_issues().exclude(pk=issue.pk).defer(*ISSUE_DEFERRED)
    previous_issue = next_issue = None
    if issue.issue_date:
        previous_issue = (
            neighbours.filter(Q(issue_date__lt=issue.issue_date) | Q(issue_date=issue.issue_date, pk__lt=issue.pk))
            .order_by("-issue_date", "-pk")
            .first()
        )
        next_issue = (
            neighbours.filter(Q(issue_date__gt=issue.issue_date) | Q(issue_date=issue.issue_date, pk__gt=issue.pk))
            .order_by("issue_date", "pk")
            .first()
        )
    return {
        "issue": issue,
        "articles": article_list,
        "loose_photos": photos_by_article.get(None, []),
        "previous_issue": previous_issue,
        "next_issue": next_issue,
        "is_preview": not article_list or any(not a.is_published for a in article_list),
    }


class IssueDetailView(PublicPageMixin, DetailView):
    template_name = "site/issue_detail.html"
    context_object_name = "issue"

    def get_queryset(self):
        issues = Issue.objects.all() if is_staff(self.request) else public_issues()
        return issues.defer(*ISSUE_DEFERRED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_issue_page_context(self.request, self.object))
        return context


class IssueByDateView(PublicPageMixin, TemplateView):
    """/issues/2025-08-26/: the issue of that day, or a choice when several share the date."""

    template_name = "site/issue_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            day = dt.date.fromisoformat(kwargs["date"])
        except ValueError:
            raise Http404("日期无效") from None
        issues = Issue.objects.all() if is_staff(self.request) else public_issues()
        same_day = list(issues.filter(issue_date=day).defer(*ISSUE_DEFERRED).order_by("source_name", "pk")[:20])
        if not same_day:
            raise Http404("这一天没有报纸")
        if len(same_day) > 1:
            self.template_name = "site/issue_choice.html"
            context.update(day=day, issues=same_day)
            return context
        context.update(_issue_page_context(self.request, same_day[0]))
        return context


# --- Articles ------------------------------------------------------------------------------

FACET_LIMIT = 12
# Facets count at most this many articles of the result (the newest): exact for any result of
# this size or less, a labelled sample beyond it, and a cost that does not grow with the archive.
FACET_SAMPLE = 1000


def article_facets(queryset) -> dict[str, list[dict]]:
    """Counts of the current result by year, section, tag and the most frequent people."""
    sample = list(queryset.order_by("-date", "-issue_id", "position").values_list("pk", flat=True)[:FACET_SAMPLE])
    base = Article.objects.filter(pk__in=sample).order_by()
    years: dict[int, int] = defaultdict(int)
    sections: dict[str, int] = defaultdict(int)
    # One query for both: (year, section) pairs, summed up here.
    for row in base.annotate(year=ExtractYear("date")).values("year", "section").annotate(n=Count("pk")):
        if row["year"] is not None:
            years[row["year"]] += row["n"]
        if row["section"]:
            sections[row["section"]] += row["n"]
    tags = list(
        Article.tags.through.objects.filter(article__in=sample)
        .values("tag__name", "tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__name")[:FACET_LIMIT]
    )
    people = list(
        ArticlePerson.objects.filter(article__in=sample)
        .values("person_id", "person__name")
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "person__name")[:FACET_LIMIT]
    )
    return {
        "years": [{"year": year, "n": n} for year, n in sorted(years.items(), reverse=True)],
        "sections": [
            {"section": section, "n": n}
            for section, n in sorted(sections.items(), key=lambda item: (-item[1], item[0]))[:FACET_LIMIT]
        ],
        "tags": tags,
        "people": people,
    }


class ArticleListView(PublicPageMixin, ListView):
    template_name = "site/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    # A search with more matches than this shows no facets (see get_context_data).
    search_facet_limit = 2000

    def _too_many_to_facet(self, paginator) -> bool:
        if not self.filterset.search_query:
            return False
        return getattr(paginator, "approximate", False) or paginator.count > self.search_facet_limit

    def _facets(self, paginator) -> dict[str, list[dict]] | None:
        if not paginator.count:
            # Nothing to count, and no need to run the search again to find that out.
            return {"years": [], "sections": [], "tags": [], "people": []}
        return None if self._too_many_to_facet(paginator) else article_facets(self.filterset.qs)

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.filterset.search_query:
            return SearchPaginator(queryset, per_page, filterset=self.filterset, **kwargs)
        return Paginator(queryset, per_page, **kwargs)

    def get_queryset(self):
        self.filterset = ArticleFilter(
            self.request.GET or None,
            queryset=public_articles().select_related("issue").defer(*LIST_DEFERRED),
        )
        return self.filterset.ordered()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        active = filterset.active
        labels = {}
        if active.get("person"):
            labels["person"] = Person.objects.filter(pk=int(active["person"])).values_list("name", flat=True).first()
        if active.get("tag"):
            labels["tag"] = Tag.objects.filter(slug=active["tag"]).values_list("name", flat=True).first()
        if active.get("issue"):
            issue = Issue.objects.filter(pk=int(active["issue"])).defer(*ISSUE_DEFERRED).first()
            labels["issue"] = str(issue) if issue else None
        photo_ids = set(
            Photo.objects.filter(article__in=[a.pk for a in context["articles"]]).order_by().values_list("article_id", flat=True)
        )
        for article in context["articles"]:
            article.has_photo = article.pk in photo_ids
        context.update(
            filter=filterset,
            query=filterset.search_query,
            sort=filterset.sort_order,
            active=active,
            # The "more filters" panel opens when one of its own fields is set.
            advanced_active=bool(set(active) - {"q", "issue", "person"}),
            labels=labels,
            # A search matching a good part of the archive gets no facets: finding the matches
            # to count would cost seconds; the reader is asked to narrow it down first.
            facets=self._facets(context["paginator"]),
            facet_sample=FACET_SAMPLE if context["paginator"].count > FACET_SAMPLE else None,
            errors=filterset.form.errors if filterset.is_bound else {},
        )
        return context


RELATED_CANDIDATES = 300


def _related_articles(article: Article, person_ids: list[int], tag_ids: list[int], limit: int = 5):
    """Published articles sharing people or tags with ``article``, most shared first.

    Candidates are the most recent credits of the same people and tags (a district leader is
    mentioned in thousands of articles; scoring all of them would cost more than the page).
    """
    if not person_ids and not tag_ids:
        return []
    scores: defaultdict[int, int] = defaultdict(int)
    if person_ids:
        for article_id in (
            ArticlePerson.objects.filter(person_id__in=person_ids)
            .exclude(article_id=article.pk)
            .order_by("-article_id")
            .values_list("article_id", flat=True)[:RELATED_CANDIDATES]
        ):
            scores[article_id] += 1
    if tag_ids:
        for article_id in (
            Article.tags.through.objects.filter(tag_id__in=tag_ids)
            .exclude(article_id=article.pk)
            .order_by("-article_id")
            .values_list("article_id", flat=True)[:RELATED_CANDIDATES]
        ):
            scores[article_id] += 1
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[: limit * 10]
    related = list(public_articles().filter(pk__in=best).select_related("issue").defer(*LIST_DEFERRED))
    related.sort(key=lambda a: (-scores[a.pk], -(a.date.toordinal() if a.date else 0), a.pk))
    return related[:limit]


class ArticleDetailView(PublicPageMixin, DetailView):
    template_name = "site/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.all() if is_staff(self.request) else public_articles()
        return articles.select_related("issue").defer("issue__ocr_text", "issue__unplaced", "issue__import_errors")

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        self.last_modified = article.updated_at
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        credits = list(article.credits.select_related("person").order_by("role", "position"))
        by_role: defaultdict[str, list[ArticlePerson]] = defaultdict(list)
        for credit in credits:
            by_role[credit.role].append(credit)
        tags = list(article.tags.all())
        photos = list(article.photos.prefetch_related("photographers").order_by("position"))
        siblings = list(
            (Article.objects.all() if is_staff(self.request) else public_articles())
            .filter(issue_id=article.issue_id)
            .order_by("position")
            .values("pk", "position", "headline", "kicker", "subheadline")
        )
        index = next((i for i, row in enumerate(siblings) if row["pk"] == article.pk), None)
        previous_article = siblings[index - 1] if index else None
        next_article = siblings[index + 1] if index is not None and index + 1 < len(siblings) else None
        query = search.SearchQuery.parse(self.request.GET.get("q", "")[: search.MAX_QUERY_LENGTH])
        context.update(
            correspondents=by_role.get(ArticlePerson.Role.CORRESPONDENT, []),
            photographers=by_role.get(ArticlePerson.Role.PHOTOGRAPHER, []),
            mentioned=by_role.get(ArticlePerson.Role.MENTIONED, []),
            tags=tags,
            photos=photos,
            previous_article=previous_article,
            next_article=next_article,
            related=_related_articles(article, sorted({c.person_id for c in credits}), [t.pk for t in tags]),
            query=query,
            is_preview=not article.is_published,
            absolute_url=self.request.build_absolute_uri(article.get_absolute_url()),
        )
        return context


# --- Photos and tags -----------------------------------------------------------------------

class PhotoListView(PublicPageMixin, ListView):
    template_name = "site/photo_list.html"
    context_object_name = "photos"
    paginate_by = 24

    def _int_param(self, name: str, low: int, high: int) -> int | None:
        value = self.request.GET.get(name, "")
        if value.isascii() and value.isdigit() and low <= int(value) <= high:
            return int(value)
        return None

    def get_queryset(self):
        photos = public_photos().select_related("issue", "article").defer(
            "issue__ocr_text", "issue__unplaced", "issue__import_errors", "article__ocr_text", "article__body"
        )
        self.photographer = None
        photographer_id = self._int_param("photographer", 1, 2**62)
        if photographer_id:
            self.photographer = Person.objects.filter(pk=photographer_id).first()
            photos = photos.filter(photographers=photographer_id)
        self.year = self._int_param("year", MIN_YEAR, MAX_YEAR)
        if self.year:
            photos = photos.filter(
                issue__issue_date__gte=dt.date(self.year, 1, 1), issue__issue_date__lt=dt.date(self.year + 1, 1, 1)
            )
        return photos.prefetch_related("photographers").order_by(F("issue__issue_date").desc(nulls_last=True), "issue_id", "position")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = public_photos()
        context.update(
            photographer=self.photographer,
            year=self.year,
            years=list(
                public.filter(issue__issue_date__isnull=False)
                .annotate(year=ExtractYear("issue__issue_date"))
                .values("year")
                .annotate(n=Count("pk"))
                .order_by("-year")
            ),
            top_photographers=list(
                Photo.photographers.through.objects.filter(photo__in=public.values("pk"))
                .values("person_id", "person__name")
                .annotate(n=Count("photo_id"))
                .order_by("-n", "person__name")[:20]
            ),
        )
        return context


class TagListView(PublicPageMixin, ListView):
    template_name = "site/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return (
            Tag.objects.annotate(n=Count("articles", filter=Q(articles__is_published=True)))
            .filter(n__gt=0)
            .order_by("-n", "name")
        )


class TagDetailView(PublicPageMixin, ListView):
    template_name = "site/tag_detail.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.tag = get_object_or_404(public_tags(), slug=clean_text(self.kwargs["slug"], 80))
        return (
            public_articles()
            .filter(tags=self.tag)
            .select_related("issue")
            .defer(*LIST_DEFERRED)
            .order_by("-date", "issue_id", "position")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        return context


def robots_txt(request) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Filtered and searched lists are endless permutations of the same articles.
        "Disallow: /articles/?",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
