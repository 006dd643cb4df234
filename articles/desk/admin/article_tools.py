"""The correction screen's tools: OCR-hint fixes, find & replace, restructure, next to review."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from articles.desk.admin.common import can_publish
from articles.desk.editing import (
    diffs,
    find_replace,
    find_replace_job,
    fixes,
    hint_rejections,
    restructure,
)
from articles.desk.editing import people as people_services
from articles.desk.editing.common import EditingError, is_public_or_withdrawn
from articles.desk.editing.queue import next_article_to_review
from articles.desk.forms import ArticleChoiceForm, FindReplaceForm, SplitForm
from articles.hints.detectors import HINT_FIELDS, refresh_hint_count
from articles.jobs.admin import announce_job, job_url
from articles.models import Article, ArticleRevision, HintRejection


class ToolPages:
    """Mixed into ArticleAdmin (uses its ``_context`` and ``_article_for_change``)."""

    # --- hints ---

    def fix_hint_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        article = self._article_for_change(request, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        try:
            start, end = int(request.POST["start"]), int(request.POST["end"])
            version = int(request.POST["version"])
            field = request.POST.get("field", "body")
            if field not in HINT_FIELDS:
                raise ValueError(field)
            if request.POST.get("all"):
                _, applied = fixes.apply_hint_group(
                    article=article, expected_version=version, field=field,
                    kind=request.POST["kind"], text=request.POST.get("text", ""),
                    suggestion=request.POST.get("suggestion", ""), user=request.user,
                )
                refresh_hint_count(Article.objects.get(pk=article.pk))
                messages.success(request, f"已按提示修正 {applied} 处，并记入修改历史。")
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
            fixes.apply_text_fix(
                article=article, expected_version=version, start=start, end=end, field=field,
                expected=request.POST.get("text", ""), replacement=request.POST.get("suggestion", ""),
                user=request.user, comment=f"按 OCR 提示修正：“{request.POST.get('text', '')}” → “{request.POST.get('suggestion', '')}”",
            )
        except (KeyError, ValueError):
            messages.error(request, "提示参数无效")
        except EditingError as exc:
            messages.error(request, str(exc))
        else:
            refresh_hint_count(Article.objects.get(pk=article.pk))
            messages.success(request, "已按提示修正并记入修改历史。")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def reject_hint_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """不是错误: one occurrence, persisted at once. Called from the screen without a reload
        (JSON), so nothing typed in the form is lost; a plain form post is redirected back."""
        article = self._article_for_change(request, object_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        wants_json = "application/json" in request.headers.get("Accept", "")
        try:
            rejection = hint_rejections.reject_hint(
                article=article, field=request.POST.get("field", "body"), kind=request.POST["kind"],
                suspect=request.POST["text"], suggestion=request.POST.get("suggestion", ""),
                start=int(request.POST.get("start", "0")), user=request.user,
            )
        except (KeyError, ValueError):
            message, ok = "提示参数无效", False
        except EditingError as exc:
            message, ok = str(exc), False
        else:
            message = f"已记下：“{rejection.suspect}”这一处不是错误，不再提示，也不再计入疑似错误。"
            ok = True
        if wants_json:
            count = Article.objects.values_list("ocr_hint_count", flat=True).get(pk=article.pk)
            return JsonResponse({"ok": ok, "message": message, "hint_count": count}, status=200 if ok else 400)
        (messages.success if ok else messages.error)(request, message)
        return HttpResponseRedirect(change_url)

    def undo_rejection_view(self, request: HttpRequest, object_id: int, rejection_id: int) -> HttpResponse:
        """A chief editor takes back a "不是错误": the hint is shown and counted again."""
        article = self._article_for_change(request, object_id)
        if request.method != "POST" or not can_publish(request):
            raise PermissionDenied
        rejection = HintRejection.objects.filter(pk=rejection_id, article_id=article.pk).first()
        if rejection is None:
            messages.error(request, "找不到这条判定（可能已撤销）。")
        else:
            hint_rejections.undo_rejection(rejection=rejection)
            messages.success(request, f"已撤销：“{rejection.suspect}”这一处重新提示并计数。")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#hint-rejections")

    def normalise_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """规范标点和空格: a preview of every change (GET), then one revision (POST)."""
        article = self._article_for_change(request, object_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if request.method == "POST":
            try:
                _, places = fixes.normalise_article(
                    article=article, expected_version=int(request.POST.get("version", "")), user=request.user,
                )
            except ValueError:
                messages.error(request, "参数无效")
            except EditingError as exc:
                messages.error(request, str(exc))
            else:
                refresh_hint_count(Article.objects.get(pk=article.pk))
                messages.success(request, f"已规范标点和空格 {places} 处，并记入修改历史。" if places else "没有需要规范的标点和空格。")
            return HttpResponseRedirect(change_url)
        before = fixes.desk_fields(article)
        changes = fixes.mechanical_changes(before)
        after = {**before, **{name: c[1] for name, c in changes.items()}}
        return TemplateResponse(request, "admin/articles/article/normalise.html", self._context(
            request, "规范标点和空格", article,
            changes=diffs.compare_words(before, after) if changes else [],
            places=sum(c[2] for c in changes.values()), article_version=article.version,
        ))

    # --- find & replace ---

    def find_replace_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        matches: list[find_replace.Match] = []
        form = FindReplaceForm(request.POST or request.GET or None)
        if request.method == "POST" and "apply_all" in request.POST and form.is_valid():
            # Every match in the archive, as a background job (the preview shows only the first).
            try:
                job = find_replace_job.enqueue_find_replace(
                    find=form.cleaned_data["find"], replacement=form.cleaned_data["replacement"],
                    regex=form.cleaned_data["regex"], user=request.user,
                )
            except EditingError as exc:
                messages.error(request, str(exc))
            else:
                announce_job(request, job)
                return HttpResponseRedirect(job_url(job))
        elif request.method == "POST" and "apply" in request.POST and form.is_valid():
            try:
                result = find_replace.apply_replacements(
                    find=form.cleaned_data["find"], replacement=form.cleaned_data["replacement"],
                    regex=form.cleaned_data["regex"], chosen=request.POST.getlist("match"), user=request.user,
                )
            except EditingError as exc:
                messages.error(request, str(exc))
            else:
                for article_id in set(ArticleRevision.objects.filter(batch=result.batch).values_list("article_id", flat=True)):
                    refresh_hint_count(Article.objects.get(pk=article_id))
                messages.success(request, f"已替换 {result.replaced} 处，涉及 {result.articles} 篇文章。可在下方“最近的批量替换”中撤销。")
                if result.pending:
                    messages.info(request, f"其中 {result.pending} 篇是已公开的文章：替换后的文字等主编审核，批准前读者看到的不变。")
                if result.skipped:
                    messages.warning(request, f"以下文章在预览后已被修改，未替换：{'、'.join(result.skipped)}")
                self._offer_relink(request, form.cleaned_data, result.batch)
                return HttpResponseRedirect(reverse("admin:articles_article_find_replace"))
        elif form.is_bound and form.is_valid():
            try:
                matches = find_replace.find_matches(
                    find=form.cleaned_data["find"], replacement=form.cleaned_data["replacement"],
                    regex=form.cleaned_data["regex"],
                )
            except EditingError as exc:  # a pattern too slow to finish, or a bad replacement
                form.add_error("find", str(exc))
        return TemplateResponse(
            request, "admin/articles/article/find_replace.html",
            self._context(request, "全库查找替换", form=form, matches=matches, limit=find_replace.MAX_MATCHES,
                          batches=find_replace.recent_batches()),
        )

    def _offer_relink(self, request: HttpRequest, cleaned: dict, batch: str) -> None:
        """A name corrected in the text: the articles may still link the old person."""
        if cleaned["regex"] or not cleaned["replacement"].strip():
            return
        person = people_services.person_named(cleaned["find"])
        article_ids = ArticleRevision.objects.filter(batch=batch).values_list("article_id", flat=True)
        if person is None or not people_services.articles_crediting(person=person, article_ids=article_ids):
            return
        new_name = cleaned["replacement"].strip()
        url = reverse("admin:people_person_relink", args=[person.pk]) + "?" + urlencode({"batch": batch, "to": new_name})
        messages.info(request, format_html(
            '这些文章仍关联人物“{}”。<a href="{}" id="relink-offer">把它们的人物关联改为“{}”</a>',
            person.name, url, new_name,
        ))

    def undo_batch_view(self, request: HttpRequest, batch: str) -> HttpResponse:
        if not self.has_change_permission(request) or request.method != "POST":
            raise PermissionDenied
        try:
            result = find_replace.undo_batch(batch=batch, user=request.user)
        except EditingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已撤销：恢复了 {result.restored} 篇文章。")
            if result.skipped:
                messages.warning(request, f"以下文章在替换后又被修改过，未撤销：{'、'.join(result.skipped)}")
        return HttpResponseRedirect(reverse("admin:articles_article_find_replace"))

    # --- restructure (needs the publish permission when a public article is involved) ---

    def _tool_page(self, request: HttpRequest, title: str, article: Article, form: object, tool: str) -> HttpResponse:
        return TemplateResponse(
            request, "admin/articles/article/tool.html",
            self._context(request, title, article, form=form, tool=tool,
                          chief_only=is_public_or_withdrawn(article) and not can_publish(request)),
        )

    def split_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        article = self._article_for_change(request, object_id)
        form = SplitForm(request.POST or None, initial={"at": len(article.body) // 2})
        if request.method == "POST" and form.is_valid():
            try:
                new = restructure.split_article(
                    article=article, at=form.cleaned_data["at"], user=request.user,
                    headline=form.cleaned_data["headline"], may_publish=can_publish(request),
                )
            except EditingError as exc:
                form.add_error("at", str(exc))
            else:
                messages.success(request, format_html(
                    '已拆分：后半部分成为新文章 <a href="{}" id="split-new-article">#{} {}</a>（请为它填写标题）。'
                    "在两篇都还没有改动之前，可以在本页上方撤销拆分。",
                    reverse("admin:articles_article_change", args=[new.pk]), new.pk, new.title or new.body[:20],
                ))
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return self._tool_page(request, f"拆分文章：{article}", article, form, "split")

    def undo_split_view(self, request: HttpRequest, object_id: int, batch: str) -> HttpResponse:
        article = self._article_for_change(request, object_id)
        if request.method != "POST":
            raise PermissionDenied
        try:
            restructure.undo_split(article=article, batch=batch, user=request.user, may_publish=can_publish(request))
        except EditingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已撤销拆分：两部分已按原样合回本文（OCR 原文也已复原）。")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _choose_other_article(
        self, request: HttpRequest, object_id: int, *, tool: str, title: str, success: str,
        run: Callable[[Article, Article], object],
    ) -> HttpResponse:
        """The flow merge and move-headline share: pick another article of the issue, run the
        service (which checks the publish rule and stores the hint counts), back to the screen."""
        article = self._article_for_change(request, object_id)
        form = ArticleChoiceForm(request.POST or None, article=article)
        if request.method == "POST" and form.is_valid():
            try:
                run(article, form.cleaned_data["other"])
            except EditingError as exc:
                form.add_error("other", str(exc))
            else:
                messages.success(request, success)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return self._tool_page(request, f"{title}：{article}", article, form, tool)

    def merge_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return self._choose_other_article(
            request, object_id, tool="merge", title="合并文章到",
            success="已合并：另一篇文章的正文、人物、标签和配图已并入本文。",
            run=lambda article, other: restructure.merge_articles(
                target=article, other=other, user=request.user, may_publish=can_publish(request),
            ),
        )

    def move_headline_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return self._choose_other_article(
            request, object_id, tool="move", title="移动标题组", success="标题组已与所选文章互换。",
            run=lambda article, other: restructure.move_headline_group(
                source=article, target=other, user=request.user, may_publish=can_publish(request),
            ),
        )

    def next_review_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        article = next_article_to_review(pending_first=can_publish(request))
        if article is None:
            messages.info(request, "没有待审核的文章了。")
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
