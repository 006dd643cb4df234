"""Tracing each OCR line to the article, part and paragraph the parser put it in."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from articles.ocr import parse_issue
from articles.scans.attribution import (
    BODY,
    BYLINE,
    CAPTION,
    CREDIT,
    HEADLINE,
    body_paragraphs,
    place_lines,
    regions,
)
from articles.scans.compose import PageSpec
from articles.scans.pipeline import read_page
from articles.scans.testpages import RenderedPage, render_issue
from articles.scans.types import OcrLine
from tests.conftest import SEEDS_DIR


class DrawnLines:
    """Reads back exactly the lines the renderer drew: the attribution alone is under test."""

    name = "truth"

    def __init__(self, page: RenderedPage) -> None:
        self.page = page

    def read(self, image) -> list[OcrLine]:
        return [OcrLine(line.text, line.box, 1.0) for line in self.page.truth.lines]


def _key(text: str) -> str:
    return "".join(text.split())


def _read_rendering(rendering):
    pages, texts = [], []
    for number, rendered in enumerate(rendering.pages, start=1):
        page, text = read_page(rendered.image, number=number, ocr=DrawnLines(rendered))
        pages.append(page)
        texts.append(text)
    return pages, "\n".join(texts)


@pytest.mark.parametrize("seed_file", sorted(SEEDS_DIR.glob("*.txt"))[:3], ids=lambda p: p.name[:3])
def test_on_rendered_seed_pages_every_article_gets_its_own_lines(seed_file):
    rendering = render_issue(seed_file.read_text(encoding="utf-8"), spec=PageSpec.paper("A3", dpi=100), seed=3)
    pages, text = _read_rendering(rendering)
    parsed = parse_issue(text)
    placed = place_lines(pages, text, parsed)
    drawn_as = defaultdict(Counter)  # placed article -> the drawn articles of its body lines
    drawn, found = 0, 0
    for rendered, items in zip(rendering.pages, placed, strict=True):
        truth = {(line.text, tuple(line.box)): line for line in rendered.truth.lines}
        for item in items:
            line = truth[(item.line.text, tuple(item.line.box))]
            if item.article is not None:
                # A line linked to an article is one the parser built that article from.
                assert _key(item.line.text) in _key(parsed.articles[item.article].ocr_text)
                if line.role == "body":
                    drawn_as[item.article][line.article] += 1
            if line.article is not None:
                drawn += 1
                found += item.article is not None
    assert found >= 0.99 * drawn
    mixed = {article: counts for article, counts in drawn_as.items() if len(counts) > 1}
    assert not mixed, mixed


def test_roles_and_paragraphs_of_the_small_issue(small_scan):
    parsed = parse_issue(small_scan.text)
    placed = place_lines(small_scan.pages, small_scan.text, parsed)
    first, second = placed
    by_role = defaultdict(list)
    for item in first:
        by_role[(item.article, item.role)].append(item)
    headline = by_role[(0, HEADLINE)]
    assert [i.line.text for i in headline] == ["川店镇推进春耕备耕工作"]
    assert by_role[(0, BYLINE)][0].line.text.startswith("本报讯（通讯员")
    # Body lines carry their paragraph: the first article's two paragraphs, in order.
    paragraphs = [i.paragraph for i in first if i.article == 0 and i.role == BODY]
    assert paragraphs == sorted(paragraphs) and set(paragraphs) == {0, 1}
    for item in first:
        if item.article is not None and item.role == BODY:
            paragraph = body_paragraphs(parsed.articles[item.article].body)[item.paragraph]
            # Each line's text (a byline's end aside) is in the paragraph it is linked to.
            assert _key(item.line.text)[-4:] in _key(paragraph)
    # The masthead and the date are nobody's.
    assert first[0].article is None and first[0].photo is None and first[0].role == "furniture"
    photo_roles = {item.role for item in second if item.photo == 0}
    assert {CAPTION, CREDIT} <= photo_roles


def test_regions_are_the_union_of_each_part(small_scan):
    parsed = parse_issue(small_scan.text)
    placed = place_lines(small_scan.pages, small_scan.text, parsed)
    found = regions(placed[0], parsed)
    whole = next(r for r in found if r.kind == "article" and r.article == 0)
    lines = [i.line.box for i in placed[0] if i.article == 0]
    assert whole.box == (
        min(b[0] for b in lines), min(b[1] for b in lines), max(b[2] for b in lines), max(b[3] for b in lines)
    )
    kinds = Counter((r.kind, r.article) for r in found)
    assert kinds[("headline_group", 0)] == kinds[("byline", 0)] == 1
    assert kinds[("paragraph", 0)] == 2 and kinds[("paragraph", 1)] == 2
    # Nothing of the first article lies in the second's headline region.
    second_head = next(r for r in found if r.kind == "headline_group" and r.article == 1)
    assert whole.box[3] <= second_head.box[1]
    photo = next(r for r in regions(placed[1], parsed) if r.kind == "photo")
    assert photo.photo == 0
