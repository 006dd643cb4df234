"""A big spreadsheet import as a background job: checked part by part, then written part by part.

The admin's import page sends a file bigger than ``BIG_IMPORT_BYTES`` here instead of
previewing it in the request. The job reads the file the page stored, cuts its rows into parts
of ``PART_ROWS`` and goes through them twice:

1. **check** each part as a dry run (rolled back): every problem is recorded with the row
   number Excel shows; if any part has one, the job stops having written nothing, as the
   page's import would;
2. **write** each part in its own transaction, with the rights of the editor who uploaded it
   (their new words for a published article wait for a chief, as on the page).

Cancel is honoured between parts: during the check nothing is written; during the writing the
parts already written stay (each is whole) and the job says how far it got. The check of a part
does not see the rows earlier parts would create, so a row that needs a tag or person another
part of the same file creates can only be imported with "创建表格中不存在的人物和标签" ticked.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import tablib
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from articles.jobs import queue
from articles.jobs.context import JobCancelled, JobContext
from articles.models import Job
from articles.sheets.errors import SpreadsheetError
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.registry import resource_class_for
from articles.sheets.reports import ImportReport, RowProblem, report_from_result

KIND = "sheet_import"
# Files above this size are imported by a job: their preview alone would hold a web worker
# for longer than a proxy waits.
BIG_IMPORT_BYTES = 2 * 1024 * 1024
PART_ROWS = 500
PROBLEMS_PER_PART = 20  # listed in a part's message; the rest are counted


def enqueue_sheet_import(
    *, model: str, data: bytes, file_format: str, file_name: str, create_missing: bool,
    user: AbstractBaseUser,
) -> Job:
    """Store the file where every worker reads it (under MEDIA_ROOT) and queue its import."""
    resource_class_for(model)  # an unknown sheet fails here
    folder = Path(settings.MEDIA_ROOT) / "job-uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    path = folder / (Path(file_name).name or f"upload.{file_format}")
    path.write_bytes(data)
    params = {
        "model": model, "path": str(path), "file_format": file_format, "file_name": path.name,
        "create_missing": create_missing, "user_id": user.pk,
    }
    return queue.enqueue(
        kind=KIND, title=f"导入表格 {path.name}", params=params, started_by=user,
    )


def part_ranges(rows: int) -> list[tuple[int, int]]:
    return [(start, min(start + PART_ROWS, rows)) for start in range(0, rows, PART_ROWS)]


def run_sheet_import(ctx: JobContext) -> dict[str, Any]:
    params = ctx.params
    user = get_user_model()._default_manager.filter(pk=params["user_id"], is_active=True).first()
    if user is None:
        raise SpreadsheetError("上传表格的账号已被删除或停用，不再以其权限导入")
    dataset = read_spreadsheet(Path(params["path"]).read_bytes(), file_format=params["file_format"])
    parts = part_ranges(len(dataset))
    ctx.set_total(2 * len(parts))
    try:
        for position, rows in enumerate(parts):  # 1. check
            if position not in ctx.recorded:
                _record(ctx, position, "检查", rows, _import_part(ctx, dataset, rows, user, dry_run=True))
        if ctx.failed:
            ctx.result = summarise(ctx)
            raise SpreadsheetError(f"表格有错误（{ctx.failed} 部分），没有写入任何数据：请按每一项的行号改正后重新上传")
        for n, rows in enumerate(parts):  # 2. write
            position = len(parts) + n
            if position not in ctx.recorded:
                report = _import_part(ctx, dataset, rows, user, dry_run=False)
                _record(ctx, position, "导入", rows, report)
                if report.failed:  # a row changed by someone since the check: stop here
                    ctx.result = summarise(ctx)
                    raise SpreadsheetError(
                        f"第 {rows[0] + 2}–{rows[1] + 1} 行导入时出错，这一部分没有写入；之前的 {n} 部分已导入"
                    )
    except JobCancelled:
        ctx.result = summarise(ctx)
        raise
    return summarise(ctx)


def _import_part(
    ctx: JobContext, dataset: tablib.Dataset, rows: tuple[int, int], user: AbstractBaseUser, *, dry_run: bool
) -> ImportReport:
    ctx.working_on(f"{'检查' if dry_run else '导入'}第 {rows[0] + 2}–{rows[1] + 1} 行")
    part = tablib.Dataset(*dataset[rows[0] : rows[1]], headers=dataset.headers)
    resource = resource_class_for(ctx.params["model"])(
        create_missing=bool(ctx.params["create_missing"]), user=user, html_diff=False
    )
    result = resource.import_data(
        part, dry_run=dry_run, raise_errors=False, file_name=ctx.params["file_name"], user=user
    )
    report = report_from_result(result, resource, dry_run=dry_run)
    # Rows as Excel numbers them in the whole file, not in the part.
    report.problems = [
        RowProblem(message=p.message, row=None if p.row is None else p.row + rows[0], column=p.column)
        for p in report.problems
    ]
    return report


def _record(ctx: JobContext, position: int, step: str, rows: tuple[int, int], report: ImportReport) -> None:
    name = f"{step}第 {rows[0] + 2}–{rows[1] + 1} 行"
    if report.failed:
        shown = "；".join(str(p) for p in report.problems[:PROBLEMS_PER_PART])
        more = len(report.problems) - PROBLEMS_PER_PART
        message = shown + (f"（另有 {more} 处）" if more > 0 else "")
    else:
        message = f"新建 {report.new}，更新 {report.updated}，未变 {report.unchanged}"
        if report.waiting_for_chief:
            message += f"；其中 {report.waiting_for_chief} 篇已发布文章的文字修改等主编审核"
    ctx.record(
        position=position, name=name, outcome="failed" if report.failed else ("checked" if report.dry_run else "imported"),
        ok=not report.failed, message=message,
        data={
            "new": report.new, "updated": report.updated, "unchanged": report.unchanged,
            "waiting_for_chief": report.waiting_for_chief, "problems": len(report.problems),
            "dry_run": report.dry_run,
        },
    )


def summarise(ctx: JobContext) -> dict[str, Any]:
    ctx.flush()
    totals = {"new": 0, "updated": 0, "unchanged": 0, "waiting_for_chief": 0, "problems": 0}
    outcomes: dict[str, int] = {}
    for outcome, data in ctx.job.items.values_list("outcome", "data"):
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        data = data or {}
        totals["problems"] += data.get("problems") or 0
        if not data.get("dry_run"):
            for key in ("new", "updated", "unchanged", "waiting_for_chief"):
                totals[key] += data.get(key) or 0
    return {"outcomes": outcomes, **totals}
