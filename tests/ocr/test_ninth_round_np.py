"""Ninth round: photo captions printed with no credit, found by the stories beside them.

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from tests.ocr.invented import captions, parsed


def test_a_caption_after_its_signed_text_is_its_photo_though_a_far_story_shares_more_words():
    # A line set apart under a text signed 文/图, before the next story's headline: it retells
    # the story above it, and a story further down the page that happens to share more of its
    # words (村民在院子里晾晒) is not printed beside it — the line is the photo's caption, not
    # left over as an unplaced line.
    issue = parsed("ninth_np_neighbour_caption")
    assert "南坪村村民在院子里晾晒腊肉和香肠" in captions(issue)
    assert [a.headline for a in issue.articles] == [
        "南坪村腊味飘香",
        "县图书馆延长开放时间",
        "长岭乡萝卜干有了新销路",
    ]
    assert not any("晾晒腊肉" in line for line in issue.unplaced)


def test_numbered_captions_after_texts_are_photos_even_wrapped():
    # ①… under a signed text, wrapped onto a second line the page then sets apart, and ②…
    # under an unsigned one: each is a picture's caption (a headline never opens with a
    # circled number), in one piece; the next story keeps its own headline and text.
    issue = parsed("ninth_np_numbered_captions")
    found = captions(issue)
    assert "①附近居民在新修的环湖步道上散步骑车" in found
    assert "②大学生志愿者在四点半课堂辅导孩子写作业" in found
    assert [a.headline for a in issue.articles] == [
        "长岭乡新修环湖步道",
        "县医院开设夜间门诊",
        "三里桥社区办起四点半课堂",
        "城南菜市场改造完工",
    ]
    assert issue.articles[1].body.startswith("从本月起")


def test_a_short_phrase_after_a_signed_text_is_its_caption():
    # 修剪果树 set apart under a text signed in its opening byline, before the next story's
    # headline: the phrase retells the story above, which has its headline over it — a
    # caption, not that story's subheadline nor a line of the next story's group.
    issue = parsed("ninth_np_short_caption")
    assert "修剪果树" in captions(issue)
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("农技员进果园教修剪", None),
        ("城南菜市场改造完工", None),
    ]
