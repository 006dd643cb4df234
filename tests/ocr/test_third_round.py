"""Third round on other outlets' pages: headline shapes where the OCR kept no blank line.

The fixtures are invented text reproducing each form (docs/import-quality.md); each test pins
what an editor reading the page would say.
"""

from __future__ import annotations

from tests.ocr.invented import parsed


def test_a_headline_with_a_comma_narrower_than_both_columns_starts_an_article():
    # "春耕时节，农机手忙起来" follows a finished sentence in an 18-character column and stands
    # over a 16-character one: no line of either column is that short without ending a
    # sentence, so it heads the next story instead of running into the one above.
    issue = parsed("dense_comma_heads")
    assert [(a.headline, a.body[:6], a.body[-6:]) for a in issue.articles] == [
        ("螺山镇举办春季招聘会", "3月10日，", "求职登记表。"),
        ("春耕时节，农机手忙起来", "连日来，在燕", "生产安全有序。"[-6:]),
        ("乌林镇清理沟渠迎汛期", "入春以来，乌", "修复涵闸十二座。"[-6:]),
    ]


def test_a_headline_under_writers_signing_the_article_above_heads_the_next_one():
    # "记者 陈晓东" under a finished sentence signs the story above; the line after it, with a
    # comma but not as wide as the column under it, is the next story's headline, not the
    # first line of a text those writers open.
    issue = parsed("dense_signed_heads")
    assert [(a.headline, a.body[:6], a.body[-6:]) for a in issue.articles] == [
        ("棋盘乡开展禁毒宣传进校园", "4月8日，棋", "接受陌生人的东西。"[-6:]),
        ("清明时节，茶园采摘正忙", "走进汴河镇的", "县城的茶叶市场。"[-6:]),
    ]
    assert [m.name for m in issue.articles[0].correspondents] == ["陈晓东"]
    assert issue.articles[1].correspondents == []


def test_a_headline_with_digits_short_of_both_columns_starts_an_article():
    # "今年全镇3万亩早稻迎来丰收" is two characters short of the 15-character grid under it and
    # far short of the 21-character column above: digits would let a text line hold more, not
    # fewer, so it is a headline even though its words are hardly said again below.
    issue = parsed("dense_digit_heads")
    assert [(a.headline, a.body[:6], a.body[-6:]) for a in issue.articles] == [
        ("团山寺镇开展防溺水宣传", "6月1日，团", "暑期看护好孩子。"[-6:]),
        ("今年全镇3万亩早稻迎来丰收", "眼下正是早稻", "确保颗粒归仓。"[-6:]),
    ]


def test_a_subhead_longer_than_a_short_phrase_stays_inside_its_article():
    # "入户走访，做好居民心里的“明白人”" (17 characters) parts two halves of one story that share
    # its people and places (邝玉琴, 金桥社区, 崇文街道): a subhead, not a new article's headline.
    issue = parsed("long_subheads")
    assert [a.headline for a in issue.articles] == ["网格员走街串巷解民忧", "观音垱镇早稻开镰"]
    first = issue.articles[0]
    assert "入户走访，做好居民心里的“明白人”" in first.body
    assert first.body.endswith("老人连声道谢。")
    assert [m.name for m in first.correspondents] == ["方晓岚"]
