"""Seventeenth round: forms found in the round's development text, reproduced in invented text.
Each test fails on the parser as it was."""

from __future__ import annotations

from pathlib import Path

from articles.ocr import parse_issue
from articles.ocr.people import mentions_in
from tests.ocr.invented import headed, parsed, people_of, writers_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SIGNATURES = "seventeenth_signatures"


def test_one_writer_for_the_words_and_another_for_the_picture_sign_an_article():
    # "A 文 B 摄" under a text of two paragraphs: the text has a writer of its own, so it is
    # an article with its picture's taker, not a picture's caption.
    article = headed(SIGNATURES, "茶园春管正当时")
    assert writers_of(article) == ["柯青禾", "梅子川"]
    assert article.body.startswith("入春以来，")
    assert article.body.endswith("一万五千亩。")
    assert not any(p.caption.startswith("入春以来") for p in parsed(SIGNATURES).photos)


def test_a_signature_naming_where_the_words_and_pictures_come_from():
    # "图文来源：某某日报记者 白 川 见习记者 B": the source, then its writers (a two-character
    # name letter-spaced to the width of three).
    assert writers_of(headed(SIGNATURES, "晚稻陆续进入收割期")) == ["白川", "殷小禾"]


def test_a_writers_line_over_a_credited_caption_signs_the_text_above():
    # "□某某日报社全媒体记者 A" right under the last sentence, a picture with a credit of its
    # own after it: A wrote the text above; the caption keeps its own photographer.
    article = headed(SIGNATURES, "大寨子公园春色满园")
    assert writers_of(article) == ["程立言"]
    assert article.body.endswith("边感慨。")
    clinic = next(p for p in parsed(SIGNATURES).photos if p.caption.startswith("近日，青禾镇卫生院"))
    assert clinic.photographers == ["何远山"]
    assert not parsed(SIGNATURES).unplaced


def test_a_name_ending_like_a_town_between_title_and_she():
    # "本报记者宋新镇摄": between a reporter's title and 摄 only the picture's taker stands,
    # even when the name ends as a town's does.
    tug = next(p for p in parsed(SIGNATURES).photos if p.title == "趣味运动会上拔河比赛")
    assert tug.photographers == ["宋新镇"]


def test_tibetan_names_in_a_byline():
    # "本报讯（某某融媒 次仁卓玛 格桑多吉）": Tibetan names have no surname and four characters.
    article = headed(SIGNATURES, "青禾林场开展冬季巡山护林")
    assert writers_of(article) == ["次仁卓玛", "格桑多吉"]
    assert article.body.startswith("当前正值")


def test_a_long_signature_with_its_editors_wrapped_over_lines():
    # "（某某新闻记者 A 通讯员 B 文 某某县融媒体中心 供视频 一审 C 责任编辑 D …）": A and B
    # wrote it; who supplied the video and who edited it are neither writers nor people named.
    article = headed(SIGNATURES, "春茶开采季")
    assert writers_of(article) == ["方田睿", "史一宇"]
    assert article.body.endswith("最动人的图景。")
    assert not {m.name for m in article.people} & {"孙琴雨", "马雨", "何丹青", "武熙明", "李荣川"}


PEOPLE = "seventeenth_people"


def test_people_introduced_by_what_they_did():
    # 献血第一人A, 爱心母女A、B, 坚强卫士A, 捐献者A, 好人A, 传承人A (普 a rare surname).
    people = people_of(PEOPLE)
    for name in ("芮春雨", "陶秀英", "韦晓梅", "尚建国", "苗春侠", "鲍爱叶", "普艳芬"):
        assert name in people


def test_a_name_is_not_read_into_the_word_after_it():
    # "孔蓉深有感慨" then "孔蓉说": one person, 孔蓉; "严宁也认为": 也 ends no name.
    people = people_of(PEOPLE)
    assert people.count("孔蓉") == 1
    assert "孔蓉深" not in people
    assert "严宁" in people
    assert "严宁也" not in people


