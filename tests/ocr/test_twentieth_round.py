"""Twentieth round: forms found in the round's development text, reproduced in invented text.
Each test fails on the parser as it was."""

from __future__ import annotations

from tests.ocr.invented import headed, headlines, parsed, writers_of

PEOPLE = "twentieth_people"


def _people() -> dict[str, str]:
    article = headed(PEOPLE, "新就业群体共话基层治理")
    return {m.likely_name: m.title for m in article.people}


def test_people_by_their_trade_their_honour_or_the_group_they_speak_for():
    people = _people()
    # 外卖小哥A, “00后”小伙B, 戏迷C直言, 书法家D巧妙地…: a calling before the name.
    assert people.get("彭和睦") == "外卖小哥"
    assert people.get("蓝锋") == "小伙"
    assert people.get("甘丽") == "戏迷"
    assert "严迪" in people and "严迪巧" not in people
    # An honour in quotes ending in a title, then a list: “青禾好人”A、B等.
    assert people.get("翟绍德") == people.get("景有四") == "青禾好人"
    # 返乡群众A说 and 摄影家协会B说: the group or the society they speak for.
    assert {"郝开琴", "符敏"} <= set(people)


def test_names_then_when_they_spoke_or_what_they_did_and_a_title_then_who_holds_it():
    people = _people()
    # 委员A日前介绍说; 队长B推门进来 (玺 a name's character, whatever follows); 队长叫C.
    assert people.get("卜啸天") == "统战委员"
    assert people.get("孟寿玺") == "驻村工作队队长" and "孟寿" not in people
    assert people.get("蒙云珠") == "修剪组队长"


def test_words_that_only_look_like_names_after_a_title_or_a_surname():
    # 群众路线, 群众关切, 向新兴职业转变, 市民、文友与记者, 搭建的简易桥: no people.
    assert not {"路线", "关切", "向新兴", "文友", "简易桥"} & set(_people())


def _honoured() -> dict[str, str]:
    article = headed(PEOPLE, "身边好人暖人心")
    return {m.likely_name: m.title for m in article.people}


def test_people_after_a_nickname_in_quotes_and_in_lists_of_the_honoured():
    people = _honoured()
    # “船老大”A, “雷锋大叔”B: the quotation says who they are; 雷锋 is no one here.
    assert {"薛松林", "胡卫明"} <= set(people) and "雷锋" not in people
    # A、B、C等道德模范, the first of two characters; a list of sure names holding a
    # two-character one (苏萍) and one with a rarer given name (郭连林), ending 共6人.
    assert {"严丽", "林萍", "方亚儿"} <= set(people)
    assert {"孙晓清", "苏萍", "王栋椿", "李兴盛", "柯月娥", "郭连林", "邱凤云"} <= set(people)
    # Given names of characters a villager's often holds: 励娥 after 妻子, 渭兵 after 的 and
    # before 等, 灿林 opening a list of two.
    assert people.get("严励娥") == "妻子"
    assert {"孟渭兵", "金灿林", "卢红英"} <= set(people)


def test_rare_surnames_after_a_title_and_names_run_into_the_next_word():
    people = _honoured()
    # 应 and 咸 are surnames after a title (村民应某某, 党支部书记咸某某).
    assert people.get("应雪琴") == "村民" and people.get("咸合军") == "党支部书记"
    # 主任A第一时间, 主任B得知后, 代表C谦虚地说, 空乘D表达…: the name ends before the word.
    assert people.get("柯龙") == "清洁公司主任" and "柯龙第" not in people
    assert people.get("杨秀甲") == "居委会主任"
    assert "谢明" in people and "谢明谦" not in people
    assert people.get("赵杨") == "送考的空乘" and people.get("柯雯") == "空姐"
    assert people.get("甘啸雨") == "副站长"  # 副站长A近日介绍
    # 92岁高龄的李某某家里: 端 is a name's character; 70岁的B患有…: the name ends there.
    assert "李端芳" in people and "孟乐贺" in people
    # 20余位留守老人: a count of old people, no one called 位留守.
    assert "位留守" not in people


