"""Tenth round, fourth part: writers' lines in the forms papers commonly print, and clauses of
a sentence wrapped at a title that are no writers' lines.

The fixtures are invented text reproducing each form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.bylines import lead_byline, writer_line
from tests.ocr.invented import headed, writers_of


def _names(text: str, *, alone: bool = False) -> list[str] | None:
    line = writer_line(text, alone=alone)
    return [w.name for w in line.writers] if line else None


def test_a_bar_printed_as_the_stroke_character_parts_credit_and_name():
    # "文丨A 图丨B": the bar of phone layouts, printed as the CJK stroke 丨.
    article = headed("tenth_by4_common_forms", "桐溪河畔新添一座口袋公园")
    assert writers_of(article) == ["苗嘉树", "费雨霖"]
    assert article.body.startswith("9月12日")
    assert _names("作者丨苗嘉树") == ["苗嘉树"]
    assert _names("文图/苗嘉树") == ["苗嘉树"]


def test_more_names_after_a_bare_title_each_set_off_by_a_space():
    # "本报讯 记者 A B 近日，…": the second name is a writer, not the text's first word.
    article = headed("tenth_by4_common_forms", "秋粮入仓颗粒归")
    assert writers_of(article) == ["庞书韵", "褚立峰"]
    assert article.body.startswith("近日，")
    lead = lead_byline("本报讯 通讯员 庞书韵 褚立峰 陶志远 9月3日，")
    assert lead is not None and [w.name for w in lead.writers] == ["庞书韵", "褚立峰", "陶志远"]


def test_a_box_read_by_the_ocr_as_kou_before_a_title():
    # "□记者 A" where the OCR read the box □ as 口.
    article = headed("tenth_by4_common_forms", "山区学校用上新食堂")
    assert writers_of(article) == ["危德顺"]
    assert _names("口本报记者 危德顺") == ["危德顺"]


def test_names_each_followed_by_their_credit_word_after_a_slash():
    # "A/文 B/图" alone under a headline: who wrote and who took the pictures.
    article = headed("tenth_by4_common_forms", "手工竹编走进课堂")
    assert writers_of(article) == ["隗承泽", "骆晴川"]
    assert _names("记 者  隗承泽") == ["隗承泽"]  # a title letter-spaced, no mark before it


def test_a_clause_wrapped_after_a_title_names_no_writer():
    # "…由某中心记者撰写的" / "…记者不停交" ending a wrapped line: a sentence, whose words
    # after the title end (的) or start (不) as no name does.
    article = headed("tenth_by4_not_writers", "好故事传遍两岸")
    assert writers_of(article) == []
    assert article.body.startswith("9月22日") and "记者撰写的通讯报道" in article.body and article.body.endswith("当志愿者。")
    assert _names("由县融媒体中心记者撰写的") is None
    assert _names("记者不停交") is None
    assert _names("记者 但梓钰") == ["但梓钰"]  # a rare name after a title is still read


def test_one_word_alone_is_no_lone_writer():
    # "邓文化" alone between paragraphs: a surname before a word (文化), not a signature.
    article = headed("tenth_by4_not_writers", "稻田里的音乐会")
    assert writers_of(article) == []
    assert _names("邓文化", alone=True) is None
    assert _names("邓晓梅", alone=True) == ["邓晓梅"]
