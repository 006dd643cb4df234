"""The correction screen's inlines: people with roles (one query for all labels) and photos.

Both formsets are validated after the article form, which has locked the row and planned the
save (``desk_save_plan``). When someone else saved in between, a formset either keeps their
rows, saves the editor's, or refuses like the article form does; never a silent revert.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.html import format_html

from articles.desk.editing.review import PUBLISH_PERMISSION
from articles.models import ArticlePerson, Photo


class LabelledAutocompleteSelect(AutocompleteSelect):
    """An autocomplete whose selected option's label is given, not fetched (one query per row)."""

    labels: dict[str, str]

    def optgroups(self, name: str, value: Any, attr: dict | None = None) -> list:
        selected = [str(v) for v in value if v not in ("", None)]
        labels = getattr(self, "labels", {})
        if not all(v in labels for v in selected):
            return super().optgroups(name, value, attr)
        default: tuple[Any, list, int] = (None, [], 0)
        groups = [default]
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        for index, v in enumerate(selected):
            default[1].append(self.create_option(name, v, labels[v], True, index + 1))
        return groups


def _refuse(formset: BaseInlineFormSet, label: str) -> None:
    plan = formset.instance.desk_save_plan
    conflict = plan.conflict(overlapping=[label])
    # The admin shows it in the same conflict box as the article form's own conflicts.
    formset.instance.desk_conflict = conflict
    raise ValidationError(conflict.message, code="stale")


def _merging(formset: BaseInlineFormSet) -> bool:
    plan = getattr(formset.instance, "desk_save_plan", None)
    return plan is not None and plan.merging


class CreditFormSet(BaseInlineFormSet):
    keep_theirs = False

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)
        widget = form.fields["person"].widget
        inner = getattr(widget, "widget", widget)
        if isinstance(inner, LabelledAutocompleteSelect):
            labels = getattr(self, "_person_labels", None)
            if labels is None:
                labels = {str(c.person_id): c.person.name for c in self.get_queryset()}
                self._person_labels = labels
            inner.labels = labels
        return form

    def clean(self) -> None:
        super().clean()
        if not _merging(self):
            return
        submitted = [
            (data["person"].pk, data["role"], data.get("title", ""), data.get("position") or 0)
            for data in (getattr(f, "cleaned_data", None) or {} for f in self.forms)
            if data.get("person") and not data.get("DELETE")
        ]
        outcome = self.instance.desk_save_plan.people_outcome(submitted)
        if outcome == "conflict":
            _refuse(self, "人物")
        self.keep_theirs = outcome == "keep_theirs"

    def save(self, commit: bool = True) -> list:
        if self.keep_theirs:
            # Only the other editor changed the people since this form was opened: theirs stay.
            self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
            return []
        return super().save(commit)


class PhotoFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        # No snapshot records photos, so a difference from the current rows may be the other
        # editor's change: refused rather than reverted.
        if _merging(self) and any(f.has_changed() for f in self.forms):
            _refuse(self, "配图")


class ArticlePersonInline(admin.TabularInline):
    model = ArticlePerson
    formset = CreditFormSet
    extra = 1
    fields = ("person", "role", "title", "position")
    autocomplete_fields = ("person",)
    verbose_name = "人物"
    verbose_name_plural = "人物与角色"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("person")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "person":
            kwargs["widget"] = LabelledAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PhotoInline(admin.TabularInline):
    model = Photo
    formset = PhotoFormSet
    fk_name = "article"
    extra = 0
    fields = ("position", "title", "caption", "detach_link")
    readonly_fields = ("detach_link",)
    can_delete = False
    show_change_link = True
    verbose_name = "配图"
    verbose_name_plural = "配图"
    # A caption is a sentence or two: a small box keeps the row inside a 1,366-pixel screen.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A published article's captions are what readers see, and no revision holds them for
        # review: editors read them here, chiefs change them.
        if obj is not None and obj.is_published and not request.user.has_perm(PUBLISH_PERMISSION):
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description="操作")
    def detach_link(self, photo: Photo) -> str:
        # The button submits a small form rendered outside the article form (forms cannot nest).
        if not photo.pk:
            return ""
        return format_html(
            '<button type="submit" form="detach-photo-{}" class="button">从本文移除</button>', photo.pk
        )
