"""Tenth round, second part: article bounds — a note sending the reader on after the text,
a sentence handing over to the text below with a dash, a mark or a wrapped jump line after
a text's last full stop, a jump line taken for the writers signing a feature's part, and
lines read as writers or a dateline that go on with the sentence above: a word wrapped before
its last character (通 / 讯), a count wrapped before its measure word (20多 / 个).

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from tests.ocr.invented import parsed


def test_a_note_sending_the_reader_on_closes_the_text_above_it():
    # "详情请关注今晚播出的《…》" alone between blank lines after the last sentence: the
    # text's closing line, not a headline printed after it (and not lost).
    issue = parsed("tenth_bd2_referral_alone")
    assert [a.headline for a in issue.articles] == ["柳溪镇举办首届插秧节", "县图书馆开设周末亲子课堂"]
    festival = issue.articles[0]
    assert festival.body.endswith("\n详情请关注今晚播出的《青山新闻》")
    assert issue.unplaced == []


def test_a_sentence_ending_in_a_dash_leads_into_the_text_below():
    # "…听得最多的一句话——" between paragraphs, much shorter than they are: it hands over to
    # the paragraph after it, it is not the headline of a new article.
    issue = parsed("tenth_bd2_dash_lead")
    assert [a.headline for a in issue.articles] == ["老街换新颜", "县图书馆开设周末亲子课堂"]
    street = issue.articles[0]
    assert "\n越来越像样了，这是老街居民常挂在嘴边的一句话——\n" in street.body
    assert street.body.endswith("卖到了全国各地。")
    assert [m.name for m in street.correspondents] == ["顾晓岚"]


def test_a_mark_or_a_jump_line_after_the_last_full_stop_ends_the_text():
    # "…了解农事。③12" and "…来参加。（下转第" / "二版）": the text ended at the full stop,
    # so the headline printed under it is no line of it.
    issue = parsed("tenth_bd2_mark_after_stop")
    assert [a.headline for a in issue.articles] == ["柳溪镇办起插秧节", "县图书馆：周末亲子课堂"]
    festival, library = issue.articles
    assert festival.body.endswith("了解农事。③12")
    assert library.body.endswith("来参加。（下转第二版）")


def test_a_jump_line_is_no_signature_parting_a_feature_from_its_next_part():
    # A feature signed under its headline, cut by a quoted subhead, its last part ending in
    # "（下转第二版）": the brackets send the reader on, nobody signs the part with them, so
    # the part after the subhead is still the feature's.
    issue = parsed("tenth_bd2_jump_after_subhead")
    assert [a.headline for a in issue.articles] == ["县图书馆开设周末亲子课堂", "梨花坡村：从荒山坡到花果山"]
    feature = issue.articles[1]
    assert "\n“我们的梨子卖到了省城”\n" in feature.body
    assert feature.body.endswith("二十多家。（下转第二版）")


def test_a_word_wrapped_before_its_last_character_is_no_dateline():
    # "…记者采写的通" / "讯《…》。" on a page with no blank lines: the line opening with 讯
    # goes on with the sentence above; it is no dateline opening a story, and the line over
    # it is no headline.
    issue = parsed("tenth_bd2_wrapped_word")
    assert [a.headline for a in issue.articles] == ["县里举办乡村摄影展", "柳溪镇办起插秧节"]
    show = issue.articles[0]
    assert show.body.endswith("记者采写的通讯《镜头里的新农村》。")


def test_a_count_wrapped_before_its_measure_word_is_no_headline_over_writers():
    # "…，来自全省20多" / "个县市的媒体记者聚焦": the number's measure word opens the next
    # line, so that line goes on with the sentence; it names no writer, and the line over it
    # is no headline of a new article.
    issue = parsed("tenth_bd2_count_wrapped")
    assert [a.headline for a in issue.articles] == ["全省媒体走进柳溪镇", "县图书馆开设周末亲子课堂"]
    media = issue.articles[0]
    assert "来自全省20多个县市的媒体记者聚焦柳溪镇" in media.body
    assert [m.name for m in media.correspondents] == ["苏明远"]
