import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.files import PreparedFile
from articles.ingest.loader import IssueLoader
from articles.ingest.report import FileResult, Outcome, issue_report
from articles.ingest.scans import iter_import_scans, source_digest
from articles.jobs.scans import enqueue_scans
from articles.ocr import parse_issue
from articles.scans.engines import DEFAULT_ENGINE, OcrUnavailable
from articles.scans.pipeline import ScanIssue, read_issue
from articles.scans.sources import ScanSource, find_sources
from articles.scans.types import ScanPage

OUTCOME_LABELS = {
    Outcome.CREATED: "已导入",
    Outcome.REPLACED: "已重新导入",
    Outcome.NEW_VERSION: "已作为新版本导入",
    Outcome.UNCHANGED: "未改变，跳过",
}


class Command(BaseCommand):
    help = (
        "导入扫描版面：PNG、JPEG、TIFF 图像或 PDF（每个 PDF 或每个图像目录为一期，按页序），"
        "OCR 后按版面排出阅读顺序，交给与文本导入相同的解析器；版面图像、每行文字的位置和文章区域一并入库。"
        "每期一个事务，可安全重复运行（同样的图像不会再识别）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="PDF、多页 TIFF、图像文件或图像目录")
        parser.add_argument("--dry-run", action="store_true", help="只识别、解析并报告，不写数据库")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（与 import_seeds 相同，另加 pages）")
        parser.add_argument("--engine", choices=["rapidocr", "tesseract"], default=DEFAULT_ENGINE)
        parser.add_argument("--publish", action="store_true", help="导入的文章直接公开（新版本除外）")
        parser.add_argument(
            "--background", action="store_true",
            help="不在本进程导入：排入后台任务，按版显示进度，打印任务编号后立即返回",
        )

    def handle(self, *args, **options) -> None:
        as_json = options["json"]
        if options["background"]:
            if options["dry_run"] or as_json:
                raise CommandError("--background 不能与 --dry-run / --json 一起使用")
            job = enqueue_scans(paths=options["paths"], publish=options["publish"], engine=options["engine"])
            self.stdout.write(f"任务 #{job.pk} 已排队：{job.title}\n查看进度：manage.py jobs --watch {job.pk}")
            return
        if not options["dry_run"]:
            if as_json:
                raise CommandError("--json 只能与 --dry-run 一起使用")
            self._import(options)
            return

        def progress(source: ScanSource, page: ScanPage) -> None:
            if not as_json:
                self.stderr.write(f"{source.name} 第 {page.number}/{len(source.pages)} 版：{len(page.lines)} 行")

        loader = IssueLoader(dry_run=True)
        reports, failed = [], []
        for source in find_sources(options["paths"]):
            try:
                scan = read_issue(source, engine_name=options["engine"], progress=progress)
            except OcrUnavailable as exc:
                raise CommandError(str(exc)) from exc
            result = self._result(scan, loader)
            if result.outcome == Outcome.FAILED:
                self.stderr.write(f"{source.path}: {result.message}")
                failed.append(source.path)
            report = issue_report(result)
            report["pages"] = [page.as_json() for page in scan.pages]
            reports.append(report)
            if not as_json:
                self.stdout.write(
                    f"{source.name}: {len(scan.pages)} 版，{result.article_count} 篇文章（演练，未写入数据库）"
                )
        if as_json:
            self.stdout.write(json.dumps({"issues": reports}, ensure_ascii=False, indent=2))
        if failed:
            raise CommandError(f"{len(failed)} 期无法导入：" + "；".join(str(p) for p in failed))

    def _import(self, options: dict) -> None:
        def progress(source: ScanSource, number: int, stage: str) -> None:
            done = "已识别" if stage == "read" else "已存图像与缩放瓦片"
            self.stderr.write(f"{source.name} 第 {number}/{len(source.pages)} 版：{done}")

        sources = find_sources(options["paths"])
        failed = []
        try:
            for done in iter_import_scans(
                sources=sources, publish=options["publish"], engine=options["engine"], on_page=progress
            ):
                result = done.result
                if result.outcome == Outcome.FAILED:
                    self.stderr.write(f"{result.path}: {result.message}")
                    failed.append(result.path)
                    continue
                note = f"；{result.message}" if result.message else ""
                published = f"；公开 {result.published} 篇" if result.published else ""
                self.stdout.write(
                    f"{result.path.name}: {OUTCOME_LABELS[result.outcome]}，{done.pages} 版，"
                    f"{result.article_count} 篇文章{published}{note}"
                )
        except OcrUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if failed:
            raise CommandError(f"{len(failed)} 期无法导入：" + "；".join(str(p) for p in failed))

    @staticmethod
    def _result(scan: ScanIssue, loader: IssueLoader) -> FileResult:
        path = scan.source.path
        if scan.error:
            return FileResult(path=path, outcome=Outcome.FAILED, message=scan.error)
        if not scan.text.strip():
            return FileResult(path=path, outcome=Outcome.FAILED, message="版面上没有识别出文字 (no text found)")
        parsed = parse_issue(scan.text, known_people=loader.known_people())
        # The files' hash, as the import stores it: images imported before read "unchanged".
        prepared = PreparedFile(
            path=path, parsed=parsed, text=scan.text, encoding="ocr", digest=source_digest(scan.source)
        )
        return loader.import_prepared(prepared)
