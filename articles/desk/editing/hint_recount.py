"""Recounting every article's OCR hints, range by range: in the shell or as a background job.

The stored counts (the changelist's filter and the review queue sort by them) are written by
the importer and the correction screen; after the hint rules change, or the curated terms or
known names do, ``manage.py ocr_hints --recount [--background]`` brings every article up to
date against one fresh view of the archive. Recounting a range twice gives the same counts, so
a resumed job simply carries on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min

from articles.hints.context import HintContext
from articles.hints.detectors import (
    HINT_FIELDS,
    archive_context,
    refresh_hint_count,
    rejected_fingerprints,
)
from articles.jobs import queue
from articles.jobs.context import JobCancelled, JobContext
from articles.models import Article, Job

KIND = "hint_recount"
# Ranges of this many ids: a progress step every few seconds on a big archive.
RANGE_IDS = 5000


@dataclass(frozen=True, slots=True)
class RangeCount:
    articles: int
    changed: int
    hints: int


def id_ranges(first_id: int, last_id: int) -> list[tuple[int, int]]:
    """Half-open ranges of article ids covering first_id..last_id."""
    return [(start, start + RANGE_IDS) for start in range(first_id, last_id + 1, RANGE_IDS)]


def recount_range(*, ids: tuple[int, int], context: HintContext) -> RangeCount:
    """Store the hint count of every article with an id in ``ids`` (half-open)."""
    articles = Article.objects.filter(pk__gte=ids[0], pk__lt=ids[1]).only(
        "id", "ocr_hint_count", *HINT_FIELDS
    )
    rejected = rejected_fingerprints(id_range=ids)  # one query for the range, not one an article
    seen = changed = hints = 0
    for article in articles.iterator(chunk_size=500):
        before = article.ocr_hint_count
        count = refresh_hint_count(article, context, rejected=rejected.get(article.pk, set()))
        seen, hints, changed = seen + 1, hints + count, changed + (count != before)
    return RangeCount(articles=seen, changed=changed, hints=hints)


def article_ids() -> tuple[int, int]:
    """The first and last article id (1, 0 for an empty archive: no range)."""
    bounds = Article.objects.aggregate(first=Min("pk"), last=Max("pk"))
    return bounds["first"] or 1, bounds["last"] or 0


def recount_hints(*, progress: Callable[[int, int, RangeCount], None] | None = None) -> RangeCount:
    """Recount the whole archive in this process; ``progress(done, total, range_count)``."""
    context = archive_context(fresh=True)
    ranges = id_ranges(*article_ids())
    total = RangeCount(0, 0, 0)
    for done, ids in enumerate(ranges, start=1):
        part = recount_range(ids=ids, context=context)
        total = RangeCount(*(a + b for a, b in zip(
            (total.articles, total.changed, total.hints), (part.articles, part.changed, part.hints),
            strict=True,
        )))
        if progress is not None:
            progress(done, len(ranges), part)
    return total


def enqueue_hint_recount(*, started_by: Any = None) -> Job:
    first_id, last_id = article_ids()
    return queue.enqueue(
        kind=KIND, title="重新统计全库文章的 OCR 疑似错误",
        params={"first_id": first_id, "last_id": last_id},
        started_by=started_by, total=len(id_ranges(first_id, last_id)),
    )


def run_hint_recount(ctx: JobContext) -> dict[str, Any]:
    ranges = id_ranges(int(ctx.params["first_id"]), int(ctx.params["last_id"]))
    ctx.set_total(len(ranges))
    context = archive_context(fresh=True)
    try:
        for position, ids in enumerate(ranges):
            if position in ctx.recorded:
                continue
            name = f"文章 #{ids[0]}–#{ids[1] - 1}"
            ctx.working_on(name)
            part = recount_range(ids=ids, context=context)
            ctx.record(
                position=position, name=name, outcome="changed" if part.changed else "same",
                message=f"{part.articles} 篇，{part.changed} 篇计数有变，共 {part.hints} 处",
                data={"articles": part.articles, "changed": part.changed, "hints": part.hints},
            )
    except JobCancelled:
        ctx.result = summarise(ctx)
        raise
    return summarise(ctx)


def summarise(ctx: JobContext) -> dict[str, Any]:
    return ctx.item_totals(("articles", "changed", "hints"))
