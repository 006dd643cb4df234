"""Sixteenth round: forms found in the round's development text, reproduced in invented text.
Each test fails on the parser as it was."""

from __future__ import annotations

from tests.ocr.invented import headed, parsed, people_of, writers_of

PICTURES = "sixteenth_pictures"


def _photo_by(name: str, photographer: str):
    return next(p for p in parsed(name).photos if photographer in p.photographers)


def test_an_untitled_paragraph_signed_in_brackets_is_a_pictures_caption():
    # One paragraph with no headline over it, names in brackets after it and no 摄: what a
    # picture leaves in OCR, not a story with no title. Writers on the line after it, or
    # run on after its last sentence.
    loquat = _photo_by(PICTURES, "骆一鸣")
    assert loquat.photographers == ["骆一鸣", "牟思远"]
    assert loquat.caption.startswith("青川县城南街道，果农在采摘枇杷。")
    assert loquat.caption.endswith("成为群众增收的好产业。")
    seeder = _photo_by(PICTURES, "鄢春生")
    assert seeder.caption.endswith("为春播生产做好准备。")
    assert all(a.headline is not None for a in parsed(PICTURES).articles)


def test_a_text_opened_by_its_writers_does_not_take_others_signed_after_a_picture():
    # An article opened by its writers' names, a picture's caption after it, then text signed
    # by other names: that text is no rest of the article.
    article = headed(PICTURES, "柳溪镇开屋场会宣讲惠农政策")
    assert writers_of(article) == ["蒲晓川", "闻一舟"]
    assert article.body.endswith("发放政策明白卡六千余份。")
    assert "枇杷" not in article.body


def test_writers_after_a_remark_on_the_pictures():
    # "文/图（除署名外） 某某日报记者A 通讯员B" under the text: A and B wrote it; the caption
    # after it is the picture's.
    article = headed(PICTURES, "油菜花海引客来")
    assert writers_of(article) == ["甘霖", "龙小溪"]
    assert article.body.endswith("带动村民增收。")


def test_a_pen_name_in_quotes_took_the_picture():
    # "“山人” 摄": the quotes say the photographer signs with a pen name.
    assert _photo_by(PICTURES, "山人").caption == "油菜花开满山坡。"
    old_street = _photo_by(PICTURES, "老街坊")
    assert old_street.title == "老街新貌"
    assert all(a.headline != "“山人” 摄" for a in parsed(PICTURES).articles)


TEXT = "sixteenth_text"


def test_hearing_the_news_opens_no_text():
    # "鲁某等闻讯后，…" at a line's start: 闻讯 is a word of the sentence, no outlet's dateline.
    feature = headed(TEXT, "邻里守望 风雨同舟")
    assert writers_of(feature) == ["祁晓岚"]
    assert "鲁小川等闻讯后" in feature.body
    assert all(not a.body.startswith("后，在队长的带领下") for a in parsed(TEXT).articles)


def test_the_reporter_a_sentence_tells_of_writes_nothing():
    # "A、B和本报记者来到…": the reporter is someone the sentence tells of, not a byline, and
    # the lines above it are the paragraph's first, not a headline.
    feature = headed(TEXT, "邻里守望 风雨同舟")
    assert "8月6日上午9时，志愿者服务队队员邹长林、鲁小川和本报记者来到西岭社区活动中心" in feature.body
    assert feature.body.endswith("保重身体。")
    assert people_of(TEXT, parsed(TEXT).articles.index(feature)) == ["邹长林", "鲁小川"]


def test_a_texts_first_line_cut_off_by_the_column_is_no_headline():
    # "近日，走进某镇某村…，只" / blank / "见一串串…": the text's first sentence, its time and a
    # comma, the column ended after it; the headline above heads the text.
    cherries = headed(TEXT, "樱桃红了村民笑了")
    assert cherries.body.startswith("近日，走进石湾镇东岭村樱桃种植示范基地，只见一串串")
    assert writers_of(cherries) == ["毛晓禾", "姜一诺"]


