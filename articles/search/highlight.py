"""Highlighting: the query's terms marked in the original text, and snippets around them."""

from __future__ import annotations

import html
import unicodedata
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from articles.search.query import SearchQuery
from articles.search.text import ASCII_FOLD, WHITESPACE_RE


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character as ``normalise`` sees it (possibly several characters, or none)."""
    return WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", char).translate(ASCII_FOLD))


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` character by character, with each character's source index."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        if len(folded) == 1:  # the usual case, kept cheap: pages highlight many texts
            chars.append(folded)
            origin.append(index)
        elif folded:
            chars.extend(folded)
            origin.extend([index] * len(folded))
    return "".join(chars), origin


def match_spans(text: str, query: SearchQuery | None) -> list[tuple[int, int]]:
    """Where the query's terms occur in the original ``text`` (whitespace inside allowed)."""
    if not query or not text:
        return []
    normal, origin = _normalised_with_map(text)
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        start = normal.find(term)
        while start != -1:
            end = start + len(term) - 1
            spans.append((origin[start], origin[end] + 1))
            start = normal.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query: SearchQuery | None) -> SafeString:
    """``text`` escaped, with every occurrence of the query's terms wrapped in <mark>."""
    spans = match_spans(text, query)
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def snippet(text: str, query: SearchQuery | None, *, length: int = 120) -> SafeString:
    """About ``length`` characters of ``text`` around the first match, highlighted."""
    text = " ".join(text.split())
    first = _first_match(text, query)
    if first is None:
        cut = text[:length]
        return mark_safe(html.escape(cut) + ("…" if len(text) > length else ""))  # noqa: S308
    start = max(0, first - length // 4)
    end = min(len(text), start + length)
    piece = text[start:end]
    rendered = highlight(piece, query)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{rendered}{suffix}")  # noqa: S308 - highlight() escaped it


def _first_match(text: str, query: SearchQuery | None) -> int | None:
    """Where the first match starts in ``text``, without normalising a long body if possible."""
    if not query or not text:
        return None
    # Usually a term occurs verbatim; normalising the whole text is only the fallback.
    direct = [position for term in query.terms if (position := text.find(term)) != -1]
    if len(direct) == len(query.terms):
        return min(direct)
    spans = match_spans(text, query)
    return spans[0][0] if spans else None

