"""The base of every spreadsheet resource: readable headers, strict columns, errors by row
and column, no per-row queries.

The import is strict where django-import-export is lenient: unknown columns, ids that do not
exist, a stale version and a bad row anywhere all stop the whole file; and fast where it is
slow: the rows' objects and every name in the file are loaded up front in a few queries.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from import_export import fields as ie_fields
from import_export import resources
from import_export.resources import Diff
from import_export.results import Error, Result, RowResult

from articles.sheets.base.diff import SheetDiff
from articles.sheets.base.fields import CURRENT, PENDING
from articles.sheets.base.names import cell_text, names_in, parse_people_cell
from articles.sheets.base.widgets import (
    CHUNK,
    CreditsWidget,
    IntegerWidget,
    PeopleDirectory,
    TagDirectory,
    TagsWidget,
)
from articles.sheets.errors import SpreadsheetError, sheet_row
from articles.sheets.files.cells import read_cut_cell
from articles.sheets.refs import Credit, TagRef

#: changed rows the admin's preview lists (each with its changed columns); the rest are counted
PREVIEW_ROWS = 500
NUL_MESSAGE = "含有空字符（NUL），数据库不能保存：请删除这个字符"
CUT_CELL_CHANGED = (
    "这一格是导出时因超出 Excel 单元格上限而截短的，截短的文字或末尾的说明被改过，无法知道全文应当是什么："
    "请改回导出时的样子，要修改全文请导出 CSV 或在后台编辑"
)


# --- The base resource ----------------------------------------------------------------------


class SpreadsheetResource(resources.ModelResource):
    """Readable headers, strict columns, errors by row and column, no per-row queries."""

    #: the sheet's Excel tab name and the name editors know the rows by
    sheet_label: ClassVar[str] = ""
    #: related values loaded with each row (attribute → loader); see ``related_values``
    related_attributes: ClassVar[tuple[str, ...]] = ()
    #: the permission needed to add a row from a file (else a row error)
    add_permission: ClassVar[str] = ""

    def __init__(
        self,
        *,
        create_missing: bool = False,
        user: Any = None,
        html_diff: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        self.create_missing = create_missing
        self.user = user
        self.html_diff = html_diff
        self.loaded: dict[Any, Model] = {}
        self.notes: list[str] = []
        self.row_results: dict[int, tuple[dict, RowResult]] = {}
        self._import_fields: list[ie_fields.Field] | None = None
        self.rows_by_key: dict[Any, int] = {}  # an existing row's key → its row number

    @classmethod
    def get_diff_class(cls) -> type[Diff]:
        return SheetDiff

    def get_import_fields(self) -> list[ie_fields.Field]:
        # Asked several times per row; the columns do not change during an import.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    # --- export ---

    def export_queryset(self, queryset: QuerySet | None) -> QuerySet:
        """What to export, stripped of the admin's annotations, ordered and with the joins
        the columns need. The admin passes its filtered changelist queryset."""
        base = self._meta.model._default_manager.all()
        if queryset is not None:
            base = base.filter(pk__in=queryset.values("pk"))
        return self.with_related_columns(base).order_by(*self._meta.model._meta.ordering, "pk")

    def with_related_columns(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def selected_fields(self, fields: Sequence[str] | None = None) -> list[ie_fields.Field]:
        return self.get_export_fields(list(fields) if fields else None)

    def export_table(
        self, queryset: QuerySet | None = None, *, fields: Sequence[str] | None = None
    ) -> tuple[list[str], Iterator[list[Any]]]:
        """Headers and a lazy iterator of rows. The related values are fetched for each
        chunk of rows, one query per related kind: memory stays flat however many rows."""
        export_fields = self.selected_fields(fields)
        queryset = self.export_queryset(queryset)

        def rows() -> Iterator[list[Any]]:
            chunk: list[Model] = []
            for obj in queryset.iterator(chunk_size=CHUNK):
                chunk.append(obj)
                if len(chunk) == CHUNK:
                    yield from self._export_rows(chunk, export_fields)
                    chunk = []
            if chunk:
                yield from self._export_rows(chunk, export_fields)

        return [f.column_name for f in export_fields], rows()

    def _export_rows(self, objects: list[Model], export_fields: list[ie_fields.Field]) -> Iterator[list[Any]]:
        related = self.related_values([obj.pk for obj in objects])
        for obj in objects:
            obj.__dict__[CURRENT] = {attr: values.get(obj.pk, ()) for attr, values in related.items()}
            yield [f.export(obj) for f in export_fields]

    def export(self, queryset: QuerySet | None = None, **kwargs: Any) -> tablib.Dataset:
        """The library's API (a Dataset), built on :meth:`export_table`."""
        headers, rows = self.export_table(queryset, fields=kwargs.get("export_fields"))
        dataset = tablib.Dataset(headers=headers)
        for row in rows:
            dataset.append(row)
        return dataset

    def column_widths(self, fields: Sequence[str] | None = None) -> list[int]:
        return [getattr(f, "width", 12) for f in self.selected_fields(fields)]

    def related_values(self, pks: Any) -> dict[str, dict[int, Any]]:
        """attribute → {pk: value} for the related columns, one query each."""
        return {}

    # --- import: the file as a whole ---

    def accepted_headers(self) -> dict[str, str]:
        accepted: dict[str, str] = {}
        for name, f in self.fields.items():
            for header in (f.column_name, name, *getattr(f, "aliases", ())):
                accepted[header] = f.column_name
                accepted[header.lower()] = f.column_name
        return accepted

    def required_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def normalise_headers(self, dataset: tablib.Dataset) -> None:
        accepted = self.accepted_headers()
        headers, unknown, seen = [], [], set()
        for header in dataset.headers or []:
            column = accepted.get(header) or accepted.get(header.lower())
            if column is None:
                unknown.append(header)
                continue
            if column in seen:
                raise SpreadsheetError(f"“{column}”列出现了两次 (duplicate column)")
            seen.add(column)
            headers.append(column)
        columns = "、".join(f.column_name for f in self.get_export_fields())
        if unknown:
            raise SpreadsheetError(
                f"不认识的列：{'、'.join(f'“{h}”' for h in unknown)}。"
                f"{self.sheet_label}表可用的列：{columns} (unknown columns)"
            )
        missing = [c for c in self.required_columns() if c not in seen]
        if missing:
            raise SpreadsheetError(
                f"缺少必需的列：{'、'.join(f'“{c}”' for c in missing)}。"
                f"请用导出的文件修改后再导入；新建的行把编号留空即可 (missing columns)"
            )
        dataset.headers = headers

    def import_data(self, dataset: tablib.Dataset, dry_run: bool = False, raise_errors: bool = False,
                    use_transactions: bool | None = None, collect_failed_rows: bool = False,
                    rollback_on_validation_errors: bool = False, **kwargs: Any) -> Result:
        # One bad row means nothing is written: the library would keep the good rows.
        result = super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=use_transactions,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        if self.html_diff:
            changed = [
                r for r in result.rows
                if r.import_type in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
            ]
            result.preview_rows = changed[:PREVIEW_ROWS]
            result.preview_rows_not_shown = len(changed) - len(result.preview_rows)
        return result

    def import_data_inner(self, dataset: tablib.Dataset, dry_run: bool, raise_errors: bool,
                          using_transactions: bool, collect_failed_rows: bool, **kwargs: Any) -> Result:
        if not using_transactions:
            raise SpreadsheetError("表格导入需要数据库事务 (transactions required)")
        try:
            self.normalise_headers(dataset)
            self.prepare(dataset)
        except SpreadsheetError as exc:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            result.append_base_error(Error(exc))
            return result
        return super().import_data_inner(
            dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
        )

    def prepare(self, dataset: tablib.Dataset) -> None:
        """Load every object and name the file refers to, before the first row."""
        for f in self.fields.values():
            if isinstance(f.widget, CreditsWidget | TagsWidget):
                f.widget.create_missing = self.create_missing
        people_columns = [
            f.column_name
            for f in self.fields.values()
            if isinstance(f.widget, CreditsWidget) and f.column_name in dataset.headers
        ]
        names: set[str] = set()
        for column in people_columns:
            for cell in dataset[column]:
                try:
                    names.update(name for name, _ in parse_people_cell(cell))
                except ValueError:
                    continue  # reported with its row number when the row is imported
        directory = PeopleDirectory()
        directory.load(names)
        tags = TagDirectory()
        for f in self.fields.values():
            if isinstance(f.widget, CreditsWidget):
                f.widget.directory = directory
            if isinstance(f.widget, TagsWidget):
                if f.column_name in dataset.headers:
                    tags.load(names_in(dataset[f.column_name]))
                f.widget.directory = tags
        self.loaded = self.load_rows(dataset)

    def row_key(self, row: dict) -> Any:
        """The key of the row's existing object, None for a new row (blank id)."""
        column = self.key_column()
        try:
            return IntegerWidget().clean(row.get(column))
        except ValueError as exc:
            raise ValidationError({column: str(exc)}) from None

    def key_column(self) -> str:
        return self.fields["id"].column_name

    def missing_message(self, key: Any) -> str:
        return f"编号 {key} 不存在（可能已被删除）：新建的行请把编号留空"

    def rows_keys(self, dataset: tablib.Dataset) -> list[Any]:
        keys = []
        for values in dataset:
            try:
                key = self.row_key(dict(zip(dataset.headers, values, strict=True)))
            except ValidationError:
                continue
            if key is not None:
                keys.append(key)
        return keys

    def load_queryset(self) -> QuerySet:
        return self._meta.model._default_manager.all()

    def load_rows(self, dataset: tablib.Dataset) -> dict[Any, Model]:
        keys = sorted(set(self.rows_keys(dataset)))
        loaded: dict[Any, Model] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            objects = list(self.load_queryset().filter(pk__in=chunk))
            related = self.related_values(chunk)
            for obj in objects:
                obj.__dict__[CURRENT] = {attr: values.get(obj.pk, ()) for attr, values in related.items()}
                loaded[obj.pk] = obj
        return loaded

    # --- import: one row ---

    def import_row(self, row: dict, instance_loader: Any, **kwargs: Any) -> RowResult:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
            return self.get_row_result_class()()  # a blank line: neither counted nor shown
        self.current_row = kwargs.get("row_number")
        return super().import_row(row, instance_loader, **kwargs)

    def after_import_row(self, row: dict, row_result: RowResult, **kwargs: Any) -> None:
        self.row_results[kwargs["row_number"]] = (row, row_result)
        row_result.sheet_row = sheet_row(kwargs["row_number"])  # as Excel numbers it

    def import_instance(self, instance: Model, row: dict, **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        for f in self.get_import_fields():
            if f.readonly or f.column_name not in row:
                continue
            cut = self.cut_cell(f, instance, row)
            if cut is not None:
                if cut:
                    errors.setdefault(f.column_name, []).append(cut)
                continue  # the stored text stays: the file only had its beginning
            try:
                self.import_field(f, instance, row, **kwargs)
            except ValueError as exc:
                errors.setdefault(f.column_name, []).append(str(exc))
        if errors:
            raise ValidationError(errors)

    def cut_cell(self, f: ie_fields.Field, instance: Model, row: dict) -> str | None:
        """For a cell the XLSX export cut to Excel's limit: "" when it still matches the
        stored text (nothing to import), else the error; None for any other cell."""
        value = row[f.column_name]
        cut = read_cut_cell(value) if isinstance(value, str) else None
        if cut is None:
            return None
        kept, length = cut
        stored = f.get_value(instance) if instance.pk is not None else None
        if isinstance(stored, str) and len(stored) == length and stored.startswith(kept):
            return ""
        return CUT_CELL_CHANGED

    def changed_columns(self, instance: Model, original: Model, row: dict) -> list[str]:
        return [
            f.column_name
            for f in self.get_import_fields()
            if not f.readonly
            and f.column_name in row
            and f.get_value(instance) != f.get_value(original)
        ]

    def check_info_columns(self, original: Model, row: dict) -> dict[str, str]:
        errors = {}
        for f in self.get_import_fields():
            if (
                getattr(f, "info", False)
                and f.column_name in row
                and cell_text(row[f.column_name]).strip() != cell_text(f.export(original)).strip()
            ):
                errors[f.column_name] = "这一列只供查看，在这里修改不会生效：请改回原值"
        return errors

    def check_new_row(self, instance: Model, row: dict) -> dict[str, str]:
        if self.user is not None and self.add_permission and not self.user.has_perm(self.add_permission):
            return {"": f"你没有新建{self.sheet_label}的权限：请把编号填回，或删除这一行"}
        return {}

    def check_changed_row(self, instance: Model, original: Model, row: dict, changed: list[str]) -> dict[str, str]:
        return {}

    def skip_row(self, instance: Model, original: Model, row: dict, import_validation_errors: Any = None) -> bool:
        if import_validation_errors:
            return False
        if original.pk is None:
            errors = self.check_new_row(instance, row)
            errors.update(self.check_nul(instance, [f.column_name for f in self.get_import_fields()]))
            if errors:
                raise ValidationError({k or "__all__": v for k, v in errors.items()})
            instance.__dict__["_sheet_changed"] = [f.column_name for f in self.get_import_fields()]
            return False
        errors = self.check_info_columns(original, row)
        changed = self.changed_columns(instance, original, row)
        errors.update(self.check_changed_row(instance, original, row, changed))
        errors.update(self.check_nul(instance, changed))
        if errors:
            raise ValidationError({k or "__all__": v for k, v in errors.items()})
        instance.__dict__["_sheet_changed"] = changed
        return not changed

    def check_nul(self, instance: Model, columns: Sequence[str]) -> dict[str, str]:
        """A NUL character would be stored by SQLite and refused by PostgreSQL: one rule for
        both, for what a changed row writes (a NUL already stored and left alone is fine)."""
        wanted = set(columns)
        errors = {}
        for f in self.get_import_fields():
            if f.column_name in wanted and not f.readonly and _writes_nul(f.get_value(instance)):
                errors[f.column_name] = NUL_MESSAGE
        return errors

    def after_save_instance(self, instance: Model, row: dict, **kwargs: Any) -> None:
        self.save_related(instance, instance.__dict__.get(PENDING, {}))

    def save_related(self, instance: Model, pending: dict[str, Any]) -> None:
        """Write the related values of one row (people, aliases…) after the row is saved."""

    # --- import: after the last row ---

    def fail_row(self, result: Result, number: int, errors: dict[str, str]) -> None:
        """Turn an already imported row into an error (found when looking at the whole file)."""
        row, row_result = self.row_results[number]
        error = ValidationError({k or "__all__": v for k, v in errors.items()})
        if row_result.import_type in result.totals:
            result.totals[row_result.import_type] -= 1
        row_result.import_type = RowResult.IMPORT_TYPE_INVALID
        row_result.validation_error = error
        result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
        result.append_invalid_row(number, row, error)

    def after_import(self, dataset: tablib.Dataset, result: Result, **kwargs: Any) -> None:
        if result.has_errors() or result.has_validation_errors():
            return  # rolled back by import_data; nothing to finish
        super().after_import(dataset, result, **kwargs)


def current_user(resource: SpreadsheetResource, kwargs: dict[str, Any]) -> Any:
    user = kwargs.get("user") or resource.user
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _writes_nul(value: Any) -> bool:
    """Would writing this cell's value store a NUL? Text, names to alias, titles, and the
    names of people and tags the import would create (existing ones are only linked)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, tuple):
        for item in value:
            if isinstance(item, str):
                text = item
            elif isinstance(item, Credit):
                text = item.title + (item.name if item.person_id is None else "")
            elif isinstance(item, TagRef):
                text = item.name if item.tag_id is None else ""
            else:
                continue
            if "\x00" in text:
                return True
    return False
