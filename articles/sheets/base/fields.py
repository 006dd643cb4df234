"""Columns: a Chinese header, the model field behind it, and how its related rows are read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import tablib
from django.db.models import Model
from import_export import fields as ie_fields
from import_export import widgets

from articles.models import Article, Issue
from articles.sheets.base.names import cell_text
from articles.sheets.base.widgets import (
    CHUNK,
    PUBLISHED_IS_NOT_A_STATE,
    IntegerWidget,
    ProofreadingWidget,
    TextWidget,
    proofreading,
    searchable,
)

PENDING = "_sheet_pending"  # instance.__dict__ key: values read from the file, not yet saved
CURRENT = "_sheet_current"  # instance.__dict__ key: related values as stored now


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


class ProofreadingField(SheetField):
    """The article's status column: the proofreading state, never "published".

    A cell naming the state already stored changes nothing (an article still stored with the
    old value "published" keeps it, so an unchanged file imports as unchanged); 已发布 is
    refused wherever it would be written: publishing is the 公开 column's, and the desk would
    read the value as 未校对.
    """

    def __init__(self, attribute: str, column_name: str, **kwargs: Any) -> None:
        super().__init__(attribute, column_name, ProofreadingWidget(), **kwargs)

    def save(self, instance: Model, row: dict, is_m2m: bool = False, **kwargs: Any) -> None:
        if self.readonly:
            return
        value = self.clean(row, **kwargs)
        stored = getattr(instance, self.attribute)
        if value == Article.Status.PUBLISHED:
            if stored == Article.Status.PUBLISHED:
                return
            raise ValueError(PUBLISHED_IS_NOT_A_STATE)
        if proofreading(value) != proofreading(stored):
            setattr(instance, self.attribute, value)


class NaturalKeyField(SheetField):
    """An issue named by its source file, with the version from the next column."""

    def __init__(self, *, version_column: str, **kwargs: Any) -> None:
        super().__init__("issue", "源文件", TextWidget(strip=True), width=26, **kwargs)
        self.version_column = version_column
        self.issues: dict[tuple[str, int], Issue] = {}

    def key(self, row: dict) -> tuple[str, int] | None:
        name = cell_text(row.get(self.column_name)).strip()
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
    names = searchable({cell_text(v).strip() for v in dataset[column]} - {""})
    issues = {}
    for start in range(0, len(names), CHUNK):
        for issue in Issue.objects.filter(source_name__in=names[start : start + CHUNK]).only(
            "source_name", "source_version", "issue_date", "date_precision"
        ):
            issues[(issue.source_name, issue.source_version)] = issue
    return issues
