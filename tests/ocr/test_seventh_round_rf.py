"""Seventh round: a photo's caption printed with no credit, alone after a signed text.

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr import parse_issue
from articles.ocr.types import ParsedIssue
from tests.ocr.invented import captions, parsed


def _subheadlines(issue: ParsedIssue) -> dict[str | None, str | None]:
    return {article.headline: article.subheadline for article in issue.articles}


def test_a_lone_caption_after_writers_or_closing_brackets_is_a_photo():
    # Writers on a line after the text (通讯员：A 摄像：A) and writers' brackets wrapped over
    # the text's last two lines: the line set apart after it retells the story, whose headline
    # stands over it — a caption, not the story's subheadline.
    issue = parsed("seventh_rf_lone_captions")
    found = captions(issue)
    assert "石桥镇村民在新修的便民桥上巡查" in found
    assert "专家在柑橘园里为果农示范修剪" in found
    subheads = _subheadlines(issue)
    assert subheads["石桥镇修好十二座便民桥"] is None
    assert subheads["果树专家进桂花村指导果农"] is None
    experts = next(p for p in issue.photos if p.caption.startswith("专家"))
    assert experts.article_index == 1  # the story it retells


def test_a_headline_printed_after_its_text_stays_a_headline():
    # A line in two phrases (…：…) after a signed text is a headline's shape, and a line after
    # a text no other headline names is that text's headline, printed after it.
    issue = parsed("seventh_rf_lone_captions")
    subheads = _subheadlines(issue)
    assert subheads["东湖社区开办长者食堂"] == "社区长者食堂：老人吃上热乎饭"
    assert "青溪县城区新开三条公交线路" in subheads
    assert "社区长者食堂：老人吃上热乎饭" not in captions(issue)


def test_a_lone_caption_after_a_text_opened_by_its_byline_is_a_photo():
    # 本报讯（…）opens the text: the line after its last sentence, before another photo's
    # credited caption, is this story's picture, not a line nobody placed.
    issue = parsed("seventh_rf_md_caption")
    assert captions(issue)[0] == "失主来到街道办事处向孟桂兰送上锦旗"
    assert issue.photos[0].article_index == 1
    assert "失主来到街道办事处向孟桂兰送上锦旗" not in issue.unplaced


def test_a_one_sentence_caption_after_a_text_signed_with_pictures_is_a_photo():
    # 本报记者 A B 文/图 signs the text and its pictures; the one sentence set apart after it,
    # too short for an article, is that picture's caption — not a stray line.
    issue = parsed("seventh_rf_short_captions")
    assert captions(issue)[0] == "茶农在云岭村茶园里采摘秋茶。"
    assert issue.photos[0].article_index == 0
    assert "茶农在云岭村茶园里采摘秋茶。" not in issue.unplaced
    assert [a.headline for a in issue.articles] == ["又是一年采茶季", "柳河乡柑橘丰收"]


def test_a_short_text_crediting_its_writer_apart_from_its_photographer_is_an_article():
    # （记者 A/文 B/摄）: A wrote the words, B took the picture. A caption credits no one for
    # its words, so however short the text it is an article signed by both, and A is no
    # photographer.
    text = (
        "柳河乡柑橘丰收\n\n"
        "柳河乡三万亩柑橘进入采摘期，果农们忙着采摘、分拣、装箱。乡里请来物流企业在田间设立"
        "收购点，柑橘当天就能运往外地，卖上好价钱。（通讯员 戚小芳）\n\n"
        "10月13日，石桥镇最后一座便民桥建成通车，村民们敲锣打鼓走上新桥，孩子们上学再也不用"
        "绕远路。（记者 温春燕/文 芮家宝/摄）\n"
    )
    issue = parse_issue(text)
    assert not any("温春燕" in photo.photographers for photo in issue.photos)
    bridge = next(a for a in issue.articles if a.body.startswith("10月13日"))
    assert [m.likely_name for m in bridge.correspondents] == ["温春燕", "芮家宝"]


def test_a_photographer_whose_surname_the_table_lacks_is_credited():
    # （咸明远 摄）: a name alone in the brackets before 摄 is the photographer, whatever the
    # surname, and the line after the page's editor is that photo's caption.
    issue = parsed("seventh_rf_short_captions")
    photo = issue.photos[-1]
    assert photo.caption == "图为雨后初晴的柳河乡梯田"
    assert photo.photographers == ["咸明远"]
