"""Cell widgets: one value in, one value out, and a message an editor understands.

The people and tag widgets look names up in directories filled before the first row (a few
queries per thousand names), never one query per cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from import_export import widgets

from articles.models import Article, ArticlePerson, Tag
from articles.sheets.base.names import (
    cell_text,
    parse_people_cell,
    render_credits,
    render_names,
    split_names,
)
from articles.sheets.refs import Credit, TagRef, by_name
from people.models import Person, PersonAlias

CHUNK = 1000  # names or rows per query when loading what a file refers to
CREATE_MISSING_HINT = "（如确需新建，请在导入时选择“创建不存在的人物和标签”，命令行加 --create-missing）"


def searchable(values: Iterable[str]) -> list[str]:
    """The distinct values worth looking up, sorted. PostgreSQL text cannot hold a NUL (and
    refuses one as a query parameter), so there a value with one cannot exist and is not
    looked for; the row that names it gets its error when it is imported."""
    if connection.vendor == "postgresql":
        return sorted({v for v in values if "\x00" not in v})
    return sorted(set(values))


class TextWidget(widgets.Widget):
    def __init__(self, *, max_length: int | None = None, required: bool = False, strip: bool = False):
        super().__init__()
        self.max_length, self.required, self.strip = max_length, required, strip

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = cell_text(value)
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
            raise ValueError(f"“{cell_text(value)}”不是整数")
        if isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        else:
            text = cell_text(value).strip()
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
        text = cell_text(value).strip()
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
        text = cell_text(value).strip().lower()
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
        text = cell_text(value).strip()
        if not text and self.allow_blank:
            return ""
        if text in self.values:
            return self.values[text]
        if text.lower() in self.labels:
            return text.lower()
        raise ValueError(f"“{text}”不是可选的值：只能是 {'、'.join(self.values)}")

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return self.labels.get(value, value or "")


#: The status column is how far proofreading has got, named as the desk names it. Whether
#: readers see an article is the 公开 column alone; the old combined value "published" is
#: shown as 未校对 (publishing never recorded that anyone had read the text).
PROOFREADING_LABELS = {
    Article.Status.IMPORTED.value: "未校对",
    Article.Status.NEEDS_REVIEW.value: "需复查",
    Article.Status.CORRECTED.value: "已校对",
    Article.Status.PUBLISHED.value: "未校对",
}
PUBLISHED_IS_NOT_A_STATE = (
    "“已发布”不是校对状态：状态列只能写 未校对、需复查 或 已校对；"
    "读者能否看到文章由“公开”列决定（只有主编可以发布或撤回）"
)


def proofreading(status: str) -> str:
    """The proofreading state a stored status stands for ("published" → 未校对)."""
    return Article.Status.IMPORTED.value if status == Article.Status.PUBLISHED else status


class ProofreadingWidget(widgets.Widget):
    """未校对 / 需复查 / 已校对. Files exported before status and publication were separate say
    已导入, 待审核 or 已发布, and the stored values are accepted too: 已发布 is read as the old
    value "published", for the column to refuse wherever it would be written."""

    #: cell → stored value; the desk's names first, then the old ones
    VALUES = {
        **{label: value for value, label in Article.Status.choices},
        **{label: value for value, label in PROOFREADING_LABELS.items() if value != Article.Status.PUBLISHED},
        **{value: value for value in Article.Status.values},
    }

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = cell_text(value).strip()
        found = self.VALUES.get(text, self.VALUES.get(text.lower()))
        if found is None:
            raise ValueError(f"“{text}”不是校对状态：只能是 未校对、需复查 或 已校对")
        return found

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return PROOFREADING_LABELS.get(value, value or "")


class NamesWidget(TextWidget):
    """Names separated by ``|`` (a person's aliases): sorted, each at most ``max_length``."""

    def __init__(self, *, max_length: int, what: str) -> None:
        super().__init__()
        self.name_length, self.what = max_length, what

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> tuple[str, ...]:
        names = split_names(cell_text(value))
        for name in names:
            if len(name) > self.name_length:
                raise ValueError(f"{self.what}“{name}”太长（最多 {self.name_length} 个字）")
        if len(set(names)) != len(names):
            raise ValueError(f"同一个{self.what}写了两次")
        return tuple(sorted(names))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return render_names(value or ())


# --- People and tags, by name ---------------------------------------------------------------


class PeopleDirectory:
    """Names (and OCR aliases) in a file → people, loaded in a few queries up front."""

    def __init__(self) -> None:
        self.people: dict[str, tuple[int, str]] = {}

    def load(self, names: Iterable[str]) -> None:
        wanted = searchable(set(names) - self.people.keys())
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
        wanted = searchable(set(names) - self.tags.keys())
        for start in range(0, len(wanted), CHUNK):
            self.tags.update(
                Tag.objects.filter(name__in=wanted[start : start + CHUNK]).values_list("name", "pk")
            )


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
        for name in split_names(cell_text(value)):
            if len(name) > Tag._meta.get_field("name").max_length:
                raise ValueError(f"标签“{name}”太长（最多 50 个字）")
            tag_id = self.directory.tags.get(name)
            if tag_id is None and not self.create_missing:
                unknown.append(name)
            tags[name] = TagRef(name, tag_id)
        if unknown:
            names = "、".join(f"“{n}”" for n in unknown)
            raise ValueError(f"标签 {names} 不存在：请核对写法，或先在“标签”中添加{CREATE_MISSING_HINT}")
        return tuple(sorted(tags.values(), key=by_name))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return render_names(t.name for t in value or ())
