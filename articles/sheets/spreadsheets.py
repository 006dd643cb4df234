"""Spreadsheets (CSV / Excel) in and out of the archive.

Editors export articles, people, photos, issues and tags, correct them in Excel or WPS and
import them back. django-import-export does the row bookkeeping (preview, diff, counts); this
module makes it right where it is weak:

* **Files.** CSV is written with a UTF-8 BOM (Excel otherwise reads the Chinese as mojibake)
  and read as UTF-8 with or without BOM or as GB18030 (what Excel on a Chinese Windows saves).
  XLSX is written by a small streaming writer (openpyxl needs about a minute for 100,000
  articles) and read with openpyxl. Control characters left by the OCR are written with the
  OOXML ``_xHHHH_`` escape, which Excel shows as the character and we read back, so they
  never break a workbook and never change on a round trip. Blank lines keep their number, so
  "row 12" in an error is row 12 in Excel.
* **Formula injection.** A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a CR gets an
  apostrophe in front on export (the library only strips a leading ``=``, losing data) and
  the apostrophe is taken off again on import, so the value comes back unchanged.
* **Clear refusals.** Oversized, empty, binary, misnamed or wrongly encoded files are refused
  with one sentence naming the problem, before any row is looked at.
* **The bulk article path** (:func:`save_imported_articles`): one transaction, a handful of
  queries per thousand rows, people with their roles and titles, tags, a version bump and an
  ``ArticleRevision`` for every changed article (the library's ``use_bulk`` would drop all
  three).

The resources themselves (column names, natural keys, validation) are in
``articles/resources.py`` and ``people/resources.py``; the admin mixins in
``articles/spreadsheets_admin.py``.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

import tablib
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.utils import timezone
from import_export.formats import base_formats

from articles.models import Article, ArticlePerson, ArticleRevision, Tag
from articles.revisions import article_snapshot, build_revision
from people.models import Person

if TYPE_CHECKING:
    from import_export.resources import ModelResource
    from import_export.results import Result

# A spreadsheet of 10,000 corrected articles is about 15 MB; anything this large is a mistake
# (a whole-archive export, a video renamed .csv) and would tie up the server.
MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024
# An .xlsx is a zip: refuse one that unpacks to more than this (a "zip bomb").
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024

FORMATS = ("csv", "xlsx")

# The models editors can move through a spreadsheet, by the name the commands take.
MODEL_NAMES = ("articles", "people", "photos", "issues", "tags")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message says why, for the editor."""


# --- Cell safety -------------------------------------------------------------------------

# What makes Excel, WPS or LibreOffice treat a cell as a formula (or DDE command).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE_MARK = "'"
_ESCAPED_STARTS = (*FORMULA_TRIGGERS, ESCAPE_MARK)


def neutralise_formula(value: str) -> str:
    """Put an apostrophe before a cell Excel would run as a formula.

    A value that already starts with an apostrophe gets one too, so that
    :func:`restore_formula` can always undo exactly what was done here.
    """
    if value and value.startswith(_ESCAPED_STARTS):
        return ESCAPE_MARK + value
    return value


def restore_formula(value: str) -> str:
    """Undo :func:`neutralise_formula`; a cell an editor typed by hand is left alone."""
    if len(value) > 1 and value[0] == ESCAPE_MARK and value[1] in _ESCAPED_STARTS:
        return value[1:]
    return value


# Characters XML 1.0 cannot carry (openpyxl raises IllegalCharacterError on them), plus CR,
# which an XML parser would turn into LF. Excel writes them as _xHHHH_; so do we.
_OOXML_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml_escape_match(match: re.Match[str]) -> str:
    char = match.group()
    # A literal "_x0041_" in the text must not be read back as "A": escape its underscore.
    return "_x005F_" if char == "_" else f"_x{ord(char):04X}_"


def xlsx_escape_text(value: str) -> str:
    """Make text safe for an XLSX cell without losing anything (OOXML ``_xHHHH_`` escape)."""
    return _OOXML_UNSAFE.sub(_ooxml_escape_match, value)


def xlsx_unescape_text(value: str) -> str:
    """Read back what :func:`xlsx_escape_text` (or Excel itself) escaped."""
    if "_x" not in value:
        return value
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


# --- Reading -----------------------------------------------------------------------------


def check_size(size: int) -> None:
    if size > MAX_SPREADSHEET_BYTES:
        raise SpreadsheetError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_SPREADSHEET_BYTES // 1024 // 1024} MB）："
            "请分批导出、导入，例如按日期筛选后再导出 (file too large)"
        )


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
        # OCR text may carry a stray control character; a file made of them is not text.
        controls = sum(1 for char in text if char < " " and char not in "\t\n\r")
        if controls > len(text) // 20:
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


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_csv(data: bytes) -> tablib.Dataset:
    check_size(len(data))
    text, _ = decode_csv_bytes(data)
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