def test_what_a_volunteer_did_for_an_old_man_names_no_old_man():
    people = _honoured()
    # 志愿者…潘静为老人打来温水: 潘静, not an old man called 潘静为; 老伴连声: no one.
    assert "潘静" in people and "潘静为" not in people
    assert "连声" not in people
    # 山路旁的毛竹长得笔直: bamboo growing tall, no one called 毛竹长.
    assert "毛竹长" not in people


def test_a_word_said_twice_is_no_name():
    # 柯彬万程程: 柯彬 and 万程程, not 柯彬万 and 程程; 居民常常…: no one called 常常.
    article = headed(PEOPLE, "老街菜市场换新颜")
    assert writers_of(article) == ["柯彬", "万程程", "关希雨"]
    assert "常常" not in [m.likely_name for m in article.people]


def test_a_subhead_of_two_short_phrases_keeps_the_feature_whole():
    # "老巷大变样" / "古井成“网红”" between a feature's lead and the rest of it: one article,
    # each phrase a paragraph of it, not a second article under the second phrase.
    issue = parsed("twentieth_parts")
    assert headlines("twentieth_parts") == [
        "柳溪社区老街巷成了“打卡”新去处",
        "东湾镇开展冬季消防演练",
    ]
    paragraphs = issue.articles[0].body.split("\n")
    assert paragraphs[1:3] == ["老巷大变样", "古井成“网红”"]
    assert paragraphs[-1].startswith("如今，老巷子里的古井")


def test_a_kicker_handing_over_to_a_headline_of_two_phrases():
    # "乡村振兴看变化——" over "稻田变景区，游客纷至沓来", set apart over the writers' line.
    article = parsed("twentieth_kicker").articles[0]
    assert (article.kicker, article.headline) == ("乡村振兴看变化——", "稻田变景区，游客纷至沓来")
    assert article.body.startswith("入冬以来，")


def test_a_subheadline_of_two_phrases_in_a_stack_ofheadlines():
    # Under its headline at the top of the page, narrower than no line of text: the stack
    # stays headlines, each over its own text.
    issue = parsed("twentieth_subhead")
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("关爱留守儿童 志愿者在行动", "他们要用一个寒假，走遍全镇所有村小"),
        ("东湾镇开展冬季消防演练", None),
        ("石门镇文化礼堂迎来首场演出", None),
    ]
    assert issue.articles[0].section == "镇街新闻"
    assert issue.articles[0].body.startswith("“青禾志愿者联盟”")


def test_a_caption_opening_with_tu_set_apart_after_a_headline_printed_below_its_text():
    # "图：柳溪河边水杉林层林尽染。" on a line of its own, after the headline printed under its
    # text: the picture's caption with no credit, not a line left over.
    issue = parsed("twentieth_below")
    assert "图：柳溪河边水杉林层林尽染。" in [photo.caption for photo in issue.photos]
    assert "图：柳溪河边水杉林层林尽染。" not in issue.unplaced
    assert headed("twentieth_below", "柳溪河畔水杉红 青禾初冬景色美").body.endswith("休闲的好去处。")


def test_parallel_subheads_keep_a_feature_whole_on_a_page_that_prints_headlines_after():
    # "邻里同乐：…" and "情暖桑榆：…", each a label, a colon and a phrase of the same length:
    # a feature's subheads, not the headlines of three stories, however little the parts
    # share; the headline printed after the last part heads the whole.
    issue = parsed("twentieth_parallel")
    assert headlines("twentieth_parallel") == [
        "东湾镇志愿者走进敬老院",
        "敬老院里饺子香 佳节处处暖人心",
        "石门镇文化礼堂迎来首场演出",
    ]
    feature = issue.articles[1]
    assert feature.body.startswith("金秋十月，") and feature.body.endswith("一个劲地道谢。")
    assert "\n邻里同乐：歌声舞步汇聚家园情\n" in feature.body


def test_headlines_of_stories_from_different_places_are_no_parallel_subheads():
    # "东湾镇：…" and "石门镇柳溪村：…" printed after short stories of their own: a place, a
    # colon and what happened there, labels of different lengths; three stories stay three.
    assert headlines("twentieth_colon_heads") == [
        "东湾镇：冬修水利掀热潮",
        "石门镇柳溪村：稻田变景区",
        "县图书馆开展书香进万家活动",
    ]