def test_no_one_in_a_long_signature_left_in_the_text_is_a_person_it_names():
    # A signature with its editors, left in a paragraph where the OCR lost its spaces: the
    # editors after 主编 and 责任编辑 are not people the story is about.
    text = (
        "茶农们穿梭在茶垄间采摘嫩芽。（青禾新闻记者方田睿通讯员史一宇文青禾县融媒体中心"
        "供视频一审孙琴雨责任编辑马雨责任校对何丹青主编武熙明终审编委李荣川）"
    )
    assert not {m.name for m in mentions_in(text)} & {"孙琴雨", "马雨", "何丹青", "武熙明", "李荣川"}


PICTURES = "seventeenth_pictures"


def test_a_short_scene_set_apart_under_a_text_is_its_pictures_caption():
    # One short clause set apart under a text's last paragraph: no news text ends on so short
    # a paragraph; it is the caption of the text's own picture. A report's closing sentence
    # (who else attended) stays the last paragraph.
    fire = headed(PICTURES, "青禾镇开展秋季森林防火巡查")
    assert fire.body.endswith("清理林下可燃物三百余吨。")
    assert "护林员们正在林间小道巡查。" in [p.caption for p in parsed(PICTURES).photos]
    meeting = headed(PICTURES, "区委常委会召开会议")
    assert meeting.body.endswith("区委常委会全体成员参加会议。")


def test_a_picture_credited_with_no_she_read_as_a_headline_block():
    # A title, one phrase and "作者： A" with no text under them to head, the next picture
    # credited on its own: a picture with its title, caption and photographer.
    tea = next(p for p in parsed(PICTURES).photos if p.title == "春日采茶忙")
    assert tea.caption == "3月20日，茶农在白鹭谷茶场采茶"
    assert tea.photographers == ["舒雨桐"]
    # the credit run on after the phrase, on one line, at the page's end
    lotus = next(p for p in parsed(PICTURES).photos if p.title == "荷花池畔游人多")
    assert lotus.caption == "游客在荷花池畔拍照留念"
    assert lotus.photographers == ["骆秋池"]
    assert not parsed(PICTURES).unplaced


def test_a_feature_headline_over_its_writers_line_stays_an_article():
    # guard: "□ 通讯员 A B" under a headline heads a text; it is no picture's credit.
    seed = parse_issue((SEEDS / "000_58fc3eb21ba78fc6.txt").read_text(encoding="utf-8"))
    canteen = next(a for a in seed.articles if a.headline == "“数字食堂”，托起孩子们的“幸福餐盘”")
    assert writers_of(canteen) == ["陈巧玲", "苏艳妮"]


MORE = "seventeenth_more"


def test_a_titled_sentence_signed_by_a_reporter_alone_is_a_picture():
    # A title, one sentence of a few dozen characters and "记者 A" under it: no story is told
    # in so few characters; it is a picture's caption and its taker.
    drought = next(p for p in parsed(MORE).photos if p.title == "全县积极抗旱保苗")
    assert drought.caption == "青禾县组织群众不等不靠，积极抗旱保苗，确保秋作物丰收。"
    assert drought.photographers == ["杨一民"]


def test_writers_then_who_took_the_pictures_over_a_text():
    # "A 某某新闻记者 B 摄影 C D" set apart over a text: its writers and photographers, not a
    # picture's credit making the headline a caption.
    article = headed(MORE, "人勤春意浓 青禾大地绘就春耕图")
    assert writers_of(article) == ["罗小薇", "李华川", "刘一媛", "傅泽雨"]
    assert article.body.startswith("春耕不等人")


def test_a_boxed_name_alone_under_a_headline_is_the_writer():
    # "■ A" over the text: the box marks a writer, though the given name holds a character
    # names seldom have.
    assert writers_of(headed(MORE, "彭城村里大走访")) == ["季文相"]


def test_a_source_line_naming_no_one_closes_the_text():
    # "供稿：某某街道分中心" under the last sentence: where the copy came from, no headline.
    article = headed(MORE, "援疆指挥部来青禾考察")
    assert article.body.endswith("“青禾版马尔代夫”。")
    assert all(a.headline != "供稿：青禾街道分中心" for a in parsed(MORE).articles)


