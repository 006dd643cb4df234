"""Twelfth round: pictures as papers print them, found in a collection of real photo captions,
and the page labels, bylines and people of a further collection of real articles (both kept
outside the repository), reproduced here in invented text.

Each test pins what an editor reading the page would say, and fails on the parser as it was;
the two marked as guards pin what the new rules must leave alone.
"""

from __future__ import annotations

from articles.ocr import parse_issue
from articles.ocr.bylines import credit_names
from articles.ocr.types import ParsedPhoto
from tests.ocr.invented import captions, headed, parsed, people_of, writers_of

PAGE = "twelfth_photos"


def _photo(start: str) -> ParsedPhoto:
    return next(p for p in parsed(PAGE).photos if p.caption.startswith(start))


def _printed_nowhere_else(text: str) -> bool:
    issue = parsed(PAGE)
    return all(text not in a.body for a in issue.articles) and all(
        text not in u for u in issue.unplaced
    )


def test_a_note_of_the_day_a_picture_was_taken_makes_a_caption():
    # News agencies' captions end "（2026年10月8日摄）。": no one is named, yet only a picture
    # is taken on a day. It is no last paragraph of the story above it.
    photo = _photo("这是青石县柳湾村的晒秋景象")
    assert photo.photographers == []
    assert headed(PAGE, "青石县农民丰收节开幕").body.endswith("其间还有农事比赛和文艺演出。")
    assert _printed_nowhere_else("晒秋景象")


def test_a_drone_note_wrapped_over_two_lines_still_makes_a_caption():
    photo = _photo("青石县柳湾镇一处高山茶园")
    assert photo.caption.endswith("（10月2日摄，无人机照片）。")
    assert headed(PAGE, "城南社区办起邻里节").body.endswith("老人们拉起了家常。")


def test_an_agencys_credit_naming_no_one_closes_a_caption():
    # "…赏菊。 新华社发" on the caption's line, and "新华社发" under a drone note: one picture
    # each, never a headline or a second picture taking the text above.
    assert _photo("市民在青石公园里赏菊。").photographers == []
    drone = _photo("⑥青石湖畔的红杉林")
    assert drone.caption.endswith("新华社发")
    assert all(a.headline and "新华社" not in a.headline for a in parsed(PAGE).articles)
    assert all(a.section is None for a in parsed(PAGE).articles)


def test_a_phrase_pointing_up_at_its_picture_is_a_caption_not_a_kicker():
    # "▲青石古镇" over the next story's headline: a caption with no full stop.
    assert "▲青石古镇" in captions(parsed(PAGE))
    article = headed(PAGE, "柳湾镇新修两座便民桥")
    assert article.section is None and article.kicker is None
    assert article.body.endswith("晚上过桥也不用摸黑了。")


def test_a_titled_one_sentence_scene_with_no_credit_is_a_picture():
    # 秋收正当时 / 10月7日，…农民在坡地上收割芝麻。 between signed stories.
    photo = _photo("10月7日，青石县农民在坡地上收割芝麻。")
    assert photo.title == "秋收正当时"
    assert _printed_nowhere_else("坡地上收割芝麻")
    assert "秋收正当时" not in parsed(PAGE).unplaced


def test_a_photo_reports_credit_naming_the_paper_and_its_app_wrapped():
    # "青石日报·青石客户端首席记" / "者 A 通讯员 B 摄影报道": the middle dot is part of the credit.
    photo = _photo("10月3日，柳湾镇果农在采摘脐橙。")
    assert photo.photographers == ["洪一帆", "尚文博"]
    assert photo.caption.endswith("带动周边百余人就业增收。")
    # the paper and the titles are no part of the caption, and are not lost either
    assert photo.credit == "青石日报·青石客户端首席记者 洪一帆 通讯员 尚文博 摄影报道"
    # an outlet's two names joined by the dot name no one
    assert credit_names("新青石·青石网通讯员 倪小川 卢子衿") == ["倪小川", "卢子衿"]


def test_a_photo_reports_signature_set_apart_over_its_own_text_signs_it():
    # Headlines stacked at the top; the second story's "… 摄影报道" line stands apart from the
    # text above and right over its own: that story's writers, not a picture's credit.
    issue = parse_issue(
        "青石日报\n\n2026年10月9日 星期五\n\n柳湾镇秋播正当时\n青石县首届农民运动会开幕\n\n"
        "本报讯（通讯员 顾青禾）10月8日，柳湾镇的田野里一派繁忙，农户们抢抓晴好天气\n"
        "播种油菜，镇农技站派出技术员下田指导，确保今年秋播面积稳中有增。\n\n"
        "青石日报·青石客户端通讯员 倪小川 卢子衿 摄影报道\n"
        "10月7日，青石县首届农民运动会在柳湾镇开幕，来自全县的两百多名农民选手参加\n"
        "挑担、插秧、拔河等比赛项目，赛场上加油声此起彼伏。\n"
        "运动会为期两天，县里还在赛场边设置了农产品展销区。\n"
    )
    games = next(a for a in issue.articles if a.body.startswith("10月7日，青石县首届农民运动会"))
    assert games.headline == "青石县首届农民运动会开幕"
    assert writers_of(games) == ["倪小川", "卢子衿"]
    assert games.body.endswith("设置了农产品展销区。")
    assert issue.photos == []


