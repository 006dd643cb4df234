"""One-click fixes from the OCR hints on the correction screen.

A fix changes the words the desk works on (a pending correction's, if one is open) and is
saved as ``articles.desk.editing.review`` says: an editor's fix to a published article waits
for a chief like any other correction of its words, and while a correction is pending every
fix — a chief's too — joins it, so one click never publishes words nobody approved.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from articles.desk.editing.common import HEADLINE_FIELDS, EditingError
from articles.desk.editing.review import open_draft, save_text, submit_draft, text_from
from articles.hints.detectors import archive_context, find_hints
from articles.hints.rules import MECHANICAL_KINDS, normalise_mechanical
from articles.models import Article, ArticleRevision

FIXABLE_FIELDS = (*HEADLINE_FIELDS, "byline", "body")


def _save_fix(*, article: Article, field: str, value: str, user: AbstractBaseUser | None, comment: str) -> ArticleRevision:
    if open_draft(article.pk) is not None:
        return submit_draft(article=article, text={field: value}, user=user, comment=comment)
    return save_text(article=article, text={field: value}, user=user, comment=comment)


def _locked_at_version(article: Article, expected_version: int, field: str) -> tuple[Article, str]:
    """The locked row, and the text of ``field`` as the editor saw it."""
    if field not in FIXABLE_FIELDS:
        raise EditingError("这个字段不能用提示修正")
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.version != expected_version:
        raise EditingError("文章在您打开后已被他人修改，请刷新页面后再试")
    draft = open_draft(current.pk)
    text = text_from(draft.snapshot)[field] if draft is not None else getattr(current, field)
    return current, text


@transaction.atomic
def apply_text_fix(
    *, article: Article, expected_version: int, start: int, end: int, expected: str,
    replacement: str, user: AbstractBaseUser | None, comment: str, field: str = "body",
) -> ArticleRevision:
    """Replace ``field``[start:end] (which must still read ``expected``) — the one-click hint fix."""
    current, text = _locked_at_version(article, expected_version, field)
    if text[start:end] != expected:
        raise EditingError("文字在这个位置已经不同，请刷新页面后再试")
    return _save_fix(article=current, field=field, value=text[:start] + replacement + text[end:], user=user, comment=comment)


@transaction.atomic
def apply_hint_group(
    *, article: Article, expected_version: int, field: str, kind: str, text: str,
    suggestion: str, user: AbstractBaseUser | None,
) -> tuple[ArticleRevision, int]:
    """Apply every current hint of one kind with the same fix (e.g. all half-width commas).

    The hints are found again on the locked row, so only places the detector still flags are
    changed (a comma inside 1,000 is never one of them). One revision for the lot.
    """
    # Look-alike swaps and repeated phrases can be right (黄勇彪 is not 关勇彪): each one is
    # applied only where the editor has seen it, never all at once.
    if kind not in MECHANICAL_KINDS:
        raise EditingError("这类提示只能逐处查看后修正")
    current, value = _locked_at_version(article, expected_version, field)
    group = sorted(
        (h for h in find_hints(value, archive_context())
         if (h.kind, h.text, h.suggestion) == (kind, text, suggestion)),
        key=lambda h: h.start,
    )
    if not group:
        raise EditingError("这条提示已不存在，请刷新页面后再试")
    pieces, last, applied = [], 0, 0
    for hint in group:
        if hint.start < last:  # overlapping duplicates: the first one wins
            continue
        pieces.extend((value[last : hint.start], hint.suggestion))
        last, applied = hint.end, applied + 1
    pieces.append(value[last:])
    comment = f"按 OCR 提示全部修正：“{text}” → “{suggestion}”（{applied} 处）"
    return _save_fix(article=current, field=field, value="".join(pieces), user=user, comment=comment), applied


def mechanical_changes(fields: dict[str, str]) -> dict[str, tuple[str, str, int]]:
    """Per field that would change: (before, after, places) — the preview of the action."""
    changes = {}
    for name, before in fields.items():
        after, places = normalise_mechanical(before)
        if places:
            changes[name] = (before, after, places)
    return changes


def desk_fields(article: Article) -> dict[str, str]:
    """The words the desk works on (a pending correction's, if one is open), per fixable field."""
    draft = open_draft(article.pk)
    if draft is not None:
        text = text_from(draft.snapshot)
        return {name: text[name] or "" for name in FIXABLE_FIELDS}
    return {name: getattr(article, name) or "" for name in FIXABLE_FIELDS}


@transaction.atomic
def normalise_article(
    *, article: Article, expected_version: int, user: AbstractBaseUser | None,
) -> tuple[ArticleRevision | None, int]:
    """Normalise spacing and half-width punctuation in every field: one revision, same save path."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.version != expected_version:
        raise EditingError("文章在您打开后已被他人修改，请刷新页面后再试")
    changes = mechanical_changes(desk_fields(current))
    if not changes:
        return None, 0
    places = sum(c[2] for c in changes.values())
    text = {name: after for name, (_before, after, _n) in changes.items()}
    comment = f"规范标点和空格（{places} 处）"
    if open_draft(current.pk) is not None:
        return submit_draft(article=current, text=text, user=user, comment=comment), places
    return save_text(article=current, text=text, user=user, comment=comment), places
