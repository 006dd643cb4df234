"""The changelist's bulk workflow: mark proofread, publish, withdraw, add or remove a tag.

Publishing and proofreading are separate: publish / withdraw change only whether readers see
the article (``is_published``), marking proofread changes only ``status``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles.desk.editing.common import EditingError, bulk_record, ensure_baselines, tag_named
from articles.models import Article, Tag

STATUS_LABELS = {"reviewed": "标记为已校对", "publish": "发布", "unpublish": "撤回发布"}


@transaction.atomic
def bulk_set_status(
    *, article_ids: Iterable[int], action: str, user: AbstractBaseUser | None
) -> int:
    """``reviewed`` / ``publish`` / ``unpublish`` the chosen articles; returns how many changed."""
    if action not in STATUS_LABELS:
        raise EditingError(f"未知操作：{action}")
    articles = list(Article.objects.select_for_update().filter(pk__in=list(article_ids)))
    now = timezone.now()
    changed: list[Article] = []
    ensure_baselines(articles)
    for a in articles:
        before = (a.status, a.is_published)
        if action == "reviewed":
            a.status = Article.Status.CORRECTED
        elif action == "publish":
            a.is_published = True
            a.published_at = a.published_at or now
        else:
            a.is_published = False
        if (a.status, a.is_published) != before:
            a.version += 1
            a.updated_at = now
            changed.append(a)
    if changed:
        Article.objects.bulk_update(changed, ["status", "is_published", "published_at", "version", "updated_at"])
        bulk_record(changed, user=user, comment=f"批量{STATUS_LABELS[action]}", batch=f"st-{uuid.uuid4().hex[:12]}")
    return len(changed)


@transaction.atomic
def bulk_tag(
    *, article_ids: Iterable[int], tag: Tag | str, add: bool, user: AbstractBaseUser | None
) -> int:
    """Add or remove one tag on the chosen articles; a tag given by name is created if new."""
    if isinstance(tag, str):
        if not add:
            found = Tag.objects.filter(name=tag.strip()).first()
            if found is None:
                return 0
            tag = found
        else:
            tag = tag_named(tag)
    articles = list(Article.objects.select_for_update().filter(pk__in=list(article_ids)))
    through = Article.tags.through
    have = set(through.objects.filter(tag=tag, article_id__in=[a.pk for a in articles]).values_list("article_id", flat=True))
    changed = [a for a in articles if (a.pk in have) != add]
    if not changed:
        return 0
    ensure_baselines(changed)
    if add:
        through.objects.bulk_create([through(article_id=a.pk, tag_id=tag.pk) for a in changed])
    else:
        through.objects.filter(tag=tag, article_id__in=[a.pk for a in changed]).delete()
    now = timezone.now()
    for a in changed:
        a.version += 1
        a.updated_at = now
    Article.objects.bulk_update(changed, ["version", "updated_at"])
    comment = f"批量{'添加' if add else '移除'}标签：{tag.name}"
    bulk_record(changed, user=user, comment=comment, batch=f"tg-{uuid.uuid4().hex[:12]}")
    return len(changed)



#: A printed column label is short; a longer "section" is a misplaced headline, not a label.
MAX_SECTION_TAG = 20


@transaction.atomic
def tag_by_section(*, article_ids: Iterable[int], user: AbstractBaseUser | None) -> dict[str, int]:
    """Tag each chosen article with its printed column label (栏目), creating the tags.

    The importer stores the label as ``section``; as tags, readers can browse a column across
    issues. One bulk tagging (and revision) per label; returns {label: articles tagged}.
    """
    by_section: dict[str, list[int]] = {}
    for pk, section in Article.objects.filter(pk__in=list(article_ids)).values_list("pk", "section"):
        label = section.strip()
        if label and len(label) <= MAX_SECTION_TAG:
            by_section.setdefault(label, []).append(pk)
    return {
        label: bulk_tag(article_ids=ids, tag=label, add=True, user=user)
        for label, ids in sorted(by_section.items())
    }
