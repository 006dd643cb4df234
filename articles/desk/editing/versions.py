"""Saving an article against the version the editor opened, and going back to an older one.

Two editors may have one article open at once. A save carries the version its editor opened;
if someone saved in between, fields only one of them changed are merged, and fields both
changed are refused with the other's changes shown. Pressing 保存 again is refused again:
overwriting someone's newer version is a separate, explicit choice (``overwrite_version``)
that names the exact version the editor was shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles.desk.editing import review
from articles.desk.editing.common import EditingError, ensure_baseline_revision, tag_named
from articles.desk.editing.diffs import FIELD_LABELS, FieldChange, changed_labels, compare_snapshots
from articles.models import Article, ArticlePerson, ArticleRevision
from articles.revisions import SNAPSHOT_FIELDS, article_snapshot, record_revision
from people.models import Person

# Form fields whose value at the opened version is in the revision snapshot: a concurrent save
# can be merged field by field.
MERGEABLE_FIELDS = (*SNAPSHOT_FIELDS, "dateline_date", "tags")
# Form fields no snapshot records: their value when the editor opened the article is unknown,
# so a difference from the current row may be someone else's change and is never merged.
UNTRACKED_FIELDS = {"issue": "所属期", "position": "版内顺序", "date": "日期"}


@dataclass(frozen=True)
class Conflict:
    """Someone saved the article after the editor opened it, and the two saves overlap."""

    current_version: int
    editors: list[str]
    changes: list[FieldChange]
    their_body: str
    overlapping: list[str] = field(default_factory=list)
    overwrite_too_late: bool = False
    unseen_pending: bool = False  # a chief would publish a pending correction never shown to them

    @property
    def message(self) -> str:
        who = "、".join(self.editors) or "其他人"
        fields = "、".join(c.label for c in self.changes) or "（无可见字段）"
        text = (
            f"保存被拒绝：在您打开本文之后，{who} 已保存了新版本（版本 {self.current_version}），"
            f"改动了：{fields}。"
        )
        if self.unseen_pending:
            text += "其中有待主编审核的文字修改，您打开本文时还没有看到：保存会让它们未经审阅就公开。"
        if self.overwrite_too_late:
            text = f"没有覆盖：在您查看差异之后，又有人保存了新版本（版本 {self.current_version}）。" + text
        if self.overlapping:
            text += f"您也改动了{'、'.join(self.overlapping)}，两人的改动无法自动合并。"
        return text + (
            "为免覆盖对方的修改，您的内容没有保存，仍保留在下方表单中。再次点“保存”仍会被拒绝："
            "请对照下方差异，把对方的改动并入您的内容后点“以我的内容覆盖”，或重新打开本文，在最新版本上修改。"
        )


@dataclass(frozen=True)
class SavePlan:
    """How a change-form save goes ahead: on top of which version, keeping whose fields."""

    current: Article  # the row as it is now, locked until the save commits
    opened_version: int
    overwrite: bool = False
    keep_theirs: frozenset[str] = frozenset()  # fields someone else changed that this save leaves alone
    base: dict[str, Any] | None = None  # the snapshot the editor opened, when someone saved since
    now: dict[str, Any] | None = None
    editors: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def on_version(self) -> int:
        return self.current.version

    @property
    def merging(self) -> bool:
        """Someone saved since the editor opened the article, and this save merges with it."""
        return self.on_version != self.opened_version and not self.overwrite

    def conflict(self, *, overlapping: Sequence[str]) -> Conflict:
        return Conflict(
            current_version=self.on_version, editors=self.editors, changes=self.changes,
            their_body=(self.now or {}).get("body", self.current.body), overlapping=list(overlapping),
        )

    def their_value(self, name: str) -> Any:
        """The current value of a field someone else changed (pending words included)."""
        if name == "tags":
            return list(self.current.tags.all())
        if name in review.TEXT_FIELDS and self.now is not None:
            probe = Article()
            review.apply_text(probe, {name: self.now.get(name)})
            return getattr(probe, name)
        return getattr(self.current, name)

    def people_outcome(self, submitted: Sequence[tuple[int, str, str, int]]) -> str:
        """``save``, ``keep_theirs`` or ``conflict`` for the people the editor submitted."""
        if not self.merging or self.base is None or self.now is None:
            return "save"
        mine, base, theirs = sorted(submitted), _people_key(self.base), _people_key(self.now)
        if mine == base:
            return "keep_theirs" if theirs != base else "save"
        if theirs != base and mine != theirs:
            return "conflict"
        return "save"


def _people_key(snapshot: Mapping[str, Any]) -> list[tuple[int, str, str, int]]:
    return sorted(
        (p["person_id"], p["role"], p.get("title", ""), p.get("position", 0)) for p in snapshot.get("people", [])
    )


def _comparable(name: str, value: Any) -> Any:
    """One form for a form value, a snapshot value and a model value, so they compare equal."""
    if name == "status" and value == Article.Status.PUBLISHED:
        return Article.Status.IMPORTED.value  # the old combined value: read as 未校对
    if name == "tags":
        return sorted(v if isinstance(v, str) else v.name for v in (value or []))
    if name == "dateline_date":
        return value if isinstance(value, str) or value is None else value.isoformat()
    if name == "is_published":
        return bool(value)
    if hasattr(value, "pk"):
        return value.pk
    if value is None:
        return ""
    if isinstance(value, str):
        # Browsers send a textarea's line breaks as CRLF; the form strips the ends.
        return value.replace("\r\n", "\n").strip()
    return value


def _untracked_now(current: Article, name: str) -> Any:
    return current.issue_id if name == "issue" else getattr(current, name)


def _editors_since(article_id: int, version: int) -> list[str]:
    revisions = ArticleRevision.objects.filter(article_id=article_id, version__gt=version).select_related("user")
    return sorted({r.user.get_username() if r.user else "（系统）" for r in revisions})


def plan_save(
    *, article_id: int, opened_version: int, submitted: Mapping[str, Any], overwrite_version: int | None = None,
    may_publish: bool = True,
) -> SavePlan | Conflict:
    """Lock the article row and decide how a change-form save of ``submitted`` may go ahead.

    Must run inside ``transaction.atomic``; the row stays locked until the caller's save
    commits, so two saves cannot both pass (PostgreSQL row lock; SQLite takes the write lock
    at BEGIN IMMEDIATE). ``overwrite_version`` is the version shown to the editor beside the
    overwrite button: it only counts while it is still the newest.

    The form shows a pending correction's words (``articles.desk.editing.review``), so "what
    the others saved" is the row with those words. A chief's save goes live: one that would
    carry along pending words submitted after the chief opened the article is refused.
    """
    current = Article.objects.select_for_update().get(pk=article_id)
    if current.version == opened_version:
        ensure_baseline_revision(current)
        return SavePlan(current=current, opened_version=opened_version)
    base_revision = (
        ArticleRevision.objects.filter(article_id=article_id, version__lte=opened_version)
        .order_by("-version", "-id")
        .first()
    )
    draft = review.open_draft(article_id)
    now = review.working_snapshot(current, draft)
    base = base_revision.snapshot if base_revision else None
    if base is not None and draft is not None and base_revision.review == ArticleRevision.Review.LIVE and (
        draft.pk < base_revision.pk
    ):
        # The pending correction was already open: the editor's form showed its words.
        base = {**base, **review.text_from(draft.snapshot)}
    editors = _editors_since(article_id, opened_version)
    changes = compare_snapshots(base, now) if base is not None else []
    their_body = now["body"]
    if overwrite_version is not None:
        if overwrite_version == current.version:
            ensure_baseline_revision(current)
            return SavePlan(current=current, opened_version=opened_version, overwrite=True, now=now)
        return Conflict(current.version, editors, changes, their_body, overwrite_too_late=True)
    if base is None:
        return Conflict(current.version, editors, changes, their_body)
    if may_publish and current.is_published and draft is not None and draft.version > opened_version:
        return Conflict(current.version, editors, changes, their_body, unseen_pending=True)
    overlapping: list[str] = []
    keep: set[str] = set()
    for name, value in submitted.items():
        mine = _comparable(name, value)
        if name in UNTRACKED_FIELDS:
            if mine != _comparable(name, _untracked_now(current, name)):
                overlapping.append(UNTRACKED_FIELDS[name])
            continue
        if name not in MERGEABLE_FIELDS:
            continue
        theirs, before = _comparable(name, now.get(name)), _comparable(name, base.get(name))
        if mine == before:
            if theirs != before:
                keep.add(name)
        elif theirs != before and mine != theirs:
            overlapping.append(FIELD_LABELS.get(name, name))
    if overlapping:
        return Conflict(current.version, editors, changes, their_body, overlapping=overlapping)
    ensure_baseline_revision(current)
    return SavePlan(
        current=current, opened_version=opened_version, keep_theirs=frozenset(keep), base=base, now=now,
        editors=editors, changes=changes,
    )


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
    restore_publication: bool | None = None,
) -> ArticleRevision:
    """Restore text, headlines, status, people (with roles and titles) and tags.

    Whether the article is public is restored only for someone who may publish (by default,
    as ``user`` may). The words follow the review rule: an editor's restore of a published
    article's words waits for a chief as a pending revision; status, people and tags are
    restored at once. Returns the last revision written.
    """
    if revision.article_id != article.pk:
        raise EditingError("这条修改记录不属于这篇文章")
    if restore_publication is None:
        restore_publication = review.may_publish(user)
    article = Article.objects.select_for_update().get(pk=article.pk)
    ensure_baseline_revision(article)
    snap = revision.snapshot
    words = review.text_from(snap)
    status = snap.get("status") or article.status
    if status != Article.Status.PUBLISHED:  # the old combined value says nothing of proofreading
        article.status = status
    if restore_publication and "is_published" in snap:
        article.is_published = bool(snap["is_published"])
    words_wait = review.needs_review(article, user)
    if not words_wait:
        review.apply_text(article, words)
    if article.is_published and not article.published_at:
        article.published_at = timezone.now()
    article.version += 1
    article.save()

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
    tags = [tag_named(name) for name in snap.get("tags", [])]
    article.tags.set(tags)
    # The table of versions shows local time: so does the comment.
    when = timezone.localtime(revision.created_at)
    comment = f"恢复到版本 {revision.version}（{when:%Y-%m-%d %H:%M}）"
    restored = record_revision(article=article, user=user, comment=comment)
    draft = review.open_draft(article.pk)
    if not words_wait:
        review.close_after_live_save(article=article, draft=draft, user=user)
        return restored
    working = review.text_from(draft.snapshot) if draft is not None else review.text_of(article)
    if words == working:
        return restored
    return review.save_text(article=article, text=words, user=user, comment=f"{comment}：文字待主编审核")
