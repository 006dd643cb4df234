"""Setting Chinese text in lines of a given width, the way a newspaper column is set.

Every Chinese character takes one em; runs of Latin letters and digits stay together; a line
never starts with closing punctuation nor ends with an opening bracket (the mark either hangs
past the edge, or — as the newspaper columns here are set, so nothing reaches into the
gutter — takes the character before it down to the next line); full lines are justified by
spreading the leftover width between the characters. Pure geometry: nothing here draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import ImageFont

from .fonts import font

NO_START = set("，。、；：？！）」』”’》〉】…—·%,.;:?!)]}")
NO_END = set("（「『“‘《〈【([{")
_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%:/\-]*|\s+|.", re.S)
# A line may hang this many closing marks past the column edge (… and —— come in pairs).
_MAX_HANG = 2


@dataclass(slots=True)
class SetLine:
    """One set line: its tokens with their x offsets from the line start."""

    tokens: list[tuple[float, str]]
    width: float  # from the first token's left edge to the last token's right edge
    indent: float = 0.0
    last_of_paragraph: bool = False

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.tokens).strip()


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def set_paragraph(
    text: str,
    font: ImageFont.FreeTypeFont,
    width: float,
    *,
    indent_em: float = 0.0,
    justify: bool = True,
    hang: bool = True,
) -> list[SetLine]:
    """Break one paragraph into lines no wider than ``width`` (hanging punctuation aside)."""
    em = font.size
    pieces = [t for t in tokens(text) if t]
    lines: list[list[str]] = [[]]
    used = indent_em * em
    hung = 0
    widths = {t: font.getlength(t) for t in set(pieces)}
    for piece in pieces:
        w = widths[piece]
        current = lines[-1]
        if piece.isspace():
            if current:
                current.append(" ")
                used += font.getlength(" ")
            continue
        if used + w <= width + 0.01 or not current:
            current.append(piece)
            used += w
            hung = 0
            continue
        if piece in NO_START and hung < _MAX_HANG and hang:
            current.append(piece)  # hangs past the edge, as printed
            used += w
            hung += 1
            continue
        carry: list[str] = []
        if piece in NO_START and len(current) > 1:
            carry.append(current.pop())  # no hanging (headlines): take a character along
        while current and (current[-1] in NO_END or current[-1] == " "):
            carry.insert(0, current.pop())
        if not current:  # nothing but an opening mark: keep it rather than loop
            current.extend(carry)
            carry = []
        lines.append([c for c in carry if c != " "] + [piece])
        used = sum(font.getlength(t) for t in lines[-1])
        hung = 0
    out: list[SetLine] = []
    for number, line in enumerate(lines):
        while line and line[-1] == " ":
            line.pop()
        if not line:
            continue
        indent = indent_em * em if number == 0 else 0.0
        out.append(_place(line, font, width - indent, indent, justify and number < len(lines) - 1))
    if out:
        out[-1].last_of_paragraph = True
    return out


def _place(line: list[str], font: ImageFont.FreeTypeFont, width: float, indent: float, justify: bool) -> SetLine:
    widths = [font.getlength(t) for t in line]
    natural = sum(widths)
    spare = width - natural
    gaps = len(line) - 1
    # Only a full line is spread; a little spare is normal, a lot means a short last line.
    step = spare / gaps if justify and gaps > 0 and 0 < spare < font.size * 2 else 0.0
    x = indent
    placed: list[tuple[float, str]] = []
    for token, w in zip(line, widths, strict=True):
        placed.append((x, token))
        x += w + step
    return SetLine(placed, x - step - indent, indent=indent)


def fit_size(text: str, kind: str, width: float, largest: int, smallest: int) -> int:
    """The largest size between ``smallest`` and ``largest`` at which ``text`` fits one line
    in the face ``kind``."""
    size = largest
    while size > smallest and font(kind, size).getlength(text) > width:
        size = max(smallest, int(size * 0.92))
    return size
