"""Fourteenth round: forms seen once in the thirteenth round's dev text and left then,
reproduced in invented text. Each test fails on the parser as it was."""

from __future__ import annotations

from tests.ocr.invented import opening, parsed

PAGE = "fourteenth_forms"


def test_a_photographer_whose_surname_is_a_common_word():
    # "（记者 都某某 摄）": 都 opens many words, but between a title and 摄 it is a surname;
    # the picture stays a picture and the story after it keeps its headline.
    photo = next(p for p in parsed(PAGE).photos if p.caption.startswith("10月19日，白沙镇"))
    assert photo.photographers == ["都晓明"]
    assert photo.title == "白沙湾稻田迎丰收"
    assert opening(PAGE, "10月18日，城北社区").headline == "城北社区开展义诊活动"


def test_a_writer_signed_with_a_slash_under_the_last_sentence():
    # "/A" on the line after the text: the text's writer, not the next picture's title.
    article = opening(PAGE, "10月17日，青石镇")
    assert [m.name for m in article.correspondents] == ["韩晓川"]
    photo = next(p for p in parsed(PAGE).photos if "共享菜园" in p.caption)
    assert photo.title == "老人的新菜园"


PAGES = "fourteenth_pages"


def test_a_lead_byline_after_an_outlet_with_no_dateline_word_wrapped_before_its_last_name():
    # "某某融媒（记者 A 通讯员 " / "B）近日…": one byline over two lines; the text starts after it.
    article = opening(PAGES, "近日，柳渡镇万亩晚稻")
    assert [m.name for m in article.correspondents] == ["欧阳晓岑", "祁书涵"]
    assert article.headline == "金谷飘香 稻田收割忙"


def test_a_signature_opening_its_own_line_under_the_last_sentence_wrapped_over_three():
    # "（来源：单位 通讯" / "员：A 一审编辑：B" / "二审校对：C …）": the text's signature, not
    # a headline group; a headline with a space inside its quotes stays one headline.
    article = opening(PAGES, "10月20日，青竹湾社区")
    assert [m.name for m in article.correspondents] == ["樊语桐"]
    assert article.headline == "青竹湾开展“迎重阳 送温暖”活动"
    assert article.kicker is None
    assert "二审校对" not in article.body


def test_a_signature_whose_roles_are_parted_by_semicolons():
    # "（记者：A B；编辑：C；审核：D）": the reporters sign, the editors are no writers.
    article = opening(PAGES, "入夜，柳渡老街")
    assert [m.name for m in article.correspondents] == ["汤予安", "邝若溪"]
    assert article.body.endswith("烟火气。")


def test_people_in_a_list_of_sums_heading_a_group_and_before_a_verb_of_giving_up():
    names = {m.name for m in opening(PAGES, "“村里这座桥").people}
    # "A5000元、B3000元…": donors; "C等两位老党员"; "村民D放弃…"
    assert {"贺青山", "滕晓梅", "邬小川", "邱德华", "柯章顺"} <= names


def test_a_picture_news_item_signed_by_who_wrote_it_and_took_the_picture():
    # A title, a caption of a few sentences, then "记者 A 文/摄" on its own line: a picture,
    # not a story; the story after it keeps its own headline.
    photo = next(p for p in parsed(PAGES).photos if p.caption.startswith("10月19日，在柳渡镇"))
    assert photo.title == "编织竹篮 喜迎丰收"
    assert photo.photographers == ["孟知远"]
    assert photo.credit == "记者 孟知远 文/摄"
    assert all("老篾匠" not in a.body for a in parsed(PAGES).articles)
    assert opening(PAGES, "10月18日，城东小学").headline == "城东小学开设劳动课"


LABELS = "fourteenth_labels"


def test_a_place_name_touching_a_headline_labels_the_column_rather_than_kicking_it():
    # "漫水" printed right over "桃源村：…": a word of two or three characters says no more
    # than where; it is the column's label, and the headline group is the headline alone.
    article = opening(LABELS, "“今年春茶卖了好价钱")
    assert article.section == "漫水"
    assert article.kicker is None
    assert article.headline == "桃源村：小小茶叶撑起致富梦"


