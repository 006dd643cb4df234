"""The issue admin: an issue's articles in printed order and its verbatim OCR text."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.desk.admin.common import count_of
from articles.desk.admin.deletion import KeepsHistoryOnDelete
from articles.desk.admin.upload import upload_view
from articles.desk.editing import deletion
from articles.models import Article, Issue
from articles.sheets.admin import IssueImportExportMixin


@admin.register(Issue)
class IssueAdmin(KeepsHistoryOnDelete, IssueImportExportMixin, admin.ModelAdmin):
    list_display = ("__str__", "issue_date", "date_precision", "number", "source_name", "source_version", "article_count", "imported_at")
    list_filter = ("date_source", "date_precision")
    search_fields = ("source_name", "masthead", "number")
    date_hierarchy = "issue_date"
    list_per_page = 100
    change_list_template = "admin/articles/issue/upload_change_list.html"
    readonly_fields = ("source_name", "source_version", "content_hash", "source_encoding", "imported_at",
                       "ocr_text_display", "article_links", "unplaced", "import_errors")
    fieldsets = (
        (None, {"fields": ("masthead", "issue_date", "date_source", "date_precision", "lunar_date", "number", "page")}),
        ("文章", {"fields": ("article_links",)}),
        ("OCR 原文（只读）", {"fields": ("ocr_text_display", "unplaced", "import_errors")}),
        ("来源", {"fields": ("source_name", "source_version", "content_hash", "source_encoding", "imported_at")}),
    )

    def get_urls(self) -> list:
        upload = self.admin_site.admin_view(lambda request: upload_view(self, request))
        return [path("upload/", upload, name="articles_issue_upload"), *super().get_urls()]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(article_total=count_of(Article.objects.all(), "issue"))

    @admin.display(description="文章数", ordering="article_total")
    def article_count(self, issue: Issue) -> int:
        return issue.article_total

    @admin.display(description="OCR 原文")
    def ocr_text_display(self, issue: Issue) -> str:
        return format_html('<pre class="ocr-text" lang="zh-Hans">{}</pre>', issue.ocr_text)

    @admin.display(description="本期文章")
    def article_links(self, issue: Issue) -> str:
        rows = issue.articles.order_by("position").values_list("pk", "position", "headline", "kicker", "status")
        labels = dict(Article.Status.choices)
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "", '<li><a href="{}">{}</a>（{}）</li>',
                ((reverse("admin:articles_article_change", args=[pk]), headline or kicker or f"#{pk}", labels.get(status, status))
                 for pk, _pos, headline, kicker, status in rows),
            ),
        )

    # Deleting (chief editors): every article's history is kept as a deletion record.

    def delete_model(self, request: HttpRequest, obj: Issue) -> None:
        deletion.delete_issues(issue_ids=[obj.pk], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        deletion.delete_issues(issue_ids=list(queryset.values_list("pk", flat=True)), user=request.user)
