"""Pages for tests that need a scanned page in the database without running OCR.

``make_page(issue, lines=[...])`` stores a Page with a small generated PNG (grey bars where the
lines are), its PageLines, and the ArticleRegions the importer would store for them: one per
headline group, byline, paragraph and photo, and one for the whole article on the page.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from articles.models import Article, ArticleRegion, Issue, Page, PageLine, Photo

Box = tuple[int, int, int, int]  # x, y, w, h


@dataclass(slots=True)
class LineData:
    """One line to store: what it says, its box (x, y, w, h) and what it belongs to."""

    text: str
    box: Box
    article: Article | None = None
    photo: Photo | None = None
    role: str = PageLine.LineRole.BODY
    paragraph: int | None = None
    confidence: float | None = 0.98
    block: int = 0


def default_lines() -> list[LineData]:
    return [
        LineData("测试版面标题", (100, 100, 600, 60), role=PageLine.LineRole.HEADLINE),
        LineData("第一行正文文字", (100, 200, 500, 30), paragraph=0),
        LineData("第二行正文文字", (100, 240, 500, 30), paragraph=0),
    ]


def page_png(width: int, height: int, boxes: Iterable[Box]) -> bytes:
    """A white page with a grey bar for each line: enough for viewers and tiles to draw."""
    image = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(image)
    for x, y, w, h in boxes:
        pen.rectangle((x, y, x + w - 1, y + h - 1), fill=150)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def make_page(
    issue: Issue,
    *,
    number: int = 1,
    width: int = 1200,
    height: int = 1700,
    lines: Sequence[LineData | dict[str, Any]] | None = None,
    engine: str = "rapidocr",
    dpi: int | None = 150,
) -> Page:
    """Store one page of ``issue`` with its lines and regions; ``lines`` as LineData or dicts."""
    items = [
        item if isinstance(item, LineData) else LineData(**item)
        for item in (default_lines() if lines is None else lines)
    ]
    png = page_png(width, height, (item.box for item in items))
    page = Page(
        issue=issue,
        number=number,
        width=width,
        height=height,
        dpi=dpi,
        engine=engine,
        image_sha256=hashlib.sha256(png).hexdigest(),
    )
    page.image.save(f"test-page-{issue.pk}-{number}.png", ContentFile(png), save=False)
    page.save()
    PageLine.objects.bulk_create(
        PageLine(
            page=page,
            order=order,
            text=item.text,
            x=item.box[0],
            y=item.box[1],
            w=item.box[2],
            h=item.box[3],
            confidence=item.confidence,
            block=item.block,
            article=item.article,
            photo=item.photo,
            role=item.role,
            paragraph=item.paragraph,
        )
        for order, item in enumerate(items)
    )
    ArticleRegion.objects.bulk_create(regions_for(page, items))
    return page


def union(boxes: Sequence[Box]) -> Box:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def regions_for(page: Page, items: Sequence[LineData]) -> list[ArticleRegion]:
    """The regions the importer stores: part by part, then the article's whole clipping."""
    groups: dict[tuple[Any, ...], list[Box]] = {}
    kinds = ArticleRegion.Kind
    for item in items:
        if item.photo is not None:
            groups.setdefault(("photo", None, item.photo, kinds.PHOTO, None), []).append(item.box)
            continue
        if item.article is None:
            continue
        if item.role == PageLine.LineRole.HEADLINE:
            part = (kinds.HEADLINE_GROUP, None)
        elif item.role == PageLine.LineRole.BYLINE:
            part = (kinds.BYLINE, None)
        else:
            part = (kinds.PARAGRAPH, item.paragraph)
        groups.setdefault(("article", item.article, None, *part), []).append(item.box)
        groups.setdefault(("article", item.article, None, kinds.ARTICLE, None), []).append(item.box)
    regions = []
    for (_, article, photo, kind, paragraph), boxes in groups.items():
        x, y, w, h = union(boxes)
        regions.append(
            ArticleRegion(
                page=page, article=article, photo=photo, kind=kind, paragraph=paragraph, x=x, y=y, w=w, h=h
            )
        )
    return regions
