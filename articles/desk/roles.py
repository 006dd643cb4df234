"""The two editorial roles and what each may do in the admin."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from articles.models import Article

EDITOR_GROUP = "编辑"
CHIEF_GROUP = "主编"
PUBLISH_CODENAME = "publish_article"

# Editors correct, tag, restructure and merge people; they cannot publish or delete issues.
EDITOR_PERMISSIONS = (
    "articles.view_issue",
    "articles.view_article", "articles.change_article", "articles.add_article",
    "articles.view_articleperson", "articles.add_articleperson", "articles.change_articleperson",
    "articles.delete_articleperson",
    "articles.view_photo", "articles.change_photo",
    "articles.view_tag", "articles.add_tag", "articles.change_tag",
    "articles.view_articlerevision", "articles.view_deletedarticle", "articles.view_hintrejection",
    "people.view_person", "people.add_person", "people.change_person",
    "people.view_personalias", "people.add_personalias", "people.change_personalias",
    "people.delete_personalias",
)
# Chief editors: everything editors may, plus publishing and deleting. Deleting an article
# keeps its history (articles.desk.editing.deletion), so no one is given delete_articlerevision.
CHIEF_EXTRA_PERMISSIONS = (
    f"articles.{PUBLISH_CODENAME}",
    "articles.change_issue", "articles.delete_issue",
    "articles.delete_article", "articles.add_photo", "articles.delete_photo", "articles.delete_tag",
    "people.delete_person",
)


def publish_permission() -> Permission:
    """The custom 'publish' permission (created here, so the model needs no Meta change)."""
    content_type = ContentType.objects.get_for_model(Article)
    permission, _ = Permission.objects.get_or_create(
        codename=PUBLISH_CODENAME, content_type=content_type, defaults={"name": "可以发布和撤回文章"}
    )
    return permission


def _permissions(names: tuple[str, ...]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


@transaction.atomic
def setup_roles() -> dict[str, int]:
    """Create or update the groups; safe to run again. Returns {group: permission count}."""
    publish_permission()
    editor, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    editor.permissions.set(_permissions(EDITOR_PERMISSIONS))
    chief, _ = Group.objects.get_or_create(name=CHIEF_GROUP)
    chief.permissions.set(_permissions(EDITOR_PERMISSIONS + CHIEF_EXTRA_PERMISSIONS))
    return {EDITOR_GROUP: editor.permissions.count(), CHIEF_GROUP: chief.permissions.count()}
