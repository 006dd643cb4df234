"""Review before publication in the admin: the queue, approve / send back, notes on an article."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from articles.desk.admin.common import can_publish
from articles.desk.editing import notes, queue, review
from articles.desk.editing.common import EditingError
from articles.hints.detectors import refresh_hint_count
from articles.models import Article

QUEUE_LENGTH = 50


class ReviewPages:
    """Mixed into ArticleAdmin (uses its ``_context`` and ``_article_for_change``)."""

    def review_queue_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        counts = queue.desk_counts()
        return TemplateResponse(
            request, "admin/articles/article/review_queue.html",
            self._context(
                request, "审稿队列", pending=queue.pending_corrections(limit=QUEUE_LENGTH),
                unproofread=list(queue.unproofread(limit=QUEUE_LENGTH)), counts=counts,
                can_publish=can_publish(request), can_change=self.has_change_permission(request),
                limit=QUEUE_LENGTH,
            ),
        )

    def _back(self, request: HttpRequest, article: Article) -> HttpResponseRedirect:
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            target = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(target)

    def _reviewing(self, request: HttpRequest, object_id: int) -> Article:
        article = self._article_for_change(request, object_id)
        if request.method != "POST" or not can_publish(request):
            raise PermissionDenied
        return article

    def approve_view(self, request: HttpRequest, object_id: int, revision_id: int) -> HttpResponse:
        article = self._reviewing(request, object_id)
        try:
            revision = review.approve_draft(article=article, revision_id=revision_id, user=request.user)
        except EditingError as exc:
            messages.error(request, str(exc))
        else:
            refresh_hint_count(Article.objects.get(pk=article.pk))
            messages.success(request, f"已批准并公开“{article}”的修改（现为版本 {revision.version}），读者现在看到的是新的文字。")
        return self._back(request, article)

    def return_view(self, request: HttpRequest, object_id: int, revision_id: int) -> HttpResponse:
        article = self._reviewing(request, object_id)
        try:
            review.return_draft(article=article, revision_id=revision_id, user=request.user, note=request.POST.get("note", ""))
        except EditingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已退回“{article}”的修改并留言给编辑；读者看到的仍是已批准的文字。")
        return self._back(request, article)

    def add_note_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        article = self._article_for_change(request, object_id)
        if request.method != "POST":
            raise PermissionDenied
        try:
            notes.add_note(article=article, user=request.user, text=request.POST.get("text", ""))
        except EditingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "留言已保存。")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#notes")
