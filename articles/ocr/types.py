"""Plain data produced by the OCR parser.

These dataclasses are the contract between the pure parser (no Django) and the
loader that writes them to the database, the ``--json`` report and the
synthetic-corpus generator. Keep them free of Django imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class DateSource(StrEnum):
    MASTHEAD = "masthead"  # printed on the masthead (e.g. a lunar date)
    INFERRED = "inferred"  # inferred from years/datelines in the text
    EDITOR = "editor"  # set by an editor (never produced by the parser)


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Role(StrEnum):
    CORRESPONDENT = "correspondent"  # byline: 通讯员 / 记者 / 特约记者
    PHOTOGRAPHER = "photographer"  # （… 摄）
    MENTIONED = "mentioned"  # named in the body


@dataclass(frozen=True, slots=True)
class Misreading:
    """A name the OCR most likely misread: its surname printed as a look-alike character that
    is no surname (划 for 刘, 玉 for 王). Reported for the OCR-hint pass; the text stays as
    printed."""

    printed: str  # as the text prints it, e.g. 划小明
    likely: str  # with the look-alike put right, e.g. 刘小明
    position: int = 0  # which character of the name is the look-alike


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named by the text, with the title the text gives them there."""

    name: str  # as printed
    role: Role
    title: str = ""  # e.g. 区委书记, 通讯员, 特约记者
    misread: Misreading | None = None  # the name is likely ``misread.likely``

    @property
    def likely_name(self) -> str:
        """The name as it most likely reads: the printed one unless it looks misread."""
        return self.misread.likely if self.misread is not None else self.name


@dataclass(slots=True)
class ParsedArticle:
    body: str  # text as printed, layout repaired (lines joined, paragraphs kept)
    ocr_text: str  # the verbatim source lines this article was built from
    kicker: str | None = None  # 引题
    headline: str | None = None  # 主题
    subheadline: str | None = None  # 副题
    section: str | None = None  # 栏目, e.g. 清廉荆州区
    byline: str | None = None  # raw byline as printed, e.g. 本报讯（通讯员王思奇）
    correspondents: list[PersonMention] = field(default_factory=list)
    dateline: str | None = None  # e.g. 5月11日 as printed
    dateline_date: dt.date | None = None  # resolved when the year is known
    people: list[PersonMention] = field(default_factory=list)  # mentioned in body
    first_line: int = 0  # 1-based line number in the source where it starts


@dataclass(slots=True)
class ParsedPhoto:
    caption: str
    ocr_text: str
    title: str | None = None
    photographers: list[str] = field(default_factory=list)
    # The credit as printed where it was cut off the caption (青石日报记者 A 摄): its names are
    # the photographers, its other words (the paper, the title) are kept here.
    credit: str | None = None
    article_index: int | None = None  # index into ParsedIssue.articles
    first_line: int = 0


@dataclass(slots=True)
class ParsedIssue:
    masthead: str | None = None  # e.g. 荆州区新闻
    date: dt.date | None = None
    date_source: DateSource | None = None
    date_precision: DatePrecision | None = None
    lunar_date: str | None = None  # as printed, e.g. 乙巳年七月初四
    number: str | None = None  # 期号 when printed
    articles: list[ParsedArticle] = field(default_factory=list)
    photos: list[ParsedPhoto] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # text the parser could not place
    errors: list[str] = field(default_factory=list)  # warnings about this issue

    def misread_names(self) -> dict[str, str]:
        """Names printed with a look-alike surname → the name each most likely is
        (划晓明 → 刘晓明), over every article's writers and people."""
        return {
            m.name: m.misread.likely
            for pa in self.articles
            for m in (*pa.correspondents, *pa.people)
            if m.misread is not None and m.misread.likely != m.name
        }
