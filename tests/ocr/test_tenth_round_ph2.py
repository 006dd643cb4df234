"""Tenth round, second part: photo captions with no credit printed next to a headline group.

Where a page prints a story's headline after its text, the story's photo caption follows
that group; where it prints headlines over their texts, the caption sits between the text
and the next story's group. The fixtures are invented text reproducing those forms; each
test fails on the parser as it was before.
"""

from __future__ import annotations

from tests.ocr.invented import captions, parsed


def test_a_caption_wrapped_over_two_lines_under_a_trailing_group_is_a_photo():
    # The group after its text, then a caption as wide as a column wrapped onto a second
    # line: a photo, not the story's subheadline.
    issue = parsed("tenth_ph_r2_wrapped_after_group")
    assert captions(issue) == ["农技人员在柳湾村油菜田里向村民讲解追肥的方法"]
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("南坝镇农技人员下田指导油菜越冬", None),
        ("县图书馆城南分馆开放", None),
    ]


def test_a_wrapped_caption_between_a_text_and_the_next_group_is_a_photo():
    # Headlines over their texts: the wrapped caption after a finished text, retelling it,
    # is its photo and no line of either story's headline group.
    issue = parsed("tenth_ph_r2_wrapped_before_group")
    assert captions(issue) == ["农技人员在柳湾村油菜田里向村民讲解追肥的方法"]
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("南坝镇农技人员下田指导油菜越冬", None),
        ("县图书馆城南分馆开放", None),
    ]


def test_one_sentence_under_a_trailing_group_retelling_the_story_is_its_caption():
    # A short sentence under the group of the text above: the story's photo caption, not a
    # story of its own that takes the headline from the text it belongs to.
    issue = parsed("tenth_ph_r2_sentence_under_group")
    assert captions(issue) == ["柳湾村农户在丰收节上向市民推介自家的柑橘。"]
    assert [a.headline for a in issue.articles] == [
        "青溪县第三届农民丰收节在柳湾村开幕",
        "县图书馆城南分馆开放",
    ]
    assert issue.articles[0].body.endswith("半天卖出农产品十多万元。")


def test_a_pointing_caption_under_a_trailing_group_comes_off_the_group():
    # 下图为…（A） as the last line of the group printed after its text: a caption whose
    # bracket names the photographer, not a line of the headline group.
    issue = parsed("tenth_ph_r2_pointing_under_group")
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("下图为航拍镜头里的石桥村。", ["符晓川"])
    ]
    assert [a.headline for a in issue.articles] == ["走进南坝镇石桥村", "县图书馆城南分馆开放"]
