"""What a line's image says about the marks its recogniser is unsure of.

A text-line recogniser reads one line at a time and knows shapes, not print: in a bold headline
it takes a pair of quotation ticks for a question mark, and a two-em dash (——, drawn as one
unbroken rule) for two 一. The image tells them apart without any knowledge of the words:

- a question mark reaches down to the baseline (its dot); quotation marks sit in the upper
  half of the line, and nothing else in Chinese text does;
- 一 is a character with side bearings, so two of them leave a gap between their strokes; the
  dash is one rule, drawn to join its neighbour.

The recogniser's CTC decoding says at which column of the line each character was read, which
is where the line's image is looked at.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_QUESTION = "?？"
_DASH_LOOKALIKE = "一"
# Ink darker than this (0–255) is print; a blurred scan's stroke edges are lighter.
_INK = 140


def without_dust(ink: np.ndarray) -> np.ndarray:
    """The ink with specks of dust (a few pixels, far smaller than any stroke) removed."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if count <= 1:
        return ink
    small = (stats[:, cv2.CC_STAT_AREA] <= 6) & (stats[:, cv2.CC_STAT_WIDTH] <= 3) & (stats[:, cv2.CC_STAT_HEIGHT] <= 3)
    small[0] = False  # the background
    return ink & ~small[labels]


def ink_of(crop: np.ndarray) -> np.ndarray:
    gray = crop.mean(axis=2) if crop.ndim == 3 else crop
    return without_dust(gray < _INK)


def _runs(columns: np.ndarray) -> list[tuple[int, int]]:
    """Runs of inked columns, as (start, end) with end exclusive."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], columns.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def checked(text: str, crop: np.ndarray, columns: float, positions: Sequence[int]) -> str:
    """``text`` as read from ``crop``, with quotation marks read as question marks and dashes
    read as 一一 put right. ``positions`` are the decoder's column for each character, out of
    ``columns`` across the crop. Unchanged when the positions do not fit the text."""
    if len(positions) != len(text) or columns <= 0 or not any(c in _QUESTION or c == _DASH_LOOKALIKE for c in text):
        return text
    ink = ink_of(crop)
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return text
    top, height = int(rows[0]), int(rows[-1] - rows[0] + 1)
    width = crop.shape[1]
    centres = [(p + 0.5) * width / columns for p in positions]
    runs = _runs(ink.any(axis=0))
    chars = list(text)
    for k, ch in enumerate(chars):
        if ch in _QUESTION:
            chars[k] = _quote_or_question(ink, runs, centres[k], top, height) or ch
    k = 0
    while k < len(chars):
        end = k
        while end < len(chars) and chars[end] == _DASH_LOOKALIKE:
            end += 1
        if end - k >= 2 and _dash(ink, runs, centres[k:end], top, height):
            chars[k:end] = "—" * (end - k)
        k = max(end, k + 1)
    return "".join(chars)


def _low(ink: np.ndarray, run: tuple[int, int], top: int, height: int) -> bool:
    """Whether the run's ink reaches the lower half of the line."""
    rows = np.flatnonzero(ink[:, run[0] : run[1]].any(axis=1))
    return bool(rows.size) and rows[-1] > top + 0.55 * height


def _quote_or_question(
    ink: np.ndarray, runs: list[tuple[int, int]], x: float, top: int, height: int
) -> str | None:
    """The quotation mark printed at ``x`` if the glyph there is one, else None."""
    near = [r for r in runs if r[1] > x - 0.35 * height and r[0] < x + 0.35 * height]
    if not near:
        return None
    nearest = min(near, key=lambda r: 0 if r[0] <= x < r[1] else min(abs(r[0] - x), abs(r[1] - x)))
    if _low(ink, nearest, top, height):
        return None  # a question mark's dot, or a neighbour: nothing to change
    # The mark's ticks (a quotation mark is two), and the characters on either side.
    at = runs.index(nearest)
    first = last = at
    while first > 0 and not _low(ink, runs[first - 1], top, height) and nearest[0] - runs[first - 1][1] < 0.3 * height:
        first -= 1
    while last + 1 < len(runs) and not _low(ink, runs[last + 1], top, height) and runs[last + 1][0] - nearest[1] < 0.3 * height:
        last += 1
    left = runs[first - 1][1] if first > 0 else 0
    right = runs[last + 1][0] if last + 1 < len(runs) else ink.shape[1]
    if right - left < 0.9 * height:
        return '"'  # set half width: the gap between the characters is narrower than an em
    # Full width: an opening mark hugs the character after it, a closing one the character before.
    middle = (runs[first][0] + runs[last][1]) / 2
    return "“" if middle > (left + right) / 2 else "”"


def _dash(ink: np.ndarray, runs: list[tuple[int, int]], centres: Sequence[float], top: int, height: int) -> bool:
    """Whether the strokes read as 一一 at ``centres`` are a dash: one unbroken rule across
    them, or flat strokes set below the middle of the line. 一 is an ideograph's stroke, drawn
    at or above the middle of the character's height (a Song 一 sits highest); a dash is a
    punctuation rule, drawn lower and joined to the next (a typesetter spacing out a line
    may open a hairline between its halves)."""
    if any(a <= centres[0] - 0.3 * height and b >= centres[-1] + 0.3 * height for a, b in runs):
        return True
    for x in centres:
        inside = [r for r in runs if r[0] <= x < r[1]]
        if not inside:
            return False
        rows = np.flatnonzero(ink[:, inside[0][0] : inside[0][1]].any(axis=1))
        flat = rows.size and rows[-1] - rows[0] < 0.25 * height
        if not flat or ((rows[0] + rows[-1]) / 2 - top) / height < 0.52:
            return False
    return True
