"""Articles: the list (filters, facets, search) and one article's page."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.views.generic import DetailView, ListView

from articles import search
from articles.models import Article, ArticlePerson, Photo
from articles.site.filters import (
    ArticleFilter,
    public_articles,
    public_issues,
    public_people,
    public_tags,
)
from articles.site.page_cache import SharedPageCacheMixin
from articles.site.pages import article_clippings
from articles.site.pagination import article_paginator
from articles.site.views.base import (
    ISSUE_DEFERRED,
    LIST_DEFERRED,
    PAGE_SIZE,
    PublicPageMixin,
    is_staff,
)

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


class ArticleListView(SharedPageCacheMixin, PublicPageMixin, ListView):
    """The article list; its bare URL (no filter, first page) is the same for every reader."""

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
        return article_paginator(queryset, per_page, filterset=self.filterset, **kwargs)

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
        # A chip names only what a reader could reach anyway: a person, tag or issue that only
        # unpublished material references is shown like an unknown value (its id or slug), so
        # walking ids harvests no draft-only names.
        labels = {}
        if active.get("person"):
            labels["person"] = public_people().filter(pk=int(active["person"])).values_list("name", flat=True).first()
        if active.get("tag"):
            labels["tag"] = public_tags().filter(slug=active["tag"]).values_list("name", flat=True).first()
        if active.get("issue"):
            issue = public_issues().filter(pk=int(active["issue"])).defer(*ISSUE_DEFERRED).first()
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
            # Where the article was printed (scanned issues only), the search's hits marked.
            clippings=article_clippings(article, query),
            is_preview=not article.is_published,
            absolute_url=self.request.build_absolute_uri(article.get_absolute_url()),
        )
        return context
