"""What every step of a spreadsheet import or export may raise, and how rows are numbered."""

from __future__ import annotations


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message says why, for the editor."""


def sheet_row(number: int | None) -> int | None:
    """The library counts data rows from 1; Excel shows the header as row 1."""
    return None if number is None else number + 1
