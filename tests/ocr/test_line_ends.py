"""Where a line ends a sentence and how spaces are squeezed: read for nearly every line, so
they take shortcuts; these pin what the shortcuts must keep."""

from __future__ import annotations

import pytest

from articles.ocr.text import ends_sentence, squeeze_spaces


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ("村里的路修好了。", True),
        ("“日子越过越好了！”", True),
        ("他问：“你们还缺什么？”）  ", True),
        ("详情请见下期...", True),
        ("大家都说好…", True),
        ("Is it done?'", True),
        ("村里的路修好了。 ”", False),  # a space between the mark and the quote
        ("村里的路修好了，", False),
        ("两个点..", False),
        ("”", False),
        ("", False),
    ],
)
def test_ends_sentence(line: str, ends: bool) -> None:
    assert ends_sentence(line) is ends


@pytest.mark.parametrize(
    ("text", "squeezed"),
    [
        ("  稻谷飘香丰收在望\n", "稻谷飘香丰收在望"),
        ("稻谷 飘香　丰收", "稻谷飘香丰收"),
        ("来抓, 牢固树立", "来抓,牢固树立"),
        ("GDP  growth 达到", "GDP growth达到"),
    ],
)
def test_squeeze_spaces(text: str, squeezed: str) -> None:
    assert squeeze_spaces(text) == squeezed
