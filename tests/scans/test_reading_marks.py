"""From OCR lines to the parser's text: what the page's geometry says about stray marks,
captions and column labels (invented text throughout)."""

from __future__ import annotations

import pytest

from articles.ocr import parse_issue
from articles.scans.reading import read_order, tidy
from articles.scans.types import OcrLine

EM = 50  # body characters are 50 pixels, lines 50 high, 60 apart


def line(text: str, x: int, y: int, em: int = EM) -> OcrLine:
    return OcrLine(text, (x, y, x + len(text) * em, y + em), 0.99)


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("标记污染点位···西城街道", "标记污染点位……西城街道"),
        ("复的深渊·.·...”该镇", "复的深渊……”该镇"),
        ("学生手中.··.", "学生手中……"),
        ("点位·.西城", "点位……西城"),
        ("等...", "等……"),
        # A name's middle dot, a decimal point, a Latin ellipsis and a lone … are left alone.
        ("车享生活·惠聚荆楚", "车享生活·惠聚荆楚"),
        ("2.9公里", "2.9公里"),
        ("etc...", "etc..."),
        ("深渊…”", "深渊…”"),
    ],
)
def test_an_ellipsis_read_as_dots_is_an_ellipsis(read, meant):
    assert tidy(read) == meant


def test_an_ellipsis_carried_over_alone_ends_its_paragraph_and_opens_none():
    # The detector cut the ellipsis on its own line into two specks, each read as ·; set in
    # from the column's edge, it looked like the first line of a new paragraph.
    lines = [
        line("您好请问您所反映的", 200, 100),
        line("问题办理进度如何有没", 100, 160),
        line("有干部向您反馈了结果？", 100, 220),
        OcrLine("·", (220, 290, 232, 316), 0.6),
        OcrLine("·", (240, 290, 252, 316), 0.55),
        line("近日街道组织开展", 200, 340),
        line("回头看行动推动解决问题。", 100, 400),
    ]
    reading = read_order(lines, 1200, 1600)
    assert "有干部向您反馈了结果？……\n\n近日街道组织开展" in reading.text()
    # One line now, where the text says it is.
    dots = [ocr for ocr in reading.lines() if "…" in ocr.text]
    assert [(d.text, d.box) for d in dots] == [("……", (220, 290, 252, 316))]


def test_a_caption_under_a_photo_does_not_run_on_from_the_column_above():
    # Two columns whose last line ends without a full stop, then a caption across both: same
    # type, first line not indented, but set to the photo's width, not the column's.
    col_a = [line("今年全区推动环境", 200, 100)] + [line("全民共治构建生态守护", 100, 100 + 60 * k) for k in range(1, 10)]
    col_b = [line("各方协作形成治理合力", 650, 100 + 60 * k) for k in range(9)] + [line("为发展贡献更多的经验", 650, 640)]
    caption = [line("近日城南街道联合区人社局开展服务企业用工", 100, 800), line("居民代表走进企业（李婷摄）", 100, 860)]
    text = read_order([*col_a, *col_b, *caption], 1300, 1000).text()
    assert "为发展贡献更多的经验\n\n近日城南街道" in text
    # The second column still runs on from the first: one paragraph across the column break.
    assert "全民共治构建生态守护各方协作形成治理合力" in text


def test_a_column_label_over_the_next_headline_goes_with_that_article():
    # The label repeats words of the article above it, and is longer than most labels; its
    # print size (#### over ##) is what says it is the next article's 栏目.
    text = (
        "## 全县冲刺文明城市创建\n"
        "### 县里召开文明创建动员会\n\n"
        "本报讯（通讯员田野）5月3日，全县召开文明城市创建动员会，要求各单位把文明城市创建"
        "进行到底，全力冲刺。\n\n"
        "会议强调，文明城市创建进行时，人人都是参与者，人人都是受益者。\n\n"
        "#### 文明城市创建进行时\n"
        "## 城关镇整治校园周边环境\n\n"
        "本报讯（通讯员林木）近日，城关镇组织开展校园周边环境整治行动，清理占道经营摊点十余处，"
        "规范停车秩序。\n"
    )
    first, second = parse_issue(text).articles
    assert (first.headline, first.subheadline) == ("全县冲刺文明城市创建", "县里召开文明创建动员会")
    assert (second.section, second.headline) == ("文明城市创建进行时", "城关镇整治校园周边环境")
