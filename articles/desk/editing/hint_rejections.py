"""不是错误: an editor rejects one occurrence of an OCR hint; it stays rejected and stops counting.

The rejection names the place by its fingerprint (the suspect and the words right around it,
``articles.hints.occurrences``), so it holds while the article is edited elsewhere, through a
re-import that keeps the article and through any recount. It changes no words: no revision,
no version bump, nothing readers see. A chief editor sees every rejection and may undo one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from articles.desk.editing.common import EditingError
from articles.desk.editing.fixes import FIXABLE_FIELDS, desk_fields
from articles.hints.detectors import (
    Hint,
    archive_context,
    find_hints,
    fingerprint_of,
    refresh_hint_count,
)
from articles.hints.rules import MECHANICAL_KINDS, surrounding_sentence
from articles.models import Article, HintRejection


def _occurrence(text: str, *, field: str, kind: str, suspect: str, suggestion: str, start: int) -> Hint:
    """The hint as the detectors find it now, nearest to where the editor saw it."""
    same = [
        h for h in find_hints(text, archive_context())
        if (h.kind, h.text, h.suggestion) == (kind, suspect, suggestion)
    ]
    if not same:
        raise EditingError("这条提示已不存在（文字可能已改动），请刷新页面后再试")
    nearest = min(same, key=lambda h: abs(h.start - start))
    return Hint(
        nearest.kind, nearest.start, nearest.end, nearest.text, nearest.suggestion, nearest.message, field
    )


@transaction.atomic
def reject_hint(
    *, article: Article, field: str, kind: str, suspect: str, suggestion: str, start: int,
    user: AbstractBaseUser | None,
) -> HintRejection:
    """Mark the occurrence of this hint nearest to ``start`` in ``field`` as not an error.

    The words are the desk's (a pending correction's, if one is open), as the screen shows
    them. Rejecting the same place twice keeps the first rejection. The article's count is
    stored again at once, so the changelist and the review queue drop it.
    """
    if field not in FIXABLE_FIELDS:
        raise EditingError("这个字段没有提示")
    if kind in MECHANICAL_KINDS:
        raise EditingError("标点和空格请用“规范标点和空格”统一处理")
    current = Article.objects.select_for_update().get(pk=article.pk)
    text = desk_fields(current)[field]
    hint = _occurrence(text, field=field, kind=kind, suspect=suspect, suggestion=suggestion, start=start)
    before, after = surrounding_sentence(text, hint)
    fingerprint = fingerprint_of(hint, text)
    rejection = HintRejection.objects.filter(article=current, fingerprint=fingerprint).first()
    if rejection is None:
        try:
            with transaction.atomic():
                rejection = HintRejection.objects.create(
                    article=current, field=field, kind=hint.kind, suspect=hint.text[:200],
                    suggestion=hint.suggestion[:200], context_before=before[-100:],
                    context_after=after[:100], fingerprint=fingerprint,
                    rejected_by=user if user is not None and user.is_authenticated else None,
                )
        except IntegrityError:  # the same place, rejected at the same moment by someone else
            rejection = HintRejection.objects.get(article=current, fingerprint=fingerprint)
    refresh_hint_count(current)
    return rejection


@transaction.atomic
def undo_rejection(*, rejection: HintRejection) -> Article:
    """The chief editor's undo: the hint is shown and counted again."""
    article = Article.objects.select_for_update().get(pk=rejection.article_id)
    rejection.delete()
    refresh_hint_count(article)
    return article


def rejections_for(article: Article) -> list[HintRejection]:
    return list(
        HintRejection.objects.filter(article_id=article.pk).select_related("rejected_by")
    )


def without_rejected(
    hints: Iterable[Hint], *, fields: dict[str, str], rejections: Iterable[HintRejection]
) -> list[Hint]:
    """The hints whose occurrence nobody rejected (``fields``: the text the hints were found in)."""
    rejected = {r.fingerprint for r in rejections}
    if not rejected:
        return list(hints)
    return [h for h in hints if fingerprint_of(h, fields.get(h.field) or "") not in rejected]
