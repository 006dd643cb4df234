"""Second round on other outlets' pages: headlines stacked over bodies with no byline, pages
with no blank line anywhere, headlines run into the text or the byline after them, subheads
inside an article, further byline and credit forms, and names whose surname the OCR misread.

The fixtures are invented text reproducing each form (docs/import-quality.md); each test pins
what an editor reading the page would say.
"""

from __future__ import annotations

import pytest

from articles.ocr import parse_issue
from articles.ocr.bylines import lead_byline, tail_byline, writer_line
from articles.ocr.names import misread_name, split_glued_names
from articles.ocr.types import ParsedArticle, ParsedIssue
from tests.ocr.invented import parsed


def article(issue: ParsedIssue, headline: str) -> ParsedArticle:
    found = [a for a in issue.articles if a.headline == headline]
    assert len(found) == 1, f"{headline!r}: {[a.headline for a in issue.articles]}"
    return found[0]


def writers(a: ParsedArticle) -> list[str]:
    return [m.name for m in a.correspondents]


# --- headlines stacked at the top over bodies with no byline ----------------------------------


def test_stacked_headlines_that_share_words_each_find_their_own_body():
    issue = parsed("stacked_shared_words")
    # Two headlines share 春风行动: the words they do not share, and where a new column starts
    # after a short last line, tell the text apart.
    assert [(a.headline, a.body[:6], a.body[-6:]) for a in issue.articles] == [
        ("峰口镇“春风行动”招聘会吸引千人求职", "3月5日，峰", "达成就业意向。"[-6:]),
        ("汊河镇“春风行动”送岗位进村组", "“岗位送到家", "逐户跟进服务。"[-6:]),
        ("小港湖农场早春育秧忙", "惊蛰过后，小", "移栽到大田。"[-6:]),
        ("曹市镇开展防汛物资清点", "连日来，曹市", "队伍拉得出。"[-6:]),
    ]


def test_text_after_a_running_head_starts_the_next_page():
    issue = parsed("stacked_shared_words")
    assert "防汛" not in article(issue, "小港湖农场早春育秧忙").body
    assert issue.unplaced == ["2024年3月8日 第2版 责任编辑：陈思远"]


# --- pages with no blank line at all ---------------------------------------------------------


def test_headlines_on_a_page_with_no_blank_lines():
    issue = parsed("dense_no_blanks_2")
    assert [(a.section, a.headline, a.subheadline) for a in issue.articles] == [
        (None, "柘木乡新建三座泵站", None),  # the page's first line
        (None, "桥市镇为留守老人送餐上门", None),  # right after the writers signing the one above
        ("乡村振兴", "毛市镇龙湾村发展稻虾共作", None),  # under a column label, as wide as the text
        (None, "春耕正当时，农机跑得欢", "——朱河镇组织农机手开展春耕作业"),  # over a dash line
        (None, "尺八镇举办油菜观赏节", None),  # the first line after the running head
    ]
    assert writers(issue.articles[0]) == ["黄晓敏", "周家宝"]
    assert issue.articles[0].body.endswith("每年汛前检修一次。")


def test_a_boxed_subhead_stays_inside_its_article():
    issue = parsed("dense_no_blanks_2")
    spring = article(issue, "春耕正当时，农机跑得欢")
    assert "\n■记者感言\n春耕备耕关系全年收成" in spring.body
    assert spring.correspondents == []  # 记者感言 names no reporter
    assert "■记者感言" not in issue.unplaced


# --- a headline run into the line after it; subheads inside an article -----------------------


def test_a_headline_read_into_the_first_line_of_its_body():
    a = article(parsed("glued_and_subheads"), "熊河镇举办农民丰收节展销农产品")
    assert a.body.startswith("8月15日，熊河镇举办农民丰收节")


def test_a_headline_read_into_the_byline_after_it():
    a = article(parsed("glued_and_subheads"), "郝穴镇护堤员冒着高温巡堤")
    assert writers(a) == ["沈晓雨"]
    assert a.body.startswith("8月14日，郝穴镇") and a.body.endswith("及时上报处理。")