def test_people_after_more_titles_and_words_that_are_no_names():
    # 副总指挥A, 小作者B; 游园, 丰裕 (a community's name in a list), 温饱 after 农户 and
    # 马尔代(夫) are words.
    people = people_of(MORE, 2)
    assert "陶明" in people
    assert "闻雨桐" in people
    assert "朱一刚" in people  # a reporter of another paper, after its 记者站
    assert not {"游园", "丰裕", "温饱", "马尔代"} & set(people)


def test_a_rare_surname_among_photographers():
    # 冒 is a surname: "某某日报 A 冒某某 B 摄" names three.
    lotus = next(p for p in parsed(MORE).photos if p.title == "夏日荷塘")
    assert lotus.photographers == ["凌万川", "冒颖秋", "何丹青"]


def test_a_headline_printed_under_its_story_is_no_title_of_the_picture_after_it():
    # On a page printing headlines under their stories, the headline between a story and a
    # reporter's picture shares no words with the caption: it stays the story's.
    story = next(a for a in parsed("seventeenth_below").articles if writers_of(a) == ["尹一建"])
    assert story.headline == "青禾县调度城市边界社区建设情况"
    # The picture's own title is the line printed under it, sharing its words.
    drought = next(p for p in parsed("seventeenth_below").photos if p.photographers == ["杨二民"])
    assert drought.title == "我县农村各地积极抗旱保苗"
    assert drought.caption == "各乡镇党委、政府组织群众不等不靠，积极抗旱保苗。"


def test_a_short_scene_under_a_text_signed_at_its_end_is_its_caption():
    # "…。（记者 A B 摄影报道）", then one short clause set apart, then a text with no headline
    # over it: the clause is the signed text's picture, not the next text's first paragraph.
    beach = headed("seventeenth_signed", "河滩变身小海滩")
    assert beach.body.startswith("青禾两江进入枯水期")
    pond = next(p for p in parsed("seventeenth_signed").photos if p.caption == "新建的蓝藻应急处理池。")
    assert parsed("seventeenth_signed").articles[pond.article_index].headline == "古生村里护洱海"


def test_a_half_width_comma_opens_no_wire_dateline():
    # "5月23日,中央电视台…" (a half-width comma, as the OCR prints it) opens no wire dateline
    # (新华社北京5月23日电): the paragraph goes on the text, which keeps its headline.
    issue = parsed("seventeenth_marks")
    assert [a.headline for a in issue.articles][:1] == ["青禾夏粮生产频登主流媒体"]
    assert not any(a.headline and a.headline.startswith("》") for a in issue.articles)
    article = issue.articles[0]
    assert "》为题，报道了青禾县罗庄镇今年麦收第一镰；" in article.body
    assert article.body.endswith("跨区域机手服务工作。")
    assert writers_of(article) == ["薛小磊", "李中贺"]


def test_people_named_after_their_villages_numbered_group():
    # "某村2组A、7组B、8组C等患者": the group each lives in stands where a title would.
    assert people_of(PEOPLE, 1) == ["唐宗禄", "黄隆川", "唐孝林"]


def test_a_credit_with_its_word_and_colon_run_on_before_the_name():
    # "作者：A/摄" (no space after the colon): A took the picture, and the word and colon
    # belong to the credit, not the caption.
    rape = next(p for p in parsed(MORE).photos if p.title == "油菜花扮靓美丽乡村")
    assert rape.photographers == ["王一平"]
    assert rape.caption.endswith("构成如画春景。")
    assert rape.credit == "作者：王一平/摄"


def test_a_short_headline_of_two_phrases_on_a_page_printing_headlines_under():
    # "群众音乐会 唱响新春曲" after its story and over the story's picture: a page printing
    # headlines under their stories prints it so; two phrases make it a headline, not a
    # column's label that would stand over what it names.
    issue = parsed("seventeenth_below")
    concert = next(a for a in issue.articles if a.body.startswith("12月20日"))
    assert concert.headline == "群众音乐会 唱响新春曲"
    picture = next(p for p in issue.photos if p.photographers == ["王一敏"])
    assert picture.title is None


