from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.sheets.errors import SpreadsheetError
from articles.sheets.files.reading import FORMATS, MAX_SPREADSHEET_BYTES, check_size, guess_format
from articles.sheets.registry import MODEL_NAMES
from articles.sheets.services import import_spreadsheet


class Command(BaseCommand):
    help = (
        "从表格（csv 或 xlsx）导入文章、人物、图片、期或标签。整个文件一个事务：任何一行有错，"
        "什么都不写入，并列出每个错误的行号和列名。接受 UTF-8（有无 BOM 均可）和 GB18030 的 CSV。"
        "不加 --user 时以运维身份导入，拥有全部权限（可发布，文字修改直接生效）。"
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
        parser.add_argument(
            "--user",
            metavar="NAME",
            help=(
                "以这个后台用户的身份导入，按他的权限检查：编辑对已发布文章的文字修改存为待主编审核，"
                "不能发布或撤回；修改记录记在他名下。不加时以运维身份导入，拥有全部权限"
            ),
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
            username=options["user"],
            file_name=path.name,
        )
        for note in report.notes:
            self.stdout.write(note)
        for problem in report.problems:
            self.stderr.write(f"{path.name}: {problem}")
        prefix = "（演练，未写入数据库）" if report.dry_run else ""
        waiting = report.waiting_for_chief
        self.stdout.write(
            f"{prefix}新建 {report.new}，更新 {report.updated}"
            + (f"（其中 {waiting} 篇的文字修改待主编审核）" if waiting else "")
            + f"，未变 {report.unchanged}，出错 {report.failed_rows} (new {report.new}, "
            f"updated {report.updated}, unchanged {report.unchanged}, errors {report.failed_rows}"
            + (f", {waiting} waiting for a chief editor)" if waiting else ")")
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
