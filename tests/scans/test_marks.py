"""Marks the recogniser confuses, settled by the line's image: quotation ticks read as a
question mark, a dash read as 一一. Lines are drawn here with the renderer's fonts, one
character at a time so that each one's position (what the decoder reports) is known."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from articles.scans import marks
from articles.scans.fonts import font

SIZE = 60


def drawn(text: str, kind: str = "head") -> tuple[np.ndarray, list[int]]:
    """The line as an RGB crop, and the centre column of each character."""
    face = font(kind, SIZE)
    width = round(sum(face.getlength(ch) for ch in text)) + 20
    image = Image.new("RGB", (width, round(SIZE * 1.4)), "white")
    pen = ImageDraw.Draw(image)
    x, centres = 10.0, []
    for ch in text:
        advance = face.getlength(ch)
        pen.text((x, SIZE * 0.15), ch, font=face, fill="black")
        centres.append(round(x + advance / 2))
        x += advance
    return np.asarray(image), centres


def read_as(printed: str, read: str, kind: str = "head") -> str:
    crop, centres = drawn(printed, kind)
    # One decoder column per pixel: a character's position is its centre's column.
    return marks.checked(read, crop, crop.shape[1], centres)


@pytest.mark.parametrize("kind", ["head", "body"])
def test_quotation_ticks_read_as_question_marks_are_quotes_again(kind):
    assert read_as('开展"逢四说事"接访', "开展？逢四说事？接访", kind) == '开展"逢四说事"接访'
    assert read_as("开展“逢四说事”接访", "开展?逢四说事?接访", kind) == "开展“逢四说事”接访"


@pytest.mark.parametrize("kind", ["head", "body"])
def test_a_real_question_mark_stays(kind):
    assert read_as("谁来管？怎么管", "谁来管？怎么管", kind) == "谁来管？怎么管"


@pytest.mark.parametrize("kind", ["head", "body", "label"])
def test_a_dash_read_as_two_yi_is_a_dash(kind):
    assert read_as("提升自治意识——", "提升自治意识一一", kind) == "提升自治意识——"
    assert read_as("发现——整改", "发现一一整改", kind) == "发现——整改"


@pytest.mark.parametrize("kind", ["head", "body", "label"])
def test_the_word_yiyi_stays(kind):
    # 一一对应 is two characters 一: each sits at the middle of its square, with a gap between.
    assert read_as("数据一一对应", "数据一一对应", kind) == "数据一一对应"


def test_positions_that_do_not_fit_the_text_change_nothing():
    crop, centres = drawn('开展"逢')
    assert marks.checked("开展？逢", crop, crop.shape[1], centres[:-1]) == "开展？逢"
    assert marks.checked("开展？逢", crop, 0, centres) == "开展？逢"
