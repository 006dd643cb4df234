"""What makes one cell safe in a file an editor opens in Excel, WPS or LibreOffice, and exactly
reversible when the file comes back:

* **Formula injection.** A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a CR gets an
  apostrophe in front on export (the library only strips a leading ``=``, losing data) and the
  apostrophe is taken off again on import, so the value comes back unchanged.
* **Control characters** left by the OCR are written in XLSX with the OOXML ``_xHHHH_`` escape,
  which Excel shows as the character and we read back.
* **Excel's cell limit** (32,767 characters): a longer text cannot be carried by an XLSX file
  Excel opens (it cuts or refuses it). Such a cell is exported cut, with a note saying how long
  the text is, and the import recognises the note and leaves the stored text as it is.
"""

from __future__ import annotations

import re

# --- Formula injection ---------------------------------------------------------------------

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


# --- Control characters in XLSX ------------------------------------------------------------

# Characters XML 1.0 cannot carry (openpyxl raises IllegalCharacterError on them), plus CR,
# which an XML parser would turn into LF. Excel writes them as _xHHHH_; so do we.
OOXML_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ooxml_escape_match(match: re.Match[str]) -> str:
    char = match.group()
    # A literal "_x0041_" in the text must not be read back as "A": escape its underscore.
    return "_x005F_" if char == "_" else f"_x{ord(char):04X}_"


def xlsx_escape_text(value: str) -> str:
    """Make text safe for an XLSX cell without losing anything (OOXML ``_xHHHH_`` escape)."""
    return OOXML_UNSAFE.sub(ooxml_escape_match, value)


def xlsx_unescape_text(value: str) -> str:
    """Read back what :func:`xlsx_escape_text` (or Excel itself) escaped."""
    if "_x" not in value:
        return value
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


# --- Excel's cell size limit ----------------------------------------------------------------

#: the most characters (UTF-16 code units) Excel keeps in one cell
EXCEL_CELL_LIMIT = 32_767
_CUT_NOTE = (
    "……【此格原文共 {length} 字，超出 Excel 单元格上限（{limit} 字），这里只导出了前 {kept} 字。"
    "导入时这一格保持数据库中的原文不变；要修改全文，请导出 CSV 或在后台编辑】"
)
_CUT_NOTE_AT_END = re.compile(
    r"……【此格原文共 (\d+) 字，超出 Excel 单元格上限（\d+ 字），这里只导出了前 (\d+) 字。"
    r"导入时这一格保持数据库中的原文不变；要修改全文，请导出 CSV 或在后台编辑】\Z"
)


def excel_length(text: str) -> int:
    """The length Excel counts: characters beyond the BMP take two UTF-16 units."""
    if len(text) * 2 <= EXCEL_CELL_LIMIT:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def fits_excel(text: str) -> bool:
    return len(text) * 2 <= EXCEL_CELL_LIMIT or excel_length(text) <= EXCEL_CELL_LIMIT


def cut_for_excel(text: str) -> str:
    """``text`` cut to what one Excel cell holds, ending with a note :func:`read_cut_cell`
    recognises. One character is left for the apostrophe :func:`neutralise_formula` may add."""
    widest_note = _CUT_NOTE.format(length=len(text), limit=EXCEL_CELL_LIMIT, kept=EXCEL_CELL_LIMIT)
    budget = EXCEL_CELL_LIMIT - 1 - len(widest_note)
    kept = text[:budget]
    while (over := excel_length(kept) - budget) > 0:
        kept = kept[: len(kept) - over]
    return kept + _CUT_NOTE.format(length=len(text), limit=EXCEL_CELL_LIMIT, kept=len(kept))


def read_cut_cell(value: str) -> tuple[str, int] | None:
    """(the beginning kept, the whole text's length) of a cell ending with the note
    :func:`cut_for_excel` writes; None for any other cell."""
    if len(value) < 100 or not value.endswith("】"):
        return None
    match = _CUT_NOTE_AT_END.search(value)
    if match is None:
        return None
    # Whether the kept text was edited is for the caller to judge, against the stored text.
    return value[: match.start()], int(match.group(1))
