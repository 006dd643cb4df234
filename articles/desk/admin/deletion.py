"""Deleting from the admin keeps every deleted article's history (the chief's deletes)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.text import capfirst

from articles.models import ArticleRevision


def _without(items: list, prefix: str) -> list:
    kept: list = []
    for item in items:
        if isinstance(item, list):
            inner = _without(item, prefix)
            if inner:
                kept.append(inner)
        elif not str(item).startswith(prefix):
            kept.append(item)
    return kept


class KeepsHistoryOnDelete:
    """For the article and issue admins: deletes go through ``articles.desk.editing.deletion``.

    Nobody may delete revisions on their own, which made the admin refuse every delete that
    would take an article's revisions with it. Here they are first copied into a deletion
    record (“已删除的文章”), so they are no longer counted as lost, nor listed as such.
    """

    delete_confirmation_template = "admin/articles/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/articles/delete_selected_confirmation.html"

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[list, dict, set, list]:
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        meta = ArticleRevision._meta
        perms_needed.discard(meta.verbose_name)
        model_count.pop(meta.verbose_name_plural, None)
        return _without(to_delete, f"{capfirst(meta.verbose_name)}: "), model_count, perms_needed, protected
