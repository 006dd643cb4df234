"""Pictures on a page: the printed photograph next to its caption, found on the page image.

The OCR gives the caption's lines but nothing for the picture, which holds no text. On the page
image a picture is a large block of printed (non-paper) pixels with no text line in it, set
right above or below its caption and as wide as its column or columns. So, from the caption:
look up and down the caption's width for rows that are mostly printed, stop at white space or
at a line of other text, then widen to the printed columns of those rows, stopping at the
white of the gutters. Text lines are cleared from the image first, so a column of body text
(dark strokes, white between) is never taken for a picture.

The image is looked at reduced (about 1,200 pixels on its long side): a picture is big, and
the reduced page costs ~1 MB and a few milliseconds per photo. No Django here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from .types import Box

LONG_SIDE = 1200  # pixels of the reduced page's long side
# A row (or column) across the candidate is the picture's when this share of it is printed.
PRINTED_SHARE = 0.3
# How far below the paper's own shade a pixel must be to count as printed (share of the shade).
INK_CONTRAST = 0.15
# A picture is at least this many caption lines tall (a rule or a stray mark is not a picture).
MIN_LINES_TALL = 2.0


@dataclass(frozen=True, slots=True)
class PageInk:
    """A page image reduced by ``scale``: True where something is printed."""

    printed: np.ndarray  # bool, rows × columns of the reduced page
    scale: int
    width: int  # the page's own size, in page pixels
    height: int

    @classmethod
    def of(cls, image: Image.Image, *, long_side: int = LONG_SIDE) -> PageInk:
        scale = max(1, math.ceil(max(image.size) / long_side))
        grey = image if image.mode == "L" else image.convert("L")
        small = np.asarray(grey.reduce(scale) if scale > 1 else grey, dtype=np.uint8)
        # The paper's shade: a light percentile, since most of a page is paper or close to it
        # (a yellowed scan is not white; printed there is darker than the paper, not than white).
        paper = float(np.percentile(small, 95)) if small.size else 255.0
        return cls(small < paper * (1 - INK_CONTRAST), scale, image.width, image.height)

    def without_text(self, boxes: Sequence[Box]) -> PageInk:
        """The same page with every text line cleared (its strokes are not a picture's ink)."""
        printed = self.printed.copy()
        for box in boxes:
            x0, y0, x1, y1 = self._cells(box)
            printed[y0:y1, x0:x1] = False
        return PageInk(printed, self.scale, self.width, self.height)

    def _cells(self, box: Box) -> Box:
        """A page box in reduced cells (every cell it touches), clipped to the page."""
        rows, columns = self.printed.shape
        s = self.scale
        return (
            min(columns, max(0, box[0] // s)),
            min(rows, max(0, box[1] // s)),
            min(columns, max(0, -(-box[2] // s))),
            min(rows, max(0, -(-box[3] // s))),
        )


def picture_box(
    ink: PageInk, caption: Box, *, line_height: int, others: Sequence[Box] = ()
) -> Box | None:
    """The picture printed right above or below ``caption`` (the union of its lines' boxes),
    or None if there is none there. ``ink`` has the page's text cleared (``without_text``);
    ``others`` are the lines of other text on the page, which a picture never runs into."""
    cx0, cy0, cx1, cy1 = ink._cells(caption)
    if cx1 <= cx0 or cy1 <= cy0:
        return None
    lh = max(2, round(line_height / ink.scale))
    blockers = [ink._cells(box) for box in others]
    found = [
        box
        for box in (
            _grow(ink.printed, blockers, cx0, cx1, start, step, lh)
            for start, step in ((cy0 - 1, -1), (cy1, 1))
        )
        if box is not None
    ]
    if not found:
        return None
    x0, y0, x1, y1 = max(found, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    s = ink.scale
    return (x0 * s, y0 * s, min(ink.width, x1 * s), min(ink.height, y1 * s))


def _blocked_rows(blockers: Sequence[Box], x0: int, x1: int, rows: int) -> np.ndarray:
    """Rows where a line of other text crosses the columns x0..x1."""
    blocked = np.zeros(rows, dtype=bool)
    for bx0, by0, bx1, by1 in blockers:
        if min(bx1, x1) - max(bx0, x0) > 0:
            blocked[by0:by1] = True
    return blocked


def _run(printed: np.ndarray, blocked: np.ndarray, start: int, step: int, lh: int) -> tuple[int, int] | None:
    """From ``start`` in direction ``step``: skip the white between caption and picture (at
    most two lines), then take printed entries until white wider than half a line or another
    text's line; (first, last) entry of the picture in scan order, or None. A thin printed
    stretch beyond a white one (a rule down the gutter, a frame's shadow) is not taken."""
    n = len(printed)
    i, gap = start, 0
    while 0 <= i < n and not printed[i]:
        if blocked[i] or gap >= 2 * lh:
            return None
        i += step
        gap += 1
    if not 0 <= i < n or blocked[i]:
        return None
    first = last = i
    thin = max(2, lh // 2)
    stretch_start: int | None = None  # where printing resumed after white
    white = 0
    while 0 <= i < n and not blocked[i]:
        if printed[i]:
            if white:
                stretch_start = i
            white = 0
            if stretch_start is None or abs(i - stretch_start) + 1 >= thin:
                last, stretch_start = i, None
        else:
            white += 1
            if white > max(1, lh // 2):
                break
        i += step
    return first, last


def _grow(
    printed: np.ndarray, blockers: Sequence[Box], x0: int, x1: int, start: int, step: int, lh: int
) -> Box | None:
    rows, columns = printed.shape
    # Down the caption's width: which rows are the picture's.
    row_share = printed[:, x0:x1].mean(axis=1) >= PRINTED_SHARE
    span = _run(row_share, _blocked_rows(blockers, x0, x1, rows), start, step, lh)
    if span is None:
        return None
    top, bottom = sorted(span)
    if bottom + 1 - top < MIN_LINES_TALL * lh:
        return None
    # Across those rows: the picture may be wider than its caption (or narrower); widen to its
    # printed columns, never into another text's line.
    col_share = printed[top : bottom + 1].mean(axis=0) >= PRINTED_SHARE
    blocked_cols = np.zeros(columns, dtype=bool)
    for bx0, by0, bx1, by1 in blockers:
        if min(by1, bottom + 1) - max(by0, top) > 0:
            blocked_cols[bx0:bx1] = True
    inside = [x for x in range(x0, x1) if col_share[x] and not blocked_cols[x]]
    if not inside:
        return None
    middle = inside[len(inside) // 2]
    left = _run(col_share, blocked_cols, middle, -1, lh)
    right = _run(col_share, blocked_cols, middle, 1, lh)
    if left is None or right is None:
        return None
    px0, px1 = left[1], right[1] + 1
    if px1 - px0 < MIN_LINES_TALL * lh:
        return None
    # The rows again over the picture's own width (a caption narrower than its picture saw
    # only part of it), still bounded by the run found first.
    share = printed[top : bottom + 1, px0:px1].mean(axis=1) >= PRINTED_SHARE
    kept = np.flatnonzero(share)
    return (px0, top + int(kept[0]), px1, top + int(kept[-1]) + 1)
