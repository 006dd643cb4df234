"""The people sheet: names, OCR aliases (``|`` between them) and notes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import tablib
from django.db.models import Count, QuerySet

from articles.sheets.base.fields import RelatedField, SheetField
from articles.sheets.base.loader import SheetInstanceLoader
from articles.sheets.base.names import cell_text, names_in
from articles.sheets.base.resource import SpreadsheetResource
from articles.sheets.base.widgets import CHUNK, IntegerWidget, NamesWidget, TextWidget, searchable
from articles.sheets.errors import sheet_row
from people.models import Person, PersonAlias


class PersonResource(SpreadsheetResource):
    sheet_label = "人物"
    add_permission = "people.add_person"
    related_attributes = ("aliases",)

    id = SheetField("id", "编号", IntegerWidget(), readonly=True, width=8)
    name = SheetField("name", "姓名", TextWidget(max_length=50, required=True, strip=True), width=12)
    aliases = RelatedField(
        "aliases", "别名",
        NamesWidget(max_length=PersonAlias._meta.get_field("name").max_length, what="别名"), width=20,
    )
    note = SheetField("note", "备注", TextWidget(), width=40)
    article_count = SheetField("article_count", "文章数", IntegerWidget(), readonly=True, width=8)

    class Meta:
        model = Person
        fields = ("id", "name", "aliases", "note", "article_count")
        import_id_fields = ("id",)
        instance_loader_class = SheetInstanceLoader
        skip_unchanged = True
        report_skipped = True

    def with_related_columns(self, queryset: QuerySet) -> QuerySet:
        return queryset.annotate(article_count=Count("articles", distinct=True))

    def related_values(self, pks: Any) -> dict[str, dict[int, Any]]:
        aliases: dict[int, list[str]] = defaultdict(list)
        for person_id, name in PersonAlias.objects.filter(person_id__in=pks).values_list(
            "person_id", "name"
        ):
            aliases[person_id].append(name)
        return {"aliases": {pk: tuple(sorted(names)) for pk, names in aliases.items()}}

    def prepare(self, dataset: tablib.Dataset) -> None:
        super().prepare(dataset)
        names: set[str] = set()
        if "姓名" in dataset.headers:
            names.update(cell_text(v).strip() for v in dataset["姓名"])
        if "别名" in dataset.headers:
            names.update(names_in(dataset["别名"]))
        names.discard("")
        wanted = searchable(names)
        self.owners: dict[str, tuple[int, str]] = {}  # a name or alias → (person id, what)
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            for pk, name in Person.objects.filter(name__in=chunk).values_list("pk", "name"):
                self.owners[name] = (pk, "姓名")
            for person_id, name in PersonAlias.objects.filter(name__in=chunk).values_list(
                "person_id", "name"
            ):
                self.owners[name] = (person_id, "别名")
        self.in_file: dict[str, int] = {}

    def check_names(self, instance: Person) -> dict[str, str]:
        """A name or alias belongs to one person only (in the archive and in the file)."""
        errors: dict[str, str] = {}
        aliases = self.fields["aliases"].get_value(instance)
        if instance.name in aliases:
            errors["别名"] = f"“{instance.name}”已是姓名，不必再作别名"
        for column, value in (("姓名", instance.name), *(("别名", a) for a in aliases)):
            owner = self.owners.get(value)
            if owner is not None and owner[0] != instance.pk:
                errors[column] = (
                    f"“{value}”已是编号 {owner[0]} 的人物的{owner[1]}：同一人请在后台“合并人物”"
                )
            elif value in self.in_file:
                errors[column] = f"“{value}”与第 {sheet_row(self.in_file[value])} 行重复"
            self.in_file[value] = self.current_row
        return errors

    def check_new_row(self, instance: Person, row: dict) -> dict[str, str]:
        return super().check_new_row(instance, row) or self.check_names(instance)

    def check_changed_row(
        self, instance: Person, original: Person, row: dict, changed: list[str]
    ) -> dict[str, str]:
        return self.check_names(instance) if changed else {}

    def save_related(self, instance: Person, pending: dict[str, Any]) -> None:
        if "aliases" not in pending:
            return
        wanted = set(pending["aliases"])
        PersonAlias.objects.filter(person=instance).exclude(name__in=wanted).delete()
        have = set(PersonAlias.objects.filter(person=instance).values_list("name", flat=True))
        PersonAlias.objects.bulk_create(
            [PersonAlias(person=instance, name=name) for name in sorted(wanted - have)]
        )
