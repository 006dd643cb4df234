"""Eighteenth round: forms found in the round's development text, reproduced in invented text.
Each test fails on the parser as it was."""

from __future__ import annotations

from tests.ocr.invented import headed, headlines, opening, parsed, people_of, writers_of

STACK = "eighteenth_stack"
BYLINES = "eighteenth_bylines"
BELOW = "eighteenth_below"
PICTURES = "eighteenth_pictures"


def test_a_kind_of_report_named_alone_is_a_label_inside_a_stack_of_headlines():
    # "原创报道" alone between stacked headlines names a column: no dateline opening a text
    # that would swallow the headlines under it.
    issue = parsed(STACK)
    assert [a.headline for a in issue.articles] == [
        "三个月建成四个口袋公园，社区干部拼出家门口的好风景——桂溪社区微空间改造焕新颜",
        "“添衣、添暖、添心意” 柳岸社区爱心衣物送山区",
        "南岭乡里修新渠",
    ]
    donated = headed(STACK, "“添衣、添暖、添心意” 柳岸社区爱心衣物送山区")
    assert donated.section == "原创报道"
    assert donated.body.startswith("10月10日上午，")
    assert writers_of(headed(STACK, "南岭乡里修新渠")) == ["冯一帆"]


def test_a_credit_broken_inside_a_name_at_the_lines_end():
    # "…景象。 记者 司马青" / "禾 通讯员 柯亮 摄": one name across the break.
    (photo,) = parsed(STACK).photos
    assert photo.photographers == ["司马青禾", "柯亮"]
    assert photo.caption.endswith("一派丰收景象。")


def test_titled_writers_after_the_last_sentence_end_the_text():
    # "…运动的身影。 青禾日报社全媒体记者 欧明轩" on the last sentence's line: the text
    # ends there, and the label and headline under it open the next one.
    park = headed(BYLINES, "城东公园晨练忙")
    assert writers_of(park) == ["欧明轩"]
    assert park.body.endswith("运动的身影。")
    harvest = headed(BYLINES, "石桥村里“丰收节”")
    assert harvest.section == "乡镇新闻"
    assert writers_of(harvest) == ["蓝晓溪"]


def test_a_place_run_into_a_newsroom_title_is_no_writer():
    # "（林溪融媒记者 A B）": 林溪 reads as a name, but a title naming the newsroom's kind
    # (融媒, 全媒体) follows the place it is in.
    assert writers_of(headed(BYLINES, "清溪柑橘喜丰收")) == ["岳明轩", "谭小慧"]


def test_a_bare_name_between_a_headline_and_its_text_is_the_writer():
    autumn = headed(BYLINES, "山间秋色")
    assert writers_of(autumn) == ["林晓燕"]
    assert autumn.body.startswith("时间过得真快，")
    assert autumn.body.endswith("又香又甜。")
    assert headed(BYLINES, "清溪柑橘喜丰收").body.endswith("超过两万吨。")


def test_a_boxed_name_of_two_characters_with_a_rare_surname():
    search = headed(BYLINES, "寻找祖辈的足迹")
    assert writers_of(search) == ["萧森"]
    assert search.body.startswith("今年是我的祖父")


def test_a_newsroom_named_alone_over_a_text_opens_it():
    # "清溪融媒" alone over the text on a page printing headlines under their stories: where
    # the text comes from, as 本报讯 says; never a headline.
    issue = parsed(BELOW)
    assert [a.headline for a in issue.articles] == [
        "农民运动会开幕",
        "清溪镇部署秋冬种工作",
        "流动书车进山村",
    ]
    meeting = headed(BELOW, "清溪镇部署秋冬种工作")
    assert meeting.body.startswith("10月26日，")
    assert meeting.byline == "清溪融媒"
    assert headed(BELOW, "流动书车进山村").section is None


def test_one_writer_for_the_words_and_another_for_the_picture_under_a_pictures_words():
    # "记者 A 文 B 摄" under one paragraph of two sentences: a picture; B took it.
    lake = next(p for p in parsed(PICTURES).photos if p.caption.startswith("位于青禾县东部"))
    assert lake.title == "青禾湖畔候鸟来"
    assert lake.photographers == ["乔志远"]
    assert not any(a.headline == "青禾湖畔候鸟来" for a in parsed(PICTURES).articles)


def test_a_scene_at_a_place_signed_by_its_author_is_a_picture():
    flowers = next(p for p in parsed(PICTURES).photos if p.caption.startswith("11月2日，在"))
    assert flowers.title == "采收菊花"
    assert flowers.photographers == ["甘丽萍"]
    assert not any(a.headline == "采收菊花" for a in parsed(PICTURES).articles)


def test_people_named_after_a_word_ending_in_ren():
    # "花园村人潘秀芝": where she is from stands where a title would; 人文 is a word.
    assert people_of(PICTURES, 0) == ["邹美琴", "潘秀芝"]
    assert opening(PICTURES, "11月3日，").headline == "非遗剪纸进校园"


def test_a_short_phrase_under_a_signed_features_lead_is_its_subhead():
    # "□ 本报记者 A 文/图" over two sentences, then "古樟园": a signed text that short is
    # a feature's lead, and the phrase the first of its stops, however little the two parts
    # share.
    walk = headed("eighteenth_feature", "秋日暖阳下 老城慢慢走")
    assert "古樟园" in walk.body
    assert walk.body.endswith("一年四季都热闹。")
    assert headlines("eighteenth_feature") == [
        "秋日暖阳下 老城慢慢走",
        "石桥村新修文化广场",
        "满城灯笼迎新春",
    ]


NAMES = "eighteenth_names"


