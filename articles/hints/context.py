"""What the hints know about the archive (``HintContext``) and the tables derived from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from itertools import chain, compress

from articles.hints.text import CJK_RUN, bigram_code_set, gram_iterables

#: A character making up more than this share of the archive's text is "everyday".
FREQUENT_CHAR_SHARE = 0.001
# Stands for the swapped character in the trigram index's keys (never in a CJK n-gram).
SLOT = "\0"
# Above this many distinct n-grams (``ocr_hints`` counting a large archive) the trigram index
# would cost more memory than it saves time: the rule then tries each look-alike in turn.
_TRIGRAM_INDEX_MAX_NGRAMS = 2_000_000


@dataclass
class _RareTables:
    """What the rare-string rule needs about the n-gram counts, for one ``common``."""

    #: characters with look-alikes that are not everyday: the only ones the rule looks at
    candidates: set[str]
    #: the candidates' complement among characters with look-alikes
    everyday: set[str]
    #: bigrams seen ``common`` times or more
    bigrams: set[str]
    #: every n-gram seen ``common`` times or more (to tell which just became common)
    common: set[str]
    #: a common trigram with one character blanked out → the characters that fill it
    #: (None: not built, too many n-grams)
    slots: dict[str, set[str]] | None
    #: ``bigrams`` as numbers (``bigram_codes``), which the rule looks up
    bigram_codes: set[int] = field(default_factory=set)

    def add_trigram(self, gram: str) -> None:
        if self.slots is not None:
            for k in range(3):
                self.slots.setdefault(gram[:k] + SLOT + gram[k + 1 :], set()).add(gram[k])


@dataclass
class HintContext:
    """What the hints know about the archive.

    The derived tables (variants, everyday characters, common bigrams) are built on first use;
    :meth:`add_people` and :meth:`add_texts` keep them up to date. Whoever changes ``ngrams``
    in place otherwise calls :meth:`forget_derived`.
    """

    #: canonical names and terms (people, tags, the curated term list)
    terms: Set[str] = frozenset()
    #: the people's names among the terms (two names a look-alike apart are flagged)
    people: Set[str] = frozenset()
    #: known wrong spelling → right spelling (people's aliases, curated confusions)
    corrections: Mapping[str, str] = field(default_factory=dict)
    #: names the importer read with a look-alike surname → the name they most likely are
    #: (划晓明 → 刘晓明): flagged wherever printed, never put right by themselves
    misread_names: dict[str, str] = field(default_factory=dict)
    #: character → look-alike characters
    lookalikes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: counts of CJK trigrams across the archive (empty: the rare-string hint is off)
    ngrams: Mapping[str, int] = field(default_factory=dict)
    _variants: dict[str, str] | None = None
    _variant_prefixes: dict[str, list[int]] | None = None
    _prefix_keys: set[str] = field(default_factory=set)
    _prefix_codes: set[int] = field(default_factory=set)  # the same as numbers
    _twins: frozenset[str] = frozenset()
    _frequent_char_count: int | None = None
    # (id of the ngrams mapping, common) → what the rare-string rule needs
    _rare_tables: dict[tuple[int, int], _RareTables] = field(default_factory=dict)
    _lookalike_chars: frozenset[str] | None = None
    _ngrams_id: int = 0

    def _check_ngrams(self) -> None:
        # ``ngrams`` may be replaced after construction (ocr_hints counts the whole archive).
        if id(self.ngrams) != self._ngrams_id:
            self.forget_derived()
            self._ngrams_id = id(self.ngrams)

    def forget_derived(self) -> None:
        """Drop what was derived from ``ngrams`` (after changing it in place)."""
        self._frequent_char_count = None
        self._rare_tables = {}

    def frequent_char_count(self, floor: int) -> float:
        """How many times a character must occur to count as everyday (built once)."""
        self._check_ngrams()
        if self._frequent_char_count is None:
            self._frequent_char_count = sum(v for k, v in self.ngrams.items() if len(k) == 1)
        return max(floor, FREQUENT_CHAR_SHARE * self._frequent_char_count)

    def _lookalike_set(self) -> frozenset[str]:
        if self._lookalike_chars is None:
            self._lookalike_chars = frozenset(
                c for c, others in self.lookalikes.items() if others and CJK_RUN.fullmatch(c)
            )
        return self._lookalike_chars

    def rare_tables(self, common: int) -> _RareTables:
        """The characters the rare-string rule looks at (they have look-alikes and are not
        everyday), the common bigrams and the trigram index (built once)."""
        self._check_ngrams()
        key = (id(self.ngrams), common)
        tables = self._rare_tables.get(key)
        if tables is None:
            frequent = self.frequent_char_count(common)
            ngrams = self.ngrams
            everyday = {c for c in self._lookalike_set() if ngrams.get(c, 0) > frequent}
            index = len(ngrams) <= _TRIGRAM_INDEX_MAX_NGRAMS
            frequent_grams = {k for k, v in ngrams.items() if v >= common}
            tables = _RareTables(
                candidates=set(self._lookalike_set() - everyday),
                everyday=everyday,
                bigrams={k for k in frequent_grams if len(k) == 2},
                common=frequent_grams,
                slots={} if index else None,
            )
            tables.bigram_codes = bigram_code_set(tables.bigrams)
            if index:
                for gram in frequent_grams:
                    if len(gram) == 3:
                        tables.add_trigram(gram)
            self._rare_tables[key] = tables
        return tables

    def add_texts(self, texts: Iterable[str]) -> None:
        """Count these texts' n-grams in (``ngrams`` must be a Counter).

        The derived tables are brought up to date rather than rebuilt: counts only grow, so
        only what was just counted can become common; a character stops being everyday only
        when the threshold (a share of all text) rises past it.
        """
        self._check_ngrams()
        tally = [0]
        grams = list(chain.from_iterable(gram_iterables(texts, (1, 2, 3), tally)))
        ngrams = self.ngrams
        ngrams.update(grams)  # type: ignore[attr-defined]  # from an iterable: counted in C
        if self._frequent_char_count is not None:
            self._frequent_char_count += tally[0]
        if not self._rare_tables:
            return
        seen = set(grams)
        for (_, common), tables in self._rare_tables.items():
            frequent = self.frequent_char_count(common)
            maybe = tables.everyday | (self._lookalike_set() & seen)
            everyday = {c for c in maybe if ngrams.get(c, 0) > frequent}
            tables.candidates.difference_update(everyday - tables.everyday)
            tables.candidates.update(tables.everyday - everyday)
            tables.everyday = everyday
            # The n-grams that just became common, picked out in C; only those are indexed.
            fresh = list(seen - tables.common)
            now_common = set(compress(fresh, map(common.__le__, map(ngrams.__getitem__, fresh))))
            for gram in now_common:
                if len(gram) == 2:
                    tables.bigrams.add(gram)
                elif len(gram) == 3:
                    tables.add_trigram(gram)
            tables.bigram_codes |= bigram_code_set(now_common)
            tables.common |= now_common

    def _keeps(self, variant: str, term: str) -> bool:
        # Two known names a look-alike apart (袁青穗 and 袁菁穗, both imported as people) are
        # usually one person misread: keep those pairs too.
        return (
            variant not in self.terms
            or len(variant) >= 3
            or (variant in self.people and term in self.people)
        )

    def _variants_of(self, term: str) -> Iterable[str]:
        for i, char in enumerate(term):
            for other in self.lookalikes.get(char, ()):
                yield term[:i] + other + term[i + 1 :]

    def variants(self) -> dict[str, str]:
        """One-look-alike-swap spellings of every term → the term (built once)."""
        if self._variants is None:
            variants: dict[str, str] = {}
            for term in sorted(self.terms):
                for variant in self._variants_of(term):
                    if self._keeps(variant, term):
                        variants.setdefault(variant, term)
            prefixes: dict[str, set[int]] = {}
            for variant in variants:
                prefixes.setdefault(variant[:2], set()).add(len(variant))
            self._variants = variants
            self._twins = frozenset(v for v in variants if v in self.terms)
            self._variant_prefixes = {p: sorted(n, reverse=True) for p, n in prefixes.items()}
            self._prefix_keys = set(prefixes)
            self._prefix_codes = bigram_code_set(prefixes)
        return self._variants

    def variant_prefixes(self) -> dict[str, list[int]]:
        """First two characters of the variants → their lengths (so most positions cost one probe)."""
        self.variants()
        return self._variant_prefixes or {}

    def add_people(self, names: Iterable[str]) -> None:
        """Learn new people's names (an import run learns them file by file).

        The variants are extended in place rather than rebuilt: a variant keeps pointing to
        the first term in sorted order, as a rebuild would have it, and a new name that was
        a variant of another term becomes a twin or is dropped by the same rule.
        """
        new = sorted({n for n in names if len(n) >= 2} - self.terms)
        if not new:
            return
        # Grown in place from the first file on: a new set for each file would copy every
        # name the archive knows, once per file of the import.
        if not isinstance(self.terms, set):
            self.terms = set(self.terms)
        if not isinstance(self.people, set):
            self.people = set(self.people)
        self.terms.update(new)
        self.people.update(new)
        if self._variants is None:
            return  # built from the full sets on first use
        variants, prefixes = self._variants, self._variant_prefixes or {}
        twins = set(self._twins)
        fresh_prefixes: list[str] = []
        for term in new:
            current = variants.get(term)
            if current is not None:
                if self._keeps(term, current):
                    twins.add(term)
                else:
                    del variants[term]
            for variant in self._variants_of(term):
                if not self._keeps(variant, term):
                    continue
                current = variants.get(variant)
                if current is None or term < current:
                    variants[variant] = term
                    if variant[:2] not in self._prefix_keys:
                        self._prefix_keys.add(variant[:2])
                        fresh_prefixes.append(variant[:2])
                    lengths = prefixes.setdefault(variant[:2], [])
                    if len(variant) not in lengths:
                        lengths.append(len(variant))
                        lengths.sort(reverse=True)
                    if variant in self.terms:
                        twins.add(variant)
        self._prefix_codes |= bigram_code_set(fresh_prefixes)
        self._variant_prefixes = prefixes
        self._twins = frozenset(twins)
