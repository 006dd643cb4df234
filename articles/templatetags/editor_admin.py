"""Template helpers for the editors' desk (admin index)."""

from __future__ import annotations

from django import template

from articles.desk.editing.queue import DeskCounts, desk_counts

register = template.Library()


@register.simple_tag
def desk_figures() -> DeskCounts:
    """What waits for the desk: pending corrections, proofreading, publication, hints."""
    return desk_counts()
