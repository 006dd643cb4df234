"""Round 3 (cr): photo credits in the forms papers commonly print.

All text here is invented. Credits that name someone with a credit word other than 摄
(航拍, A/图, 图：A, 特约摄影, 文并摄, A/B 摄) lose that word from the caption, as （A 摄）
does, so their pages are built here rather than under ``fixtures/``: test_unseen's check that
every printed line is kept ignores only 摄 and 摄影报道 among credit words.
"""

from __future__ import annotations

import pytest

from articles.ocr import parse_issue
from tests.ocr.invented import parsed

_PAGE = """白塔县报

2026年3月12日 星期四

白塔县新修三条乡村公路通车

3月10日，白塔县新修的三条乡村公路同时通车，沿线十二个村的群众出行更方便了。

县交通运输局负责人介绍，三条公路总长四十多公里，去年秋天开工，路面全部按双车道修建。

家住河湾村的老农刘长根说，以前去县城要绕一个多小时的山路，如今半个小时就到了。（记者 贺远舟）

{photo}
"""


@pytest.mark.parametrize(
    ("photo", "caption", "photographers"),
    [
        ("新修的公路从河湾村穿过\n贺远舟 航拍", "新修的公路从河湾村穿过", ["贺远舟"]),
        ("新修的公路从河湾村穿过。（贺远舟 航拍）", "新修的公路从河湾村穿过。", ["贺远舟"]),
        ("村民在新建的文化广场上跳舞\n苗青禾/图", "村民在新建的文化广场上跳舞", ["苗青禾"]),
        ("河湾村新建的幸福院\n图：袁知秋", "河湾村新建的幸福院", ["袁知秋"]),
        ("春耕时节，农民在田里插秧。（特约摄影 钱秋实）", "春耕时节，农民在田里插秧。", ["钱秋实"]),
        # 文并摄: the writer took the picture too; 文并 is no part of the name
        ("县城新建的体育馆夜景。（柴明远文并摄）", "县城新建的体育馆夜景。", ["柴明远"]),
        # names parted by a slash, one given name ending in 日 (which the name table doubts)
        ("农民在大棚里采摘草莓\n□谷晴日/单小川 摄", "农民在大棚里采摘草莓", ["谷晴日", "单小川"]),
    ],
)
def test_a_credit_as_papers_print_it_marks_the_caption_and_its_photographers(
    photo: str, caption: str, photographers: list[str]
) -> None:
    issue = parse_issue(_PAGE.format(photo=photo))
    assert [(p.caption, p.photographers) for p in issue.photos] == [(caption, photographers)]
    assert [a.headline for a in issue.articles] == ["白塔县新修三条乡村公路通车"]
    assert issue.articles[0].body.endswith("如今半个小时就到了。")


def test_credits_naming_no_one_mark_captions_and_no_unit_is_a_photographer():
    # （受访者供图）, （资料图片）: a credit, so the line is a caption, but no photographer;
    # （某镇供图）, （某部供图）: an office is never a photographer. The caption keeps the
    # bracket, since it names no one to move into the photographers.
    issue = parsed("tenth_cr3_nameless_credits")
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("白塔中学的学生在实验室上课。（受访者供图）", []),
        ("老街改造前的模样。（资料图片）", []),
        ("山间茶园一片新绿。（柳河镇供图）", []),
        ("农民在大棚里采摘草莓。（白塔县委宣传部供图）", []),
    ]
    assert [a.headline for a in issue.articles] == ["白塔县新修三条乡村公路通车"]


def test_a_line_naming_who_wrote_and_who_took_the_pictures_signs_the_article():
    # "□某中心记者 A B/文 C/图" under a headline: the article's byline, not a photo credit
    # (…/图 alone after names credits a picture; with …/文 before it, it signs a text).
    issue = parsed("tenth_cr3_text_and_picture_byline")
    assert not issue.photos
    assert [a.headline for a in issue.articles] == ["山村里的读书声"]
    assert issue.articles[0].body.startswith("清晨六点半")
