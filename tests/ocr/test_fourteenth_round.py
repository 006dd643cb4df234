"""Fourteenth round: forms seen once in the thirteenth round's dev text and left then,
reproduced in invented text. Each test fails on the parser as it was."""

from __future__ import annotations

from tests.ocr.invented import opening, parsed

PAGE = "fourteenth_forms"


def test_a_photographer_whose_surname_is_a_common_word():
    # "（记者 都某某 摄）": 都 opens many words, but between a title and 摄 it is a surname;
    # the picture stays a picture and the story after it keeps its headline.
    photo = next(p for p in parsed(PAGE).photos if p.caption.startswith("10月19日，白沙镇"))
    assert photo.photographers == ["都晓明"]
    assert photo.title == "白沙湾稻田迎丰收"
    assert opening(PAGE, "10月18日，城北社区").headline == "城北社区开展义诊活动"


def test_a_writer_signed_with_a_slash_under_the_last_sentence():
    # "/A" on the line after the text: the text's writer, not the next picture's title.
    article = opening(PAGE, "10月17日，青石镇")
    assert [m.name for m in article.correspondents] == ["韩晓川"]
    photo = next(p for p in parsed(PAGE).photos if "共享菜园" in p.caption)
    assert photo.title == "老人的新菜园"
