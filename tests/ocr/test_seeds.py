"""Facts about the five seed issues, read by an editor from the files, pinned for the parser."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from articles.ocr import parse_issue
from articles.ocr.types import DatePrecision, DateSource, ParsedArticle, ParsedIssue

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
JUNK_NAMES = {
    "近日",
    "会议",
    "区委",
    "日前",
    "会上",
    "目前",
    "同志",
    "领导",
    "两区",
    "区长",
    "书记",
}


@cache
def parsed(prefix: str) -> ParsedIssue:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_issue(path.read_text(encoding="utf-8"))


def source(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def article_with(issue: ParsedIssue, phrase: str) -> ParsedArticle:
    """The one article whose body holds ``phrase`` (two would mean a body was duplicated)."""
    found = [a for a in issue.articles if phrase in a.body]
    assert len(found) == 1, f"{phrase!r} in {len(found)} articles"
    return found[0]


def heading(article: ParsedArticle) -> str:
    return " ".join(
        filter(None, [article.section, article.kicker, article.headline, article.subheadline])
    )


def names(article: ParsedArticle) -> list[str]:
    return [m.name for m in article.correspondents]


def people(article: ParsedArticle) -> list[str]:
    return [m.name for m in article.people]


# --- 000: wrapped columns, headlines in blocks away from their bodies -------------------------

SEED_000 = [
    # (phrase in body, phrase in its headline group or None, correspondents)
    ("两区经济形势分析会议", None, ["王思奇"]),
    ("弥市镇纪委充分运用", "弥市镇：强化纪律教育 筑牢廉洁防线", ["王子琪"]),
    ("大招商、招大商", "以高质量项目推动区域经济高质量发展", ["高艳璇", "吴申畅"]),
    ("新凤社区老旧小区改造项目", "万玲玲调研督办两区政府投资项目", ["苏艳妮", "王思奇"]),
    ("区发改局负责人汇报", "荆州区召开“十五五”规划编制推进会", ["吴申畅"]),
    ("江岸区委书记姚彬", "万玲玲带队到武汉市江岸区考察学习历史文化街区保护利用工作", []),
    ("会议还研究了其他事项", "区政府召开常务会议", ["王思奇", "苏艳妮"]),
    ("路明强调", "规范涉企执法监管行为", ["周凯旋"]),
    ("“滴”的一声轻响", "“数字食堂”，托起孩子们的“幸福餐盘”", ["陈巧玲", "苏艳妮"]),
]


@pytest.mark.parametrize(("phrase", "head", "writers"), SEED_000)
def test_000_articles_pair_headlines_bodies_and_bylines(phrase, head, writers):
    article = article_with(parsed("000"), phrase)
    if head is None:
        assert article.headline is None
    else:
        assert head in heading(article)
    assert names(article) == writers


def test_000_counts_groups_and_sections():
    issue = parsed("000")
    assert len(issue.articles) == 9
    assert len(issue.photos) == 2
    招商 = article_with(issue, "大招商、招大商")
    assert "荆州区、荆州高新区召开招商引资项目落地推进工作调度会" in heading(招商)
    督办 = article_with(issue, "新凤社区老旧小区改造项目")
    assert "紧盯建设时效 守牢安全底线" in heading(督办)
    assert "区政协开展专题协商" in heading(article_with(issue, "路明强调"))
    assert "清廉荆州区" in (article_with(issue, "弥市镇纪委充分运用").section or "")
    # Headlines are not left behind as articles of their own.
    assert not any(a.body.startswith(("区政府召开常务会议", "助农直播")) for a in issue.articles)


def test_000_bylines_and_datelines():
    issue = parsed("000")
    assert article_with(issue, "区发改局负责人汇报").byline == "本报讯（通讯吴申畅）"
    assert article_with(issue, "江岸区委书记姚彬").byline == "本报讯"
    feature = article_with(issue, "“滴”的一声轻响")
    assert "陈巧玲" in (feature.byline or "")
    meeting = article_with(issue, "大招商、招大商")
    assert meeting.dateline == "5月11日"
    assert meeting.dateline_date == dt.date(2025, 5, 11)


def test_000_photos_and_date():
    issue = parsed("000")
    by_credit = {tuple(p.photographers): p for p in issue.photos}
    assert set(by_credit) == {("郑敏",), ("郑静怡", "陈思思")}
    assert "红十字博爱周" in by_credit[("郑敏",)].caption
    assert "（" not in by_credit[("郑敏",)].caption  # the credit is not part of the caption
    farm = by_credit[("郑静怡", "陈思思")]
    assert "茭白" in farm.caption
    assert "流量" in (farm.title or "") and "销量" in (farm.title or "")
    assert issue.date is not None and issue.date.year == 2025
    assert issue.date_source == DateSource.INFERRED
    assert issue.date_precision in {DatePrecision.MONTH, DatePrecision.YEAR}


def test_000_people_mentioned():
    issue = parsed("000")
    jiangan = article_with(issue, "江岸区委书记姚彬")
    assert {"万玲玲", "姚彬", "严松毅", "易金红", "董欣"} <= set(people(jiangan))
    economy = article_with(issue, "两区经济形势分析会议")
    assert {"万玲玲", "张远重", "王厚强", "黄惊华", "杨迁元", "易金红"} <= set(people(economy))
    council = article_with(issue, "会议还研究了其他事项")
    zhang = next(m for m in council.people if m.name == "张远重")
    assert "区长" in zhang.title
    cppcc = article_with(issue, "路明强调")
    assert {"路明", "郑宏", "黄惊华"} <= set(people(cppcc))
    assert "陶静茹" in people(article_with(issue, "“滴”的一声轻响"))  # 学生陶静茹


# --- 001: Markdown, one paragraph per line, lunar masthead ----------------------------------

SEED_001 = [
    ("副书记袁玉琢", "区委常委会(扩大)会议召开", ["王思奇", "王开"]),
    ("政治体检", "万玲玲主持召开区委常委会会议", ["高艳璇"]),
    ("天鹅村党群服务中心", "凝聚起基层发展和乡村振兴的核心力量", ["雷希雨", "易静雯"]),
    ("区信访局", "逢四说事", ["雷希雨", "王思奇"]),
    ("紫荆村位于长湖流域上游", "守护好碧水蓝天", ["帅丽晨"]),
    ("无人机巡航", "筑牢太湖港流域生态屏障", ["黄勇彪", "江淑敏"]),
    ("镇校融合发展座谈会", "共筑镇校融合新高地", ["刘文正", "马紫铃"]),
]


@pytest.mark.parametrize(("phrase", "head", "writers"), SEED_001)
def test_001_articles_pair_headlines_bodies_and_bylines(phrase, head, writers):
    article = article_with(parsed("001"), phrase)
    assert head in heading(article)
    assert names(article) == writers


def test_001_masthead_lunar_date_and_structure():
    issue = parsed("001")
    assert issue.masthead == "荆州区新闻"
    assert issue.lunar_date == "乙巳年七月初四"
    assert issue.date == dt.date(2025, 8, 26)
    assert issue.date_source == DateSource.MASTHEAD
    assert issue.date_precision == DatePrecision.DAY
    assert len(issue.articles) == 8
    assert len(issue.photos) == 2
    enlarged = article_with(issue, "副书记袁玉琢")
    assert enlarged.headline == "区委常委会(扩大)会议召开"
    assert "着力推进全区干部队伍提能善为" in (enlarged.kicker or "")
    # The headline printed one character per line is read back as words.
    education = article_with(issue, "政治体检")
    assert "营造风清气" in heading(education)
    village = article_with(issue, "天鹅村党群服务中心")
    assert village.dateline == "8月22日"
    assert village.dateline_date == dt.date(2025, 8, 22)
    # The first article's opening was printed as a heading; it is one body, not a headline.
    autumn = article_with(issue, "入库入统工作调度会举行")
    assert "会议通报各镇办" in autumn.body
    assert "荆州田旅" in issue.unplaced


def test_001_wrapped_spaces_removed_characters_kept():
    issue = parsed("001")
    enlarged = article_with(issue, "副书记袁玉琢")
    assert "近日,区委常委会(扩大)会议召开,传达学习省委书记王忠林" in enlarged.body
    assert "近 日" not in enlarged.body
    assert {"王忠林", "万玲玲", "袁玉琢", "张远重"} <= set(people(enlarged))


def test_001_photos():
    issue = parsed("001")
    by_credit = {tuple(p.photographers): p for p in issue.photos}
    assert set(by_credit) == {("雷希雨",), ("李婷婷",)}
    assert "车享生活" in (by_credit[("雷希雨",)].title or "")
    assert "就业直通车" in by_credit[("李婷婷",)].caption


# --- 002: wrapped columns, section labels, 特约记者 ---------------------------------------------

SEED_002 = [
    ("秋季学期开学疫情防控与安全稳定工作会议", "以“八个到位”压实“四方责任”", ["李金鹏"]),
    ("西城街道纪工委组织开展", "聚焦问题“回头看”办理落实“向前走”", ["王学峰"]),
    ("领导干部警示教育大会，深入学习", "切实筑牢拒腐防变的堤坝", ["李文健"]),
    ("暗访督办城区创文迎检工作", "对标对表补短板", ["邓慕秋"]),
    ("拍马工业园区发展情况", "聚力项目建设 实现全面发展", ["李文健"]),
    ("第六次会议，传达学习", "聚焦重点任务 全面压实责任", ["周闪闪"]),
    ("考察组先后考察了红", "共同缔造美好环境与幸福生活", ["吴申畅"]),
    ("迎国测业务培训会", "查漏补缺 迅速“补火”", ["颜胜"]),
    ("区政协副主席齐家普", "加强河湖库管理", ["苏彦京"]),
    ("离岸科创中心是荆州", "鼓励符合条件的企业积极入驻", ["刘秋娥"]),
]


@pytest.mark.parametrize(("phrase", "head", "writers"), SEED_002)
def test_002_articles_pair_headlines_bodies_and_bylines(phrase, head, writers):
    article = article_with(parsed("002"), phrase)
    assert head in heading(article)
    assert names(article) == writers


def test_002_structure_titles_photos_and_date():
    issue = parsed("002")
    assert len(issue.articles) == 10
    assert len(issue.photos) == 2
    warning = article_with(issue, "领导干部警示教育大会，深入学习")
    assert warning.correspondents[0].title == "特约记者"
    assert "荆州区、荆州高新区召开领导干部警示教育大会" in heading(warning)
    assert "红安县、麻城市考察" in heading(article_with(issue, "考察组先后考察了红"))
    assert article_with(issue, "西城街道纪工委组织开展").section == "清廉荆州区"
    by_credit = {tuple(p.photographers): p for p in issue.photos}
    assert set(by_credit) == {("王芸",), ("贺东娜",)}
    assert "西城街道通会桥社区召开“小板凳”议事会" in by_credit[("王芸",)].caption
    assert issue.date is not None and issue.date.year == 2022
    assert issue.date_source == DateSource.INFERRED
    first = article_with(issue, "秋季学期开学疫情防控与安全稳定工作会议")
    assert first.dateline == "8月24日"
    assert first.dateline_date == dt.date(2022, 8, 24)


def test_002_people_mentioned():
    issue = parsed("002")
    assert {"朱翊", "陈任", "王勇", "袁菁穗"} <= set(
        people(article_with(issue, "考察组先后考察了红"))
    )
    assert {"胡庆海", "齐家普"} <= set(people(article_with(issue, "区政协副主席齐家普")))
    assert {"张远重", "周远栋", "王厚强", "刘心波"} <= set(
        people(article_with(issue, "拍马工业园区发展情况"))
    )


# --- 003: one paragraph per line, headline groups on one line -----------------------------

SEED_003 = [
    ("第8次常务会议", "区政府常务会议召开", ["吴申畅"]),
    ("区委党建工作领导小组召开第一次会议", "压实责任 夯实基础 巩固良好政治生态", ["吴申畅"]),
    ("带队到芒麻行业协会调研", "万玲玲调研芒麻行业协会", ["邓慕秋"]),
    ("华美智造产业新城", "探索发展新模式 共享发展新机遇", ["冯程程"]),
    ("郢城镇太阴村", "推进共同缔造活动", ["苏彦京"]),
    ("市考评组组长通报", "实地考评反馈会召开", ["陈官伟"]),
    ("上海荆州区商会", "朱翎带队赴温州、湖州、上海开展招商考察", ["聂慧慧"]),
    ("民主党派座谈会。", "同心聚力 共同缔造", ["黄玲"]),
    ("区民政局救助中心立即指导", "兜住困难群众民生底线", ["罗敬恒"]),
    ("弥市镇提前安排部署", "防溺水", ["黄涛"]),
]


@pytest.mark.parametrize(("phrase", "head", "writers"), SEED_003)
def test_003_articles_pair_headlines_bodies_and_bylines(phrase, head, writers):
    article = article_with(parsed("003"), phrase)
    assert head in heading(article)
    assert names(article) == writers


def test_003_one_line_groups_split_and_characters_kept():
    issue = parsed("003")
    assert len(issue.articles) == 10
    assert len(issue.photos) == 1
    party = article_with(issue, "区委党建工作领导小组召开第一次会议")
    assert party.kicker == "万玲玲主持召开区委党建工作领导小组第一次会议"
    assert party.headline == "压实责任 夯实基础 巩固良好政治生态"
    trip = article_with(issue, "上海荆州区商会")
    assert trip.kicker == "朱翎带队赴温州、湖州、上海开展招商考察"
    assert trip.headline == "开展深入洽谈 推进项目建设"
    ramie = article_with(issue, "带队到芒麻行业协会调研")
    assert "芒麻" in ramie.body and "苧麻" in ramie.body  # OCR errors are the editors' to fix
    education = article_with(issue, "市考评组组长通报")
    # A paragraph broken by a column break is joined back into one sentence.
    assert "幸福感、安全感。" in education.body
    assert [p.photographers for p in issue.photos] == [["肖博"]]
    assert "护苗2023" in issue.photos[0].caption
    assert issue.date is not None and issue.date.year == 2023
    everything = " ".join([*issue.unplaced, *(heading(a) for a in issue.articles)])
    assert "培育和践行社会主义核心价值观" in everything  # never dropped


def test_003_people_mentioned():
    issue = parsed("003")
    council = article_with(issue, "第8次常务会议")
    assert {"张远重", "王蒙徽"} <= set(people(council))
    zhu = article_with(issue, "上海荆州区商会")
    assert {"朱翎", "胡庆海"} <= set(people(zhu))
    title = next(m.title for m in zhu.people if m.name == "朱翎")
    assert "政法委书记" in title


# --- 004: headlines after their bodies, doubled text, photo story ---------------------------

SEED_004 = [
    ("中建七局西南公司相关负责人", "2022年度荆州市“安康杯”竞赛活动在荆州区启动", ["何华安"]),
    ("十个专项整治行动工作推进会，动员", "奋力冲刺全国文明城市创建", ["孟可欣"]),
    ("创文校园周边环境综合整治第二次集中行动", "校园周边环境", []),
    ("湖北福坦威", "助力民营企业实现外贸“突围”", ["孙荆愿"]),
    (
        "全面深化改革委员会第四次会议，深入学习",
        "荆州区委全面深化改革委员会第四次会议召开",
        ["文凯"],
    ),
    ("区委财经委员会第四次", "荆州区委财经委员会第四次会议召开", ["文凯"]),
    ("铜岭村村委会广场", "基层社会治理打通联系群众“最后一米”", ["黄霞"]),
    ("马山中学七（三）班", "爱心助成长 留守不孤单", ["肖晓波"]),
]


@pytest.mark.parametrize(("phrase", "head", "writers"), SEED_004)
def test_004_articles_pair_headlines_bodies_and_bylines(phrase, head, writers):
    article = article_with(parsed("004"), phrase)
    assert head in heading(article)
    assert names(article) == writers


def test_004_structure_photos_and_date():
    issue = parsed("004")
    assert len(issue.articles) == 9
    assert len(issue.photos) == 2
    leading = article_with(issue, "招商引资领导小组会议召开")
    assert leading.byline == "本报讯" and leading.headline is None
    assert {"万玲玲", "张盛勇", "路明", "章习新", "周国亮"} <= set(people(leading))
    campus = article_with(issue, "创文校园周边环境综合整治第二次集中行动")
    # A column break after "执法车辆4" does not split the article.
    assert "共出动执法车辆4台、执法人员20人" in campus.body
    by_credit = {tuple(p.photographers): p for p in issue.photos}
    assert set(by_credit) == {("方徐欣",), ("李翔",)}
    sewer = by_credit[("方徐欣",)]
    assert "推进雨污分流改造" in (sewer.title or "")
    assert "推进雨污分流改造推进雨污分流改造" not in (sewer.title or "")
    assert "今年，荆州区逐步启动" in sewer.caption  # the two caption paragraphs stay together
    assert issue.date is not None and issue.date.year == 2022
    school = article_with(issue, "马山中学七（三）班")
    # 钟文俊同学: a name before its title; 校长陈建军: after it.
    assert [m.name for m in school.people] == ["钟文俊", "陈建军"]


# --- every seed --------------------------------------------------------------------------------

PREFIXES = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_nothing_is_dropped(prefix):
    """Every printed line ends up somewhere: a body, caption, headline field, byline or unplaced."""
    issue = parsed(prefix)
    placed = [issue.masthead or "", issue.lunar_date or "", *issue.unplaced]
    for a in issue.articles:
        placed += [heading(a), (a.byline or "") + a.body]
    for p in issue.photos:
        placed += [p.title or "", p.caption + " ".join(p.photographers)]
    everything = re.sub(r"[\s#□（）()摄]", "", "".join(placed))
    for line in source(prefix).splitlines():
        key = re.sub(r"[\s#□（）()摄]", "", line)
        if key and not re.fullmatch(r"[A-Za-z]+News", key):
            half = (
                key[: len(key) // 2] if len(key) >= 8 and key[: len(key) // 2] * 2 == key else key
            )
            assert half in everything, line


@pytest.mark.parametrize("prefix", PREFIXES)
def test_articles_are_whole_and_clean(prefix):
    issue = parsed(prefix)
    for article in issue.articles:
        assert len(article.body) >= 100  # no fragment left as an article
        assert article.ocr_text.strip()
        assert not article.body.startswith("本报讯")
        assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", article.body)
        for mention in article.people:
            assert mention.name not in JUNK_NAMES
            assert 2 <= len(mention.name) <= 4
    for photo in issue.photos:
        assert photo.caption and photo.photographers