def test_short_subheads_do_not_split_the_story_they_belong_to():
    issue = parsed("glued_and_subheads")
    story = article(issue, "普济镇“稻渔共作”鼓起农民钱袋子")
    assert story.body.startswith("盛夏时节") and story.body.endswith("不用再为销路发愁。")
    assert "\n虾稻田里算细账\n" in story.body and "\n合作社里抱成团\n" in story.body
    assert len(issue.articles) == 4


def test_a_headline_printed_after_a_body_on_the_next_page():
    a = article(parsed("glued_and_subheads"), "资市镇开展防溺水宣传")
    assert a.body.startswith("8月13日，资市镇")


# --- bylines and credits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "names", "opening"),
    [
        ("周巷镇开展河道保洁行动", ["晏小川"], "6月1日"),  # 孝感网（特约记者 …）: no 讯
        ("卫店镇党员志愿者走进敬老院", ["罗一鸣", "沈立夏"], "6月2日"),  # writers under no headline
        ("全县新建高标准农田5万亩", ["韩立冬"], "今年以来"),  # unit, post, name
        ("白沙镇农技人员田间指导忙", ["马晓光", "彭芸", "何平"], "连日来"),  # wrapped, with editors
        ("城关派出所反诈宣传进社区", ["韦思远"], "为提升"),  # （城关派出所韦思远）
    ],
)
def test_writers_of_other_outlets(headline, names, opening):
    a = article(parsed("bylines_and_credits_2"), headline)
    assert writers(a) == names
    assert a.body.startswith(opening)
    assert "（" not in a.body[-12:]  # the writers are not left at the end of the text


def test_a_photo_title_and_a_credit_naming_its_photographers_on_the_next_lines():
    issue = parsed("bylines_and_credits_2")
    [photo] = issue.photos
    assert photo.title == "荷花开了！"
    assert photo.caption == "6月2日，游客在洪湖湿地公园赏荷拍照。图为荷塘里盛开的荷花。"
    assert photo.photographers == ["唐小荷", "邓一平", "陶然"]
    assert all("荷花" not in a.body for a in issue.articles)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("县人社局 办公室主任 张三丰", ["张三丰"]),
        ("熊河镇党委副书记 李晓东", ["李晓东"]),
        ("文 /王小明 图 /赵一鸣", ["王小明", "赵一鸣"]),
        ("作者单位：某县委宣传部", None),
        ("■记者感言", None),
        ("荆楚网讯（通讯员张一凡、李若水）金秋", None),  # a byline and the text after it
    ],
)
def test_lines_of_writers(line, names):
    found = writer_line(line)
    assert (found.writers and [w.name for w in found.writers] if found else None) == names


def test_an_outlets_name_with_writers_in_brackets_opens_the_text():
    lead = lead_byline("洪湖新闻网（特约记者晨阳）金秋十月，长湖岸边秋高气爽")
    assert lead is not None and [w.name for w in lead.writers] == ["晨阳"]
    assert lead_byline("荆州新闻网报道，近日") is None


def test_an_office_run_into_the_writers_name():
    tail = tail_byline("…良好局面。（城南交警中队李向东）")
    assert tail is not None and [w.name for w in tail.writers] == ["李向东"]


def test_a_second_signature_is_kept_in_the_text():
    text = (
        "荆州区新闻\n\n区里开展植树活动\n\n本报讯（通讯员 王开）3月12日，区里组织干部职工到太湖港"
        "植树造林，共栽下香樟、桂花等苗木2000余株，为城区增添新绿。（李明 张华）\n"
    )
    [a] = parse_issue(text).articles
    assert writers(a) == ["王开"]
    assert a.body.endswith("为城区增添新绿。（李明张华）")  # spaces between CJK closed up


# --- names whose surname the OCR misread --------------------------------------------------------


def test_misread_surnames_are_found_and_flagged():
    issue = parsed("misread_names")
    drill = article(issue, "高陵镇开展夏季消防演练")
    assert [(m.name, m.misread and m.misread.likely) for m in drill.correspondents] == [
        ("划晓明", "刘晓明"),
        ("玉思雨", "王思雨"),
    ]
    [mayor] = drill.people
    assert mayor.name == "玉建国" and mayor.title == "镇长"  # the text stays as printed
    assert mayor.misread is not None and mayor.misread.printed == "玉建国"
    assert mayor.likely_name == "王建国"
    # No title, but named twice, the second time opening a clause.
    peaches = article(issue, "调关镇桃子熟了")
    assert [m.likely_name for m in peaches.people] == ["刘佳林"]


