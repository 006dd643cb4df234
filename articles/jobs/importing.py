"""The "import OCR files" job: the import service file by file, resumable, a reason per file.

Each file is imported in its own transaction by ``articles.ingest``; this kind only records
what happened to each file and skips, on a resumed run, the files already recorded. A file
whose import committed but whose record was not yet written when the worker died comes back
"unchanged" (its content hash is in the archive): it is recorded as imported by this job,
never imported twice. Each file's OCR-hint counts are written with its articles, in the same
transaction, so they are right whatever happens to the worker.
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Sum

from articles.ingest.service import FileResult, Outcome, iter_import_files
from articles.jobs import queue, uploads
from articles.jobs.context import JobCancelled, JobContext
from articles.models import Article, Issue, Job, JobItem

KIND = "import_files"
IMPORTED = (Outcome.CREATED.value, Outcome.REPLACED.value, Outcome.NEW_VERSION.value)
PUBLISH_PERMISSION = "articles.publish_article"


def enqueue_import(
    *, paths: Iterable[Path | str], publish: bool = False, started_by: Any = None
) -> Job:
    """Queue an import of these files; ``started_by`` (a user) must be allowed to publish
    if ``publish`` is set. Paths are stored absolute: a worker may run elsewhere."""
    files = list(dict.fromkeys(str(Path(p).absolute()) for p in paths))
    if not files:
        raise ValueError("没有要导入的文件")
    if publish and started_by is not None and not started_by.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("只有主编可以在导入时直接发布")
    first = Path(files[0]).name
    title = f"导入 {len(files)} 个 OCR 文件（{first}{' 等' if len(files) > 1 else ''}）"
    if publish:
        title += "，并发布"
    return queue.enqueue(
        kind=KIND, title=title, params={"paths": files, "publish": publish},
        started_by=started_by, total=len(files),
    )


def enqueue_import_parts(
    *, paths: Iterable[Path | str], parts: int, publish: bool = False, started_by: Any = None
) -> list[Job]:
    """Queue the import as ``parts`` jobs of consecutive files, so that many workers share it
    (one job runs on one worker). Each file still goes in once: its content hash decides."""
    files = list(dict.fromkeys(str(Path(p).absolute()) for p in paths))
    parts = max(1, min(parts, len(files)))
    size = -(-len(files) // parts)  # ceiling: the parts differ by at most one file
    chunks = [files[n : n + size] for n in range(0, len(files), size)]
    return [
        enqueue_import(paths=chunk, publish=publish, started_by=started_by) for chunk in chunks
    ]


def save_uploads(*, files: Iterable[UploadedFile]) -> list[Path]:
    """Store uploaded files where every worker can read them: a new folder under MEDIA_ROOT
    (shared by every machine), keeping each file's own name (the archive shows it)."""
    folder = uploads.uploads_root() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    saved = []
    for upload in files:
        name = Path(upload.name or "").name or "upload.txt"
        target = folder / name
        counter = 1
        while target.exists():  # two uploads with one name: keep both
            counter += 1
            target = folder / f"{Path(name).stem}-{counter}{Path(name).suffix}"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        saved.append(target)
    return saved


def run_import(ctx: JobContext) -> dict[str, Any]:
    paths = [Path(p) for p in ctx.params.get("paths", [])]
    ctx.set_total(len(paths))
    todo = [(position, path) for position, path in enumerate(paths) if position not in ctx.recorded]
    try:
        if todo:
            ctx.working_on(todo[0][1].name)
        results = iter_import_files(
            paths=[path for _, path in todo], publish=bool(ctx.params.get("publish")),
            # A Celery prefork pool process may not start processes of its own: parse inline.
            # (A `--pool solo` worker, or the local worker, keeps the background parser.)
            background_parser=False if multiprocessing.current_process().daemon else None,
        )
        try:
            for index, result in enumerate(results):
                position, path = todo[index]
                following = todo[index + 1][1].name if index + 1 < len(todo) else ""
                ctx.working_on(following)
                ctx.record(position=position, name=path.name, **_outcome(ctx, path, result))
        finally:
            results.close()  # on cancel: stops the background parser at once
    except JobCancelled:
        ctx.result = summarise(ctx)
        uploads.remove_job_uploads(paths=paths)
        raise
    # The job has ended: uploaded files are not needed any more (a failed run's are swept).
    summary = summarise(ctx)
    uploads.remove_job_uploads(paths=paths)
    return summary


def _outcome(ctx: JobContext, path: Path, result: FileResult) -> dict[str, Any]:
    outcome, message, hints = result.outcome.value, result.message, result.hints
    if result.outcome == Outcome.UNCHANGED and ctx.resumed and _imported_by_this_job(ctx, path, result):
        outcome, message = Outcome.CREATED.value, "中断前已导入（续跑时核对，未重复导入）"
        hints = Article.objects.filter(issue_id=result.issue_id).aggregate(n=Sum("ocr_hint_count"))["n"]
    if result.outcome != Outcome.FAILED:
        message = "；".join(filter(None, [f"{result.article_count} 篇文章", message, *result.notes]))
    return {
        "outcome": outcome,
        "ok": result.outcome != Outcome.FAILED,
        "message": message,
        "data": {
            "path": str(path), "issue_id": result.issue_id, "articles": result.article_count,
            "hints": hints or 0, "published": result.published,
        },
    }


def _imported_by_this_job(ctx: JobContext, path: Path, result: FileResult) -> bool:
    started = ctx.job.started_at
    return bool(
        result.issue_id
        and started
        and Issue.objects.filter(
            pk=result.issue_id, source_name=path.name, imported_at__gte=started
        ).exists()
    )


def summarise(ctx: JobContext) -> dict[str, Any]:
    """Totals over every run of the job (an interrupted one included)."""
    ctx.flush()
    items = JobItem.objects.filter(job=ctx.job).order_by()
    outcomes = dict(items.values("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    totals = {"imported_issues": 0, "articles": 0, "hints": 0, "published": 0}
    for data in items.filter(outcome__in=IMPORTED).values_list("data", flat=True):
        totals["imported_issues"] += 1
        for key in ("articles", "hints", "published"):
            totals[key] += data.get(key) or 0
    return {"outcomes": outcomes, **totals, "failed": ctx.failed}
