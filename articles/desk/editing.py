"""The editors' desk: every write an editor makes to articles, outside the plain change form.

Each function here is a keyword-only service that bumps ``Article.version`` and stores a
revision through ``articles.revisions`` so history, diff and revert see every change. Functions
that change several articles share a ``batch`` id so the whole operation can be undone.
"""

from __future__ import annotations

import difflib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticlePerson, ArticleRevision, Photo, Tag
from articles.revisions import SNAPSHOT_FIELDS, article_snapshot, build_revision, record_revision
from people.models import Person

FIELD_LABELS: dict[str, str] = {
    "kicker": "引题",
    "headline": "标题",
    "subheadline": "副题",
    "section": "栏目",
    "byline": "署名",
    "dateline": "消息日期",
    "dateline_date": "消息日期（公历）",
    "body": "正文",
    "status": "状态",
    "is_published": "公开",
    "people": "人物",
    "tags": "标签",
}

HEADLINE_FIELDS = ("kicker", "headline", "subheadline")


class EditingError(Exception):
    """An editor's request that cannot be carried out; the message is for the editor."""


# --------------------------------------------------------------------------- diffs


def diff_html(old: str, new: str) -> SafeString:
    """Character-level diff of two texts as escaped HTML with <del>/<ins> marks.

    Chinese has no spaces between words, so a word diff would mark whole sentences: the
    comparison is per character. autojunk is off because a long article repeats common
    characters (的, 。) often enough for difflib's heuristic to discard them.
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f'<del class="diff-del">{escape(old[i1:i2])}</del>')
        if j2 > j1:
            parts.append(f'<ins class="diff-ins">{escape(new[j1:j2])}</ins>')
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def side_by_side_html(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The two texts with their differences marked, for two columns (old left, new right)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(escape(old[i1:i2]))
            right.append(escape(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(f'<del class="diff-del">{escape(old[i1:i2])}</del>')
        if j2 > j1:
            right.append(f'<ins class="diff-ins">{escape(new[j1:j2])}</ins>')
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


def _people_label(snapshot: dict[str, Any]) -> str:
    roles = dict(ArticlePerson.Role.choices)
    return "、".join(
        f"{p['name']}（{roles.get(p['role'], p['role'])}{'·' + p['title'] if p.get('title') else ''}）"
        for p in snapshot.get("people", [])
    )


def _value_label(name: str, snapshot: dict[str, Any]) -> str:
    if name == "people":
        return _people_label(snapshot)
    if name == "tags":
        return "、".join(snapshot.get("tags", []))
    value = snapshot.get(name)
    if name == "status":
        return dict(Article.Status.choices).get(value, value or "")
    if name == "is_published":
        return "是" if value else "否"
    return "" if value is None else str(value)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    old_html: SafeString
    new_html: SafeString


def compare_snapshots(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ between two snapshots, each with a side-by-side diff."""
    changes = []
    for name, label in FIELD_LABELS.items():
        before, after = _value_label(name, old), _value_label(name, new)
        if before != after:
            left, right = side_by_side_html(before, after)
            changes.append(FieldChange(name, label, before, after, left, right))
    return changes


