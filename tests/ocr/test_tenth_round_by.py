"""Tenth round: bylines the parser read only in part, or not at all.

The fixtures are invented text reproducing each form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.types import ParsedArticle
from tests.ocr.invented import parsed, writers_of


def _article(name: str, headline: str) -> ParsedArticle:
    return next(a for a in parsed(name).articles if a.headline == headline)


def test_a_dateline_in_brackets_of_its_own_then_a_newsroom_run_into_the_title():
    # 【本网讯】 opens the text, then the newsroom run into the title (本网特派记者) and 报道：.
    article = _article("tenth_by_lead_forms", "青溪河步道全线贯通")
    assert writers_of(article) == ["柏林芳"]
    assert article.body.startswith("11月5日，青溪河")


def test_a_name_run_into_the_next_titles_newsroom_is_still_a_writer():
    # "本报记者 A本报通讯员 B": the space before 本报 lost, A is not swallowed as a newsroom.
    article = _article("tenth_by_lead_forms", "老街卫生院新添救护车")
    assert writers_of(article) == ["严可钦", "谭晓梅"]


def test_a_credit_word_run_into_the_name_after_it():
    # （记者 A 摄影B C）after an outlet and its newsroom in brackets: 摄影 says what B did.
    article = _article("tenth_by_lead_forms", "南山茶园迎来秋茶采摘")
    assert writers_of(article) == ["邵雨晴", "葛志鹏", "范书宁"]
    assert article.body.startswith("秋茶上市")


def test_a_media_centre_before_the_writers_brackets_is_an_outlet():
    article = _article("tenth_by_lead_forms", "渡口村修好了码头")
    assert writers_of(article) == ["鲁宏远"]
    assert article.body.startswith("10月30日，渡口")


def test_an_app_of_four_characters_before_reported_ends_the_writers_line():
    # "融媒体记者 A B C 掌上某地报道": the app the writers report for, not a name.
    article = _article("tenth_by_lead_forms", "稻田里的丰收节")
    assert writers_of(article) == ["滕俊杰", "邹文静", "汤志华"]
    assert article.body.startswith("金秋十月")


def test_words_and_pictures_credited_with_backslashes():
    article = _article("tenth_by_signatures", "山里的读书会")
    assert writers_of(article) == ["蒋若溪", "柳春生"]
    assert article.subheadline is None


def test_an_author_line_with_a_societys_post():
    # "某县某研究会常务副会长 A" under the headline: the author, not a subheadline nor text.
    article = _article("tenth_by_signatures", "古渡口的前世今生")
    assert writers_of(article) == ["贺敬舟"]
    assert article.body.startswith("古渡口在")


def test_a_name_in_brackets_after_the_last_sentence_though_the_table_doubts_it():
    # （A） after a closing quotation: a given name ending in 和 is still a writer there.
    article = _article("tenth_by_signatures", "巷子里的修鞋摊")
    assert writers_of(article) == ["钱永和"]
    assert article.body.endswith("不能糊弄人！”")


def test_a_source_after_a_line_of_verse_and_a_place_run_into_a_title():
    # （来源：… 某地通联记者 A 通讯员 B） after a verse line with no full stop: the
    # text's signature; the place run into 通联记者 is where A works, not a writer.
    article = _article("tenth_by_signatures", "南山诗会在枫林里开幕")
    assert writers_of(article) == ["宋佳音", "孔德胜"]
    assert article.body.endswith("炊烟升起在黄昏")


def test_an_outlet_and_its_newsroom_alone_on_a_line_over_the_writers():
    # "某某新闻网（某县融媒体中心）" / "（记者 A 通讯员 B）": one byline, no subheadline.
    issue = parsed("tenth_by_outlet_alone")
    (article,) = issue.articles
    assert writers_of(article) == ["何思源", "龚雪梅"]
    assert article.subheadline is None
    assert article.body.startswith("11月7日")
    assert issue.unplaced == []


def test_a_signed_quotation_closing_a_text_is_its_end_not_a_headline():
    # One paragraph a line: the text's last line, a quotation and its writer in brackets,
    # stands alone before a photo's caption — it ends the text (signed), it heads nothing.
    issue = parsed("tenth_by_signed_quote")
    (article,) = issue.articles
    assert writers_of(article) == ["钱永明"]
    assert article.body.endswith("停车场修得好！”")
    assert issue.unplaced == []
    assert [p.photographers for p in issue.photos] == [["谢文涛"]]


def test_a_headline_naming_reporters_is_no_line_of_writers():
    # "某地记者走进某镇采访新村庄建设": 记者 inside a headline's clause; what follows it is no
    # village office run into a name (庄建设), so the line heads its text and signs nothing.
    article = _article("tenth_by_lead_forms", "省城记者走进白沙镇采访新村庄建设")
    assert writers_of(article) == ["程雅琴"]


def test_writers_brackets_wrapped_between_two_names():
    # "某某晚报讯（记者 A B" / "C）11月10日，…": the line break took the space between B (a
    # name the table doubts) and C; joined, BC still reads as two writers.
    article = _article("tenth_by_wrapped_names", "古城墙修缮工程完工")
    assert writers_of(article) == ["柏云舟", "南晓川", "吕娜"]
    assert article.body.startswith("11月10日，青溪古城墙")


def test_a_line_pointing_the_reader_to_the_programme_closes_the_text():
    # "更多详情请收看本台…《…》" after the last paragraph, wrapped: the text's last line as
    # printed, not a headline of the story after it nor a line left over.
    issue = parsed("tenth_by_wrapped_names")
    article = _article("tenth_by_wrapped_names", "古城墙修缮工程完工")
    assert article.body.endswith("更多详情请收看本台当晚的《青溪新闻》")
    following = _article("tenth_by_wrapped_names", "新建的社区食堂开张了")
    assert following.kicker is None
    assert issue.unplaced == []


def test_a_photo_reports_writers_alone_on_a_line_sign_the_text_above():
    # "□记者 A 摄影报道" right under the last paragraph of a text longer than any caption:
    # A signs that text (its last paragraph stays text, no caption); the line after it is
    # one picture's caption.
    issue = parsed("tenth_by_photo_report")
    article = _article("tenth_by_photo_report", "秋色满青溪")
    assert writers_of(article) == ["闻若松"]
    assert article.body.endswith("县摄影家协会联合举办。")
    assert [p.caption for p in issue.photos] == ["枫林深处的老渡口，几只木船静静地泊在岸边。"]
