"""What editors marked "不是错误" follows the text into a re-imported issue.

A rejection names a place by its fingerprint (the field, the hint and the words around it),
not by an article id. When a changed file comes in, the importer writes articles the
rejections were never attached to: every article of a new version beside a touched issue,
and the articles of an issue replaced in place that match no old one. Wherever such an
article prints the same suspect in the same words, the editor already judged it: the
rejection is copied there (who judged it and when included) and the article's count leaves
it out, so nobody has to say "不是错误" twice for one place. A place whose words changed is
shown again: the earlier judgement was about other text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from articles.hints.detectors import (
    archive_context,
    fingerprint_of,
    hints_for_article,
    refresh_hint_count,
)
from articles.models import HintRejection

_COPIED = (
    "field", "kind", "suspect", "suggestion", "context_before", "context_after", "fingerprint",
    "rejected_by_id", "rejected_at",
)


def rejections_of(*, article_ids: Iterable[int] = (), issue_id: int | None = None) -> list[dict[str, Any]]:
    """The rejections of these articles (or of every article of an issue), as plain rows that
    outlive the articles (read them before the articles are deleted)."""
    if issue_id is not None:
        rows = HintRejection.objects.filter(article__issue_id=issue_id)
    else:
        ids = list(article_ids)
        if not ids:
            return []
        rows = HintRejection.objects.filter(article_id__in=ids)
    return list(rows.order_by("rejected_at", "pk").values(*_COPIED))


def carry_rejections(*, rejections: Sequence[dict[str, Any]], articles: Iterable[Any]) -> int:
    """Copy each rejection to every one of ``articles`` (saved, with their text fields
    loaded) that shows the same occurrence; returns how many copies were made."""
    if not rejections:
        return 0
    by_place = {row["fingerprint"]: row for row in rejections}
    context = archive_context()
    made: list[HintRejection] = []
    for article in articles:
        places = {
            fingerprint_of(hint, getattr(article, hint.field) or "")
            for hint in hints_for_article(article, context)
        }
        carried = sorted(places & by_place.keys())
        if not carried:
            continue
        made.extend(HintRejection(article_id=article.pk, **by_place[place]) for place in carried)
        refresh_hint_count(article, context, rejected=set(carried))
    HintRejection.objects.bulk_create(made, ignore_conflicts=True)
    return len(made)
