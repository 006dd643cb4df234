"""Eleventh round: signatures and credits in forms county papers commonly print, found in a
collection of real bylines and photo credits (kept outside the repository) and reproduced
here in invented text.

Each test pins what an editor reading the page would say, and fails on the parser as it was.
"""

from __future__ import annotations

from articles.ocr import parse_issue
from articles.ocr.bylines import tail_byline, writer_line
from articles.ocr.types import ParsedArticle
from tests.ocr.invented import headed, parsed, people_of, writers_of

PAGE = "eleventh_forms"


def _headed(headline: str) -> ParsedArticle:
    return headed(PAGE, headline)


def test_a_photo_reports_signature_under_its_headline_signs_the_text_below():
    # "本报记者 A 摄影报道" between the headline and a text opening with its date: the report's
    # writer, not a picture's credit turning the headline into a caption.
    article = _headed("油菜花海迎来赏花客")
    assert writers_of(article) == ["邵明川"]
    assert article.body.startswith("4月15日，松岭县云台乡")
    assert article.body.endswith("欢迎游客前来游玩。")
    assert all(photo.title != "油菜花海迎来赏花客" and photo.caption for photo in parsed(PAGE).photos)


def test_names_after_the_text_one_of_them_letter_spaced():
    # "A 谷 岚 B": a two-character name spaced out to the width of three is one writer.
    article = _headed("村村通上了公交车")
    assert writers_of(article) == ["魏雨彤", "谷岚", "钟晓航"]
    assert "魏雨彤" not in " ".join(parsed(PAGE).unplaced)


def test_who_supplied_the_text_signs_it_after_their_unit():
    article = _headed("社区书屋添新书")
    assert writers_of(article) == ["彭晓岚", "苏一鸣"]
    assert article.body.endswith("给孩子们讲故事。")
    assert writer_line("供稿：城东街道办事处 彭晓岚") is not None
    assert tail_byline("讲故事。（城东街道办事处供稿）") is None  # a unit alone names no writer


def test_a_reader_signs_with_their_village_then_their_name():
    article = _headed("家门口的小菜园")
    assert writers_of(article) == ["贺明远"]
    assert article.body.endswith("小院成了大家的好去处。")
    # a title before the name says who they are: the newsroom is no home address
    signed = writer_line("松岭日报记者 汤子墨", alone=True)
    assert signed is not None and [(w.name, w.title) for w in signed.writers] == [("汤子墨", "记者")]


def test_a_credit_wrapped_over_two_lines_credits_every_name_to_the_picture():
    # caption / "记者A、B" / "通讯员C、D摄": one photo, four photographers, no article.
    issue = parsed(PAGE)
    photo = next(p for p in issue.photos if p.caption.startswith("云台乡的茶农们"))
    assert photo.title == "茶山迎来采摘季"
    assert photo.photographers == ["邵明川", "汤子墨", "孔令宜", "车晓雯"]
    assert all(not a.body.startswith("云台乡的茶农们") for a in issue.articles)


def test_a_labelled_credit_wrapped_onto_a_second_line():
    issue = parse_issue(
        "松岭日报\n\n2026年4月18日 星期六\n\n"
        "▲ 乡亲们在晒场上翻晒新收的稻谷。\n本版图片：邵明川 汤子墨\n孔令宜 车晓雯 摄\n"
    )
    assert [p.photographers for p in issue.photos] == [["邵明川", "汤子墨", "孔令宜", "车晓雯"]]


def test_a_signed_fragment_nobody_could_place_keeps_itswriters_of():
    # A one-sentence text with its writer's brackets, a page's first lines, too short to be an
    # article: reported as unplaced, the brackets with it (they used to vanish).
    issue = parse_issue(
        "比赛将持续三天，镇里为获奖的队伍准备了奖品。（记者 邵明川）\n\n\n"
        "本报讯 近日，松岭县城南社区的居民食堂开门迎客，每份午餐十二元，老人还能优惠两元。\n"
    )
    assert issue.unplaced == ["比赛将持续三天，镇里为获奖的队伍准备了奖品。（记者 邵明川）"]


def test_a_name_after_a_title_ends_before_a_verb_of_driving_receiving_or_a_couple():
    # 书记A开着…, 主任B收到…, 村民C夫妻…: the name stops where the verb or the couple begins.
    people = people_of("eleventh_people")
    assert {"管见川", "向土生", "包见春"} <= set(people)


def test_a_name_before_thus_said_keeps_two_characters():
    # "…站长卫宁如是说": 如是说 (so said) closes the quotation; the name is 卫宁, not 卫宁如.
    people = people_of("eleventh_people")
    assert "卫宁" in people and "卫宁如" not in people


def _profile_people() -> list[str]:
    return people_of("eleventh_people", 1)


def test_a_profile_opening_with_the_name_then_the_sex_or_the_year_of_joining():
    # "某某 男，…" (the space lost in the body) and "某某，1962年入党，…" open a profile.
    assert {"戚有根", "苗德章"} <= set(_profile_people())


def test_people_introducing_themselves_or_telling_the_reporter_how_they_feel():
    # "我叫某某，…", "…。”某某高兴地告诉记者", "受县长某某委托".
    assert {"柏志好", "鲁见星", "邬代平"} <= set(_profile_people())


def test_a_train_conductor_is_a_title_and_a_place_after_a_title_no_person():
    people = _profile_people()
    assert "费世安" in people
    assert not any(name.startswith("柯家") for name in people)  # 交警柯家庵中队: a squad's place
