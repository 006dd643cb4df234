"""Eighth round: the last line of a two-line headline that does not look like a headline.

A short cry or question ("…" / "谁来修？") or a whole quotation with commas in it under a
headline line was read as the first line of the text. The fixture is invented; each test
pins what an editor reading the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.types import ParsedArticle
from tests.ocr.invented import parsed


def articles() -> list[ParsedArticle]:
    return parsed("eighth_rh_head_tails").articles


def by_body(start: str) -> ParsedArticle:
    return next(a for a in articles() if a.body.startswith(start))


def test_a_short_question_under_a_headline_line_belongs_to_the_headline():
    article = by_body("6月19日，纪南镇居民陈先生来电反映")
    assert (article.headline, article.subheadline) == ("路灯坏了半个月", "谁来修？")
    assert "谁来修" not in article.body


def test_a_two_line_headline_ending_in_a_cry_after_a_signature_is_not_text():
    # Right after the writer who signs the article above, both lines were read as text.
    article = by_body("6月20日，西城街道居民孙女士来电反映")
    assert (article.headline, article.subheadline) == ("夜市油烟直排", "呛人！")
    assert all("呛人" not in a.body for a in articles())


def test_a_quotation_under_its_speaker_is_the_headline():
    article = by_body("邓志强大学毕业后回到川店镇")
    assert article.kicker == "返乡创业青年邓志强"
    assert article.headline == "“回村种菜，一样能有出息”"


def test_a_cry_ending_a_wrapped_paragraph_stays_in_the_text():
    # "…特别容易" / "摔跤！": the line above goes on from the line before it, so the cry
    # closes a paragraph, not a headline.
    assert len(articles()) == 3
    article = by_body("6月19日")
    assert "路面上又有几处坑洼特别容易摔跤！" in article.body
    assert article.body.endswith("陈先生希望有关部门尽快派人维修。")
