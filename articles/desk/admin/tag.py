"""The tag admin, with each tag's article count."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from articles.desk.admin.common import count_of
from articles.models import Article, Tag
from articles.sheets.admin import TagImportExportMixin


@admin.register(Tag)
class TagAdmin(TagImportExportMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "article_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    list_per_page = 100

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(
            article_total=count_of(Article.tags.through.objects.all(), "tag")
        )

    @admin.display(description="文章数", ordering="article_total")
    def article_count(self, tag: Tag) -> int:
        return tag.article_total