# --- Writing -----------------------------------------------------------------------------

Cell = str | int | None


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]], stream: BinaryIO) -> int:
    """CSV with a UTF-8 BOM (so Excel reads Chinese), formulas neutralised. Returns rows."""
    stream.write(b"\xef\xbb\xbf")
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=False)
    try:
        writer = csv.writer(text)
        writer.writerow(headers)
        count = 0
        escape = neutralise_formula
        for row in rows:
            writer.writerow([escape(c) if c.__class__ is str else c for c in row])
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


_XLSX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_XLSX_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
# Two cell styles: 0 normal, 1 bold (the header row).
_XLSX_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _column_letters(count: int) -> list[str]:
    letters = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def _xml_text(value: str) -> str:
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def write_xlsx(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    stream: BinaryIO,
    *,
    sheet_name: str = "Sheet1",
    column_widths: Sequence[int] | None = None,
) -> int:
    """A one-sheet XLSX, streamed row by row (constant memory). Returns the number of rows.

    Text goes in as inline strings, so nothing is ever a formula; numbers as numbers. The
    header row is bold and frozen.
    """
    letters = _column_letters(len(headers))
    escape = neutralise_formula
    unsafe = _OOXML_UNSAFE.search
    count = 0
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as archive:
        archive.writestr("[Content_Types].xml", _XLSX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", _XLSX_ROOT_RELS)
        archive.writestr("xl/_rels/workbook.xml.rels", _XLSX_WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _XLSX_STYLES)
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{_xml_text(sheet_name)[:31]}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="15"/>'
            ]
            if column_widths:
                head.append("<cols>")
                head.extend(
                    f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                    for i, w in enumerate(column_widths, start=1)
                )
                head.append("</cols>")
            head.append('<sheetData><row r="1">')
            head.extend(
                f'<c r="{letter}1" s="1" t="inlineStr"><is><t>{_xml_text(xlsx_escape_text(h))}</t></is></c>'
                for letter, h in zip(letters, headers, strict=True)
            )
            head.append("</row>")
            sheet.write("".join(head).encode("utf-8"))
            buffer: list[str] = []
            number = 1
            for row in rows:
                number += 1
                r = str(number)
                buffer.append(f'<row r="{r}">')
                for letter, value in zip(letters, row, strict=True):
                    if value is None or value == "":
                        continue
                    if value.__class__ is str:
                        value = escape(value)
                        if unsafe(value):
                            value = _OOXML_UNSAFE.sub(_ooxml_escape_match, value)
                        buffer.append(
                            f'<c r="{letter}{r}" t="inlineStr"><is><t xml:space="preserve">'
                            f"{_xml_text(value)}</t></is></c>"
                        )
                    else:
                        buffer.append(f'<c r="{letter}{r}"><v>{int(value)}</v></c>')
                buffer.append("</row>")
                count += 1
                if len(buffer) > 20_000:
                    sheet.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            buffer.append("</sheetData></worksheet>")
            sheet.write("".join(buffer).encode("utf-8"))
    return count


def write_spreadsheet(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    stream: BinaryIO,
    *,
    file_format: str,
    sheet_name: str = "Sheet1",
    column_widths: Sequence[int] | None = None,
) -> int:
    if file_format == "csv":
        return write_csv(headers, rows, stream)
    if file_format == "xlsx":
        return write_xlsx(
            headers, rows, stream, sheet_name=sheet_name, column_widths=column_widths
        )
    raise SpreadsheetError(f"不支持的格式“{file_format}”：只能是 csv 或 xlsx (unsupported format)")


# --- django-import-export formats (admin) --------------------------------------------------


