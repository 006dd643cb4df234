"""CJK text primitives the hints share: character classes, runs, n-gram counting."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from functools import cache
from itertools import chain
from operator import add

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_OR_PUNCT = CJK + "\u3000-\u303f\uff00-\uffef“”‘’"
CJK_RUN = re.compile(f"[{CJK}]+")


def bigrams(text: str) -> Iterable[str]:
    """Every two adjacent characters of ``text`` (built in C)."""
    return map(add, text, text[1:])


# Bigrams as numbers: a character's UTF-32 code unit is four bytes, so two neighbours read as
# one 64-bit word. A text's bigrams come out of its encoded bytes in C, with no string made
# for each (a number hashes to itself); the sets they are looked up in hold the same numbers.
_UTF32 = "utf-32-le"
BigramCodes = tuple[memoryview, memoryview]


def bigram_codes(text: str) -> BigramCodes:
    """The bigrams of ``text`` as numbers: those starting at even offsets, and at odd ones."""
    raw = memoryview(text.encode(_UTF32, "surrogatepass"))
    pairs = max(0, len(text) - 1)
    return raw[: 8 * ((pairs + 1) // 2)].cast("Q"), raw[4 : 4 + 8 * (pairs // 2)].cast("Q")


def bigram_code_set(pairs: Iterable[str]) -> set[int]:
    """The numbers of these bigrams (strings of another length are left out: no bigram is one)."""
    joined = "".join(pair for pair in pairs if len(pair) == 2)
    return set(memoryview(joined.encode(_UTF32, "surrogatepass")).cast("Q"))


def bigram_mask(codes: BigramCodes, wanted: Container[int]) -> bytes:
    """One byte per bigram of the text, in order: 1 where it is in ``wanted``, else 0."""
    even, odd = codes
    mask = bytearray(len(even) + len(odd))
    mask[0::2] = bytes(map(wanted.__contains__, even))
    mask[1::2] = bytes(map(wanted.__contains__, odd))
    return bytes(mask)


def bigram_positions(text: str, codes: BigramCodes, wanted: set[int]) -> list[int]:
    """Where in ``text`` a bigram in ``wanted`` starts, in order (``codes``: its ``bigram_codes``).

    For a ``wanted`` that few of a text's bigrams are in: which of them occur is two set
    intersections in C, and only those few are then looked for in the text — no byte per
    bigram of the text as ``bigram_mask`` makes."""
    even, odd = codes
    present = wanted.intersection(even)
    present.update(wanted.intersection(odd))
    positions: list[int] = []
    for code in present:
        pair = code.to_bytes(8, sys.byteorder).decode(_UTF32, "surrogatepass")
        at = text.find(pair)
        while at != -1:
            positions.append(at)
            at = text.find(pair, at + 1)
    positions.sort()
    return positions


def ngram_counts(texts: Iterable[str], sizes: tuple[int, ...] = (1, 2, 3)) -> Counter[str]:
    """How often each CJK character, bigram and trigram occurs (one Counter; lengths tell them apart)."""
    counts: Counter[str] = Counter()
    add_ngrams(counts, texts, sizes)
    return counts


def add_ngrams(counts: Counter[str], texts: Iterable[str], sizes: tuple[int, ...] = (1, 2, 3)) -> int:
    """Add the CJK n-grams of ``texts`` to ``counts`` (the counting loop runs in C); returns
    how many CJK characters the texts hold."""
    tally = [0]
    counts.update(chain.from_iterable(gram_iterables(texts, sizes, tally)))
    return tally[0]


def gram_iterables(texts: Iterable[str], sizes: tuple[int, ...], tally: list[int]) -> Iterator[Iterable[str]]:
    """The n-grams of each CJK run of the texts, in text order, as iterables that build them
    in C; ``tally[0]`` counts the characters."""
    for text in texts:
        joined = "".join(CJK_RUN.findall(text))
        tally[0] += len(joined)
        for n in sizes:
            # n CJK characters in a row are n characters of one run: the regex engine finds
            # each window (a look-ahead, so they overlap) without a Python step per run.
            yield joined if n == 1 else _cjk_window(n).findall(text)


@cache
def _cjk_window(n: int) -> re.Pattern[str]:
    return re.compile(f"(?=([{CJK}]{{{n}}}))")
