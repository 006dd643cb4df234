"""Ninth round: a kicker (引题) short enough to be a column label (栏目).

In a block of headlines stacked at the top of the page, a short line printed right over its
headline, with no blank line between them, whose words the article shares only a little,
was taken for the article's column label. A kicker touches its headline; a label is set
apart from it, or shares no words with the article. The fixtures are invented; each test pins
what an editor reading the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.types import ParsedArticle
from tests.ocr.invented import parsed


def articles(name: str) -> list[ParsedArticle]:
    return parsed(name.removesuffix(".txt")).articles


def by_body(name: str, start: str) -> ParsedArticle:
    return next(a for a in articles(name) if a.body.startswith(start))


def test_a_short_line_touching_its_headline_in_a_stacked_block_is_its_kicker():
    article = by_body("ninth_ng_kickers.txt", "3月12日，川店镇老党员王德厚")
    assert (article.kicker, article.headline) == ("温暖相伴在身边", "老党员结对帮扶留守儿童")
    assert article.section is None


def test_a_markdown_heading_one_level_under_its_headline_is_its_kicker():
    article = by_body("ninth_ng_kickers_md.txt", "3月12日，川店镇老党员王德厚")
    assert (article.kicker, article.headline) == ("温暖相伴在身边", "老党员结对帮扶留守儿童")
    assert article.section is None


def test_column_labels_set_apart_or_sharing_no_words_stay_labels():
    set_apart = by_body("ninth_ng_kickers.txt", "菜市场入口新设的公平秤")
    assert (set_apart.section, set_apart.kicker) == ("社会观察", None)
    touching = by_body("ninth_ng_kickers.txt", "3月13日晚，城南河堤步道")
    assert (touching.section, touching.kicker, touching.headline) == (
        "九州视窗",
        None,
        "河堤步道的路灯亮了",
    )


# Writers printed on a line of their own under the headline with the outlet or their post
# before the name and no title word ("某某农报 张三"): they sign the text, they are no headline.


def test_an_outlet_and_a_name_under_a_headline_sign_the_text():
    article = by_body("ninth_ng_signed.txt", "四月初，我跟随采访团")
    assert (article.headline, article.subheadline) == ("跟着采访团走乡村", None)
    assert article.byline == "江汉农报 邬晓岚"
    assert [w.name for w in article.correspondents] == ["邬晓岚"]


def test_a_unit_post_and_name_under_a_headline_are_not_its_subheadline():
    article = by_body("ninth_ng_signed.txt", "在参与“春耕一线”系列报道")
    assert (article.headline, article.subheadline) == ("这一年，我们听到最多的是“盼”", None)
    assert article.byline == "九曲县融媒体中心总编辑 祁鸣远"


def test_a_subheadline_touching_the_text_stays_a_subheadline():
    article = by_body("ninth_ng_signed.txt", "3月13日晚，城南河堤步道")
    assert article.subheadline == "城南片区一百二十盏路灯全部点亮"


# A column label set apart over the headline, the label's name (a place) found in the text
# more often than the headline's words, which fit a story printed further up a little better.


def test_a_label_over_a_headline_no_body_claimed_stays_a_label():
    article = by_body("ninth_ng_label_over.txt", "五月的马山镇")
    assert (article.section, article.headline) == ("马山影像", "又见丰收好年景")
    issue = parsed("ninth_ng_label_over")
    assert "又见丰收好年景" not in issue.unplaced
