"""Pages laid out like other county papers: their bylines, photo credits, headlines after the
body or stacked at the top, page furniture, and people named without an official title.

The fixtures are invented text that reproduces every form met in real published articles from
other outlets (docs/import-quality.md); each test pins what an editor reading the page would
say.
"""

from __future__ import annotations

import datetime as dt

import pytest

from articles.ocr.bylines import find_credit, lead_byline, tail_byline, writer_line
from articles.ocr.names import join_spaced, split_glued_names
from articles.ocr.types import ParsedArticle, ParsedIssue
from articles.ocr.writers import read_credits
from tests.ocr.invented import parsed


def article(issue: ParsedIssue, phrase: str) -> ParsedArticle:
    found = [a for a in issue.articles if phrase in a.body]
    assert len(found) == 1, f"{phrase!r} in {len(found)} articles"
    return found[0]


def writers(a: ParsedArticle) -> list[str]:
    return [m.name for m in a.correspondents]


# --- bylines of other outlets ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "names", "opening"),
    [
        ("长江干堤", ["覃晓燕", "龚子明"], "6月15日"),  # 江陵融媒讯（通讯员 …）
        ("千亩荷塘", ["詹立春"], "盛夏时节"),  # 荆楚网（湖北日报网）讯（… 詹 / 立春）wrapped
        ("趣味运动会", ["罗雪梅", "周敏", "吴天佑"], "近日"),  # 本网讯通讯员… 报道：
        ("大闸蟹", ["洪一帆"], "9月20日"),  # 【全媒体记者 洪一帆】
        ("暑期课堂", ["但晓峰", "付雨萱"], "“老"),  # （特约记者 但晓峰 通讯员 付雨萱）
    ],
)
def test_an_outlets_dateline_and_writers_open_the_article(phrase, names, opening):
    a = article(parsed("other_outlets"), phrase)
    assert writers(a) == names
    assert a.body.startswith(opening)  # the byline is not left in the text
    assert a.byline and names[0][0] in a.byline


@pytest.mark.parametrize(
    ("phrase", "names", "last"),
    [
        ("内荆河沿岸", ["黄璐", "刘煜"], "集中清理。"),  # （黄 璐 刘  煜）on a line of its own
        ("高标准农田", ["王新民", "蔡丽"], "100斤以上。"),  # 文：王新民 蔡丽
        ("文化广场", [], "热闹的地方。"),  # 来源：资市镇
        ("冬训课堂", ["沈一鸣", "刘思远"], "收获满满。"),  # editors after 编辑/责编 are no writers
    ],
)
def test_writers_printed_after_the_last_sentence_sign_that_article(phrase, names, last):
    a = article(parsed("other_outlets"), phrase)
    assert writers(a) == names
    assert a.body.endswith(last)
    assert a.byline  # 来源：… is the byline even without a name


def test_a_signature_ends_the_article_the_next_headline_starts_another():
    issue = parsed("other_outlets")
    cleaning = article(issue, "内荆河沿岸")
    fields = article(issue, "高标准农田")
    assert cleaning.headline == "郝穴镇清理河道垃圾"
    assert fields.headline == "马家寨乡推进高标准农田建设"
    assert fields.kicker is None  # the signature above is not taken for a kicker


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        ("反诈宣传", ["彭子昂", "王梦瑶"]),  # 记者 彭子昂 通讯员 王梦瑶 under the headline
        ("电商培训班", ["舒文浩", "易春生", "韩小雨"]),  # 湖北日报讯 记者 … on a line of its own
    ],
)
def test_a_line_of_writers_under_the_headline_signs_the_body_below(phrase, names):
    a = article(parsed("other_outlets"), phrase)
    assert writers(a) == names
    assert not a.body.startswith(("记者", "湖北日报讯"))


