"""Reading order: a page's OCR lines, in any order, come out column by column, article by article."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from articles.ocr import parse_issue
from articles.scans.compose import PageSpec
from articles.scans.reading import read_order
from articles.scans.scoring import reading_order, score_articles
from articles.scans.testpages import render_issue
from articles.scans.types import OcrLine

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
EM = 20  # body characters are 20 pixels here
PITCH = 32
BODY = "这是一行正文文字排在栏里"  # 12 characters: a full 240-pixel column line


def column(x: int, y: int, rows: int, tag: str) -> list[OcrLine]:
    return [OcrLine(f"{tag}{k:02d}" + BODY[: 12 - len(tag) - 2], (x, y + k * PITCH, x + 12 * EM, y + k * PITCH + 22), 0.99) for k in range(rows)]


def heading(text: str, x: int, y: int, size: int) -> OcrLine:
    return OcrLine(text, (x, y, x + len(text) * size, y + round(size * 1.1)), 0.99)


def texts(lines: list[OcrLine], width: int = 1200, height: int = 1600) -> list[str]:
    shuffled = list(lines)
    random.Random(5).shuffle(shuffled)
    return [line.text for line in read_order(shuffled, width, height).lines()]


def test_articles_side_by_side_are_read_whole_even_when_their_headlines_align():
    # Two articles of two columns each; their headlines end on the same line, so a gap runs
    # right across the page under both: the headlines must not be read together.
    left = [heading("左边文章标题文字", 40, 40, 40), *column(40, 120, 6, "甲"), *column(300, 120, 6, "乙")]
    right = [heading("右边文章标题文字", 600, 40, 40), *column(600, 120, 6, "丙"), *column(860, 120, 6, "丁")]
    order = texts(left + right)
    assert order == [line.text for line in left + right]


def test_a_short_centred_headline_is_read_before_all_its_columns():
    # The headline sits over the middle column only: the gutters beside it run clear to the
    # top of the article, but the columns are still read after it, left to right.
    lines = [heading("短标题", 340, 40, 40), *column(40, 120, 8, "甲"), *column(300, 120, 8, "乙"), *column(560, 120, 8, "丙")]
    assert texts(lines) == [line.text for line in lines]


def test_a_line_run_across_a_gutter_does_not_merge_the_columns():
    first, second = column(40, 40, 30, "甲"), column(300, 40, 30, "乙")
    x0, y0, _, y1 = first[10].box
    first[10] = OcrLine(first[10].text, (x0, y0, 300 + 3 * EM, y1), 0.9)  # ran into the next column
    assert texts(first + second) == [line.text for line in first + second]


def test_masthead_and_date_line_are_two_rows_and_headings_are_marked():
    lines = [
        heading("荆州区新闻", 300, 20, 110),
        OcrLine("2024年3月18日 星期一", (420, 118, 640, 142), 0.99),
        heading("区里召开会议", 40, 200, 40),
        *column(40, 280, 4, "甲"),
    ]
    text = read_order(lines, 1200, 800).text().splitlines()
    assert text[:3] == ["# 荆州区新闻", "", "2024年3月18日 星期一"]
    assert "## 区里召开会议" in text


def test_a_paragraph_is_one_line_across_a_column_break_and_an_indent_opens_the_next():
    first = column(40, 40, 4, "甲")
    second = column(300, 40, 4, "乙")
    x0, y0, x1, y1 = second[2].box
    second[2] = OcrLine(second[2].text, (x0 + 2 * EM, y0, x1, y1), 0.99)  # indented: a new paragraph
    text = read_order(first + second, 1200, 800).text().splitlines()
    # The column break runs on; in a narrow column a paragraph's lines are joined, so none of
    # them can pass for a headline of its own.
    assert text == [
        "".join(line.text for line in first + second[:2]),
        "",
        "".join(line.text for line in second[2:]),
    ]


def _as_ocr(page, *, angle: float = 0.0) -> list[OcrLine]:
    lines = [OcrLine(line.text, line.box, 1.0, angle) for line in page.truth.lines]
    random.Random(page.truth.number).shuffle(lines)
    return lines


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("noisy", [False, True], ids=["clean", "turned"])
def test_rendered_seed_pages_read_back_in_order_and_parse_like_the_seed(path, noisy):
    """With perfect OCR (the drawn lines themselves, shuffled; turned by up to 1° when noisy)
    the order is the drawn order and the parser finds every article the seed has."""
    text = path.read_text(encoding="utf-8")
    rendering = render_issue(text, spec=PageSpec.paper("A3", dpi=100), seed=1, noisy=noisy)
    pages = []
    for page in rendering.pages:
        reading = read_order(_as_ocr(page, angle=page.truth.skew), page.image.width, page.image.height)
        assert reading_order(page.truth, reading.lines()) >= 0.97
        pages.append(reading.text())
    reference = parse_issue(text)
    score = score_articles(reference, parse_issue("\n".join(pages)))
    ideal = score_articles(reference, parse_issue(rendering.text()))
    assert score.found == len(reference.articles)
    assert score.titles_right >= ideal.titles_right
