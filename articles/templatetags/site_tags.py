"""Template helpers for the readers' site: shareable filter URLs, highlighting, paragraphs."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from articles import search
from articles.models import Issue

register = template.Library()

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@register.simple_tag(takes_context=True)
def query_with(context, *pairs, **changes) -> str:
    """The current query string with ``changes`` applied (``None`` removes a key).

    Changing any filter drops ``page`` (page 7 of the old result means nothing in the new one).
    Positional ``pairs`` allow keys that are template variables: {% query_with "year" y %}.
    """
    request = context["request"]
    params = request.GET.copy()
    updates = dict(zip(pairs[::2], pairs[1::2], strict=False))
    updates.update(changes)
    if "page" not in updates:
        params.pop("page", None)
    for key, value in updates.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = urlencode(sorted((key, value) for key, values in params.lists() for value in values))
    return f"?{encoded}" if encoded else "?"


@register.filter
def issue_url(issue: Issue) -> str:
    """The readable date URL (/issues/2025-08-26/) when the day is known, else the id URL."""
    if issue.issue_date and issue.date_precision == Issue.PrecisionChoices.DAY:
        return reverse("articles:issue_by_date", args=[issue.issue_date.isoformat()])
    return issue.get_absolute_url()


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
