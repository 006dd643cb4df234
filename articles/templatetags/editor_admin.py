"""Template helpers for the editors' desk (admin index)."""

from __future__ import annotations

from django import template
from django.db.models import Count

from articles.models import Article

register = template.Library()


@register.simple_tag
def article_status_counts() -> list[dict]:
    """[{status, label, count}] for every status, in workflow order, plus 'has hints' (2 queries)."""
    counts = dict(Article.objects.order_by().values_list("status").annotate(n=Count("id")))
    rows = [
        {"status": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Article.Status.choices
    ]
    rows.append({
        "status": "hints", "label": "有疑似错误",
        "count": Article.objects.filter(ocr_hint_count__gt=0).count(),
    })
    return rows
