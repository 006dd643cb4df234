"""The column values a parsed issue becomes, in one place.

The writer stores them, the import-time hint count reads the same (truncated) text, and the
"has an editor touched this issue?" check compares the stored rows with them.
"""

from __future__ import annotations

from typing import Any

from articles.ocr.types import ParsedArticle, ParsedIssue, ParsedPhoto


def issue_fields(parsed: ParsedIssue) -> dict[str, Any]:
    """The issue's own fields as the importer writes them (editors may change these)."""
    return {
        "masthead": (parsed.masthead or "")[:100],
        "issue_date": parsed.date,
        "date_source": parsed.date_source.value if parsed.date_source else "",
        "date_precision": parsed.date_precision.value if parsed.date_precision else "",
        "lunar_date": (parsed.lunar_date or "")[:30],
        "number": (parsed.number or "")[:50],
        "page": "",
    }


def article_fields(article: ParsedArticle, issue: ParsedIssue) -> dict[str, Any]:
    """An article's text and dates as stored (cut to the columns' lengths)."""
    return {
        "kicker": (article.kicker or "")[:300],
        "headline": (article.headline or "")[:300],
        "subheadline": (article.subheadline or "")[:300],
        "section": (article.section or "")[:100],
        "byline": (article.byline or "")[:300],
        "dateline": (article.dateline or "")[:50],
        "dateline_date": article.dateline_date,
        "date": article.dateline_date or issue.date,
        "ocr_text": article.ocr_text,
        "body": article.body,
    }


def photo_fields(photo: ParsedPhoto) -> dict[str, Any]:
    return {"title": (photo.title or "")[:200], "caption": photo.caption, "ocr_text": photo.ocr_text}


def people_named(parsed: ParsedIssue) -> set[str]:
    """Every name the issue credits or mentions (what the importer links as people); a name
    printed with a look-alike surname by the name it most likely is."""
    names = {m.likely_name for pa in parsed.articles for m in (*pa.correspondents, *pa.people)}
    names.update(n for pp in parsed.photos for n in pp.photographers)
    names.discard("")
    return names
