import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.hints.detectors import refresh_hint_counts
from articles.ingest.importer import FileResult, Outcome, import_files, issue_report

OUTCOME_LABELS = {
    Outcome.CREATED: "已导入",
    Outcome.REPLACED: "已重新导入",
    Outcome.NEW_VERSION: "已作为新版本导入",
    Outcome.UNCHANGED: "未改变，跳过",
    Outcome.FAILED: "失败",
}

IMPORTED = {Outcome.CREATED, Outcome.REPLACED, Outcome.NEW_VERSION}


class Command(BaseCommand):
    help = "导入 OCR 报纸文件（默认导入 seeds/ 中的全部文件）。每个文件一个事务，可安全重复运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="OCR 文本文件；默认 seeds/*.txt")
        parser.add_argument("--dry-run", action="store_true", help="只解析并报告，不写数据库")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出解析结果（配合 --dry-run）")
        parser.add_argument("--publish", action="store_true", help="导入的文章直接公开")

    def handle(self, *args, **options) -> None:
        paths: list[Path] = options["paths"] or sorted(
            p for p in Path(settings.SEEDS_DIR).iterdir() if p.is_file() and not p.name.startswith(".")
        )
        if not paths:
            raise CommandError(f"没有可导入的文件：{settings.SEEDS_DIR} 为空")
        as_json = options["json"]
        found = 0

        def progress(done: int, total: int, result: FileResult) -> None:
            nonlocal found
            found += result.article_count
            if result.outcome == Outcome.FAILED:
                self.stderr.write(f"{result.path}: {result.message}")
            elif not as_json and (total <= 50 or done % max(1, total // 20) == 0 or done == total):
                note = f"；{result.message}" if result.message else ""
                self.stderr.write(
                    f"[{done}/{total}] {result.path.name}: {OUTCOME_LABELS[result.outcome]}，"
                    f"{result.article_count} 篇文章（累计 {found}）{note}"
                )

        results = import_files(
            paths=paths, publish=options["publish"], dry_run=options["dry_run"], progress=progress
        )
        failed = [r for r in results if r.outcome == Outcome.FAILED]
        imported = [r.issue_id for r in results if r.issue_id and r.outcome in IMPORTED]
        hint_total = 0 if options["dry_run"] else refresh_hint_counts(issue_ids=imported)
        if as_json:
            payload = {"issues": [issue_report(r) for r in results]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            counts = {o: sum(r.outcome == o for r in results) for o in Outcome}
            summary = "，".join(f"{OUTCOME_LABELS[o]} {n}" for o, n in counts.items() if n)
            prefix = "（演练，未写入数据库）" if options["dry_run"] else ""
            hints = f"；疑似 OCR 错误 {hint_total} 处（后台“有疑似错误”筛选）" if hint_total else ""
            self.stdout.write(f"{prefix}{len(results)} 个文件：{summary}；共 {found} 篇文章{hints}")
        if failed:
            raise CommandError(f"{len(failed)} 个文件导入失败：" + "；".join(str(r.path) for r in failed))
