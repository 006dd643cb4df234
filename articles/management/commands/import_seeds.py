import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.service import FileResult, Outcome, run_import
from articles.jobs.importing import enqueue_import_parts

OUTCOME_LABELS = {
    Outcome.CREATED: "已导入",
    Outcome.REPLACED: "已重新导入",
    Outcome.NEW_VERSION: "已作为新版本导入",
    Outcome.UNCHANGED: "未改变，跳过",
    Outcome.FAILED: "失败",
}
# A dry run writes nothing: it says what the import would do.
DRY_RUN_LABELS = {
    Outcome.CREATED: "将导入",
    Outcome.REPLACED: "将重新导入",
    Outcome.NEW_VERSION: "将作为新版本导入",
    Outcome.UNCHANGED: "未改变，将跳过",
    Outcome.FAILED: "失败",
}


class Command(BaseCommand):
    help = "导入 OCR 报纸文件（默认导入 seeds/ 中的全部文件）。每个文件一个事务，可安全重复运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="OCR 文本文件；默认 seeds/*.txt")
        parser.add_argument("--dry-run", action="store_true", help="只解析并报告，不写数据库")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出解析结果（配合 --dry-run）")
        parser.add_argument(
            "--publish", action="store_true",
            help="导入的文章直接公开；已导入且无人改动过的期，其未公开文章也一并公开",
        )
        parser.add_argument(
            "--background", action="store_true",
            help="不在本进程导入：排入后台任务（Celery 或内置任务进程），打印任务编号后立即返回",
        )
        parser.add_argument(
            "--parts", type=int, default=1,
            help="与 --background 一起：把文件分成 N 个任务，由多个任务进程分担",
        )

    def handle(self, *args, **options) -> None:
        paths: list[Path] = options["paths"] or sorted(
            p for p in Path(settings.SEEDS_DIR).iterdir() if p.is_file() and not p.name.startswith(".")
        )
        if not paths:
            raise CommandError(f"没有可导入的文件：{settings.SEEDS_DIR} 为空")
        as_json, dry_run = options["json"], options["dry_run"]
        if options["background"]:
            if dry_run or as_json:
                raise CommandError("--background 不能与 --dry-run / --json 一起使用")
            self._enqueue(paths=paths, parts=options["parts"], publish=options["publish"])
            return
        labels = DRY_RUN_LABELS if dry_run else OUTCOME_LABELS
        found = 0

        def progress(done: int, total: int, result: FileResult) -> None:
            nonlocal found
            found += result.article_count
            if result.outcome == Outcome.FAILED:
                self.stderr.write(f"{result.path}: {result.message}")
                return
            # A message (new version, not published …) or the file's encoding is always shown.
            if as_json or not (
                total <= 50 or done % max(1, total // 20) == 0 or done == total
                or result.message or result.encoding_notes
            ):
                return
            notes = [result.message, *result.encoding_notes]
            note = "".join(f"；{n}" for n in notes if n)
            self.stderr.write(
                f"[{done}/{total}] {result.path.name}: {labels[result.outcome]}，"
                f"{result.article_count} 篇文章（累计 {found}）{note}"
            )

        summary = run_import(
            paths=paths, publish=options["publish"], dry_run=dry_run, with_reports=as_json,
            progress=progress,
        )
        if as_json:
            self.stdout.write(json.dumps({"issues": summary.reports}, ensure_ascii=False, indent=2))
        else:
            counts = "，".join(f"{labels[o]} {summary.outcomes[o]}" for o in Outcome if summary.outcomes[o])
            prefix = "（演练，未写入数据库）" if dry_run else ""
            extra = ""
            if summary.published:
                extra += f"；公开 {summary.published} 篇"
            if summary.decoded_as_gb18030:
                extra += f"；{summary.decoded_as_gb18030} 个文件按 GB18030/GBK 编码读取"
            if summary.hints:
                extra += f"；疑似 OCR 错误 {summary.hints} 处（后台“有疑似错误”筛选）"
            self.stdout.write(
                f"{prefix}{summary.files} 个文件：{counts}；共 {found} 篇文章{extra}"
            )
        if summary.failed:
            raise CommandError(
                f"{len(summary.failed)} 个文件导入失败：" + "；".join(str(r.path) for r in summary.failed)
            )

    def _enqueue(self, *, paths: list[Path], parts: int, publish: bool) -> None:
        if parts < 1:
            raise CommandError("--parts 至少为 1")
        jobs = enqueue_import_parts(paths=paths, parts=parts, publish=publish)
        for job in jobs:
            self.stdout.write(f"任务 #{job.pk} 已排队：{job.title}")
        watch = f"manage.py jobs --watch {jobs[0].pk}" if len(jobs) == 1 else "manage.py jobs --watch"
        self.stdout.write(f"查看进度：{watch}")