def changed_labels(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [change.label for change in compare_snapshots(old, new)]


# --------------------------------------------------------------------------- saving


@dataclass(frozen=True)
class Conflict:
    """Someone saved the article after the editor opened it."""

    current_version: int
    editors: list[str]
    changes: list[FieldChange]
    their_body: str

    @property
    def message(self) -> str:
        who = "、".join(self.editors) or "其他人"
        fields = "、".join(c.label for c in self.changes) or "（无可见字段）"
        return (
            f"保存被拒绝：在您打开本文之后，{who} 已保存了新版本（版本 {self.current_version}），"
            f"改动了：{fields}。为免覆盖对方的修改，您的内容没有保存，仍保留在下方表单中；"
            "请对照对方的改动调整后再次保存。"
        )


def ensure_baseline_revision(article: Article) -> None:
    """Make sure the article's current state is in the history before it is changed.

    Articles created outside the importer (or before history existed) have no revision for
    their current version; without one the first edit could never be reverted.
    """
    if not ArticleRevision.objects.filter(article_id=article.pk, version=article.version).exists():
        record_revision(article=article, user=None, comment="修改前的原状")


def lock_and_check_version(*, article_id: int, expected_version: int) -> Conflict | None:
    """Lock the article row for this transaction and compare versions.

    Must run inside ``transaction.atomic``; the row stays locked until the caller's save
    commits, so two saves cannot both pass the check (PostgreSQL row lock; SQLite takes the
    write lock at BEGIN IMMEDIATE).
    """
    current = Article.objects.select_for_update().get(pk=article_id)
    if current.version == expected_version:
        ensure_baseline_revision(current)
        return None
    revisions = list(
        ArticleRevision.objects.filter(article_id=article_id, version__gt=expected_version)
        .select_related("user")
        .order_by("version", "id")
    )
    editors = sorted({r.user.get_username() if r.user else "（系统）" for r in revisions})
    base = (
        ArticleRevision.objects.filter(article_id=article_id, version__lte=expected_version)
        .order_by("-version", "-id")
        .first()
    )
    now_snapshot = article_snapshot(current)
    changes = compare_snapshots(base.snapshot, now_snapshot) if base else []
    return Conflict(
        current_version=current.version,
        editors=editors,
        changes=changes,
        their_body=current.body,
    )


def _bump(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1, updated_at=timezone.now())
    article.version += 1


def _summary_comment(prefix: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    labels = changed_labels(old, new)
    return f"{prefix}：{'、'.join(labels)}" if labels else prefix


def record_change(
    *, article: Article, user: AbstractBaseUser | None, before: dict[str, Any], comment: str = ""
) -> ArticleRevision:
    """Record a revision after the change-form save; the comment lists what changed."""
    after = article_snapshot(article)
    text = comment.strip() or _summary_comment("修改", before, after)
    return record_revision(article=article, user=user, comment=text)


# --------------------------------------------------------------------------- revert


@transaction.atomic
def revert_article(
    *, article: Article, revision: ArticleRevision, user: AbstractBaseUser | None,
    restore_publication: bool = True,
) -> ArticleRevision:
    """Restore text, headlines, status, people (with roles and titles) and tags.

    With ``restore_publication=False`` (editors, who may not publish) whether the article is
    public, and a "published" status, stay as they are now.
    """
    if revision.article_id != article.pk:
        raise EditingError("这条修改记录不属于这篇文章")
    article = Article.objects.select_for_update().get(pk=article.pk)
    ensure_baseline_revision(article)
    snap = revision.snapshot
    published_now = (article.status, article.is_published)
    for name in SNAPSHOT_FIELDS:
        if name in snap:
            setattr(article, name, snap[name])
    if not restore_publication:
        article.is_published = published_now[1]
        if Article.Status.PUBLISHED in (published_now[0], article.status):
            article.status = published_now[0]
    article.dateline_date = snap.get("dateline_date") or None
    if article.is_published and not article.published_at:
        article.published_at = timezone.now()
    article.version += 1
    article.save()
    article.refresh_from_db(fields=["dateline_date"])

    wanted = snap.get("people", [])
    existing = set(Person.objects.filter(pk__in=[p["person_id"] for p in wanted]).values_list("pk", flat=True))
    ArticlePerson.objects.filter(article=article).delete()
    credits = []
    for p in wanted:
        person_id = p["person_id"]
        if person_id not in existing:
            # The person was merged away or deleted since: find them again by name.
            person, _ = Person.objects.get_or_create(name=p["name"])
            person_id = person.pk
        credits.append(
            ArticlePerson(
                article=article, person_id=person_id, role=p["role"], title=p.get("title", ""),
                position=p.get("position", 0),
            )
        )
    ArticlePerson.objects.bulk_create(credits, ignore_conflicts=True)
    tags = [_tag_for_name(name) for name in snap.get("tags", [])]
    article.tags.set(tags)
    return record_revision(
        article=article, user=user, comment=f"恢复到版本 {revision.version}（{revision.created_at:%Y-%m-%d %H:%M}）"
    )


def _tag_for_name(name: str) -> Tag:
    tag = Tag.objects.filter(name=name).first()
    if tag is None:
        tag = Tag.objects.create(name=name, slug=_free_slug(name))
    return tag


def _free_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name, allow_unicode=True) or "tag"
    slug, n = base, 1
    while Tag.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --------------------------------------------------------------------------- find & replace


CONTEXT_CHARS = 20
MAX_MATCHES = 2000


@dataclass(frozen=True)
class Match:
    article_id: int
    title: str
    start: int
    end: int
    text: str
    before: str
    after: str
    replacement: str

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.start}:{self.end}"


