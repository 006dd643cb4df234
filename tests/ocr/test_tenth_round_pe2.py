"""Tenth round, second part: people the text marks as persons by a word only a person takes,
a work or an aside printed right after the name, a title an OCR printed with a look-alike
character, and surnames that are also common words; and a title that is a verb, and the
writers of a byline left in the text, which are no people it names.

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.people import mentions_in
from tests.ocr.invented import FIXTURES, people_of


def test_a_name_doing_something_itself_is_a_person():
    # 蔡春林自己挑着菜, 余秀梅独自承包: 自己 and 独自 are said of a person only.
    people = people_of("tenth_pe2_self")
    assert "蔡春林" in people and "余秀梅" in people


def test_a_work_or_an_aside_in_brackets_closes_a_name():
    # 农技员祁永年《种菜十讲》, 种植大户郑伟（左）: the title of a work or an aside follows the name.
    people = people_of("tenth_pe2_self")
    assert "祁永年" in people and "郑伟" in people


def test_titles_printed_with_a_look_alike_character_still_introduce_a_name():
    # 驻村于部 (干 printed 于), 负责入 (人 printed 入): the OCR's misprint of a title.
    people = people_of("tenth_pe2_misprints")
    assert "侯德明" in people and "易春华" in people


def test_what_a_manager_is_in_charge_of_is_no_person():
    # 主管农工商的副县长: 主管 is a verb here, 农工商 what is run, 韩立新 the person.
    people = people_of("tenth_pe2_misprints")
    assert "农工商" not in people and "韩立新" in people


def test_surnames_that_are_also_words_are_read_after_a_title():
    # 副局长萧迅, 科长连春生: 萧 and 连 are surnames where a title says a name stands.
    people = people_of("tenth_pe2_misprints")
    assert "萧迅" in people and "连春生" in people


def test_names_in_a_byline_left_in_brackets_are_its_writers():
    # 讯（记者 A 通讯员 B、C）left at a body's start: B and C are writers, 彭海生 a person named.
    page = (FIXTURES / "tenth_pe2_byline.txt").read_text(encoding="utf-8")
    body = next(line for line in page.splitlines() if "讯（" in line)
    people = [m.likely_name for m in mentions_in(body)]
    assert people == ["彭海生"]


def test_a_two_character_name_after_a_title_runs_into_a_verb():
    # 站长邹斌重申: 重 rarely stands in a given name, 斌 often: 邹斌 then the verb 重申.
    assert "邹斌" in people_of("tenth_pe2_misprints")


def test_the_agent_of_a_passive_is_a_person():
    # 为袁明德所修: 为 … 所 frames who did it, a person when a name stands between them.
    assert "袁明德" in people_of("tenth_pe2_self")
