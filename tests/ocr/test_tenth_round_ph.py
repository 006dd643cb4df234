"""Tenth round: photo captions read as a text's last paragraph, a headline or a credit's end.

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from tests.ocr.invented import captions, parsed


def test_a_pointing_caption_with_its_photographer_in_brackets_is_a_photo():
    # 下图为… closing an unsigned text, the photographer named in brackets with no 摄: the
    # brackets leave no full stop at the line's end, yet the line is a caption, not a
    # headline printed after the text, and the bracket credits the picture.
    issue = parsed("tenth_ph_bracket_credit")
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("下图为航拍镜头里的柳湾村。", ["符晓川"])
    ]
    assert [a.headline for a in issue.articles] == ["走进青溪县柳湾村"]
    assert "航拍" not in issue.articles[0].body
    assert not any("航拍" in line for line in issue.unplaced)


def test_a_caption_line_right_over_its_credit_is_the_caption_not_a_headline():
    # Under a text signed in brackets, a line with no full stop and the credit right under
    # it (A 摄): the line is what the credit credits, not a headline left unplaced and a
    # photo with no caption.
    issue = parsed("tenth_ph_credit_under_line")
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("村民在石桥村村部广场翻晒稻谷", ["严冬青"])
    ]
    assert "村民在石桥村村部广场翻晒稻谷" not in issue.unplaced
    assert [a.headline for a in issue.articles] == [
        "南坝镇开放村部广场方便群众晒谷",
        "县图书馆延长开放时间",
    ]


def test_a_credit_opening_with_its_paper_and_title_leaves_the_caption_above_it():
    # 某晚报记者 A 通讯员 B … 摄影报道 on the line under a one-line caption set after a long
    # text: the paper and title open the credit; the caption is the line above, not the text's
    # last paragraph, and it is no part of the article.
    issue = parsed("tenth_ph_credit_lead")
    # The paper's name stays with the caption: nothing printed is dropped.
    assert [c.removesuffix("青溪晚报记者") for c in captions(issue)] == [
        "3.清晨的青溪河人行桥上，居民们在晨练。"
    ]
    assert issue.photos[0].photographers[:2] == ["钟远山", "韦小棠"]
    assert issue.articles[0].body.endswith("明年夏天前全部完工。")


def test_a_paragraph_saying_where_someone_stands_in_the_picture_is_a_caption():
    # 本报记者（左）… set apart after a signed text: only a caption points into a picture.
    issue = parsed("tenth_ph_in_picture")
    assert captions(issue) == ["本报记者（左）在柳湾村采访村民。"]
    assert [a.headline for a in issue.articles] == ["记者进村看变化", "城南菜市场改造完工"]
    assert "（左）" not in issue.articles[0].body


def test_a_short_dated_scene_after_a_finished_text_is_its_caption():
    # One short sentence opening with its day (10月9日，…) set apart after the text's last
    # sentence: a caption with no credit, not the text's last paragraph.
    issue = parsed("tenth_ph_dated_scene")
    assert captions(issue) == ["10月9日，石桥村村民在志愿者帮助下抢收晚稻。"]
    assert issue.articles[0].body.endswith("全镇晚稻收割已过六成。")
    assert [a.headline for a in issue.articles] == ["南坝镇帮助农户抢收晚稻", "县图书馆延长开放时间"]
