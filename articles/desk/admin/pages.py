"""The correction screen's page panel: the scanned page beside the text, for articles that came
in as scans.

What the screen's script gets (``page_panel``): each page the article is printed on, its zoom
tiles or image, the article's regions (the whole clipping, each paragraph) and its OCR lines
with their boxes and the form field each line's text went into; and, for each OCR hint, a crop
of the line holding the suspect characters with the characters' share of it marked. Two
queries, whatever the length of the article. Text-only articles get nothing and the screen is
as it always was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from articles.hints.rules import Hint
from articles.models import Article, ArticleRegion, Page, PageLine
from articles.site.pages import Box, crop_url, page_view, viewer_images

# The form fields a line's text may have gone into, by the line's role (tried in this order).
FIELDS_BY_ROLE = {
    PageLine.LineRole.BODY: ("body",),
    PageLine.LineRole.HEADLINE: ("headline", "kicker", "subheadline"),
    PageLine.LineRole.BYLINE: ("byline", "body"),
}
PAGE_FIELDS = ("pk", "issue_id", "number", "width", "height", "tiles", "image_sha256")
# Around a hint's line, so the characters above and below it are seen too (share of its height).
HINT_MARGIN = 0.35


def page_panel(article: Article, hints: Sequence[Hint] = ()) -> dict[str, Any] | None:
    """The panel's data for ``article``, or None when it has no page lines (a text-only article)."""
    lines = list(
        PageLine.objects.filter(article=article)
        .select_related("page")
        .only("text", "x", "y", "w", "h", "role", "paragraph", "order", "page_id", *(f"page__{f}" for f in PAGE_FIELDS[1:]))
        .order_by("page__number", "order")
    )
    if not lines:
        return None
    regions = list(
        ArticleRegion.objects.filter(article=article)
        .exclude(kind=ArticleRegion.Kind.PHOTO)
        .only("page_id", "kind", "paragraph", "x", "y", "w", "h")
        .order_by("page_id", "kind", "paragraph")
    )
    pages: dict[int, dict[str, Any]] = {}
    page_rows: dict[int, Page] = {}
    for line in lines:
        if line.page_id not in pages:
            page_rows[line.page_id] = line.page
            pages[line.page_id] = page_view(line.page).as_json() | {"regions": [], "lines": []}
        pages[line.page_id]["lines"].append(
            {
                "box": [line.x, line.y, line.w, line.h],
                "text": line.text,
                "role": line.role,
                "paragraph": line.paragraph,
                "fields": list(FIELDS_BY_ROLE.get(line.role, ())),
            }
        )
    for region in regions:
        if region.page_id in pages:
            pages[region.page_id]["regions"].append(
                {"box": [region.x, region.y, region.w, region.h], "kind": region.kind, "paragraph": region.paragraph}
            )
    return {
        "pages": list(pages.values()),
        "images": viewer_images(),
        "hints": [_hint_crop(hint, getattr(article, hint.field, "") or "", lines, page_rows) for hint in hints],
    }


def _hint_crop(hint: Hint, text: str, lines: list[PageLine], pages: dict[int, Page]) -> dict[str, Any] | None:
    """The crop of the line that printed the hint's suspect characters, the characters marked.

    Several lines may hold the same characters: the one whose place among the field's lines is
    nearest the hint's place in the text is taken (lines run through a text in order).
    """
    if not hint.text:
        return None
    field_lines = [line for line in lines if hint.field in FIELDS_BY_ROLE.get(line.role, ())]
    holding = [(index, line) for index, line in enumerate(field_lines) if hint.text in line.text]
    if not holding:
        return None
    expected = hint.start / max(1, len(text)) * len(field_lines)
    _, line = min(holding, key=lambda item: abs(item[0] - expected))
    page = pages[line.page_id]
    margin = round(line.h * HINT_MARGIN)
    x0, y0 = max(0, line.x - margin), max(0, line.y - margin)
    x1, y1 = min(page.width, line.x + line.w + margin), min(page.height, line.y + line.h + margin)
    crop = Box(x0, y0, x1 - x0, y1 - y0)
    per_char = line.w / max(1, len(line.text))
    at = line.text.index(hint.text)
    mark = Box(line.x + round(at * per_char) - x0, line.y - y0, max(1, round(len(hint.text) * per_char)), line.h)
    return {
        "text": hint.text,
        "field": hint.field,
        "start": hint.start,
        "page": page.number,
        "url": crop_url(page.pk, crop),
        "size": [crop.w, crop.h],
        "mark": mark.as_list(),
    }

