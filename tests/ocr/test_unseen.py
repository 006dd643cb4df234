"""Issues the parser was not written against: hand-made pages in both OCR styles.

Each fixture under ``fixtures/`` is invented local news laid out the way the seeds are (plain
wrapped columns, Markdown with a masthead and lunar date, one paragraph per line, no blank lines
at all). The facts pinned here are what an editor reading the page would say: how many
articles and photos, which headline goes with which body, who wrote or photographed each, and
the issue date with its precision.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from articles.ocr import parse_issue
from articles.ocr.types import DatePrecision, DateSource, ParsedArticle, ParsedIssue

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@cache
def parsed(name: str) -> ParsedIssue:
    return parse_issue((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def article_with(issue: ParsedIssue, phrase: str) -> ParsedArticle:
    found = [a for a in issue.articles if phrase in a.body]
    assert len(found) == 1, f"{phrase!r} in {len(found)} articles"
    return found[0]


def writers(article: ParsedArticle) -> list[tuple[str, str]]:
    return [(m.name, m.title) for m in article.correspondents]


def people(article: ParsedArticle) -> set[str]:
    return {m.name for m in article.people}


# --- plain style, narrow wrapped columns ----------------------------------------------------


def test_plain_autumn_articles_and_bylines():
    issue = parsed("plain_autumn")
    assert len(issue.articles) == 4
    meeting = article_with(issue, "秋收秋种工作推进会")
    assert meeting.headline == "川店镇召开秋收秋种工作推进会"
    assert writers(meeting) == [("张晓峰", "记者"), ("刘雨涵", "记者")]
    assert meeting.dateline == "9月12日" and meeting.dateline_date == dt.date(2024, 9, 12)
    assert {"谢志刚", "罗成斌"} <= people(meeting)
    # The next article starts right under its headline: no blank line, no byline.
    assert "稻谷飘香" not in meeting.body and "周德明" not in meeting.body
    assert meeting.body.endswith("确保秋收秋种两不误。")
    crab = article_with(issue, "起捕河蟹")
    assert "秋风起，蟹满仓" in f"{crab.kicker} {crab.headline}"
    assert "八岭山镇河蟹喜获丰收" in f"{crab.headline} {crab.subheadline}"
    assert writers(crab) == [("万思远", "通讯员")]


def test_section_label_over_a_headline_and_byline():
    civility = article_with(parsed("plain_autumn"), "文明劝导活动")
    assert civility.section == "文明创建进行时"
    assert civility.headline == "弥市镇开展“小手拉大手”文明劝导活动"
    assert civility.kicker is None and civility.subheadline is None
    assert writers(civility) == [("覃美玲", "通讯员")]


def test_headline_with_a_comma_right_above_an_unsigned_story():
    story = article_with(parsed("plain_autumn"), "走进纪南镇拍马村")
    assert story.headline == "稻谷飘香，丰收在望"
    assert story.byline is None and story.correspondents == []
    assert story.body.startswith("近日，走进纪南镇拍马村，金黄的稻田一望无际")
    assert "周德明笑着说" in story.body
    assert people(story) == {"周德明"}  # 种植大户周德明


def test_caption_credit_with_titles_names_only_the_photographers():
    issue = parsed("plain_autumn")
    assert [p.photographers for p in issue.photos] == [["张晓峰", "邹婷"]]
    assert issue.photos[0].caption.startswith("9月10日，区实验小学举行2024年秋季开学典礼")
    assert issue.photos[0].caption.endswith("开启小学生活。")


def test_plain_autumn_date_is_inferred_to_the_month():
    issue = parsed("plain_autumn")
    assert issue.date == dt.date(2024, 9, 1)
    assert (issue.date_source, issue.date_precision) == (DateSource.INFERRED, DatePrecision.MONTH)


# --- Markdown style, masthead and lunar date -------------------------------------------------


def test_markdown_masthead_and_lunar_date():
    issue = parsed("md_lunar_spring")
    assert issue.masthead == "荆州区新闻"
    assert issue.lunar_date == "甲辰年三月十五"
    assert issue.date == dt.date(2024, 4, 23)
    assert (issue.date_source, issue.date_precision) == (DateSource.MASTHEAD, DatePrecision.DAY)
    assert "荆州田旅" in issue.unplaced


def test_markdown_articles_headlines_and_bylines():
    issue = parsed("md_lunar_spring")
    assert len(issue.articles) == 4
    study = article_with(issue, "新质生产力的内涵要求")
    assert study.headline == "区委理论学习中心组召开专题学习会"
    assert writers(study) == [("陈思远", "记者"), ("何雨桐", "通讯员")]
    assert study.dateline_date == dt.date(2024, 4, 22)
    assert {"万玲玲", "张远重"} <= people(study)
    lotus = article_with(issue, "莲藕种植基地")
    # A kicker printed one character per line is read back as one line.
    assert lotus.kicker == "郢城镇做强莲藕特色产业"
    assert lotus.headline == "小藕塘挖出“致富经”"
    assert "黎明辉" in people(lotus)
    spring = article_with(issue, "春耕生产技术指导服务")
    assert spring.headline == "护航春耕生产"  # printed twice on one line
    assert writers(spring) == [("付子涵", "通讯员"), ("邱月", "通讯员")]


def test_feature_under_a_special_correspondent_is_an_article_not_a_photo():
    issue = parsed("md_lunar_spring")
    jobs = article_with(issue, "专场招聘会")
    assert jobs.headline == "春风送岗位 就业暖人心"
    assert jobs.byline == "特约记者 龚振华"
    assert writers(jobs) == [("龚振华", "特约记者")]
    assert jobs.body.endswith("全力稳就业、促就业。")
    assert "慢性病" not in jobs.body
    assert people(jobs) == {"吴秀兰"}  # 求职者吴秀兰
    assert [(p.caption[:6], p.photographers) for p in issue.photos] == [
        ("4月20日,", ["黄明", "邱月"])
    ]
    assert issue.photos[0].title is None


# --- one paragraph per line, no year printed anywhere -----------------------------------------


def test_no_year_anywhere_leaves_the_date_open():
    issue = parsed("plain_no_year")
    assert issue.date is None and issue.date_precision is None and issue.date_source is None
    assert any("no issue date" in e for e in issue.errors)
    # Datelines are kept as printed even when the year is unknown.
    assert [a.dateline for a in issue.articles] == ["6月18日", "6月16日", "6月17日"]
    assert all(a.dateline_date is None for a in issue.articles)


def test_no_year_articles_bylines_and_photos():
    issue = parsed("plain_no_year")
    assert len(issue.articles) == 3
    survey = article_with(issue, "优化营商环境专题调研")
    assert survey.headline == "区人大常委会开展优化营商环境专题调研"
    assert writers(survey) == [("邝雅琴", "通讯员")]
    assert {"聂文华", "吕静"} <= people(survey)
    drill = article_with(issue, "防汛应急演练")
    assert drill.byline == "本报讯" and drill.correspondents == []
    # Its headline is printed after it, right above the next article: not that one's section.
    assert drill.headline == "防汛应急演练检验实战能力"
    heritage = article_with(issue, "非遗进校园")
    assert writers(heritage) == [("邹海峰", "特约记者")]
    assert heritage.headline == "非遗进校园,文化润童心"  # printed after its body
    assert heritage.section is None
    assert [p.photographers for p in issue.photos] == [["周子墨", "程诗雨"]]
    assert issue.unplaced == []


# --- no blank lines at all -------------------------------------------------------------------


def test_dense_page_headlines_directly_above_bodies():
    issue = parsed("dense_no_blanks")
    assert [(a.headline, [m.name for m in a.correspondents]) for a in issue.articles] == [
        ("区卫健局开展健康义诊进社区活动", ["苏倩"]),
        ("图书馆里书香浓，全民阅读正当时", []),
        ("太湖港管理区推进农村人居环境整治", ["尹俊杰", "谭雅丽"]),
    ]
    clinic, library, village = issue.articles
    assert clinic.body.endswith("发放健康宣传资料800余份。")
    assert library.body.startswith("近日，走进区图书馆")
    assert people(library) == {"蔡晓燕"}
    assert "熊志强" in people(village)
    assert issue.unplaced == []


# --- wide lines, several byline forms, a comma headline over an unsigned story -------------


def test_wide_page_articles_and_bylines():
    issue = parsed("wide_spring")
    assert [(a.headline, writers(a)) for a in issue.articles] == [
        ("区政府召开第12次常务会议", [("钱文博", "通讯员"), ("蒋雨萱", "通讯员")]),
        ("区长热线办理提速增效 群众诉求件件有回音", [("潘心怡", "通讯员")]),
        ('马山镇:"小积分"兑出乡村治理"大文明"', [("韦佳怡", "通讯员"), ("程子轩", "通讯员")]),
        ("春光正好,植树正当时", []),
    ]
    council, hotline, points, trees = issue.articles
    assert council.dateline_date == dt.date(2025, 3, 18)
    assert "张远重" in people(council)
    assert hotline.byline == "本报讯 (通讯员 潘心怡)"
    assert points.byline == "通讯员 韦佳怡 程子轩"
    assert points.body.endswith("激发了村民参与乡村治理的积极性。")
    assert trees.body.startswith("3月12日是第47个植树节。")
    assert trees.body.endswith("完成义务植树50万株。")
    assert people(points) == {"彭桂兰"}


def test_dated_caption_after_an_unsigned_story_is_its_own_photo():
    issue = parsed("wide_spring")
    assert [(p.title, p.photographers) for p in issue.photos] == [(None, ["欧阳明轩"])]
    assert issue.photos[0].caption.startswith("3月16日,纪南镇农技人员")
    assert issue.date == dt.date(2025, 3, 1) and issue.date_precision == DatePrecision.MONTH


# --- Markdown, every headline in one block at the top, Gregorian masthead date -------------


def test_headlines_in_a_block_at_the_top_find_their_bodies():
    issue = parsed("md_top_block")
    assert issue.masthead == "荆州区新闻"
    assert issue.number == "1375"
    assert issue.date == dt.date(2023, 11, 8)
    assert (issue.date_source, issue.date_precision) == (DateSource.MASTHEAD, DatePrecision.DAY)
    pairs = [(" ".join(filter(None, [a.kicker, a.headline])), writers(a)) for a in issue.articles]
    assert pairs == [
        ("区委常委会召开会议 研究部署冬季安全生产工作", [("邓慕秋", "通讯员"), ("石佳", "通讯员")]),
        ("八岭山镇：柑橘丰收采摘忙", [("曹心雨", "通讯员")]),
        ("区市场监管局开展食品安全“你点我检”活动", [("廖子健", "记者")]),
    ]
    assert issue.articles[0].dateline_date == dt.date(2023, 11, 6)
    assert people(issue.articles[0]) == {"万玲玲"}
    assert people(issue.articles[2]) == {"贺秀英"}
    assert [p.photographers for p in issue.photos] == [["廖子健", "石佳"]]
    assert issue.unplaced == []


# --- narrow columns, headlines printed after their bodies -----------------------------------


def test_photo_story_with_a_doubled_title_after_it():
    issue = parsed("plain_after")
    assert len(issue.photos) == 1
    photo = issue.photos[0]
    assert photo.title == "油菜花开引客来"
    assert photo.photographers == ["聂晓东"]
    assert photo.caption.startswith("近日，在李埠镇天鹅村的油菜花田里")
    assert photo.caption.endswith("观景台、步道等设施。")  # both paragraphs of the story


def test_headlines_after_bodies_and_a_vertical_headline():
    issue = parsed("plain_after")
    assert len(issue.articles) == 3
    training, safety, village = issue.articles
    assert training.kicker == "区委组织部举办年轻干部能力提升培训班"
    assert training.headline == "在基层一线经受锻炼"
    assert writers(training) == [("黄梓萌", "通讯员"), ("袁嘉怡", "通讯员"), ("吴卓", "通讯员")]
    assert training.dateline_date == dt.date(2024, 4, 8)
    assert people(training) == {"石为"}
    # A short headline after a 本报讯 story is its headline, not the next story's section.
    assert (safety.byline, safety.headline, safety.section) == ("本报讯", "筑牢校园安全防线", None)
    assert village.section is None
    assert village.headline == "纪南镇发展壮大村集体经济"  # 纪 / 南 / 镇 printed one per line
    assert writers(village) == [("熊梦瑶", "通讯员")]
    assert people(village) == {"龙建平", "何欣然"}  # 村党支部书记龙建平, 何欣然同学
    assert issue.unplaced == []


# --- byline and credit forms ----------------------------------------------------------------


def test_bylines_wrapped_compound_surnames_and_trainees():
    issue = parsed("plain_bylines")
    assert [(a.headline, a.byline, writers(a)) for a in issue.articles] == [
        (
            "区残联开展助残日系列活动",
            # The byline wraps inside its brackets, in the middle of a name.
            "本报讯（本报记者 杜明远 通讯员 庞雪梅 汤宇航）",
            [("杜明远", "本报记者"), ("庞雪梅", "通讯员"), ("汤宇航", "通讯员")],
        ),
        ("城南街道举办社区邻里节", "本报讯（通讯员 欧阳思琪）", [("欧阳思琪", "通讯员")]),
        (
            "区检察院开展“检察开放日”活动",
            "本报讯(记者 卢一鸣 实习生 伍思琪)",
            [("卢一鸣", "记者"), ("伍思琪", "实习生")],
        ),
    ]
    assert issue.articles[0].body.startswith("5月19日是第34个全国助残日")
    assert people(issue.articles[1]) == {"邱海燕"}
    assert issue.articles[1].body.endswith("增进了居民感情。")


def test_captions_in_a_row_three_photographers_and_a_credit_without_brackets():
    issue = parsed("plain_bylines")
    assert [(p.caption[:6], p.photographers) for p in issue.photos] == [
        ("5月17日，", ["祁瑞", "谷雨晴", "樊家豪"]),
        ("5月18日，", ["曾晓光"]),
    ]
    assert issue.photos[1].caption.endswith("前来品尝。")
    assert issue.unplaced == []


# --- every fixture ----------------------------------------------------------------------------

NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))
# Layout marks, and the words of a photo credit that are not names (（记者 张三、李四 摄）).
_MASTHEAD_DATA = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日星期[一二三四五六日]|第\d+期")
_IGNORED = re.compile(r"[\s#□（）()摄*、]|记者|通讯员")


@pytest.mark.parametrize("name", NAMES)
def test_every_printed_line_is_kept(name):
    issue = parsed(name)
    placed = [issue.masthead or "", issue.lunar_date or "", *issue.unplaced]
    for a in issue.articles:
        placed += [a.section or "", a.kicker or "", a.headline or "", a.subheadline or ""]
        placed += [(a.byline or "") + a.body]
    for p in issue.photos:
        placed += [p.title or "", p.caption + "".join(p.photographers)]
    everything = _IGNORED.sub("", "".join(placed))
    for line in (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        key = _IGNORED.sub("", line)
        if not key or re.fullmatch(r"[A-Za-z]+News", key) or _MASTHEAD_DATA.fullmatch(key):
            continue  # read into the issue's date and number
        half = len(key) // 2
        if len(key) >= 8 and key[:half] * 2 == key:
            key = key[:half]
        assert key in everything, line


@pytest.mark.parametrize("name", NAMES)
def test_articles_are_clean(name):
    for article in parsed(name).articles:
        assert len(article.body) >= 60
        assert not article.body.startswith(("本报讯", "□"))
        assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", article.body)
        assert article.headline, article.body[:20]  # every article here has a printed headline
