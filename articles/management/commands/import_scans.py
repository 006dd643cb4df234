import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.files import PreparedFile, content_hash
from articles.ingest.loader import IssueLoader
from articles.ingest.report import FileResult, Outcome, issue_report
from articles.ocr import parse_issue
from articles.scans.engines import DEFAULT_ENGINE, OcrUnavailable
from articles.scans.pipeline import ScanIssue, read_issue
from articles.scans.sources import ScanSource, find_sources
from articles.scans.types import ScanPage


class Command(BaseCommand):
    help = (
        "导入扫描版面：PNG、JPEG、TIFF 图像或 PDF（每个 PDF 或每个图像目录为一期，按页序），"
        "OCR 后按版面排出阅读顺序，交给与文本导入相同的解析器。目前只支持 --dry-run（只解析并报告）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="PDF、多页 TIFF、图像文件或图像目录")
        parser.add_argument("--dry-run", action="store_true", help="只识别、解析并报告，不写数据库")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（与 import_seeds 相同，另加 pages）")
        parser.add_argument("--engine", choices=["rapidocr", "tesseract"], default=DEFAULT_ENGINE)

    def handle(self, *args, **options) -> None:
        if not options["dry_run"]:
            raise CommandError("扫描版面目前只能演练：请加 --dry-run（版面图像入库尚未实现）")
        as_json = options["json"]

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

    @staticmethod
    def _result(scan: ScanIssue, loader: IssueLoader) -> FileResult:
        path = scan.source.path
        if scan.error:
            return FileResult(path=path, outcome=Outcome.FAILED, message=scan.error)
        if not scan.text.strip():
            return FileResult(path=path, outcome=Outcome.FAILED, message="版面上没有识别出文字 (no text found)")
        parsed = parse_issue(scan.text, known_people=loader.known_people())
        prepared = PreparedFile(
            path=path, parsed=parsed, text=scan.text, encoding="ocr", digest=content_hash(scan.text)
        )
        return loader.import_prepared(prepared)
