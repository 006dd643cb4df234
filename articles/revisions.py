"""Writes that touch several models. Views, admin actions and commands call these.

Every change to an article goes through here so that its version number is bumped (for
optimistic locking) and a revision snapshot is stored (for history, diff and revert).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticlePerson, ArticleRevision

# Fields captured in a revision snapshot and restored by a revert.
SNAPSHOT_FIELDS: tuple[str, ...] = (
    "kicker",
    "headline",
    "subheadline",
    "section",
    "byline",
    "dateline",
    "body",
    "status",
    "is_published",
)


def article_snapshot(
    article: Article,
    *,
    credits: Sequence[ArticlePerson] | None = None,
    tag_names: Iterable[str] | None = None,
) -> dict[str, Any]:
    """A JSON-able picture of the article, its people (with roles) and its tags.

    Pass ``credits``/``tag_names`` when they are already loaded (bulk paths) to avoid queries.
    """
    if credits is None:
        credits = list(article.credits.select_related("person").order_by("role", "position"))
    if tag_names is None:
        tag_names = article.tags.values_list("name", flat=True)
    data: dict[str, Any] = {name: getattr(article, name) for name in SNAPSHOT_FIELDS}
    data["dateline_date"] = article.dateline_date.isoformat() if article.dateline_date else None
    data["people"] = [
        {
            "person_id": c.person_id,
            "name": c.person.name,
            "role": c.role,
            "title": c.title,
            "position": c.position,
        }
        for c in credits
    ]
    data["tags"] = sorted(tag_names)
    return data


def build_revision(
    article: Article,
    *,
    user: AbstractBaseUser | None,
    comment: str,
    batch: str = "",
    snapshot: dict[str, Any] | None = None,
) -> ArticleRevision:
    """An unsaved revision for ``article`` as it stands now (for bulk_create)."""
    return ArticleRevision(
        article=article,
        version=article.version,
        created_at=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        comment=comment[:300],
        batch=batch,
        snapshot=snapshot if snapshot is not None else article_snapshot(article),
    )


@transaction.atomic
def record_revision(
    *, article: Article, user: AbstractBaseUser | None, comment: str, batch: str = ""
) -> ArticleRevision:
    """Store a snapshot of ``article`` as it is in the database now."""
    revision = build_revision(article, user=user, comment=comment, batch=batch)
    revision.save()
    return revision
