"""Nineteenth round: forms found in the round's development text, reproduced in invented text.
Each test fails on the parser as it was."""

from __future__ import annotations

from tests.ocr.invented import captions, headed, parsed

PEOPLE = "nineteenth_people"


def _people(headline: str) -> list[str]:
    return [m.likely_name for m in headed(PEOPLE, headline).people]


def test_people_every_reader_knows_by_name_alone():
    # Leaders of the revolution and poets of old, named with no title in a history page; a
    # shrine or a school named after one is a place, and a longer name one opens is another
    # person.
    names = _people("红色研学走进老区")
    assert {"贺龙", "关向应", "杜甫", "刘长卿"} <= set(names)
    assert "屈原" not in names and "鲁迅" not in names
    assert "刘长" not in names  # read after the title's list, a shorter reading of 刘长卿
    assert "朱德" not in names and "朱德明" in names


def test_a_calling_or_a_party_after_the_name():
    # 卫生院邵启明医生, 卫健局郑嘉树一行; and 工作队温剑介绍: the unit before, speech after.
    assert {"郑嘉树", "邵启明", "温剑"} <= set(_people("义诊送到百岁老人家中"))


def test_a_party_after_the_name_keeps_the_title_given_before():
    # "区委书记袁思强调…" reads 袁思强 at first; "袁思一行" shows the name is 袁思, and the
    # title the longer reading had is his.
    article = headed(PEOPLE, "区委书记带队督查安全生产")
    by_name = {m.likely_name: m.title for m in article.people}
    assert by_name.get("袁思") == "区委书记"
    assert "袁思强" not in by_name
    # 其 stands inside a name where a title comes before it.
    assert "汤其瑞" in by_name


def test_names_before_what_they_did_and_after_the_words_for_who_they_are():
    names = _people("果园里的新生活")
    # 则告诉 (冲 no name character), 做义务导游, 女工, 经销商, "…，叫符秋菊，"
    assert {"范文冲", "蒙捷", "甘雯丽", "卢金宝", "符秋菊"} <= set(names)
    # 村民安居乐业, 农户辛勤的汗水, 苏维埃, 王文祠: words and places, no people
    assert not {"安居", "辛勤", "苏维埃", "王文祠", "王文"} & set(names)


STACK = "nineteenth_stack"
CAPTIONS = "nineteenth_captions"


def test_a_stacked_headline_wrapped_before_its_cry_and_a_kicker_handing_over_with_a_dash():
    # "守住青山绿水本" / "色！看石门镇里的生态新变": one headline, however its line broke; and
    # "美丽乡村行——" over "柳溪村里稻花香": the kicker of the headline it touches, not running
    # text handing over to what follows.
    issue = parsed(STACK)
    assert [(a.kicker, a.headline) for a in issue.articles] == [
        (None, "守住青山绿水本色！看石门镇里的生态新变"),
        ("美丽乡村行——", "柳溪村里稻花香"),
        (None, "东湾镇开展冬季防火宣传"),
    ]
    assert issue.articles[0].body.startswith("初冬时节，")


def test_a_short_scene_with_a_place_or_a_quoted_name_after_the_text_is_its_caption():
    # "河堤路上，银杏叶金黄一片。" and "“红马甲”们正在清扫街道。" set apart under the last
    # paragraph: the pictures' captions, printed with no credit.
    issue = parsed(CAPTIONS)
    assert captions(issue) == ["河堤路上，银杏叶金黄一片。", "“红马甲”们正在清扫街道。"]
    assert headed(CAPTIONS, "城区新添十二个口袋公园").body.endswith("幸福感不断提升。")
    assert headed(CAPTIONS, "志愿服务进社区").body.endswith("吹进千家万户。")


SERIES = "nineteenth_series"


def test_a_series_headline_with_its_bar_wrapped_over_two_lines_heads_the_text_under_it():
    # "乡村振兴进行时丨石门镇柳溪" / "村：稻田里长出新希望，村民笑开颜": a web page's series
    # headline, broken inside a word and holding a comma, is no paragraph of the text above.
    first, second = parsed(SERIES).articles
    assert first.body.endswith("不到半天就卖出货品三万余元。")
    assert second.headline == "乡村振兴进行时丨石门镇柳溪村：稻田里长出新希望，村民笑开颜"
    assert second.body.startswith("金秋时节，")


def test_a_series_headline_holding_a_comma_printed_after_its_text():
    # "青禾好故事，讲给你听丨退休教" / "师办起“周末课堂”，孩子们有去处" after the text it heads:
    # one headline, commas and all, not the last paragraph of that text.
    first, second = parsed("nineteenth_series_below").articles
    assert first.headline == "青禾好故事，讲给你听丨退休教师办起“周末课堂”，孩子们有去处"
    assert first.subheadline is None
    assert first.body.endswith("学习成绩也提高了。")
    assert second.headline == "东湾镇开展冬季防火宣传"


def test_a_subheadline_wider_than_the_column_under_its_headline():
    # "柳溪村持续改善人居环境，发展壮大特色产业，村民的日子越过越红火" touching the headline
    # and set apart from the text: commas and all, wider than any line of the text's column,
    # it is the subheadline, not the text's first paragraph.
    article = headed("nineteenth_wide_subhead", "一江清水穿村过 稻田金黄入画来")
    assert article.subheadline == "柳溪村持续改善人居环境，发展壮大特色产业，村民的日子越过越红火"
    assert article.body.startswith("金秋时节，")


def test_a_headline_printed_after_a_text_cut_by_its_own_subhead_heads_both_parts():
    # On a page printing headlines after their texts, "石门镇茶产业富了一方百姓" stands after
    # the part under the subhead "品牌引路 茶叶卖出好价钱": a headline never skips over a text,
    # so both parts are its story, and the subhead a paragraph inside it.
    issue = parsed("nineteenth_below_parts")
    assert [a.headline for a in issue.articles] == ["东湾镇举办农民丰收节", "石门镇茶产业富了一方百姓"]
    tea = issue.articles[1]
    assert tea.body.startswith("入冬以来，")
    assert "\n品牌引路茶叶卖出好价钱\n" in tea.body  # its own paragraph (spaces inside text squeezed)
    assert tea.body.endswith("带动两千余户茶农增收。")
