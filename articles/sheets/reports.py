"""What an import reports: every problem with the row number Excel shows and its column, and
the counts of new, changed and unchanged rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from import_export.results import Result, RowResult

from articles.sheets.errors import SpreadsheetError, sheet_row


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
    #: changed rows whose new words wait for a chief (readers keep the approved ones)
    waiting_for_chief: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def problems_from_result(result: Result) -> list[RowProblem]:
    """Every error of an import, each with its Excel row number and column, in row order."""
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


def report_from_result(result: Result, resource: Any, *, dry_run: bool) -> ImportReport:
    problems = problems_from_result(result)
    return ImportReport(
        new=result.totals[RowResult.IMPORT_TYPE_NEW],
        updated=result.totals[RowResult.IMPORT_TYPE_UPDATE],
        unchanged=result.totals[RowResult.IMPORT_TYPE_SKIP],
        failed_rows=result.totals[RowResult.IMPORT_TYPE_INVALID]
        + result.totals[RowResult.IMPORT_TYPE_ERROR],
        waiting_for_chief=0 if problems else getattr(result, "waiting_for_chief", 0),
        problems=problems,
        notes=list(getattr(resource, "notes", [])),
        dry_run=dry_run,
    )
