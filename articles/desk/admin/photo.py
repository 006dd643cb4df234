"""The photo admin, and detaching a photo from its article."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from articles.desk.admin.common import can_publish
from articles.desk.editing.common import EditingError, require_publish_permission
from articles.desk.editing.restructure import detach_photo
from articles.models import Article, Photo
from articles.sheets.admin import PhotoImportExportMixin


class PhotoAdminForm(forms.ModelForm):
    """Moving a photo onto or off a published (or withdrawn) article is the chief's call."""

    can_publish: bool = True

    class Meta:
        model = Photo
        fields = ("issue", "article", "position", "title", "caption", "photographers", "image")

    def clean_article(self) -> Article | None:
        new = self.cleaned_data.get("article")
        old_id = self.instance.article_id if self.instance.pk else None
        if self.can_publish or (new.pk if new else None) == old_id:
            return new
        involved = [a for a in (Article.objects.filter(pk=old_id).first() if old_id else None, new) if a]
        try:
            require_publish_permission(involved, may_publish=False, action="更改图片所配的文章")
        except EditingError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return new


@admin.register(Photo)
class PhotoAdmin(PhotoImportExportMixin, admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ("__str__", "issue", "article", "position")
    list_select_related = ("issue", "article")
    search_fields = ("title", "caption")
    autocomplete_fields = ("issue", "article", "photographers")
    readonly_fields = ("ocr_text",)
    list_per_page = 100
    actions = ("detach",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.article_id and obj.article.is_published and not can_publish(request):
            # What readers see under a published article; no revision holds it for review.
            fields += ("title", "caption", "photographers", "image")
        return fields

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = can_publish(request)
        return form

    def get_urls(self) -> list:
        return [
            path("<int:photo_id>/detach/", self.admin_site.admin_view(self.detach_view), name="articles_photo_detach"),
            *super().get_urls(),
        ]

    def detach_view(self, request: HttpRequest, photo_id: int) -> HttpResponse:
        photo = get_object_or_404(Photo, pk=photo_id)
        if request.method != "POST" or not self.has_change_permission(request, photo):
            raise PermissionDenied
        article_id = photo.article_id
        try:
            detach_photo(photo=photo, user=request.user, may_publish=can_publish(request))
        except EditingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"图片“{photo}”已从文章移除（仍保留在本期）。")
        if article_id:
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article_id]))
        return HttpResponseRedirect(reverse("admin:articles_photo_changelist"))

    @admin.action(description="从所配文章移除", permissions=["change"])
    def detach(self, request: HttpRequest, queryset: QuerySet) -> None:
        count, refused = 0, []
        for photo in queryset.filter(article__isnull=False):
            try:
                detach_photo(photo=photo, user=request.user, may_publish=can_publish(request))
            except EditingError:
                refused.append(str(photo))
            else:
                count += 1
        self.message_user(request, f"已移除 {count} 张图片的配文关系。", messages.SUCCESS)
        if refused:
            self.message_user(
                request, f"以下图片所配的文章已发布或已撤回，只有主编可以移除：{'、'.join(refused)}", messages.WARNING
            )
