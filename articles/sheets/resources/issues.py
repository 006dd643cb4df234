"""The issues sheet: one row per imported issue, named by its source file and version (issues
are created by importing OCR files, never from a spreadsheet)."""

from __future__ import annotations

from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Count, Model, QuerySet

from articles.models import Issue
from articles.sheets.base.fields import SheetField
from articles.sheets.base.loader import SheetInstanceLoader
from articles.sheets.base.names import cell_text
from articles.sheets.base.resource import SpreadsheetResource
from articles.sheets.base.widgets import (
    CHUNK,
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    TextWidget,
    searchable,
)


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
        name = cell_text(row.get("源文件")).strip()
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
        names = searchable(name for name, _ in keys)
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
