"""Tenth round, fourth part: forms county papers commonly print around a person's name with no
title before it: a profile's opening (age, years of birth and death, post held after the name),
a visit at someone's home or to their household, a couple named together, a speaker whose given
name holds a character mostly met as a word, a prize-winner, the fallen, and an older neighbour
called by a kin word after the full name.

The fixtures are invented text reproducing the form; each test pins what an editor reading
the page would say, and fails on the parser as it was before.
"""

from __future__ import annotations

from articles.ocr.people import mentions_in
from tests.ocr.invented import people_of


def test_age_printed_right_after_a_name_marks_a_person():
    # 冉德顺，73岁，…; 吴有福今年68岁: a profile opens with the person's age.
    people = people_of("tenth_pe4_profile")
    assert "冉德顺" in people and "吴有福" in people


def test_years_of_birth_and_death_or_a_post_held_mark_a_person():
    # 邬守仁（1921—1998）; 钱秀梅，现任…: a figure of the past, an office holder's profile.
    people = people_of("tenth_pe4_profile")
    assert "邬守仁" in people and "钱秀梅" in people


def test_a_name_after_an_age_is_read_whatever_word_follows():
    # 61岁的蒋有旺退休: 有 is no name character, but the age says a person follows.
    assert "蒋有旺" in people_of("tenth_pe4_profile")


def test_a_prize_winner_and_the_fallen_are_people():
    # 获奖者窦丽娟; 还记得郝继光烈士: titles before and after the name.
    people = people_of("tenth_pe4_profile")
    assert "窦丽娟" in people and "郝继光" in people


def test_a_home_or_a_household_visited_marks_a_person():
    # 在邵光荣家中, 卞德胜老两口, 孔庆祥一家: a person's home, their couple, their family.
    people = people_of("tenth_pe4_home")
    assert {"邵光荣", "卞德胜", "孔庆祥"} <= set(people)


def test_both_names_of_a_couple_are_people():
    # 车建军、韦丽夫妻俩: the couple's word closes the second name, 、 joins the first.
    people = people_of("tenth_pe4_home")
    assert "车建军" in people and "韦丽" in people


def test_a_speaker_whose_given_name_holds_a_word_character_is_a_person():
    # 龚会先告诉记者：: 会 is mostly a word, but a clause of speech says a person opens it.
    assert "龚会先" in people_of("tenth_pe4_home")


def test_an_older_neighbour_called_by_a_kin_word_after_the_full_name():
    # “童桂兰大姐，…”: 大姐 after a full name is a way of addressing a person.
    assert "童桂兰" in people_of("tenth_pe4_home")


def test_homes_ages_and_years_without_a_name_are_no_people():
    # No surname and given name before the frame: a household word, a count, a span of years.
    text = "在老乡家中坐了一会儿，全村共有人口，60岁以上的占三成，文化站（2019—2020年）翻修。"
    assert mentions_in(text) == []


def test_cadres_and_fellow_villagers_are_titles_before_a_name():
    # 镇干部柏建新, 老乡詹德全: a rank and a calling papers print before a name.
    people = people_of("tenth_pe4_home")
    assert "柏建新" in people and "詹德全" in people


def test_a_title_run_into_the_words_around_it_takes_no_name():
    # 践行长江…: 行长 is no title there (not listed), and 江 starts no name after it.
    assert mentions_in("沿河各乡镇践行长江禁渔的约定。") == []
