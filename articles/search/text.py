"""Text as the index sees it: normalisation, runs of word characters, bigrams."""

from __future__ import annotations

import re
import unicodedata

# Characters that make up words. Everything else (punctuation, symbols, whitespace) ends a run.
# Kept as explicit ranges, identical in Python and in PostgreSQL's regex (locale-independent:
# under a C locale PostgreSQL's [[:alnum:]] knows no Chinese).
WORD_RANGES: tuple[tuple[int, int], ...] = (
    (0x30, 0x39),  # 0-9
    (0x61, 0x7A),  # a-z (upper case is folded first)
    (0xC0, 0xD6),  # Latin-1 letters
    (0xD8, 0xF6),
    (0xF8, 0x24F),  # Latin Extended-A/B
    (0x391, 0x3C9),  # Greek
    (0x410, 0x44F),  # Cyrillic
    (0x3005, 0x3007),  # 々 〆 〇 (〇 in dates: 二〇二五年)
    (0x3041, 0x3096),  # hiragana
    (0x30A1, 0x30FA),  # katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B-G
)

# A search longer than this is not a search a reader typed; the form refuses it.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8


def python_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


def _pg_escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def postgres_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        _pg_escape(lo) if lo == hi else f"{_pg_escape(lo)}-{_pg_escape(hi)}" for lo, hi in ranges
    )


WORD_CLASS = python_class(WORD_RANGES)
_RUN_RE = re.compile(f"[{WORD_CLASS}]+")
ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
WHITESPACE_RE = re.compile(r"[ \t\n\r\f\v]+")


def normalise(text: str) -> str:
    """NFKC, ASCII lower case, no whitespace — the text the index and the recheck compare."""
    return WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text).translate(ASCII_FOLD))


def runs(text: str) -> list[str]:
    """The runs of word characters in the normalised ``text``."""
    return _RUN_RE.findall(normalise(text))


def bigrams(text: str) -> list[str]:
    """Overlapping bigrams of every run, each run's last character kept alone."""
    return [run[i : i + 2] for run in runs(text) for i in range(len(run))]


def index_text(*fields: str | None) -> str:
    """The bigram text FTS5 indexes for ``fields`` (each field tokenised on its own)."""
    return " ".join(token for field in fields if field for token in bigrams(field))

