"""Fifteenth round: forms found in the round's development text, reproduced in invented text.
Each test fails on the parser as it was."""

from __future__ import annotations

from articles.ocr.bylines import credit_inner, credit_names, find_credit
from tests.ocr.invented import headed, opening, parsed, writers_of

SIGNED = "fifteenth_stack_signed"


def test_writers_in_brackets_close_a_text_under_stacked_headlines():
    # Headlines stacked over two texts; "（A B）" alone under the first text's last sentence
    # signs that text, it does not open the next one.
    first = headed(SIGNED, "马头湾：一盏灯照亮回家路")
    assert writers_of(first) == ["辛若竹", "毛一帆"]
    assert first.body.endswith("能帮一点是一点。")
    assert headed(SIGNED, "雨后山路 护林员巡山忙").body.startswith("连续几天的大雨过后")


FURTHER = "fifteenth_stack_further"


def test_a_stacks_headline_left_over_cuts_the_text_it_heads_out_of_the_one_before():
    # Four headlines stacked; the last two texts run together with no byline or headline
    # between them. The last headline finds its words in the second half: two articles.
    hospital = headed(FURTHER, "县人民医院专家到白鹭镇义诊")
    assert hospital.body.endswith("享受优质的医疗服务。")
    works = headed(FURTHER, "白鹭镇启动村庄整治试点工作")
    assert works.body.startswith("全县村庄整治工作会议结束后")
    assert writers_of(works) == ["汤远帆"]


def test_a_story_from_place_to_place_keeps_its_stops_and_its_writers():
    # "某乡某村" over "在某乡某村，…": a stop of the story, not a headline; the story, opened
    # by a dateline naming no one, is signed once at its end. A place run into a newsroom's
    # title ("青溪融媒记者") is no writer.
    story = headed(FURTHER, "青苇山樱桃红了 采摘游正当时")
    assert "在青溪乡枫林村" in story.body
    assert writers_of(story) == ["乔青禾", "管若楠"]
    assert all(a.headline != "青溪乡枫林村" for a in parsed(FURTHER).articles)


FEATURES = "fifteenth_features"


def test_a_signed_story_under_a_feature_is_no_part_of_it():
    # A feature signed under its headline, then short headlines over stories that share its
    # words but end with writers of their own: each is an article.
    feature = headed(FEATURES, "乡村里的“喜乐事”")
    assert feature.body.endswith("村民蒲永顺笑着说。")
    assert writers_of(headed(FEATURES, "桃溪村新春送福进农家")) == ["巩书言"]
    assert writers_of(headed(FEATURES, "桃溪村冬修水利正当时")) == ["宁小川"]


def test_a_line_sending_the_reader_to_more_pages_closes_its_text():
    # "（相关报道见2—3版）" ends the text; the caption under it starts after it.
    article = headed(FEATURES, "元气满满迎新年")
    assert article.body.startswith("2026年元旦假期")
    assert "相关报道见2—3版" in article.body
    photo = next(p for p in parsed(FEATURES).photos if p.photographers == ["祁远山"])
    assert photo.caption.startswith("1月1日晚")


BYLINES = "fifteenth_bylines"


def test_a_dateline_whose_writers_bracket_never_closes():
    # "某某讯（记者：A 当前…": the closing bracket lost; A wrote it, the text starts after.
    article = headed(BYLINES, "早稻移栽过半 春耕正当时")
    assert writers_of(article) == ["邴晓峰"]
    assert article.body.startswith("当前正值春耕生产关键时期")


def test_a_signature_whose_closing_bracket_is_lost_at_the_texts_end():
    # "…示范。（A" and a blank line: A signs the text, the next headline heads the next.
    article = headed(BYLINES, "校园消防演练筑牢安全防线")
    assert writers_of(article) == ["庾思远"]
    assert article.body.endswith("现场示范。")


def test_writers_named_after_where_the_text_came_from():
    # "信息来源：某某日报全媒体作者：A B" under the last sentence.
    assert writers_of(headed(BYLINES, "乡村课堂里的夏日防溺水课")) == ["鄂新宇", "郜晨阳"]


