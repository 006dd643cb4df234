"""Put a page's OCR lines in reading order and write them out as the parser's input text.

An OCR engine returns lines, not articles: across a multi-column page, "top to bottom" would
interleave the columns. The page is cut recursively along the white space that runs clear
across a region (an X–Y cut): full-width gaps between bands of articles, gutters between
articles and between the columns of one article. Each cut's pieces are read top to bottom or
left to right. When a region can be cut both ways, a band of headlines over their articles is
read article by article (down each one's headline and columns) rather than all headlines
first; a region whose pieces would not each carry a headline is cut across first.

The text it writes is what ``articles.ocr.parse_issue`` reads from a text file, plus what the
image tells: a blank line between blocks (a column, a headline group) and before an indented
line (a new paragraph), and Markdown heading marks on lines printed larger than the body text
(``#`` the masthead size, ``##`` the largest line of a headline group, ``###`` the others).
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .types import Box, OcrLine

# Gaps in units of the body text's line height.
_ROW_GAP = 0.7  # more than the space between two lines of a column (about 0.45)
_GUTTER = 0.5  # columns are at least half a line height apart (after the inset)
_INSET = 0.25  # how far the left end of a line box is taken in when looking for gutters
_HANG = 0.9  # … and the right end (punctuation hanging into the gutter)
_LARGE = 1.25  # a line set this much larger than body text is a heading
_INDENT = 1.2  # a line starting this far in opens a paragraph (two characters of indent)


@dataclass(slots=True)
class _Item:
    line: OcrLine
    box: tuple[float, float, float, float]  # turned back by the page's skew
    em: float = 0.0  # the size of its characters, from its width and how many it holds


def _em(line: OcrLine, box: tuple[float, float, float, float]) -> float:
    """Character size: a line's width over its characters (a Chinese character is one em
    wide, Latin letters and digits about half). Box heights vary with the detector's
    padding and a line's brackets; the pitch of the characters does not."""
    text = line.text.replace(" ", "")
    # Ambiguous-width marks (“ ” … —) are set full width in Chinese text.
    count = sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text)
    if count < 4:
        return (box[3] - box[1]) * 0.9
    return (box[2] - box[0]) / count


@dataclass(slots=True)
class Block:
    """Lines read together (a column, a headline group): rows of pieces, left to right."""

    rows: list[list[_Item]]

    def lines(self) -> list[OcrLine]:
        return [item.line for row in self.rows for item in row]


def skew_of(lines: Sequence[OcrLine]) -> float:
    """The page's skew in degrees: the median slope of its long lines (0 when unknown)."""
    angles = [
        line.angle
        for line in lines
        if line.angle and (line.box[2] - line.box[0]) > 4 * (line.box[3] - line.box[1])
    ]
    return statistics.median(angles) if len(angles) >= 3 else 0.0


