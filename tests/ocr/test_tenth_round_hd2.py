"""Tenth round (second part), headline groups: a line set apart by blank lines in a stack
of headlines is no subheadline of the group above it.

The fixtures are invented; each test pins what an editor reading the page would say, and
fails on the parser as it was before.
"""

from __future__ import annotations

from tests.ocr.invented import opening, parsed

# A stack of headlines over their bodies, each set apart by blank lines; one line in it
# shares no words with any body. A kicker, headline and subheadline are printed touching,
# so the line apart heads something else: it is reported, not glued under the headline
# above it.


def test_a_line_set_apart_in_a_stack_is_no_subheadline_of_the_group_above():
    article = opening("tenth_hd2_apart", "11月5日，南湾镇")
    assert (article.kicker, article.headline, article.subheadline) == (
        None,
        "南湾镇启动冬季农田水利建设",
        None,
    )
    assert opening("tenth_hd2_apart", "北岭村地处山区").headline == "北岭村新修机耕路三公里"
    assert "金秋时节 山乡处处好风景" in parsed("tenth_hd2_apart").unplaced
