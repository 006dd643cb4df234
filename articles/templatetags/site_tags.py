"""Template helpers for the readers' site: shareable filter URLs, highlighting, paragraphs, dates."""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html
from django.utils.http import urlencode

from articles import search
from articles.models import Article, Issue
from articles.site import display

register = template.Library()

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@register.simple_tag(takes_context=True)
def query_with(context, *pairs, **changes) -> str:
    """The current query string with ``changes`` applied (``None`` removes a key).

    Changing any filter drops ``page`` (page 7 of the old result means nothing in the new one),
    and with it a search's ``after`` / ``before`` (the place a page starts from).
    Positional ``pairs`` allow keys that are template variables: {% query_with "year" y %}.
    """
    request = context["request"]
    params = request.GET.copy()
    updates = dict(zip(pairs[::2], pairs[1::2], strict=False))
    updates.update(changes)
    if "page" not in updates:
        for key in ("page", "after", "before"):
            params.pop(key, None)
    for key, value in updates.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = urlencode(sorted((key, value) for key, values in params.lists() for value in values))
    return f"?{encoded}" if encoded else "?"


@register.filter
def issue_url(issue: Issue) -> str:
    return display.issue_url(issue)


@register.filter
def highlight(text: str, query: search.SearchQuery | None):
    return search.highlight(text or "", query)


@register.filter
def snippet(text: str, query: search.SearchQuery | None):
    return search.snippet(text or "", query)


@register.filter
def paragraphs(text: str) -> list[str]:
    """Body text as paragraphs: blank lines separate them (single lines if there are none)."""
    text = (text or "").strip()
    if not text:
        return []
    parts = _PARAGRAPH_BREAK.split(text)
    if len(parts) == 1:
        parts = text.splitlines()
    return [part.strip() for part in parts if part.strip()]


@register.filter
def article_date(article: Article) -> display.PartialDate:
    """The article's own date at the precision the archive has (see ``articles.site.display``)."""
    return display.article_date(article)


@register.filter
def issue_date(issue: Issue) -> display.PartialDate:
    return display.issue_date(issue)


@register.filter
def as_time(date: display.PartialDate, text: str = ""):
    """<time datetime="2025-05">2025年5月</time> ('' when unknown); ``text`` replaces the label."""
    if not date:
        return ""
    return format_html('<time datetime="{}">{}</time>', date.iso, text or date.label)


@register.filter
def opening_words(text: str) -> str:
    return display.opening_words(text)


@register.filter
def article_title(article: Article) -> str:
    return display.article_title(article)


@register.filter
def printed_text(ocr_text: str) -> str:
    return display.printed_text(ocr_text)
