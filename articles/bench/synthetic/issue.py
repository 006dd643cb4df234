"""A generated issue, and how it prints as OCR text in the layout of the seeds it imitates."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from articles.bench.synthetic.material import MASTHEAD, MASTHEAD_LATIN, Layout


@dataclass(frozen=True, slots=True)
class SyntheticMention:
    name: str
    title: str = ""


@dataclass(slots=True)
class SyntheticArticle:
    """One generated article: what the parser should find, and what build_archive stores."""

    headline: str
    paragraphs: list[str]  # body paragraphs, full-width punctuation; the first is the lead
    byline: str  # as printed in canonical (full-width) form; "" for none
    correspondents: list[str]
    correspondent_title: str  # 通讯员 / 记者 / 特约记者
    feature: bool = False  # '□ 通讯员 …' under the headline instead of a 本报讯 byline
    kicker: str | None = None
    subheadline: str | None = None
    section: str | None = None
    dateline: str | None = None  # e.g. 5月11日, as printed at the start of the lead
    dateline_date: dt.date | None = None
    people: list[SyntheticMention] = field(default_factory=list)  # named in the body
    tags: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(slots=True)
class SyntheticPhoto:
    caption: str
    photographers: list[str]
    article_index: int | None = None  # the article it illustrates, when it sits inside one


@dataclass(slots=True)
class SyntheticIssue:
    index: int
    seed: int
    date: dt.date
    page: int
    layout: Layout
    articles: list[SyntheticArticle]
    photos: list[SyntheticPhoto]
    wrap_width: int
    masthead: str | None = None
    lunar_date: str | None = None

    @property
    def file_name(self) -> str:
        return f"s{self.seed}_{self.index:06d}.txt"

    @property
    def number(self) -> str:
        return f"第{self.index + 1}期"

    def render(self) -> str:
        """The issue as an OCR text file in its layout."""
        return "".join(text for _, text in self.render_chunks())

    def render_chunks(self) -> list[tuple[int | None, str]]:
        """The file's text in pieces, each with the index of the article it belongs to.

        ``None`` marks text outside any article (masthead, photos), so build_archive can store
        each article's verbatim OCR lines without parsing the file again.
        """
        return _Renderer(self).chunks()


_MARKDOWN_PUNCTUATION = str.maketrans({"，": ",", "（": "(", "）": ")", "；": ";", "：": ":", "“": '"', "”": '"'})
_LONGLINE_PUNCTUATION = str.maketrans({"，": ",", "（": "(", "）": ")"})
_NO_LINE_START = "，。、；：？！”’）》…,.;:?!)\""


class _Renderer:
    """Prints a SyntheticIssue in the layout of the seeds it imitates."""

    def __init__(self, issue: SyntheticIssue) -> None:
        self.issue = issue
        # Layout noise (column breaks, joined headline groups) is part of the issue's identity.
        self.rng = random.Random(f"newsroom-render:{issue.seed}:{issue.index}")
        self.out: list[tuple[int | None, str]] = []

    def chunks(self) -> list[tuple[int | None, str]]:
        issue = self.issue
        if issue.layout is Layout.MARKDOWN:
            self.emit(None, f"# {issue.masthead or MASTHEAD}\n\n{MASTHEAD_LATIN}\n\n")
            if issue.lunar_date:
                self.emit(None, f"{issue.lunar_date}\n\n")
        else:
            self.emit(None, "\n")
        # Photos sit between articles, as in the seeds (a caption never splits an article).
        slots: dict[int, list[SyntheticPhoto]] = {}
        for photo in issue.photos:
            slots.setdefault(self.rng.randint(0, len(issue.articles)), []).append(photo)
        for index, article in enumerate(issue.articles):
            for photo in slots.get(index, ()):
                self.photo(photo)
            self.article(index, article)
        for photo in slots.get(len(issue.articles), ()):
            self.photo(photo)
        return self.out

    def emit(self, owner: int | None, text: str) -> None:
        self.out.append((owner, text))

    # -- layout helpers ---------------------------------------------------------------------

    def punctuate(self, text: str) -> str:
        if self.issue.layout is Layout.MARKDOWN:
            return text.translate(_MARKDOWN_PUNCTUATION)
        if self.issue.layout is Layout.LONGLINE:
            return text.translate(_LONGLINE_PUNCTUATION)
        return text

    def wrap(self, text: str) -> list[str]:
        """Column lines of the issue's width; punctuation never starts a line (as typeset)."""
        width = self.issue.wrap_width
        lines: list[str] = []
        at = 0
        while at < len(text):
            end = min(at + width, len(text))
            while end < len(text) and text[end] in _NO_LINE_START:
                end += 1
            lines.append(text[at:end])
            at = end
        return lines or [""]

    def paragraph(self, text: str) -> str:
        """One paragraph as printed: wrapped lines, or a long line with OCR's join spaces."""
        text = self.punctuate(text)
        layout = self.issue.layout
        if layout is Layout.WRAPPED:
            lines = self.wrap(text)
            if len(lines) >= 6 and self.rng.random() < 0.1:
                # A column break: the paragraph goes on after a blank line.
                cut = self.rng.randint(2, len(lines) - 2)
                return "\n".join(lines[:cut]) + "\n\n" + "\n".join(lines[cut:]) + "\n"
            return "\n".join(lines) + "\n"
        if layout is Layout.MARKDOWN:
            # The seed joined its column lines with a space every 15-20 characters.
            pieces, at = [], 0
            while at < len(text):
                end = at + self.rng.randint(15, 20)
                # Numbers and Latin words stay whole; punctuation stays with the text before.
                while end < len(text) and (
                    text[end] in _NO_LINE_START or (text[end].isascii() and text[end - 1].isascii())
                ):
                    end += 1
                pieces.append(text[at:end])
                at = end
            return " ".join(pieces) + "\n"
        if len(text) > 120 and self.rng.random() < 0.1:
            cut = self.rng.randint(40, len(text) - 40)
            return f"{text[:cut]}\n\n{text[cut:]}\n"
        return text + "\n"

    # -- blocks ---------------------------------------------------------------------------

    def article(self, index: int, article: SyntheticArticle) -> None:
        layout = self.issue.layout
        parts: list[str] = []
        if article.section:
            parts.append(f"{article.section}\n\n")
        heads = [self.punctuate(h) for h in (article.kicker, article.headline, article.subheadline) if h]
        if layout is Layout.MARKDOWN:
            for text in heads:
                level = "##" if text == self.punctuate(article.headline) else "####"
                parts.append(f"{level} {text}\n\n")
        elif layout is Layout.LONGLINE and len(heads) > 1 and self.rng.random() < 0.4:
            parts.append(" ".join(heads) + "\n\n")  # a headline group printed on one line
        else:
            lead_space = " " if layout is Layout.WRAPPED and self.rng.random() < 0.3 else ""
            parts.append(lead_space + "\n".join(heads) + "\n")
            if layout is not Layout.WRAPPED or article.feature:
                parts.append("\n")
        if article.feature:
            parts.append(f"{article.byline}\n\n")
            first = article.paragraphs[0]
        else:
            first = article.byline + article.paragraphs[0]
        body = [first, *article.paragraphs[1:]]
        parts.append("\n".join(self.paragraph(p) for p in body))
        parts.append("\n")
        self.emit(index, "".join(parts))

    def photo(self, photo: SyntheticPhoto) -> None:
        credit = f"（{' '.join(photo.photographers)} 摄）"
        layout = self.issue.layout
        if layout is Layout.WRAPPED and self.rng.random() < 0.6:
            # The credit on a line of its own after a blank line (seeds 002 and 004).
            self.emit(None, "\n".join(self.wrap(photo.caption)) + f"\n\n{credit}\n\n")
            return
        text = self.paragraph(photo.caption).rstrip("\n")
        self.emit(None, f"{text} {self.punctuate(credit)}\n\n")
