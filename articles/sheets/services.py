"""The spreadsheet services the commands and the admin call: export a model's rows to a file,
import a file back (the whole file in one transaction, or nothing).

    csv_export / the admin's 导出   → export_spreadsheet → resource.export_table → files.writing
    csv_import / the admin's 导入   → import_spreadsheet → files.reading → resource.import_data
                                                          → saving (articles, in bulk)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction

from articles.sheets.errors import SpreadsheetError
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.files.writing import Written, write_spreadsheet
from articles.sheets.registry import resource_class_for
from articles.sheets.reports import ImportReport, RowProblem, report_from_result


@contextlib.contextmanager
def streamed_reads() -> Iterator[None]:
    """Where an export's rows are read from the database.

    On PostgreSQL a cursor opened outside a transaction is declared WITH HOLD, and the server
    copies the whole result before the first row is sent; inside a (read-only) transaction it
    streams. SQLite streams either way, and its transactions here take the write lock
    (IMMEDIATE), which an export must not hold for minutes.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            yield
    else:
        yield


def export_spreadsheet(
    *,
    model: str,
    file_format: str,
    stream: BinaryIO,
    queryset: Any = None,
    fields: Sequence[str] | None = None,
) -> Written:
    """Write every row of ``queryset`` (default: all) to ``stream``, streamed in chunks with
    a constant number of queries per chunk. Returns the row count and the cells an XLSX file
    could not carry whole (longer than Excel's cell limit), for the caller to name."""
    resource = resource_class_for(model)()
    with streamed_reads():
        headers, rows = resource.export_table(queryset, fields=fields)
        return write_spreadsheet(
            headers,
            rows,
            stream,
            file_format=file_format,
            sheet_name=resource._meta.model._meta.verbose_name_plural,
            column_widths=resource.column_widths(fields),
        )


def import_spreadsheet(
    *,
    model: str,
    data: bytes,
    file_format: str,
    dry_run: bool = False,
    create_missing: bool = False,
    user: AbstractBaseUser | None = None,
    username: str | None = None,
    file_name: str = "",
) -> ImportReport:
    """Import a whole file in one transaction: every row, or (on any error) nothing.

    Who imports decides what the file may do: ``user`` (the admin's) or ``username`` (the
    command's ``--user``). An editor's new words for a published article wait for a chief,
    and only a chief may publish. With neither, the import is an operator's, with every
    right (the revisions name no one).
    """
    report = ImportReport(dry_run=dry_run)
    if username is not None:
        try:
            user = importing_user(username=username, model=model)
        except SpreadsheetError as exc:
            report.problems.append(RowProblem(message=str(exc)))
            return report
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


def importing_user(*, username: str, model: str) -> AbstractBaseUser:
    """The active user called ``username``, who must be allowed to change the sheet's rows
    (the admin asks the same before it offers an import)."""
    users = get_user_model()._default_manager
    user = users.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    if user is None or not user.is_active:
        raise SpreadsheetError(f"没有名为“{username}”的有效用户（--user 写后台登录名）")
    opts = resource_class_for(model)._meta.model._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise SpreadsheetError(f"用户“{username}”没有修改{opts.verbose_name_plural}的权限，不能导入")
    return user
