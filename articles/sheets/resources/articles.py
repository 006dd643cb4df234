"""The article sheet: text, headline group, people in their roles with titles, tags, status.

An article's issue is named by its source file and version, people by name with their title
in brackets, tags by name (see ``articles.sheets.base.names``). Rows edited in the database
since the export (a higher version) are refused unless the row itself is unchanged. Rows are
written together after the last one, with people, tags and a revision each
(``articles.sheets.saving.save_imported_articles``); the export is in ``article_export``.

Review before publication holds here as on the desk: a change to the words of a published
article (``articles.revisions.TEXT_FIELDS``) by someone who may not publish is filed as a
revision waiting for a chief, and readers keep the approved words; the rest of the row (people,
tags, proofreading status, place) is written at once. The status column is the proofreading
state only: publishing is the 公开 column, for chiefs.
"""

from __future__ import annotations

from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from import_export.results import Result

from articles.models import Article, ArticleRevision
from articles.revisions import TEXT_FIELDS
from articles.sheets.base.fields import (
    CURRENT,
    PENDING,
    NaturalKeyField,
    ProofreadingField,
    RelatedField,
    SheetField,
    load_issues,
)
from articles.sheets.base.loader import SheetInstanceLoader
from articles.sheets.base.resource import SpreadsheetResource, current_user
from articles.sheets.base.widgets import (
    CHUNK,
    CreditsWidget,
    DateWidget,
    IntegerWidget,
    TagsWidget,
    TextWidget,
    YesNoWidget,
    proofreading,
)
from articles.sheets.errors import sheet_row
from articles.sheets.resources.article_export import FULL_ROW, ROLE_COLUMNS, ArticleExport
from articles.sheets.saving import ArticleChange, VersionConflict, save_imported_articles

#: article field → the snapshot key an ArticleRevision stores it under
SNAPSHOT_COLUMNS = {
    "kicker": "引题", "headline": "标题", "subheadline": "副题", "section": "栏目",
    "byline": "署名原文", "dateline": "消息日期", "body": "正文", "status": "状态",
    "is_published": "公开",
}
PUBLISH_PERMISSION = "articles.publish_article"
#: instance.__dict__ key: the words readers see, for a row whose new words wait for a chief
APPROVED = "_sheet_approved_text"
#: rows named one by one in the note on corrections waiting for a chief; the rest are counted
WAITING_ROWS_SHOWN = 20


def _credits_field(role: str, name: str, header: str) -> RelatedField:
    return RelatedField(f"credits_{role}", header, CreditsWidget(), aliases=(name,), width=24)


class ArticleResource(ArticleExport, SpreadsheetResource):
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
    status = ProofreadingField("status", "状态", width=8)
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
        self.waiting_rows: dict[int, int] = {}  # row number → article whose words wait for a chief

    def required_columns(self) -> list[str]:
        return ["编号", "版本号"]

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
            # What the row held at that version: a pending revision's words never were.
            for article_id, version, snapshot in (
                ArticleRevision.objects.filter(
                    article_id__in=chunk,
                    version__in=set(chunk.values()),
                    review=ArticleRevision.Review.LIVE,
                )
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
        return errors

    def may_publish(self) -> bool:
        return self.user is None or self.user.has_perm(PUBLISH_PERMISSION)

    def check_changed_row(self, instance: Article, original: Article, row: dict, changed: list[str]) -> dict[str, str]:
        if original.is_published and not self.may_publish():
            # New words for this article wait for a chief: keep the ones readers see.
            instance.__dict__[APPROVED] = {name: getattr(original, name) for name in TEXT_FIELDS}
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
        return errors

    def untouched_since_export(self, instance: Article, original: Article, row: dict, version: int) -> bool:
        """Does the row still say what the article said at ``version`` (as its revision
        recorded it)? Columns a revision does not record are compared with the database."""
        snapshot = self.snapshots.get((original.pk, version))
        if snapshot is None:
            return False
        for name, column in SNAPSHOT_COLUMNS.items():
            if column not in row:
                continue
            now, then = getattr(instance, name), snapshot.get(name)
            if name == "status":
                now, then = proofreading(now), proofreading(then or "")
            if now != then:
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
        approved = instance.__dict__.get(APPROVED)
        waiting = {} if is_create or approved is None else {
            name: getattr(instance, name) for name in TEXT_FIELDS if name in fields
        }
        fields -= waiting.keys()  # the row keeps the approved words (saving files these)
        # 日期 (used for sorting) follows the dateline or the issue unless set by hand.
        derive = instance.date is None if is_create else (
            bool({"dateline_date", "issue_id"} & fields) and "日期" not in changed
        )
        if derive:
            # From the dateline readers see: a new one that waits for a chief does not count.
            dateline_date = approved["dateline_date"] if "dateline_date" in waiting else instance.dateline_date
            instance.date = dateline_date or instance.issue.issue_date
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
                waiting_text=waiting,
                approved_text=approved if waiting else {},
            )
        )
        if waiting:
            self.waiting_rows[kwargs["row_number"]] = instance.pk
        if not is_create:
            # What it will be once written (shown in the preview).
            instance.version = self.changes[-1].final_version()

    def save_m2m(self, instance: Article, row: dict, **kwargs: Any) -> None:
        """People and tags are written with the article in after_import."""

    def bulk_create(self, *args: Any, **kwargs: Any) -> None:
        """Not the library's bulk path: ours keeps people, tags and history (after_import)."""

    bulk_update = bulk_delete = bulk_create

    def after_import_row(self, row: dict, row_result: Any, **kwargs: Any) -> None:
        super().after_import_row(row, row_result, **kwargs)
        # The preview marks the rows whose words will wait for a chief.
        row_result.waits_for_chief = kwargs.get("row_number") in self.waiting_rows

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
                user=current_user(self, kwargs),
                comment=f"表格导入 {file_name}".strip()[:300],
            )
        except VersionConflict as conflict:
            for number, (expected, now) in conflict.rows.items():
                self.fail_row(result, number, {
                    "版本号": f"导入过程中这篇文章被别人修改了（第 {expected} 版 → 第 {now} 版）：请重新导出后再导入"
                })
            return
        result.waiting_for_chief = len(self.waiting_rows)
        if self.waiting_rows:
            self.notes.append(self.waiting_note())
        super().after_import(dataset, result, **kwargs)

    def waiting_note(self) -> str:
        rows = sorted(self.waiting_rows.items())
        named = "、".join(f"第 {sheet_row(n)} 行（文章 {pk}）" for n, pk in rows[:WAITING_ROWS_SHOWN])
        more = f"等 {len(rows)} 行" if len(rows) > WAITING_ROWS_SHOWN else ""
        return (
            f"{len(rows)} 篇已发布文章的文字修改待主编审核（主编批准之前，读者看到的仍是原来的文字；"
            f"人物、标签、状态等其余改动直接生效）：{named}{more}"
        )

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