def _deskew(lines: Sequence[OcrLine], width: int, height: int) -> list[_Item]:
    angle = math.radians(skew_of(lines))
    if not angle:
        return [_Item(line, tuple(map(float, line.box))) for line in lines]  # type: ignore[arg-type]
    cos, sin = math.cos(angle), math.sin(angle)
    cx, cy = width / 2, height / 2
    items = []
    for line in lines:
        x0, y0, x1, y1 = line.box
        # The box's centre turned back; its size kept (the box of a slanted line is taller
        # than the line by the slant, which is what made it look like a heading).
        mx, my = (x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy
        nx = cx + mx * cos - my * sin
        ny = cy + mx * sin + my * cos
        w = x1 - x0
        h = max(1.0, (y1 - y0) - abs(w * math.tan(angle)))
        items.append(_Item(line, (nx - w / 2, ny - h / 2, nx + w / 2, ny + h / 2)))
    return items


def _gaps(spans: list[tuple[float, float]], least: float, *, strays: int = 0) -> list[float]:
    """Middles of the gaps of at least ``least`` in the union of ``spans``, where up to
    ``strays`` spans may cross a gap (a line the OCR ran into the next column)."""
    events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
    cuts = []
    depth = 0
    opened: float | None = None  # where the current thin stretch began
    for x, step in events:
        before = depth
        depth += step
        if before > strays >= depth:
            opened = x
        elif depth > strays >= before and opened is not None:
            if x - opened >= least:
                cuts.append((opened + x) / 2)
            opened = None
    return cuts


def _row_gaps(items: list[_Item], least: float) -> list[float]:
    """Middles of the full-width gaps between rows of text. A gap must be wider than the line
    under it is tall (``least`` times): the space between a headline group's lines is
    proportional to their size, so it never cuts a group, while a body line right under a
    headline group is small and the gap above it counts."""
    ordered = sorted(items, key=lambda i: i.box[1])
    cuts = []
    reach = ordered[0].box[3]
    for k, item in enumerate(ordered[1:], start=1):
        top = item.box[1]
        if top > reach:
            # The tallest line starting within this one's height decides the row's size.
            height = max(
                o.box[3] - o.box[1] for o in ordered[k:] if o.box[1] < top + (item.box[3] - item.box[1])
            )
            if top - reach >= least * height:
                cuts.append((reach + top) / 2)
        reach = max(reach, item.box[3])
    return cuts


def _split(items: list[_Item], cuts: list[float], axis: int) -> list[list[_Item]]:
    pieces: list[list[_Item]] = [[] for _ in range(len(cuts) + 1)]
    for item in items:
        middle = (item.box[axis] + item.box[axis + 2]) / 2
        pieces[sum(middle > c for c in cuts)].append(item)
    return [p for p in pieces if p]


def _same_row(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    # Centres within half the shorter height: a masthead's descenders reaching into the
    # date line below do not make them one row.
    shorter = min(a[3] - a[1], b[3] - b[1])
    return abs((a[1] + a[3]) - (b[1] + b[3])) / 2 <= 0.5 * shorter


def _one_row(items: list[_Item]) -> bool:
    first = items[0].box
    return all(_same_row(first, i.box) for i in items[1:])


def _order(items: list[_Item], unit: float, em: float, out: list[list[_Item]]) -> None:
    if len(items) <= 1 or _one_row(items):
        out.append(items)
        return
    big = {id(i) for i in items if _is_heading(i, unit, em)}
    rows = _row_gaps(items, _ROW_GAP)
    beside = _side_by_side(items, big, unit)
    if beside and rows:
        for piece in beside:  # articles side by side, each under its own headline
            _order(piece, unit, em, out)
        return
    if rows:
        pieces = _split(items, rows, 1)
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            if k + 1 < len(pieces) and _headings(piece, big, em):
                # Headlines alone in a row, over the articles they head: when they stand over
                # articles side by side, read each article whole, headline first.
                band = _side_by_side(piece + pieces[k + 1], big, unit)
                if band:
                    for part in band:
                        _order(part, unit, em, out)
                    k += 2
                    continue
            _order(piece, unit, em, out)
            k += 1
        return
    if beside is None:
        beside = _columns(items, big, unit)
    if beside:
        for piece in beside:
            _order(piece, unit, em, out)
        return
    out.append(items)


def _is_heading(item: _Item, unit: float, em: float) -> bool:
    # Larger characters and a taller line: a body line the detector ran on into the next
    # column looks wide for its text, but it is no taller than its neighbours.
    height = item.box[3] - item.box[1]
    if len(item.line.text.strip()) < 6:  # too few characters to measure their pitch
        return height >= 1.5 * unit
    return item.em >= _LARGE * em and height >= 1.08 * unit


def _headings(piece: list[_Item], big: set[int], em: float) -> bool:
    """Headline groups only: large lines, perhaps with a short column label (栏目) or a
    kicker set only a little larger than the body among them."""
    return any(id(i) in big for i in piece) and all(
        id(i) in big or len(i.line.text) <= 12 or i.em >= 1.15 * em for i in piece
    )


def _columns(items: list[_Item], big: set[int], unit: float) -> list[list[_Item]]:
    """The region cut at every gutter; a gutter may be crossed by a few body lines the OCR
    ran together, never by a heading."""
    body = [i for i in items if id(i) not in big]
    if not body:
        return []
    # Detector boxes are padded, and a line may hang a comma or a full stop past the column
    # edge into the gutter: each line's ends are taken in first, the right end by about a
    # character, so that a gutter is where the columns' text proper does not reach.
    left, right = _INSET * unit, _HANG * unit
    # Scraps (a stray mark read on its own, a lone character) do not make a column.
    body = [i for i in body if i.box[2] - i.box[0] >= 1.5 * unit] or body
    spans = [(i.box[0] + left, max(i.box[0] + left, i.box[2] - right)) for i in body]
    cols = [
        c
        for c in _gaps(spans, _GUTTER * unit, strays=len(body) // 30)
        if not any(i.box[0] < c < i.box[2] for i in items if id(i) in big)
    ]
    return _split(items, cols, 0) if cols else []


def _side_by_side(items: list[_Item], big: set[int], unit: float) -> list[list[_Item]] | None:
    """The region cut into articles side by side, each under its own heading — or None.

    A headline need not cover every gutter of its article (a short one is centred over it):
    a column with no heading of its own goes with the article beside it whose columns end
    where it ends (an article's columns are balanced), else with the nearer headline.
    """
    pieces = _columns(items, big, unit)
    heads = [[i for i in p if id(i) in big] for p in pieces]
    headed = [k for k, h in enumerate(heads) if h]
    if len(headed) < 2:
        return None

    def bottom(k: int) -> float:
        rest = [i.box[3] for i in pieces[k] if id(i) not in big]
        return max(rest) if rest else -1.0

    def centre(k: int) -> float:
        return sum((i.box[0] + i.box[2]) / 2 for i in heads[k]) / len(heads[k])

    owner: dict[int, int] = {k: k for k in headed}
    for k in range(len(pieces)):
        if k in owner:
            continue
        left = max((h for h in headed if h < k), default=None)
        right = min((h for h in headed if h > k), default=None)
        choices = [h for h in (left, right) if h is not None]
        flush = [h for h in choices if abs(bottom(h) - bottom(k)) <= 0.6 * unit]
        middle = (min(i.box[0] for i in pieces[k]) + max(i.box[2] for i in pieces[k])) / 2
        pool = flush if len(flush) == 1 else choices
        owner[k] = min(pool, key=lambda h: abs(centre(h) - middle))
    groups: list[list[_Item]] = []
    for k in range(len(pieces)):
        if k and owner[k] == owner[k - 1]:
            groups[-1].extend(pieces[k])
        else:
            groups.append(list(pieces[k]))

    def headed_group(group: list[_Item]) -> bool:
        tops = [i.box[1] for i in group if id(i) in big]
        rest = [i.box[1] for i in group if id(i) not in big]
        # A column label (栏目) or two may stand over the headline; body text may not.
        return bool(tops and rest) and sum(top < min(tops) for top in rest) <= 2

    if len(groups) >= 2 and all(headed_group(g) for g in groups):
        return groups
    return None


def _rows(items: list[_Item]) -> list[list[_Item]]:
    rows: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: (i.box[1] + i.box[3]) / 2):
        if rows and _same_row(rows[-1][0].box, item.box):
            rows[-1].append(item)
            continue
        rows.append([item])
    return [_dots_joined(sorted(row, key=lambda i: i.box[0])) for row in rows]


# An ellipsis (……) is six dots on the baseline's middle; the recogniser reads them as any mix
# of · . • … and the detector may cut them into several boxes. Two or more of them together
# (three full stops on their own) are an ellipsis: Chinese text has no other run of dots, and
# a lone · (a name's middle dot) or a decimal point is never touched.
_DOTS = "·•‧.…⋯"
_DOTS_RE = re.compile(r"[·•‧.…⋯]{2,}")


def tidy(text: str) -> str:
    """A line's text with an ellipsis read as a run of dots written as ……."""
    if not any(c in _DOTS for c in text):
        return text

    def ellipsis(match: re.Match[str]) -> str:
        run = match.group()
        if run.strip(".") or (len(run) >= 3 and not _latin_beside(text, match.start(), match.end())):
            return "……"
        return run

    return _DOTS_RE.sub(ellipsis, text)


def _latin_beside(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1 : start], text[end : end + 1]
    return any(c.isascii() and c.isalnum() for c in before + after)


def _dots_joined(row: list[_Item]) -> list[_Item]:
    """Neighbouring pieces of a row that hold nothing but dots are one ellipsis."""
    out: list[_Item] = []
    for item in row:
        previous = out[-1] if out else None
        if (
            previous is not None
            and _only_dots(previous.line.text)
            and _only_dots(item.line.text)
            and item.box[0] - previous.box[2] < 2 * (item.box[3] - item.box[1])
        ):
            joined = OcrLine(
                text=tidy(previous.line.text + item.line.text),
                box=box_of([previous.line, item.line]),
                confidence=min(previous.line.confidence, item.line.confidence),
                angle=previous.line.angle,
            )
            box = (previous.box[0], min(previous.box[1], item.box[1]), item.box[2], max(previous.box[3], item.box[3]))
            out[-1] = _Item(joined, box, previous.em)
            continue
        out.append(item)
    return out


def _only_dots(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and all(c in _DOTS for c in stripped)


@dataclass(slots=True)
class Reading:
    blocks: list[Block]
    unit: float  # the body text's line height on this page, in pixels
    em: float  # the body text's character size

    def lines(self) -> list[OcrLine]:
        return [line for block in self.blocks for line in block.lines()]

    def text(self) -> str:
        return page_text(self.blocks, self.unit, self.em)


def read_order(lines: Sequence[OcrLine], width: int, height: int) -> Reading:
    """The page's lines grouped into blocks, blocks and rows in reading order."""
    if not lines:
        return Reading([], 1.0, 1.0)
    lines = [line if tidy(line.text) == line.text else _retext(line, tidy(line.text)) for line in lines]
    items = _deskew(lines, width, height)
    for item in items:
        item.em = _em(item.line, item.box)
    unit = statistics.median(i.box[3] - i.box[1] for i in items)
    em = statistics.median(i.em for i in items)
    leaves: list[list[_Item]] = []
    _order(items, unit, em, leaves)
    return Reading([Block(_rows(leaf)) for leaf in leaves], unit, em)


def _retext(line: OcrLine, text: str) -> OcrLine:
    return OcrLine(text=text, box=line.box, confidence=line.confidence, angle=line.angle)


def _words(text: str) -> bool:
    """Whether the text holds a character or digit (not only punctuation)."""
    return any(c.isalnum() for c in text)


def _join(pieces: Sequence[str]) -> str:
    out = ""
    for piece in pieces:
        if out and (out[-1].isascii() or piece[0].isascii()):
            out += " "
        out += piece
    return out


def _join_rows(rows: Sequence[str]) -> str:
    """The printed lines of one paragraph as one line of text (Chinese has no spaces; a
    Latin word wrapped at a line end gets its space back)."""
    out = ""
    for row in rows:
        if out and out[-1].isascii() and out[-1].isalnum() and row[:1].isascii() and row[:1].isalnum():
            out += " "
        out += row
    return out


def page_text(blocks: Sequence[Block], unit: float, em: float) -> str:
    """The blocks as OCR text: one line per paragraph (its printed lines joined, also across
    a column break), blank lines between paragraphs and blocks, headings on lines of their
    own with Markdown marks by printed size.

    Paragraphs are joined because a narrow column's lines are short, and a short line
    without punctuation after a full stop looks to the parser like the headline of a new
    story; the page shows where a paragraph starts (its first line is indented)."""
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(_join_rows(para))
            para.clear()
        if out and out[-1] != "":
            out.append("")

    last_size: float | None = None  # character size of the previous block's body text
    last_width = 0.0  # the previous block's measure (its widest extent)
    for block in blocks:
        # Punctuation alone opening a block (an ellipsis carried over, cut off by the row gap
        # of its small marks) ends the paragraph before it.
        lead = 0
        while lead < len(block.rows) and para and not any(_words(i.line.text) for i in block.rows[lead]):
            para.append(_join([i.line.text for i in block.rows[lead]]))
            lead += 1
        if lead == len(block.rows):
            continue
        block = Block(block.rows[lead:])
        left = min(row[0].box[0] for row in block.rows)
        right = max(row[-1].box[2] for row in block.rows)
        sizes = [max(i.em for i in row) for row in block.rows]
        heights = [max(i.box[3] - i.box[1] for i in row) for row in block.rows]
        heads = [any(_is_heading(i, unit, em) for i in row) for row in block.rows]
        for k in range(1, len(heads)):
            # The last character or two of a wrapped headline: too few to measure, but as tall.
            if not heads[k] and heads[k - 1] and len(block.rows[k]) == 1:
                short = len(block.rows[k][0].line.text.strip()) < 6
                heads[k] = short and heights[k] >= 0.85 * heights[k - 1]
        biggest = max((z for z, h in zip(sizes, heads, strict=True) if h), default=0.0)
        tallest = max((z for z, h in zip(heights, heads, strict=True) if h), default=0.0)
        body_sizes = [z for z, h in zip(sizes, heads, strict=True) if not h]
        size = statistics.median(body_sizes) if body_sizes else None
        # A column running on from the one before (same type size, first line not indented)
        # continues its paragraph — if it is set to the same measure: a caption under a
        # photo, in the same type and never indented, spans the photo, not a column, and the
        # paragraph it would swallow would then read as part of the caption.
        runs_on = (
            last_size is not None
            and size is not None
            and not any(heads)
            and abs(size - last_size) <= 0.08 * last_size
            and block.rows[0][0].box[0] - left < _INDENT * unit
            and _same_measure(right - left, last_width, len(block.rows))
        )
        if not runs_on:
            flush()
        last_size = size if not heads[-1] else None
        last_width = right - left
        first_head = next((k for k, h in enumerate(heads) if h), None)
        previous_mark, previous_full = "", False
        for k, (row, size, height) in enumerate(zip(block.rows, sizes, heights, strict=True)):
            text = _join([i.line.text for i in row])
            mark = ""
            if first_head is not None and first_head - 2 <= k < first_head and len(text) <= 15:
                mark = "#### "  # a column label over the headline group (栏目)
            elif heads[k]:
                if size >= 3.0 * em:
                    mark = "# "  # masthead size
                elif size >= biggest * 0.9 or height >= tallest * 0.92:
                    mark = "## "  # the headline (the end of a wrapped one is short but as tall)
                else:
                    mark = "### "
            full = row[-1].box[2] - row[0].box[0] >= 0.85 * (right - left)
            if mark:
                if para:
                    flush()
                if mark == previous_mark and previous_full and out and out[-1].startswith(mark):
                    out[-1] = _join([out[-1], text])  # a headline wrapped onto a second line
                else:
                    out.append(mark + text)
            else:
                if row[0].box[0] - left >= _INDENT * unit and para and _words(text):
                    # An indented line opens a paragraph; punctuation alone (the end of an
                    # ellipsis or a closing quote carried over) never does.
                    flush()
                elif previous_mark:
                    out.append("")
                para.append(text)
            previous_mark, previous_full = mark, full
    flush()
    return "\n".join(out).strip("\n") + "\n"


def _same_measure(width: float, previous: float, rows: int) -> bool:
    """Whether a block is set to the measure of the block before it. A block of one line may
    be the short end of a paragraph carried over to the next column, so it may be narrower;
    no block continuing a column is wider than the column."""
    if width > 1.12 * previous:
        return False
    return rows == 1 or width >= 0.88 * previous


def box_of(lines: Sequence[OcrLine]) -> Box:
    return (
        min(line.box[0] for line in lines),
        min(line.box[1] for line in lines),
        max(line.box[2] for line in lines),
        max(line.box[3] for line in lines),
    )
