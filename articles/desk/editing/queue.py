"""The review queue: corrections waiting for a chief first, then articles nobody has proofread.

Each part is read with an index (pending revisions by a partial index, unproofread articles by
their OCR-hint count), so the queue costs the same on 100 or 100,000 articles.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

from articles.desk.editing.diffs import FieldChange, compare_words
from articles.desk.editing.review import Review, text_from
from articles.models import Article, ArticleRevision

#: Not yet proofread. ``PUBLISHED`` is the old combined value, which never meant proofread.
UNPROOFREAD = (Article.Status.IMPORTED, Article.Status.NEEDS_REVIEW, Article.Status.PUBLISHED)


@dataclass(frozen=True)
class PendingCorrection:
    revision: ArticleRevision
    article: Article
    changes: list[FieldChange]  # the approved words (left) against the pending ones (right)


def pending_changes(revision: ArticleRevision) -> list[FieldChange]:
    """What a pending revision changes in the words readers were shown when it was made."""
    return compare_words(revision.snapshot.get("approved_text", {}), text_from(revision.snapshot))


def pending_corrections(*, limit: int = 50) -> list[PendingCorrection]:
    """Corrections waiting for a chief, oldest first (three queries whatever their number)."""
    revisions = list(
        ArticleRevision.objects.filter(review=Review.PENDING)
        .select_related("article", "article__issue", "user")
        .defer("article__ocr_text", "article__issue__ocr_text")
        .order_by("created_at", "id")[:limit]
    )
    return [PendingCorrection(r, r.article, pending_changes(r)) for r in revisions]


def has_pending() -> Exists:
    """For annotating articles: a correction of this article waits for a chief."""
    return Exists(ArticleRevision.objects.filter(article_id=OuterRef("pk"), review=Review.PENDING))


def unproofread(*, limit: int = 50) -> QuerySet:
    """Articles nobody has proofread, likeliest wrong first (most OCR hints), then oldest."""
    return (
        Article.objects.filter(status__in=UNPROOFREAD)
        .select_related("issue")
        .defer("ocr_text", "issue__ocr_text")
        .order_by("-ocr_hint_count", "date", "issue_id", "position")[:limit]
    )


def next_article_to_review(*, exclude_id: int | None = None, pending_first: bool = False) -> Article | None:
    """The next article to look at: a pending correction (for chiefs), else the likeliest wrong."""
    if pending_first:
        pending = ArticleRevision.objects.filter(review=Review.PENDING).order_by("created_at", "id")
        if exclude_id is not None:
            pending = pending.exclude(article_id=exclude_id)
        found = pending.values_list("article_id", flat=True).first()
        if found is not None:
            return Article.objects.only("id").get(pk=found)
    qs = Article.objects.filter(status__in=UNPROOFREAD).order_by("-ocr_hint_count", "date", "issue_id", "position")
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    return qs.only("id").first()


@dataclass(frozen=True)
class DeskCounts:
    pending: int
    unproofread: int
    needs_another_look: int
    proofread: int
    public: int
    with_hints: int


def desk_counts() -> DeskCounts:
    """The admin index's figures (four queries)."""
    by_status = dict(Article.objects.order_by().values_list("status").annotate(n=Count("id")))
    return DeskCounts(
        pending=ArticleRevision.objects.filter(review=Review.PENDING).count(),
        unproofread=by_status.get(Article.Status.IMPORTED, 0) + by_status.get(Article.Status.PUBLISHED, 0),
        needs_another_look=by_status.get(Article.Status.NEEDS_REVIEW, 0),
        proofread=by_status.get(Article.Status.CORRECTED, 0),
        public=Article.objects.published().count(),
        with_hints=Article.objects.filter(ocr_hint_count__gt=0).count(),
    )
