"""Find and replace across the archive: preview every match, apply the chosen ones, undo a batch.

Editors may search with a regular expression, and a badly nested one (``(a|aa)+b``) backtracks
for as long as it is let. Every pattern therefore runs under the ``regex`` engine's
``timeout=`` — per article and for the whole request — and a pattern that runs out of time is
reported to the editor as too slow instead of pinning a worker.

Matching runs on the words the desk works on: a pending correction's body where one is open.
A replacement in a published article by someone without the publish permission becomes a
pending correction (``review``), like any other change of its words.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex as _regex
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from articles.desk.editing import review
from articles.desk.editing.common import EditingError, ensure_baseline_revision
from articles.desk.editing.versions import revert_article
from articles.models import Article, ArticleRevision
from articles.revisions import build_revision

CONTEXT_CHARS = 20
MAX_MATCHES = 2000
# What one pattern may spend: CPU seconds on one article (the engine's own ``timeout=``), and
# seconds on one whole preview or apply. Plenty for any sensible pattern over the whole
# archive, short enough to give the worker back.
REGEX_SECONDS_PER_ARTICLE = 1.0
REGEX_SECONDS_PER_REQUEST = 10.0


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


def compile_pattern(*, find: str, regex: bool) -> _regex.Pattern[str]:
    if not find:
        raise EditingError("请输入要查找的内容")
    try:
        return _regex.compile(find if regex else _regex.escape(find))
    except _regex.error as exc:
        raise EditingError(f"正则表达式有误：{exc}") from exc


class _Clock:
    """The time left for one request's matching, handed to each call as its ``timeout=``."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def finditer(self, pattern: _regex.Pattern[str], text: str, *, article: Article) -> Iterator[_regex.Match[str]]:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _too_slow(f"整个档案的匹配超过 {REGEX_SECONDS_PER_REQUEST:g} 秒")
        found = pattern.finditer(text, timeout=min(left, REGEX_SECONDS_PER_ARTICLE))
        while True:
            try:
                match = next(found)
            except StopIteration:
                return
            except TimeoutError:
                where = article.title or f"#{article.pk}"
                raise _too_slow(f"在文章“{where}”上匹配超过 {REGEX_SECONDS_PER_ARTICLE:g} 秒") from None
            yield match


def _too_slow(what: str) -> EditingError:
    return EditingError(
        f"正则表达式太慢：{what}，已停止，没有修改任何文章。"
        "请把表达式写得更具体一些，例如避免嵌套的重复（如 (.*)*、(a|aa)+），或改用普通文字查找。"
    )


def _expand(match: _regex.Match[str], replacement: str, regex: bool) -> str:
    if not regex:
        return replacement
    try:
        return match.expand(replacement)
    except (_regex.error, IndexError) as exc:
        raise EditingError(f"替换内容有误：{exc}") from exc


def _candidate_articles(find: str, regex: bool, article_ids: Iterable[int] | None) -> Any:
    qs = Article.objects.only("id", "headline", "kicker", "subheadline", "body", "version")
    if article_ids is not None:
        qs = qs.filter(pk__in=list(article_ids))
    if not regex:
        # Pending words are not in the row: those few articles are always looked at.
        pending = ArticleRevision.objects.filter(review=review.Review.PENDING).values("article_id")
        qs = qs.filter(Q(body__contains=find) | Q(pk__in=pending))
    return qs.order_by("pk")


def _pending_bodies(article_ids: Iterable[int] | None = None) -> dict[int, str]:
    """The pending body of each article (of these) with a correction waiting (one query)."""
    rows = ArticleRevision.objects.filter(review=review.Review.PENDING)
    if article_ids is not None:
        rows = rows.filter(article_id__in=list(article_ids))
    return {article_id: snapshot.get("body", "") for article_id, snapshot in rows.values_list("article_id", "snapshot")}


