"""The "import scanned pages" job: OCR and import issue by issue, progress page by page.

The job's items are pages (its total is the pages of all its issues), so the bar moves as
each page is read, and the item being worked on reads "文件名 第 N 版". Each issue is still
one transaction (``articles.ingest.scans``): the pages before an issue's last are recorded as
read when their OCR is done, the last page with what happened to the whole issue once it is
committed (or failed). A resumed job redoes every issue whose last page is not recorded;
importing an issue twice is harmless (its files' hash says "unchanged").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied

from articles.ingest.report import IMPORTED, FileResult, Outcome
from articles.ingest.scans import iter_import_scans
from articles.jobs import queue
from articles.jobs.context import JobCancelled, JobContext
from articles.jobs.importing import PUBLISH_PERMISSION
from articles.models import Job, JobItem
from articles.scans.engines import DEFAULT_ENGINE
from articles.scans.sources import IMAGE_SUFFIXES, PDF_SUFFIXES, ScanSource, find_sources

KIND = "import_scans"
READ = "read"  # a page OCR'd, its issue not finished yet
NOT_READ = "not_read"  # a page after the one that failed its issue
SCAN_SUFFIXES = IMAGE_SUFFIXES | PDF_SUFFIXES


def is_scan(name: str) -> bool:
    return Path(name).suffix.lower() in SCAN_SUFFIXES


def enqueue_scans(
    *, paths: Iterable[Path | str], publish: bool = False, engine: str = DEFAULT_ENGINE, started_by: Any = None
) -> Job:
    """Queue the import of these issues of scans (each path a PDF, a TIFF, an image or a
    folder of page images); ``started_by`` must be allowed to publish if ``publish``."""
    issues = list(dict.fromkeys(str(Path(p).absolute()) for p in paths))
    if not issues:
        raise ValueError("没有要导入的扫描版面")
    if publish and started_by is not None and not started_by.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("只有主编可以在导入时直接发布")
    pages = sum(max(1, len(source.pages)) for source in find_sources([Path(p) for p in issues]))
    first = Path(issues[0]).name
    title = f"导入扫描版面 {len(issues)} 期 {pages} 版（{first}{' 等' if len(issues) > 1 else ''}）"
    if publish:
        title += "，并发布"
    return queue.enqueue(
        kind=KIND, title=title, params={"paths": issues, "publish": publish, "engine": engine},
        started_by=started_by, total=pages,
    )


def group_scans(*, paths: list[Path]) -> list[Path]:
    """Uploaded scans (saved in one folder) as issues: each PDF or multi-page TIFF one issue,
    the page images together one issue, in file-name order, in a folder named after them."""
    documents, images = [], []
    for path in paths:
        (source,) = find_sources([path])
        (documents if path.suffix.lower() in PDF_SUFFIXES or len(source.pages) > 1 else images).append(path)
    if not images:
        return documents
    folder = images[0].parent / issue_name([p.stem for p in images])
    folder.mkdir()
    for path in images:
        path.rename(folder / path.name)
    return [*documents, folder]


def issue_name(stems: list[str]) -> str:
    """What an issue of page images is called: what their names share ("2024-03-18" of
    "2024-03-18-p01", "2024-03-18-p02"), else the first name."""
    first, last = min(stems), max(stems)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    shared = first[:length]
    if length < len(first) and first[length].isdigit():
        shared = shared.rstrip("0123456789")  # a page number cut in two ("page-0" of 01, 02)
    shared = shared.rstrip("-_ .（(第")
    for word in ("page", "Page", "PAGE", "版", "p", "P"):
        if len(stems) > 1 and shared.endswith(word) and len(shared) > len(word):
            shared = shared[: -len(word)].rstrip("-_ .")
    return shared or first or "scans"


@dataclass(slots=True)
class _Span:
    """Where one issue's pages sit among the job's items."""

    source: ScanSource
    start: int
    count: int

    @property
    def last(self) -> int:
        return self.start + self.count - 1


def run_import_scans(ctx: JobContext) -> dict[str, Any]:
    sources = find_sources([Path(p) for p in ctx.params.get("paths", [])])
    spans, start = [], 0
    for source in sources:
        spans.append(_Span(source, start, max(1, len(source.pages))))
        start += spans[-1].count
    ctx.set_total(start)
    todo = [span for span in spans if span.last not in ctx.recorded]
    by_source = {id(span.source): span for span in todo}

    def on_page(source: ScanSource, number: int, stage: str) -> None:
        span = by_source[id(source)]
        if stage == "read":
            if number < span.count:
                ctx.working_on(f"{source.name} 第 {number + 1} 版")  # before the count reaches the bar
                ctx.record(
                    position=span.start + number - 1, name=f"{source.name} 第 {number} 版", outcome=READ,
                    message="已识别，待本期导入",
                )
            else:
                ctx.working_on(f"{source.name}：写入版面与文章")

    try:
        if todo:
            ctx.working_on(f"{todo[0].source.name} 第 1 版")
        results = iter_import_scans(
            sources=[span.source for span in todo], publish=bool(ctx.params.get("publish")),
            engine=str(ctx.params.get("engine") or DEFAULT_ENGINE), on_page=on_page,
        )
        try:
            for span, done in zip(todo, results, strict=False):
                _record_issue(ctx, span, done.result)
                following = todo.index(span) + 1
                if following < len(todo):
                    ctx.working_on(f"{todo[following].source.name} 第 1 版")
        finally:
            results.close()
    except JobCancelled:
        ctx.result = summarise(ctx)
        raise
    return summarise(ctx)


def _record_issue(ctx: JobContext, span: _Span, result: FileResult) -> None:
    ok = result.outcome != Outcome.FAILED
    if not ok:
        # The pages after the one that failed were never read: said so, for the count.
        for position in range(span.start, span.last):
            number = position - span.start + 1
            ctx.record(position=position, name=f"{span.source.name} 第 {number} 版", outcome=NOT_READ)
    message = result.message
    if ok:
        message = "；".join(filter(None, [f"{span.count} 版，{result.article_count} 篇文章", result.message]))
    ctx.record(
        position=span.last, name=f"{span.source.name} 第 {span.count} 版（本期）", outcome=result.outcome.value,
        ok=ok, message=message,
        data={
            "issue": True, "path": str(span.source.path), "issue_id": result.issue_id, "pages": span.count,
            "articles": result.article_count, "published": result.published,
        },
    )


def summarise(ctx: JobContext) -> dict[str, Any]:
    """Issues by outcome and totals, over every run of the job (an interrupted one included)."""
    ctx.flush()
    outcomes: dict[str, int] = {}
    totals = {"imported_issues": 0, "pages": 0, "articles": 0, "published": 0}
    for outcome, data in JobItem.objects.filter(job=ctx.job).values_list("outcome", "data"):
        if not (data or {}).get("issue"):
            continue
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome in IMPORTED:
            totals["imported_issues"] += 1
            for key in ("pages", "articles", "published"):
                totals[key] += data.get(key) or 0
    return {"outcomes": outcomes, **totals, "failed": ctx.failed}