def test_every_article_of_the_outlets_page_is_found_with_its_headline():
    issue = parsed("other_outlets")
    assert len(issue.articles) == 11
    assert all(a.headline for a in issue.articles)
    assert issue.unplaced == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本报讯（记者黄轩霏通讯员张澄宸）秋风爽", ["黄轩霏", "张澄宸"]),
        ("本报讯 记者徐芸 为切实提高", ["徐芸"]),
        ("记者胡晓璐、通讯员戴皓报道：金秋十月", ["胡晓璐", "戴皓"]),
        ("通讯员（费皓瑾）为普及垃圾分类", ["费皓瑾"]),
        ("宜宾新闻网9月1日讯（闫蓓彦 彭轩  记者 杨沁睿）山河", ["闫蓓彦", "彭轩", "杨沁睿"]),
        ("某县新闻联播3月27日河南上蔡电（记者屈峥钰 李蓓梓 通讯员程彦煜）自", ["屈峥钰", "李蓓梓", "程彦煜"]),
        ("海都讯（记者 罗婧琦/文 永泰县融媒体中心供图）春光", ["罗婧琦"]),
        ("本报讯（通讯员黄梓萌袁嘉怡吴卓）4月8日", ["黄梓萌", "袁嘉怡", "吴卓"]),
    ],
)
def test_byline_forms_name_their_writers(text, names):
    byline = lead_byline(text)
    assert byline is not None
    assert [w.name for w in byline.writers] == names


@pytest.mark.parametrize(
    "text",
    ["这是一条好消息！大家都来了", "近日传来喜讯，我县获评", "据了解，该县今年", "“来，搭把手！”1月18日"],
)
def test_sentences_with_news_words_are_not_bylines(text):
    assert lead_byline(text) is None


def test_brackets_after_a_sentence_are_writers_only_when_they_hold_names():
    assert tail_byline("在晒场晾晒。（无人机照片）") is None
    assert tail_byline("的鱼苗。（指两年的鱼苗）") is None
    assert tail_byline("晾晒稻谷。（郑瑶钧 摄）") is None  # a photo credit
    signed = tail_byline("头盔佩戴率达90%以上。（新城交警大队 蒋睿琪）")
    assert signed is not None and [w.name for w in signed.writers] == ["蒋睿琪"]


@pytest.mark.parametrize(
    "text",
    ["街道协昌里小区，与社区工作者深入交", "周远栋、肖西根、王厚强、黄惊华、", "万玲玲主持召开区委常委会", "发"],
)
def test_text_lines_are_not_lines_of_writers(text):
    assert writer_line(text) is None


def test_names_printed_spaced_out_or_run_together():
    assert join_spaced(["本报记者", "徐", "翊", "安徽日报记者", "李", "晓"])[1::2] == ["徐翊", "李晓"]
    assert split_glued_names("黄梓萌袁嘉怡吴卓") == ["黄梓萌", "袁嘉怡", "吴卓"]
    credits = read_credits("山东商报·速豹新闻网记者 崔宸萱 叶瑶琪")
    assert [w.name for w in credits.writers] == ["崔宸萱", "叶瑶琪"] and credits.understood


# --- photo credits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("瞿家湾镇莲子采收忙", ["文雪峰", "钟小燕"]),  # a bracketed credit wrapped over lines
        ("燕窝镇晒场铺满金色稻谷", ["谭立群"]),  # bare "谭立群 摄"
        ("新滩镇举办龙舟邀请赛", ["邹建新"]),  # 通讯员邹建新摄, no space
        ("老湾乡渔民转产上岸开民宿", ["潘志勇"]),
        ("戴家场镇开展水上安全演练", ["邹晓丽"]),  # bare "邹晓丽 摄" after the sentence
    ],
)
def test_photo_credits_as_outlets_print_them(title, names):
    photos = [p for p in parsed("credits_and_layouts").photos if p.title == title]
    assert len(photos) == 1
    assert photos[0].photographers == names
    assert "摄" not in photos[0].caption