def test_a_headline_wrapped_inside_a_number_is_one_headline():
    # "…省202" / "6年第二批…": the year cut in two by the line's end, not a subheadline.
    article = opening(LABELS, "近日，省农业农村厅")
    assert article.headline == "我县9个村入选 省2026年第二批和美乡村 示范村名单"
    assert article.subheadline is None


def test_a_signature_wrapped_across_a_column_break():
    # "…（记者：" / "A B；编辑：C；责编：单" / (column ends) / "若愚；审核：D）": the text's
    # signature, across the blank line, never the next story's headline group.
    article = opening(LABELS, "岚川镇古树公园里")
    assert [m.name for m in article.correspondents] == ["凌语冰", "桂子墨"]
    assert article.body.endswith("翻了一番。")
    assert opening(LABELS, "10月20日，石塘镇").headline == "石塘镇修好排水渠"


def test_a_page_number_with_a_letter_is_page_furniture():
    # 第A01版 as a paper's site prints it over a story: the page, like 第1版.
    from articles.ocr.lines import is_furniture

    assert is_furniture("第A01版")
    assert is_furniture("第B3版")


CREDITS = "fourteenth_credits"


def test_a_headline_printed_after_its_text_with_a_cry_inside_it():
    # "约上家人来赏菊！枫林菊花文化节开幕啦" set apart after its text, the next text opening
    # with 昨天: the headline of the text above, not a sentence of the text below.
    article = opening(CREDITS, "10月23日，枫林县")
    assert article.headline == "约上家人来赏菊！枫林菊花文化节开幕啦"
    assert opening(CREDITS, "昨天，枫林县").headline == "城北公园夜游上新"


def test_writers_named_on_a_line_of_their_own_beside_a_dateline_are_not_reported_unplaced():
    # "本报讯 …" then "记者：A" after the text: the byline as printed holds both, and the line
    # the writers were read from is not left for an editor as a line nobody placed.
    article = opening(CREDITS, "10月23日，枫林县")
    assert [m.name for m in article.correspondents] == ["鲁千帆"]
    assert article.byline == "本报讯 记者：鲁千帆"
    assert parsed(CREDITS).unplaced == []


def test_a_credit_naming_who_wrote_the_caption_wrapped_before_the_taker():
    # "（A配文" / "B摄于某地）": B took the picture, A wrote the words; the caption ends there
    # and the next picture keeps its own title.
    photo = next(p for p in parsed(CREDITS).photos if p.title == "雨后的古镇")
    assert photo.photographers == ["蒋望舒"]
    assert "菜农" not in photo.caption


def test_a_pen_name_of_four_characters_in_a_credit():
    # "（晚风轻语 摄）": whoever signs a picture's credit took it, under any name.
    photo = next(p for p in parsed(CREDITS).photos if p.title == "菜园里的“彩虹”")
    assert photo.photographers == ["晚风轻语"]


QUOTES = "fourteenth_quotes"


def test_a_wrapped_line_naming_a_reporter_mid_sentence_cuts_no_text():
    # "…更是活着的历史。”省广播电" / "视台国际频道记者贺某某" / "观看完…": a sentence about a
    # reporter wrapped over lines, not a headline over a byline; the story stays whole.
    article = opening(QUOTES, "10月24日，“走")
    assert article.body.endswith("古村游客逐年增加。")
    assert not any(a.body.startswith("观看完") for a in parsed(QUOTES).articles)
    assert [m.name for m in article.correspondents] == ["施念慈"]


def test_a_headline_about_reporters_is_no_byline():
    # "中外记者走进桐溪古村": a headline with 记者 in it, not a text signed by "中外".
    assert opening(QUOTES, "10月24日，“走").headline == "中外记者走进桐溪古村"
    assert parsed(QUOTES).unplaced == []


