"""The photo gallery (by photographer and year) and tags."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear, Substr
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Photo, Tag
from articles.site.display import OPENING_LENGTH
from articles.site.filters import (
    MAX_YEAR,
    MIN_YEAR,
    clean_text,
    public_articles,
    public_people,
    public_photos,
    public_tags,
)
from articles.site.views.base import LIST_DEFERRED, PAGE_SIZE, PublicPageMixin


class PhotoListView(PublicPageMixin, ListView):
    template_name = "site/photo_list.html"
    context_object_name = "photos"
    paginate_by = 24

    def _int_param(self, name: str, low: int, high: int) -> int | None:
        value = self.request.GET.get(name, "")
        if value.isascii() and value.isdigit() and low <= int(value) <= high:
            return int(value)
        return None

    def _by_photographer(self, photos):
        return photos.filter(photographers=self.photographer_id) if self.photographer_id else photos

    def _by_year(self, photos):
        if not self.year:
            return photos
        return photos.filter(
            issue__issue_date__gte=dt.date(self.year, 1, 1), issue__issue_date__lt=dt.date(self.year + 1, 1, 1)
        )

    def get_queryset(self):
        photos = (
            public_photos()
            .select_related("issue", "article__issue")
            .defer(
                "issue__ocr_text", "issue__unplaced", "issue__import_errors", "article__ocr_text", "article__body",
                "article__issue__ocr_text", "article__issue__unplaced", "article__issue__import_errors",
            )
            # An untitled article is named by its opening words; the rest of the body stays unread.
            .annotate(article_opening=Substr("article__body", 1, OPENING_LENGTH * 2))
        )
        self.photographer_id = self._int_param("photographer", 1, 2**62)
        # Named only when a reader could reach the person anyway (see ArticleListView's chips).
        self.photographer = public_people().filter(pk=self.photographer_id).first() if self.photographer_id else None
        self.year = self._int_param("year", MIN_YEAR, MAX_YEAR)
        photos = self._by_year(self._by_photographer(photos))
        return photos.prefetch_related("photographers").order_by(F("issue__issue_date").desc(nulls_last=True), "issue_id", "position")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = public_photos()
        # Each facet counts within the other active filter: the years of this photographer's
        # photos, the photographers of this year's photos.
        context.update(
            photographer=self.photographer,
            year=self.year,
            years=list(
                self._by_photographer(public)
                .filter(issue__issue_date__isnull=False)
                .annotate(year=ExtractYear("issue__issue_date"))
                .values("year")
                .annotate(n=Count("pk"))
                .order_by("-year")
            ),
            top_photographers=list(
                Photo.photographers.through.objects.filter(photo__in=self._by_year(public).values("pk"))
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
