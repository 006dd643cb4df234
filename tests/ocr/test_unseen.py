"""Issues the parser was not written against: hand-made pages in both OCR styles.

Each fixture under ``fixtures/`` is invented local news laid out the way the seeds are (plain
wrapped columns, Markdown with a masthead and lunar date, one paragraph per line, no blank lines
at all). The facts pinned here are what an editor reading the page would say: how many
articles and photos, which headline goes with which body, who wrote or photographed each, and
the issue date with its precision.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from articles.ocr import parse_issue
from articles.ocr.types import DatePrecision, DateSource, ParsedArticle, ParsedIssue
from tests.ocr.invented import FIXTURES, parsed

SEEDS = Path(__file__).resolve().parents[2] / "seeds"




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


def test_markdown_three_levels_wrapped_lines_and_a_twelfth_month_lunar_date():
    issue = parsed("md_wrapped")
    # 乙巳年腊月初八: the twelfth lunar month of 2025 falls in January 2026.
    assert issue.date == dt.date(2026, 1, 26)
    assert (issue.date_source, issue.date_precision) == (DateSource.MASTHEAD, DatePrecision.DAY)
    reform, water = issue.articles
    assert (reform.kicker, reform.headline, reform.subheadline) == (
        "深化“高效办成一件事”改革",
        "企业开办“一网通办”，最快半天办结",
        "全年新增市场主体5800余户",
    )
    assert reform.body.split("\n")[0] == (
        "记者从区行政审批局获悉,今年以来,该局持续深化“高效办成一件事”改革,企业开办实现"
        "“一网通办”,最快半天即可办结,全年新增市场主体5800余户。"
    )
    assert people(reform) == {"郝志远", "屈文涛"}
    assert water.headline == "川店镇冬季农田水利建设正酣"
    assert writers(water) == [("蒲思远", "通讯员"), ("佘明哲", "通讯员")]
    assert people(water) == {"储建国"}
    assert [(p.title, p.photographers) for p in issue.photos] == [("冬日暖阳", ["邬小满"])]
    assert issue.unplaced == []


def test_markdown_section_labels_as_small_headings_and_a_lunar_date_with_no_year_in_text():
    issue = parsed("md_sections")
    # Nothing in the text names a year: the cycle name 乙巳 is read as the nearest such year.
    assert issue.date == dt.date(2025, 4, 3)
    assert [(a.section, a.kicker, a.headline) for a in issue.articles] == [
        ("清廉荆州区", None, "川店镇：家风家训润乡村"),
        ("文明实践在行动", None, "志愿服务进小区 温暖服务到身边"),
    ]
    assert [writers(a) for a in issue.articles] == [[("郜思琪", "通讯员")], [("晁雨桐", "通讯员")]]
    assert people(issue.articles[0]) == {"栾国庆"}
    assert issue.articles[1].dateline_date == dt.date(2025, 4, 1)


def test_two_pages_run_together_repeat_the_masthead():
    text = "\n".join(
        (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        for name in ("md_wrapped", "md_sections", "md_top_block")
    )
    issue = parse_issue(text)
    assert issue.masthead == "荆州区新闻"
    assert issue.date == dt.date(2026, 1, 26)  # the first page's masthead
    assert [(a.section, a.headline) for a in issue.articles] == [
        (None, "企业开办“一网通办”，最快半天办结"),
        (None, "川店镇冬季农田水利建设正酣"),
        ("清廉荆州区", "川店镇：家风家训润乡村"),
        ("文明实践在行动", "志愿服务进小区 温暖服务到身边"),
        (None, "区委常委会召开会议 研究部署冬季安全生产工作"),
        (None, "八岭山镇：柑橘丰收采摘忙"),
        (None, "区市场监管局开展食品安全“你点我检”活动"),
    ]
    assert issue.unplaced == [
        "荆州区新闻",
        "荆州区新闻",
        "乙巳年三月初六",
        "2023年11月8日 星期三",
        "第1375期",
    ]


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


# --- a block of headlines at the top holding a section label ---------------------------------


def test_section_label_inside_a_block_of_headlines_at_the_top():
    issue = parsed("plain_top_labels")
    assert [(a.section, a.kicker, a.headline, a.subheadline) for a in issue.articles] == [
        (None, None, "区政协召开优化营商环境专题协商会", None),
        ("清廉荆州区", None, "区纪委监委开展警示教育月活动", None),
    ]
    assert [writers(a) for a in issue.articles] == [[("严可馨", "通讯员")], [("殷佳琪", "通讯员")]]
    assert people(issue.articles[0]) == {"路明"}
    assert issue.date is None and issue.articles[0].dateline == "6月12日"
    assert issue.unplaced == []


# --- headlines ending in ！ or ？, a masthead line holding every date ------------------------


def test_headlines_ending_with_exclamation_or_question_marks():
    issue = parsed("plain_exclaimed")
    assert issue.masthead == "荆州区新闻"
    assert issue.number == "1450"
    assert issue.lunar_date == "甲辰年四月十三"
    assert issue.date == dt.date(2024, 5, 20)
    assert [(a.headline, a.byline) for a in issue.articles] == [
        ("家门口的好工作来了！", "本报讯（通讯员 樊晓彤）"),
        ("垃圾分类，你做对了吗？", "通讯员 柳书瑶"),
    ]
    jobs, sorting = issue.articles
    assert jobs.body.endswith("前来应聘。")  # the next headline is not its last paragraph
    assert jobs.dateline_date == dt.date(2024, 5, 18)
    assert people(sorting) == {"薛红梅"}
    assert issue.unplaced == []


# --- a feature cut by its own subheads --------------------------------------------------------


def test_subheads_inside_a_feature_do_not_split_it():
    issue = parsed("feature_subheads")
    assert [(a.headline, a.byline) for a in issue.articles] == [
        ("小小茶叶蛋 撬动致富路", "通讯员 符佳音 窦文轩"),
        ("区税务局推出便民办税举措", "本报讯（通讯员 聂子墨）"),
    ]
    feature, tax = issue.articles
    paragraphs = feature.body.split("\n")
    assert paragraphs[0].startswith("清晨六点")
    assert "小作坊变身大车间" in paragraphs and "线上线下齐发力" in paragraphs
    assert paragraphs[-1].endswith("把茶叶蛋卖到了全国各地。")
    assert people(feature) == {"廖春华", "蔺晓慧"}
    assert writers(tax) == [("聂子墨", "通讯员")]
    assert tax.body.endswith("今年以来已解决各类问题160余个。")


def test_wrapped_last_line_ending_with_an_exclamation_stays_in_its_article():
    issue = parse_issue(
        "本报讯（通讯员 王开）近日，区总工会召开会议，要求全区各级工会组织要\n"
        "为荆州区高质量发展贡献力量！\n"
        "本报讯（通讯员 李四）近日，区政协开展专题协商活动，围绕优化营商环境建言献策。\n"
    )
    assert [a.headline for a in issue.articles] == [None, None]
    assert issue.articles[0].body.endswith("工会组织要为荆州区高质量发展贡献力量！")


# --- small pages --------------------------------------------------------------------------


def test_two_line_headline_with_a_comma_right_above_its_body():
    issue = parse_issue(
        "本报讯（通讯员苏倩）近日，区卫健局组织辖区医疗机构的医务\n"
        "人员走进西城街道荆北路社区，开展健康义诊进社区活动，为\n"
        "居民提供免费量血压、测血糖、健康咨询等服务。\n\n"
        "秋风起，蟹满仓\n八岭山镇河蟹喜获丰收\n"
        "连日来，八岭山镇的养殖户们忙着起捕河蟹，一只只膏满黄肥\n"
        "的大闸蟹被装箱发往全国各地。今年全镇河蟹养殖面积达1.2\n"
        "万亩，预计产值突破2亿元。\n"
    )
    clinic, crab = issue.articles
    assert clinic.body.endswith("健康咨询等服务。")
    assert clinic.headline is None
    heading = " ".join(filter(None, [crab.section, crab.kicker, crab.headline, crab.subheadline]))
    assert heading == "秋风起，蟹满仓 八岭山镇河蟹喜获丰收"
    assert crab.section is None  # a phrase with a comma is not a column name
    assert crab.body.startswith("连日来，八岭山镇的养殖户们")


def test_headline_wider_than_the_column_right_above_an_unsigned_story():
    issue = parse_issue(
        "本报讯（通讯员 王开）近日，区总工会开展\n“送清凉”活动，为一线职工送去防暑降温\n物品。\n\n"
        "荆州区开展“安全生产月”宣传咨询日活动\n"
        "6月16日，区安委办在荆州万达\n广场开展“安全生产月”宣传咨\n询日活动，20余家单位现场设\n"
        "点，向群众发放宣传资料3000\n余份，解答群众咨询200余人次。\n"
    )
    cool, safety = issue.articles
    assert cool.body == "近日，区总工会开展“送清凉”活动，为一线职工送去防暑降温物品。"
    assert safety.headline == "荆州区开展“安全生产月”宣传咨询日活动"
    assert safety.body.startswith("6月16日，区安委办在荆州万达广场")
    assert safety.dateline == "6月16日"


def test_page_staff_line_is_reported_not_taken_for_a_title():
    issue = parse_issue(
        "区政府召开常务会议\n本报讯（通讯员 王开）近日，区长主持召开区政府常务会议，"
        "研究部署四季度重点工作。会议强调，要坚持问题导向，压实工作责任。\n\n"
        "近日，工人在工地施工。（张三 摄）\n\n"
        "责任编辑：郑思远  校对：陶然  版式：龙小雨\n"
    )
    assert [a.headline for a in issue.articles] == ["区政府召开常务会议"]
    assert [(p.title, p.photographers) for p in issue.photos] == [(None, ["张三"])]
    assert issue.unplaced == ["责任编辑：郑思远  校对：陶然  版式：龙小雨"]


def test_running_head_between_pages_is_not_a_headline_and_dates_the_issue():
    paragraph = "会议强调，要坚持问题导向，压实工作责任，推动各项任务落地见效。\n"
    issue = parse_issue(
        "区政府召开常务会议\n本报讯（通讯员 王开）近日，区长主持召开区政府常务会议。\n"
        + paragraph * 12
        + "\n2024年10月21日 星期一 第2版\n\n区政协开展专题协商\n"
        "本报讯（通讯员 李四）近日，区政协开展专题协商活动，围绕优化营商环境建言献策。\n"
    )
    assert [a.headline for a in issue.articles] == ["区政府召开常务会议", "区政协开展专题协商"]
    assert issue.articles[0].body.endswith("推动各项任务落地见效。")
    assert issue.unplaced == ["2024年10月21日 星期一 第2版"]
    assert issue.date == dt.date(2024, 10, 21)
    assert (issue.date_source, issue.date_precision) == (DateSource.MASTHEAD, DatePrecision.DAY)


def test_lunar_date_with_no_year_in_the_text_is_never_in_the_future():
    issue = parse_issue(
        "# 荆州区新闻\n\n乙亥年三月初六\n\n## 区政府召开常务会议\n\n"
        "本报讯（通讯员 王开）4月4日，区长主持召开区政府常务会议，研究部署二季度重点工作。\n"
    )
    # 乙亥 is 1995 or 2055; an issue cannot be printed in the future.
    assert issue.date == dt.date(1995, 4, 5)
    assert issue.articles[0].dateline_date == dt.date(1995, 4, 4)


def test_masthead_date_in_chinese_numerals():
    issue = parse_issue(
        "荆州区新闻\n二〇二四年十月二十一日 星期一\n\n区政府召开常务会议\n"
        "本报讯（通讯员 王开）10月19日，区长主持召开区政府常务会议，研究部署四季度重点工作。\n"
    )
    assert issue.masthead == "荆州区新闻"
    assert issue.date == dt.date(2024, 10, 21)
    assert (issue.date_source, issue.date_precision) == (DateSource.MASTHEAD, DatePrecision.DAY)
    assert issue.articles[0].dateline_date == dt.date(2024, 10, 19)
    assert issue.articles[0].headline == "区政府召开常务会议"


def test_numbered_points_inside_an_article_are_not_headlines():
    article_text = (
        "区应急管理局部署汛期安全工作\n"
        "本报讯（通讯员 樊晓彤）5月18日，区应急管理局召开汛期安全生产工作会议，对\n"
        "全区防汛备汛和安全生产工作进行再部署、再落实。\n"
        "会议要求：\n"
        "一是强化组织领导\n"
        "各单位要高度重视汛期安全工作，主要负责人要亲自部署、亲自过问，确保责任\n"
        "落实到人。\n"
        "二是强化隐患排查\n"
        "要深入开展拉网式隐患排查，对排查出的问题建立台账、限期整改、逐项销号。\n"
    )
    issue = parse_issue(article_text)
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert article.headline == "区应急管理局部署汛期安全工作"
    assert "会议要求：一是强化组织领导" in article.body
    assert article.body.endswith("逐项销号。")


@pytest.mark.parametrize(
    ("printed", "byline", "names"),
    [
        ("本报讯通讯员王思奇）", "本报讯通讯员王思奇）", ["王思奇"]),  # opening bracket lost
        ("本报讯（通讯员王思奇", "本报讯（通讯员王思奇", ["王思奇"]),  # closing bracket lost
        ("本报讯（记者 张晓峰 刘雨涵", "本报讯（记者 张晓峰 刘雨涵", ["张晓峰", "刘雨涵"]),
        ("本报讯(记者 张晓峰 刘雨涵)", "本报讯(记者 张晓峰 刘雨涵)", ["张晓峰", "刘雨涵"]),
        ("本报讯（通讯员 庞雪梅、汤宇航）", "本报讯（通讯员 庞雪梅、汤宇航）", ["庞雪梅", "汤宇航"]),
        ("本报讯 ", "本报讯", []),
    ],
)
def test_news_byline_forms(printed, byline, names):
    article = parse_issue(f"{printed}近日，区里召开工作会议，研究部署下一阶段重点工作任务。\n").articles[0]
    assert article.byline == byline
    assert [m.name for m in article.correspondents] == names
    assert article.body == "近日，区里召开工作会议，研究部署下一阶段重点工作任务。"


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("（郑静怡陈思思 摄）", ["郑静怡", "陈思思"]),  # two names run together
        ("（王芸李婷摄）", ["王芸", "李婷"]),
        ("（本报记者张晓峰摄）", ["张晓峰"]),
        ("（记者 张晓峰/摄）", ["张晓峰"]),
        ("（摄影：张三）", ["张三"]),
        ("（图/祁瑞 谷雨晴）", ["祁瑞", "谷雨晴"]),
        ("(通讯员 欧阳明轩 摄)", ["欧阳明轩"]),
        (" 记者 曾晓光 摄", ["曾晓光"]),  # brackets lost
    ],
)
def test_photo_credit_forms(credit, names):
    issue = parse_issue(f"5月18日，郢城镇举办首届龙虾美食节，吸引了大批市民游客前来品尝。{credit}\n")
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("5月18日，郢城镇举办首届龙虾美食节，吸引了大批市民游客前来品尝。", names)
    ]
    assert issue.articles == []


@pytest.mark.parametrize(
    "line",
    [
        "活动现场，摄影爱好者们纷纷举起相机拍摄。",
        "区里组织开展摄影比赛，评出一等奖作品 摄",
        "本次活动共拍摄照片300余张，制作视频 5部 摄",
    ],
)
def test_words_ending_in_she_are_not_photo_credits(line):
    issue = parse_issue(f"本报讯（通讯员王开）近日，区文联举办摄影展。\n{line}\n")
    assert issue.photos == []
    assert line.split()[0][:6] in issue.articles[0].body


# --- every fixture ----------------------------------------------------------------------------

NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))
# Layout marks and credit words (摄, 摄影报道); a credit's other words are the photo's credit.
_MASTHEAD_DATA = re.compile(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日|[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日|星期.|农历|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
    r"[正一二三四五六七八九十冬腊]{1,2}月[初十廿二三]\S|第\d+期)+"
)
# Marks a byline opens with (□ 通讯员 A, ●本报记者 B) are dropped with it, as are spaces and brackets.
_IGNORED = re.compile(r"本[版期组]摄影[：:]?|摄?影报道|[\s#□■◇◆●（）()摄*、]")


def assert_every_line_kept(text: str, issue: ParsedIssue) -> None:
    placed = [issue.masthead or "", issue.lunar_date or "", *issue.unplaced]
    for a in issue.articles:
        placed += [a.section or "", a.kicker or "", a.headline or "", a.subheadline or ""]
        # Writers are printed before the text or after its last sentence ("…说道。（A B）"),
        # and a dateline (本报讯) before the text even when the writers sign it at the end.
        dateline, _, signature = (a.byline or "").partition(" ")
        placed += [(a.byline or "") + a.body + (a.byline or ""), dateline + a.body + signature]
        # A headline run into the first line of its text, signed at the end of it.
        placed.append((a.headline or "") + a.body)
    for p in issue.photos:
        placed += [p.title or "", p.caption + (p.credit or "") + "".join(p.photographers)]
    everything = _IGNORED.sub("", "".join(placed))
    for line in text.splitlines():
        key = _IGNORED.sub("", line)
        if not key or re.fullmatch(r"[A-Za-z]+News", key) or _MASTHEAD_DATA.fullmatch(key):
            continue  # read into the issue's date and number
        half = len(key) // 2
        if len(key) >= 8 and key[:half] * 2 == key:
            key = key[:half]
        assert key in everything, line


@pytest.mark.parametrize("name", NAMES)
def test_every_printed_line_is_kept(name):
    assert_every_line_kept((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), parsed(name))


def recombined(count: int, seed: int) -> list[str]:
    """Blocks of these fixtures and the seeds, shuffled into pages nobody has laid out."""
    sources = [*FIXTURES.glob("*.txt"), *SEEDS.glob("*.txt")]
    texts = [p.read_text(encoding="utf-8") for p in sorted(sources)]
    blocks = [b for t in texts for b in re.split(r"\n\s*\n", t) if b.strip()]
    rnd = random.Random(seed)
    pages = []
    for _ in range(count):
        chosen = [rnd.choice(blocks) for _ in range(rnd.randint(1, 30))]
        pages.append(("\n\n" if rnd.random() < 0.7 else "\n").join(chosen))
    return pages


@pytest.mark.parametrize("text", recombined(40, seed=11))
def test_recombined_pages_keep_every_line(text):
    assert_every_line_kept(text, parse_issue(text))


@pytest.mark.parametrize("name", NAMES)
def test_articles_are_clean(name):
    for article in parsed(name).articles:
        assert len(article.body) >= 60
        assert not article.body.startswith(("本报讯", "□"))
        assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", article.body)
        assert article.headline, article.body[:20]  # every article here has a printed headline
