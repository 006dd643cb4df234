"""Tenth round, second part: bylines and closing lines the parser cut from their text.

The fixtures are invented text reproducing each form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.bylines import jumps_on, lead_byline, names_over_text
from tests.ocr.invented import opening, parsed, writers_of


def test_one_bare_name_over_a_text_opening_with_its_date_signs_it():
    # headline / blank / "某某" / "7月12日，…": the writer, not the text's first words.
    article = opening("tenth_by2_writers_over_text", "7月12日")
    assert article.headline == "柳塘村的荷花开了"
    assert writers_of(article) == ["柏文昊"]


def test_a_writers_line_ending_with_reported_over_a_dateline():
    # "□记 者 A 通讯员 B C 报道" over "本报某地讯 …": the whole line is writers (a title spaced
    # out to three characters' width), never a headline with a byline run into it.
    article = opening("tenth_by2_writers_over_text", "9月3日")
    assert article.headline == "镇卫生院开展义诊进村活动"
    assert writers_of(article) == ["龚雪梅", "邵立新", "葛晓帆"]
    boxed = lead_byline("□记 者 龚雪梅 通讯员 邵立新 报道")
    assert boxed is not None and [w.name for w in boxed.writers] == ["龚雪梅", "邵立新"]
    assert lead_byline("□记者 龚雪梅 摄影报道") is None  # a photo credit's line


def test_a_bare_name_set_apart_over_a_dateline_naming_no_one_opens_the_next_text():
    # "…多了。" / blank / "某某" / "某某网消息 10月5日，…": the writer of the text below, not a
    # signature after the text above.
    above = opening("tenth_by2_writers_over_text", "近日，青溪老街")
    below = opening("tenth_by2_writers_over_text", "10月5日")
    assert above.body.endswith("专门来逛。")
    assert writers_of(below) == ["翁素琴"]


def test_names_over_text_needs_a_text_opening_below():
    assert names_over_text("柏文昊", "7月12日，柳塘村的荷花开了。") != []
    assert names_over_text("柏文昊", "某某网消息 10月5日，运动会开幕。") != []
    # a dateline that names its own writers, or a line opening no text: not signed from above
    assert names_over_text("柏文昊", "某某网消息（记者 邵立新）10月5日，运动会开幕。") == []
    assert names_over_text("柏文昊", "村里修了木栈道。") == []
    assert names_over_text("通讯员 柏文昊", "7月12日，柳塘村的荷花开了。") == []


def test_a_jump_line_after_the_last_sentence_ends_the_text():
    article = opening("tenth_by2_closing_lines", "近日，白石岭村")
    assert article.body.endswith("不用为吃水发愁。\n（下转第二版）")
    assert jumps_on("（下转第二版）") and jumps_on("(转3版)")
    assert not jumps_on("（上接第一版）")


def test_a_note_pointing_to_the_programme_ends_the_text_not_a_headline():
    article = opening("tenth_by2_closing_lines", "9月18日")
    assert article.headline == "稻田里办起丰收节"
    assert article.body.endswith("卖得很好。\n详情请关注本台晚间播出的《青溪新闻》")
    assert parsed("tenth_by2_closing_lines").unplaced == []


def test_a_running_head_opening_the_page_dates_the_issue_and_is_kept():
    # "2025年3月4日 第2版" at the top: the issue's date, and its page number is reported, not lost.
    issue = parsed("tenth_by2_running_head_first")
    assert issue.date is not None and issue.date.isoformat() == "2025-03-04"
    assert "2025年3月4日 第2版" in issue.unplaced