def test_a_lone_headline_over_an_untitled_text_heads_it():
    # One line between two texts, sharing words with both (村民, 红了) and a little more with
    # the text above: the text below has no headline but this one, so it is that text's, not
    # a caption of the text above; the text above, opened by writers named over two lines,
    # is signed once and takes nothing after it.
    village = headed(TEXT, "西岭村美丽乡村建设改变村貌")
    assert writers_of(village) == ["韩晓东", "卢一帆", "郝子墨", "江小舟"]
    assert village.body.endswith("笑声多了。")
    assert headed(TEXT, "樱桃红了村民笑了").body.endswith("在基地务工。")


BYLINES = "sixteenth_bylines"


def test_a_sites_county_station_signs_with_its_writers():
    # "某某网•某某站（通讯员 A B）": the station is an outlet, A and B its writers.
    article = headed(BYLINES, "溪口村民义务硬化团寨路")
    assert writers_of(article) == ["苗一禾", "冉晓舟"]
    assert article.body.startswith("6月1日上午")


def test_writers_of_a_photo_report_before_the_dateline():
    # "通讯员A、B摄影报道：某某讯 5月28日，…": the dateline after the writers opens no text.
    article = headed(BYLINES, "溪口县小型水利工程建设工地一片繁忙")
    assert writers_of(article) == ["辛一鸣", "甘小溪"]
    assert article.body.startswith("5月28日")


def test_a_photo_reports_writers_wrapped_mid_word():
    # "本报讯 （记者 A 通讯员 B 摄" / "影报道）…": the writers of a photo report, no credit.
    article = headed(BYLINES, "溪口断桥有望重修")
    assert writers_of(article) == ["仇一凡", "覃小满"]
    assert article.body.startswith("溪口县武篆镇色故村")
    assert not parsed(BYLINES).photos


PEOPLE = "sixteenth_people"


def test_people_by_trade_kin_post_and_age():
    # A shrimp farmer, a brother-in-law, an old gentleman and a deputy head with surnames the
    # table lacked, a name before 当选, a title in quotes.
    assert people_of(PEOPLE) == [
        "戴国美", "吕丙英", "丘长追", "盖保林", "戴定朋", "韦小勇", "邓水根", "温学礼",
    ]


def test_words_a_surname_opens_are_no_people():
    # 齐上阵, 齐出动 (all join in), 钱袋子 (a purse) after 村民.
    names = people_of(PEOPLE)
    assert not {"齐上阵", "齐出动", "钱袋子"} & set(names)


PAGES = "sixteenth_pages"


def test_two_stacked_headlines_over_texts_set_in_two_widths():
    # Two headlines at the top of a page whose words barely echo the text under them; the
    # text opens with its writers, and after a blank line goes on in another column's width
    # to writers of its own: two articles, in the order of the headlines.
    fair = headed(PAGES, "贾家庄村举办首届乡情节")
    assert writers_of(fair) == ["许一宁"]
    assert fair.body.endswith("村里准备了大锅菜招待乡亲。")
    lanterns = headed(PAGES, "锣鼓喧天闹元宵 秧歌扭出好年景")
    assert lanterns.body.startswith("2月26日正值农历正月初十")
    assert writers_of(lanterns) == ["辛一禾", "景晓晨"]


def test_names_alone_before_reporting_after_a_dateline():
    # "本报讯 A 报道 …": A wrote it, the text starts after 报道.
    article = headed(PAGES, "玉米带上农机忙")
    assert writers_of(article) == ["路晓第"]
    assert article.body.startswith("河湾县地处黄金玉米带")


def test_a_note_in_brackets_after_the_last_sentence_finishes_the_text():
    # "…有保障。（据某某云）" filling its line, a blank line, then a picture's caption: the
    # caption is the picture's alone, the text above is finished.
    photo = next(p for p in parsed(PAGES).photos if p.photographers == ["郭晓刚", "苗一东"])
    assert photo.caption.startswith("近日，河湾县出现强对流天气")
    assert "水稻" not in photo.caption


def test_a_name_the_table_lacks_alone_before_the_credit_word_took_the_picture():
    # "某某某 摄" alone on its line (a surname the table lacks), under a phrase set apart
    # after a headline printed below its text: the phrase is the picture's caption, the name
    # its taker's — never the writers of the text after it.
    photo = next(p for p in parsed(PAGES).photos if p.photographers == ["幸家富"])
    assert photo.caption == "浪里莼香"
    assert writers_of(headed(PAGES, "继昌村：绿意盎然 初夏采莼")) == []
    assert writers_of(headed(PAGES, "登龙湾村公路扩宽工程加紧施工")) == []


