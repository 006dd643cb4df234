"""Issues: the archive by year and month, and one issue laid out like a front page."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, defaultdict

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.views.generic import DetailView, TemplateView

from articles.models import Article, ArticlePerson, Issue, Photo
from articles.site import display
from articles.site.filters import MAX_YEAR, MIN_YEAR, public_articles, public_issues
from articles.site.page_cache import SharedPageCacheMixin
from articles.site.pages import issue_pages, viewer_images
from articles.site.views.base import ISSUE_DEFERRED, PublicPageMixin, is_staff


def year_month_counts(issues) -> list[tuple[int, list[tuple[int | None, int]]]]:
    """[(year, [(month, issue count), ...]), ...], newest year first.

    An issue dated only to the year is stored on 1 January: it counts under month ``None``
    (月份不详, last), not under January.
    """
    rows = (
        issues.filter(issue_date__isnull=False)
        .annotate(year=ExtractYear("issue_date"), month=ExtractMonth("issue_date"))
        .values("year", "month", "date_precision")
        .annotate(n=Count("pk"))
        .order_by("-year", "month")
    )
    years: OrderedDict[int, defaultdict[int | None, int]] = OrderedDict()
    for row in rows:
        month = None if row["date_precision"] == display.YEAR else row["month"]
        years.setdefault(row["year"], defaultdict(int))[month] += row["n"]
    return [(year, sorted(months.items(), key=_month_order)) for year, months in years.items()]


def _month_order(item: tuple[int | None, object]) -> int:
    return 13 if item[0] is None else item[0]


class IssueArchiveView(PublicPageMixin, TemplateView):
    """All years with their issue counts; the chosen year's issues month by month."""

    template_name = "site/issue_archive.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issues = public_issues()
        years = year_month_counts(issues)
        year = kwargs.get("year")
        if year is None and years:
            year = years[0][0]
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise Http404("没有这一年的报纸")
        months: dict[int | None, list[Issue]] = {}
        if year is not None:
            year_issues = (
                issues.filter(issue_date__gte=dt.date(year, 1, 1), issue_date__lt=dt.date(year + 1, 1, 1))
                .defer(*ISSUE_DEFERRED)
                .annotate(article_count=Count("articles", filter=Q(articles__is_published=True)))
                .order_by("issue_date", "source_name")
            )
            for issue in year_issues:
                # Dated only to the year: under 月份不详, not January.
                month = None if issue.date_precision == display.YEAR else issue.issue_date.month
                months.setdefault(month, []).append(issue)
        undated = issues.filter(issue_date__isnull=True).defer(*ISSUE_DEFERRED).order_by("source_name")
        context.update(
            years=[(y, sum(n for _, n in m)) for y, m in years],
            year=year,
            months=sorted(months.items(), key=_month_order),
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
    pages = issue_pages(issue, article_list)
    return {
        "issue": issue,
        "articles": article_list,
        "loose_photos": photos_by_article.get(None, []),
        "previous_issue": previous_issue,
        "next_issue": next_issue,
        "is_preview": not article_list or any(not a.is_published for a in article_list),
        # The printed pages, if the issue came in as scans: thumbnails and the zoomable viewer.
        "pages": pages,
        "page_viewer_data": {"pages": [page.as_json() for page in pages], "images": viewer_images()} if pages else {},
    }


class IssueDetailView(SharedPageCacheMixin, PublicPageMixin, DetailView):
    template_name = "site/issue_detail.html"
    context_object_name = "issue"

    def get_queryset(self):
        issues = Issue.objects.all() if is_staff(self.request) else public_issues()
        return issues.defer(*ISSUE_DEFERRED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_issue_page_context(self.request, self.object))
        return context


class IssueByDateView(SharedPageCacheMixin, PublicPageMixin, TemplateView):
    """/issues/2025-08-26/: the issue of that day, or a choice when several share the date."""

    template_name = "site/issue_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            day = dt.date.fromisoformat(kwargs["date"])
        except ValueError:
            raise Http404("日期无效") from None
        issues = Issue.objects.all() if is_staff(self.request) else public_issues()
        # A month- or year-precision issue is stored on the 1st: that is no day of its own.
        same_day = list(
            issues.filter(issue_date=day)
            .exclude(date_precision__in=[display.MONTH, display.YEAR])
            .defer(*ISSUE_DEFERRED)
            .order_by("source_name", "pk")[:20]
        )
        if not same_day:
            raise Http404("这一天没有报纸")
        if len(same_day) > 1:
            self.template_name = "site/issue_choice.html"
            context.update(day=day, issues=same_day)
            return context
        context.update(_issue_page_context(self.request, same_day[0]))
        return context
