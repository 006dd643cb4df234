"""The tags sheet: name and web name (slug), each unique in the archive and in the file."""

from __future__ import annotations

import tablib
from django.db.models import Count, QuerySet
from django.utils.text import slugify

from articles.models import Tag
from articles.sheets.base.fields import SheetField
from articles.sheets.base.loader import SheetInstanceLoader
from articles.sheets.base.names import cell_text
from articles.sheets.base.resource import SpreadsheetResource
from articles.sheets.base.widgets import IntegerWidget, TextWidget, searchable
from articles.sheets.errors import sheet_row


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
        names = [cell_text(v).strip() for v in dataset["标签"]] if "标签" in dataset.headers else []
        slugs = [cell_text(v).strip() for v in dataset["网址名"]] if "网址名" in dataset.headers else []
        self.taken_names = dict(Tag.objects.filter(name__in=searchable(n for n in names if n)).values_list("name", "pk"))
        self.taken_slugs = dict(Tag.objects.filter(slug__in=searchable(s for s in slugs if s)).values_list("slug", "pk"))
        self.names_in_file: dict[str, int] = {}
        self.slugs_in_file: dict[str, int] = {}

    def check_unique(self, instance: Tag) -> dict[str, str]:
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
