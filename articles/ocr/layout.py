"""Cut an issue's lines into headline regions, article bodies and photo captions.

The OCR gives lines in reading order but not the page layout: headlines may stand before or
after their body or in a block at the top, column breaks leave blank lines in the middle of
sentences, and captions sit between articles. This module only decides what each line *is*;
``headlines`` then decides which body each headline belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bylines import find_credit, has_credit, is_feature_byline, is_news_byline
from .dates import LUNAR_RE
from .text import cjk_count, ends_sentence, has_cjk, has_sentence_punct

_MD_RE = re.compile(r"^\s*(#{1,6})\s*")
# How news paragraphs open; after a full stop at a line end, such a line starts a paragraph
# even when the OCR lost the blank line between them.
_OPENER_RE = re.compile(
    r"(?:会上|会议(?:强调|指出|要求|认为|提出|听取|审议)|据悉|据了解|下一步|此外|截至目前|"
    r"[\u4e00-\u9fff]{2,3}(?:强调|指出|要求|表示)[，,：:])"
)
_JUMP_RE = re.compile(
    r"^[（(]?\s*(?:上接|下转|接|转|转至|接上)\s*第?\s*[\d一二三四五六七八九十]+\s*版\s*[）)]?$"
)
_INLINE_BYLINE_RE = re.compile(r"(?<=\s)(?:本报讯|[□■]\s*(?:通讯员|记者|特约记者|本报记者))")
# Page furniture: "责任编辑：郑思远  校对：陶然" names the page's staff, not a headline.
_STAFF_RE = re.compile(
    r"^(?:责任编辑|值班编辑|责编|编辑|校对|审校|审核|终审|版式|美编|组版|排版|主编)\s*[：:]"
)
# A running head repeated on later pages: "2024年5月20日 星期一 第2版", "乙巳年三月初六".
_PAGE_INFO_RE = re.compile(
    r"^(?:\s|[|｜·•]|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]"
    rf"|第\s*[\d一二三四五六七八九十]+\s*[版期]|农历|{LUNAR_RE.pattern})+$"
)
_RULE_RE = re.compile(r"^[-*_=~—·\s]{3,}$")
# A headline may end with ！ or ？ ("家门口的好工作来了！", "垃圾分类，你做对了吗？"): one short
# phrase with no full stop in it, right above a byline.
_EXCLAIMED_RE = re.compile(r"^[^。；;！？!?]{2,30}[！？!?]$")
_DATED_RE = re.compile(r"^(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|连日来)")
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


@dataclass(slots=True, eq=False)  # identity: two blocks are never the same block
class HeadRegion:
    lines: list[int] = field(default_factory=list)  # indices into Layout.lines


@dataclass(slots=True, eq=False)  # identity: two blocks are never the same block
class Body:
    paragraphs: list[list[int]] = field(default_factory=list)
    has_byline: bool = False  # opens with a 本报讯 line
    under_feature_byline: bool = False  # printed under a "□ 通讯员 …" line

    @property
    def signed(self) -> bool:
        """Someone signed it: an article, never a photo story or a headline."""
        return self.has_byline or self.under_feature_byline

    def line_indices(self) -> list[int]:
        return [i for p in self.paragraphs for i in p]


@dataclass(slots=True, eq=False)  # identity: two blocks are never the same block
class Caption:
    lines: list[int]
    credit: str  # inside of the （… 摄） brackets


Element = HeadRegion | Body | Caption


@dataclass(slots=True)
class Layout:
    lines: list[Line]
    elements: list[Element]
    noise: list[int] = field(default_factory=list)  # kept for the unplaced report


def read_lines(text: str) -> list[Line]:
    """The non-blank lines, stripped, with Markdown marks taken off and blank lines noted."""
    lines: list[Line] = []
    blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
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
        if stripped.startswith("**") and stripped.endswith("**"):
            stripped = stripped.strip("*").strip()  # Markdown bold around a whole line
        if not stripped or _RULE_RE.match(stripped):
            # A Markdown rule (---, ***) is layout, not text: it separates like a blank line.
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        split = _INLINE_BYLINE_RE.search(stripped)
        if split and split.start() > 0 and is_headlike(head := stripped[: split.start()].strip()):
            # A headline run into its byline on one line: "区政府召开常务会议 本报讯（…）…".
            lines.append(Line(len(lines), number, raw, head, level, blank_before=blank))
            stripped, level, blank = stripped[split.start() :], 0, False
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
        elif _STAFF_RE.match(t):
            kinds.append("staff")
        elif line.level and len(t) <= 2 * MAX_HEAD_CHARS:
            kinds.append("md")
        elif (len(t) <= 12 and not has_cjk(t)) or _JUMP_RE.match(t) or _PAGE_INFO_RE.match(t):
            # A page number, a stray mark or a jump line (下转第二版), unless inside a sentence.
            kinds.append("noise")
        else:
            kinds.append("plain")
    return kinds


def cut(lines: list[Line]) -> Layout:
    """Walk the lines once, following sentences, and sort them into elements."""
    kinds = _kinds(lines)
    n = len(lines)
    adjacent = [i + 1 < n and not lines[i].blank_after for i in range(n)]
    headlike = [kinds[i] == "plain" and is_headlike(lines[i].text) for i in range(n)]
    # A run of adjacent head-like lines is a headline block only if it ends at a blank line,
    # a byline or another heading; otherwise it is the first line(s) of a paragraph.
    # A short unfinished line right above a byline is a headline even with a comma in it.
    over_byline = [
        kinds[i] == "plain"
        and i + 1 < n
        and kinds[i + 1] in ("byline", "feature")
        and len(lines[i].text) <= 40
        and (not ends_sentence(lines[i].text) or _exclaimed_head(i, lines, kinds))
        and cjk_count(lines[i].text) >= 2
        for i in range(n)
    ]
    over_body = [kinds[i] == "plain" and _over_body(i, lines, kinds, headlike) for i in range(n)]
    run_ok = [False] * n
    for i in range(n - 1, -1, -1):
        if not headlike[i]:
            continue
        if not adjacent[i]:
            run_ok[i] = True
        else:
            nxt = kinds[i + 1]
            run_ok[i] = (
                nxt in ("byline", "feature", "md")
                or run_ok[i + 1]
                or over_byline[i + 1]
                or over_body[i + 1]
            )

    elements: list[Element] = []
    noise: list[int] = []  # lines that are neither text nor headline
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
            signed = (
                state == "head"
                and isinstance(elements[-1], HeadRegion)
                and kinds[elements[-1].lines[-1]] == "feature"
            )
            body = Body([[i]], has_byline=byline, under_feature_byline=signed and not byline)
            elements.append(body)
        elif state == "open":
            previous = lines[body.paragraphs[-1][-1]]
            if line.blank_before and _short(previous, body, lines, sentence_end=False):
                body.paragraphs.append([i])  # the full stop was lost, the short line tells
            else:
                body.paragraphs[-1].append(i)
        else:
            previous = lines[body.paragraphs[-1][-1]]
            if (
                line.blank_before
                or state == "credit"
                or _short(previous, body, lines)
                or _OPENER_RE.match(line.text)
            ):
                body.paragraphs.append([i])
            else:
                body.paragraphs[-1].append(i)
        state = "closed" if ends_sentence(line.text) else "open"

    for i, line in enumerate(lines):
        kind = kinds[i]
        text = line.text
        if kind == "staff" or (kind == "noise" and not (state == "open" and body is not None)):
            noise.append(i)
        elif kind in ("md", "feature"):
            add_head(i)
        elif kind == "byline":
            add_text(i, byline=True)
        elif kind == "credit":
            match = find_credit(text)
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
            strong = (over_byline[i] and (adjacent[i] or state != "open")) or (
                over_body[i] and state != "open"
            )
            if strong or (
                run_ok[i]
                and (
                    state != "open"
                    or _after_lone_line(i, lines, body)
                    or _off_column(i, lines, body)
                )
                and not _column_break(i, lines, kinds, headlike, body, state)
            ):
                add_head(i)
            else:
                add_text(i)
    return Layout(lines, _promote_lone_lines(elements, lines), noise)


def _exclaimed_head(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """"家门口的好工作来了！" over a byline is a headline; "…贡献力量！" ending a wrapped
    paragraph is not: the line must start on its own."""
    fresh = (
        i == 0
        or lines[i].blank_before
        or kinds[i - 1] not in ("plain", "byline")  # after a heading, a credit, page furniture
        or ends_sentence(lines[i - 1].text)
    )
    return fresh and _EXCLAIMED_RE.match(lines[i].text) is not None


_HEAD_STOP_RE = re.compile("[。！？!?；;]")
_ENUMERATED_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
)
# How many following lines show the width of the column a headline stands over.
_COLUMN_SAMPLE = 6


def _over_body(i: int, lines: list[Line], kinds: list[str], headlike: list[bool]) -> bool:
    """A short unfinished line printed right above text (or set apart by blank lines before
    it), with no byline between: a headline, even with a comma in it, when it is clearly
    narrower than the column below.

    A paragraph's first line fills its column; a line much shorter than the lines under it,
    that neither ends nor breaks off a sentence, is a headline ("稻谷飘香，丰收在望"); so is one
    clearly wider than a steady narrow column. Lines as wide as the column stay text: a
    wrongly split paragraph is worse than a headline left in the body for an editor."""
    text = lines[i].text
    if (
        len(text) > 40
        or cjk_count(text) < 4
        or _HEAD_STOP_RE.search(text)
        or text.endswith(("，", "、", ",", "“", "（", "(", "：", ":"))  # "会议要求："
        or _ENUMERATED_RE.match(text)  # "一是强化组织领导": a point inside an article
        or i + 1 >= len(lines)
        # Standing alone between blank lines it is judged against the paragraph after it.
        or (lines[i].blank_after and not lines[i].blank_before)
    ):
        return False
    j = i + 1
    # Over the other lines of its headline group ("秋风起，蟹满仓" / "八岭山镇河蟹喜获丰收"),
    # judged against the body under them.
    while j < len(lines) and j <= i + 3 and headlike[j] and not lines[j - 1].blank_after:
        j += 1
    if j > i + 1 and lines[j - 1].blank_after:
        return False  # a headline block ending at a blank line is judged as a block
    widths: list[int] = []
    while j < len(lines) and len(widths) < _COLUMN_SAMPLE and kinds[j] == "plain":
        if headlike[j] and not widths:
            return False
        widths.append(len(lines[j].text))
        if lines[j].blank_after:
            break
        j += 1
    if not widths:
        return False
    full = sorted(widths[:-1]) if len(widths) >= 2 else widths  # a paragraph's last line is short
    column = full[len(full) // 2]
    # An indented first line of a paragraph is a little short too; a line that breaks off after
    # a comma ("为了帮助留守儿童健康生长，多") must be far shorter to count as a headline.
    if len(text) <= (0.6 if has_sentence_punct(text) else 0.75) * column:
        return True
    # Wider than a steady narrow column under it: no line of that column can be that long.
    return (
        not has_sentence_punct(text)
        and len(full) >= 3
        and full[-1] - full[0] <= 2
        and len(text) >= full[-1] + 4
    )


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
            if len(element.paragraphs) == 1 and not element.signed:
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


def _off_column(i: int, lines: list[Line], body: Body | None) -> bool:
    """A lone head-like line set apart by blank lines inside an unfinished sentence is a
    headline (of another article) only if it is clearly not as wide as the body's column."""
    if body is None or not lines[i].blank_before or not lines[i].blank_after:
        return False
    indices = body.line_indices()[-12:]
    if len(indices) < 3:
        return False
    widths = sorted(len(lines[j].text) for j in indices)
    typical = widths[len(widths) // 2]
    spread = widths[-2] - widths[1] if len(widths) >= 4 else 0
    return typical <= 40 and spread <= 3 and abs(len(lines[i].text) - typical) >= 3


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
    # A caption that opens with its own date ("3月16日,…", "近日，…") is one picture's caption,
    # not the last paragraph of a photo story: the text above it is an article of its own.
    own_date = len(body.paragraphs) > 1 and _DATED_RE.match(lines[body.paragraphs[-1][0]].text)
    if not body.signed and size <= CAPTION_BLOCK_CHARS and not own_date:
        _remove(elements, body)
        return indices
    taken = body.paragraphs.pop()
    # A photo story may run over several short paragraphs set narrower than the article
    # columns beside it: take the earlier ones too while their width says they belong.
    width = _median_width(taken, lines)
    size = sum(len(lines[i].text) for i in taken)
    while len(body.paragraphs) > 1 and width:
        previous = body.paragraphs[-1]
        rest = [i for p in body.paragraphs[:-1] for i in p]
        column = _median_width(rest, lines)
        extra = sum(len(lines[i].text) for i in previous)
        if (
            len(previous) < 2
            or abs(_median_width(previous, lines) - width) > 1
            or column - width < 3
            or size + extra > CAPTION_BLOCK_CHARS
        ):
            break
        taken = body.paragraphs.pop() + taken
        size += extra
    if not body.paragraphs:
        _remove(elements, body)
    return taken


def _median_width(indices: list[int], lines: list[Line]) -> int:
    if len(indices) < 2:
        return 0
    widths = sorted(len(lines[i].text) for i in indices[:-1])  # a paragraph's last line is short
    return widths[len(widths) // 2]


def _remove(elements: list[Element], element: Element) -> None:
    for k in range(len(elements) - 1, -1, -1):
        if elements[k] is element:
            del elements[k]
            return
