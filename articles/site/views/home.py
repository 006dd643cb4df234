"""The home page: latest issue, archive size, latest articles, browse by year and month."""

from __future__ import annotations

from django.core.cache import cache
from django.views.generic import TemplateView

from articles.models import Article, Issue
from articles.site import generation
from articles.site.filters import ArticleFilter, public_articles, public_issues, public_people
from articles.site.page_cache import SharedPageCacheMixin
from articles.site.views.base import ISSUE_DEFERRED, LIST_DEFERRED, PublicPageMixin
from articles.site.views.issues import year_month_counts

# Only to let memory go: the generation in the key keeps the figures current.
HOME_STATS_SECONDS = 3600


def archive_stats() -> dict:
    """Archive size and the year/month index: whole-archive aggregates, cached per generation.

    They change only when something is published or corrected (a new publication generation);
    the home page should not aggregate 200,000 rows on every visit, not even a staff visit.
    """
    key = f"site:archive-stats:{generation.current()}"
    stats = cache.get(key)
    if stats is None:
        issues = public_issues()
        stats = {
            "article_count": public_articles().count(),
            "issue_count": issues.count(),
            "person_count": public_people().count(),
            "years": year_month_counts(issues),
        }
        cache.set(key, stats, HOME_STATS_SECONDS)
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


class HomeView(SharedPageCacheMixin, PublicPageMixin, TemplateView):
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
