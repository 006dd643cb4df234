"""The invented fixture pages of the parser's tests, parsed once per test run.

Every page under ``fixtures/`` is text written for these tests (never collected from a
paper): each reproduces a form found in real pages.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from articles.ocr import parse_issue
from articles.ocr.types import ParsedArticle, ParsedIssue

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@cache
def parsed(name: str) -> ParsedIssue:
    """The parse of ``fixtures/<name>.txt`` (shared by the tests: never change it)."""
    return parse_issue((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def captions(issue: ParsedIssue) -> list[str]:
    return [photo.caption for photo in issue.photos]


def opening(name: str, start: str) -> ParsedArticle:
    """The article of ``fixtures/<name>.txt`` whose text starts with ``start``."""
    return next(a for a in parsed(name).articles if a.body.startswith(start))


def headlines(name: str) -> list[str | None]:
    """The headlines of ``fixtures/<name>.txt``'s articles, in print order."""
    return [a.headline for a in parsed(name).articles]


def headed(name: str, headline: str) -> ParsedArticle:
    """The article of ``fixtures/<name>.txt`` under ``headline``."""
    return next(a for a in parsed(name).articles if a.headline == headline)


def writers_of(article: ParsedArticle) -> list[str]:
    return [c.likely_name for c in article.correspondents]


def people_of(name: str, index: int = 0) -> list[str]:
    """The people the ``index``-th article of ``fixtures/<name>.txt`` names."""
    return [m.likely_name for m in parsed(name).articles[index].people]