def test_a_picture_news_item_pointing_at_its_picture_then_names_in_brackets():
    # what happened, 图为…, then （记者 A B）: a picture's caption and its photographers, not
    # an article signed by them.
    photo = _photo("10月5日至7日，青石县第三届菊花展")
    assert photo.photographers == ["方晓岚", "顾青禾"]
    assert all("菊花展" not in a.body for a in parsed(PAGE).articles)


def test_a_captions_first_line_read_as_a_headline_joins_it():
    # "王振山（右）帮助邻居搬运新打的" / "稻谷。（A 摄）" under the masthead: one caption wrapped.
    photo = _photo("王振山（右）帮助邻居搬运新打的稻谷。")
    assert photo.title is None
    assert photo.photographers == ["邹明川"]


def test_a_whole_caption_pointing_at_its_picture_stays_apart_from_the_next_one():
    # "▲…窗花。" set apart over another picture's caption and credit: two pictures.
    assert _photo("▲80岁的剪纸艺人在制作窗花。").photographers == []
    assert _photo("近处的红枫和远处湖心亭的倒影").photographers == ["洪一帆"]


def test_a_one_sentence_story_of_several_clauses_stays_a_story():
    # guard: a headline over one long sentence nobody signed is still a story
    article = headed(PAGE, "县图书馆开设周末课堂")
    assert article.body.endswith("全年免费预约。")


def test_a_pointing_subhead_inside_a_story_stays_in_it():
    # guard: "▲ …" between two parts of one text is its subhead, not a caption
    article = headed(PAGE, "河道清淤迎大汛")
    assert writers_of(article) == ["尚文博"]
    assert "清淤不留死角" in article.body
    assert article.body.endswith("每段都有专人巡查。")


# --- pages as papers' sites print them --------------------------------------------------------

PAGES = "twelfth_pages"


def test_a_pages_number_and_name_over_a_story_is_no_kicker():
    # "第05版：民声", "A03版：青石要闻": the page, printed over the story as a paper's site does.
    article = headed(PAGES, "村民盼望通组路早日硬化")
    assert article.kicker is None and article.section is None
    assert {"第05版：民声", "A03版：青石要闻"} <= set(parsed(PAGES).unplaced)


def test_a_columns_name_ending_in_news_is_no_dateline():
    # "三农资讯" ends in 讯 as 本报讯 does, yet names a column: the story under it keeps its
    # headline and its own 本报讯 byline.
    article = headed(PAGES, "抢晴天收晚稻保丰收")
    assert article.section == "三农资讯"
    assert writers_of(article) == ["洪一帆", "尚文博"]
    assert article.body.startswith("连日来，为抢晴天收割晚稻")


def test_where_the_story_comes_from_before_the_dot_is_no_writer():
    # "■ 柳湾·本报通讯员 A B": 柳湾 is the place the story comes from.
    assert writers_of(headed(PAGES, "柳湾渡口添了救生艇")) == ["蒋晓禾", "倪小川"]


def test_a_credit_opening_with_its_word_wrapped_over_three_lines():
    # "…（图/文 青石" / "日报记者 A 通讯员 卢" / "子衿）" under a caption opening 图为: the picture's
    # caption and its photographers, not an article signed by them.
    photo = next(p for p in parsed(PAGES).photos if p.caption.startswith("图为：志愿者在渡口"))
    assert photo.photographers == ["洪一帆", "卢子衿"]
    assert photo.caption.endswith("风雨无阻。")
    assert all("志愿者在渡口" not in a.body for a in parsed(PAGES).articles)


# --- people a story names -----------------------------------------------------------------------


def _people() -> list[str]:
    return people_of("twelfth_people")


def test_a_name_closed_by_the_word_after_it():
    # 莫某某手中, 严某戴着, 晋某某常年, 柯某某边用: the name ends where those words begin.
    people = _people()
    assert {"莫秀娥", "严亮", "晋宏达", "柯家秀"} <= set(people)
    assert "莫秀" not in people


def test_village_heads_and_migrant_workers_are_titles():
    assert {"韩高远", "伍礼川", "阮春生"} <= set(_people())


def test_a_given_name_may_hold_书_and_a_rare_surname_follows_a_title():
    assert {"邹书平", "占东林"} <= set(_people())


def test_verbs_and_words_that_open_with_a_surname_name_no_one():
    # 包片, 包户 (cadres in charge of a patch), 游客路过看到, 妇女儿童 (no daughter)
    people = _people()
    assert not {"包片", "包户", "路过看", "童负责"} & set(people)
    assert len(people) == len(set(people)) == 10
