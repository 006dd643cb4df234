"""What :mod:`layout` knows about each line before it cuts: its kind, its headline shape where
the OCR kept no blank lines, whether it stands apart, and how much of it the text around it
repeats. Kept apart from the cutting so the line classifier is trained on exactly the lines,
and the context, it is asked about when parsing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .headshape import STANDALONE_CHARS, comma_heads, echoes, may_stand_apart, unspaced_head_shape
from .lines import PLAIN_KINDS, Line, line_kinds
from .text import has_sentence_punct


@dataclass(slots=True)
class LineContext:
    kinds: list[str]
    short: list[bool]  # plain text short enough to be a headline
    unpunctuated: list[bool]
    shape: list[int]  # headshape.SAME_WIDTH | OTHER_WIDTH | GRID | 0
    apart: list[bool]  # set apart by blank lines or other blocks (headshape.may_stand_apart)
    wanted: list[bool]  # the lines a headline rule may take: shaped or set apart
    echo: list[float]  # share of the line's new character pairs the text below repeats
    echo_above: list[float]  # ... the text above
    _page: PageShape | None = None

    def page(self, lines: list[Line]) -> PageShape:
        """The issue as a whole, worked out when the line classifier first asks."""
        if self._page is None:
            widths = sorted(len(line.text) for line in lines)
            blanks = sum(1 for line in lines if line.blank_after)
            depth = []
            since = 0
            for kind in self.kinds:
                depth.append(since)
                since = 0 if kind == "staff" else since + 1
            self._page = PageShape(
                widths[len(widths) // 2] if widths else 0,
                blanks / len(lines) if lines else 0.0,
                depth,
            )
        return self._page


@dataclass(slots=True)
class PageShape:
    width: int  # how wide the text lines run: narrow columns, or a paragraph a line
    blank_share: float  # how many lines a blank line follows (none where the OCR lost them)
    depth: list[int]  # for each line, the lines since the page's running head


def line_context(lines: list[Line]) -> LineContext:
    kinds = line_kinds(lines)
    n = len(lines)
    # Most lines are text: long, or with a full stop inside; only the others are looked at.
    short = [kinds[i] in PLAIN_KINDS and len(lines[i].text) <= STANDALONE_CHARS for i in range(n)]
    unpunctuated = [short[i] and not has_sentence_punct(lines[i].text) for i in range(n)]
    # Only short lines set apart from the text around them can be such headlines.
    shape = [unspaced_head_shape(i, lines, kinds) if unpunctuated[i] else 0 for i in range(n)]
    # Or with one comma (see comma_heads).
    comma_heads(shape, lines, kinds, [short[i] and not unpunctuated[i] for i in range(n)])
    apart = [short[i] and may_stand_apart(i, lines, kinds) for i in range(n)]
    wanted = [shape[i] > 0 or apart[i] for i in range(n)]
    echo, echo_above = echoes(lines, wanted)
    return LineContext(kinds, short, unpunctuated, shape, apart, wanted, echo, echo_above)