def test_words_that_only_look_like_misread_names_are_not_people():
    assert misread_name("划小明") == "刘小明"
    assert misread_name("玉京军") == "王京军"
    assert misread_name("刘小明") is None  # printed right
    issue = parse_issue(
        "荆州区新闻\n\n玉米喜获丰收\n\n本报讯（通讯员 王开）连日来，川店镇的玉米地里一片繁忙，"
        "划分到户的500亩玉米陆续成熟，农户们趁着天晴采收晾晒。\n"
    )
    assert issue.articles[0].people == []


def test_glued_names_prefer_names_read_as_printed():
    assert split_glued_names("张华魏玉兰") == ["张华", "魏玉兰"]
    assert split_glued_names("胀立新刘一鸣") == ["胀立新", "刘一鸣"]


def test_people_the_titles_and_lists_introduce():
    volunteers = article(parsed("misread_names"), "团山寺镇志愿服务进社区")
    assert [m.name for m in volunteers.people] == [
        "付晓",
        "代小燕",  # 网格员付晓和代小燕: joined by 和
        "贺晓岚",  # 党总支书记助理: the title inside 支书…书记助理
        "周斌",  # 种粮大户周斌一边…
        "杨帆",  # 企业代表杨帆分享…
        "殷早春",  # …有限公司殷早春获评…
    ]


def test_a_headline_short_of_a_column_set_on_a_grid():
    # No blank line, a headline that repeats no word of its story, one line of a column whose
    # lines are all 18 characters: a text line that short would have ended its paragraph.
    issue = parsed("dense_grid")
    assert [a.headline for a in issue.articles] == [
        "白螺镇农技人员指导小麦病虫害防治",
        "一片嫩叶富了百姓又鼓了集体钱袋子",
    ]
    assert issue.articles[1].body.startswith("清明前后")


def test_a_dash_opening_a_wrapped_line_goes_on_with_the_sentence():
    text = (
        "荆州区新闻\n2024年3月4日 星期一\n\n镇里发放春耕物资\n\n"
        "3月2日一早，川店镇农资站的职工就开\n始装车，按各村报来的清单清点种子\n"
        "——化肥、农药、地膜逐户配送到家，\n赶在春播之前全部送达，不误农时。\n"
    )
    [a] = parse_issue(text).articles
    assert a.headline == "镇里发放春耕物资" and a.subheadline is None
    assert "清点种子——化肥、农药" in a.body


def test_a_headline_printed_after_the_last_body_of_the_page():
    # Its words are not those of the lines just above it; nothing follows it.
    body = (
        "本报讯（通讯员 王开）10月28日，白鹭湖敬老院里一片欢声笑语。志愿者为老人们送上重阳糕，"
        "表演了快板、小品等节目。随后，大家分组为老人理发、测血压、打扫房间，陪老人们拉家常。"
        "活动结束时，老人们拉着志愿者的手，一再叮嘱他们常来坐坐。据了解，该院现有老人46名，"
        "近年来先后建起阅览室、康复室和菜园，每逢节日都有爱心单位和志愿者前来慰问，"
        "老人们的日子过得舒心又热闹。"
    )
    lines = [body[k : k + 12] for k in range(0, len(body), 12)]
    text = "荆州区新闻\n2024年10月30日 星期三\n\n" + "\n".join(lines) + "\n\n重阳节，白鹭湖敬老院里歌声甜！\n"
    [a] = parse_issue(text).articles
    assert a.headline == "重阳节，白鹭湖敬老院里歌声甜！"
    assert a.body.endswith("舒心又热闹。")


def test_a_paragraphs_first_line_cut_off_under_a_headline_is_text():
    text = (
        "荆州区新闻\n2024年3月4日 星期一\n\n一条修进群众心坎里的产业路\n\n近日，弥市镇组织党员干部走村\n\n"
        "入户开展走访，收集群众意见建\n议60余条，现场解决道路硬化、\n路灯安装等问题18个。\n"
    )
    [a] = parse_issue(text).articles
    assert (a.headline, a.subheadline) == ("一条修进群众心坎里的产业路", None)
    assert a.body.startswith("近日，弥市镇组织党员干部走村入户")