def find_matches(
    *, find: str, replacement: str, regex: bool = False, limit: int = MAX_MATCHES,
    article_ids: Iterable[int] | None = None,
) -> list[Match]:
    """Every match in article bodies, with context, for the editor to choose from."""
    pattern = compile_pattern(find=find, regex=regex)
    clock = _Clock(REGEX_SECONDS_PER_REQUEST)
    article_ids = list(article_ids) if article_ids is not None else None
    matches: list[Match] = []
    pending = _pending_bodies(article_ids)
    for article in _candidate_articles(find, regex, article_ids).iterator(chunk_size=500):
        body = pending.get(article.pk, article.body)
        for m in clock.finditer(pattern, body, article=article):
            if m.end() == m.start():
                continue  # an empty match (e.g. a bare ``x*``) would insert text everywhere
            matches.append(
                Match(
                    article_id=article.pk,
                    title=article.title or f"（无标题）#{article.pk}",
                    start=m.start(),
                    end=m.end(),
                    text=m.group(0),
                    before=body[max(0, m.start() - CONTEXT_CHARS) : m.start()],
                    after=body[m.end() : m.end() + CONTEXT_CHARS],
                    replacement=_expand(m, replacement, regex),
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
    pending: int = 0  # articles whose replacement waits for a chief


def parse_match_keys(keys: Iterable[str]) -> dict[int, set[tuple[int, int]]]:
    chosen: dict[int, set[tuple[int, int]]] = {}
    for key in keys:
        try:
            article_id, start, end = (int(part) for part in key.split(":"))
        except ValueError:
            continue
        chosen.setdefault(article_id, set()).add((start, end))
    return chosen


def new_batch() -> str:
    return f"fr-{uuid.uuid4().hex[:12]}"


@transaction.atomic
def apply_replacements(
    *, find: str, replacement: str, regex: bool, chosen: Sequence[str], user: AbstractBaseUser | None,
    batch: str | None = None,
) -> ReplaceResult:
    """Replace only the chosen matches (keys ``article:start:end`` from the preview).

    A match is applied only if the text at that place still matches; articles changed by
    someone since the preview are left alone and named in ``skipped``. A pattern that runs
    out of time rolls the whole batch back. ``batch`` names the revisions (default: a new
    one); the archive-wide job passes its own, so one undo takes back every part of it.
    """
    pattern = compile_pattern(find=find, regex=regex)
    wanted = parse_match_keys(chosen)
    if not wanted:
        raise EditingError("没有选择任何匹配")
    clock = _Clock(REGEX_SECONDS_PER_REQUEST)
    batch = batch or new_batch()
    articles = list(Article.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
    pending = _pending_bodies(wanted)
    comment = f"查找替换：{find} → {replacement}{'（正则）' if regex else ''}"
    replaced, held, through_review = 0, 0, 0
    skipped: list[str] = []
    changed: list[Article] = []
    for article in articles:
        ensure_baseline_revision(article)
        spans = wanted[article.pk]
        body = pending.get(article.pk, article.body)
        found = {(m.start(), m.end()): m for m in clock.finditer(pattern, body, article=article)}
        if not spans <= found.keys():
            skipped.append(article.title or f"#{article.pk}")
            continue
        for start, end in sorted(spans, reverse=True):
            body = body[:start] + _expand(found[(start, end)], replacement, regex) + body[end:]
        replaced += len(spans)
        if article.pk in pending:
            # The replacement joins the correction waiting for review, even a chief's: a batch
            # over the archive must not publish pending words nobody has looked at.
            review.submit_draft(article=article, text={"body": body}, user=user, comment=comment, batch=batch)
            held, through_review = held + 1, through_review + 1
            continue
        if review.needs_review(article, user):
            review.save_text(article=article, text={"body": body}, user=user, comment=comment, batch=batch)
            held, through_review = held + 1, through_review + 1
            continue
        article.body = body
        article.version += 1
        changed.append(article)
    if changed:
        now = timezone.now()
        for article in changed:
            article.updated_at = now
        Article.objects.bulk_update(changed, ["body", "version", "updated_at"])
        ArticleRevision.objects.bulk_create(
            [build_revision(a, user=user, comment=comment, batch=batch) for a in changed]
        )
    return ReplaceResult(
        batch=batch, replaced=replaced, articles=len(changed) + through_review, skipped=skipped, pending=held
    )


# --------------------------------------------------------------------------- batches and undo


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
        if revision.review == review.Review.PENDING:
            _undo_pending(article=article, revision=revision, user=user, batch=batch)
            restored += 1
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


def _undo_pending(*, article: Article, revision: ArticleRevision, user: AbstractBaseUser | None, batch: str) -> None:
    """Undo a batch's pending revision: the correction it replaced waits again, or none does.

    Never through a restore, which would publish for a chief words nobody approved.
    """
    comment = f"撤销批量操作：{revision.comment}"[:300]
    replaced = (
        ArticleRevision.objects.filter(article_id=article.pk, version__lt=revision.version)
        .order_by("-version", "-id")
        .select_related("user")
        .first()
    )
    review.withdraw_draft(article=article, user=user, comment=comment, batch=f"undo-{batch}")
    if replaced is not None and replaced.review == review.Review.SUPERSEDED:
        review.submit_draft(
            article=article, text=review.text_from(replaced.snapshot), user=replaced.user,
            comment=replaced.comment, batch=f"undo-{batch}",
        )
