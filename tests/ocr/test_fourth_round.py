"""Fourth round on other outlets' pages: datelines and credits as a new corpus printed them.

The fixtures are invented text reproducing each form (docs/import-quality.md); each test pins
what an editor reading the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr import parse_issue
from tests.ocr.invented import parsed


def test_report_inside_a_sentence_or_a_quotation_opens_no_article():
    # "一线的报道”主题采访团" closes a quoted title and "…形式报道防火知识" uses 报道 as a verb:
    # neither line is an outlet's dateline, so neither article is cut there.
    issue = parsed("quoted_reports")
    assert [(a.headline, a.body[:6], a.body[-6:]) for a in issue.articles] == [
        ("荒湖农场举办秋季农技培训", "9月2日，荒", "、适时收割。"),
        ("尺八镇开展秋季防火巡查", "9月1日，尺", "消除安全隐患。"[-6:]),
    ]
    assert issue.articles[1].byline is None


def test_writers_after_a_dateline_in_the_forms_other_outlets_print():
    issue = parsed("credits_and_datelines")
    found = [
        (a.headline, [(m.name, m.title) for m in a.correspondents], a.body[:6])
        for a in issue.articles
    ]
    assert found == [
        # a newsroom run into the first title, names parted by 、, then 报道：
        ("熊口镇稻虾田迎来收获季",
         [("吴晓峰", "全媒体记者"), ("周子涵", "通讯员"), ("李梦瑶", "通讯员")], "10月7日，"),
        # names glued to 摄影报道：
        ("浩口镇新修灌溉渠通水", [("陈思远", "通讯员"), ("郑佳琪", "通讯员")], "10月6日，"),
        # names alone after the dateline, the date run into the last one
        ("老新镇举办农民丰收节", [("何佳宁", ""), ("孙梦洁", "")], "10月5日，"),
        # a line of writers ending with the place they report from
        ("渔洋镇莲藕喜获丰收", [("许文涛", "记者"), ("林雨欣", "见习记者")], "10月4日，"),
    ]


def test_a_caption_with_no_punctuation_before_its_credit_is_a_photo():
    issue = parsed("credits_and_datelines")
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("田园秋色", ["吴晓峰"]),
        ("秋日田园", ["周子涵", "李梦瑶"]),  # 本期摄影：, after the caption
    ]
    assert issue.unplaced == []


def test_column_names_joined_by_a_middle_dot_are_a_label_not_a_headline():
    issue = parsed("dotted_labels")
    [article] = issue.articles
    assert (article.section, article.kicker, article.headline) == (
        "乡村观察·综合新闻", None, "王场镇百岁老人喜过重阳",
    )


def test_captions_printed_with_no_credit_are_photos():
    # A paragraph opening with ▲ or 图为 after an article's text points at its picture: a
    # caption even where the paper prints no credit, one photo each, never the article's text.
    issue = parsed("uncredited_captions")
    assert [(a.headline, a.body[-6:]) for a in issue.articles] == [
        ("弥市镇柑橘喜获丰收", "武汉、长沙等地。"[-6:]),
        ("川店镇新建文化广场投用", "纷纷来到广场跳舞、散步。"[-6:]),
    ]
    assert [(p.caption[:8], p.photographers) for p in issue.photos] == [
        ("▲果农在基地里采", []),
        ("▲10月13日，", []),
        ("图为村民在新广场", []),
    ]


def test_people_introduced_by_age_by_name_or_by_what_they_say():
    # Titles that name ordinary people (保洁员, 果园主), a word after the name that no rule
    # knew (回忆, 看着), "62岁的…", "他叫…" and "…，卢秀英说，": each once is enough.
    [article] = parsed("people_untitled").articles
    assert [(m.name, m.title) for m in article.people] == [
        ("单秀芝", "保洁员"), ("蒋德福", ""), ("饶春林", "村民"), ("袁德顺", ""),
        ("莫永清", "果园主"), ("卢秀英", ""),
    ]


def test_a_set_apart_line_between_an_article_and_the_next_headline_is_no_kicker():
    # "种植户在田间查看稻穗长势" under an article's last sentence, blank lines around it, shares
    # no words with the story below: a picture's caption printed without credit, not the next
    # article's kicker. Since the sixth round it is that photo's caption (it retells the story
    # above it); before, it was left unplaced for the editor.
    issue = parsed("caption_lines")
    assert [(a.kicker, a.headline) for a in issue.articles] == [
        (None, "八宝镇早稻开镰收割"), (None, "涴市镇举办夏季招聘会"),
    ]
    assert [(p.caption, p.photographers) for p in issue.photos] == [("种植户在田间查看稻穗长势", [])]
    assert issue.unplaced == []


def test_a_misread_name_before_report_is_a_writer_not_a_place():
    # "…林雨欣 渔洋报道": 渔洋 is where they report from; "划晓明报道": a writer whose surname
    # the OCR misread (划 for 刘), never a place.
    from articles.ocr.writers import read_credits

    assert [w.name for w in read_credits("记者 许文涛 见习记者 林雨欣 渔洋报道").writers] == [
        "许文涛", "林雨欣",
    ]
    assert [w.name for w in read_credits("通讯员 张立 划晓明报道").writers] == ["张立", "划晓明"]


def test_credit_forms_after_a_caption_sentence():
    from articles.ocr.bylines import credit_inner, credit_names, find_credit

    def names(text: str) -> list[str] | None:
        match = find_credit(text)
        return credit_names(credit_inner(match)) if match else None

    assert names("果园里挂满了成熟的果子。通讯员陈立/摄") == ["陈立"]
    assert names("农户在晾晒稻谷。 图/文 沈一帆 何小雨") == ["沈一帆", "何小雨"]
    assert names("村民在采收茶叶。 特约摄影 吕小川") == ["吕小川"]
    # Under a headline 文/图 names the writers, not a photo's: no credit there.
    assert names("文/图 记者 张立 李佳") is None
    # A column label in brackets is no byline: 走一线 is no reporter's name.
    from articles.ocr.bylines import writer_line

    assert writer_line("[记者走一线]") is None


def test_a_caption_credit_wrapped_inside_a_name_under_a_short_article():
    # "…柑橘。 刘" / "晓峰、罗佳怡 摄影报道": one credit, names parted by 、; the short
    # article above it keeps its text (图为 says where the caption starts).
    issue = parsed("captions_wrapped")
    [article] = issue.articles
    assert (article.headline, article.body[-6:]) == ("桃花村柑橘迎来采摘季", "果园负责人说。"[-6:])
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("图为大学生在果园里采摘柑橘。", ["刘晓峰", "罗佳怡"])
    ]


def test_an_author_line_naming_a_team_signs_the_article_above():
    # "作者：沿江采访团" names no person, but it is a signature: it ends the story above and
    # is not the kicker of the headline under it.
    issue = parse_issue(
        "监利日报\n\n2024年5月6日 星期一\n\n江堤新添观景台 傍晚散步人气旺\n"
        "新修的观景台每天傍晚都挤满了散步的\n居民，成了江边最热闹的一处地方。\n"
        "作者：沿江采访团\n"
        "王场镇开展秋冬季环境卫生整治活动\n"
        "近日，王场镇秋冬季环境卫生整治活动在\n幸福村举行，党员群众纷纷参与。\n"
    )
    assert [(a.kicker, a.headline, a.byline) for a in issue.articles] == [
        (None, "江堤新添观景台 傍晚散步人气旺", "作者：沿江采访团"),
        (None, "王场镇开展秋冬季环境卫生整治活动", None),
    ]


def test_a_photo_report_signed_after_a_long_text_is_an_article_with_writers():
    # "（记者 A B 摄影报道）" after a text longer than any caption signs a photo report: an
    # article by those writers, not a caption cut off the end of it.
    body = "".join(
        f"青山村第{n}组的村民清晨就来到湖边，清理岸边的水草和垃圾，保护湖水清澈。" for n in range(1, 10)
    )
    issue = parse_issue(f"东湖日报\n\n2024年6月3日 星期一\n\n湖边村民护生态\n\n{body}（记者 杨立 雷佳 摄影报道）\n")
    [article] = issue.articles
    assert [m.name for m in article.correspondents] == ["杨立", "雷佳"]
    assert issue.photos == []


def test_author_lines_with_a_chain_of_posts_or_a_writing_credit():
    from articles.ocr.bylines import writer_line

    line = writer_line("某某区委副书记、政法委书记、某镇党委书记 潘立")
    assert line is not None and [w.name for w in line.writers] == ["潘立"]
    line = writer_line("文字/胡一鸣")
    assert line is not None and [w.name for w in line.writers] == ["胡一鸣"]


def test_a_dateline_and_writers_wrapped_inside_a_title_stay_one_byline():
    # "…讯 记者王立、通" / "讯员甘小强报道：…": the second line goes on with the first.
    issue = parse_issue(
        "荆南日报\n\n2024年7月2日 星期二\n\n社区开展消防演练\n\n"
        "荆南新闻网讯 记者王立、通\n讯员甘小强报道：社区里警报声响起，居\n"
        "民们在网格员带领下有序撤离。\n"
    )
    [article] = issue.articles
    assert [m.name for m in article.correspondents] == ["王立", "甘小强"]
    assert article.body.startswith("社区里警报声响起")


def test_a_headline_with_a_comma_at_the_top_of_a_page_with_no_blank_lines():
    # Nothing above it can go on into it: "渡口通了桥，赶集不用船" over a wider column is the
    # first article's headline, not the first line of its text.
    issue = parse_issue(
        "沙洋日报\n\n2019年6月19日 星期三\n\n渡口通了桥，赶集不用船\n"
        "清晨六点，两岸的村民已经在新桥上来\n来往往，挑着菜担赶往对岸的集市里。\n"
        "以前过河要等渡船，如今十分钟就到了\n，村民们都说这座桥修到了心坎上。\n"
    )
    [article] = issue.articles
    assert (article.headline, article.body[:5]) == ("渡口通了桥，赶集不用船", "清晨六点，")


def test_a_text_and_photo_credit_run_into_a_three_character_name():
    # "林启航文/摄": 林启航 wrote and photographed it; "李文/摄", "张晓文/摄" are names in 文.
    from articles.ocr.bylines import lead_byline
    from articles.ocr.writers import read_credits

    lead = lead_byline("东湖新闻网3月2日讯（东湖晚报记者 林启航文/摄）连日来，")
    assert lead is not None and [w.name for w in lead.writers] == ["林启航"]
    assert [w.name for w in read_credits("李文/摄").writers] == ["李文"]
    assert [w.name for w in read_credits("记者 张晓文/摄").writers] == ["张晓文"]
