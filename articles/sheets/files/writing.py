"""Writing rows to CSV or XLSX, streamed: the whole archive never sits in memory.

CSV is written with a UTF-8 BOM (Excel otherwise reads the Chinese as mojibake). XLSX is
written by a small streaming writer (openpyxl needs about a minute for 100,000 articles):
inline strings, so nothing is ever a formula; numbers as numbers; the header row bold and
frozen. Every text cell goes through :mod:`articles.sheets.files.cells` (formula
neutralisation, control characters, Excel's cell size limit).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from articles.sheets.errors import SpreadsheetError
from articles.sheets.files.cells import (
    EXCEL_CELL_LIMIT,
    OOXML_UNSAFE,
    cut_for_excel,
    fits_excel,
    neutralise_formula,
    ooxml_escape_match,
    xlsx_escape_text,
)

Cell = str | int | None


@dataclass(frozen=True, slots=True)
class CutCell:
    """A cell too long for Excel, exported cut (see ``cells.cut_for_excel``)."""

    row: int  # the row number Excel shows (header = 1)
    column: str  # its header
    key: Any  # the row's first cell (编号, or the 源文件), to find the record by
    key_column: str
    length: int  # the whole text's length, in characters

    def __str__(self) -> str:
        key = f"（{self.key_column} {self.key}）" if self.key not in (None, "") else ""
        return (
            f"第 {self.row} 行{key}“{self.column}”列：原文 {self.length:,} 字，"
            f"超出 Excel 单元格上限 {EXCEL_CELL_LIMIT:,} 字，只导出了开头（导入时这一格保持不变）"
        )


@dataclass(slots=True)
class Written:
    """What a writer wrote: the number of data rows, and the cells it could not carry whole."""

    rows: int = 0
    cut_cells: list[CutCell] = field(default_factory=list)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]], stream: BinaryIO) -> Written:
    """CSV with a UTF-8 BOM (so Excel reads Chinese), formulas neutralised. Every value is
    carried whole (the csv module quotes line breaks; a re-import reads any length)."""
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
    return Written(rows=count)


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


def _xml_attribute(value: str) -> str:
    return _xml_text(xlsx_escape_text(value)).replace('"', "&quot;")


def _head(headers: Sequence[str], letters: Sequence[str], sheet_widths: Sequence[int] | None) -> str:
    head = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
    ]
    if sheet_widths:
        head.append("<cols>")
        head.extend(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(sheet_widths, start=1)
        )
        head.append("</cols>")
    head.append('<sheetData><row r="1">')
    head.extend(
        f'<c r="{letter}1" s="1" t="inlineStr"><is><t>{_xml_text(xlsx_escape_text(h))}</t></is></c>'
        for letter, h in zip(letters, headers, strict=True)
    )
    head.append("</row>")
    return "".join(head)


def _key(first_cell: Cell) -> Cell:
    """The row's first cell names the record (编号, 源文件) unless only other columns were
    chosen: a long text is no key."""
    return first_cell if not isinstance(first_cell, str) or len(first_cell) <= 100 else None


def write_xlsx(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    stream: BinaryIO,
    *,
    sheet_name: str = "Sheet1",
    column_widths: Sequence[int] | None = None,
) -> Written:
    """A one-sheet XLSX, streamed row by row (constant memory).

    A text longer than Excel's cell limit is written cut, with a note in the cell; the cells
    cut are listed in what is returned, so the caller can tell the editor which ones.
    """
    letters = _column_letters(len(headers))
    escape = neutralise_formula
    unsafe = OOXML_UNSAFE.search
    written = Written()
    # A cell of up to half the limit fits whatever its characters: the cheap test first.
    short = EXCEL_CELL_LIMIT // 2
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
            f'<sheets><sheet name="{_xml_attribute(sheet_name[:31])}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_head(headers, letters, column_widths).encode("utf-8"))
            buffer: list[str] = []
            number = 1
            for row in rows:
                number += 1
                r = str(number)
                buffer.append(f'<row r="{r}">')
                for index, (letter, value) in enumerate(zip(letters, row, strict=True)):
                    if value is None or value == "":
                        continue
                    if value.__class__ is str:
                        if len(value) > short and not fits_excel(escape(value)):
                            written.cut_cells.append(
                                CutCell(number, headers[index], _key(row[0]), headers[0], len(value))
                            )
                            value = cut_for_excel(value)
                        value = escape(value)
                        if unsafe(value):
                            value = OOXML_UNSAFE.sub(ooxml_escape_match, value)
                        buffer.append(
                            f'<c r="{letter}{r}" t="inlineStr"><is><t xml:space="preserve">'
                            f"{_xml_text(value)}</t></is></c>"
                        )
                    else:
                        buffer.append(f'<c r="{letter}{r}"><v>{int(value)}</v></c>')
                buffer.append("</row>")
                written.rows += 1
                if len(buffer) > 20_000:
                    sheet.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            buffer.append("</sheetData></worksheet>")
            sheet.write("".join(buffer).encode("utf-8"))
    return written


def write_spreadsheet(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    stream: BinaryIO,
    *,
    file_format: str,
    sheet_name: str = "Sheet1",
    column_widths: Sequence[int] | None = None,
) -> Written:
    if file_format == "csv":
        return write_csv(headers, rows, stream)
    if file_format == "xlsx":
        return write_xlsx(
            headers, rows, stream, sheet_name=sheet_name, column_widths=column_widths
        )
    raise SpreadsheetError(f"不支持的格式“{file_format}”：只能是 csv 或 xlsx (unsupported format)")
