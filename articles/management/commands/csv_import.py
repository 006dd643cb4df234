from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.sheets.spreadsheets import (
    FORMATS,
    MAX_SPREADSHEET_BYTES,
    MODEL_NAMES,
    SpreadsheetError,
    check_size,
    guess_format,
    import_spreadsheet,
)


class Command(BaseCommand):
    help = (
        "从表格（csv 或 xlsx）导入文章、人物、图片、期或标签。整个文件一个事务：任何一行有错，"
        "什么都不写入，并列出每个错误的行号和列名。接受 UTF-8（有无 BOM 均可）和 GB18030 的 CSV。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "model", metavar="MODEL", choices=MODEL_NAMES, help=f"导入什么：{', '.join(MODEL_NAMES)}"
        )
        parser.add_argument("file", metavar="FILE", type=Path, help="csv_export 导出、在 Excel 中改过的文件")
        parser.add_argument("--format", choices=FORMATS, help="csv 或 xlsx；默认按扩展名")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写数据库")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="表格中不存在的人物和标签自动新建（默认视为错误）",
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        file_format = options["format"] or guess_format(path.name)
        if file_format is None:
            raise CommandError(f"{path}: 无法从扩展名判断格式，请加 --format csv 或 --format xlsx")
        data = self.read(path)
        report = import_spreadsheet(
            model=options["model"],
            data=data,
            file_format=file_format,
            dry_run=options["dry_run"],
            create_missing=options["create_missing"],
            file_name=path.name,
        )
        for note in report.notes:
            self.stdout.write(note)
        for problem in report.problems:
            self.stderr.write(f"{path.name}: {problem}")
        prefix = "（演练，未写入数据库）" if report.dry_run else ""
        self.stdout.write(
            f"{prefix}新建 {report.new}，更新 {report.updated}，未变 {report.unchanged}，"
            f"出错 {report.failed_rows} (new {report.new}, updated {report.updated}, "
            f"unchanged {report.unchanged}, errors {report.failed_rows})"
        )
        if report.failed:
            count = report.failed_rows or len(report.problems)
            raise CommandError(f"{path.name}: {count} 处错误，没有写入任何数据")

    @staticmethod
    def read(path: Path) -> bytes:
        if not path.exists():
            raise CommandError(f"{path}: 文件不存在 (no such file)")
        if path.is_dir():
            raise CommandError(f"{path}: 这是一个目录，不是文件")
        try:
            check_size(path.stat().st_size)
            with path.open("rb") as handle:
                # Never read more than the limit, whatever the file system said.
                data = handle.read(MAX_SPREADSHEET_BYTES + 1)
            check_size(len(data))
        except SpreadsheetError as exc:
            raise CommandError(f"{path}: {exc}") from None
        except OSError as exc:
            raise CommandError(f"{path}: 无法读取 ({exc.strerror or exc})") from None
        return data
