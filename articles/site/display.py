"""How the archive's fields read to a reader.

- Dates at the precision the archive has. An issue whose masthead gave only the month (or the
  year) is stored on the first day of it (``Issue.issue_date`` with ``date_precision``); showing
  that day would invent it. An article's own date is the day its dateline gives, else its
  issue's date at the issue's precision.
- An untitled article is named by its opening words, wherever it is listed (pages and feeds).
- The OCR original as it was printed: the Markdown marks the OCR tool put around headings are
  the importer's reading aids, not the paper's text. The stored OCR text keeps them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import Article, Issue

DAY = Issue.PrecisionChoices.DAY.value
MONTH = Issue.PrecisionChoices.MONTH.value
YEAR = Issue.PrecisionChoices.YEAR.value

# As many characters as a headline usually has: what lists show for an untitled article.
OPENING_LENGTH = 28


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or the year (``value`` is the first day of it)."""

    value: dt.date | None
    precision: str = DAY

    def __bool__(self) -> bool:
        return self.value is not None

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """In Chinese: 2025年5月24日 / 2025年5月 / 2025年 ('' when unknown)."""
        d = self.value
        if d is None:
            return ""
        if self.precision == YEAR:
            return f"{d.year}年"
        if self.precision == MONTH:
            return f"{d.year}年{d.month}月"
        return f"{d.year}年{d.month}月{d.day}日"

    @property
    def short(self) -> str:
        """Under a year heading: 5月24日 / 5月 ('' when only the year is known)."""
        d = self.value
        if d is None or self.precision == YEAR:
            return ""
        if self.precision == MONTH:
            return f"{d.month}月"
        return f"{d.month}月{d.day}日"

    @property
    def iso(self) -> str:
        """2025-05-24 / 2025-05 / 2025: valid in <time datetime>, W3C-DTF and citations."""
        d = self.value
        if d is None:
            return ""
        if self.precision == YEAR:
            return f"{d.year:04d}"
        if self.precision == MONTH:
            return f"{d.year:04d}-{d.month:02d}"
        return d.isoformat()

    def start(self) -> dt.datetime | None:
        """The first instant of the day, month or year, in the site's time zone.

        For formats that need a full timestamp (Atom's ``published``): the period's start is
        the one instant an imprecise date vouches for.
        """
        if self.value is None:
            return None
        return timezone.make_aware(dt.datetime.combine(self.value, dt.time()))


def _precision(issue: Issue) -> str:
    # A date set without a precision (by hand, before precisions were stored) is a day.
    return issue.date_precision if issue.date_precision in (MONTH, YEAR) else DAY


def issue_date(issue: Issue) -> PartialDate:
    return PartialDate(issue.issue_date, _precision(issue) if issue.issue_date else DAY)


def issue_url(issue: Issue) -> str:
    """The readable date URL (/issues/2025-08-26/) when the day is known, else the id URL.

    A month-precision issue has no day to put in the address (it is stored on the 1st).
    """
    if issue.issue_date and issue.date_precision == DAY:
        return reverse("articles:issue_by_date", args=[issue.issue_date.isoformat()])
    return issue.get_absolute_url()


def article_date(article: Article, issue: Issue | None = None) -> PartialDate:
    """The article's own date: its dateline's day, else its issue's date as precisely as known.

    ``Article.date`` holds the dateline's day when there is one and otherwise a copy of the
    issue's date (the first of the month for a month-precision issue), so it is that copy — no
    dateline, the same value as the issue's — that takes the issue's precision. A date an
    editor set to another day is a day.
    """
    issue = issue if issue is not None else article.issue
    if article.date is None:
        return issue_date(issue)
    if article.dateline_date is None and article.date == issue.issue_date:
        return issue_date(issue)
    return PartialDate(article.date, DAY)


def exact_day(prefix: str = "") -> Q:
    """Articles whose ``date`` is a day (see :func:`article_date`), as a filter on ``prefix``."""
    return (
        Q(**{f"{prefix}dateline_date__isnull": False})
        | Q(**{f"{prefix}issue__issue_date__isnull": True})
        | ~Q(**{f"{prefix}issue__date_precision__in": [MONTH, YEAR]})
        | ~Q(**{f"{prefix}date": F(f"{prefix}issue__issue_date")})
    )


def only_to(precision: str, prefix: str = "") -> Q:
    """Articles whose ``date`` stands for a whole month (or year): their issue's date copied."""
    return Q(
        **{
            f"{prefix}dateline_date__isnull": True,
            f"{prefix}date": F(f"{prefix}issue__issue_date"),
            f"{prefix}issue__date_precision": precision,
        }
    )


def pick(candidates: dict[str, dt.date | None], *, latest: bool) -> PartialDate:
    """The earliest (or latest) of the day/month/year aggregates; a day wins a tie."""
    known = [(value, precision) for precision, value in candidates.items() if value is not None]
    if not known:
        return PartialDate(None)
    best = max(value for value, _ in known) if latest else min(value for value, _ in known)
    for precision in (DAY, MONTH, YEAR):
        if candidates.get(precision) == best:
            return PartialDate(best, precision)
    return PartialDate(best, DAY)


# --- Titles and OCR text ---------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def opening_words(text: str, length: int = OPENING_LENGTH) -> str:
    """The first words of ``text`` on one line, cut with an ellipsis like a list's title."""
    return Truncator(_SPACE.sub(" ", text or "").strip()).chars(length)


def article_title(article: Article) -> str:
    """The printed headline group's first line, or the opening words for an untitled article."""
    return article.title or opening_words(article.body)


# A Markdown heading mark opening a line ("## 区委常委会会议召开"), read as the importer reads it.
_HEADING_MARK = re.compile(r"^([ \t\u3000]*)#{1,6}[ \t\u3000]*", re.MULTILINE)
# Markdown bold around a whole line ("**荆州区新闻**").
_BOLD_LINE = re.compile(r"^([ \t\u3000]*)\*\*(.+?)\*\*[ \t\u3000]*$", re.MULTILINE)


def printed_text(ocr_text: str) -> str:
    """The OCR original without the OCR tool's Markdown marks: the words as printed, line by line."""
    text = _HEADING_MARK.sub(r"\1", ocr_text or "")
    return _BOLD_LINE.sub(r"\1\2", text)
