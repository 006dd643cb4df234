"""The article's history pages: every version, two versions side by side, revert in one step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.desk.admin.common import can_publish
from articles.desk.editing import review
from articles.desk.editing.diffs import compare_snapshots
from articles.desk.editing.versions import revert_article
from articles.hints.detectors import refresh_hint_count
from articles.models import Article, ArticleRevision


class HistoryPages:
    """Mixed into ArticleAdmin (uses its ``_context`` and ``_article_for_change``)."""

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        revisions = list(
            ArticleRevision.objects.filter(article=article).select_related("user", "reviewed_by").order_by("-version", "-id")
        )
        return TemplateResponse(
            request, "admin/articles/article/history.html",
            self._context(request, f"修改历史：{article}", article, revisions=revisions,
                          can_change=self.has_change_permission(request, article)),
        )

    def compare_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        revisions = {r.pk: r for r in ArticleRevision.objects.filter(article=article).select_related("user")}
        try:
            old = revisions[int(request.GET.get("a", ""))]
        except (KeyError, ValueError):
            old = None
        raw_b = request.GET.get("b", "current")
        if raw_b == "current":
            draft = review.open_draft(article.pk)
            new_snapshot = review.working_snapshot(article, draft)
            new_label = f"当前（版本 {article.version}{'，含待主编审核的文字' if draft else ''}）"
        else:
            try:
                new_rev = revisions[int(raw_b)]
            except (KeyError, ValueError):
                new_rev = None
            if new_rev is None:
                messages.error(request, "请选择要比较的两个版本")
                return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
            new_snapshot, new_label = new_rev.snapshot, f"版本 {new_rev.version}"
        if old is None:
            messages.error(request, "请选择要比较的两个版本")
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        changes = compare_snapshots(old.snapshot, new_snapshot)
        return TemplateResponse(
            request, "admin/articles/article/compare.html",
            self._context(request, f"比较版本：{article}", article, old=old, old_label=f"版本 {old.version}",
                          new_label=new_label, changes=changes,
                          can_change=self.has_change_permission(request, article)),
        )

    def revert_view(self, request: HttpRequest, object_id: int, revision_id: int) -> HttpResponse:
        article = self._article_for_change(request, object_id)
        revision = get_object_or_404(ArticleRevision, pk=revision_id, article=article)
        if request.method != "POST":
            changes = compare_snapshots(review.working_snapshot(article, review.open_draft(article.pk)), revision.snapshot)
            return TemplateResponse(
                request, "admin/articles/article/revert_confirm.html",
                self._context(request, f"恢复到版本 {revision.version}", article, revision=revision, changes=changes,
                              keeps_publication=not can_publish(request)),
            )
        restored = revert_article(
            article=article, revision=revision, user=request.user, restore_publication=can_publish(request)
        )
        refresh_hint_count(Article.objects.get(pk=article.pk))
        if restored.review == restored.Review.PENDING:
            self.message_user(
                request, f"已恢复到版本 {revision.version}：状态、人物和标签已恢复；文字已提交主编审核，批准前读者看到的不变。",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, f"已恢复到版本 {revision.version}（正文、标题、状态、人物和标签）。", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
