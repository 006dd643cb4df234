"""Tenth round: article bounds — a feature set out in numbered parts, writers' brackets
wrapped over two lines after a text, and a feature signed by a bare name behind a box.

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from tests.ocr.invented import parsed


def test_numbered_parts_and_their_subheads_stay_in_one_article():
    # "01" / a subhead / a second subhead, "02" / …: the sections of the feature above, not
    # page numbers and not the headlines of new articles; the text after the last part's
    # subheads ends the feature, and the next story keeps its own headline.
    issue = parsed("tenth_bd_numbered_sections")
    assert [a.headline for a in issue.articles] == ["柳溪镇：小茶园做成大产业", "县图书馆开设周末亲子课堂"]
    feature = issue.articles[0]
    paragraphs = feature.body.split("\n")
    assert paragraphs[0].startswith("去年以来")
    assert paragraphs[-1].startswith("如今，全镇茶园面积")
    assert paragraphs[1:4] == ["01", "抓基地", "连片茶园铺开“绿色底”"]
    assert "03" in paragraphs and "线上线下打通“销售链”" in paragraphs
    assert issue.unplaced == []


def test_writers_brackets_wrapped_after_the_text_are_no_headline():
    # The last line of verse runs into "（来源：… 通联" and the writers close the brackets on
    # the next line: that line ends the text, it is not a headline over a byline (of the
    # next story, which keeps its own headline).
    issue = parsed("tenth_bd_wrapped_signature")
    assert [a.headline for a in issue.articles] == ["梨花坡上看春色", "县医院开设夜间门诊"]
    spring = issue.articles[0]
    assert "炊烟袅袅入画来" in spring.body
    assert "县医院" not in spring.body


def test_a_bare_name_behind_a_box_signs_the_text_under_it():
    # "□ 某某" under a headline: the writer of the text below (a story of its own), not a
    # subheadline, and the text is no part of the signed article above it.
    issue = parsed("tenth_bd_boxed_name")
    assert [a.headline for a in issue.articles] == ["县医院开设夜间门诊", "老屋檐下的燕子"]
    essay = issue.articles[1]
    assert essay.subheadline is None
    assert [m.name for m in essay.correspondents] == ["王秋萍"]
    assert essay.body.startswith("老家的屋檐下")


def test_lines_filling_the_column_before_a_break_open_a_paragraph_not_an_article():
    # Two lines as wide as the column to the character, no full stop, cut off by a blank
    # line mid-sentence ("…南湖书屋" / blank / "等地参观，…"): the first lines of the
    # article's next paragraph, not a headline splitting it in two.
    issue = parsed("tenth_bd_column_filled")
    assert [a.headline for a in issue.articles] == ["南湖社区办起邻里节", "县图书馆开设周末亲子课堂"]
    festival = issue.articles[0]
    assert "书屋等地参观" in festival.body
    assert festival.body.endswith("相互认识。")
    assert [m.name for m in festival.correspondents] == ["邱子涵"]


def test_a_subhead_numbering_the_storys_parts_keeps_one_article():
    # "旧事之一：码头与渡船" between the signed opening and unsigned text that shares few of
    # its words: a subhead counting the story's parts is a paragraph of it, not a headline.
    issue = parsed("tenth_bd_numbered_subhead")
    assert [a.headline for a in issue.articles] == ["石板街旧事"]
    story = issue.articles[0]
    assert "\n旧事之一：码头与渡船\n" in story.body
    assert story.body.endswith("那场面至今有人记得。")


def test_a_note_sending_the_reader_on_closes_the_text_above():
    # "详情请关注今晚播出的《…》" after the last sentence, wrapped onto a second line: the
    # text's last paragraph, not the next story's headline nor a line left over.
    issue = parsed("tenth_bd_referral_note")
    assert [a.headline for a in issue.articles] == ["南湖社区办起邻里节", "县图书馆开设周末亲子课堂"]
    festival, library = issue.articles
    assert festival.body.endswith("\n详情请关注今晚播出的《青山新闻》")
    assert library.subheadline is None
    assert issue.unplaced == []


def test_page_numbers_between_articles_join_nothing():
    # "01" … "02" with more headlines between them than numbers: page numbers, not a
    # feature's parts; every article keeps its own headline and text.
    issue = parsed("tenth_bd_page_numbers")
    assert [a.headline for a in issue.articles] == [
        "县医院开设夜间门诊",
        "南湖社区办起邻里节",
        "县图书馆开设周末亲子课堂",
        "柳溪镇新修三座便民桥",
    ]
