"""Behaviour of the OCR parser on small inline pages, one layout feature at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.ocr import parse_issue
from articles.ocr.bylines import split_writers
from articles.ocr.dates import cycle_years
from articles.ocr.types import DatePrecision, DateSource, ParsedIssue, Role

FILLER = "会议强调，要坚持问题导向，压实工作责任，推动各项任务落地见效，确保取得实实在在的成效。"


def page(*blocks: str) -> ParsedIssue:
    return parse_issue("\n\n".join(blocks) + "\n")


def only_article(issue: ParsedIssue):
    assert len(issue.articles) == 1, [a.body[:20] for a in issue.articles]
    return issue.articles[0]


# --- bylines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("本报讯（通讯员王思奇）", [("王思奇", "通讯员")]),
        ("本报讯(通讯员王思奇 王开)", [("王思奇", "通讯员"), ("王开", "通讯员")]),
        ("本报讯（特约记者李文健）", [("李文健", "特约记者")]),
        ("本报讯（通讯吴申畅）", [("吴申畅", "通讯员")]),
        ("本报讯（记者张三 通讯员李四）", [("张三", "记者"), ("李四", "通讯员")]),
        ("本报讯", []),
    ],
)
def test_news_bylines_in_every_form(byline, expected):
    article = only_article(page(f"{byline}近日，区里召开工作会议。{FILLER}"))
    assert article.byline == byline
    assert [(m.name, m.title) for m in article.correspondents] == expected
    assert all(m.role == Role.CORRESPONDENT for m in article.correspondents)
    assert article.body.startswith("近日，区里召开工作会议。")


def test_feature_byline_under_headline():
    issue = page(
        "“数字食堂”托起孩子们的幸福餐盘\n□ 通讯员 陈巧玲 苏艳妮",
        f"“滴”的一声，数字食堂开饭了。{FILLER}",
    )
    article = only_article(issue)
    assert article.headline == "“数字食堂”托起孩子们的幸福餐盘"
    assert [m.name for m in article.correspondents] == ["陈巧玲", "苏艳妮"]
    assert article.body.startswith("“滴”的一声")


def test_split_writers_keeps_titles():
    assert [(w.name, w.title) for w in split_writers("通讯员 高艳璇 吴申畅")] == [
        ("高艳璇", "通讯员"),
        ("吴申畅", "通讯员"),
    ]


# --- line joining ----------------------------------------------------------------------------


def test_wrapped_lines_join_without_spaces_and_paragraphs_stay():
    issue = page(
        "本报讯（通讯员王思奇）近日，荆州\n区委书记万玲玲主持召开会议，\n研究部署全区重点工作任务。",
        "万玲玲强调，要进一步提高\n\n政治站位，狠抓工作落实。",
        "会议要求，招商引 资要 提质 增效，\n到 2035 年见成效。",
    )
    article = only_article(issue)
    assert article.body.split("\n") == [
        "近日，荆州区委书记万玲玲主持召开会议，研究部署全区重点工作任务。",
        # A column break inside a sentence is not a paragraph end.
        "万玲玲强调，要进一步提高政治站位，狠抓工作落实。",
        "会议要求，招商引资要提质增效，到2035年见成效。",
    ]


def test_characters_are_never_corrected():
    article = only_article(
        page(f"本报讯（通讯员邓慕秋）万玲玲到芒麻行业协会调研，了解苧麻产业。{FILLER}")
    )
    assert "芒麻" in article.body and "苧麻" in article.body


def test_column_break_line_between_blanks_stays_in_its_sentence():
    issue = page(
        "本报讯 近日，荆州区创文办、区\n学校周边办组织开展集中行动，区公\n安分局、区城管局参加活动。",
        "本次集中行动共出动执法车辆4",
        "台、执法人员20人，对荆州小学周\n边环境进行现场整治，提出建议2条。",
    )
    article = only_article(issue)
    assert "共出动执法车辆4台、执法人员20人" in article.body
    assert article.headline is None


# --- headlines ---------------------------------------------------------------------------------


def test_headline_before_body_with_kicker_and_subheadline():
    issue = page(
        "万玲玲调研拍马工业园区发展情况",
        "聚力项目建设 实现全面发展",
        f"本报讯（通讯员周闪闪）近日，万玲玲专题调研拍马工业园区发展情况，要求聚力项目建设。{FILLER}",
    )
    article = only_article(issue)
    assert article.kicker == "万玲玲调研拍马工业园区发展情况"
    assert article.headline == "聚力项目建设 实现全面发展"


def test_slogan_line_beside_a_matched_line_joins_its_group():
    issue = page(
        "区民政局实施先行救助兜住民生底线",
        "培育和践行社会主义核心价值观",
        f"本报讯(通讯员罗敬恒)近日,区民政局救助中心开展先行救助。{FILLER}",
    )
    article = only_article(issue)
    assert article.headline == "区民政局实施先行救助兜住民生底线"
    assert article.subheadline == "培育和践行社会主义核心价值观"
    assert issue.unplaced == []


def test_headline_after_body_is_attached_by_content():
    issue = page(
        f"本报讯（通讯员黄霞）近日，八岭山镇铜岭村开展村民自治宣传活动。{FILLER}",
        f"本报讯（通讯员肖晓波）马山中学为留守儿童过集体生日。{FILLER}",
        "八岭山镇着力提升村民自治意识",
        "爱心助成长 留守不孤单\n马山中学多举措关爱留守儿童",
    )
    by_body = {a.body[:6]: a for a in issue.articles}
    assert by_body["近日，八岭山"].headline == "八岭山镇着力提升村民自治意识"
    child = by_body["马山中学为留"]
    assert "马山中学多举措关爱留守儿童" in f"{child.headline} {child.subheadline}"
    assert "爱心助成长 留守不孤单" in f"{child.headline} {child.subheadline}"


def test_headlines_in_a_block_at_the_top_go_to_their_own_bodies():
    issue = page(
        "区政府召开常务会议",
        "区政协开展专题协商",
        f"本报讯（通讯员周凯旋）近日，区政协组织召开专题协商会议。{FILLER}",
        f"本报讯（通讯员王思奇）5月11日，区长主持召开区政府常务会议。{FILLER}",
    )
    by_writer = {a.correspondents[0].name: a for a in issue.articles}
    assert by_writer["王思奇"].headline == "区政府召开常务会议"
    assert by_writer["周凯旋"].headline == "区政协开展专题协商"


def test_one_line_group_is_split_into_kicker_and_headline():
    issue = page(
        "万玲玲主持召开区委党建工作领导小组第一次会议 压实责任 夯实基础",
        f"本报讯(通讯员吴申畅)5月26日,区委党建工作领导小组召开第一次会议。{FILLER}",
    )
    article = only_article(issue)
    assert article.kicker == "万玲玲主持召开区委党建工作领导小组第一次会议"
    assert article.headline == "压实责任 夯实基础"


def test_headline_printed_one_character_per_line():
    issue = page(
        "万",
        "玲",
        "玲主持召开区委常",
        "委会会议",
        f"本报讯(通讯员高艳璇)近日,区委常委会召开会议,万玲玲主持会议。{FILLER}",
    )
    assert only_article(issue).headline == "万玲玲主持召开区委常委会会议"


def test_duplicated_headline_text_is_read_once():
    issue = page(
        "推进雨污分流改造推进雨污分流改造",
        f"本报讯（通讯员方徐欣）近日，城北河套片区雨污分流改造项目加速推进。{FILLER}",
    )
    assert only_article(issue).headline == "推进雨污分流改造"


def test_markdown_levels_give_kicker_and_headline():
    issue = page(
        "#### 着力推进全区干部队伍提能善为",
        "## 区委常委会(扩大)会议召开",
        f"本报讯(通讯员王开)近日,区委常委会(扩大)会议召开,着力推进全区干部队伍提能善为。{FILLER}",
    )
    article = only_article(issue)
    assert article.kicker == "着力推进全区干部队伍提能善为"
    assert article.headline == "区委常委会(扩大)会议召开"


def test_section_label_above_headline():
    issue = page(
        "清廉荆州区",
        "弥市镇：强化纪律教育 筑牢廉洁防线",
        f"本报讯（通讯员王子琪）弥市镇纪委持续加强党员干部纪律教育，筑牢廉洁防线。{FILLER}",
    )
    article = only_article(issue)
    assert article.section == "清廉荆州区"
    assert article.headline == "弥市镇：强化纪律教育 筑牢廉洁防线"


def test_headline_without_body_is_kept_as_unplaced():
    issue = page(
        "统战部召开民主党派座谈会",
        f"本报讯（通讯员黄玲）5月24日上午，区委统战部召开民主党派座谈会。{FILLER}",
        "长江大桥合龙仪式隆重举行",
    )
    assert only_article(issue).headline == "统战部召开民主党派座谈会"
    assert "长江大桥合龙仪式隆重举行" in issue.unplaced


def test_short_fragment_is_not_an_article():
    issue = page(f"本报讯（通讯员黄玲）区委统战部召开民主党派座谈会。{FILLER}", "接第一版")
    only_article(issue)
    assert "接第一版" in " ".join(issue.unplaced)


# --- photos ------------------------------------------------------------------------------------


def test_caption_with_several_photographers_and_a_title_after_it():
    issue = page(
        f"本报讯（通讯员黄霞）近日，区里召开会议。{FILLER}",
        "近日，在马山镇枣林村的茭白\n田边，助农主播们分享烹饪方式。",
        "（郑静怡 陈思思 摄）",
        "助农直播：",
        "“流量”变“销量”",
    )
    assert len(issue.articles) == 1
    photo = issue.photos[0]
    assert photo.caption == "近日，在马山镇枣林村的茭白田边，助农主播们分享烹饪方式。"
    assert photo.photographers == ["郑静怡", "陈思思"]
    assert photo.title == "助农直播：“流量”变“销量”"


def test_half_width_credit_on_the_caption_line():
    issue = page("8月23日,由市商务局指导的汽车消费活动在万达广场举行。 (雷希雨 摄)")
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("8月23日,由市商务局指导的汽车消费活动在万达广场举行。", ["雷希雨"])
    ]
    assert issue.articles == []


def test_caption_that_retells_an_article_links_to_it():
    story = "区红十字会在荆州学院举行红十字博爱周主题宣传活动，现场演练就地急救。"
    issue = page(
        f"本报讯（通讯员郑敏）5月9日，{story}{FILLER}",
        f"本报讯（通讯员王开）区政协组织召开专题协商会议。{FILLER}",
        f"5月9日，{story} （郑敏 摄）",
    )
    assert issue.photos[0].article_index == 0


# --- dates ---------------------------------------------------------------------------------------


def test_lunar_masthead_date_is_exact():
    issue = page(
        "# 荆州区新闻", "乙巳年七月初四", f"本报讯（通讯员王开）2025年招商引资工作推进。{FILLER}"
    )
    assert issue.masthead == "荆州区新闻"
    assert issue.lunar_date == "乙巳年七月初四"
    assert issue.date == dt.date(2025, 8, 26)
    assert (issue.date_source, issue.date_precision) == (DateSource.MASTHEAD, DatePrecision.DAY)


def test_lunar_year_follows_the_years_in_the_text():
    issue = page(
        "# 荆州区新闻", "乙巳年七月初四", f"本报讯（通讯员王开）1965年全县水利建设推进。{FILLER}"
    )
    assert issue.date == dt.date(1965, 7, 31)


def test_sexagenary_cycle_years():
    assert cycle_years("乙巳", 2024)[0] == 2025
    assert cycle_years("甲辰", 2030)[0] == 2024
    assert cycle_years("甲子", 1990)[0] == 1984


def test_lunar_twelfth_month_is_in_the_next_gregorian_year():
    issue = page("荆州区新闻", "甲辰年腊月廿九", f"本报讯（通讯员王开）2024年工作总结。{FILLER}")
    assert issue.date == dt.date(2025, 1, 28)


def test_date_inferred_from_years_and_datelines():
    issue = page(
        f"本报讯（通讯员王开）5月26日，2022年荆州市劳动竞赛启动。{FILLER}",
        f"本报讯（通讯员何华安）5月23日，区里总结2021年工作，部署2022年任务。{FILLER}",
    )
    assert issue.date == dt.date(2022, 5, 1)
    assert (issue.date_source, issue.date_precision) == (DateSource.INFERRED, DatePrecision.MONTH)
    assert [a.dateline for a in issue.articles] == ["5月26日", "5月23日"]
    assert [a.dateline_date for a in issue.articles] == [dt.date(2022, 5, 26), dt.date(2022, 5, 23)]


def test_year_only_when_no_dateline_and_future_targets_ignored():
    issue = page(
        f"本报讯（通讯员王开）近日，区里部署2023年工作，力争到2035年基本实现现代化。{FILLER}"
    )
    assert issue.date == dt.date(2023, 1, 1)
    assert issue.date_precision == DatePrecision.YEAR
    assert only_article(issue).dateline_date is None


def test_no_date_at_all():
    issue = page(f"本报讯（通讯员王开）近日，区里召开会议。{FILLER}")
    assert issue.date is None and issue.date_source is None and issue.date_precision is None
    assert any("no issue date" in e for e in issue.errors)


# --- people ------------------------------------------------------------------------------------


def test_people_from_titles_and_leader_lists():
    article = only_article(
        page(
            "本报讯（通讯员王思奇）近日，荆州区委书记、荆州高新区党工委书记万玲玲主持召开会议。"
            "两区领导张远重、王厚强、黄惊华、\n杨迁元，各镇负责人参加会议。区委副书记、区长张远重指出，"
            "要强化责任。副区长关勇、刘心波参加。"
        )
    )
    by_name = {m.name: m for m in article.people}
    assert list(by_name) == ["万玲玲", "张远重", "王厚强", "黄惊华", "杨迁元", "关勇", "刘心波"]
    assert by_name["万玲玲"].title == "荆州区委书记、荆州高新区党工委书记"
    assert by_name["张远重"].title == "区委副书记、区长"  # the specific title beats 两区领导
    assert by_name["关勇"].title == "副区长"
    assert all(m.role == Role.MENTIONED for m in article.people)
    assert "王思奇" not in by_name  # the byline is not a mention


def test_known_people_are_found_without_a_title():
    text = f"本报讯（通讯员王开）近日，路明强调，要优化营商环境。胡庆海表示，将全力推进。{FILLER}"
    assert only_article(parse_issue(text)).people == []
    article = only_article(parse_issue(text, known_people={"路明", "胡庆海"}))
    assert [m.name for m in article.people] == ["路明", "胡庆海"]


def test_names_known_elsewhere_in_the_issue_are_found():
    issue = page(
        f"本报讯（通讯员王开）近日，区委书记万玲玲带队调研。{FILLER}",
        f"本报讯（通讯员黄玲）万玲玲强调，要守牢安全底线。{FILLER}",
    )
    assert [m.name for m in issue.articles[1].people] == ["万玲玲"]


def test_no_junk_names():
    article = only_article(
        page(
            "本报讯（通讯员王开）近日，区委召开会议。会议由区委主持，区直单位负责人参加会议。"
            "会上，相关领导干部作发言。日前，区委常委会召开会议，部分区政协委员参加。学生们姓名、"
            "套餐信息一目了然。在各级领导关心、支持下，书记项目，主任单位，全体成员参加。"
        )
    )
    assert article.people == []


# --- robustness ----------------------------------------------------------------------------------


def test_empty_text_reports_an_error():
    issue = parse_issue("\n\n   \n")
    assert issue.articles == [] and issue.photos == []
    assert issue.errors


def test_crlf_and_bom_are_tolerated():
    text = f"\ufeff本报讯（通讯员王开）近日，区里召开会议。\r\n{FILLER}\r\n"
    article = only_article(parse_issue(text))
    assert "\r" not in article.body and not article.body.startswith("\ufeff")


# --- more layouts ------------------------------------------------------------------------------


def test_gregorian_masthead_date_and_issue_number():
    issue = page(
        "荆州区新闻\n2025年8月26日 星期二\n第1234期",
        "区政府召开常务会议",
        f"本报讯（通讯员王开）近日，区长主持召开区政府常务会议。{FILLER}",
    )
    assert issue.masthead == "荆州区新闻"
    assert issue.number == "1234"
    assert issue.date == dt.date(2025, 8, 26)
    assert (issue.date_source, issue.date_precision) == (DateSource.MASTHEAD, DatePrecision.DAY)
    assert only_article(issue).headline == "区政府召开常务会议"


def test_caption_between_paragraphs_does_not_split_the_article():
    issue = page(
        "区政府召开常务会议",
        f"本报讯（通讯员王开）近日，区长主持召开区政府常务会议。{FILLER}",
        "近日，工人在工地施工。（张三 摄）",
        f"会议要求，要持续优化营商环境。{FILLER}",
    )
    article = only_article(issue)
    assert "会议要求，要持续优化营商环境" in article.body
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("近日，工人在工地施工。", ["张三"])
    ]


def test_dense_page_without_blank_lines():
    issue = parse_issue(
        "区政府召开常务会议\n本报讯（通讯员王开）近日，区长主持召开区政府常务会议，研究部署\n"
        f"重点工作。{FILLER}\n区政协开展专题协商\n本报讯（通讯员李四）近日，区政协开展专题协商活动，推动\n"
        f"问题解决。{FILLER}\n"
    )
    assert [(a.headline, a.correspondents[0].name) for a in issue.articles] == [
        ("区政府召开常务会议", "王开"),
        ("区政协开展专题协商", "李四"),
    ]
    assert "研究部署重点工作。" in issue.articles[0].body


def test_teaser_repeating_a_headline_is_not_given_to_another_article():
    issue = page(
        "区政府召开常务会议",
        "区政协开展专题协商",
        f"本报讯（通讯员李四）近日，区政协开展专题协商活动。{FILLER}",
        "区政府召开常务会议",
        f"本报讯（通讯员王开）近日，区长主持召开区政府常务会议。{FILLER}",
    )
    assert [(a.kicker, a.headline, a.subheadline) for a in issue.articles] == [
        (None, "区政协开展专题协商", None),
        (None, "区政府召开常务会议", None),
    ]


def test_reporter_feature_byline_with_box():
    issue = page(
        "乡村振兴看荆州",
        "■ 本报记者 张三 通讯员 李四",
        f"金秋时节，走进八岭山镇，稻浪翻滚。{FILLER}",
    )
    article = only_article(issue)
    assert article.headline == "乡村振兴看荆州"
    assert [(m.name, m.title) for m in article.correspondents] == [
        ("张三", "本报记者"),
        ("李四", "通讯员"),
    ]


def test_headlines_at_the_top_are_not_taken_for_masthead_data():
    issue = page(
        "第3期道德讲堂开讲",
        f"本报讯（通讯员王开）近日，第3期道德讲堂在区文化馆开讲。{FILLER}",
        "听取工作汇报",
        f"本报讯（通讯员李四）近日，区人大常委会听取区政府工作汇报。{FILLER}",
    )
    assert issue.masthead is None and issue.number is None
    assert [a.headline for a in issue.articles] == ["第3期道德讲堂开讲", "听取工作汇报"]


@pytest.mark.parametrize("blank", ["\n", "\n\n"])
def test_headline_with_a_comma_over_a_byline(blank):
    issue = parse_issue(
        f"“数字食堂”，托起孩子们的“幸福餐盘”{blank}本报讯（通讯员王开）近日，区里推进数字食堂建设。{FILLER}\n"
    )
    assert only_article(issue).headline == "“数字食堂”，托起孩子们的“幸福餐盘”"


def test_headline_with_a_comma_after_its_body():
    issue = page(
        f"本报讯（通讯员王开）近日，区里推进数字食堂建设，托起孩子们的幸福餐盘。{FILLER}",
        "“数字食堂”，托起孩子们的“幸福餐盘”",
        "区政协开展专题协商",
        f"本报讯（通讯员李四）近日，区政协开展专题协商活动。{FILLER}",
    )
    assert [a.headline for a in issue.articles] == [
        "“数字食堂”，托起孩子们的“幸福餐盘”",
        "区政协开展专题协商",
    ]
    assert issue.unplaced == []


def test_square_brackets_and_colons_in_bylines_and_credits():
    issue = page(
        f"本报讯【通讯员：王思奇 王开】近日，区里召开会议。{FILLER}",
        "近日，工人在工地施工。【张三 摄】",
    )
    article = only_article(issue)
    assert [m.name for m in article.correspondents] == ["王思奇", "王开"]
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("近日，工人在工地施工。", ["张三"])
    ]


def test_markdown_rules_bold_and_page_numbers_are_not_text():
    issue = page(
        "**区政府召开常务会议**",
        f"本报讯（通讯员王开）近日，区长主持召开区政府常务会议。{FILLER}",
        "---",
        "2",
        f"会议要求，要持续优化营商环境。{FILLER}",
    )
    article = only_article(issue)
    assert article.headline == "区政府召开常务会议"
    assert "---" not in article.body and "\n2\n" not in article.body
    assert "会议要求，要持续优化营商环境" in article.body
    assert issue.unplaced == ["2"]


def test_digits_inside_a_sentence_stay_in_it():
    issue = page(f"本报讯（通讯员王开）全区共有学校\n30\n所，{FILLER}")
    assert "全区共有学校30所" in only_article(issue).body


def test_title_standing_right_above_a_photo_caption():
    issue = page(
        "区政府召开常务会议",
        f"本报讯（通讯员王开）近日，区长主持召开区政府常务会议。{FILLER}",
        "金秋好时节",
        "近日，八岭山镇的稻田一片金黄。（张三 摄）",
    )
    assert only_article(issue).headline == "区政府召开常务会议"
    assert [(p.title, p.caption) for p in issue.photos] == [
        ("金秋好时节", "近日，八岭山镇的稻田一片金黄。")
    ]
    assert issue.unplaced == []


def test_jump_lines_are_not_headlines():
    issue = page(
        f"本报讯（通讯员王开）近日，区长主持召开区政府常务会议。{FILLER}", "（下转第二版）"
    )
    article = only_article(issue)
    assert article.headline is None
    # The jump line is the text's own last line as printed (an editor follows it), not furniture.
    assert article.body.endswith("\n（下转第二版）")
    assert issue.unplaced == []


def test_photo_story_of_narrow_paragraphs_after_an_article():
    issue = page(
        "本报讯（通讯员何华安）5月26\n日，2022年荆州市劳动竞赛启动\n仪式在荆州区举行。竞赛旨在进一\n步发挥广大职工群众的作用。",
        "相关负责人表示，将以竞赛促技术\n创新，着力激发职工创新活力，推\n动创新成果及时转化。",
        "近日，在城北河套片\n区雨污分流改造项目\n施工现场，数台挖掘\n机正在施工。",
        "今年，荆州区逐步启\n动推进片区改造。项\n目建成后将改善居民\n生活环境。",
        "（方徐欣 摄）",
    )
    article = only_article(issue)
    assert article.body.endswith("推动创新成果及时转化。")
    assert [p.caption for p in issue.photos] == [
        "近日，在城北河套片区雨污分流改造项目施工现场，数台挖掘机正在施工。"
        "今年，荆州区逐步启动推进片区改造。项目建成后将改善居民生活环境。"
    ]


def test_column_continued_after_another_articles_headline():
    issue = page(
        "区政府召开常务会议",
        "本报讯（通讯员王开）近日，区长\n主持召开区政府常务会议，研究部\n署全区安全生产、防汛抗旱和民生\n实事等",
        "区政协开展专题协商",
        f"重点工作。{FILLER}",
        f"本报讯（通讯员李四）近日，区政协开展专题协商活动。{FILLER}",
    )
    assert [(a.headline, a.correspondents[0].name) for a in issue.articles] == [
        ("区政府召开常务会议", "王开"),
        ("区政协开展专题协商", "李四"),
    ]
    assert "防汛抗旱和民生实事等重点工作。" in issue.articles[0].body


def test_headline_run_into_its_byline_on_one_line():
    issue = page(
        f"区政府召开常务会议 本报讯（通讯员王开）近日，区长主持召开会议。{FILLER}",
        "“数字食堂”托起幸福餐盘 □ 通讯员 陈巧玲",
        f"“滴”的一声，数字食堂开饭了。{FILLER}",
    )
    assert [(a.headline, a.byline) for a in issue.articles] == [
        ("区政府召开常务会议", "本报讯（通讯员王开）"),
        ("“数字食堂”托起幸福餐盘", "通讯员 陈巧玲"),
    ]
    assert issue.articles[0].ocr_text.count("区政府召开常务会议") == 1


@pytest.mark.parametrize(
    ("inner", "names"),
    [
        ("通讯员王思奇王开", ["王思奇", "王开"]),
        ("通讯员高艳璇吴申畅", ["高艳璇", "吴申畅"]),
        ("记者欧阳娜娜", ["欧阳娜娜"]),
    ],
)
def test_names_run_together_in_a_byline_are_split(inner, names):
    assert [w.name for w in split_writers(inner)] == names


def test_year_of_a_review_issue_is_the_new_year():
    issue = page(
        f"本报讯（通讯员王开）1月5日，区里总结2021年工作：2021年GDP增长，2021年项目落地。{FILLER}",
        f"本报讯（通讯员李四）1月6日，区里部署2022年工作，2022年目标明确。{FILLER}",
    )
    assert issue.date == dt.date(2022, 1, 1)
    assert issue.date_precision == DatePrecision.MONTH


def test_a_plan_for_next_year_does_not_move_the_issue_year():
    issue = page(f"本报讯（通讯员王开）区里回顾2023年工作，2023年成效明显，谋划2024年工作。{FILLER}")
    assert issue.date is not None and issue.date.year == 2023


def test_december_dateline_in_a_january_issue_is_last_year():
    issue = page(
        "# 荆州区新闻",
        "2025年1月3日 星期五",
        f"本报讯（通讯员王开）12月30日，区里召开年终总结会。{FILLER}",
    )
    assert only_article(issue).dateline_date == dt.date(2024, 12, 30)


@pytest.mark.parametrize("text", ["本报讯（通讯员王开）", "万\n玲\n玲", "abc", "□ 通讯员 王开"])
def test_scraps_are_reported_not_dropped(text):
    issue = parse_issue(text)
    assert issue.articles == []
    assert issue.unplaced and issue.errors