def compile_pattern(*, find: str, regex: bool) -> re.Pattern[str]:
    if not find:
        raise EditingError("请输入要查找的内容")
    try:
        return re.compile(find if regex else re.escape(find))
    except re.error as exc:
        raise EditingError(f"正则表达式有误：{exc}") from exc


def _expand(pattern: re.Pattern[str], match: re.Match[str], replacement: str, regex: bool) -> str:
    if not regex:
        return replacement
    try:
        return match.expand(replacement)
    except (re.error, IndexError) as exc:
        raise EditingError(f"替换内容有误：{exc}") from exc


def _candidate_articles(find: str, regex: bool, article_ids: Iterable[int] | None) -> Any:
    qs = Article.objects.only("id", "headline", "kicker", "subheadline", "body", "version")
    if article_ids is not None:
        qs = qs.filter(pk__in=list(article_ids))
    if not regex:
        qs = qs.filter(body__contains=find)
    return qs.order_by("pk")


def find_matches(
    *, find: str, replacement: str, regex: bool = False, limit: int = MAX_MATCHES,
    article_ids: Iterable[int] | None = None,
) -> list[Match]:
    """Every match in article bodies, with context, for the editor to choose from."""
    pattern = compile_pattern(find=find, regex=regex)
    matches: list[Match] = []
    for article in _candidate_articles(find, regex, article_ids).iterator(chunk_size=500):
        for m in pattern.finditer(article.body):
            if m.end() == m.start():
                continue  # an empty match (e.g. a bare ``x*``) would insert text everywhere
            matches.append(
                Match(
                    article_id=article.pk,
                    title=article.title or f"（无标题）#{article.pk}",
                    start=m.start(),
                    end=m.end(),
                    text=m.group(0),
                    before=article.body[max(0, m.start() - CONTEXT_CHARS) : m.start()],
                    after=article.body[m.end() : m.end() + CONTEXT_CHARS],
                    replacement=_expand(pattern, m, replacement, regex),
                )
            )
            if len(matches) >= limit:
                return matches
    return matches


@dataclass(frozen=True)
class ReplaceResult:
    batch: str
    replaced: int
    articles: int
    skipped: list[str]


def parse_match_keys(keys: Iterable[str]) -> dict[int, set[tuple[int, int]]]:
    chosen: dict[int, set[tuple[int, int]]] = {}
    for key in keys:
        try:
            article_id, start, end = (int(part) for part in key.split(":"))
        except ValueError:
            continue
        chosen.setdefault(article_id, set()).add((start, end))
    return chosen


