"""Cut an issue's lines into headline regions, article bodies and photo captions.

The OCR gives lines in reading order but not the page layout: headlines may stand before or
after their body or in a block at the top, column breaks leave blank lines in the middle of
sentences, and captions sit between articles. This module only decides what each line *is*;
``headlines`` then decides which body each headline belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bylines import CREDIT_RE, has_credit, is_feature_byline, is_news_byline
from .text import cjk_count, ends_sentence, has_cjk, has_sentence_punct

_MD_RE = re.compile(r"^\s*(#{1,6})\s*")
MAX_HEAD_CHARS = 60
# A caption whose whole text block is this short is a photo story, not an article.
CAPTION_BLOCK_CHARS = 300


@dataclass(slots=True)
class Line:
    index: int  # position in Layout.lines
    number: int  # 1-based line number in the source
    raw: str
    text: str  # stripped, Markdown heading marks removed
    level: int = 0  # Markdown heading level, 0 when none
    blank_before: bool = False
    blank_after: bool = False


@dataclass(slots=True)
class HeadRegion:
    lines: list[int] = field(default_factory=list)  # indices into Layout.lines


@dataclass(slots=True)
class Body:
    paragraphs: list[list[int]] = field(default_factory=list)
    has_byline: bool = False

    def line_indices(self) -> list[int]:
        return [i for p in self.paragraphs for i in p]


@dataclass(slots=True)
class Caption:
    lines: list[int]
    credit: str  # inside of the （… 摄） brackets


Element = HeadRegion | Body | Caption


@dataclass(slots=True)
class Layout:
    lines: list[Line]
    elements: list[Element]


def read_lines(text: str, start: int = 0) -> list[Line]:
    lines: list[Line] = []
    blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        if number <= start:
            continue
        stripped = raw.strip().replace("\u3000", " ").strip()
        if not stripped:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        level = 0
        md = _MD_RE.match(stripped)
        if md:
            level = len(md.group(1))
            stripped = stripped[md.end() :].strip()
            if not stripped:
                blank = True
                continue
        lines.append(Line(len(lines), number, raw, stripped, level, blank_before=blank))
        blank = False
    return lines


def is_headlike(text: str) -> bool:
    """Short, no sentence punctuation, some Chinese: could be a headline or a label.

    (Wrapped body lines with a single comma are everywhere, so even one comma rules a line
    out here; a headline with a comma is still found when a byline follows it directly.)
    Callers have already ruled out bylines and photo credits."""
    return len(text) <= MAX_HEAD_CHARS and not has_sentence_punct(text) and has_cjk(text)


def _kinds(lines: list[Line]) -> list[str]:
    kinds = []
    for line in lines:
        t = line.text
        if has_credit(t):
            kinds.append("credit")
        elif is_news_byline(t):
            kinds.append("byline")
        elif is_feature_byline(t):
            kinds.append("feature")
        elif line.level and len(t) <= 2 * MAX_HEAD_CHARS:
            kinds.append("md")
        else:
            kinds.append("plain")
    return kinds


def cut(lines: list[Line]) -> Layout:
    kinds = _kinds(lines)
    n = len(lines)
    adjacent = [i + 1 < n and not lines[i].blank_after for i in range(n)]
    headlike = [kinds[i] == "plain" and is_headlike(lines[i].text) for i in range(n)]
    # A run of adjacent head-like lines is a headline block only if it ends at a blank line,
    # a byline or another heading; otherwise it is the first line(s) of a paragraph.
    run_ok = [False] * n
    for i in range(n - 1, -1, -1):
        if not headlike[i]:
            continue
        if not adjacent[i]:
            run_ok[i] = True
        else:
            nxt = kinds[i + 1]
            run_ok[i] = nxt in ("byline", "feature", "md") or run_ok[i + 1]

    elements: list[Element] = []
    body: Body | None = None
    state = "start"  # start | head | open | closed | credit

    def add_head(i: int) -> None:
        nonlocal body, state
        if elements and isinstance(elements[-1], HeadRegion) and state == "head":
            elements[-1].lines.append(i)
        else:
            elements.append(HeadRegion([i]))
        body, state = None, "head"

    def add_text(i: int, *, byline: bool = False) -> None:
        nonlocal body, state
        line = lines[i]
        if byline or body is None or state in ("start", "head"):
            body = Body([[i]], has_byline=byline)
            elements.append(body)
        elif state == "open":
            previous = lines[body.paragraphs[-1][-1]]
            if line.blank_before and _short(previous, body, lines, sentence_end=False):
                body.paragraphs.append([i])  # the full stop was lost, the short line tells
            else:
                body.paragraphs[-1].append(i)
        else:
            previous = lines[body.paragraphs[-1][-1]]
            if line.blank_before or state == "credit" or _short(previous, body, lines):
                body.paragraphs.append([i])
            else:
                body.paragraphs[-1].append(i)
        state = "closed" if ends_sentence(line.text) else "open"

    for i, line in enumerate(lines):
        kind = kinds[i]
        text = line.text
        if kind in ("md", "feature"):
            add_head(i)
        elif kind == "byline":
            add_text(i, byline=True)
        elif kind == "credit":
            match = CREDIT_RE.search(text)
            assert match is not None
            if text[: match.start()].strip():
                add_text(i)
                taken = _take_caption(body, elements, lines)
            elif body is not None and state != "head":
                taken = [*_take_caption(body, elements, lines), i]
            else:
                taken = [i]
            elements.append(Caption(taken, match["inner"]))
            if body is not None and body not in elements:
                body = None
            state = "credit"
        else:
            strong = (
                i + 1 < n
                and (adjacent[i] or state != "open")
                and kinds[i + 1] in ("byline", "feature")
                and len(text) <= 40
                and not ends_sentence(text)
                and cjk_count(text) >= 2
            )
            if strong or (
                run_ok[i]
                and (state != "open" or _after_lone_line(i, lines, body))
                and not _column_break(i, lines, kinds, headlike, body, state)
            ):
                add_head(i)
            else:
                add_text(i)
    return Layout(lines, _promote_lone_lines(elements, lines))


def _promote_lone_lines(elements: list[Element], lines: list[Line]) -> list[Element]:
    """A "body" that is one short line with no full stop, standing between other elements,
    is a headline with a comma in it ("“数字食堂”，托起孩子们的“幸福餐盘”")."""
    def lone(paragraph: list[int]) -> bool:
        if len(paragraph) != 1:
            return False
        text = lines[paragraph[0]].text
        return len(text) <= 40 and not ends_sentence(text) and cjk_count(text) >= 4

    out: list[Element] = []
    for element in elements:
        trailing: HeadRegion | None = None
        if isinstance(element, Body) and lone(element.paragraphs[-1]):
            if len(element.paragraphs) == 1 and not element.has_byline:
                element = HeadRegion([element.paragraphs[0][0]])
            elif len(element.paragraphs) > 1:
                # The body's last "paragraph" is a headline printed after it.
                trailing = HeadRegion(element.paragraphs.pop())
        for item in (element, trailing):
            if item is None:
                continue
            if isinstance(item, HeadRegion) and out and isinstance(out[-1], HeadRegion):
                out[-1].lines.extend(item.lines)
            else:
                out.append(item)
    return out


def _after_lone_line(i: int, lines: list[Line], body: Body | None) -> bool:
    """Headline lines after one short unfinished line: that line was a headline too."""
    if body is None or not lines[i].blank_before or len(body.paragraphs) < 2:
        return False
    last = body.paragraphs[-1]
    if len(last) != 1:
        return False
    text = lines[last[0]].text
    return len(text) <= 40 and not ends_sentence(text) and cjk_count(text) >= 4


def _column_break(
    i: int, lines: list[Line], kinds: list[str], headlike: list[bool], body: Body | None, state: str
) -> bool:
    """A lone full-width line between blank lines whose sentence goes on after the blank.

    e.g. "本次集中行动共出动执法车辆4" / blank / "台、执法人员20人，…": the column ended
    mid-sentence. Only lines as wide as the body's column qualify; headlines are set apart.
    """
    if body is None or state != "closed" or i + 1 >= len(lines):
        return False
    if not lines[i].blank_after or kinds[i + 1] != "plain" or headlike[i + 1]:
        return False
    if not lines[i].blank_before and i > 0 and not lines[i - 1].blank_after:
        return False
    widths = sorted(len(lines[j].text) for j in body.line_indices()[-12:])
    typical = widths[len(widths) // 2]
    return typical <= 40 and len(lines[i].text) >= 0.8 * typical


def _short(previous: Line, body: Body, lines: list[Line], *, sentence_end: bool = True) -> bool:
    """A line well short of the column width ends its paragraph (no blank line needed)."""
    if sentence_end and not ends_sentence(previous.text):
        return False
    widths = sorted(len(lines[i].text) for i in body.line_indices()[-12:])
    if len(widths) < 3:
        return False
    typical = widths[len(widths) // 2]
    return len(previous.text) < (0.7 if sentence_end else 0.75) * typical


def _take_caption(body: Body | None, elements: list[Element], lines: list[Line]) -> list[int]:
    """Remove the caption's text from the body it was read into and return its lines."""
    if body is None:
        return []
    indices = body.line_indices()
    size = sum(len(lines[i].text) for i in indices)
    if not body.has_byline and size <= CAPTION_BLOCK_CHARS:
        elements.remove(body)
        return indices
    taken = body.paragraphs.pop()
    if not body.paragraphs:
        elements.remove(body)
    return taken
