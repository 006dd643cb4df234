"""Tenth round: people named after titles of more kinds, after their unit or before an office,
listed after a visit, and words a name pattern reads that are places or ways of address.

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from tests.ocr.invented import people_of


def test_people_after_titles_of_units_advisers_and_trades_are_found():
    # 社长, 顾问, 团长, a craft's 传人 and a pastime's 爱好者 stand before a name like any title.
    people = people_of("tenth_pe_titles")
    for name in ("甘德润", "魏秋生", "鲁有望", "殷红梅", "庞雪松"):
        assert name in people


def test_a_name_run_into_the_verb_after_it_keeps_two_characters():
    # 彭晟率考察团, 江惠提出: the verb after a two-character name is not its third character.
    people = people_of("tenth_pe_titles")
    assert "彭晟" in people and "江惠" in people
    assert "彭晟率" not in people and "江惠提" not in people


def test_a_name_before_a_verb_of_founding_is_read_whole():
    # 老支书邢之敏创办的: 创 starts the word after the name, as 说 or 到 do.
    assert "邢之敏" in people_of("tenth_pe_titles")


def test_names_before_an_office_or_after_their_unit_and_with_word_characters():
    # 钟丽华书记 (an office printed after the name), 学院徐明远老师 (the unit run on to the
    # name), 书记苏在峰的 (在 inside a given name, after a title, closed by 的).
    people = people_of("tenth_pe_titles")
    for name in ("钟丽华", "徐明远", "苏在峰"):
        assert name in people


def test_places_numbered_groups_kin_address_and_prepositions_are_no_people():
    # 杜家河、龚家桥 (a surname, 家 and a river or a bridge), 柏林三组 printed twice, 范桥坪
    # printed once before 村, 严姨爹 (a kin term), 向农民 (a preposition and a word): none is
    # a person; the village head named after his title is.
    assert people_of("tenth_pe_not_names") == ["霍春林"]


def test_people_listed_after_a_visit_vouch_for_each_other():
    # 上门看望了柴默、詹秋菊、卓正权等: one sure name in the list makes the others names too.
    assert people_of("tenth_pe_visits")[:3] == ["柴默", "詹秋菊", "卓正权"]


def test_a_two_character_name_saying_something_after_a_quotation_is_found():
    # "…断不了。”季芳说。": a quotation's speaker, a surname and a name character.
    assert "季芳" in people_of("tenth_pe_visits")


def test_a_title_only_a_person_takes_follows_a_name_with_one_name_character():
    # 听取了涂近平院士的报告: 院士 follows nothing but a name.
    assert "涂近平" in people_of("tenth_pe_visits")


def test_people_framed_by_a_phrase_only_a_person_fits_are_found():
    # 在储文斌的带领下, 据邝志刚介绍, 郝建业指出，, 欧阳春生，男，, 聂春光（右二）,
    # 邹玉梅（化名）, 吕德明的妻子, 易红霞和丈夫, 会议由邵德华主持, 贺永强被评为, 孔令明一行:
    # each names someone the story gives no title, and nothing else is read as a name
    # (丈夫商量后 is no person).
    assert people_of("tenth_pe_frames") == [
        "储文斌",
        "邝志刚",
        "郝建业",
        "欧阳春生",
        "聂春光",
        "邹玉梅",
        "吕德明",
        "易红霞",
        "邵德华",
        "贺永强",
        "孔令明",
    ]


def test_a_credit_left_inside_a_body_names_no_people():
    # "…公园。 特约记者 钱晓峰 通讯员 严晨 摄 栈道…": a picture's credit run into the text
    # names its takers, not people the story is about; the people quoted around it are kept.
    assert people_of("tenth_pe_credit") == ["符佳怡", "甘立新"]
