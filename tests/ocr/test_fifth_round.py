"""Fifth round on other outlets' pages: headline groups and photos by the shape of the page.

The fixtures are invented text reproducing each form (docs/import-quality.md); each test pins
what an editor reading the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.types import ParsedIssue
from tests.ocr.invented import parsed


def groups(issue: ParsedIssue) -> list[tuple[str | None, ...]]:
    return [(a.section, a.kicker, a.headline, a.subheadline) for a in issue.articles]


def test_a_column_label_printed_apart_over_a_headline_printed_apart():
    # 渡口记忆 stands alone between blank lines over 古渡口的老茶馆 and shares a word with the
    # story, fewer than the headline does: the column's name, not the headline.
    issue = parsed("fifth_labels")
    assert groups(issue) == [
        (None, None, "白沙镇春茶开采", None),
        ("渡口记忆", None, "古渡口的老茶馆", None),
    ]


def test_markdown_kicker_touching_its_headline_is_a_kicker_and_a_label_apart_is_a_label():
    issue = parsed("fifth_md_kicker")
    assert groups(issue) == [
        ("三农视点", None, "合作社里的新农机", None),
        (None, "柳林镇", "干群合力抢收晚稻", None),
    ]


def test_stacked_headlines_that_share_no_words_with_their_bodies_go_by_order():
    # A slogan between two placed headlines, a question headline in the stack (the OCR broke
    # it before its comma: no printed line opens with one) and a slogan after the last placed
    # one each head the next body that has none, in page order.
    issue = parsed("fifth_stack")
    assert [(a.headline, a.body[:6]) for a in issue.articles] == [
        ("城关镇新建三座口袋公园", "今年以来，城"),
        ("一棵树 一片荫", "6月3日，义"),
        ("李家湾村的“夜校”，为啥这么火？", "每周三晚上，"),
        ("山歌唱出好日子", "6月1日晚，"),
    ]
    assert all(a.subheadline is None and a.kicker is None for a in issue.articles)


def test_a_photo_title_ending_a_stack_of_headlines_over_its_caption():
    # 河堤柳色新 ends the stack, set apart, right over a credited caption, and shares no words
    # with any body: the photo's title, not the subheadline of the headline above it.
    issue = parsed("fifth_photos")
    seeds = next(a for a in issue.articles if a.headline == "李家湾村发放新良种")
    assert seeds.subheadline is None
    willows = issue.photos[0]
    assert (willows.title, willows.caption, willows.photographers) == (
        "河堤柳色新",
        "初夏时节，青山河两岸的柳树已经成荫。",
        ["房雅琴"],
    )


def test_uncredited_caption_after_a_headline_printed_after_its_body_is_a_photo():
    # 院长蒋玉芬… stands apart after the group of the story above it and repeats none of its
    # words: the caption of that story's picture, not its subheadline.
    issue = parsed("fifth_photos")
    assert groups(issue)[3:] == [
        (None, None, "志愿者走进城关镇敬老院", None),
        (None, None, "桃源村修好制茶机", None),
    ]
    assert [(p.title, p.caption, p.photographers) for p in issue.photos[1:]] == [
        (None, "院长蒋玉芬给老人们端上刚出锅的饺子", []),
    ]
