"""What a spreadsheet of the archive looks like: django-import-export resources.

Columns have Chinese headers (the model field name is accepted too, e.g. ``correspondents``);
related rows are named, never numbered: an article's issue by its source file and version,
people by name with their title in brackets, ``|`` between them (``万玲玲(区委书记)|王思奇``),
tags by name. An unknown name is an error naming the row and the column, unless the editor
chose to create unknown names.

The import is strict where the library is lenient: unknown columns, ids that do not exist, a
stale version (the article was edited since the export) and a bad row anywhere all stop the
whole file; and fast where it is slow: the rows' objects and every name in the file are
loaded up front in a few queries, and articles are written in bulk with their people, tags
and revision history (see ``articles.sheets.spreadsheets.save_imported_articles``).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from operator import itemgetter
from typing import Any, ClassVar

import tablib
from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.db.models import CharField, Count, Model, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from import_export import fields as ie_fields
from import_export import resources, widgets
from import_export.instance_loaders import BaseInstanceLoader
from import_export.resources import Diff
from import_export.results import Error, Result, RowResult

from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Photo, Tag
from articles.sheets.spreadsheets import (
    ArticleChange,
    Credit,
    SpreadsheetError,
    TagRef,
    VersionConflict,
    create_people,
    save_imported_articles,
    sheet_row,
)
from people.models import Person, PersonAlias

PENDING = "_sheet_pending"  # instance.__dict__ key: values read from the file, not yet saved
CURRENT = "_sheet_current"  # instance.__dict__ key: related values as stored now
CHUNK = 1000  # rows per query when loading what a file refers to

SEPARATORS = ("|", "｜")
CREATE_MISSING_HINT = "（如确需新建，请在导入时选择“创建不存在的人物和标签”，命令行加 --create-missing）"


# --- Cell widgets: one value in, one value out, and a message an editor understands --------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class TextWidget(widgets.Widget):
    def __init__(self, *, max_length: int | None = None, required: bool = False, strip: bool = False):
        super().__init__()
        self.max_length, self.required, self.strip = max_length, required, strip

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = _text(value)
        if self.strip:
            text = text.strip()
        if self.required and not text.strip():
            raise ValueError("不能为空")
        if self.max_length is not None and len(text) > self.max_length:
            raise ValueError(f"最多 {self.max_length} 个字，这里有 {len(text)} 个")
        return text

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class IntegerWidget(widgets.Widget):
    def __init__(self, *, required: bool = False):
        super().__init__()
        self.required = required

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        if isinstance(value, bool):
            raise ValueError(f"“{_text(value)}”不是整数")
        if isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        else:
            text = _text(value).strip()
            if not text:
                if self.required:
                    raise ValueError("不能为空")
                return None
            try:
                number = int(float(text)) if text.endswith(".0") else int(text)
            except ValueError:
                raise ValueError(f"“{text}”不是整数") from None
        if number < 0:
            raise ValueError(f"不能是负数（{number}）")
        return number

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> int | str:
        return "" if value is None else int(value)


DATE_INPUT_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


class DateWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value).strip()
        if not text:
            return None
        for fmt in DATE_INPUT_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"日期“{text}”无法识别：请写成 2025-08-26 这样的格式")

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.isoformat() if value else ""


YES = ("是", "1", "true", "yes", "y", "t", "√", "公开")
NO = ("否", "0", "false", "no", "n", "f", "", "×", "不公开")


class YesNoWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = _text(value).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(f"“{text}”不是“是”或“否”")

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "是" if value else "否"


class ChoiceWidget(widgets.Widget):
    """Shows the Chinese label; accepts the label or the stored value."""

    def __init__(self, choices: Sequence[tuple[str, str]], *, allow_blank: bool = False):
        super().__init__()
        self.labels = dict(choices)
        self.values = {label: value for value, label in choices}
        self.allow_blank = allow_blank

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = _text(value).strip()
        if not text and self.allow_blank:
            return ""
        if text in self.values:
            return self.values[text]
        if text.lower() in self.labels:
            return text.lower()
        raise ValueError(f"“{text}”不是可选的值：只能是 {'、'.join(self.values)}")

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return self.labels.get(value, value or "")


def split_names(text: str) -> list[str]:
    """Split a cell on | (or the full-width ｜), but never inside brackets."""
    parts, depth, current = [], 0, []
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(depth - 1, 0)
        if char in SEPARATORS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def parse_people_cell(value: Any) -> list[tuple[str, str]]:
    """``万玲玲(区委书记)|王思奇`` → [("万玲玲", "区委书记"), ("王思奇", "")]."""
    people = []
    for part in split_names(_text(value)):
        starts = [i for i in (part.find("("), part.find("（")) if i >= 0]
        if not starts:
            name, title = part, ""
        else:
            if not part.endswith((")", "）")):
                raise ValueError(f"“{part}”的括号没有配对：职务写在姓名后的括号里，例如 万玲玲(区委书记)")
            name, title = part[: min(starts)].strip(), part[min(starts) + 1 : -1].strip()
        if not name:
            raise ValueError(f"“{part}”缺少姓名")
        people.append((name, title))
    return people


def render_credits(credits: Iterable[Credit]) -> str:
    return "|".join(f"{c.name}({c.title})" if c.title else c.name for c in credits)


class PeopleDirectory:
    """Names (and OCR aliases) in a file → people, loaded in a few queries up front."""

    def __init__(self) -> None:
        self.people: dict[str, tuple[int, str]] = {}

    def load(self, names: Iterable[str]) -> None:
        wanted = sorted(set(names) - self.people.keys())
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            for pk, name in Person.objects.filter(name__in=chunk).values_list("pk", "name"):
                self.people[name] = (pk, name)
            missing = [n for n in chunk if n not in self.people]
            if missing:
                for alias, pk, name in PersonAlias.objects.filter(name__in=missing).values_list(
                    "name", "person_id", "person__name"
                ):
                    self.people[alias] = (pk, name)

    def get(self, name: str) -> tuple[int, str] | None:
        return self.people.get(name)


class TagDirectory:
    def __init__(self) -> None:
        self.tags: dict[str, int] = {}

    def load(self, names: Iterable[str]) -> None:
        wanted = sorted(set(names) - self.tags.keys())
        for start in range(0, len(wanted), CHUNK):
            self.tags.update(
                Tag.objects.filter(name__in=wanted[start : start + CHUNK]).values_list("name", "pk")
            )


def _by_name(tag: TagRef) -> str:
    return tag.name


class CreditsWidget(widgets.Widget):
    """A role column: people by name, each with an optional title in brackets."""

    def __init__(self, *, titles: bool = True):
        super().__init__()
        self.titles = titles
        self.directory = PeopleDirectory()
        self.create_missing = False

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> tuple[Credit, ...]:
        credits: list[Credit] = []
        unknown: list[str] = []
        seen: set[int | str] = set()
        for name, title in parse_people_cell(value):
            if title and not self.titles:
                raise ValueError(f"“{name}({title})”：这一列只写姓名，不写职务")
            if len(name) > Person._meta.get_field("name").max_length:
                raise ValueError(f"姓名“{name}”太长")
            if len(title) > ArticlePerson._meta.get_field("title").max_length:
                raise ValueError(f"“{name}”的职务太长（最多 100 个字）")
            found = self.directory.get(name)
            if found is None:
                if not self.create_missing:
                    unknown.append(name)
                    continue
                credit = Credit(name=name, title=title)
            else:
                credit = Credit(name=found[1], title=title, person_id=found[0])
            key = credit.person_id if credit.person_id is not None else credit.name
            if key in seen:
                raise ValueError(f"“{credit.name}”在这一格里出现了两次")
            seen.add(key)
            credits.append(credit)
        if unknown:
            names = "、".join(f"“{n}”" for n in unknown)
            raise ValueError(f"人物 {names} 不存在：请核对写法，或先在“人物”中添加{CREATE_MISSING_HINT}")
        return tuple(credits)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return render_credits(value or ())


class TagsWidget(widgets.Widget):
    def __init__(self) -> None:
        super().__init__()
        self.directory = TagDirectory()
        self.create_missing = False

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> tuple[TagRef, ...]:
        tags: dict[str, TagRef] = {}
        unknown: list[str] = []
        for name in split_names(_text(value)):
            if len(name) > Tag._meta.get_field("name").max_length:
                raise ValueError(f"标签“{name}”太长（最多 50 个字）")
            tag_id = self.directory.tags.get(name)
            if tag_id is None and not self.create_missing:
                unknown.append(name)
            tags[name] = TagRef(name, tag_id)
        if unknown:
            names = "、".join(f"“{n}”" for n in unknown)
            raise ValueError(f"标签 {names} 不存在：请核对写法，或先在“标签”中添加{CREATE_MISSING_HINT}")
        return tuple(sorted(tags.values(), key=_by_name))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "|".join(t.name for t in value or ())


# --- Fields ---------------------------------------------------------------------------------


class SheetField(ie_fields.Field):
    """A column. ``aliases`` are other headers accepted on import (the model field name).

    ``info`` marks a column shown for reading only (e.g. the issue date on the article sheet):
    editing it is an error rather than a change silently ignored.
    """

    def __init__(
        self,
        attribute: str | None,
        column_name: str,
        widget: widgets.Widget | None = None,
        *,
        readonly: bool = False,
        info: bool = False,
        aliases: Sequence[str] = (),
        width: int = 12,
    ) -> None:
        super().__init__(
            attribute=attribute,
            column_name=column_name,
            widget=widget or TextWidget(),
            readonly=readonly or info,
        )
        self.info = info
        self.aliases = tuple(aliases)
        self.width = width


class RelatedField(SheetField):
    """A column for related rows (people, tags, aliases): read from what was loaded with the
    row, and on import kept on the instance until the resource writes it."""

    def get_value(self, instance: Model) -> Any:
        pending = instance.__dict__.get(PENDING)
        if pending is not None and self.attribute in pending:
            return pending[self.attribute]
        return instance.__dict__.get(CURRENT, {}).get(self.attribute, ())

    def save(self, instance: Model, row: dict, is_m2m: bool = False, **kwargs: Any) -> None:
        if self.readonly:
            return
        instance.__dict__.setdefault(PENDING, {})[self.attribute] = self.clean(row, **kwargs)


class NaturalKeyField(SheetField):
    """An issue named by its source file, with the version from the next column."""

    def __init__(self, *, version_column: str, **kwargs: Any) -> None:
        super().__init__("issue", "源文件", TextWidget(strip=True), width=26, **kwargs)
        self.version_column = version_column
        self.issues: dict[tuple[str, int], Issue] = {}

    def key(self, row: dict) -> tuple[str, int] | None:
        name = _text(row.get(self.column_name)).strip()
        if not name:
            return None
        version = IntegerWidget().clean(row.get(self.version_column)) or 1
        return name, version

    def clean(self, row: dict, **kwargs: Any) -> Issue | None:
        try:
            key = self.key(row)
        except ValueError as exc:
            raise ValueError(f"“{self.version_column}”列：{exc}") from None
        if key is None:
            raise ValueError("不能为空：请填写所属期的源文件名")
        issue = self.issues.get(key)
        if issue is None:
            raise ValueError(f"找不到源文件为“{key[0]}”、版本为 {key[1]} 的期")
        return issue

    def get_value(self, instance: Model) -> Issue | None:
        return instance.issue if instance.issue_id else None

    def export(self, instance: Model, **kwargs: Any) -> str:
        issue = self.get_value(instance)
        return issue.source_name if issue else ""


def load_issues(dataset: tablib.Dataset, column: str) -> dict[tuple[str, int], Issue]:
    """The issues a file names by source file, keyed (source file, version)."""
    if column not in dataset.headers:
        return {}
    names = sorted({_text(v).strip() for v in dataset[column]} - {""})
    issues = {}
    for start in range(0, len(names), CHUNK):
        for issue in Issue.objects.filter(source_name__in=names[start : start + CHUNK]).only(
            "source_name", "source_version", "issue_date", "date_precision"
        ):
            issues[(issue.source_name, issue.source_version)] = issue
    return issues


# --- Diff for the admin preview -------------------------------------------------------------


class SheetDiff(Diff):
    """Changed cells as a word diff; unchanged cells shortened, so a preview of long articles
    stays readable. Skipped entirely for command-line imports (nobody sees it)."""

    def __init__(self, resource: SpreadsheetResource, instance: Model, new: bool) -> None:
        self.enabled = resource.html_diff
        if self.enabled:
            super().__init__(resource, instance, new)
        else:
            self.left, self.right, self.new = [], [], new

    def compare_with(self, resource: SpreadsheetResource, instance: Model) -> None:
        if self.enabled:
            super().compare_with(resource, instance)

    def as_html(self) -> list[str]:
        if not self.enabled:
            return []
        cells = []
        dmp = diff_match_patch()
        for before, after in zip(self.left, self.right, strict=False):
            before, after = force_str(before), force_str(after)
            if before == after:
                short = before if len(before) <= 40 else before[:40] + "…"
                cells.append(mark_safe(f'<span class="unchanged">{escape(short)}</span>'))  # noqa: S308
                continue
            if self.new:
                before = ""
            diff = dmp.diff_main(before, after)
            dmp.diff_cleanupSemantic(diff)
            cells.append(mark_safe(f'<span class="changed">{dmp.diff_prettyHtml(diff)}</span>'))  # noqa: S308
        return cells


# --- Loading the rows a file refers to ------------------------------------------------------


class SheetInstanceLoader(BaseInstanceLoader):
    """Every row's object loaded before the first row is imported (a few queries per
    thousand rows instead of one per row)."""

    def __init__(self, resource: SpreadsheetResource, dataset: tablib.Dataset | None = None):
        super().__init__(resource, dataset)
        self.instances = resource.loaded

    def get_instance(self, row: dict) -> Model | None:
        key = self.resource.row_key(row)
        if key is None:
            return None
        instance = self.instances.get(key)
        if instance is None:
            raise ValidationError({self.resource.key_column(): self.resource.missing_message(key)})
        seen = self.resource.rows_by_key
        if key in seen:
            raise ValidationError(
                {self.resource.key_column(): f"与第 {sheet_row(seen[key])} 行是同一条记录：每条记录只能出现一次"}
            )
        seen[key] = self.resource.current_row
        # The library deep-copies every row's object to compare with it afterwards: for
        # 10,000 articles with their issue, people and tags that is a sixth of the import.
        # A shallow copy is as good here: field values are immutable, the related values
        # are tuples, and Django's copy gives the clone its own related-object cache.
        instance.__dict__["__deepcopy__"] = _shallow_copier(instance)
        return instance


def _shallow_copier(instance: Model) -> Any:
    def copier(memo: dict) -> Model:
        clone = copy.copy(instance)
        clone.__dict__.pop("__deepcopy__", None)
        instance.__dict__.pop("__deepcopy__", None)  # once only: later copies are real ones
        return clone

    return copier


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
        """Headers and a lazy iterator of rows; one query per related kind, not per row."""
        export_fields = self.selected_fields(fields)
        queryset = self.export_queryset(queryset)
        related = self.related_values(queryset.values("pk"))

        def rows() -> Iterator[list[Any]]:
            for obj in queryset.iterator(chunk_size=2000):
                obj.__dict__[CURRENT] = {attr: values.get(obj.pk, ()) for attr, values in related.items()}
                yield [f.export(obj) for f in export_fields]

        return [f.column_name for f in export_fields], rows()

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
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=use_transactions,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

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
                    tags.load(n for cell in dataset[f.column_name] for n in split_names(_text(cell)))
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

    def import_instance(self, instance: Model, row: dict, **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        for f in self.get_import_fields():
            if f.readonly or f.column_name not in row:
                continue
            try:
                self.import_field(f, instance, row, **kwargs)
            except ValueError as exc:
                errors.setdefault(f.column_name, []).append(str(exc))
        if errors:
            raise ValidationError(errors)

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
                and _text(row[f.column_name]).strip() != _text(f.export(original)).strip()
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
            if errors:
                raise ValidationError({k or "__all__": v for k, v in errors.items()})
            instance.__dict__["_sheet_changed"] = [f.column_name for f in self.get_import_fields()]
            return False
        errors = self.check_info_columns(original, row)
        changed = self.changed_columns(instance, original, row)
        errors.update(self.check_changed_row(instance, original, row, changed))
        if errors:
            raise ValidationError({k or "__all__": v for k, v in errors.items()})
        instance.__dict__["_sheet_changed"] = changed
        return not changed

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


def _current_user(resource: SpreadsheetResource, kwargs: dict[str, Any]) -> Any:
    user = kwargs.get("user") or resource.user
    return user if user is not None and getattr(user, "is_authenticated", False) else None


# --- Issues ---------------------------------------------------------------------------------


class IssueResource(SpreadsheetResource):
    sheet_label = "期"

    source_name = SheetField("source_name", "源文件", TextWidget(strip=True), readonly=True, width=26)
    source_version = SheetField("source_version", "导入版本", IntegerWidget(), readonly=True, width=8)
    masthead = SheetField("masthead", "报头", TextWidget(max_length=100))
    issue_date = SheetField("issue_date", "出版日期", DateWidget(), width=12)
    date_precision = SheetField(
        "date_precision", "日期精度",
        ChoiceWidget(Issue.PrecisionChoices.choices, allow_blank=True), width=8,
    )
    date_source = SheetField(
        "date_source", "日期来源", ChoiceWidget(Issue.DateSourceChoices.choices, allow_blank=True),
        info=True, width=10,
    )
    lunar_date = SheetField("lunar_date", "农历日期", TextWidget(max_length=30))
    number = SheetField("number", "期号", TextWidget(max_length=50), width=8)
    page = SheetField("page", "版次", TextWidget(max_length=20), width=8)
    article_count = SheetField("article_count", "文章数", IntegerWidget(), readonly=True, width=8)

    class Meta:
        model = Issue
        fields = (
            "source_name", "source_version", "masthead", "issue_date", "date_precision",
            "date_source", "lunar_date", "number", "page", "article_count",
        )
        import_id_fields = ("source_name", "source_version")
        instance_loader_class = SheetInstanceLoader
        skip_unchanged = True
        report_skipped = True

    def with_related_columns(self, queryset: QuerySet) -> QuerySet:
        return queryset.defer("ocr_text", "unplaced", "import_errors").annotate(
            article_count=Count("articles")
        )

    def key_column(self) -> str:
        return "源文件"

    def required_columns(self) -> list[str]:
        return ["源文件", "导入版本"]

    def row_key(self, row: dict) -> tuple[str, int] | None:
        name = _text(row.get("源文件")).strip()
        try:
            version = IntegerWidget().clean(row.get("导入版本")) or 1
        except ValueError as exc:
            raise ValidationError({"导入版本": str(exc)}) from None
        if not name:
            raise ValidationError({"源文件": "不能为空：期由源文件名和导入版本确定"})
        return name, version

    def missing_message(self, key: Any) -> str:
        return (
            f"找不到源文件为“{key[0]}”、版本为 {key[1]} 的期：不能通过表格新建期，"
            "请用 import_seeds 导入 OCR 文件"
        )

    def load_rows(self, dataset: tablib.Dataset) -> dict[Any, Model]:
        keys = set(self.rows_keys(dataset))
        names = sorted({name for name, _ in keys})
        loaded = {}
        for start in range(0, len(names), CHUNK):
            for issue in (
                Issue.objects.filter(source_name__in=names[start : start + CHUNK])
                .defer("ocr_text", "unplaced", "import_errors")
                .annotate(article_count=Count("articles"))
            ):
                if (issue.source_name, issue.source_version) in keys:
                    loaded[(issue.source_name, issue.source_version)] = issue
        return loaded

    def check_changed_row(self, instance: Issue, original: Issue, row: dict, changed: list[str]) -> dict[str, str]:
        if "出版日期" in changed or "日期精度" in changed:
            # A date set by hand: the importer must never replace this issue by a re-import.
            instance.date_source = Issue.DateSourceChoices.EDITOR
            if instance.issue_date and instance.date_precision == Issue.PrecisionChoices.MONTH:
                instance.issue_date = instance.issue_date.replace(day=1)
            elif instance.issue_date and instance.date_precision == Issue.PrecisionChoices.YEAR:
                instance.issue_date = instance.issue_date.replace(month=1, day=1)
        return {}


# --- Tags -----------------------------------------------------------------------------------


class TagResource(SpreadsheetResource):
    sheet_label = "标签"
    add_permission = "articles.add_tag"

    id = SheetField("id", "编号", IntegerWidget(), readonly=True, width=8)
    name = SheetField("name", "标签", TextWidget(max_length=50, required=True, strip=True), width=16)
    slug = SheetField("slug", "网址名", TextWidget(max_length=80, strip=True), width=16)
    article_count = SheetField("article_count", "文章数", IntegerWidget(), readonly=True, width=8)

    class Meta:
        model = Tag
        fields = ("id", "name", "slug", "article_count")
        import_id_fields = ("id",)
        instance_loader_class = SheetInstanceLoader
        skip_unchanged = True
        report_skipped = True

    def with_related_columns(self, queryset: QuerySet) -> QuerySet:
        return queryset.annotate(article_count=Count("articles"))

    def prepare(self, dataset: tablib.Dataset) -> None:
        super().prepare(dataset)
        names = [_text(v).strip() for v in dataset["标签"]] if "标签" in dataset.headers else []
        slugs = [_text(v).strip() for v in dataset["网址名"]] if "网址名" in dataset.headers else []
        self.taken_names = dict(Tag.objects.filter(name__in=[n for n in names if n]).values_list("name", "pk"))
        self.taken_slugs = dict(Tag.objects.filter(slug__in=[s for s in slugs if s]).values_list("slug", "pk"))
        self.names_in_file: dict[str, int] = {}
        self.slugs_in_file: dict[str, int] = {}

    def check_unique(self, instance: Tag) -> dict[str, str]:
        from django.utils.text import slugify

        errors = {}
        if not instance.slug:
            instance.slug = slugify(instance.name, allow_unicode=True)[:80]
        elif slugify(instance.slug, allow_unicode=True) != instance.slug:
            errors["网址名"] = f"“{instance.slug}”不能用作网址名：只能有文字、数字、- 和 _"
        for value, taken, in_file, column in (
            (instance.name, self.taken_names, self.names_in_file, "标签"),
            (instance.slug, self.taken_slugs, self.slugs_in_file, "网址名"),
        ):
            owner = taken.get(value)
            if owner is not None and owner != instance.pk:
                errors[column] = f"“{value}”已被编号 {owner} 的标签使用"
            elif value in in_file:
                errors[column] = f"“{value}”与第 {sheet_row(in_file[value])} 行重复"
            in_file[value] = self.current_row
        return errors

    def check_new_row(self, instance: Tag, row: dict) -> dict[str, str]:
        return super().check_new_row(instance, row) or self.check_unique(instance)

    def check_changed_row(self, instance: Tag, original: Tag, row: dict, changed: list[str]) -> dict[str, str]:
        return self.check_unique(instance) if changed else {}


# --- Articles -------------------------------------------------------------------------------

ROLE_COLUMNS = (
    (ArticlePerson.Role.CORRESPONDENT, "correspondents", "作者"),
    (ArticlePerson.Role.PHOTOGRAPHER, "photographers", "摄影"),
    (ArticlePerson.Role.MENTIONED, "people", "提及人物"),
)
#: article field → the snapshot key an ArticleRevision stores it under
SNAPSHOT_COLUMNS = {
    "kicker": "引题", "headline": "标题", "subheadline": "副题", "section": "栏目",
    "byline": "署名原文", "dateline": "消息日期", "body": "正文", "status": "状态",
    "is_published": "公开",
}
PUBLISH_PERMISSION = "articles.publish_article"


class IsoDate(Cast):
    """A date as ``YYYY-MM-DD`` text, made by the database (SQLite stores it so already)."""

    def __init__(self, expression: str) -> None:
        super().__init__(expression, CharField())

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        # Not a cast: its output would follow the server's DateStyle setting.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char({sql}, 'YYYY-MM-DD')", params


#: the article sheet's columns, in the order ArticleResource.export_table builds a row
FULL_ROW = (
    "id", "issue", "source_version", "issue_date", "position", "section", "kicker",
    "headline", "subheadline", "byline", "correspondents", "photographers", "people",
    "tags", "dateline", "dateline_date", "date", "status", "is_published", "body",
    "version",
)
RELATED_COLUMNS = frozenset({"correspondents", "photographers", "people", "tags"})


def _credits_field(role: str, name: str, header: str) -> RelatedField:
    return RelatedField(f"credits_{role}", header, CreditsWidget(), aliases=(name,), width=24)


class ArticleResource(SpreadsheetResource):
    sheet_label = "文章"
    add_permission = "articles.add_article"
    related_attributes = (*(f"credits_{r}" for r, _, _ in ROLE_COLUMNS), "tags")

    id = SheetField("id", "编号", IntegerWidget(), readonly=True, width=8)
    issue = NaturalKeyField(version_column="源文件版本", aliases=("source_name",))
    source_version = SheetField(
        "issue__source_version", "源文件版本", IntegerWidget(), readonly=True, width=8
    )
    issue_date = SheetField("issue__date_label", "出版日期", info=True, width=14)
    position = SheetField("position", "版内顺序", IntegerWidget(required=True), width=8)
    section = SheetField("section", "栏目", TextWidget(max_length=100))
    kicker = SheetField("kicker", "引题", TextWidget(max_length=300), width=20)
    headline = SheetField("headline", "标题", TextWidget(max_length=300), width=36)
    subheadline = SheetField("subheadline", "副题", TextWidget(max_length=300), width=20)
    byline = SheetField("byline", "署名原文", TextWidget(max_length=300), width=20)
    correspondents = _credits_field(*ROLE_COLUMNS[0])
    photographers = _credits_field(*ROLE_COLUMNS[1])
    people = _credits_field(*ROLE_COLUMNS[2])
    tags = RelatedField("tags", "标签", TagsWidget(), width=20)
    dateline = SheetField("dateline", "消息日期", TextWidget(max_length=50))
    dateline_date = SheetField("dateline_date", "消息日期（公历）", DateWidget(), width=12)
    date = SheetField("date", "日期", DateWidget(), width=12)
    status = SheetField("status", "状态", ChoiceWidget(Article.Status.choices), width=8)
    is_published = SheetField("is_published", "公开", YesNoWidget(), width=6)
    body = SheetField("body", "正文", TextWidget(), width=60)
    version = SheetField("version", "版本号", IntegerWidget(), readonly=True, width=8)

    class Meta:
        model = Article
        fields = FULL_ROW
        import_id_fields = ("id",)
        instance_loader_class = SheetInstanceLoader
        skip_unchanged = True
        report_skipped = True
        # Rows are written together after the last one (save_imported_articles): no per-row
        # savepoint, no per-row save.
        use_bulk = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.changes: list[ArticleChange] = []
        self.snapshots: dict[tuple[int, int], dict[str, Any]] = {}
        self.file_versions: dict[int, int] = {}

    def required_columns(self) -> list[str]:
        return ["编号", "版本号"]

    # --- export: plain values, three queries in all ---

    def related_values(self, pks: Any) -> dict[str, dict[int, Any]]:
        credits: dict[str, dict[int, list[Credit]]] = {f"credits_{r}": defaultdict(list) for r, _, _ in ROLE_COLUMNS}
        for article_id, role, person_id, name, title in (
            ArticlePerson.objects.filter(article_id__in=pks)
            .order_by("article_id", "role", "position", "pk")
            .values_list("article_id", "role", "person_id", "person__name", "title")
            .iterator(chunk_size=5000)
        ):
            credits[f"credits_{role}"][article_id].append(Credit(name, title, person_id))
        values: dict[str, dict[int, Any]] = {
            attr: {pk: tuple(items) for pk, items in by_article.items()}
            for attr, by_article in credits.items()
        }
        tags: dict[int, list[TagRef]] = defaultdict(list)
        for article_id, tag_id, name in (
            Article.tags.through.objects.filter(article_id__in=pks)
            .order_by("article_id")
            .values_list("article_id", "tag_id", "tag__name")
            .iterator(chunk_size=5000)
        ):
            tags[article_id].append(TagRef(name, tag_id))
        # Sorted here, not by the database: collations order Chinese differently, and the
        # file's order must be the one a re-import compares with.
        values["tags"] = {pk: tuple(sorted(items, key=_by_name)) for pk, items in tags.items()}
        return values

    def export_texts(self, pks: Any) -> dict[str, dict[int, str]]:
        """The people and tag cells of the articles ``pks``, as the file shows them, in one
        query each: column name → {article id: cell}."""
        credits: dict[str, dict[int, list[str]]] = {role: defaultdict(list) for role, _, _ in ROLE_COLUMNS}
        for article_id, role, name, title in (
            ArticlePerson.objects.filter(article_id__in=pks)
            .order_by("article_id", "role", "position", "pk")
            .values_list("article_id", "role", "person__name", "title")
            .iterator(chunk_size=5000)
        ):
            credits[role][article_id].append(f"{name}({title})" if title else name)
        texts = {
            column: {pk: "|".join(names) for pk, names in credits[role].items()}
            for role, column, _ in ROLE_COLUMNS
        }
        tags: dict[int, list[str]] = defaultdict(list)
        for article_id, name in (
            Article.tags.through.objects.filter(article_id__in=pks)
            .values_list("article_id", "tag__name")
            .iterator(chunk_size=5000)
        ):
            tags[article_id].append(name)
        # Sorted here, as related_values does: the order a re-import compares with.
        texts["tags"] = {pk: "|".join(sorted(names)) for pk, names in tags.items()}
        return texts

    def export_table(
        self, queryset: QuerySet | None = None, *, fields: Sequence[str] | None = None
    ) -> tuple[list[str], Iterator[list[Any]]]:
        """The whole archive in four queries (articles, issues, people, tags), from plain
        values rather than model instances: 100,000 articles in seconds.

        Every row is built whole by one expression (a function call per cell is a good
        part of the time for 100,000 rows); a choice of columns is then picked from it.
        """
        export_fields = self.selected_fields(fields)
        names = [self.get_field_name(f) for f in export_fields]
        queryset = self.export_queryset(queryset)
        ids = queryset.values("pk")
        texts = self.export_texts(ids) if RELATED_COLUMNS & set(names) else defaultdict(dict)
        issues = {
            i.pk: (i.source_name, i.source_version, i.date_label)
            for i in Issue.objects.filter(pk__in=queryset.values("issue_id")).only(
                "source_name", "source_version", "issue_date", "date_precision"
            )
        }
        correspondents, photographers, mentioned, tags = (
            texts[c] for c in ("correspondents", "photographers", "people", "tags")
        )
        status_labels = dict(Article.Status.choices)
        published = {True: "是", False: "否"}
        # Dates as the database's ISO text: no date objects made and formatted again.
        values = queryset.annotate(
            dateline_text=IsoDate("dateline_date"), date_text=IsoDate("date")
        ).values_list(
            "pk", "issue_id", "position", "section", "kicker", "headline", "subheadline", "byline",
            "dateline", "dateline_text", "date_text", "status", "is_published", "body", "version",
        )
        pick = None if names == list(FULL_ROW) else itemgetter(*(FULL_ROW.index(n) for n in names))

        def rows() -> Iterator[list[Any]]:
            for pk, issue_id, position, section, kicker, headline, subheadline, byline, dateline, \
                    dateline_date, date, status, is_published, body, version in values.iterator(chunk_size=5000):
                issue = issues[issue_id]
                row = [
                    pk, issue[0], issue[1], issue[2], position, section, kicker, headline, subheadline,
                    byline, correspondents.get(pk, ""), photographers.get(pk, ""), mentioned.get(pk, ""),
                    tags.get(pk, ""), dateline, dateline_date or "", date or "",
                    status_labels.get(status, status), published[is_published], body, version,
                ]  # fmt: skip
                if pick is None:
                    yield row
                elif len(names) == 1:
                    yield [pick(row)]
                else:
                    yield list(pick(row))

        return [f.column_name for f in export_fields], rows()

    def with_related_columns(self, queryset: QuerySet) -> QuerySet:
        return queryset

    # --- import ---

    def load_queryset(self) -> QuerySet:
        return Article.objects.select_related("issue").defer(
            "ocr_text", "issue__ocr_text", "issue__unplaced", "issue__import_errors"
        )

    def prepare(self, dataset: tablib.Dataset) -> None:
        super().prepare(dataset)
        self.fields["issue"].issues = load_issues(dataset, self.fields["issue"].column_name)
        # Versions in the file, to find rows edited in the database since the export.
        stale: list[tuple[int, int]] = []
        for values in dataset:
            row = dict(zip(dataset.headers, values, strict=True))
            try:
                key = self.row_key(row)
                version = IntegerWidget().clean(row.get("版本号"))
            except (ValidationError, ValueError):
                continue
            if key in self.loaded and version is not None:
                self.file_versions[key] = version
                if version < self.loaded[key].version:
                    stale.append((key, version))
        for start in range(0, len(stale), CHUNK):
            chunk = dict(stale[start : start + CHUNK])
            for article_id, version, snapshot in (
                ArticleRevision.objects.filter(article_id__in=chunk, version__in=set(chunk.values()))
                .order_by("created_at", "pk")
                .values_list("article_id", "version", "snapshot")
            ):
                if chunk.get(article_id) == version:
                    self.snapshots[(article_id, version)] = snapshot

    def check_new_row(self, instance: Article, row: dict) -> dict[str, str]:
        errors = super().check_new_row(instance, row)
        for column in ("源文件", "版内顺序", "正文"):
            if column not in row:
                errors[column] = "新建文章必须有这一列"
        if errors:
            return errors
        if not instance.body.strip():
            errors["正文"] = "新建文章的正文不能为空"
        if instance.is_published and not self.may_publish():
            errors["公开"] = "只有主编可以发布文章"
        if instance.status == Article.Status.PUBLISHED and not self.may_publish():
            errors["状态"] = "只有主编可以把文章设为“已发布”"
        return errors

    def may_publish(self) -> bool:
        return self.user is None or self.user.has_perm(PUBLISH_PERMISSION)

    def check_changed_row(self, instance: Article, original: Article, row: dict, changed: list[str]) -> dict[str, str]:
        file_version = self.file_versions.get(original.pk)
        if file_version is None:
            return {"版本号": "不能为空：版本号用来确认你改的是最新的内容，请用刚导出的文件修改"}
        if file_version > original.version:
            return {"版本号": f"表格中的版本号 {file_version} 比数据库中的 {original.version} 还大：请不要修改版本号"}
        if changed and file_version < original.version:
            if self.untouched_since_export(instance, original, row, file_version):
                # Someone else saved this article after the export; the editor did not touch
                # the row: keep their version, it is not a change.
                self.reset(instance, original)
                self.notes.append(
                    f"第 {sheet_row(self.current_row)} 行（文章 {original.pk}）：导出后已有人修改过这篇文章，"
                    "表格中这一行没有改动，保留数据库中的新内容"
                )
                changed.clear()
                return {}
            return {
                "版本号": (
                    f"这篇文章在你导出之后已被修改（表格中是第 {file_version} 版，现在是第 "
                    f"{original.version} 版）：为免覆盖别人的修改，本行不能导入。"
                    "请重新导出这篇文章，再把你的修改做一遍"
                )
            }
        errors = {}
        if "公开" in changed and not self.may_publish():
            errors["公开"] = "只有主编可以发布或撤回文章"
        if (
            "状态" in changed
            and Article.Status.PUBLISHED in (instance.status, original.status)
            and not self.may_publish()
        ):
            errors["状态"] = "只有主编可以把文章设为“已发布”或撤回"
        return errors

    def untouched_since_export(self, instance: Article, original: Article, row: dict, version: int) -> bool:
        """Does the row still say what the article said at ``version`` (as its revision
        recorded it)? Columns a revision does not record are compared with the database."""
        snapshot = self.snapshots.get((original.pk, version))
        if snapshot is None:
            return False
        for name, column in SNAPSHOT_COLUMNS.items():
            if column in row and getattr(instance, name) != snapshot.get(name):
                return False
        if "消息日期（公历）" in row:
            then = snapshot.get("dateline_date")
            if (instance.dateline_date.isoformat() if instance.dateline_date else None) != then:
                return False
        people = snapshot.get("people", [])
        for role, name, _ in ROLE_COLUMNS:
            f = self.fields[name]
            if f.column_name in row:
                then = [
                    (p["person_id"], p["title"])
                    for p in sorted(people, key=lambda p: p["position"])
                    if p["role"] == role
                ]
                if [(c.person_id, c.title) for c in f.get_value(instance)] != then:
                    return False
        if "标签" in row and [t.name for t in self.fields["tags"].get_value(instance)] != sorted(
            snapshot.get("tags", [])
        ):
            return False
        for name in ("issue", "position", "date"):
            f = self.fields[name]
            if f.column_name in row and f.get_value(instance) != f.get_value(original):
                return False
        return True

    def reset(self, instance: Article, original: Article) -> None:
        for f in Article._meta.concrete_fields:
            setattr(instance, f.attname, getattr(original, f.attname))
        instance._state.fields_cache = dict(original._state.fields_cache)
        instance.__dict__.pop(PENDING, None)

    def save_instance(self, instance: Article, is_create: bool, row: dict, **kwargs: Any) -> None:
        changed = set(instance.__dict__.get("_sheet_changed", ()))
        columns = {f.column_name: name for name, f in self.fields.items()}
        fields: set[str] = set()
        for column in changed:
            name = columns[column]
            if name in ("issue",):
                fields.add("issue_id")
            elif name not in ("correspondents", "photographers", "people", "tags"):
                fields.add(name)
        # 日期 (used for sorting) follows the dateline or the issue unless set by hand.
        derive = instance.date is None if is_create else (
            bool({"dateline_date", "issue_id"} & fields) and "日期" not in changed
        )
        if derive:
            instance.date = instance.dateline_date or instance.issue.issue_date
            fields.add("date")
        if "is_published" in fields and instance.is_published and instance.published_at is None:
            instance.published_at = timezone.now()
            fields.add("published_at")
        if is_create:
            instance.ocr_text = ""  # written by an editor: there is no OCR for it
        current = instance.__dict__.get(CURRENT, {})
        pending = instance.__dict__.get(PENDING, {})
        credits = {
            role: pending.get(f"credits_{role}", current.get(f"credits_{role}", ()))
            for role, _, _ in ROLE_COLUMNS
        }
        credit_columns = {self.fields[name].column_name for _, name, _ in ROLE_COLUMNS}
        self.changes.append(
            ArticleChange(
                row=kwargs["row_number"],
                article=instance,
                is_new=is_create,
                expected_version=None if is_create else instance.version,
                fields=fields,
                credits=credits,
                tags=pending.get("tags", current.get("tags", ())),
                credits_changed=bool(credit_columns & changed),
                tags_changed="标签" in changed,
            )
        )
        if not is_create:
            instance.version += 1  # what it will be once written (shown in the preview)

    def save_m2m(self, instance: Article, row: dict, **kwargs: Any) -> None:
        """People and tags are written with the article in after_import."""

    def bulk_create(self, *args: Any, **kwargs: Any) -> None:
        """Not the library's bulk path: ours keeps people, tags and history (after_import)."""

    bulk_update = bulk_delete = bulk_create

    def after_import(self, dataset: tablib.Dataset, result: Result, **kwargs: Any) -> None:
        if result.has_errors() or result.has_validation_errors() or not self.changes:
            return
        for number, errors in self.position_clashes().items():
            self.fail_row(result, number, errors)
        if result.has_validation_errors():
            return
        file_name = kwargs.get("file_name") or ""
        try:
            save_imported_articles(
                changes=self.changes,
                user=_current_user(self, kwargs),
                comment=f"表格导入 {file_name}".strip()[:300],
            )
        except VersionConflict as conflict:
            for number, (expected, now) in conflict.rows.items():
                self.fail_row(result, number, {
                    "版本号": f"导入过程中这篇文章被别人修改了（第 {expected} 版 → 第 {now} 版）：请重新导出后再导入"
                })
            return
        super().after_import(dataset, result, **kwargs)

    def position_clashes(self) -> dict[int, dict[str, str]]:
        """Two articles on the same place of one issue (the database would refuse it only
        at the end, without saying which row)."""
        issue_ids = {c.article.issue_id for c in self.changes}
        moving = {c.article.pk for c in self.changes if not c.is_new}
        taken: dict[tuple[int, int], str] = {}
        issue_ids_list = sorted(issue_ids)
        for start in range(0, len(issue_ids_list), CHUNK):
            for pk, issue_id, position in Article.objects.filter(
                issue_id__in=issue_ids_list[start : start + CHUNK]
            ).values_list("pk", "issue_id", "position"):
                if pk not in moving:
                    taken[(issue_id, position)] = f"已被文章 {pk} 占用"
        clashes: dict[int, dict[str, str]] = {}
        for change in self.changes:
            key = (change.article.issue_id, change.article.position)
            if key in taken:
                clashes[change.row] = {"版内顺序": f"该期的第 {key[1]} 个位置{taken[key]}"}
            else:
                taken[key] = f"与第 {sheet_row(change.row)} 行重复"
        return clashes


