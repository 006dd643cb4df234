"""Restructuring an issue's articles: split, merge, move a headline group, detach a photo.

The issue's OCR text is never changed; each step stores the hint counts of the articles whose
text it changed, in its own transaction. Each step moves text between articles, so it can
publish a draft's words, cut a published article or delete one: when anything involved is
published or withdrawn the step needs the publish permission (``may_publish``), checked on the
locked rows.
"""

from __future__ import annotations

import difflib
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Max

from articles.desk.editing.common import (
    HEADLINE_FIELDS,
    EditingError,
    bump,
    ensure_baseline_revision,
    require_publish_permission,
)
from articles.desk.editing.deletion import archive_articles
from articles.hints.detectors import refresh_hint_count
from articles.models import Article, ArticlePerson, ArticleRevision, Photo
from articles.revisions import build_revision, record_revision

SPLIT_BATCH = "sp-"


def _ocr_offset(body: str, ocr_text: str, at: int) -> int:
    """Where position ``at`` of the corrected body falls in the verbatim OCR text."""
    matcher = difflib.SequenceMatcher(None, body, ocr_text, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        if i <= at <= i + size:
            return j + (at - i)
        if i > at:
            return j
    return len(ocr_text)


def _make_room_after(article: Article) -> int:
    """Shift the following articles of the issue down by one; return the freed position."""
    later = Article.objects.filter(issue_id=article.issue_id, position__gt=article.position)
    # Two steps so the unique (issue, position) constraint never sees two equal positions.
    offset = 1_000_000
    later.update(position=F("position") + offset)
    Article.objects.filter(issue_id=article.issue_id, position__gt=offset).update(
        position=F("position") - offset + 1
    )
    return article.position + 1


@transaction.atomic
def split_article(
    *, article: Article, at: int, user: AbstractBaseUser | None, may_publish: bool, headline: str = ""
) -> Article:
    """Cut the article in two at character ``at`` of its body; the tail becomes a new article.

    The new article takes the matching tail of the article's OCR text, the issue, date and
    tags; people stay with the first part (the editor moves them where they belong).
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    require_publish_permission([article], may_publish=may_publish, action="拆分")
    head, tail = article.body[:at].rstrip(), article.body[at:].strip()
    if not head or not tail:
        raise EditingError("拆分点必须在正文中间：两部分都不能为空")
    ensure_baseline_revision(article)
    ocr_at = _ocr_offset(article.body, article.ocr_text, at)
    ocr_head, ocr_tail = article.ocr_text[:ocr_at], article.ocr_text[ocr_at:]
    position = _make_room_after(article)
    new = Article.objects.create(
        issue_id=article.issue_id,
        position=position,
        headline=headline[:300],
        section=article.section,
        date=article.date,
        ocr_text=ocr_tail.strip("\n"),
        body=tail,
        status=Article.Status.NEEDS_REVIEW,
    )
    new.tags.set(article.tags.all())
    before = {"body": article.body, "ocr_text": article.ocr_text, "new_id": new.pk}
    article.body = head
    article.ocr_text = ocr_head.rstrip("\n")
    article.version += 1
    article.save(update_fields=["body", "ocr_text", "version", "updated_at"])
    batch = f"{SPLIT_BATCH}{uuid.uuid4().hex[:12]}"
    revision = build_revision(article, user=user, comment=f"拆分：后半部分成为新文章 #{new.pk}", batch=batch)
    # What the split cut, so that it can be undone exactly (no snapshot holds the OCR text).
    revision.snapshot["before_split"] = before
    revision.save()
    record_revision(article=new, user=user, comment=f"由文章 #{article.pk} 拆分而来", batch=batch)
    # Each part's hints are its own now: counted here, with the rows, in the same transaction.
    refresh_hint_count(article)
    refresh_hint_count(new)
    return new


@dataclass(frozen=True)
class SplitUndo:
    """A split that can still be undone: neither part has been changed since."""

    batch: str
    original_id: int
    new_id: int
    new_title: str


def undoable_split(article: Article) -> SplitUndo | None:
    """The split that made ``article``'s current version, if nothing changed either part since."""
    revision = (
        ArticleRevision.objects.filter(article_id=article.pk, version=article.version, batch__startswith=SPLIT_BATCH)
        .order_by("-id")
        .first()
    )
    if revision is None or "before_split" not in revision.snapshot:
        return None
    new_id = revision.snapshot["before_split"]["new_id"]
    new = Article.objects.filter(pk=new_id, version=1).only("id", "headline", "kicker", "subheadline", "body").first()
    if new is None:
        return None
    return SplitUndo(revision.batch, article.pk, new.pk, new.title or new.body[:20])


@transaction.atomic
def undo_split(*, article: Article, batch: str, user: AbstractBaseUser | None, may_publish: bool) -> Article:
    """Put the two parts of a split back together, exactly as before (text and OCR text).

    Only while neither part has changed since the split; otherwise merging is the way back.
    The second part is removed with a deletion record, like any article that goes.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    revision = ArticleRevision.objects.filter(article_id=article.pk, batch=batch).order_by("-id").first()
    if revision is None or "before_split" not in revision.snapshot:
        raise EditingError("找不到这次拆分")
    before = revision.snapshot["before_split"]
    new = Article.objects.select_for_update().filter(pk=before["new_id"]).first()
    if new is None or new.version != 1 or article.version != revision.version:
        raise EditingError("拆分之后两篇文章又被修改过，不能自动撤销：可以用“合并”把两篇合回去。")
    require_publish_permission([article, new], may_publish=may_publish, action="撤销拆分")
    archive_articles(article_ids=[new.pk], user=user, reason=f"撤销拆分：并回文章 #{article.pk}")
    position = new.position
    new.delete()
    # Close the gap the split opened (two steps: the unique position never sees two equal).
    later = Article.objects.filter(issue_id=article.issue_id, position__gt=position)
    offset = 1_000_000
    later.update(position=F("position") + offset)
    Article.objects.filter(issue_id=article.issue_id, position__gt=offset).update(position=F("position") - offset - 1)
    article.body, article.ocr_text = before["body"], before["ocr_text"]
    article.version += 1
    article.save(update_fields=["body", "ocr_text", "version", "updated_at"])
    record_revision(article=article, user=user, comment=f"撤销拆分：文章 #{before['new_id']} 并回本文")
    refresh_hint_count(article)
    return article


@transaction.atomic
def merge_articles(
    *, target: Article, other: Article, user: AbstractBaseUser | None, may_publish: bool
) -> Article:
    """Append ``other`` to ``target``: body, OCR text, people, tags and photos; delete other.

    ``other``'s last state and its whole history are kept as a deletion record first.
    """
    if target.pk == other.pk:
        raise EditingError("不能把文章与自身合并")
    target = Article.objects.select_for_update().get(pk=target.pk)
    other = Article.objects.select_for_update().get(pk=other.pk)
    if target.issue_id != other.issue_id:
        raise EditingError("只能合并同一期的文章")
    require_publish_permission([target, other], may_publish=may_publish, action="合并")
    ensure_baseline_revision(target)
    target.body = f"{target.body.rstrip()}\n\n{other.body.strip()}"
    target.ocr_text = f"{target.ocr_text.rstrip()}\n{other.ocr_text.strip()}"
    for name in HEADLINE_FIELDS:
        if not getattr(target, name) and getattr(other, name):
            setattr(target, name, getattr(other, name))
    target.version += 1
    target.save()
    have = set(target.credits.values_list("person_id", "role"))
    start = target.credits.aggregate(m=Max("position"))["m"] or 0
    moved = [
        ArticlePerson(article=target, person_id=c.person_id, role=c.role, title=c.title, position=start + i + 1)
        for i, c in enumerate(other.credits.all())
        if (c.person_id, c.role) not in have
    ]
    ArticlePerson.objects.bulk_create(moved)
    target.tags.add(*other.tags.all())
    Photo.objects.filter(article=other).update(article=target)
    title = other.title or f"#{other.pk}"
    other_id = other.pk
    archive_articles(article_ids=[other_id], user=user, reason=f"并入文章 #{target.pk}")
    other.delete()
    record_revision(article=target, user=user, comment=f"合并：并入文章 #{other_id}（{title}）")
    refresh_hint_count(target)
    return target


@transaction.atomic
def move_headline_group(
    *, source: Article, target: Article, user: AbstractBaseUser | None, may_publish: bool
) -> None:
    """Give ``target`` the kicker/headline/subheadline of ``source`` (they swap groups).

    Swapping rather than moving keeps every headline: the importer's usual mistake is pairing
    two neighbouring articles' headlines the wrong way round.
    """
    if source.pk == target.pk:
        raise EditingError("请选择另一篇文章")
    source = Article.objects.select_for_update().get(pk=source.pk)
    target = Article.objects.select_for_update().get(pk=target.pk)
    if source.issue_id != target.issue_id:
        raise EditingError("标题组只能移到同一期的文章")
    require_publish_permission([source, target], may_publish=may_publish, action="移动标题组")
    ensure_baseline_revision(source)
    ensure_baseline_revision(target)
    for name in HEADLINE_FIELDS:
        a, b = getattr(source, name), getattr(target, name)
        setattr(source, name, b)
        setattr(target, name, a)
    for article in (source, target):
        article.version += 1
        article.save(update_fields=[*HEADLINE_FIELDS, "version", "updated_at"])
    record_revision(article=source, user=user, comment=f"标题组与文章 #{target.pk} 互换")
    record_revision(article=target, user=user, comment=f"标题组与文章 #{source.pk} 互换")
    # Headlines hold hints too: both counts follow their headline group.
    refresh_hint_count(source)
    refresh_hint_count(target)


@transaction.atomic
def detach_photo(*, photo: Photo, user: AbstractBaseUser | None, may_publish: bool) -> None:
    """Unpair a photo from its article (it stays in the issue)."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.article_id is None:
        raise EditingError("这张图片没有配文章")
    article = Article.objects.select_for_update().get(pk=photo.article_id)
    require_publish_permission([article], may_publish=may_publish, action="移除配图")
    ensure_baseline_revision(article)
    photo.article = None
    photo.save(update_fields=["article", "updated_at"])
    bump(article)
    record_revision(article=article, user=user, comment=f"移除配图：{photo}")
