"""CJK text primitives the hints share: character classes, runs, n-gram counting."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import add

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_OR_PUNCT = CJK + "\u3000-\u303f\uff00-\uffef“”‘’"
CJK_RUN = re.compile(f"[{CJK}]+")


def bigrams(text: str) -> Iterable[str]:
    """Every two adjacent characters of ``text`` (built in C)."""
    return map(add, text, text[1:])


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
    """The n-grams of each CJK run of the texts, as iterables that build them in C;
    ``tally[0]`` counts the characters."""
    for text in texts:
        runs = CJK_RUN.findall(text)
        joined = "".join(runs)
        tally[0] += len(joined)
        for n in sizes:
            if n == 1:
                yield joined
            else:
                # Each run's n-grams as the string sums of n shifted copies of it.
                yield chain.from_iterable(_shifted_sums(run, n) for run in runs if len(run) >= n)


def _shifted_sums(run: str, n: int) -> Iterable[str]:
    grams: Iterable[str] = run
    for k in range(1, n):
        grams = map(add, grams, run[k:])
    return grams
