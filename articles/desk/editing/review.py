"""Review before publication: an editor's correction to a published article waits for a chief.

The article row always holds what readers see — the approved words. Every public page, feed,
sitemap, API response and the search index read that row, so none of them needs to know about
review. When an editor changes the words of a published article, the change is stored as a
*pending* revision instead (its snapshot is the article as the editor wants it) and the row
only gets its version raised, so a concurrent save still sees it. A chief approves it — the
words are written to the row in one step — or sends it back with a note. A chief's own
correction goes live at once, and so does anyone's correction to an article readers do not see.

People, tags and the proofreading status are desk data, not the words: they are saved as
before. At most one pending revision per article is open; a newer correction replaces it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.desk.editing.common import EditingError, ensure_baseline_revision
from articles.desk.editing.diffs import FIELD_LABELS
from articles.models import Article, ArticleNote, ArticleRevision
from articles.revisions import (
    TEXT_FIELDS,
    article_snapshot,
    build_pending_revision,
    close_drafts,
    record_revision,
    text_from,
    text_of,
)
from articles.revisions import iso_text as _iso

PUBLISH_PERMISSION = "articles.publish_article"
Review = ArticleRevision.Review

# What readers read of an article (TEXT_FIELDS), the words of an article or a snapshot
# (text_of, text_from) and what a pending revision holds are defined in articles.revisions,
# which the spreadsheet import shares.


def may_publish(user: AbstractBaseUser | None) -> bool:
    """Whether ``user``'s changes may reach readers directly (``None``: a command, trusted)."""
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def needs_review(article: Article, user: AbstractBaseUser | None) -> bool:
    """A change to this article's words by this user waits for a chief."""
    return article.is_published and not may_publish(user)


def apply_text(article: Article, text: Mapping[str, Any]) -> None:
    """Put ``text`` on the in-memory article (nothing is saved)."""
    for name in TEXT_FIELDS:
        if name not in text:
            continue
        value = text[name]
        if name == "dateline_date":
            value = dt.date.fromisoformat(value) if isinstance(value, str) and value else (value or None)
        setattr(article, name, value)


def open_draft(article_id: int) -> ArticleRevision | None:
    """The article's pending revision, if one waits for a chief."""
    return (
        ArticleRevision.objects.filter(article_id=article_id, review=Review.PENDING)
        .select_related("user")
        .order_by("-id")
        .first()
    )


def show_draft(article: Article) -> ArticleRevision | None:
    """Put the pending words on the in-memory article, for the correction screen to edit."""
    draft = open_draft(article.pk)
    if draft is not None:
        apply_text(article, text_from(draft.snapshot))
    article.desk_draft = draft
    return draft


def working_snapshot(article: Article, draft: ArticleRevision | None) -> dict[str, Any]:
    """The article as the desk works on it: the row, with a pending revision's words."""
    snapshot = article_snapshot(article)
    if draft is not None:
        snapshot.update(text_from(draft.snapshot))
    return snapshot


def changed_text_labels(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [FIELD_LABELS[name] for name in TEXT_FIELDS if (old.get(name) or "") != (new.get(name) or "")]


def _who(revision: ArticleRevision) -> str:
    return revision.user.get_username() if revision.user else "（系统）"


def _close(draft: ArticleRevision, state: str, user: AbstractBaseUser | None, note: str = "") -> None:
    close_drafts([draft], state=state, user=user, note=note)


def close_after_live_save(
    *, article: Article, draft: ArticleRevision | None, user: AbstractBaseUser | None
) -> None:
    """A save went live on top of a pending revision: the revision is settled by it.

    A chief who saved exactly the pending words on a published article approved them; any
    other live save replaced them (the history keeps both).
    """
    if draft is None or draft.review != Review.PENDING:
        return
    approved = article.is_published and may_publish(user) and text_of(article) == text_from(draft.snapshot)
    _close(draft, Review.APPROVED if approved else Review.SUPERSEDED, user)


@transaction.atomic
def submit_draft(
    *, article: Article, text: Mapping[str, Any], user: AbstractBaseUser | None, comment: str, batch: str = ""
) -> ArticleRevision:
    """Store ``text`` as the article's pending revision; the row's words stay as they are.

    ``article`` is the locked row; ``text`` changes the words the desk works on (an open
    pending revision's, else the row's), which this revision then replaces. The version goes
    up so concurrent saves see the change.
    """
    draft = open_draft(article.pk)
    ensure_baseline_revision(article)
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1, updated_at=now)
    article.version += 1
    revision = build_pending_revision(
        article, text=text, working=text_from(draft.snapshot) if draft is not None else None,
        user=user, comment=comment, batch=batch, created_at=now,
    )
    revision.save()
    if draft is not None:
        _close(draft, Review.SUPERSEDED, user)
    return revision


