"""The chief editor's deletes: articles and whole issues, with their history kept.

Revisions belong to their article and go when it goes. So before any article leaves — deleted
on its own, with its issue, or merged into another — its last state (text, headline group,
people, tags, OCR text, issue, photos) and every revision are copied into a
``DeletedArticle`` record, in the same transaction as the delete.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from articles.desk.editing.common import bulk_snapshots
from articles.models import Article, ArticleNote, ArticleRevision, DeletedArticle, Issue, Photo


def _revision_record(revision: ArticleRevision) -> dict[str, Any]:
    return {
        "version": revision.version,
        "created_at": revision.created_at.isoformat(),
        "user": revision.user.get_username() if revision.user else "",
        "comment": revision.comment,
        "batch": revision.batch,
        "snapshot": revision.snapshot,
        "review": revision.review,
        "review_note": revision.review_note,
    }


def archive_articles(
    *, article_ids: Sequence[int], user: AbstractBaseUser | None, reason: str
) -> list[DeletedArticle]:
    """Copy each article's last state and whole history into a deletion record.

    Call inside the transaction that deletes the articles. A constant number of queries
    whatever the number of articles.
    """
    articles = list(
        Article.objects.select_for_update(of=("self",)).select_related("issue").filter(pk__in=list(article_ids))
        .order_by("pk")
    )
    if not articles:
        return []
    ids = [a.pk for a in articles]
    snapshots = bulk_snapshots(articles)
    history: dict[int, list[dict[str, Any]]] = {}
    for revision in (
        ArticleRevision.objects.filter(article_id__in=ids).select_related("user").order_by("article_id", "version", "id")
    ):
        history.setdefault(revision.article_id, []).append(_revision_record(revision))
    notes: dict[int, list[dict[str, Any]]] = {}
    for note in ArticleNote.objects.filter(article_id__in=ids).select_related("user").order_by("created_at", "id"):
        notes.setdefault(note.article_id, []).append(
            {"user": note.user.get_username() if note.user else "", "created_at": note.created_at.isoformat(), "text": note.text}
        )
    photos: dict[int, list[dict[str, Any]]] = {}
    for photo_id, article_id, title, caption in Photo.objects.filter(article_id__in=ids).values_list(
        "pk", "article_id", "title", "caption"
    ):
        photos.setdefault(article_id, []).append({"id": photo_id, "title": title, "caption": caption})
    records = [
        DeletedArticle(
            original_id=a.pk,
            title=a.title[:300],
            issue_label=str(a.issue)[:300],
            was_published=a.is_published,
            reason=reason[:300],
            deleted_by=user if user is not None and user.is_authenticated else None,
            snapshot={
                **snapshots[a.pk],
                "version": a.version,
                "ocr_text": a.ocr_text,
                "issue_id": a.issue_id,
                "issue": str(a.issue),
                "source_name": a.issue.source_name,
                "position": a.position,
                "date": a.date.isoformat() if a.date else None,
                "published_at": a.published_at.isoformat() if a.published_at else None,
                "photos": photos.get(a.pk, []),
                "notes": notes.get(a.pk, []),
            },
            revisions=history.get(a.pk, []),
        )
        for a in articles
    ]
    return DeletedArticle.objects.bulk_create(records)


@transaction.atomic
def delete_articles(*, article_ids: Sequence[int], user: AbstractBaseUser | None) -> int:
    """Delete the articles, keeping a deletion record of each; returns how many were deleted."""
    records = archive_articles(article_ids=article_ids, user=user, reason="删除文章")
    Article.objects.filter(pk__in=[r.original_id for r in records]).delete()
    return len(records)


@transaction.atomic
def delete_issues(*, issue_ids: Sequence[int], user: AbstractBaseUser | None) -> int:
    """Delete the issues with their articles and photos, keeping a record of every article."""
    issues = list(Issue.objects.select_for_update().filter(pk__in=list(issue_ids)))
    for issue in issues:
        article_ids = list(Article.objects.filter(issue=issue).values_list("pk", flat=True))
        archive_articles(article_ids=article_ids, user=user, reason=f"随整期删除：{issue}")
    Issue.objects.filter(pk__in=[i.pk for i in issues]).delete()
    return len(issues)
