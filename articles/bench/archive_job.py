"""``build_archive --background``: the synthetic archive built by a job, batch by batch.

Each batch (``DEFAULT_BATCH_ISSUES`` issues) is one transaction and one item of the job. The
numbering of the new issues is fixed when the job is queued, so a run that resumes after its
worker died plans the same batches: those it recorded are skipped, and a batch that committed
without being recorded is found by its first issue's name and recorded, never written twice.
Cancel stops between batches; what was written stays (the archive is for benchmarks, and a
later run appends after it).
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from articles.bench.archive import (
    DEFAULT_BATCH_ISSUES,
    BatchCounts,
    build_archive,
    issue_source_name,
    next_issue_index,
    plan_batches,
)
from articles.bench.synthetic import CorpusGenerator
from articles.jobs import queue
from articles.jobs.context import JobCancelled, JobContext
from articles.models import Issue, Job

KIND = "build_archive"


def _generator(seed: int) -> CorpusGenerator:
    return CorpusGenerator(seed=seed, pages=8, max_paragraphs=5)  # as build_archive makes it


def enqueue_build_archive(
    *, articles: int, seed: int = 1, publish: bool = False, batch_issues: int = DEFAULT_BATCH_ISSUES,
    workers: int | None = None, started_by: Any = None,
) -> Job:
    if articles < 1 or batch_issues < 1:
        raise ValueError("articles and batch_issues must be positive")
    first = next_issue_index(seed)
    batches = plan_batches(_generator(seed), articles, first=first, batch_issues=batch_issues)
    params = {
        "articles": articles, "seed": seed, "publish": publish, "batch_issues": batch_issues,
        "workers": workers, "first_issue": first,
    }
    title = f"生成合成档案：{articles} 篇文章{'，直接公开' if publish else ''}"
    return queue.enqueue(kind=KIND, title=title, params=params, started_by=started_by, total=len(batches))


def run_build_archive(ctx: JobContext) -> dict[str, Any]:
    params = ctx.params
    seed, first = int(params["seed"]), int(params["first_issue"])
    batches = plan_batches(
        _generator(seed), int(params["articles"]), first=first, batch_issues=int(params["batch_issues"])
    )
    ctx.set_total(len(batches))
    if ctx.resumed:
        _record_batches_written_before(ctx, batches, seed)

    def batch_written(index: int, counts: BatchCounts) -> None:
        ctx.working_on(_batch_name(batches[index + 1]) if index + 1 < len(batches) else "")
        ctx.record(
            position=index, name=_batch_name(batches[index]), outcome="written",
            message=f"{counts[0]} 期，{counts[1]} 篇文章，{counts[2]} 张图片",
            data={"issues": counts[0], "articles": counts[1], "photos": counts[2]},
        )

    workers = params.get("workers")
    if multiprocessing.current_process().daemon:
        workers = 1  # a Celery prefork pool process may not start processes of its own
    ctx.working_on(_batch_name(batches[0]))
    try:
        build_archive(
            articles=int(params["articles"]), seed=seed, publish=bool(params["publish"]),
            batch_issues=int(params["batch_issues"]), workers=workers, first_issue=first,
            skip_batches=ctx.recorded, on_batch=batch_written,
        )
    except JobCancelled:
        ctx.result = summarise(ctx)
        raise
    return summarise(ctx)


def _batch_name(batch: list[tuple[int, int]]) -> str:
    return f"第 {batch[0][0] + 1}–{batch[-1][0] + 1} 期"


def _record_batches_written_before(ctx: JobContext, batches: list[list[tuple[int, int]]], seed: int) -> None:
    """Batches that committed before the last run died, unrecorded: one transaction each, so
    their first issue tells."""
    unrecorded = {n: issue_source_name(seed, b[0][0]) for n, b in enumerate(batches) if n not in ctx.recorded}
    present = set(Issue.objects.filter(source_name__in=unrecorded.values()).values_list("source_name", flat=True))
    for position, name in unrecorded.items():
        if name in present:
            issues = len(batches[position])
            ctx.record(
                position=position, name=_batch_name(batches[position]), outcome="found",
                message="中断前已写入（续跑时核对，未重复写入）",
                data={"issues": issues, "articles": sum(count for _, count in batches[position])},
            )


def summarise(ctx: JobContext) -> dict[str, Any]:
    return ctx.item_totals(("issues", "articles", "photos"))
