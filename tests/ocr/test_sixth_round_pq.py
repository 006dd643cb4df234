"""Sixth round: people named with no title word, more bylines and photo credits of other outlets.

The fixtures are invented text reproducing each form (docs/import-quality.md); each test pins
what an editor reading the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr import parse_issue
from articles.ocr.bylines import (
    credit_inner,
    credit_names,
    find_credit,
    is_news_byline,
    lead_byline,
)
from articles.ocr.names import split_glued_names
from articles.ocr.people import mentions_in
from articles.ocr.writers import Writer
from tests.ocr.invented import parsed


def test_people_named_with_no_title_word_are_found():
    # 女士 after a title, a name run on into its verb (杜国强守山), people met or visited
    # (走访了A家, 询问了A一家, 看望了A、B等老人), where they live, their age, a clause about
    # them (A是…, 种果树的A对…), A等村民, rare surnames (仉, 第五), a list parted by 、, a title
    # after the name (院士) and an interview's speaker after a space.
    article = parsed("sixth_pq_people").articles[0]
    assert [m.likely_name for m in article.people] == [
        "龚秀兰", "杜国强", "孙立平", "蔡德胜", "谭永福", "邓秀英", "许治林", "殷桂芳", "雷秀珍",
        "程建华", "姚春英", "彭永进", "冀明亮", "仉保国", "第五春花", "何光明", "罗秀兰", "蒋德华",
        "邓秀林", "卢秀芝",
    ]


def test_people_introduced_by_name_loss_or_a_colon_are_found():
    # 名叫A，, 失主A, a speaker before a colon after a quotation, a title and a name set off by
    # spaces; a byline left in the text names writers, and 陆续 after 党员 is no name.
    article = parsed("sixth_pq_people").articles[1]
    assert [m.likely_name for m in article.people] == ["钟勇", "郑春梅", "常秀英", "邵德明"]


def test_words_after_a_title_that_are_no_names_stay_out():
    # 书记曾到过, 书记曾多次: 曾 is a surname, but 多次 and 到过 are no given names.
    article = parsed("sixth_pq_people").articles[0]
    names = {m.name for m in article.people}
    assert not {n for n in names if n.startswith("曾")}
    text = "一位陌生老人坐在路边。池塘的水很清，池塘周围种满了柳树，池塘周边是菜地。"
    assert mentions_in(text) == []


def test_bylines_of_other_outlets_in_more_forms():
    issue = parsed("sixth_pq_bylines")
    found = [
        (a.headline, [m.name for m in a.correspondents], a.body[:6]) for a in issue.articles[:4]
    ]
    assert found == [
        # a byline wrapped after a name, the space between the names lost in the join
        ("青石镇秋茶开采", ["适晓宇", "杨文波"], "9月10日，"),
        # the paper behind the site in brackets, then a writer and 报道：
        ("石门水库完成除险加固", ["包文斌"], "9月9日，石"),
        # two outlets side by side, a day with no month before 电
        ("龙舟赛在平湖开赛", ["孔令军", "简志兵"], "11日，平湖"),
        # titles and names set off by spaces after a dateline, the text after them
        ("湾里村新修文化广场", ["尤立明", "施晓燕"], "9月8日，湾"),
    ]


def test_writers_in_brackets_after_a_site_and_the_newsroom_behind_it():
    issue = parsed("sixth_pq_bylines")
    found = [
        (a.headline, [m.name for m in a.correspondents], a.body[:5]) for a in issue.articles[10:]
    ]
    assert found[0] == ("云溪镇开展秋季义诊", ["尤立明", "严晓梅"], "走进云溪镇")


def test_a_line_of_writers_wrapped_onto_a_second_line_keeps_every_name():
    article = parsed("sixth_pq_bylines").articles[11]
    assert article.headline == "石门水库新修巡查道路"
    assert [(m.name, m.title) for m in article.correspondents] == [
        ("尤立明", "记者"), ("施晓燕", "记者"), ("严晓梅", "通讯员"), ("孔令军", "通讯员"),
    ]


def test_writers_after_the_text_in_more_forms():
    issue = parsed("sixth_pq_bylines")
    found = [(a.headline, [m.name for m in a.correspondents]) for a in issue.articles[4:10]]
    assert found == [
        ("柳林社区开展义诊", ["包文斌", "严晓梅"]),  # names parted by a slash
        ("桥头村农家书屋受欢迎", ["尤立明"]),  # （本报记者A整理）
        ("三岔河口的晨曦", ["孔令军", "施晓燕"]),  # 来源：an app, a station's 通联, writers
        ("南湖清淤工程开工", ["简志兵"]),  # 值班记者 is a title, not a name 值班
        ("学校食堂换新颜", ["尤明哲"]),  # an author line: school, post, name
        # words and pictures credited after a long text sign the article, no photo's caption
        ("渔民转产上岸记", ["孔令军", "施晓燕"]),
    ]
    assert issue.photos == []
    assert issue.unplaced == []


def test_photo_credits_in_more_forms():
    issue = parsed("sixth_pq_photos")
    assert [(p.title, p.caption[:7], p.photographers) for p in issue.photos] == [
        (None, "霜降前后，湿地", ["严晓梅"]),  # A 摄于 a place
        ("稻田收割忙", "9月9日，农机", ["尤立明", "施晓燕"]),  # 记者 A 通讯员 B 摄
        ("古渡口新貌", "9月8日，游客", ["包文斌"]),  # （A 摄于 a date）
        ("荷塘清淤", "9月6日，村民", ["严晓梅"]),
    ]
    # where or when the picture was taken stays with the caption
    assert issue.photos[2].caption == "9月8日，游客在修缮一新的古渡口拍照留念。（包文斌摄于2025年9月）"
    assert issue.unplaced == []


def test_a_credit_wrapped_inside_a_title_is_read_whole():
    # "…记者 A 通" / "讯员 B 摄": the second line alone reads as a credit from a later space on
    # (B alone); it is the end of the credit above.
    page = (
        "柑橘挂满枝\n\n9月7日，果农在园里查看柑橘长势。 清河日报全媒记者 孔令军 通\n"
        "讯员 简志兵 摄\n"
    )
    [photo] = parse_issue(page).photos
    assert (photo.title, photo.caption, photo.photographers) == (
        "柑橘挂满枝", "9月7日，果农在园里查看柑橘长势。", ["孔令军", "简志兵"],
    )


def test_a_line_retelling_the_story_above_it_is_that_photos_caption():
    # Headlines over their bodies: one line set apart after a finished text, before the next
    # headline, naming no body but retelling the story above, is a caption with no credit.
    page = (
        "清河日报\n\n2025年9月12日 星期五\n\n"
        "桥头村百年古井修缮一新\n\n"
        "9月8日，桥头村的百年古井修缮完工，村里请来老石匠清理井底淤泥、加固井壁，"
        "又在古井旁铺了青石板，村民打水再也不怕脚下打滑了。\n\n"
        "村民在修缮一新的古井旁打水\n\n"
        "桥头村农家书屋受欢迎\n\n"
        "9月6日，桥头村农家书屋新添图书两千册，每天来借书的村民有二十多人，"
        "书屋还设了儿童阅读角。\n"
    )
    issue = parse_issue(page)
    assert [a.headline for a in issue.articles] == ["桥头村百年古井修缮一新", "桥头村农家书屋受欢迎"]
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("村民在修缮一新的古井旁打水", []),
    ]
    assert issue.unplaced == []


def test_a_title_printed_letter_spaced_in_a_credit_is_read():
    match = find_credit("特约记者 尤立明 通 讯 员 施晓燕 摄")
    assert match is not None and credit_names(credit_inner(match)) == ["尤立明", "施晓燕"]


def test_a_sentence_saying_when_a_picture_was_taken_is_no_credit():
    assert find_credit("这张照片摄于1998年。") is None
    # a line opening with the end of a wrapped title is read with the line above
    assert find_credit("讯员 简志兵 摄") is None


def test_a_dateline_wrapped_before_its_month_opens_no_article():
    # "…某某网某地12" / "月10日电（…）": the second line is the rest of a dateline, not one.
    assert not is_news_byline("月10日电（助理记者 齐远 通讯员 邬晓岚）近日，")
    assert lead_byline("某某网讯 通讯员包文斌严晓梅9月21日，某镇卫生院…").writers == [
        Writer("包文斌", "通讯员"), Writer("严晓梅", "通讯员"),
    ]


def test_a_byline_crediting_words_and_pictures_is_no_photo_credit():
    # 本报讯（记者 A 通讯员 B 文/图） opens an article; its writers took the pictures too.
    text = "本报讯（记者 梁文清 通讯员 严晓梅 文/图）"
    assert find_credit(text) is None
    assert [w.name for w in lead_byline(text + "5月26日，某车队志愿者来到敬老院。").writers] == [
        "梁文清", "严晓梅",
    ]


def test_credits_with_a_slash_after_the_title_or_the_picture_word():
    for text, names in (
        ("▲村民在晒谷场翻晒稻谷。记者/聂文静 摄", ["聂文静"]),
        ("通讯员/戚晓丽 摄", ["戚晓丽"]),
        ("居民正在观赏花灯。图/本报记者 张一帆", ["张一帆"]),
    ):
        match = find_credit(text)
        assert match is not None and credit_names(credit_inner(match)) == names, text


def test_names_run_together_start_a_name_at_a_top_surname():
    assert split_glued_names("孔洁王成林") == ["孔洁", "王成林"]
    assert split_glued_names("王思奇王开") == ["王思奇", "王开"]
    assert split_glued_names("王树林李明") == ["王树林", "李明"]
