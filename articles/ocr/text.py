"""Character classes and layout repair for OCR text (never rewrites characters)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

# CJK ideographs plus the full-width punctuation that sits between them.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"
_CJK_CHAR_RE = re.compile(f"[{CJK}]")
_SPACE_NEAR_CJK_RE = re.compile(
    f"(?<=[{CJK}{CJK_PUNCT}])[ \t\u3000]+|[ \t\u3000]+(?=[{CJK}{CJK_PUNCT}])"
)
# Half-width punctuation followed by a stray space before CJK: "来抓, 牢固".
_SPACE_AFTER_ASCII_PUNCT_RE = re.compile(f"(?<=[,;:!?().])[ \t]+(?=[{CJK}])")
_MULTI_SPACE_RE = re.compile(r"[ \t\u3000]{2,}")
_NON_WORD_RE = re.compile(f"[^{CJK}0-9A-Za-z]+")

# A line ending with one of these (optionally followed by closing quotes) ends a sentence.
_TERMINALS = ("。", "！", "？", "!", "?", "…", "...")
_CLOSERS = "”’」』)）\"'"
_SENTENCE_PUNCT_RE = re.compile("[，。；！？,;!?]")


def has_cjk(text: str) -> bool:
    return _CJK_CHAR_RE.search(text) is not None


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR_RE.findall(text))


def ends_sentence(text: str) -> bool:
    # Read from the line's end (past its closing quotes) rather than a regex searched along
    # all of it: this is asked of almost every line.
    return text.rstrip().rstrip(_CLOSERS).endswith(_TERMINALS)


def has_sentence_punct(text: str) -> bool:
    return _SENTENCE_PUNCT_RE.search(text) is not None


def squeeze_spaces(text: str) -> str:
    """Drop spaces next to CJK characters or full-width punctuation (OCR column artefacts)."""
    if " " not in text and "\t" not in text and "\u3000" not in text:
        return text.strip()  # most Chinese text has no spaces: three passes with nothing to do
    text = _SPACE_NEAR_CJK_RE.sub("", text)
    text = _SPACE_AFTER_ASCII_PUNCT_RE.sub("", text)
    return _MULTI_SPACE_RE.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph: no space between CJK, one space between words."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and line[0].isascii()
            and line[0].isalnum()
        ):
            out += " "
        out += line
    return squeeze_spaces(out)


def tidy_heading(text: str) -> str:
    """A headline as printed, with spaced-out single characters closed up and doubles removed."""
    text = text.strip().strip("#").strip()
    tokens = text.split()
    if len(tokens) >= 3 and sum(1 for t in tokens if len(t) == 1) >= len(tokens) - 1:
        text = "".join(tokens)  # "道 通 会 桥" printed letter-spaced
    else:
        text = " ".join(tokens)
    return undouble(text)


def undouble(text: str) -> str:
    """OCR sometimes reads a headline twice on one line: "推进改造推进改造" -> "推进改造"."""
    compact = text.replace(" ", "")
    n = len(compact)
    if n >= 4 and n % 2 == 0 and compact[: n // 2] == compact[n // 2 :]:
        return compact[: n // 2]
    return text


def match_key(text: str) -> str:
    """Text reduced to letters, digits and ideographs, for content comparison."""
    return _NON_WORD_RE.sub("", text)


def bigrams(text: str) -> set[int]:
    return key_bigrams(match_key(text))


def key_bigrams(key: str) -> set[int]:
    """Every pair of neighbouring characters, as a 64-bit number (two UTF-32 code units).

    Reading the UTF-32 bytes as 64-bit words gives the pairs at even offsets; the same bytes
    shifted by one character give the odd ones. Several times faster than slicing strings.
    """
    if len(key) < 2:
        return set()
    raw = key.encode("utf-32-le")
    if len(key) % 2:
        even, odd = raw[:-4], raw[4:]
    else:
        even, odd = raw, raw[4:-4]
    return set(memoryview(even).cast("Q")).union(memoryview(odd).cast("Q"))


def pair_code(first: str, second: str) -> int:
    """The number ``key_bigrams`` gives the pair of these two characters."""
    if sys.byteorder == "little":
        return ord(first) | (ord(second) << 32)
    return int.from_bytes((first + second).encode("utf-32-le"), sys.byteorder)


def word_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest first, as a tree on their
    characters (护(?:林员|河员)|…): at a position no word starts at, one test fails instead of
    one per word, which keeps a scan for hundreds of titles cheap."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(tree)


def _node_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longer words first: the branches are tried before the word ending here.
    return f"(?:{body})?" if ends else body
