"""Tenth round, headline groups: writers under a headline, short column labels, a headline
given up for the rest of its own article, and a dense headline with a list mark.

The fixtures are invented; each test pins what an editor reading the page would say, and
fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.types import ParsedArticle
from tests.ocr.invented import opening, parsed


def articles(name: str) -> list[ParsedArticle]:
    return parsed(name.removesuffix(".txt")).articles


# Writers on the last line of a headline block, touching the text below.


def test_an_association_post_and_a_name_under_a_headline_sign_the_text():
    article = opening("tenth_hd_writers", "滨江镇老渡口旁")
    assert (article.section, article.headline, article.subheadline) == (
        None,
        "古渡口边的石碑群",
        None,
    )
    assert article.byline == "县书法家协会副会长 邵明远"


def test_a_bare_name_the_text_never_mentions_signs_it():
    article = opening("tenth_hd_writers", "3月5日，青禾村")
    assert (article.section, article.headline) == (None, "油菜花开引客来")
    assert "曹振林" in [w.name for w in article.correspondents]


def test_writers_ending_with_the_outlet_they_report_for_are_no_subheadline():
    article = opening("tenth_hd_dense", "清晨五点半")
    assert (article.section, article.headline, article.subheadline) == (
        "江岸行③",
        "守望江堤的巡护队",
        None,
    )
    assert article.byline == "全媒体记者 卢一航 钟秀岚 戴志平 指尖江汉报道"


# A place's name alone between blank lines over a headline is a column label, however often
# its story repeats it.


def test_a_short_label_set_apart_over_its_headline_is_no_headline():
    article = opening("tenth_hd_labels", "4月9日，桐溪社区")
    assert (article.section, article.kicker, article.headline, article.subheadline) == (
        "桐溪",
        None,
        "共享菜园里的邻里情",
        None,
    )


def test_a_short_label_over_a_headline_printed_after_its_body():
    article = opening("tenth_hd_labels_below", "4月9日，桐溪社区")
    assert (article.section, article.headline, article.subheadline) == (
        "桐溪",
        "共享菜园里的邻里情",
        None,
    )


# A headline whose words the rest of its article (after a subhead) repeats more than the
# opening paragraph still heads that paragraph when nothing else does.


def test_a_headline_given_up_for_the_part_after_a_subhead_heads_the_opening():
    article = opening("tenth_hd_cut", "6月1日，石门乡")
    assert article.headline == "桐溪职业学校毕业生回乡开起无人机植保队"
    assert "桐溪职业学校毕业生回乡开起无人机植保队" not in parsed("tenth_hd_cut").unplaced


# On a page with no blank lines, a line with a list mark (、) wider than the column under it.


def test_a_dense_headline_with_a_list_mark_wider_than_its_column():
    article = opening("tenth_hd_dense", "5月19日上午")
    assert article.headline == "县委书记、县长谭立新到县融媒体中心调研"
    assert not article.body.startswith("县委书记")


# A line alone between blank lines with a full stop inside it is running text cut by stray
# blank lines, whatever words of it come back below.


def test_a_line_with_a_sentence_ending_inside_it_is_no_headline():
    issue = parsed("tenth_hd_stop")
    assert [a.headline for a in issue.articles] == ["石门乡建起村级图书室", "渡口新添救生圈"]
    article = opening("tenth_hd_stop", "6月8日，石门乡")
    assert "全乡第一个农家阅览室。室内摆放着" in article.body.replace("\n", "")


# A text printed a phrase a line under its headline, with no blank line on the page: no
# headline group runs five lines, so the phrases open the body.


def test_phrases_a_line_under_a_headline_open_the_body():
    article = opening("tenth_hd_phrases", "深秋时节")
    assert (article.headline, article.subheadline) == ("古渡口的银杏又黄了", None)
    assert article.body.split("\n")[:2] == ["深秋时节", "滨江镇古渡口的老银杏"]


# In a stack of headlines over the bodies, a short headline set apart and a shorter label set
# apart under it: the label goes with the headlines under it, the headline heads its own body.


def test_a_label_under_a_short_headline_in_a_stack_labels_the_next_group():
    short = opening("tenth_hd_stack", "入冬以来")
    assert (short.headline, short.subheadline, short.section) == ("菜篮子稳了", None, None)
    labelled = opening("tenth_hd_stack", "县农业农村局")
    assert (labelled.section, labelled.headline) == ("要闻", "全县新建十座蔬菜大棚示范基地")


# A paragraph's last line wrapped inside book marks (《…新 / 闻》) after a blank line: the end
# of the text above, not a headline block over the next article.


def test_a_line_wrapped_inside_book_marks_ends_the_text_above():
    article = opening("tenth_hd_tail", "9月4日，石门乡")
    assert (article.kicker, article.headline, article.subheadline) == (None, "石门乡修通产业路", None)
    above = opening("tenth_hd_tail", "9月3日晚")
    assert above.body.replace("\n", "").endswith("欢迎锁定县电视台频道收看《桐溪新闻》")


# A page printing its headlines after their bodies, none matched surely: the headlines that
# are matched still tell the side, so a slogan headline no body claims heads the body before it.


def test_headlines_matched_less_surely_still_tell_the_page_prints_them_after():
    issue = parsed("tenth_hd_below")
    article = opening("tenth_hd_below", "10月7日，县老年大学")
    assert article.headline == "夕阳相伴 温情满院"
    assert [photo.title for photo in issue.photos] == [None]
