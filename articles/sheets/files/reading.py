"""Reading an uploaded CSV or XLSX file into a ``tablib.Dataset``, or refusing it with one
sentence an editor understands.

CSV is read as UTF-8 with or without BOM or as GB18030 (what Excel on a Chinese Windows
saves); XLSX with openpyxl. Oversized, empty, binary, misnamed or wrongly encoded files are
refused before any row is looked at. Blank lines keep their number, so "row 12" in an error is
row 12 in Excel.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from typing import Any

import tablib

from articles.sheets.errors import SpreadsheetError
from articles.sheets.files.cells import restore_formula, xlsx_unescape_text

# A spreadsheet of 10,000 corrected articles is about 15 MB; anything this large is a mistake
# (a whole-archive export, a video renamed .csv) and would tie up the server.
MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024
# An .xlsx is a zip: refuse one that unpacks to more than this (a "zip bomb").
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024

FORMATS = ("csv", "xlsx")


def check_size(size: int) -> None:
    if size > MAX_SPREADSHEET_BYTES:
        raise SpreadsheetError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_SPREADSHEET_BYTES // 1024 // 1024} MB）："
            "请分批导出、导入，例如按日期筛选后再导出 (file too large)"
        )


def _looks_binary(text: str) -> bool:
    """Judged on the header line only: the rows may hold whatever the OCR left in the text
    (an article of control characters must still come back), but a header is column names."""
    header = text[: text.find("\n")] if "\n" in text[:65536] else text[:65536]
    if "\x00" in header:
        return True
    controls = sum(1 for char in header if char < " " and char not in "\t\r")
    return controls > len(header) // 20


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for a CSV file from Excel, WPS or a script."""
    if not data.strip():
        raise SpreadsheetError("文件是空的 (empty file)")
    if data.startswith(b"PK\x03\x04"):
        raise SpreadsheetError("这是一个 Excel (.xlsx) 文件，不是 CSV：请选择 xlsx 格式 (this is an xlsx file)")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            "这是旧版 Excel (.xls) 文件：请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后再导入 (old .xls file)"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpreadsheetError(
            "这是 UTF-16 文本（Excel 的“Unicode 文本”）：请另存为“CSV UTF-8（逗号分隔）”后再导入 (UTF-16 text)"
        )
    binary = SpreadsheetError("这不是 CSV 文本文件（含有二进制内容）(binary file, not CSV)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise binary
        return text, encoding.removesuffix("-sig")
    if b"\x00" in data:
        raise binary
    raise SpreadsheetError(
        "无法识别文件编码（既不是 UTF-8 也不是 GB18030）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"
        " (unknown text encoding)"
    )


def _header(values: Sequence[Any]) -> list[str]:
    return ["" if v is None else str(v).strip().lstrip("\ufeff") for v in values]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _dataset(headers: list[str], rows: list[list[Any]]) -> tablib.Dataset:
    """A Dataset that keeps blank rows, so row numbers stay the ones Excel shows."""
    width = len(headers)
    # Columns an editor formatted but left without a header and without data: ignore them.
    while headers and not headers[-1] and all(len(r) < width or _blank(r[width - 1]) for r in rows):
        headers.pop()
        width -= 1
    if not any(headers):
        raise SpreadsheetError("第 1 行没有表头：第一行应当是列名 (no header row)")
    for index, header in enumerate(headers, start=1):
        if not header:
            raise SpreadsheetError(f"第 {index} 列没有表头（第 1 行该格为空）(column without a header)")
    dataset = tablib.Dataset(headers=headers)
    for number, row in enumerate(rows, start=2):
        if len(row) > width:
            if any(not _blank(v) for v in row[width:]):
                raise SpreadsheetError(
                    f"第 {number} 行的单元格比表头多：请检查该行是否有多余的逗号或错位的列 "
                    f"(row {number} has more cells than the header)"
                )
            row = row[:width]
        elif len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        dataset.append(row)
    if not any(not _blank(v) for row in rows for v in row):
        raise SpreadsheetError("文件中只有表头，没有数据行：没有可导入的内容 (no data rows)")
    return dataset


def read_csv(data: bytes) -> tablib.Dataset:
    check_size(len(data))
    text, _ = decode_csv_bytes(data)
    # The csv module refuses a field over 131,072 characters by default; an article may be
    # longer, and no field can be longer than the file, which check_size has bounded. The
    # limit is the interpreter's (there is none per reader), and it only ever grows here.
    if csv.field_size_limit() < MAX_SPREADSHEET_BYTES:
        csv.field_size_limit(MAX_SPREADSHEET_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = [[restore_formula(cell) for cell in row] for row in reader]
    except csv.Error as exc:
        raise SpreadsheetError(
            f"CSV 格式错误，在文件第 {reader.line_num} 行附近：{exc} (malformed CSV)"
        ) from None
    if not rows:
        raise SpreadsheetError("文件是空的 (empty file)")
    header = _header(rows[0])
    if len(header) == 1 and any(sep in header[0] for sep in (";", "\t")):
        raise SpreadsheetError(
            "表头只有一列：文件似乎是用分号或制表符分隔的，请另存为“CSV UTF-8（逗号分隔）”"
            " (not comma-separated)"
        )
    return _dataset(header, rows[1:])


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        return restore_formula(xlsx_unescape_text(value))
    return value


def read_xlsx(data: bytes) -> tablib.Dataset:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_size(len(data))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            "这是旧版 Excel (.xls) 文件：请在 Excel 中另存为 .xlsx 后再导入 (old .xls file)"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise SpreadsheetError(
            "这不是有效的 Excel (.xlsx) 文件：如果是 CSV 文件，请选择 csv 格式 (not an xlsx file)"
        ) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise SpreadsheetError("Excel 文件解压后过大，拒绝读取 (xlsx unpacks too large)")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
        raise SpreadsheetError(
            f"这不是有效的 Excel (.xlsx) 文件（{type(exc).__name__}）(not a readable xlsx file)"
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise SpreadsheetError("Excel 文件中没有工作表 (no worksheet)")
        rows = [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise SpreadsheetError("第一个工作表是空的 (the first sheet is empty)")
    return _dataset(_header(rows[0]), rows[1:])


def read_spreadsheet(data: bytes, *, file_format: str) -> tablib.Dataset:
    """Parse an uploaded file into a Dataset, or raise SpreadsheetError saying why not."""
    if file_format == "csv":
        return read_csv(data)
    if file_format == "xlsx":
        return read_xlsx(data)
    raise SpreadsheetError(f"不支持的格式“{file_format}”：只能是 csv 或 xlsx (unsupported format)")


def guess_format(file_name: str) -> str | None:
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    return suffix if suffix in FORMATS else None