class ExcelCSV(base_formats.CSV):
    """CSV the way Excel needs it: BOM on export; BOM, no BOM or GB18030 on import.

    Declared binary so the admin hands us the raw bytes (the library would decode them as
    UTF-8 itself and fail on GB18030).
    """

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: bytes | str, **kwargs: Any) -> tablib.Dataset:
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_csv(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        out = io.BytesIO()
        write_csv(dataset.headers or [], dataset, out)
        return out.getvalue()


class ExcelXLSX(base_formats.XLSX):
    """XLSX through our streaming writer and our reader (control characters, formulas)."""

    def create_dataset(self, in_stream: bytes, **kwargs: Any) -> tablib.Dataset:
        return read_xlsx(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        out = io.BytesIO()
        write_xlsx(dataset.headers or [], dataset, out)
        return out.getvalue()


SPREADSHEET_FORMATS = [ExcelCSV, ExcelXLSX]


def format_name(file_format: base_formats.Format) -> str:
    return "xlsx" if isinstance(file_format, base_formats.XLSX) else "csv"


# --- Which resource for which model -------------------------------------------------------


def resource_class_for(model: str) -> type[ModelResource]:
    """The resource behind ``csv_export MODEL`` / ``csv_import MODEL``."""
    from articles.sheets.people import PersonResource
    from articles.sheets.resources import ArticleResource, IssueResource, PhotoResource, TagResource

    classes: dict[str, type[ModelResource]] = {
        "articles": ArticleResource,
        "people": PersonResource,
        "photos": PhotoResource,
        "issues": IssueResource,
        "tags": TagResource,
    }
    try:
        return classes[model]
    except KeyError:
        raise SpreadsheetError(
            f"未知的数据类型“{model}”：只能是 {'、'.join(MODEL_NAMES)} (unknown model)"
        ) from None


# --- Export and import services -----------------------------------------------------------


def export_spreadsheet(
    *,
    model: str,
    file_format: str,
    stream: BinaryIO,
    queryset: Any = None,
    fields: Sequence[str] | None = None,
) -> int:
    """Write every row of ``queryset`` (default: all) to ``stream``. Returns the row count.

    A constant number of queries whatever the number of rows (the resource fetches related
    people and tags in one query each).
    """
    resource = resource_class_for(model)()
    headers, rows = resource.export_table(queryset, fields=fields)
    return write_spreadsheet(
        headers,
        rows,
        stream,
        file_format=file_format,
        sheet_name=resource._meta.model._meta.verbose_name_plural,
        column_widths=resource.column_widths(fields),
    )


@dataclass(slots=True)
class RowProblem:
    """One thing wrong with the file; ``row`` is the row number Excel shows (header = 1)."""

    message: str
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"“{self.column}”列")
        return f"{' '.join(where)}：{self.message}" if where else self.message


@dataclass(slots=True)
class ImportReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed_rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def sheet_row(number: int | None) -> int | None:
    """The library counts data rows from 1; Excel shows the header as row 1."""
    return None if number is None else number + 1


def problems_from_result(result: Result) -> list[RowProblem]:
    """Every error of an import, each with its Excel row number and column, in row order."""
    from django.core.exceptions import NON_FIELD_ERRORS

    problems: list[RowProblem] = []
    for error in result.base_errors:
        problems.append(RowProblem(message=_error_text(error.error)))
    rows: list[tuple[int, RowProblem]] = []
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            for message in messages:
                rows.append(
                    (
                        invalid.number,
                        RowProblem(
                            message=str(message),
                            row=sheet_row(invalid.number),
                            column="" if column == NON_FIELD_ERRORS else column,
                        ),
                    )
                )
    for error_row in result.error_rows:
        for error in error_row.errors:
            rows.append(
                (
                    error_row.number,
                    RowProblem(message=_error_text(error.error), row=sheet_row(error_row.number)),
                )
            )
    rows.sort(key=lambda item: item[0])
    problems.extend(problem for _, problem in rows)
    return problems


def _error_text(error: BaseException) -> str:
    if isinstance(error, SpreadsheetError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def import_spreadsheet(
    *,
    model: str,
    data: bytes,
    file_format: str,
    dry_run: bool = False,
    create_missing: bool = False,
    user: AbstractBaseUser | None = None,
    file_name: str = "",
) -> ImportReport:
    """Import a whole file in one transaction: every row, or (on any error) nothing."""
    report = ImportReport(dry_run=dry_run)
    try:
        dataset = read_spreadsheet(data, file_format=file_format)
    except SpreadsheetError as exc:
        report.problems.append(RowProblem(message=str(exc)))
        return report
    # No HTML diff: nobody sees it here, and it costs a third of a second per 1,000 rows.
    resource = resource_class_for(model)(create_missing=create_missing, user=user, html_diff=False)
    result = resource.import_data(
        dataset, dry_run=dry_run, raise_errors=False, file_name=file_name, user=user
    )
    return report_from_result(result, resource, dry_run=dry_run)


def report_from_result(result: Result, resource: Any, *, dry_run: bool) -> ImportReport:
    from import_export.results import RowResult

    problems = problems_from_result(result)
    return ImportReport(
        new=result.totals[RowResult.IMPORT_TYPE_NEW],
        updated=result.totals[RowResult.IMPORT_TYPE_UPDATE],
        unchanged=result.totals[RowResult.IMPORT_TYPE_SKIP],
        failed_rows=result.totals[RowResult.IMPORT_TYPE_INVALID]
        + result.totals[RowResult.IMPORT_TYPE_ERROR],
        problems=problems,
        notes=list(getattr(resource, "notes", [])),
        dry_run=dry_run,
    )


# --- The bulk article write path ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Credit:
    """A person in one role of an article, as a spreadsheet cell names them."""

    name: str
    title: str = ""
    person_id: int | None = None  # None: a new person, created on import

    def __deepcopy__(self, memo: dict) -> Credit:
        return self  # immutable; the library deep-copies every row's object for its diff


@dataclass(frozen=True, slots=True)
class TagRef:
    name: str
    tag_id: int | None = None  # None: a new tag, created on import

    def __deepcopy__(self, memo: dict) -> TagRef:
        return self


@dataclass(slots=True)
class ArticleChange:
    """One new or changed article from a spreadsheet, ready to be written."""

    row: int  # the library's row number
    article: Article
    is_new: bool
    expected_version: int | None
    fields: set[str]  # model attnames to write
    credits: dict[str, tuple[Credit, ...]]  # every role, as it should be after the import
    tags: tuple[TagRef, ...]
    credits_changed: bool
    tags_changed: bool


class VersionConflict(Exception):
    """Articles were edited by someone else between reading and writing them."""

    def __init__(self, rows: dict[int, tuple[int, int]]) -> None:
        super().__init__(f"{len(rows)} articles changed meanwhile")
        self.rows = rows  # row number → (expected version, version now)


_POSITION_PARKING = 1_000_000_000  # above any real position; see _park_moved_positions


def save_imported_articles(
    *,
    changes: Sequence[ArticleChange],
    user: AbstractBaseUser | None,
    comment: str = "表格导入",
    batch: str | None = None,
    chunk_size: int = 1000,
) -> str:
    """Write new and changed articles in bulk, with people, tags and a revision for each.

    Must run inside a transaction. Raises VersionConflict (nothing written by the caller's
    transaction then) when an article was saved by someone else since it was read. Returns
    the revision batch id (to undo the whole import at once).
    """
    batch = batch or f"sheet-{uuid.uuid4().hex[:12]}"
    now = timezone.now()
    _create_missing_people_and_tags(changes)

    updates = [c for c in changes if not c.is_new]
    conflicts: dict[int, tuple[int, int]] = {}
    for start in range(0, len(updates), chunk_size):
        chunk = updates[start : start + chunk_size]
        current = dict(
            Article.objects.select_for_update()
            .filter(pk__in=[c.article.pk for c in chunk])
            .values_list("pk", "version")
        )
        for change in chunk:
            version_now = current.get(change.article.pk)
            if version_now != change.expected_version:
                conflicts[change.row] = (change.expected_version or 0, version_now or 0)
    if conflicts:
        raise VersionConflict(conflicts)

    new_articles = [c.article for c in changes if c.is_new]
    for article in new_articles:
        article.version = 1
        article.created_at = article.updated_at = now
    Article.objects.bulk_create(new_articles, batch_size=chunk_size)

    if updates:
        _park_moved_positions(updates, chunk_size=chunk_size)
        for change in updates:
            change.article.version = (change.expected_version or 0) + 1
            change.article.updated_at = now
        _update_changed_columns(updates)

    _replace_credits(changes, chunk_size=chunk_size)
    _replace_tags(changes, chunk_size=chunk_size)

    revisions = []
    for change in changes:
        credits = _credit_rows(change)
        for credit_row, credit in zip(credits, _all_credits(change), strict=True):
            credit_row.person = Person(pk=credit_row.person_id, name=credit.name)
        revisions.append(
            build_revision(
                change.article,
                user=user,
                comment=comment,
                batch=batch,
                snapshot=article_snapshot(
                    change.article,
                    credits=credits,
                    tag_names=[t.name for t in change.tags],
                ),
            )
        )
    ArticleRevision.objects.bulk_create(revisions, batch_size=chunk_size)
    return batch


def _update_changed_columns(updates: Sequence[ArticleChange]) -> None:
    """One ``UPDATE … WHERE id = %s`` per article, sent with executemany and grouped by the
    columns that changed, so each row writes only its own changes.

    Django's ``bulk_update`` builds a ``CASE WHEN id = … THEN …`` per column and row: for
    10,000 rows that is most of an import's time, and it rewrites every column any row
    changed in every row.
    """
    groups: dict[tuple[str, ...], list[Article]] = {}
    for change in updates:
        columns = tuple(sorted(change.fields | {"version", "updated_at"}))
        groups.setdefault(columns, []).append(change.article)
    table = connection.ops.quote_name(Article._meta.db_table)
    pk = connection.ops.quote_name(Article._meta.pk.column)
    with connection.cursor() as cursor:
        for columns, articles in groups.items():
            fields = [Article._meta.get_field(name) for name in columns]
            assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608 (names from the model)
                [
                    [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields] + [a.pk]
                    for a in articles
                ],
            )


def _create_missing_people_and_tags(changes: Sequence[ArticleChange]) -> None:
    """People and tags the editor allowed to be created: in bulk, then ids filled in."""
    new_names = {
        credit.name
        for change in changes
        for role_credits in change.credits.values()
        for credit in role_credits
        if credit.person_id is None
    }
    new_tags = {t.name for change in changes for t in change.tags if t.tag_id is None}
    person_ids = create_people(new_names)
    tag_ids = create_tags(new_tags)
    if not person_ids and not tag_ids:
        return
    for change in changes:
        change.credits = {
            role: tuple(
                c if c.person_id is not None else Credit(c.name, c.title, person_ids[c.name])
                for c in role_credits
            )
            for role, role_credits in change.credits.items()
        }
        change.tags = tuple(
            t if t.tag_id is not None else TagRef(t.name, tag_ids[t.name]) for t in change.tags
        )


def create_people(names: Iterable[str]) -> dict[str, int]:
    """Create people by name (an existing name is reused); returns name → id."""
    names = sorted(set(names))
    if not names:
        return {}
    Person.objects.bulk_create([Person(name=n) for n in names], ignore_conflicts=True)
    ids: dict[str, int] = {}
    for start in range(0, len(names), 1000):
        ids.update(
            Person.objects.filter(name__in=names[start : start + 1000]).values_list("name", "pk")
        )
    return ids


def create_tags(names: Iterable[str]) -> dict[str, int]:
    """Create tags by name with a unique Chinese slug; returns name → id."""
    from django.utils.text import slugify

    names = sorted(set(names))
    if not names:
        return {}
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    wanted = [n for n in names if n not in existing]
    slugs = {slugify(n, allow_unicode=True) or "tag" for n in wanted}
    taken = set(Tag.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    tags = []
    for name in wanted:
        base = slugify(name, allow_unicode=True) or "tag"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        tags.append(Tag(name=name, slug=slug[:80]))
    Tag.objects.bulk_create(tags)
    existing.update(Tag.objects.filter(name__in=wanted).values_list("name", "pk"))
    return existing


def _park_moved_positions(updates: Sequence[ArticleChange], *, chunk_size: int) -> None:
    """Articles swapping places in an issue would trip the unique (issue, position) check
    half-way through one UPDATE; park the moved ones on free positions first."""
    moved = [c.article for c in updates if {"position", "issue_id"} & c.fields]
    if not moved:
        return
    parked = [
        Article(pk=a.pk, position=_POSITION_PARKING + a.pk) for a in moved  # unique per article
    ]
    Article.objects.bulk_update(parked, ["position"], batch_size=chunk_size)


def _all_credits(change: ArticleChange) -> list[Credit]:
    return [c for role in _ROLE_ORDER for c in change.credits.get(role, ())]


_ROLE_ORDER = tuple(ArticlePerson.Role.values)


def _credit_rows(change: ArticleChange) -> list[ArticlePerson]:
    return [
        ArticlePerson(
            article_id=change.article.pk,
            person_id=credit.person_id,
            role=role,
            title=credit.title,
            position=position,
        )
        for role in _ROLE_ORDER
        for position, credit in enumerate(change.credits.get(role, ()))
    ]


def _replace_credits(changes: Sequence[ArticleChange], *, chunk_size: int) -> None:
    changed = [c for c in changes if c.credits_changed]
    for start in range(0, len(changed), chunk_size):
        chunk = changed[start : start + chunk_size]
        ArticlePerson.objects.filter(
            article_id__in=[c.article.pk for c in chunk if not c.is_new]
        ).delete()
        ArticlePerson.objects.bulk_create(
            [row for c in chunk for row in _credit_rows(c)], batch_size=chunk_size
        )


def _replace_tags(changes: Sequence[ArticleChange], *, chunk_size: int) -> None:
    through = Article.tags.through
    changed = [c for c in changes if c.tags_changed]
    for start in range(0, len(changed), chunk_size):
        chunk = changed[start : start + chunk_size]
        through.objects.filter(article_id__in=[c.article.pk for c in chunk if not c.is_new]).delete()
        through.objects.bulk_create(
            [through(article_id=c.article.pk, tag_id=t.tag_id) for c in chunk for t in c.tags],
            batch_size=chunk_size,
        )

