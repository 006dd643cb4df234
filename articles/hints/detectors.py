"""Likely OCR errors in an article's text, each with a suggested fix — never applied by itself.

``find_hints`` (in ``articles.hints.rules``, re-exported here) is pure: it takes the text and
what it needs to know about the archive (known names and terms, the look-alike table, n-gram
counts) and returns ``Hint`` objects with character offsets, so the correction screen can
offer a one-click fix and ``ocr_hints --json`` can report the same thing. This module gathers
that knowledge from the database (``archive_context``, cached for a few minutes, since it is
the same for every article) and stores each article's hint count.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from articles.hints.context import HintContext
from articles.hints.glyphs import similar_pairs
from articles.hints.occurrences import occurrence_fingerprint
from articles.hints.rules import (
    FIELD_NAMES,
    HALF_TO_FULL,
    HINT_FIELDS,
    KIND_LABELS,
    TERMS_FILE,
    Hint,
    Kind,
    apply_hint,
    byline_missing,
    count_hints,
    find_hints,
    halfwidth_punctuation,
    known_corrections,
    lookalike_terms,
    misread_names,
    rare_lookalikes,
    repeated_phrases,
    split_digits,
    stray_spaces,
    yi_dashes,
)
from articles.hints.text import CJK, CJK_OR_PUNCT, add_ngrams, ngram_counts
from articles.ocr.names import misread_name

__all__ = [
    "CJK", "CJK_OR_PUNCT", "FIELD_NAMES", "HALF_TO_FULL", "HINT_FIELDS", "KIND_LABELS",
    "NGRAM_SAMPLE", "TERMS_FILE", "Hint", "HintContext", "HintGroup", "Kind", "add_ngrams",
    "apply_hint", "archive_context", "archive_knowledge", "byline_missing", "clear_cache",
    "count_hints", "curated_terms", "find_hints", "find_hints_in_archive", "fingerprint_of", "group_hints",
    "halfwidth_punctuation", "hints_for_article", "known_corrections", "lookalike_terms",
    "misread_names",
    "ngram_counts", "rare_lookalikes", "recount_rejected", "refresh_hint_count", "refresh_hint_counts",
    "rejected_fingerprints",
    "repeated_phrases", "split_digits", "stray_spaces", "yi_dashes",
]


def curated_terms(path: Path = TERMS_FILE) -> tuple[set[str], dict[str, str]]:
    """Terms (one a line) and known confusions (``wrong=right``) from the data file."""
    terms: set[str] = set()
    corrections: dict[str, str] = {}
    if not path.exists():
        return terms, corrections
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" in line:
            wrong, right = (part.strip() for part in line.split("=", 1))
            corrections[wrong] = right
            terms.add(right)
        else:
            terms.add(line)
    return terms, corrections


_CACHE: dict[str, tuple[float, HintContext]] = {}
CACHE_SECONDS = 1800
NGRAM_SAMPLE = 2_000


def archive_knowledge() -> HintContext:
    """Names, aliases, tags, the curated list and the look-alike table — no n-gram counts."""
    from articles.models import Tag
    from people.models import Person, PersonAlias

    terms, corrections = curated_terms()
    people = {n for n in Person.objects.values_list("name", flat=True) if len(n) >= 2}
    terms.update(people)
    terms.update(n for n in Tag.objects.values_list("name", flat=True) if len(n) >= 2)
    misread: dict[str, str] = {}
    for alias, name in PersonAlias.objects.values_list("name", "person__name"):
        if alias == name:
            continue
        # The importer keeps a name printed with a look-alike surname as an alias of the
        # person it most likely is: that spelling gets its own hint, wherever it is printed.
        if misread_name(alias) == name:
            misread[alias] = name
        else:
            corrections[alias] = name
    return HintContext(
        terms=frozenset(terms), people=frozenset(people), corrections=corrections,
        misread_names=misread, lookalikes=similar_pairs(), ngrams=Counter(),
    )


def recent_bodies(limit: int = NGRAM_SAMPLE) -> list[str]:
    """The bodies of the ``limit`` most recently updated articles (the n-gram sample)."""
    from articles.models import Article

    return list(Article.objects.order_by("-updated_at").values_list("body", flat=True)[:limit])


def archive_context(*, with_ngrams: bool = True, fresh: bool = False) -> HintContext:
    """Known names, aliases, tags and trigram counts from the database (cached 30 minutes).

    Trigram counts come from the ``NGRAM_SAMPLE`` most recently updated articles so the first
    correction screen of the day does not read the whole archive; ``ocr_hints`` passes
    ``fresh=True`` and builds counts from every article itself.
    """
    key = f"ctx-{with_ngrams}"
    cached = _CACHE.get(key)
    if cached and not fresh and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    context = archive_knowledge()
    if with_ngrams:
        context.ngrams = ngram_counts(recent_bodies())
    _CACHE[key] = (time.monotonic(), context)
    return context


def clear_cache() -> None:
    _CACHE.clear()


def hints_for_article(article: Any, context: HintContext | None = None) -> list[Hint]:
    """Hints for every text field of the article, each tagged with its field."""
    context = context if context is not None else archive_context()
    hints: list[Hint] = []
    for name in HINT_FIELDS:
        text = getattr(article, name) or ""
        hints.extend(replace(h, field=name) for h in find_hints(text, context))
    return hints


def _fields(article: Any) -> dict[str, str]:
    return {name: getattr(article, name) or "" for name in HINT_FIELDS}


def fingerprint_of(hint: Hint, text: str) -> str:
    """The occurrence fingerprint of ``hint``, found in ``text`` (its field's text)."""
    return occurrence_fingerprint(
        field=hint.field, kind=hint.kind, suspect=hint.text, suggestion=hint.suggestion,
        text=text, start=hint.start, end=hint.end,
    )


def rejected_fingerprints(
    *, article_ids: Iterable[int] = (), issue_ids: Iterable[int] = (),
    id_range: tuple[int, int] | None = None,
) -> dict[int, set[str]]:
    """The occurrences editors marked "不是错误", by article: one query for a whole batch
    (articles by id, the articles of issues, or the articles with ids in a half-open range)."""
    from articles.models import HintRejection

    rows = HintRejection.objects.none()
    article_ids, issue_ids = list(article_ids), list(issue_ids)
    if article_ids:
        rows = HintRejection.objects.filter(article_id__in=article_ids)
    elif issue_ids:
        rows = HintRejection.objects.filter(article__issue_id__in=issue_ids)
    elif id_range is not None:
        rows = HintRejection.objects.filter(article_id__gte=id_range[0], article_id__lt=id_range[1])
    found: dict[int, set[str]] = {}
    for article_id, fingerprint in rows.values_list("article_id", "fingerprint"):
        found.setdefault(article_id, set()).add(fingerprint)
    return found


def refresh_hint_count(
    article: Any, context: HintContext | None = None, *, rejected: Collection[str] | None = None
) -> int:
    """Store how many hints the article has (the changelist filter and review queue use it),
    rejected occurrences left out. ``rejected``: the article's rejected fingerprints when the
    caller has them (a batch); otherwise they are read (one query)."""
    from articles.models import Article

    context = context if context is not None else archive_context()
    if rejected is None:
        rejected = rejected_fingerprints(article_ids=[article.pk]).get(article.pk, set())
    count = count_hints(_fields(article), context, rejected)
    if count != article.ocr_hint_count:
        Article.objects.filter(pk=article.pk).update(ocr_hint_count=count)
        article.ocr_hint_count = count
    return count


def recount_rejected(*, article_ids: Iterable[int]) -> int:
    """Recount those of these articles that have rejected hints; returns how many.

    For writers that store counts made without the rejections (a re-import in place keeps an
    article's id, and with it what editors rejected): one query when none has any.
    """
    from articles.models import Article

    rejected = rejected_fingerprints(article_ids=article_ids)
    if not rejected:
        return 0
    context = archive_context()
    articles = Article.objects.filter(pk__in=list(rejected)).only("id", "ocr_hint_count", *HINT_FIELDS)
    for article in articles:
        refresh_hint_count(article, context, rejected=rejected[article.pk])
    return len(rejected)


def find_hints_in_archive() -> list[dict[str, Any]]:
    """Hints for every article (JSON-able rows) — a report: it writes nothing.

    The stored counts belong to the importer and the correction screen (``count_hints``);
    a report that rewrote them would reorder the review queue behind the editors' backs.
    """
    from articles.models import Article

    context = archive_context(with_ngrams=False, fresh=True)
    articles = Article.objects.order_by("pk").only("id", *HINT_FIELDS)
    context.ngrams = ngram_counts(a.body for a in articles.iterator(chunk_size=2000))
    rows: list[dict[str, Any]] = []
    for article in articles.iterator(chunk_size=2000):
        hints = hints_for_article(article, context)
        rows.extend({"article": article.pk, "title": article.title, **h.as_dict()} for h in hints)
    return rows


def refresh_hint_counts(*, issue_ids: Iterable[int]) -> int:
    """Store the hint count of every article in these issues; returns the total.

    The importer stores each article's count as it writes it; this recounts issues (for
    callers that changed them in bulk) against a fresh view of the archive.
    """
    from articles.models import Article

    issue_ids = list(issue_ids)
    context = archive_context(fresh=True)
    rejected = rejected_fingerprints(issue_ids=issue_ids)
    articles = Article.objects.filter(issue_id__in=issue_ids).only(
        "id", "ocr_hint_count", *HINT_FIELDS
    )
    return sum(
        refresh_hint_count(article, context, rejected=rejected.get(article.pk, set()))
        for article in articles.iterator(chunk_size=500)
    )


@dataclass(frozen=True)
class HintGroup:
    """Hints of one kind with the same fix in one field: shown once, fixable one by one or all."""

    first: Hint
    count: int


def group_hints(hints: Iterable[Hint]) -> list[HintGroup]:
    """Group hints by (field, kind, text, suggestion), in order of first appearance."""
    firsts: dict[tuple[str, str, str, str], Hint] = {}
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for hint in hints:
        key = (hint.field, hint.kind, hint.text, hint.suggestion)
        firsts.setdefault(key, hint)
        counts[key] += 1
    return [HintGroup(first=hint, count=counts[key]) for key, hint in firsts.items()]