# --- Photos ---------------------------------------------------------------------------------


class ArticlePlaceField(SheetField):
    def __init__(self) -> None:
        super().__init__("article", "所配文章", IntegerWidget(), width=10)
        self.places: dict[tuple[int, int], int] = {}

    def clean(self, row: dict, **kwargs: Any) -> Any:
        return self.widget.clean(row.get(self.column_name))

    def save(self, instance: Photo, row: dict, is_m2m: bool = False, **kwargs: Any) -> None:
        position = self.clean(row)
        if position is None:
            instance.article = None
            return
        article_id = self.places.get((instance.issue_id, position))
        if article_id is None:
            raise ValueError(f"该期没有版内顺序为 {position} 的文章")
        instance.article_id = article_id

    def get_value(self, instance: Photo) -> int | None:
        return instance.article_id

    def export(self, instance: Photo, **kwargs: Any) -> int | str:
        return instance.article.position if instance.article_id else ""




class PhotoResource(SpreadsheetResource):
    sheet_label = "图片"
    add_permission = "articles.add_photo"
    related_attributes = ("photographers",)

    id = SheetField("id", "编号", IntegerWidget(), readonly=True, width=8)
    issue = NaturalKeyField(version_column="源文件版本", aliases=("source_name",))
    source_version = SheetField(
        "issue__source_version", "源文件版本", IntegerWidget(), readonly=True, width=8
    )
    position = SheetField("position", "版内顺序", IntegerWidget(required=True), width=8)
    # The article's place in the photo's issue (its 版内顺序), not a database id.
    article = ArticlePlaceField()
    title = SheetField("title", "图片标题", TextWidget(max_length=200), width=20)
    caption = SheetField("caption", "图片说明", TextWidget(required=True), width=50)
    photographers = RelatedField("photographers", "摄影", CreditsWidget(titles=False), width=16)
    image = SheetField("image", "图片文件", info=True, width=24)

    class Meta:
        model = Photo
        fields = (
            "id", "issue", "source_version", "position", "article", "title", "caption",
            "photographers", "image",
        )
        import_id_fields = ("id",)
        instance_loader_class = SheetInstanceLoader
        skip_unchanged = True
        report_skipped = True

    def with_related_columns(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("issue", "article").defer(
            "ocr_text", "issue__ocr_text", "issue__unplaced", "issue__import_errors",
            "article__ocr_text", "article__body",
        )

    def load_queryset(self) -> QuerySet:
        return self.with_related_columns(Photo.objects.all())

    def related_values(self, pks: Any) -> dict[str, dict[int, Any]]:
        through = Photo.photographers.through
        photographers: dict[int, list[Credit]] = defaultdict(list)
        for photo_id, person_id, name in (
            through.objects.filter(photo_id__in=pks)
            .order_by("photo_id", "pk")
            .values_list("photo_id", "person_id", "person__name")
        ):
            photographers[photo_id].append(Credit(name, "", person_id))
        return {"photographers": {pk: tuple(v) for pk, v in photographers.items()}}

    def prepare(self, dataset: tablib.Dataset) -> None:
        super().prepare(dataset)
        issues = load_issues(dataset, self.fields["issue"].column_name)
        self.fields["issue"].issues = issues
        self.fields["article"].places = {
            (issue_id, position): pk
            for pk, issue_id, position in Article.objects.filter(
                issue_id__in=[i.pk for i in issues.values()]
            ).values_list("pk", "issue_id", "position")
        }

    def save_related(self, instance: Photo, pending: dict[str, Any]) -> None:
        if "photographers" in pending:
            credits = pending["photographers"]
            ids = create_people(c.name for c in credits if c.person_id is None)
            instance.photographers.set([c.person_id or ids[c.name] for c in credits])
