"""The photos sheet: caption, title, photographers, and the article a photo belongs to named
by its place in the photo's issue (its 版内顺序), never by a database id."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import tablib
from django.db.models import QuerySet

from articles.models import Article, Photo
from articles.sheets.base.fields import NaturalKeyField, RelatedField, SheetField, load_issues
from articles.sheets.base.loader import SheetInstanceLoader
from articles.sheets.base.resource import SpreadsheetResource
from articles.sheets.base.widgets import CreditsWidget, IntegerWidget, TextWidget
from articles.sheets.refs import Credit
from articles.sheets.saving import create_people


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
