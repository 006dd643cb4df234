"""Thirteenth round: picture credits found in set seven and the test parts of the twelfth
round's collections once they had been scored (kept outside the repository), reproduced here
in invented text. Each test fails on the parser as it was."""

from __future__ import annotations

from articles.ocr.types import ParsedPhoto
from tests.ocr.invented import parsed

PAGE = "thirteenth_photos"


def _photo(start: str) -> ParsedPhoto:
    return next(p for p in parsed(PAGE).photos if p.caption.startswith(start))


def test_a_chief_photographers_credit_under_a_titled_caption():
    # "■ 首席摄影记者 A" on its own line: the picture's credit, not a text's signature.
    photo = _photo("10月12日，青石新城重点项目工地上")
    assert photo.title == "新城工地日日新"
    assert photo.photographers == ["洪一帆"]
    assert all("塔吊高耸" not in a.body for a in parsed(PAGE).articles)


def test_a_picture_pointed_at_after_a_comma_then_names_in_brackets():
    # "…，图为莲农划着小船摘莲蓬。（记者 A）": the picture's sentence after a comma, not a full stop.
    photo = _photo("柳湾镇青石村在环村的田野间")
    assert photo.photographers == ["卢子衿"]
    assert photo.title == "青石村采莲忙"


def test_a_contracted_photographer_named_glued_to_the_title():
    # "（本报签约摄影师A摄）": 签约摄影师 is who took it; the name follows with no space.
    assert _photo("柳湾湿地的浅滩上").photographers == ["尚文博"]