@transaction.atomic
def save_text(
    *, article: Article, text: Mapping[str, Any], user: AbstractBaseUser | None, comment: str, batch: str = ""
) -> ArticleRevision:
    """Change the article's words as ``user`` may: live, or as a pending revision.

    ``article`` is the locked row; ``text`` holds the fields to change, on top of what the
    desk works on (a pending revision's words, if one is open). A change by someone without
    the publish permission to a published article waits for a chief; words set back to what
    readers see withdraw the pending revision.
    """
    draft = open_draft(article.pk)
    live = text_of(article)
    base = text_from(draft.snapshot) if draft is not None else live
    wanted = {**base, **{n: _iso(v) if n == "dateline_date" else v for n, v in text.items() if n in TEXT_FIELDS}}
    if needs_review(article, user) and wanted != live:
        return submit_draft(article=article, text=wanted, user=user, comment=comment, batch=batch)
    ensure_baseline_revision(article)
    apply_text(article, wanted)
    article.version += 1
    article.save()
    revision = record_revision(article=article, user=user, comment=comment, batch=batch)
    if draft is not None:
        if wanted == live and not may_publish(user):
            _close(draft, Review.WITHDRAWN, user)
        else:
            close_after_live_save(article=article, draft=draft, user=user)
    return revision


@transaction.atomic
def withdraw_draft(
    *, article: Article, user: AbstractBaseUser | None, comment: str, batch: str = ""
) -> ArticleRevision | None:
    """Take back the open pending revision (an undo): the desk returns to the approved words."""
    draft = open_draft(article.pk)
    if draft is None:
        return None
    ensure_baseline_revision(article)
    article.version += 1
    article.save(update_fields=["version", "updated_at"])
    revision = record_revision(article=article, user=user, comment=comment, batch=batch)
    _close(draft, Review.WITHDRAWN, user)
    return revision


def _pending(article: Article, revision_id: int, user: AbstractBaseUser | None, action: str) -> ArticleRevision:
    if not may_publish(user):
        raise EditingError(f"只有主编可以{action}待审核的修改。")
    draft = ArticleRevision.objects.select_for_update(of=("self",)).select_related("user").filter(
        pk=revision_id, article_id=article.pk
    ).first()
    if draft is None:
        raise EditingError("找不到这份修改。")
    if draft.review != Review.PENDING:
        raise EditingError(f"这份修改已经处理过了（{draft.get_review_display()}），请刷新页面。")
    return draft


@transaction.atomic
def approve_draft(*, article: Article, revision_id: int, user: AbstractBaseUser | None) -> ArticleRevision:
    """Publish a pending revision's words (the chief's one click); returns the live revision.

    Fields the correction did not touch keep what the row has now, so a change made to the
    row since (a chief's restructuring, a spreadsheet import) is not undone; a field both
    changed is refused, for the chief to send the correction back.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    draft = _pending(article, revision_id, user, "批准")
    mine = text_from(draft.snapshot)
    now = text_of(article)
    base = {**now, **draft.snapshot.get("approved_text", {})}
    result, clashes = dict(now), []
    for name in TEXT_FIELDS:
        if mine[name] == base[name]:
            continue
        if now[name] in (base[name], mine[name]):
            result[name] = mine[name]
        else:
            clashes.append(FIELD_LABELS[name])
    if clashes:
        raise EditingError(
            f"这份修改提交之后，{'、'.join(clashes)}又被改动过，不能直接批准："
            "请退回并说明，让编辑在最新的版本上重新修改。"
        )
    ensure_baseline_revision(article)
    apply_text(article, result)
    article.version += 1
    article.save()
    revision = record_revision(
        article=article, user=user, comment=f"批准 {_who(draft)} 的修改（版本 {draft.version}）：{draft.comment}"
    )
    _close(draft, Review.APPROVED, user)
    return revision


@transaction.atomic
def return_draft(
    *, article: Article, revision_id: int, user: AbstractBaseUser | None, note: str
) -> ArticleRevision:
    """Send a pending revision back with a note; readers keep the approved words.

    The desk goes back to the approved words (a new version, so an open editing screen notices),
    the note is left on the article for the editor, and the returned words stay in the history.
    """
    note = note.strip()
    if not note:
        raise EditingError("退回时请写明原因，方便编辑修改。")
    article = Article.objects.select_for_update().get(pk=article.pk)
    draft = _pending(article, revision_id, user, "退回")
    ensure_baseline_revision(article)
    article.version += 1
    article.save(update_fields=["version", "updated_at"])
    revision = record_revision(
        article=article, user=user, comment=f"退回 {_who(draft)} 的修改（版本 {draft.version}）：{note}"
    )
    _close(draft, Review.RETURNED, user, note=note[:2000])
    ArticleNote.objects.create(
        article=article, user=user if user is not None and user.is_authenticated else None,
        text=f"退回版本 {draft.version} 的修改（{_who(draft)}）：{note}"[:2000],
    )
    return revision


def last_returned(article_id: int) -> ArticleRevision | None:
    """The article's most recent returned correction, if nothing was submitted after it."""
    latest = (
        ArticleRevision.objects.filter(article_id=article_id)
        .exclude(review=Review.LIVE)
        .select_related("reviewed_by", "user")
        .order_by("-id")
        .first()
    )
    return latest if latest is not None and latest.review == Review.RETURNED else None
