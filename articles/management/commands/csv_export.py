import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.sheets.errors import SpreadsheetError
from articles.sheets.files.reading import FORMATS, guess_format
from articles.sheets.files.writing import Written
from articles.sheets.registry import MODEL_NAMES
from articles.sheets.services import export_spreadsheet


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
                written = self.export_to_stdout(options["model"], file_format)
            else:
                written = self.export_to_file(options["model"], file_format, output)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        where = output or "标准输出"
        self.stderr.write(f"已导出 {written.rows} 行到 {where}（{file_format}）")
        for cell in written.cut_cells:
            self.stderr.write(str(cell))
        if written.cut_cells:
            self.stderr.write(
                f"{len(written.cut_cells)} 格超出 Excel 单元格上限，只导出了开头；导入时这些格保持不变。"
                "要完整内容请导出 CSV（--format csv）"
            )

    def export_to_file(self, model: str, file_format: str, output: Path) -> Written:
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
                written = export_spreadsheet(model=model, file_format=file_format, stream=tmp)
            except BaseException:
                Path(tmp.name).unlink(missing_ok=True)
                raise
        Path(tmp.name).replace(output)
        return written

    def export_to_stdout(self, model: str, file_format: str) -> Written:
        stream = getattr(self.stdout._out, "buffer", None)
        if stream is None:  # a text stream (tests, call_command): only CSV can go there
            if file_format != "csv":
                raise CommandError("xlsx 是二进制格式：请用 -o 指定输出文件")
            import io

            buffer = io.BytesIO()
            written = export_spreadsheet(model=model, file_format=file_format, stream=buffer)
            self.stdout._out.write(buffer.getvalue().decode("utf-8"))
            return written
        if file_format == "xlsx" and sys.stdout.isatty():
            raise CommandError("xlsx 是二进制格式，不能输出到终端：请用 -o 指定输出文件")
        written = export_spreadsheet(model=model, file_format=file_format, stream=stream)
        stream.flush()
        return written