def test_a_credit_line_after_the_caption_and_a_credit_without_names():
    photos = parsed("credits_and_layouts").photos
    report = next(p for p in photos if "黄桃" in p.caption)
    assert report.photographers == ["汪雨婷"]  # "记者 汪雨婷 摄" on the line after
    supplied = find_credit("沙口镇秋收现场。通讯员 供图")  # a credit that names no one
    assert supplied is not None and supplied.start() == len("沙口镇秋收现场。")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("（张琪魏昕璐 摄）", ["张琪", "魏昕璐"]),
        ("许峥 高钰瑶摄", ["许峥", "高钰瑶"]),
        ("■ 本版摄影 记者 万翊琳 梅蓓 通讯员 王嵘钰", ["万翊琳", "梅蓓", "王嵘钰"]),
        ("孙芸岚 鲁 昕 摄", ["孙芸岚", "鲁昕"]),
        ("收割现场（杨峥昕/摄）", ["杨峥昕"]),
        ("接待游客3000余人次。潘志勇摄（人民视觉）", ["潘志勇"]),
        ("本报记者 王梓涵 摄影报道", ["王梓涵"]),
        ("分拣、装运莲藕。（兰澄泓 图／文）", ["兰澄泓"]),
        ("（湖北日报全媒记者 刘琪晓 通讯员 朱铭瑾 摄）", ["刘琪晓", "朱铭瑾"]),
        ("（记者 刘晓泓 视界网 张煜梓 摄）", ["刘晓泓", "张煜梓"]),
    ],
)
def test_credit_forms(text, names):
    from articles.ocr.bylines import credit_inner, credit_names

    match = find_credit(text)
    assert match is not None
    assert credit_names(credit_inner(match)) == names


def test_words_that_end_in_she_are_no_credit():
    assert find_credit("吸引了许多游客前来拍摄") is None


# --- layouts: headlines after the body, stacked, page furniture ------------------------------


def test_a_headline_with_a_colon_printed_after_its_body():
    a = article(parsed("credits_and_layouts"), "抢收中稻")
    assert a.headline == "汊河镇：党员帮农户抢收中稻"


def test_page_furniture_belongs_to_the_issue_not_to_an_article():
    issue = parsed("credits_and_layouts")
    assert issue.date == dt.date(2024, 9, 20)  # printed in Chinese numerals on the masthead
    assert "2024年9月20日 星期五 第2版 责任编辑：刘婉清" in issue.unplaced
    assert not any("责任编辑" in a.body or a.headline == "第2版" for a in issue.articles)


def test_two_stacked_headlines_over_two_unsigned_bodies():
    issue = parsed("credits_and_layouts")
    renovation = article(issue, "老旧小区6个")
    shop = article(issue, "直播节")
    assert renovation.headline == "府场镇：老旧小区改造惠民生"
    assert shop.headline == "万全镇：电商助力农产品出村"
    assert "直播节" not in renovation.body


# --- people named without an official title -------------------------------------------------


def test_people_named_as_ordinary_people_are():
    issue = parsed("credits_and_layouts")
    assert {"刘桂英"} <= {m.name for m in article(issue, "老旧小区6个").people}  # 家住…的刘桂英老人
    assert {m.name for m in article(issue, "智慧农业大棚").people} == {"邓长青"}  # 种植大户
    birds = {m.name for m in article(issue, "护鸟").people}
    assert birds == {"黄春生", "陈小凤"}  # 巡湖人黄春生; 陈小凤 named twice, no title needed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("重庆游客王岚便是其中一位。", "王岚"),
        ("副乡长熊皓婧高兴地介绍。", "熊皓婧"),
        ("负责人朱琪琳有些担心。", "朱琪琳"),
        ("公司的张翊煜经理说。", "张翊煜"),
    ],
)
def test_where_a_name_ends(text, name):
    from articles.ocr.people import mentions_in

    assert [m.name for m in mentions_in(text)] == [name]


@pytest.mark.parametrize("text", ["村民高兴地说。", "志愿者向群众发放资料。", "游客缪女士说。"])
def test_words_after_a_title_that_are_no_names(text):
    from articles.ocr.people import mentions_in

    assert mentions_in(text) == []
