"""Writes that touch several models. Views, admin actions and commands call these.

Every change to an article goes through here so that its version number is bumped (for
optimistic locking) and a revision snapshot is stored (for history, diff and revert).

Pending revisions live here too: an editor's correction to the words of a published article
is stored as a revision waiting for a chief, while the article row keeps the approved words
readers see. The desk (``articles.desk.editing.review``) and the spreadsheet import both file
them, so the rule for what a pending revision holds is written once, below both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
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

#: What readers read of an article. A change to these by someone who may not publish, on a
#: published article, is stored as a pending revision; people, tags and the proofreading
#: status are desk data and are saved at once.
TEXT_FIELDS: tuple[str, ...] = (
    "kicker", "headline", "subheadline", "section", "byline", "dateline", "dateline_date", "body",
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


# --- Pending revisions (review before publication) ------------------------------------------


def iso_text(value: Any) -> str | None:
    """A date as a snapshot stores it (ISO text); empty values as None."""
    if value in (None, ""):
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def text_of(article: Article) -> dict[str, Any]:
    """The article's words as a snapshot stores them (the date as ISO text)."""
    return {
        name: iso_text(getattr(article, name)) if name == "dateline_date" else getattr(article, name)
        for name in TEXT_FIELDS
    }


def text_from(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The words a snapshot holds."""
    return {
        name: snapshot.get(name) if name == "dateline_date" else snapshot.get(name, "")
        for name in TEXT_FIELDS
    }


def open_drafts(article_ids: Iterable[int]) -> dict[int, ArticleRevision]:
    """article id → its pending revision, for the articles that have one (one query)."""
    drafts: dict[int, ArticleRevision] = {}
    for draft in ArticleRevision.objects.filter(
        article_id__in=list(article_ids), review=ArticleRevision.Review.PENDING
    ).order_by("id"):
        drafts[draft.article_id] = draft  # the newest wins, should there ever be two
    return drafts


def build_pending_revision(
    article: Article,
    *,
    text: Mapping[str, Any],
    working: Mapping[str, Any] | None,
    user: AbstractBaseUser | None,
    comment: str,
    batch: str = "",
    created_at: Any = None,
    snapshot: dict[str, Any] | None = None,
) -> ArticleRevision:
    """An unsaved pending revision of ``article`` at its current version.

    ``article`` holds the approved words (the row). The revision's words are the ones the desk
    works on — ``working``: an open pending revision's words, or None for the row's — with the
    fields in ``text`` changed; people, tags and status are the row's (``snapshot``, when
    already built by a bulk path). The approved words go along as ``approved_text``: approving
    merges the correction against them, so a change made to the row since is not undone.
    """
    live = text_of(article)
    changed = {
        name: iso_text(value) if name == "dateline_date" else value
        for name, value in text.items()
        if name in TEXT_FIELDS
    }
    data = {**(snapshot if snapshot is not None else article_snapshot(article))}
    data.update(working if working is not None else live)
    data.update(changed)
    data["approved_text"] = live
    return ArticleRevision(
        article=article,
        version=article.version,
        created_at=created_at or timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        comment=comment[:300],
        batch=batch,
        snapshot=data,
        review=ArticleRevision.Review.PENDING,
    )


def close_drafts(
    drafts: Sequence[ArticleRevision], *, state: str, user: AbstractBaseUser | None, note: str = ""
) -> None:
    """Settle pending revisions (approved, returned, superseded, withdrawn) in one query."""
    if not drafts:
        return
    reviewer = user if user is not None and user.is_authenticated else None
    when = timezone.now()
    for draft in drafts:
        draft.review, draft.reviewed_by, draft.reviewed_at, draft.review_note = state, reviewer, when, note
    ArticleRevision.objects.filter(pk__in=[d.pk for d in drafts]).update(
        review=state, reviewed_by=reviewer, reviewed_at=when, review_note=note
    )
