"""The article changelist's bulk actions: mark reviewed, publish / withdraw (主编), tags."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from articles.desk.admin.common import can_publish
from articles.desk.editing.bulk import bulk_set_status, bulk_tag, tag_by_section
from articles.desk.editing.common import EditingError
from articles.desk.forms import BulkTagForm

STATUS_ACTIONS = {
    "mark_reviewed": ("reviewed", "标记为已校对"),
    "publish": ("publish", "发布"),
    "unpublish": ("unpublish", "撤回发布"),
}


class BulkActions:
    """Mixed into ArticleAdmin (uses its ``_context``)."""

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(request)

    def _status_action(self, request: HttpRequest, queryset: QuerySet, name: str) -> None:
        action, label = STATUS_ACTIONS[name]
        count = bulk_set_status(article_ids=queryset.values_list("pk", flat=True), action=action, user=request.user)
        self.message_user(request, f"{label}：{count} 篇文章已更新。", messages.SUCCESS)

    @admin.action(description="标记为已校对", permissions=["change"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._status_action(request, queryset, "mark_reviewed")

    @admin.action(description="发布（主编）", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._status_action(request, queryset, "publish")

    @admin.action(description="撤回发布（主编）", permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._status_action(request, queryset, "unpublish")

    def _tag_action(self, request: HttpRequest, queryset: QuerySet, add: bool) -> HttpResponse | None:
        form = BulkTagForm(request.POST if "apply_tag" in request.POST else None, adding=add)
        if form.is_valid():
            chosen = form.cleaned_data["chosen"]
            try:
                count = bulk_tag(article_ids=queryset.values_list("pk", flat=True), tag=chosen, add=add, user=request.user)
            except EditingError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            verb = "添加" if add else "移除"
            self.message_user(request, f"已为 {count} 篇文章{verb}标签“{chosen}”。", messages.SUCCESS)
            return None
        return TemplateResponse(
            request, "admin/articles/article/bulk_tag.html",
            self._context(request, "批量添加标签" if add else "批量移除标签", form=form,
                          action="add_tag" if add else "remove_tag", queryset=queryset[:200],
                          count=queryset.count(), selected=request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)),
        )

    @admin.action(description="批量添加标签", permissions=["change"])
    def add_tag(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._tag_action(request, queryset, add=True)

    @admin.action(description="批量移除标签", permissions=["change"])
    def remove_tag(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._tag_action(request, queryset, add=False)

    @admin.action(description="由栏目生成标签", permissions=["change"])
    def tags_from_sections(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Each chosen article gets its printed column label (栏目) as a tag."""
        tagged = tag_by_section(article_ids=queryset.values_list("pk", flat=True), user=request.user)
        if not tagged:
            self.message_user(request, "所选文章都没有栏目，没有生成标签。", messages.WARNING)
            return
        shown = "、".join(f"“{label}”（{count} 篇）" for label, count in tagged.items())
        self.message_user(request, f"已按栏目添加标签：{shown}。", messages.SUCCESS)