def test_a_transliterated_name_joined_by_a_dot_is_one_writer():
    # 确·胡热, 艾尔肯·吐尼亚孜: a name of Xinjiang or Tibet, its parts joined by a dot.
    (photo,) = parsed(NAMES).photos
    assert photo.title == "牧区冬宰忙"
    assert photo.photographers == ["确·胡热"]
    assert writers_of(headed(NAMES, "冬季运动会开幕")) == ["艾尔肯·吐尼亚孜", "贺兰"]


def test_writers_after_the_last_sentence_with_their_credit_word_wrapped():
    # "…景象。 本报记者 A" / "文/图": the credit word finishes the signature; it heads
    # nothing under it.
    orchard = headed(NAMES, "果园里的丰收笑声")
    assert writers_of(orchard) == ["文小川"]
    assert orchard.body.endswith("一派丰收景象。")
    assert headed(NAMES, "冬季运动会开幕").subheadline is None


def test_people_after_ren_only_where_a_name_stands():
    # 村里人白天…: villagers by day; 邻村人马丽: 人马 is a word, so is no name taken there.
    assert [m.likely_name for m in headed(NAMES, "果园里的丰收笑声").people] == []


def test_a_credit_word_wrapped_under_the_writers_of_the_pages_last_text():
    # On a page whose headlines stand at the top, "…。 本报记者 A " / "文/图" closing the
    # page: the word is the signature's, never a headline line left over.
    old_street = headed("eighteenth_top", "石桥老街的冬天")
    assert old_street.byline == "本报记者 文小川 文/图"
    assert writers_of(old_street) == ["文小川"]
    assert parsed("eighteenth_top").unplaced == []


def test_a_credit_broken_after_the_surname():
    # "…美景。 通讯员 万" / "宗远摄影报道": title and surname after the last sentence,
    # the given name opening the credit's own line.
    wetland = next(p for p in parsed(PICTURES).photos if p.title == "湿地秋色")
    assert wetland.photographers == ["万宗远"]
    assert wetland.caption.endswith("“芦花飞舞”美景。")


def test_a_short_scene_wrapped_once_under_a_text_is_its_pictures_caption():
    # "石桥社区的老人们在活动室" / "里写春联。" set apart under the text: the same one-clause
    # caption as on one line of a wider column.
    lanterns = headed("eighteenth_feature", "满城灯笼迎新春")
    assert lanterns.body.endswith("欢声笑语不断。")
    assert [p.caption for p in parsed("eighteenth_feature").photos] == ["石桥社区的老人们在活动室里写春联。"]


def test_a_parts_number_over_its_title_is_a_subhead_inside_the_text():
    # "第一站：" / "石桥老街烟火浓": a part of the story, numbered, never an article's kicker
    # and headline.
    trip = headed("eighteenth_parts", "三天两夜游青禾 外地游客直呼不虚此行")
    assert "第一站：" in trip.body and "青禾湖上赏冬景" in trip.body
    assert trip.body.endswith("孩子们听得津津有味。")
    assert headlines("eighteenth_parts") == [
        "三天两夜游青禾 外地游客直呼不虚此行",
        "县图书馆开展冬季读书月活动",
    ]
    assert parsed("eighteenth_parts").unplaced == []


def test_words_by_a_reporter_and_pictures_from_the_interviewee_sign_an_article():
    # "本报记者 A 文 受访者供图" under a text of two paragraphs: A wrote it; the pictures came
    # from someone it does not name, who is no writer.
    fishing = headed(PICTURES, "青禾湖冬捕开网")
    assert writers_of(fishing) == ["龚晓川"]
    assert fishing.body.endswith("预订一空。")
    assert not any(p.caption.startswith("隆冬时节") for p in parsed(PICTURES).photos)


def test_a_list_right_after_a_title_names_people_only_where_names_end():
    # "副镇长、柯西根、贺青穗": the title's people, listed; "居民、商铺职工": two kinds of
    # people, no one named 商铺.
    names = [m.likely_name for m in headed(NAMES, "柳巷社区清洁家园迎新春").people]
    assert names[:2] == ["柯西根", "贺青穗"]


def test_people_after_a_word_ending_in_zhe():
    # "记录者谢岚，…": who she is, then her name (记者 is a byline's, read apart).
    names = [m.likely_name for m in headed(NAMES, "柳巷社区清洁家园迎新春").people]
    assert names == ["柯西根", "贺青穗", "谢岚"]


def test_a_name_opening_a_clause_in_which_it_leads_others():
    # "…，村支书严小锋带领村干部…": only a person leads a group (the title aside).
    river = headed(NAMES, "桂溪村河道变清了")
    assert [m.likely_name for m in river.people] == ["严小锋"]


SIGNED = "eighteenth_signed"


def test_words_and_photographs_by_one_writer_wrapped_after_the_last_sentence():
    # "…欢乐。（文/摄" / "影 A）": the writer wrote it and took its pictures: the text is
    # signed and ends there; the sentence set apart under it is its picture's caption.
    snow = headed(SIGNED, "冰雪丹青")
    assert writers_of(snow) == ["赵小滨"]
    assert snow.body.endswith("无限欢乐。")
    assert [p.caption for p in parsed(SIGNED).photos] == ["湖畔的雾凇奇观。"]


def test_a_signature_that_reads_as_a_credit_leaves_no_empty_picture():
    # "（文/摄" / "影 A 摄）": the second line holds a credit, but the signature has
    # already closed the text: no picture without a caption is made of it.
    hills = headed(SIGNED, "雪后青山")
    assert writers_of(hills) == ["龙一川"]
    assert all(p.caption for p in parsed(SIGNED).photos)
    assert parsed(SIGNED).unplaced == []