@transaction.atomic
def apply_replacements(
    *, find: str, replacement: str, regex: bool, chosen: Sequence[str], user: AbstractBaseUser | None
) -> ReplaceResult:
    """Replace only the chosen matches (keys ``article:start:end`` from the preview).

    A match is applied only if the text at that place still matches; articles changed by
    someone since the preview are left alone and named in ``skipped``.
    """
    pattern = compile_pattern(find=find, regex=regex)
    wanted = parse_match_keys(chosen)
    if not wanted:
        raise EditingError("没有选择任何匹配")
    batch = f"fr-{uuid.uuid4().hex[:12]}"
    articles = list(Article.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
    replaced = 0
    skipped: list[str] = []
    changed: list[Article] = []
    for article in articles:
        ensure_baseline_revision(article)
        spans = wanted[article.pk]
        live = {(m.start(), m.end()): m for m in pattern.finditer(article.body)}
        if not spans <= live.keys():
            skipped.append(article.title or f"#{article.pk}")
            continue
        body = article.body
        for start, end in sorted(spans, reverse=True):
            body = body[:start] + _expand(pattern, live[(start, end)], replacement, regex) + body[end:]
        article.body = body
        article.version += 1
        replaced += len(spans)
        changed.append(article)
    if changed:
        now = timezone.now()
        for article in changed:
            article.updated_at = now
        Article.objects.bulk_update(changed, ["body", "version", "updated_at"])
        comment = f"查找替换：{find} → {replacement}{'（正则）' if regex else ''}"
        ArticleRevision.objects.bulk_create(
            [build_revision(a, user=user, comment=comment, batch=batch) for a in changed]
        )
    return ReplaceResult(batch=batch, replaced=replaced, articles=len(changed), skipped=skipped)


@dataclass(frozen=True)
class BatchSummary:
    batch: str
    comment: str
    created_at: Any
    user: str
    articles: int
    undone: bool


def recent_batches(*, prefix: str = "fr-", limit: int = 20) -> list[BatchSummary]:
    rows = (
        ArticleRevision.objects.filter(batch__startswith=prefix)
        .values("batch")
        .annotate(last=Max("created_at"))
        .order_by("-last")[:limit]
    )
    batches = [r["batch"] for r in rows]
    revisions = list(
        ArticleRevision.objects.filter(batch__in=batches).select_related("user").order_by("created_at")
    )
    undone = set(
        ArticleRevision.objects.filter(batch__in=[f"undo-{b}" for b in batches]).values_list("batch", flat=True)
    )
    out = []
    for b in batches:
        revs = [r for r in revisions if r.batch == b]
        if not revs:
            continue
        out.append(
            BatchSummary(
                batch=b,
                comment=revs[0].comment,
                created_at=revs[0].created_at,
                user=revs[0].user.get_username() if revs[0].user else "",
                articles=len({r.article_id for r in revs}),
                undone=f"undo-{b}" in undone,
            )
        )
    return out


@dataclass(frozen=True)
class UndoResult:
    restored: int
    skipped: list[str]


@transaction.atomic
def undo_batch(*, batch: str, user: AbstractBaseUser | None) -> UndoResult:
    """Put every article of a batch back as it was before it, unless edited since."""
    revisions = list(ArticleRevision.objects.filter(batch=batch).select_related("article"))
    if not revisions:
        raise EditingError("找不到这次批量操作")
    if ArticleRevision.objects.filter(batch=f"undo-{batch}").exists():
        raise EditingError("这次批量操作已经撤销过了")
    restored = 0
    skipped: list[str] = []
    for revision in revisions:
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        if article.version != revision.version:
            skipped.append(article.title or f"#{article.pk}")
            continue
        previous = (
            ArticleRevision.objects.filter(article=article, version__lt=revision.version)
            .order_by("-version", "-id")
            .first()
        )
        if previous is None:
            skipped.append(article.title or f"#{article.pk}")
            continue
        reverted = revert_article(article=article, revision=previous, user=user)
        reverted.batch = f"undo-{batch}"
        reverted.comment = f"撤销批量操作：{revision.comment}"[:300]
        reverted.save(update_fields=["batch", "comment"])
        restored += 1
    return UndoResult(restored=restored, skipped=skipped)


# --------------------------------------------------------------------------- restructure


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
    *, article: Article, at: int, user: AbstractBaseUser | None, headline: str = ""
) -> Article:
    """Cut the article in two at character ``at`` of its body; the tail becomes a new article.

    The new article takes the matching tail of the article's OCR text, the issue, date and
    tags; people stay with the first part (the editor moves them where they belong).
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
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
    article.body = head
    article.ocr_text = ocr_head.rstrip("\n")
    article.version += 1
    article.save(update_fields=["body", "ocr_text", "version", "updated_at"])
    record_revision(article=article, user=user, comment=f"拆分：后半部分成为新文章 #{new.pk}")
    record_revision(article=new, user=user, comment=f"由文章 #{article.pk} 拆分而来")
    return new


@transaction.atomic
def merge_articles(*, target: Article, other: Article, user: AbstractBaseUser | None) -> Article:
    """Append ``other`` to ``target``: body, OCR text, people, tags and photos; delete other."""
    if target.pk == other.pk:
        raise EditingError("不能把文章与自身合并")
    target = Article.objects.select_for_update().get(pk=target.pk)
    other = Article.objects.select_for_update().get(pk=other.pk)
    if target.issue_id != other.issue_id:
        raise EditingError("只能合并同一期的文章")
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
    other.delete()
    record_revision(article=target, user=user, comment=f"合并：并入文章 #{other_id}（{title}）")
    return target


@transaction.atomic
def move_headline_group(*, source: Article, target: Article, user: AbstractBaseUser | None) -> None:
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


@transaction.atomic
def detach_photo(*, photo: Photo, user: AbstractBaseUser | None) -> None:
    """Unpair a photo from its article (it stays in the issue)."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.article_id is None:
        raise EditingError("这张图片没有配文章")
    article = Article.objects.select_for_update().get(pk=photo.article_id)
    ensure_baseline_revision(article)
    photo.article = None
    photo.save(update_fields=["article", "updated_at"])
    _bump(article)
    record_revision(article=article, user=user, comment=f"移除配图：{photo}")