MORE = "sixteenth_more"


def _photo_opening(name: str, start: str):
    return next(p for p in parsed(name).photos if p.caption.startswith(start))


def test_a_titled_picture_signed_words_and_picture_before_anothers_picture():
    # "杨梅红了" / one paragraph / "A 文/摄", then a caption credited to someone else: that is
    # another picture, so the item above is a picture of its own, not a story with its photo.
    bayberries = _photo_opening(MORE, "盛夏时节，瓜果飘香")
    assert bayberries.title == "杨梅红了"
    assert bayberries.photographers == ["苗晓川"]
    assert all(a.headline != "杨梅红了" for a in parsed(MORE).articles)


def test_a_two_phrase_title_over_one_uncredited_sentence():
    # "某某某某 某某某某" (a picture's title in two phrases) over one sentence, a signed story
    # after it: a picture, its title the one printed over it, not the picture's above.
    harvest = _photo_opening(MORE, "种粮大户戴怀彪")
    assert harvest.title == "千畴麦浪歌声起 披星戴月抢收忙"
    assert _photo_opening(MORE, "6月18日").title is None


def test_a_dated_sentence_between_a_headline_and_its_bylined_text_is_a_caption():
    # Headline / "6月1日，某村村民在抢收小麦。" / "本报讯（通讯员 A）…": the text starts at its
    # byline; the sentence is a picture's caption, not the end of the story before.
    _photo_opening(MORE, "6月1日，张庄村村民")
    assert headed(MORE, "柳渡县早稻收割过半").body.endswith("确保颗粒归仓。")
    assert writers_of(headed(MORE, "开在村委会里的表彰会")) == ["苟晓玉"]


def test_an_author_in_square_brackets_after_the_last_sentence():
    # "…正常上课……【作者：" / "A】": A wrote it.
    school = headed(MORE, "开学啦！柳渡三万余名中小学生走进校园")
    assert writers_of(school) == ["赖一平"]
    assert school.body.endswith("正常上课……")


def test_a_credit_begun_after_the_captions_last_sentence():
    # "…就读。 通讯员 A B" / "记者 C 摄": all three took the picture; the caption ends at 就读。
    photo = _photo_opening(MORE, "9月1日，柳渡县滩区学校")
    assert photo.photographers == ["王恩来", "代明", "彭传山"]
    assert photo.caption.endswith("七千余名学子将在新校园就读。")


def test_a_captions_first_clause_read_as_a_headline_over_the_rest():
    # "某某街道，停车场变成村民" / "们临时的晒谷场。" / "记者/A 摄": a clause left hanging on a
    # comma, touching the line it goes on in, is the caption's first line.
    photo = _photo_opening(MORE, "柳渡县东关示范区龙头铺街道，停车场变成村民们临时的晒谷场。")
    assert photo.photographers == ["聂晓琼"]


def test_writers_after_a_vertical_bar_and_a_newsrooms_app_as_author():
    # "作者：记者︱A B" under the text: A and B wrote it; "（作者：云上某某）" after the last
    # sentence names the county's news app, no one.
    assert writers_of(headed(MORE, "东关街道烟叶丰收 烟农“赶烤”忙")) == ["林一彬", "宋晓金"]
    law = headed(MORE, "司法所送法下乡年味浓")
    assert writers_of(law) == []
    assert law.body.endswith("受到群众好评。")


def test_a_smaller_markdown_heading_set_apart_over_an_unmatched_headline_is_a_label():
    # "### 资讯" / blank / "## 坡上“椒”艳产业“花”开": the headline shares few words with its
    # text, so the block is placed by position; the smaller heading set apart over it is the
    # column's name, not a kicker (a kicker touches its headline).
    article = headed("sixteenth_markdown", "坡上“椒”艳产业“花”开")
    assert article.section == "资讯"
    assert article.kicker is None


def test_a_young_reporters_school_and_class_between_title_and_name():
    # "本报小记者 （某某小学5年级1班） A" under the headline: A wrote the story; the school in
    # brackets is no part of the text.
    story = headed(BYLINES, "人和镇村的故事")
    assert writers_of(story) == ["冉梓霖"]
    assert story.body.startswith("沿着溪口河向北走到最北端")
