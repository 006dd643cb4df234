"""Chinese punctuation is printed full width; OCR (and older OCR text files) often has half-width.

The renderer sets a text file's half-width commas, colons, brackets… the way a Chinese paper
prints them, and OCR output gets the same treatment: a PP-OCR model reads a full-width comma
at the end of a line as ",", because the crop ends right after the glyph. Only marks touching
a Chinese character change; "3,000", "10:30" and Latin text keep theirs.
"""

from __future__ import annotations

import unicodedata

_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
# Quotes and brackets are looked past to find what a mark stands between: 实",夯实 is Chinese.
_SEE_THROUGH = set('"\'“”‘’()（）')


def _chinese(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in "WF" and ch not in _SEE_THROUGH


def _neighbour(text: str, k: int, step: int) -> str:
    k += step
    while 0 <= k < len(text) and text[k] in _SEE_THROUGH:
        k += step
    return text[k] if 0 <= k < len(text) else ""


def full_width(text: str) -> str:
    if not any(ch in _FULL for ch in text):
        return text
    out = []
    for k, ch in enumerate(text):
        if ch in _FULL:
            before, after = _neighbour(text, k, -1), _neighbour(text, k, 1)
            digits = (text[k - 1 : k].isdigit() and text[k + 1 : k + 2].isdigit())
            if not digits and (_chinese(before) or _chinese(after)):
                ch = _FULL[ch]
        out.append(ch)
    return "".join(out)
