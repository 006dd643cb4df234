"""Find and replace over the whole archive as a background job: every match, part by part.

The preview page shows at most ``MAX_MATCHES`` matches and applies the ones ticked in one
request; a term common across a big archive needs more than a request can hold. The job walks
the archive in ranges of article ids (fixed when it is queued, so a resumed job finds the same
parts), replaces every match of each range in one transaction with the same rules as the page
— an editor's change to a published article becomes a correction waiting for a chief, pending
words are worked on, never published — and records what each range got. Every part writes
under one batch name, so "撤销" on the find & replace page takes back the whole job.

Redoing a range is harmless: its replaced words no longer match (unless the replacement
contains the term again, which the page refuses to queue as a job for that reason).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Min, Q

from articles.desk.editing import find_replace, review
from articles.desk.editing.common import EditingError
from articles.hints.detectors import archive_context, refresh_hint_count
from articles.jobs import queue
from articles.jobs.context import JobCancelled, JobContext
from articles.models import Article, ArticleRevision, Job

KIND = "find_replace"
# About this many ranges in a job whatever the archive's size (each a query over its ids),
# none smaller than MIN_RANGE ids: a progress bar that moves, a handful of items to read.
TARGET_PARTS = 200
MIN_RANGE = 500


def enqueue_find_replace(
    *, find: str, replacement: str, regex: bool, user: AbstractBaseUser | None
) -> Job:
    """Queue replacing every match of ``find`` in the archive as ``user`` may (their rights
    are checked again as the job runs, for every article)."""
    find_replace.compile_pattern(find=find, regex=regex)  # a bad pattern fails here, not later
    if not regex and find in replacement:
        raise EditingError("替换内容包含要查找的文字：后台任务中断后续跑会重复替换，请在预览页逐处替换")
    bounds = Article.objects.aggregate(first=Min("pk"), last=Max("pk"))
    first_id, last_id = bounds["first"] or 1, bounds["last"] or 0
    params = {
        "find": find, "replacement": replacement, "regex": regex,
        "user_id": user.pk if user is not None else None,
        "first_id": first_id, "last_id": last_id, "batch": find_replace.new_batch(),
    }
    title = f"全库查找替换：{find} → {replacement}{'（正则）' if regex else ''}"
    return queue.enqueue(
        kind=KIND, title=title[:200], params=params, started_by=user,
        total=len(id_ranges(first_id, last_id)),
    )


def id_ranges(first_id: int, last_id: int) -> list[tuple[int, int]]:
    """Half-open ranges of article ids covering first_id..last_id."""
    span = max(MIN_RANGE, -(-(last_id - first_id + 1) // TARGET_PARTS))
    return [(start, start + span) for start in range(first_id, last_id + 1, span)]


def _user(params: dict[str, Any]) -> AbstractBaseUser | None:
    user_id = params.get("user_id")
    if user_id is None:
        return None  # queued from the shell: an operator's change, like the commands'
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if user is None:
        # Never fall back to "no user", which may publish: the starter's rights are gone.
        raise EditingError("发起任务的账号已被删除或停用，任务不再以其权限修改文章")
    return user


def run_find_replace(ctx: JobContext) -> dict[str, Any]:
    params = ctx.params
    user = _user(params)
    ranges = id_ranges(int(params["first_id"]), int(params["last_id"]))
    ctx.set_total(len(ranges))
    find, replacement, regex = params["find"], params["replacement"], bool(params["regex"])
    hints = archive_context()
    try:
        for position, (start, stop) in enumerate(ranges):
            if position in ctx.recorded:
                continue
            name = f"文章 #{start}–#{stop - 1}"
            ctx.working_on(name)
            ctx.record(position=position, name=name, **_replace_range(
                find=find, replacement=replacement, regex=regex, user=user,
                batch=params["batch"], ids=(start, stop), hints=hints,
            ))
    except JobCancelled:
        ctx.result = summarise(ctx)
        raise
    return summarise(ctx)


def _replace_range(
    *, find: str, replacement: str, regex: bool, user: AbstractBaseUser | None, batch: str,
    ids: tuple[int, int], hints: Any,
) -> dict[str, Any]:
    in_range = Article.objects.filter(pk__gte=ids[0], pk__lt=ids[1])
    if not regex:
        pending = ArticleRevision.objects.filter(review=review.Review.PENDING, article_id__gte=ids[0], article_id__lt=ids[1])
        in_range = in_range.filter(Q(body__contains=find) | Q(pk__in=pending.values("article_id")))
    candidates = list(in_range.values_list("pk", flat=True))
    if not candidates:
        return {"outcome": "none", "message": "", "data": {"replaced": 0, "articles": 0, "pending": 0}}
    try:
        matches = find_replace.find_matches(
            find=find, replacement=replacement, regex=regex, limit=10**9, article_ids=candidates,
        )
        if not matches:
            return {"outcome": "none", "message": "", "data": {"replaced": 0, "articles": 0, "pending": 0}}
        result = find_replace.apply_replacements(
            find=find, replacement=replacement, regex=regex, chosen=[m.key for m in matches],
            user=user, batch=batch,
        )
    except EditingError as exc:  # a pattern too slow on this range: the other ranges go on
        return {"outcome": "failed", "ok": False, "message": str(exc), "data": {}}
    changed = ArticleRevision.objects.filter(batch=batch, article_id__in=candidates).values("article_id")
    for article in Article.objects.filter(pk__in=changed):
        refresh_hint_count(article, hints)
    parts = [f"替换 {result.replaced} 处，{result.articles} 篇文章"]
    if result.pending:
        parts.append(f"其中 {result.pending} 篇已公开，替换后的文字等主编审核")
    if result.skipped:
        parts.append(f"正被修改、未替换：{'、'.join(result.skipped[:10])}")
    return {
        "outcome": "replaced" if result.replaced else "none",
        "message": "；".join(parts),
        "data": {"replaced": result.replaced, "articles": result.articles, "pending": result.pending,
                 "skipped": len(result.skipped)},
    }


def summarise(ctx: JobContext) -> dict[str, Any]:
    ctx.flush()
    totals = {"replaced": 0, "articles": 0, "pending": 0, "skipped": 0}
    outcomes: dict[str, int] = {}
    for outcome, data in ctx.job.items.values_list("outcome", "data"):
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        for key in totals:
            totals[key] += (data or {}).get(key) or 0
    return {"outcomes": outcomes, **totals, "batch": ctx.params.get("batch", ""), "failed": ctx.failed}