def test_a_sentence_opening_with_the_day_in_brackets_is_no_headline():
    # "今（8）日某镇为所有到" after the text's first sentence, the column broken after it: the
    # day in brackets only ever opens a sentence; the text goes on under it.
    article = headed("seventeenth_marks", "吉利镇欢度彝族火把节")
    assert writers_of(article) == ["唐一婧"]
    assert "今（8）日吉利镇为所有到场的观众" in article.body
    assert article.body.endswith("吸引上千名游客。")


def test_a_remark_on_who_supplied_the_pictures_signs_the_text():
    # "…。（本版图片除署名外由通讯员 A 提供。）": no sentence of the text; A is credited.
    article = headed(SIGNATURES, "金秋时节稻谷飘香")
    assert article.body.endswith("帮助农户颗粒归仓。")
    assert writers_of(article) == ["马一伦"]


def test_a_photo_reports_credit_broken_after_she():
    # "…美景。 □A 摄" / "影报道": one credit, broken at the line's end; 影报道 opens no text.
    issue = parsed("seventeenth_report")
    paddy = next(p for p in issue.photos if p.caption.startswith("在青禾东站旁"))
    assert paddy.photographers == ["杨一奕"]
    assert paddy.credit == "□杨一奕 摄影报道"
    road = headed("seventeenth_report", "新建道路通车")
    assert road.body.startswith("“自从墨菊路开通后")


def test_a_paragraph_opening_with_the_day_and_the_place_signed_by_a_reporter_is_a_picture():
    # "3月3日，在某某桥，…" under a title, "某某日报社全媒体记者 A" under it: the day and the
    # place where it was taken open a picture's caption, however long it runs.
    bridge = next(p for p in parsed(MORE).photos if p.title == "石桥上留个影")
    assert bridge.photographers == ["张一驰"]
    assert bridge.caption.endswith("都记录在居民们的笑脸里。")


def test_a_photo_report_credit_naming_others_after_a_signed_text_is_a_picture():
    # A text opened by its writers' names, then a short paragraph set apart signed
    # "（通讯员 C 摄影报道）": C's picture, not the text's last paragraph and signature.
    article = headed("seventeenth_report", "青禾甘蔗迎来收购旺季")
    assert writers_of(article) == ["农一健", "黄二腾"]
    assert article.body.endswith("确保颗粒归仓。")
    oil = next(p for p in parsed("seventeenth_report").photos if p.caption.startswith("时下正值"))
    assert oil.photographers == ["张一珍"]


def test_xun_opening_a_line_is_the_rest_of_a_word_not_a_dateline():
    # "本报通讯员A报道 11月2日，…新华通" / "讯社记者…": the writer run into 报道 is read; 讯 at
    # a line's start finishes 通讯社 and opens no text.
    article = headed("seventeenth_marks", "治沙劳模家中来了记者")
    assert writers_of(article) == ["秦峰"]
    assert "新华通讯社记者一行四人" in article.body
    assert article.body.endswith("纷纷合影留念。")


def test_a_writers_line_under_the_last_sentence_before_the_page_ends_signs_that_text():
    # "…边感慨。" / "□某某日报社全媒体记者 A", then the next page's running head: A wrote the
    # text above, not the first text of the next page; so for the last line of the issue.
    issue = parsed("seventeenth_pages")
    assert writers_of(headed("seventeenth_pages", "大寨子公园春色满园")) == ["王一然"]
    assert writers_of(headed("seventeenth_pages", "象明乡春茶开采")) == ["周一帆"]
    assert issue.unplaced == ["第2版  2026年9月16日"]


def test_a_headline_and_a_short_scene_under_a_text_signed_at_its_end():
    # "…处理池。（记者 A B）" / "没有良好的生态，哪里还记得住乡愁" / "新建的蓝藻应急处理池。":
    # the text's headline printed after it and its picture's caption, not a text of two lines.
    issue = parsed("seventeenth_below")
    lake = next(a for a in issue.articles if writers_of(a) == ["杨一峥", "雷小桐"])
    assert lake.headline == "没有良好的生态，哪里还记得住乡愁"
    assert lake.body.endswith("一个蓝藻应急处理池。")
    assert "新建的蓝藻应急处理池。" in [p.caption for p in issue.photos]
