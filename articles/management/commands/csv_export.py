import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.sheets.spreadsheets import (
    FORMATS,
    MODEL_NAMES,
    SpreadsheetError,
    export_spreadsheet,
    guess_format,
)


class Command(BaseCommand):
    help = (
        "把文章、人物、图片、期或标签导出为表格（CSV 带 UTF-8 BOM，Excel 可直接打开；或 xlsx）。"
        "改好后用 csv_import 导回。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "model", metavar="MODEL", choices=MODEL_NAMES, help=f"导出什么：{', '.join(MODEL_NAMES)}"
        )
        parser.add_argument("--format", choices=FORMATS, help="csv 或 xlsx；默认按 -o 的扩展名，否则 csv")
        parser.add_argument(
            "-o", "--output", metavar="FILE", type=Path, help="输出文件；省略时写到标准输出"
        )

    def handle(self, *args, **options) -> None:
        output: Path | None = options["output"]
        file_format = options["format"] or (guess_format(output.name) if output else None) or "csv"
        try:
            if output is None:
                count = self.export_to_stdout(options["model"], file_format)
            else:
                count = self.export_to_file(options["model"], file_format, output)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        where = output or "标准输出"
        self.stderr.write(f"已导出 {count} 行到 {where}（{file_format}）")

    def export_to_file(self, model: str, file_format: str, output: Path) -> int:
        if output.is_dir():
            raise CommandError(f"{output} 是一个目录：请给出文件名，例如 {output / (model + '.' + file_format)}")
        if not output.parent.exists():
            raise CommandError(f"目录 {output.parent} 不存在")
        # Written next to the target and renamed at the end: a failed export never leaves a
        # half-written file behind (or truncates the previous one).
        with tempfile.NamedTemporaryFile(
            dir=output.parent, prefix=f".{output.name}.", delete=False
        ) as tmp:
            try:
                count = export_spreadsheet(model=model, file_format=file_format, stream=tmp)
            except BaseException:
                Path(tmp.name).unlink(missing_ok=True)
                raise
        Path(tmp.name).replace(output)
        return count

    def export_to_stdout(self, model: str, file_format: str) -> int:
        stream = getattr(self.stdout._out, "buffer", None)
        if stream is None:  # a text stream (tests, call_command): only CSV can go there
            if file_format != "csv":
                raise CommandError("xlsx 是二进制格式：请用 -o 指定输出文件")
            import io

            buffer = io.BytesIO()
            count = export_spreadsheet(model=model, file_format=file_format, stream=buffer)
            self.stdout._out.write(buffer.getvalue().decode("utf-8"))
            return count
        if file_format == "xlsx" and sys.stdout.isatty():
            raise CommandError("xlsx 是二进制格式，不能输出到终端：请用 -o 指定输出文件")
        count = export_spreadsheet(model=model, file_format=file_format, stream=stream)
        stream.flush()
        return count