# --------------------------------------------------------------------------- bulk workflow


def _bulk_record(articles: list[Article], *, user: AbstractBaseUser | None, comment: str, batch: str) -> None:
    ids = [a.pk for a in articles]
    credits: dict[int, list[ArticlePerson]] = {}
    for c in ArticlePerson.objects.filter(article_id__in=ids).select_related("person").order_by("role", "position"):
        credits.setdefault(c.article_id, []).append(c)
    tags: dict[int, list[str]] = {}
    for article_id, name in Article.tags.through.objects.filter(article_id__in=ids).values_list(
        "article_id", "tag__name"
    ):
        tags.setdefault(article_id, []).append(name)
    ArticleRevision.objects.bulk_create(
        [
            build_revision(
                a, user=user, comment=comment, batch=batch,
                snapshot=article_snapshot(a, credits=credits.get(a.pk, []), tag_names=tags.get(a.pk, [])),
            )
            for a in articles
        ]
    )


def _ensure_baselines(articles: list[Article]) -> None:
    have = set(
        ArticleRevision.objects.filter(article_id__in=[a.pk for a in articles]).values_list("article_id", "version")
    )
    missing = [a for a in articles if (a.pk, a.version) not in have]
    if missing:
        _bulk_record(missing, user=None, comment="修改前的原状", batch="")


