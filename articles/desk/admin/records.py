"""Read-only records: every revision (who did what), the articles chief editors deleted, and the
hints editors marked "不是错误" (undone from the article's correction screen, by a chief)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.models import ArticleRevision, DeletedArticle, HintRejection


class ReadOnly:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only list of every change, newest first (for 'who did what today')."""

    list_display = ("created_at", "article", "version", "user", "comment", "review", "batch")
    list_select_related = ("article", "user")
    list_filter = ("review", "user")
    search_fields = ("comment", "batch", "=article__id")
    list_per_page = 100
    show_full_result_count = False


@admin.register(DeletedArticle)
class DeletedArticleAdmin(ReadOnly, admin.ModelAdmin):
    """What was deleted, by whom and when: the last text and the whole history, kept for good."""

    list_display = ("deleted_at", "original_id", "title", "issue_label", "was_published", "deleted_by", "reason")
    list_select_related = ("deleted_by",)
    list_filter = ("was_published",)
    search_fields = ("title", "issue_label", "reason", "=original_id")
    list_per_page = 100
    show_full_result_count = False
    fields = ("original_id", "title", "issue_label", "was_published", "deleted_at", "deleted_by", "reason",
              "body_display", "ocr_display", "history_display")
    readonly_fields = fields

    @admin.display(description="删除前的正文")
    def body_display(self, record: DeletedArticle) -> str:
        return format_html('<div class="ocr-panel" lang="zh-Hans">{}</div>', record.snapshot.get("body", ""))

    @admin.display(description="OCR 原文")
    def ocr_display(self, record: DeletedArticle) -> str:
        return format_html('<pre class="ocr-text" lang="zh-Hans">{}</pre>', record.snapshot.get("ocr_text", ""))

    @admin.display(description="修改历史")
    def history_display(self, record: DeletedArticle) -> str:
        return format_html(
            '<table id="deleted-history"><thead><tr><th>版本</th><th>时间</th><th>修改人</th><th>说明</th>'
            "<th>标题</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (r.get("version", ""), r.get("created_at", "")[:16].replace("T", " "), r.get("user") or "（系统）",
                     r.get("comment", ""), (r.get("snapshot") or {}).get("headline", ""))
                    for r in reversed(record.revisions)
                ),
            ),
        )


@admin.register(HintRejection)
class HintRejectionAdmin(ReadOnly, admin.ModelAdmin):
    """Every "不是错误" with who decided it and where; each row leads to the article, where a
    chief editor can undo it."""

    list_display = ("rejected_at", "article_link", "place", "suggestion", "kind", "rejected_by")
    list_select_related = ("article", "rejected_by")
    list_filter = ("kind", "rejected_by")
    search_fields = ("suspect", "suggestion", "=article__id")
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description="文章", ordering="article")
    def article_link(self, rejection: HintRejection) -> str:
        url = reverse("admin:articles_article_change", args=[rejection.article_id]) + "#hint-rejections"
        return format_html('<a href="{}">#{} {}</a>', url, rejection.article_id, rejection.article)

    @admin.display(description="不是错误的这一处")
    def place(self, rejection: HintRejection) -> str:
        return format_html(
            "…{}<mark>{}</mark>{}…", rejection.context_before, rejection.suspect, rejection.context_after
        )
