"""One occurrence of a hint, named so that it is found again after the text changes elsewhere.

An editor who says a hint is not an error ("不是错误") means that place: the suspect with the
words right around it. The fingerprint is the field, the hint's kind, suspect and suggestion,
and a few characters on each side within its paragraph — so an edit in another paragraph, or the article growing
above it, leaves it matching, while the same suspect elsewhere (or this one reworded) is a
new occurrence that the editor has not seen. The context is folded the way the typesetting
action normalises it (half-width punctuation to full width, spaces dropped), so normalising
the article does not bring rejected hints back. Pure Python: no database.
"""

from __future__ import annotations

import hashlib
import re

#: Characters kept on each side of the suspect (after folding).
CONTEXT_CHARS = 6

_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_SPACES = re.compile(r"[ \t\u3000]+")


def fold(text: str) -> str:
    """``text`` as the fingerprint sees it: full-width punctuation, no spaces."""
    return _SPACES.sub("", text.translate(_HALF_TO_FULL))


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The folded ``CONTEXT_CHARS`` characters before ``start`` and after ``end``, within
    the paragraph."""
    # Read a little more than needed (folding may drop spaces), and never past the paragraph:
    # a paragraph added or rewritten above or below leaves the place as it was.
    reach = CONTEXT_CHARS * 3
    before = text[max(0, start - reach) : start].rpartition("\n")[2]
    after = text[end : end + reach].partition("\n")[0]
    return fold(before)[-CONTEXT_CHARS:], fold(after)[:CONTEXT_CHARS]


def occurrence_fingerprint(
    *, field: str, kind: str, suspect: str, suggestion: str, text: str, start: int, end: int
) -> str:
    """A short stable name for the hint at ``text[start:end]`` of ``field``."""
    before, after = context_around(text, start, end)
    key = "\x1f".join((field, kind, suspect, suggestion, before, after))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
