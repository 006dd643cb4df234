"""Lay an issue out on newspaper pages: masthead, bands of article modules, photos.

A page is cut into horizontal bands; a band holds one to three modules side by side, and a
module is an article (its headline group spanning all its columns, the body flowing down its
columns, balanced) or a photo (a picture box with its caption). That is how a Chinese local
paper is made up, and it gives the reading-order step what real pages give it: headlines
spanning columns, columns side by side, articles beside articles. Deterministic: the only
choices come from a seeded ``random.Random``.

Geometry only: ``render`` draws the result.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from articles.ocr.types import ParsedArticle, ParsedIssue, ParsedPhoto

from .fonts import font
from .punctuation import full_width
from .types import Box
from .typeset import SetLine, fit_size, set_paragraph

PAPERS = {"A3": (297.0, 420.0, 6), "A4": (210.0, 297.0, 4), "A5": (148.0, 210.0, 3)}
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True, slots=True)
class PageSpec:
    width_mm: float = 297.0
    height_mm: float = 420.0
    dpi: int = 300
    columns: int = 6
    body_pt: float = 9.5
    margin_mm: float = 14.0
    gutter_mm: float = 4.0
    leading: float = 1.6  # line pitch in ems

    @classmethod
    def paper(cls, name: str, *, dpi: int = 300, columns: int | None = None, **kw) -> PageSpec:
        w, h, cols = PAPERS[name]
        return cls(width_mm=w, height_mm=h, dpi=dpi, columns=columns or cols, **kw)

    def px(self, mm: float) -> int:
        return round(mm / 25.4 * self.dpi)

    @property
    def width(self) -> int:
        return self.px(self.width_mm)

    @property
    def height(self) -> int:
        return self.px(self.height_mm)

    @property
    def body_size(self) -> int:
        return round(self.body_pt / 72 * self.dpi)

    @property
    def pitch(self) -> int:
        return round(self.body_size * self.leading)

    @property
    def gutter(self) -> int:
        return self.px(self.gutter_mm)

    @property
    def column_width(self) -> int:
        inner = self.width - 2 * self.px(self.margin_mm)
        return (inner - (self.columns - 1) * self.gutter) // self.columns

    def span_width(self, span: int) -> int:
        return span * self.column_width + (span - 1) * self.gutter


@dataclass(slots=True)
class Placed:
    """A set line at its place on the page (``x`` left edge, ``baseline`` in pixels)."""

    line: SetLine
    kind: str  # font face
    size: int
    x: float
    baseline: float
    role: str
    block: int = 0
    article: int | None = None
    photo: int | None = None
    paragraph_start: bool = False

    def box(self) -> Box:
        f = font(self.kind, self.size)
        first_x = self.line.tokens[0][0]
        last_x, last = self.line.tokens[-1]
        _, top, _, bottom = f.getbbox("国", anchor="ls")
        return (
            math.floor(self.x + first_x),
            math.floor(self.baseline + top),
            math.ceil(self.x + last_x + f.getlength(last)),
            math.ceil(self.baseline + bottom),
        )


@dataclass(slots=True)
class PageLayout:
    number: int
    width: int
    height: int
    lines: list[Placed] = field(default_factory=list)
    photos: list[Box] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)  # thin lines between bands and modules


@dataclass(slots=True)
class _Piece:
    """One module laid out at the origin: lines, photos, its size; lines carry block offsets."""

    width: int
    height: int
    lines: list[Placed]
    photos: list[Box]
    blocks: int  # how many reading blocks it holds
    rest: _Item | None = None  # what did not fit, continued on the next page


@dataclass(slots=True)
class _Item:
    article: int | None = None
    photo: int | None = None
    paragraphs: list[str] = field(default_factory=list)
    heads: list[tuple[str, str]] = field(default_factory=list)  # (role, text)
    byline: str | None = None  # a feature byline on its own line
    continued: bool = False

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.paragraphs) + 40 * len(self.heads)


def article_item(index: int, article: ParsedArticle) -> _Item:
    heads = [
        (role, full_width(text))
        for role, text in (
            ("section", article.section),
            ("kicker", article.kicker),
            ("headline", article.headline),
            ("subheadline", article.subheadline),
        )
        if text
    ]
    paragraphs = [full_width(p) for p in article.body.split("\n") if p.strip()]
    byline = None
    if article.byline and article.byline.startswith("本报讯"):
        # A news byline opens the first paragraph: 本报讯（通讯员…）近日，…
        paragraphs[:1] = [full_width(article.byline) + (paragraphs[0] if paragraphs else "")]
    elif article.byline:
        byline = full_width(article.byline)
    return _Item(article=index, paragraphs=paragraphs, heads=heads, byline=byline)


def photo_item(index: int, photo: ParsedPhoto) -> _Item:
    credit = f"（{' '.join(photo.photographers)} 摄）" if photo.photographers else ""
    heads = [("photo_title", full_width(photo.title))] if photo.title else []
    return _Item(photo=index, paragraphs=[full_width(photo.caption) + credit], heads=heads)


class Composer:
    def __init__(self, spec: PageSpec, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng
        s = spec.body_size
        self.sizes = {
            "masthead": round(s * 4.2),
            "date": round(s * 1.1),
            "section": round(s * 1.15),
            "kicker": round(s * 1.45),
            "headline": round(s * 2.3),
            "subheadline": round(s * 1.45),
            "photo_title": round(s * 1.5),
            "byline": s,
            "body": s,
            "caption": round(s * 0.85),
        }

    # -- one module ---------------------------------------------------------------------------

    def lay_item(self, item: _Item, span: int, max_height: int | None = None) -> _Piece:
        spec = self.spec
        width = spec.span_width(span)
        lines: list[Placed] = []
        photos: list[Box] = []
        y = 0.0
        block = 0
        heads = item.heads if not item.continued else []
        for role, text in heads:
            kind = "label" if role == "section" else "head"
            size = self.sizes[role]
            if role in ("headline", "photo_title"):
                size = fit_size(text, kind, width, size, round(self.sizes["kicker"] * 1.25))
            f = font(kind, size)
            set_lines = set_paragraph(text, f, width, justify=False, hang=False)
            if len(set_lines) > 1:
                # Wrapped headlines are balanced, never a line with one character left over.
                even = sum(sl.width for sl in set_lines) / len(set_lines) + size
                balanced = set_paragraph(text, f, min(width, even), justify=False, hang=False)
                if len(balanced) == len(set_lines):
                    set_lines = balanced
            for sl in set_lines:
                y += size * 1.35
                x = 0.0 if role == "section" else (width - sl.width) / 2
                lines.append(Placed(sl, kind, size, x, y, role, block, item.article, item.photo))
        if heads:
            y += spec.pitch * 1.1
            block += 1
        if item.photo is not None and not item.continued:
            h = min(round(width * self.rng.uniform(0.55, 0.7)), spec.height // 3)
            photos.append((0, round(y), width, round(y) + h))
            y += h + spec.pitch * 0.3
        body_kind, body_size, role = "body", self.sizes["body"], "body"
        if item.photo is not None:
            body_kind, body_size, role = "label", self.sizes["caption"], "caption"
        f = font(body_kind, body_size)
        pitch = round(body_size * spec.leading)
        if item.byline and not item.continued:
            sl = set_paragraph(item.byline, font("body_bold", body_size), width, justify=False)
            for line in sl:
                y += pitch
                lines.append(Placed(line, "body_bold", body_size, 0, y, "byline", block, item.article))
            block += 1
        # Captions run across the module; article text is set in columns.
        columns = 1 if item.photo is not None else span
        col_width = width if item.photo is not None else spec.column_width
        set_lines: list[tuple[SetLine, bool]] = []
        for p_index, paragraph in enumerate(item.paragraphs):
            indent = 0.0 if (item.photo is not None or (item.continued and p_index == 0)) else 2.0
            parts = set_paragraph(paragraph, f, col_width, indent_em=indent, hang=False)
            set_lines.extend((sl, k == 0 and indent > 0) for k, sl in enumerate(parts))
        per_column = max(1, math.ceil(len(set_lines) / columns))
        rest = None
        if max_height is not None:
            room = int((max_height - y) // pitch)
            if room < per_column and room > 0:
                per_column = max(room, 0)
                taken = per_column * columns
                if taken < len(set_lines):
                    rest = self._rest(item, set_lines[taken:])
                    set_lines = set_lines[:taken]
        ascent = -f.getbbox("国", anchor="ls")[1]
        top = y
        for c in range(columns):
            chunk = set_lines[c * per_column : (c + 1) * per_column]
            if not chunk:
                break
            x = c * (spec.column_width + spec.gutter)
            for k, (sl, starts) in enumerate(chunk):
                baseline = top + ascent + k * pitch
                lines.append(Placed(sl, body_kind, body_size, x, baseline, role, block, item.article, item.photo, starts))
            block += 1
        height = top + per_column * pitch if set_lines else y
        return _Piece(width, math.ceil(height), lines, photos, block, rest)

    def _rest(self, item: _Item, left: list[tuple[SetLine, bool]]) -> _Item:
        # Rebuild the unset text from the lines that did not fit, paragraph by paragraph.
        paragraphs: list[str] = []
        for sl, starts in left:
            if starts or not paragraphs:
                paragraphs.append("")
            paragraphs[-1] += "".join(t for _, t in sl.tokens)
        return _Item(article=item.article, photo=item.photo, paragraphs=paragraphs, continued=True)

    # -- pages --------------------------------------------------------------------------------

    def masthead(self, issue: ParsedIssue) -> list[tuple[str, str, str, int]]:
        if not issue.masthead:
            return []
        parts = []
        if issue.date and issue.date_source == "masthead":
            d = issue.date
            parts.append(f"{d.year}年{d.month}月{d.day}日 星期{_WEEKDAYS[dt.date.weekday(d)]}")
        if issue.lunar_date:
            parts.append(f"农历{issue.lunar_date}")
        if issue.number:
            parts.append(f"第{issue.number}期")
        out = [("masthead", issue.masthead, "head", self.sizes["masthead"])]
        if parts:
            out.append(("date", "  ".join(parts), "label", self.sizes["date"]))
        return out

    def pages(self, issue: ParsedIssue) -> list[PageLayout]:
        spec = self.spec
        items = [(a.first_line, 0, article_item(i, a)) for i, a in enumerate(issue.articles)]
        items += [(p.first_line, 1, photo_item(i, p)) for i, p in enumerate(issue.photos)]
        queue = [item for _, _, item in sorted(items, key=lambda t: (t[0], t[1]))]
        margin = spec.px(spec.margin_mm)
        bottom = spec.height - margin
        pages: list[PageLayout] = []
        page = PageLayout(1, spec.width, spec.height)
        y = margin
        for number, (role, text, kind, size) in enumerate(self.masthead(issue)):
            f = font(kind, size)
            sl = set_paragraph(text, f, spec.width - 2 * margin, justify=False)[0]
            y += size * (1.15 if role == "masthead" else 1.8)
            page.lines.append(Placed(sl, kind, size, (spec.width - sl.width) / 2, y, role, number))
        block = len(page.lines)  # the masthead and its date line are a block each
        if page.lines:
            y += spec.pitch * 0.5
            page.rules.append((margin, round(y), spec.width - margin, round(y) + max(2, spec.dpi // 100)))
            y += spec.pitch
        while queue:
            band = self._band(queue)
            pieces, spans = self._fit(band, bottom - y)
            if pieces is None and (bottom - y) > spec.height / 4 and band[0].photo is None:
                # Plenty of room left: start the article here and continue it overleaf.
                band = band[:1]
                piece = self.lay_item(band[0], spec.columns, max_height=bottom - y)
                if piece.lines and piece.height <= bottom - y:
                    pieces, spans = [piece], [spec.columns]
            if pieces is None:
                if page.lines or page.photos:
                    pages.append(page)
                    page = PageLayout(len(pages) + 1, spec.width, spec.height)
                    y, block = margin, 0
                    continue
                # Even a whole page is too short for the first module: set what fits, go on.
                band = band[:1]
                piece = self.lay_item(band[0], spec.columns, max_height=bottom - y)
                pieces, spans = [piece], [spec.columns]
            for item in reversed(band):
                queue.remove(item)
            for piece in reversed(pieces):
                if piece.rest is not None:
                    queue.insert(0, piece.rest)
            x = margin
            height = max(p.height for p in pieces)
            for n, (piece, span) in enumerate(zip(pieces, spans, strict=True)):
                for line in piece.lines:
                    line.x += x
                    line.baseline += y
                    line.block += block
                    page.lines.append(line)
                page.photos.extend((bx + x, by + round(y), ex + x, ey + round(y)) for bx, by, ex, ey in piece.photos)
                block += piece.blocks
                x += spec.span_width(span) + spec.gutter
                if n < len(pieces) - 1:
                    gx = x - spec.gutter // 2
                    page.rules.append((gx, round(y), gx + 1, round(y + height)))
            y += height + spec.pitch * 1.2
            if queue and y < bottom - spec.pitch * 3:
                page.rules.append((margin, round(y - spec.pitch * 0.6), spec.width - margin, round(y - spec.pitch * 0.6) + 1))
            if y >= bottom - spec.pitch * 3 and queue:
                pages.append(page)
                page = PageLayout(len(pages) + 1, spec.width, spec.height)
                y, block = margin, 0
        if page.lines or page.photos:
            pages.append(page)
        return pages

    def _band(self, queue: list[_Item]) -> list[_Item]:
        cols = self.spec.columns
        most = 1 if cols < 4 else (2 if cols < 6 else 3)
        k = self.rng.choice([1, 1, 2, 2, 3][: 2 + 2 * (most >= 2) + (most >= 3)])
        return queue[: max(1, min(k, most, len(queue)))]

    def _spans(self, band: list[_Item]) -> list[int]:
        cols = self.spec.columns
        if len(band) == 1:
            item = band[0]
            if item.photo is not None and cols >= 4:
                return [max(2, cols // 2)]
            return [cols]
        # Columns in proportion to the text, so the modules of a band end near each other.
        total = sum(i.size for i in band)
        spans = [max(2, round(cols * i.size / total)) for i in band]
        while sum(spans) > cols:
            spans[spans.index(max(spans))] -= 1
        while sum(spans) < cols:
            spans[spans.index(min(spans))] += 1
        return spans

    def _fit(self, band: list[_Item], room: float) -> tuple[list[_Piece] | None, list[int]]:
        """Lay the band out; fall back to fewer modules, then to none (a new page)."""
        for size in range(len(band), 0, -1):
            spans = self._spans(band[:size])
            pieces = [self.lay_item(item, span) for item, span in zip(band[:size], spans, strict=True)]
            if max(p.height for p in pieces) <= room:
                del band[size:]
                return pieces, spans
        return None, []


def compose(issue: ParsedIssue, spec: PageSpec, *, seed: int = 0) -> list[PageLayout]:
    """The issue laid out on pages; the same issue, spec and seed always give the same pages."""
    return Composer(spec, random.Random(seed)).pages(issue)