STACK = "fourteenth_stack"


def test_a_column_name_with_a_dateline_word_in_a_stack_of_headlines():
    # "快讯" alone among headlines stacked at the top: a column's name, not a dateline opening a
    # text; the headlines under it keep their stories and the picture its own title.
    assert opening(STACK, "10月24日，柳湾社区").headline == "柳湾社区舞台 唱响“我们的节日”"
    assert opening(STACK, "金秋时节，石桥村").headline == "石桥村：一片茶叶富了一方百姓"
    photo = next(p for p in parsed(STACK).photos if p.caption.startswith("10月25日，施工人员"))
    assert photo.title == "青溪镇 新建 “百姓文化广场”"
    assert photo.photographers == ["齐远舟", "甘露白"]


def test_a_signed_picture_news_item_before_a_column_name():
    # "记者 A 文/摄", then "简讯" set apart over the next headline: the label is no caption of
    # the item above, which stays a picture.
    photo = next(p for p in parsed(STACK).photos if p.title == "晒秋")
    assert photo.photographers == ["齐远舟"]
    assert opening(STACK, "10月24日，荷塘县").headline == "荷塘县开展秋季森林防火演练"


PEOPLE = "fourteenth_people"


def test_authors_of_named_works_and_lists_closed_by_a_group_are_people():
    names = {m.name for m in opening(PEOPLE, "近日，全省乡土文化征文").people}
    # "A撰写的《…》", "B创作的《…》"; "C、D、E、F等同志" with two-character names in it;
    # "村民G捐助…", "书法家H书写的…"
    assert {"莫怀瑾", "卢映雪", "温乐康"} <= names
    assert {"黎雨涵", "简宁", "宋岚", "祝远山"} <= names
    assert {"邵恩苓", "骆丙辰"} <= names
    # "村民房前堆放杂物": 堆放 is a word, 房前堆 no name before it
    assert "房前堆" not in names


def test_a_papers_short_name_run_into_a_title_is_no_writer():
    # "某城日报、某报全媒体记者A通讯员B": 林报 is the paper, not a reporter named 林报.
    article = opening(PEOPLE, "近日，全省乡土文化征文")
    assert [m.name for m in article.correspondents] == ["柴语晨", "巫清扬"]


def test_what_each_did_for_a_report_in_pictures_and_sound_names_no_one():
    # "航拍/记者 A 配音/记者 B": 航拍 and 配音 are jobs, the names after the titles the writers.
    article = opening(PEOPLE, "近日，记者来到凤城县")
    assert [m.name for m in article.correspondents] == ["柴语晨", "巫清扬", "桑若水", "聂知秋"]


def test_a_newsrooms_name_run_into_a_title_before_writers_each_named_once():
    # "某某融媒体记者：A B/文图 B/视频 通讯员：C D" under a headline: the text's writers (the
    # newsroom's name is no writer), and B, credited twice, is one correspondent.
    article = opening(PEOPLE, "国庆假期，潮声镇")
    assert article.headline == "海岛民宿迎来旅游旺季"
    assert [m.name for m in article.correspondents] == ["邱知夏", "姜暮云", "尉迟青", "柏念安"]


def test_writers_begun_on_the_last_line_of_a_text_and_wrapped():
    # "…摊位费。 某某日报社全" / "媒体记者 A", then a picture's caption with its own credit:
    # A signs the text above, which ends at its sentence, and the caption under it stays one
    # picture, not joined to that text.
    article = opening(QUOTES, "10月23日晚，桐溪老街")
    assert article.headline == "老街夜市开张"
    assert [m.name for m in article.correspondents] == ["钟暮雪"]
    assert article.body.endswith("摊主免收摊位费。")
    photo = next(p for p in parsed(QUOTES).photos if "敬老院" in p.caption)
    assert photo.caption.startswith("重阳节前夕")
    assert photo.photographers == ["罗知远"]
