"""Seventh round: where a body starts and ends when its byline is told apart only by a space.

Joining a paragraph's wrapped lines closes up the spaces of the printed text, and with them
the only mark of where a byline ends ("某某报道 8月3日", "通讯员某某 8月2日") or of the
names and credits of a signature after the text. The fixture is invented; each test pins what
an editor reading the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.bylines import lead_byline
from articles.ocr.types import ParsedArticle
from tests.ocr.invented import parsed


def articles() -> dict[str, ParsedArticle]:
    return {a.headline: a for a in parsed("seventh_rb_bounds").articles}


def test_a_dateline_ending_in_a_space_stays_out_of_the_text():
    # 溪口融媒报道 8月3日…: wrapped in a narrow column, the dateline runs into the date.
    article = articles()["新桥通车 两岸往来更方便"]
    assert article.body.startswith("8月3日上午，横跨白沙河的新桥正式通车")
    assert article.byline == "溪口融媒报道"


def test_writers_set_off_by_a_space_before_the_date_are_the_byline():
    # 通讯员罗晓峰 8月2日…, with no outlet's dateline before the writers.
    article = articles()["夏粮收购进展顺利"]
    assert article.body.startswith("8月2日，柳溪镇粮站收购点前排起了长队")
    assert [(m.name, m.title) for m in article.correspondents] == [("罗晓峰", "通讯员")]
    assert lead_byline("记者 程立 3月5日，县城") is not None
    # A title and a name in a running sentence are no byline.
    assert lead_byline("记者程立说 今年的雨水多") is None


def test_a_wrapped_signature_of_a_unit_and_names_ends_the_text():
    # （柳溪县老年协会 何春明 / 邹立新）: only the printed spaces tell the unit from the names.
    article = articles()["老人学会用手机挂号"]
    assert article.body.endswith("还有人教会了家里的老伴。")
    assert [m.name for m in article.correspondents] == ["何春明", "邹立新"]


def test_a_source_and_editors_signature_ends_the_text():
    # （来源：某台 某台 编辑：A B 编审：C 监制：D）: credits of the page, not text of the article.
    article = articles()["荷塘月色引客来"]
    assert article.body.endswith("方便游客游览。")
    assert article.byline is not None and article.byline.startswith("（来源：溪口台")


def test_a_title_alone_over_the_text_is_a_byline_without_names():
    # "本报记者：" on its own line, the names left out, then the text opening with its date.
    article = articles()["社区开展防诈宣传"]
    assert article.body.startswith("7月30日，柳溪县东门社区")
    assert article.byline == "本报记者："
    assert article.correspondents == []
