"""What :mod:`layout` cuts an issue into: headline regions, article bodies and photo captions,
each holding indices into the issue's lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lines import Line

if TYPE_CHECKING:
    from .linemodel import LearnedHeads


@dataclass(slots=True, eq=False)  # identity: two blocks are never the same block
class HeadRegion:
    lines: list[int] = field(default_factory=list)  # indices into Layout.lines
    # A stack of headlines over the bodies it was cut into, or a picture's title over the
    # caption read under it: line -> the body or caption it heads.
    owners: dict[int, Body | Caption] = field(default_factory=dict)


@dataclass(slots=True, eq=False)  # identity: two blocks are never the same block
class Body:
    paragraphs: list[list[int]] = field(default_factory=list)
    has_byline: bool = False  # opens with a 本报讯 line
    under_feature_byline: bool = False  # printed under a "□ 通讯员 …" line
    tail: str | None = None  # writers printed on a line after the last paragraph
    tail_lines: list[int] = field(default_factory=list)
    new_page: bool = False  # starts after page furniture: it continues nothing above

    @property
    def signed(self) -> bool:
        """Someone signed it: an article, never a photo story or a headline."""
        return self.has_byline or self.under_feature_byline

    def line_indices(self) -> list[int]:
        return [i for p in self.paragraphs for i in p]

    def last_lines(self, count: int) -> list[int]:
        """The body's last ``count`` lines (its column as it runs now), without walking it all."""
        out: list[int] = []
        for paragraph in reversed(self.paragraphs):
            out[:0] = paragraph
            if len(out) >= count:
                return out[-count:]
        return out


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
    learned: LearnedHeads | None = None  # the line classifier's verdicts, when shipped