@transaction.atomic
def bulk_set_status(
    *, article_ids: Iterable[int], action: str, user: AbstractBaseUser | None
) -> int:
    """``reviewed`` / ``publish`` / ``unpublish`` the chosen articles; returns how many changed."""
    articles = list(Article.objects.select_for_update().filter(pk__in=list(article_ids)))
    now = timezone.now()
    changed: list[Article] = []
    _ensure_baselines(articles)
    for a in articles:
        before = (a.status, a.is_published)
        if action == "reviewed":
            if a.status != Article.Status.PUBLISHED:
                a.status = Article.Status.CORRECTED
        elif action == "publish":
            a.status, a.is_published = Article.Status.PUBLISHED, True
            a.published_at = a.published_at or now
        elif action == "unpublish":
            a.is_published = False
            if a.status == Article.Status.PUBLISHED:
                a.status = Article.Status.CORRECTED
        else:
            raise EditingError(f"未知操作：{action}")
        if (a.status, a.is_published) != before:
            a.version += 1
            a.updated_at = now
            changed.append(a)
    if changed:
        Article.objects.bulk_update(changed, ["status", "is_published", "published_at", "version", "updated_at"])
        label = {"reviewed": "标记为已校对", "publish": "发布", "unpublish": "撤回发布"}[action]
        _bulk_record(changed, user=user, comment=f"批量{label}", batch=f"st-{uuid.uuid4().hex[:12]}")
    return len(changed)


@transaction.atomic
def bulk_tag(
    *, article_ids: Iterable[int], tag: Tag, add: bool, user: AbstractBaseUser | None
) -> int:
    articles = list(Article.objects.select_for_update().filter(pk__in=list(article_ids)))
    through = Article.tags.through
    have = set(through.objects.filter(tag=tag, article_id__in=[a.pk for a in articles]).values_list("article_id", flat=True))
    changed = [a for a in articles if (a.pk in have) != add]
    if not changed:
        return 0
    _ensure_baselines(changed)
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
    _bulk_record(changed, user=user, comment=comment, batch=f"tg-{uuid.uuid4().hex[:12]}")
    return len(changed)


def next_article_to_review(*, exclude_id: int | None = None) -> Article | None:
    """The article most likely to be wrong: unreviewed, most OCR hints first, oldest first."""
    qs = Article.objects.filter(
        status__in=[Article.Status.IMPORTED, Article.Status.NEEDS_REVIEW]
    ).order_by("-ocr_hint_count", "date", "issue_id", "position")
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    return qs.only("id").first()


# --------------------------------------------------------------------------- one-off text fixes


@transaction.atomic
def apply_text_fix(
    *, article: Article, expected_version: int, start: int, end: int, expected: str,
    replacement: str, user: AbstractBaseUser | None, comment: str, field: str = "body",
) -> ArticleRevision:
    """Replace ``field``[start:end] (which must still read ``expected``) — the one-click hint fix."""
    if field not in (*HEADLINE_FIELDS, "byline", "body"):
        raise EditingError("这个字段不能用提示修正")
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.version != expected_version:
        raise EditingError("文章在您打开后已被他人修改，请刷新页面后再试")
    text = getattr(current, field)
    if text[start:end] != expected:
        raise EditingError("文字在这个位置已经不同，请刷新页面后再试")
    ensure_baseline_revision(current)
    setattr(current, field, text[:start] + replacement + text[end:])
    current.version += 1
    current.save(update_fields=[field, "version", "updated_at"])
    return record_revision(article=current, user=user, comment=comment)


@transaction.atomic
def apply_hint_group(
    *, article: Article, expected_version: int, field: str, kind: str, text: str,
    suggestion: str, user: AbstractBaseUser | None,
) -> tuple[ArticleRevision, int]:
    """Apply every current hint of one kind with the same fix (e.g. all half-width commas).

    The hints are found again on the locked row, so only places the detector still flags are
    changed (a comma inside 1,000 is never one of them). One revision for the lot.
    """
    from articles.hints.detectors import archive_context, find_hints

    if field not in (*HEADLINE_FIELDS, "byline", "body"):
        raise EditingError("这个字段不能用提示修正")
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.version != expected_version:
        raise EditingError("文章在您打开后已被他人修改，请刷新页面后再试")
    value = getattr(current, field)
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
    ensure_baseline_revision(current)
    setattr(current, field, "".join(pieces))
    current.version += 1
    current.save(update_fields=[field, "version", "updated_at"])
    comment = f"按 OCR 提示全部修正：“{text}” → “{suggestion}”（{applied} 处）"
    return record_revision(article=current, user=user, comment=comment), applied
