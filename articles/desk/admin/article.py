"""The article admin: the changelist and the correction screen (save with the version lock).

Every write goes through ``articles.desk.editing`` / ``articles.revisions`` so it bumps the
article's version and lands in its history. Pages run a constant number of queries whatever
the size of the archive (``list_select_related``, annotations, and pre-loaded labels for the
people inline). The screen's other pages are in ``article_history``, ``article_tools`` and
``article_review`` (the review queue, approving, notes).

Review before publication: the screen edits the words the desk works on — a pending
correction's, if one is open. An editor's change to the words of a published article is saved
as a pending revision (``editing.review``); the row, which readers see, keeps the approved
words. Everything else in the same save (status, people, tags) is saved at once.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.desk.admin.article_actions import BulkActions
from articles.desk.admin.article_history import HistoryPages
from articles.desk.admin.article_review import ReviewPages
from articles.desk.admin.article_tools import ToolPages
from articles.desk.admin.common import DeskPages, IdsFirstPaginator, can_publish
from articles.desk.admin.deletion import KeepsHistoryOnDelete
from articles.desk.admin.filters import (
    HasHintsFilter,
    PendingReviewFilter,
    ProofreadingFilter,
    SectionFilter,
    TagFilter,
    tag_alone,
)
from articles.desk.admin.inlines import ArticlePersonInline, PhotoInline
from articles.desk.admin.pages import page_panel
from articles.desk.editing import (
    deletion,
    diffs,
    hint_rejections,
    notes,
    queue,
    restructure,
    review,
    versions,
)
from articles.desk.forms import OVERWRITE_BUTTON, PROOFREADING_LABELS, ArticleAdminForm
from articles.hints.detectors import (
    HINT_FIELDS,
    archive_context,
    group_hints,
    hints_for_article,
    refresh_hint_count,
)
from articles.hints.rules import MECHANICAL_KINDS, surrounding_sentence
from articles.models import Article, ArticleRevision
from articles.revisions import article_snapshot, record_revision
from articles.sheets.admin import ArticleImportExportMixin

# Fields that are the words (held for review) or belong to the form, not to the article's desk data.
_WORDS_OR_FORM_ONLY = {*review.TEXT_FIELDS, "change_comment", "expected_version"}


@admin.register(Article)
class ArticleAdmin(
    KeepsHistoryOnDelete, HistoryPages, ToolPages, ReviewPages, BulkActions, DeskPages, ArticleImportExportMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    # Narrow columns, so that at 1,366 pixels the version and the last change stay in view.
    list_display = (
        "title_display", "issue_label", "date", "proofreading", "is_published", "hint_count", "version_number",
        "changed_at",
    )
    list_display_links = ("title_display",)
    list_select_related = ("issue",)
    list_filter = (PendingReviewFilter, ProofreadingFilter, "is_published", HasHintsFilter, SectionFilter, TagFilter)
    list_per_page = 100
    search_fields = ("headline", "kicker", "subheadline", "byline", "=id")
    search_help_text = "按标题、引题、副题、署名或编号搜索（正文请用“查找替换”）。"
    autocomplete_fields = ("issue", "tags")
    inlines = (ArticlePersonInline, PhotoInline)
    readonly_fields = ("version", "ocr_hint_count", "published_at", "created_at", "updated_at")
    actions = ("mark_reviewed", "publish", "unpublish", "add_tag", "remove_tag", "tags_from_sections")
    show_full_result_count = False
    paginator = IdsFirstPaginator
    change_list_template = "admin/articles/article/change_list_tools.html"
    fieldsets = (
        ("正文", {"fields": ("body", "change_comment", "expected_version")}),
        ("标题组", {"fields": ("kicker", "headline", "subheadline")}),
        ("出处", {"fields": ("issue", "position", "section", "byline", "dateline", "dateline_date", "date")}),
        ("分类与状态", {"fields": ("tags", "status", "is_published", "published_at", "version", "ocr_hint_count")}),
    )

    # --- list ---

    @admin.display(description="标题", ordering="headline")
    def title_display(self, article: Article) -> str:
        start = getattr(article, "body_start", None)
        if start is None:
            start = article.body[:20]
        return article.title or f"（无标题）{start}"

    @admin.display(description="所属期", ordering="issue__issue_date")
    def issue_label(self, article: Article) -> str:
        return article.issue.date_label

    @admin.display(description="提示", ordering="ocr_hint_count")
    def hint_count(self, article: Article) -> int:
        return article.ocr_hint_count

    @admin.display(description="版本", ordering="version")
    def version_number(self, article: Article) -> int:
        return article.version

    @admin.display(description="更新时间", ordering="updated_at")
    def changed_at(self, article: Article) -> str:
        return timezone.localtime(article.updated_at).strftime("%m-%d %H:%M")

    @admin.display(description="校对", ordering="status")
    def proofreading(self, article: Article) -> str:
        label = PROOFREADING_LABELS.get(article.status, article.get_status_display())
        if getattr(article, "pending_review", False):
            return format_html('{} <span class="pending-badge" title="有待主编审核的文字修改">待审</span>', label)
        return label

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "articles_article_changelist":
            # A page of 100 needs neither the whole text nor the OCR: they are most of a row.
            qs = qs.defer("body", "ocr_text").annotate(
                body_start=Substr("body", 1, 20), pending_review=queue.has_pending()
            )
        return qs

    def get_paginator(self, request: HttpRequest, queryset: QuerySet, per_page: int, orphans: int = 0,
                      allow_empty_first_page: bool = True) -> IdsFirstPaginator:
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        tag = tag_alone(request)
        if tag is not None:
            # The same number as the changelist's own count, from the tag's index alone.
            paginator.count = Article.tags.through.objects.filter(tag_id=tag).count()
        return paginator

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        article = super().get_object(request, object_id, from_field)
        if article is not None:
            # The screen edits the words waiting for review, if a correction is pending.
            article.desk_live_text = review.text_of(article)
            review.show_draft(article)
        return article

    # --- permissions ---

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if not can_publish(request):
            fields += ("is_published",)
            if obj is not None and obj.is_published:
                # Where a published article sits and its date are what readers browse by; no
                # revision holds them for review, so they are the chief's to change.
                fields += ("issue", "position", "date")
        return fields

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = can_publish(request)
        return form

    # --- correction screen ---

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None) -> HttpResponse:
        article = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if article is not None:
            every = hints_for_article(article, archive_context())
            rejections = hint_rejections.rejections_for(article)
            # Typesetting (spacing, half-width punctuation) is one action, not hundreds of hints;
            # an occurrence an editor marked "不是错误" is not shown again.
            hints = hint_rejections.without_rejected(
                (h for h in every if h.kind not in MECHANICAL_KINDS),
                fields={name: getattr(article, name) or "" for name in HINT_FIELDS}, rejections=rejections,
            )
            draft = article.desk_draft
            extra.update(
                ocr_blocks=diffs.aligned_ocr_diff(article.ocr_text, review.text_of(article)),
                hints=hints,
                hint_groups=group_hints(hints),
                mechanical_count=sum(h.kind in MECHANICAL_KINDS for h in every),
                hint_rejections=rejections,
                # Every occurrence in its sentence: a look-alike inside a name is seen where it is.
                hint_places=[
                    (hint, *surrounding_sentence(getattr(article, hint.field) or "", hint)) for hint in hints
                ],
                article_version=article.version,
                recent_revisions=list(
                    ArticleRevision.objects.filter(article=article).select_related("user").order_by("-created_at", "-id")[:5]
                ),
                photo_ids=list(article.photos.values_list("pk", flat=True)),
                can_publish=can_publish(request),
                draft=draft,
                draft_changes=diffs.compare_words(article.desk_live_text, review.text_of(article)) if draft else [],
                returned=None if draft else review.last_returned(article.pk),
                words_need_review=review.needs_review(article, request.user),
                notes=notes.notes_for(article),
                split_undo=restructure.undoable_split(article),
            )
            # Articles that came in as scans: the page beside the text, a crop for each hint.
            extra["page_panel"] = page_panel(article, extra["hints"])
        return super().change_view(request, object_id, form_url, extra)

    def render_change_form(self, request: HttpRequest, context: dict, add: bool = False, change: bool = False, form_url: str = "", obj: Any = None) -> HttpResponse:
        form = context.get("adminform").form if context.get("adminform") else None
        conflict = getattr(form, "conflict", None) or getattr(obj, "desk_conflict", None)
        if conflict is not None:
            context["conflict"] = conflict
            context["conflict_body_diff"] = diffs.diff_html(conflict.their_body, form.data.get("body", ""))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        plan: versions.SavePlan | None = getattr(form, "plan", None)
        request._desk_words = None
        if change:
            current = plan.current if plan is not None else Article.objects.get(pk=obj.pk)
            on_version = current.version
            before = ArticleRevision.objects.filter(article_id=obj.pk, version=on_version).order_by("-id").first()
            request._article_before = before.snapshot if before else {}
            if plan is not None and plan.merging:
                self.message_user(request, self._merged_message(plan), messages.INFO)
            if review.needs_review(current, request.user):
                # The words wait for a chief: the row keeps the ones readers see. save_related
                # saves the rest, if anything else changed (against the row, not the words).
                request._article_before = article_snapshot(current)
                request._desk_words = review.text_of(obj)
                review.apply_text(obj, review.text_of(current))
                obj.version = on_version
                return
            obj.version = on_version + 1
        if obj.is_published and not obj.published_at:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    @staticmethod
    def _merged_message(plan: versions.SavePlan) -> str:
        who = "、".join(plan.editors) or "其他人"
        theirs = "、".join(c.label for c in plan.changes) or "（无可见字段）"
        return (
            f"在您打开本文之后，{who} 保存了版本 {plan.on_version}（改动了：{theirs}）。"
            "您的改动与对方的不重叠，已合并保存：对方的改动保留不变。"
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        article = form.instance
        before = getattr(request, "_article_before", {})
        comment = form.cleaned_data.get("change_comment", "")
        words = getattr(request, "_desk_words", None)
        if words is not None:
            self._save_for_review(request, form, formsets, words, before, comment)
            return
        super().save_related(request, form, formsets, change)
        if change:
            versions.record_change(article=article, user=request.user, before=before, comment=comment)
            review.close_after_live_save(article=article, draft=review.open_draft(article.pk), user=request.user)
        else:
            record_revision(article=article, user=request.user, comment=comment or "新建")
        refresh_hint_count(article)

    def _save_for_review(self, request: HttpRequest, form: Any, formsets: Any, words: dict, before: dict, comment: str) -> None:
        """An editor's save of a published article: the rest at once, the words for review."""
        article = form.instance
        if set(form.changed_data) - _WORDS_OR_FORM_ONLY or any(formset.has_changed() for formset in formsets):
            article.version += 1
            article.save()
            super().save_related(request, form, formsets, True)
            versions.record_change(article=article, user=request.user, before=before, comment=comment)
        else:
            for formset in formsets:  # nothing to save; the admin's change message reads these
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        draft = review.open_draft(article.pk)
        live = review.text_of(article)
        working = review.text_from(draft.snapshot) if draft is not None else live
        if words != working:
            labels = review.changed_text_labels(live, words)
            note = comment or (f"修改（待主编审核）：{'、'.join(labels)}" if labels else "撤回待审核的修改")
            request._desk_pending = review.save_text(article=article, text=words, user=request.user, comment=note)
        refresh_hint_count(article)

    def response_change(self, request: HttpRequest, obj: Article) -> HttpResponse:
        pending = getattr(request, "_desk_pending", None)
        if pending is not None and pending.review == ArticleRevision.Review.PENDING:
            return self._response_pending(request, obj, pending)
        if OVERWRITE_BUTTON in request.POST:
            self.message_user(
                request, f"已以您的内容保存为版本 {obj.version}；被覆盖的版本仍在修改历史中，可随时恢复。", messages.WARNING
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        if "_next_review" in request.POST:
            nxt = queue.next_article_to_review(exclude_id=obj.pk, pending_first=can_publish(request))
            if nxt is not None:
                self.message_user(request, f"已保存“{obj}”，下一篇待审文章：", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[nxt.pk]))
        return super().response_change(request, obj)

    def _response_pending(self, request: HttpRequest, obj: Article, pending: ArticleRevision) -> HttpResponse:
        self.message_user(
            request,
            f"已保存为待主编审核的修改（版本 {pending.version}）。主编批准之前，读者看到的仍是已批准的文字。",
            messages.SUCCESS,
        )
        if "_next_review" in request.POST:
            nxt = queue.next_article_to_review(exclude_id=obj.pk)
            if nxt is not None:
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[nxt.pk]))
        if "_save" in request.POST:
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    # --- deleting (chief editors): the history is kept as a deletion record ---

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        deletion.delete_articles(article_ids=[obj.pk], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        deletion.delete_articles(article_ids=list(queryset.values_list("pk", flat=True)), user=request.user)

    # --- urls ---

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path("next-review/", wrap(self.next_review_view), name="articles_article_next_review"),
            path("review/", wrap(self.review_queue_view), name="articles_article_review_queue"),
            path("<int:object_id>/review/<int:revision_id>/approve/", wrap(self.approve_view),
                 name="articles_article_approve"),
            path("<int:object_id>/review/<int:revision_id>/return/", wrap(self.return_view),
                 name="articles_article_return"),
            path("<int:object_id>/notes/", wrap(self.add_note_view), name="articles_article_add_note"),
            path("find-replace/", wrap(self.find_replace_view), name="articles_article_find_replace"),
            path("find-replace/undo/<str:batch>/", wrap(self.undo_batch_view), name="articles_article_undo_batch"),
            path("<int:object_id>/history/compare/", wrap(self.compare_view), name="articles_article_compare"),
            path("<int:object_id>/revert/<int:revision_id>/", wrap(self.revert_view), name="articles_article_revert"),
            path("<int:object_id>/fix-hint/", wrap(self.fix_hint_view), name="articles_article_fix_hint"),
            path("<int:object_id>/reject-hint/", wrap(self.reject_hint_view), name="articles_article_reject_hint"),
            path("<int:object_id>/hint-rejections/<int:rejection_id>/undo/", wrap(self.undo_rejection_view),
                 name="articles_article_undo_rejection"),
            path("<int:object_id>/normalise/", wrap(self.normalise_view), name="articles_article_normalise"),
            path("<int:object_id>/split/", wrap(self.split_view), name="articles_article_split"),
            path("<int:object_id>/split/undo/<str:batch>/", wrap(self.undo_split_view), name="articles_article_undo_split"),
            path("<int:object_id>/merge/", wrap(self.merge_view), name="articles_article_merge"),
            path("<int:object_id>/move-headline/", wrap(self.move_headline_view), name="articles_article_move_headline"),
            *super().get_urls(),
        ]