def test_a_sites_name_and_an_apps_name_before_a_title_are_no_writers():
    # "（某某信息港 记者A 通讯员B）", "（通讯员 A B 某某晚报/掌上某某记者 C）".
    assert writers_of(headed(BYLINES, "城区新添三座口袋公园")) == ["阙书涵", "邝一鸣"]
    assert writers_of(headed(BYLINES, "青年志愿者走进敬老院")) == ["童若岚", "侯晓梅", "景远航"]


def test_credits_with_an_apps_name_in_quotes_and_a_letter_spaced_name():
    # "“某某手机记者” A 摄" after the caption; "通讯员 明 朗 摄": after a title two spaced
    # characters are one name, whatever the surname table says.
    photos = {p.title: p for p in parsed(BYLINES).photos}
    assert photos["春风拂面花满城"].photographers == ["黎一帆"]
    assert photos["茶园里的好光景"].photographers == ["谷雨桐", "明朗"]
    match = find_credit("特约记者 谷雨桐 通讯员 明 朗 摄")
    assert match is not None and credit_names(credit_inner(match)) == ["谷雨桐", "明朗"]


def test_a_papers_office_and_a_title_joined_to_its_name_by_an_underscore():
    # "某某记者站 A" under the last sentence (记者站 is an office, not a title over 站);
    # "（记者_A B 文图）" as a web page prints it.
    assert writers_of(headed(BYLINES, "口罩耳带生产线开足马力")) == ["靳雨桐"]
    assert writers_of(headed(BYLINES, "志愿服务驿站遍布城区")) == ["蔺书瑶", "祁若溪"]


def test_a_clause_ending_in_a_title_is_no_newsroom_run_into_it():
    # "连日的阴雨丝毫没有影响到小记者们来参" wrapped: a sentence about young reporters, not a
    # newsroom's name run into 记者 over a writer named 们来参.
    article = headed(BYLINES, "小记者走进消防救援站")
    assert writers_of(article) == ["岑晓舟"]
    assert article.body.endswith("小记者们大开眼界。")


def test_an_interns_mark_after_a_name_is_no_writer():
    # "全媒体记者：A B C（实习）": C is an intern, 实习 no writer.
    assert writers_of(headed(BYLINES, "重阳节里话敬老")) == ["祝远帆", "蒲晓岚", "焦一禾"]


PEOPLE = "fifteenth_people"


def test_people_named_by_their_post_their_trade_and_a_rare_surname():
    names = [m.likely_name for m in opening(PEOPLE, "盛夏正是收割季节").people]
    # 粮农 A, 宣传部长 朴B, 党委书记 税C, 讲师 D, 科技特派员 E 研究员, 治沙英雄 F
    assert {"屠德旺", "朴向东", "税文斌", "尹若冰", "邵俊峰", "滕守义"} <= set(names)
    # a compound surname and a two-character given name before 说
    assert "欧阳建发" in names
    # "曾康正组织…" once, "曾康是…" again: 曾康, 正 the start of 正在
    assert "曾康" in names and "曾康正" not in names


def test_words_after_a_title_that_are_no_names():
    names = {m.likely_name for m in opening(PEOPLE, "盛夏正是收割季节").people}
    # 盛夏正是, 席地而坐, 刘主任 (a surname and a post), 村干部包地, 游客高峰期, 常在河边,
    # 纪检书记, 空巢独居老人, 为老人包饺子, 老人乐呵呵地, 居民楼将焕发
    assert not names & {
        "盛夏正", "席地而", "刘主任", "包地", "高峰期", "常在河", "纪检", "巢独居", "包饺子",
        "乐呵呵", "楼将焕",
    }


POINTER = "fifteenth_pointer"


def test_a_line_saying_what_the_picture_shows_is_a_caption_not_a_subheadline():
    # A headline printed under its text, then "图为…" alone on a line: the caption of a
    # picture with no credit, not the headline's subheadline nor the next text's first line.
    article = headed(POINTER, "桃溪县谷子订单种植带动农户增收")
    assert article.subheadline is None
    assert [p.caption for p in parsed(POINTER).photos] == ["图为合作社员工用石碾加工小米"]
    assert headed(POINTER, "柳湾村清淤修渠保春灌").body.startswith("近日，在村干部")
