"""Which lines look like headlines: short lines over a byline or a narrower column, lines set
apart whose words the text below (or above) repeats, headlines stacked at the top of a page,
and headlines where the OCR kept no blank lines at all. :mod:`layout` decides with these.
"""

from __future__ import annotations

import re

from .bylines import tail_byline
from .headlines import QUOTED_HEAD_RE
from .lines import PLAIN_KINDS, Line
from .text import cjk_count, ends_sentence, has_cjk, has_sentence_punct

# A headline may end with ！ or ？ ("家门口的好工作来了！", "垃圾分类，你做对了吗？"): one short
# phrase with no full stop in it, right above a byline.
_EXCLAIMED_RE = re.compile(r"^[^。；;！？!?]{2,30}[！？!?]$")
def exclaimed_head(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """"家门口的好工作来了！" over a byline is a headline; "…贡献力量！" ending a wrapped
    paragraph is not: the line must start on its own."""
    fresh = (
        i == 0
        or lines[i].blank_before
        or kinds[i - 1] not in ("plain", "byline")  # after a heading, a credit, page furniture
        or ends_sentence(lines[i - 1].text)
    )
    return fresh and _EXCLAIMED_RE.match(lines[i].text) is not None


# The last line of a headline group may be a short cry or question ("路灯坏了半个月" / "谁来修？")
# or a whole quotation, commas and all ("返乡青年某某" / "“回村种菜，一样有出息”").
_CRY_RE = re.compile(r"^[^。；;！？!?，,、：:]{1,6}[！？!?]$")


def closing_head(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """A short cry, question or quotation closing a headline: right under a short line that
    starts on its own and ends no sentence, and set apart from what follows (a blank line, a
    byline). The last words of a wrapped paragraph ("…特别容易" / "摔跤！") follow a line that is
    itself the middle of that paragraph, so the line above must open fresh."""
    if i == 0 or kinds[i] not in PLAIN_KINDS or kinds[i - 1] not in PLAIN_KINDS:
        return False
    above, text = lines[i - 1], lines[i].text
    if lines[i].blank_before or not (_CRY_RE.match(text) or QUOTED_HEAD_RE.match(text)):
        return False
    if not (lines[i].blank_after or i + 1 == len(lines) or kinds[i + 1] in ("byline", "feature")):
        return False
    if len(above.text) > 30 or cjk_count(above.text) < 4 or has_sentence_punct(above.text):
        return False
    if above.text.endswith(("，", "、", ",", "：", ":", "“", "（", "(")):
        return False
    k = i - 1
    return (
        k == 0
        or above.blank_before
        or kinds[k - 1] not in ("plain", "byline")
        or ends_sentence(lines[k - 1].text)
        or tail_byline(lines[k - 1].text) is not None
    )


_HEAD_STOP_RE = re.compile("[。！？!?；;]")
ENUMERATED_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
)
# How many following lines show the width of the column a headline stands over.
_COLUMN_SAMPLE = 6


def narrower_than_body(i: int, lines: list[Line], kinds: list[str], headlike: list[bool]) -> bool:
    """A short unfinished line printed right above text (or set apart by blank lines before
    it), with no byline between: a headline, even with a comma in it, when it is clearly
    narrower than the column below.

    A paragraph's first line fills its column; a line much shorter than the lines under it,
    that neither ends nor breaks off a sentence, is a headline ("稻谷飘香，丰收在望"); so is one
    clearly wider than a steady narrow column. Lines as wide as the column stay text: a
    wrongly split paragraph is worse than a headline left in the body for an editor."""
    text = lines[i].text
    if (
        len(text) > 40
        or _HEAD_STOP_RE.search(text)
        or text.endswith(("，", "、", ",", "“", "（", "(", "：", ":"))  # "会议要求："
        or cjk_count(text) < 4
        or ENUMERATED_RE.match(text)  # "一是强化组织领导": a point inside an article
        or i + 1 >= len(lines)
        # Standing alone between blank lines it is judged against the paragraph after it.
        or (lines[i].blank_after and not lines[i].blank_before)
    ):
        return False
    j = i + 1
    # Over the other lines of its headline group ("秋风起，蟹满仓" / "八岭山镇河蟹喜获丰收"),
    # judged against the body under them.
    while j < len(lines) and j <= i + 3 and headlike[j] and not lines[j - 1].blank_after:
        j += 1
    if j > i + 1 and lines[j - 1].blank_after:
        return False  # a headline block ending at a blank line is judged as a block
    widths: list[int] = []
    while j < len(lines) and len(widths) < _COLUMN_SAMPLE and kinds[j] in PLAIN_KINDS:
        if headlike[j] and not widths:
            return False
        widths.append(len(lines[j].text))
        if lines[j].blank_after:
            break
        j += 1
    if not widths:
        return False
    full = sorted(widths[:-1]) if len(widths) >= 2 else widths  # a paragraph's last line is short
    column = full[len(full) // 2]
    # An indented first line of a paragraph is a little short too; a line that breaks off after
    # a comma ("为了帮助留守儿童健康生长，多") must be far shorter to count as a headline.
    if len(text) <= (0.6 if has_sentence_punct(text) else 0.75) * column:
        return True
    # Wider than a steady narrow column under it: no line of that column can be that long.
    return (
        not has_sentence_punct(text)
        and len(full) >= 3
        and full[-1] - full[0] <= 2
        and len(text) >= full[-1] + 4
    )


# A line whose new words (not in the lines before it) mostly come back in the lines after it
# announces that text: a headline. Measured on real articles: half of all headlines reach
# this, two body lines in a hundred.
ECHO = 0.5
ECHO_AFTER_SENTENCE = 0.35
_ECHO_SPAN = 12
_NO_PAIRS: frozenset[int] = frozenset()


def echoes(lines: list[Line], wanted: list[bool]) -> tuple[list[float], list[float]]:
    n = len(lines)
    below = [0.0] * n
    above = [0.0] * n
    # The pairs of every line within reach of a wanted one, read once into a list: each wanted
    # line's neighbours are then two slices of it, not 24 lookups.
    near = [False] * n
    for i in range(n):
        if wanted[i]:
            near[max(0, i - _ECHO_SPAN) : i + 1 + _ECHO_SPAN] = [True] * (
                min(n, i + 1 + _ECHO_SPAN) - max(0, i - _ECHO_SPAN)
            )
    grams = [lines[k].pairs()[1] if near[k] else _NO_PAIRS for k in range(n)]
    for i in range(n):
        g = grams[i] if wanted[i] else _NO_PAIRS
        if len(g) < 3:
            continue
        # The neighbours' pairs are struck off the line's few pairs, never merged into one
        # big set: what is left of ``fresh`` after the other side is what that side lacks.
        before = grams[max(0, i - _ECHO_SPAN) : i]
        after = grams[i + 1 : i + 1 + _ECHO_SPAN]
        fresh = g.difference(*before)
        if len(fresh) >= 2:
            below[i] = (len(fresh) - len(fresh.difference(*after))) / len(fresh)
        fresh = g.difference(*after)
        if len(fresh) >= 2:
            above[i] = (len(fresh) - len(fresh.difference(*before))) / len(fresh)
    return below, above


STANDALONE_CHARS = 40


def stacked_heads(lines: list[Line], kinds: list[str], headlike: list[bool]) -> None:
    """In a stack of headlines set apart from each other ("雨天里，到老党员家坐坐看看" between
    two others), a short line with a comma that ends no sentence is a headline too."""
    n = len(lines)

    def apart(i: int) -> bool:
        return (i == 0 or lines[i].blank_before) and (i + 1 >= n or lines[i].blank_after)

    for _ in range(2):
        for i in range(n):
            text = lines[i].text
            if headlike[i] or kinds[i] not in PLAIN_KINDS or not apart(i) or len(text) > 30:
                continue
            if text.endswith(("，", "、", ",", "：", ":")):
                continue
            if _column_line(i, lines, kinds):
                continue  # a paragraph's first line, cut off by the column's end
            above = i > 0 and headlike[i - 1] and apart(i - 1)
            below = i + 1 < n and headlike[i + 1] and apart(i + 1)
            # A question or an exclamation between two headlines of the stack is one too
            # (…咋被“肢解”了？); a sentence with a full stop never is.
            asking = above and below and text.endswith(_ASKING) and "。" not in text
            if ends_sentence(text) and not asking:
                continue
            if above or below:
                headlike[i] = True


_LABEL_CHARS = 8
_ASKING = ("？", "！", "?", "!")
_HANGING = "，。、；：！？）」』”’…,.;:!?)"
# How sure an echo must be for a line as wide as the column under it to be its headline.
ECHO_SAME_WIDTH = 0.6
SAME_WIDTH, OTHER_WIDTH, GRID = 1, 2, 3


def _column_line(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """As wide as the two lines of text after it: a line of their column."""
    after = [j for j in range(i + 1, min(len(lines), i + 3)) if kinds[j] in PLAIN_KINDS]
    return len(after) == 2 and all(abs(len(lines[j].text) - len(lines[i].text)) <= 1 for j in after)


def unspaced_head_shape(
    i: int, lines: list[Line], kinds: list[str], *, comma: bool = False
) -> int:
    """A headline where the OCR kept no blank lines: a line after a finished sentence (or at
    the top of the page, or after writers signing the article above), ending none itself.
    OTHER_WIDTH when it is not as wide as the column under it (a paragraph's first line
    fills it), GRID when that column is set on a strict grid the line falls short of,
    SAME_WIDTH when it is as wide (its words must then come back below), 0 otherwise."""
    text = lines[i].text
    if i + 1 >= len(lines) or len(text) > STANDALONE_CHARS:
        return 0
    # Without blank lines around it, only a line with no punctuation inside reads as one
    # (``comma``: one comma allowed, for :func:`comma_grid_head` to judge further).
    bare = text.replace("，", "", 1) if comma else text
    if has_sentence_punct(bare) or "。" in text:
        return 0
    # A list ("市委书记、市长…") runs through many a line of text; such a line reads as a
    # headline only when it is wider than the column under it, as no line of that column is.
    listed = "、" in text
    if text.endswith(("：", ":", "“", "（", "(")) or cjk_count(text) < 4 or text[0] in _HANGING:
        return 0  # a line opening with a closing mark goes on with the text above
    if i > 0 and kinds[i - 1] in PLAIN_KINDS and not closes(lines[i - 1].text):
        label = lines[i - 1].text
        if len(label) > _LABEL_CHARS or has_sentence_punct(label) or not has_cjk(label):
            return 0  # unless under a column label ("工作推进")
    below = [lines[j].text for j in range(i + 1, min(len(lines), i + 7)) if kinds[j] in PLAIN_KINDS]
    if len(below) < 2:
        return 0
    # Short of a column set on a strict grid (its lines as wide but for a mark hung past the
    # grid, no narrow digits to squeeze more in), and ending no clause: a line of it is that
    # short only where its paragraph ends.
    grid = [len(t) - (t[-1] in _HANGING) for t in below[:-1]]
    cells = sorted(grid)[len(grid) // 2]
    if (
        not listed
        and len(text) < cells
        and len(grid) >= 3
        and all(kinds[j] in PLAIN_KINDS for j in range(i + 1, min(len(lines), i + 4)))
        and sum(1 for w in grid if w == cells) >= len(grid) - 1
        and text[-1] not in _HANGING
        # Narrow digits squeeze more in a line, unless it falls short of the column above too.
        and (not any(c.isascii() for c in text) or len(text) <= _column_above(i, lines, kinds) - 2)
    ):
        return GRID
    column = sorted(len(t) for t in below[:-1])[(len(below) - 1) // 2]
    if listed:
        return OTHER_WIDTH if _wider_than_column_under(i, lines, kinds) else 0
    if abs(len(text) - column) >= 2:
        return OTHER_WIDTH
    # One character wider than the column: a line of it is that wide only with a punctuation
    # mark hung at its end (a mark never opens a line).
    if len(text) == column + 1 and text[-1] not in _HANGING:
        return OTHER_WIDTH
    return SAME_WIDTH


# How much wider than the column under it a line with a list mark must be to be a headline.
_LISTED_WIDER = 2


def _wider_than_column_under(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """Wider than every line of the column printed right under line ``i`` (its paragraph's
    last line left out), a few lines of it at least with no blank line among them."""
    widths: list[int] = []
    for j in range(i + 1, min(len(lines), i + 1 + _COLUMN_SAMPLE)):
        if kinds[j] not in PLAIN_KINDS:
            break
        widths.append(len(lines[j].text))
        if lines[j].blank_after:
            break
    return len(widths) >= 3 and len(lines[i].text) >= max(widths[:-1]) + _LISTED_WIDER


def _column_above(i: int, lines: list[Line], kinds: list[str]) -> int:
    """The width of the column above line ``i`` (the line right above, a paragraph's last,
    left out); 0 when too few lines show it."""
    above = [len(lines[j].text) for j in range(max(0, i - 7), i - 1) if kinds[j] in PLAIN_KINDS]
    if len(above) < 3:
        return 0
    return sorted(above)[len(above) // 2]


def comma_grid_head(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """A line with one comma where the OCR kept no blank lines ("年三十早上，家里来了个镇长志愿者"),
    after a finished sentence: a headline when it falls short of a column set on a strict grid
    under it AND of the column above it. A paragraph's first line fills its column; the last
    line of a column before a break is as wide as that column, so a line narrower than both
    columns can only be a line of its own."""
    text = lines[i].text
    if text.count("，") != 1 or len(text) > 24 or i < 3 or not ends_sentence(lines[i - 1].text):
        return False
    # Only where the OCR lost the blank lines (a blank line would have set a headline apart
    # already), and never a line that breaks off inside quotation marks ("会上，…汇报“十五").
    if lines[i].blank_before or text.count("“") != text.count("”"):
        return False
    if unspaced_head_shape(i, lines, kinds, comma=True) != GRID:
        return False
    return len(text) <= _column_above(i, lines, kinds) - 2


def comma_heads(
    shape: list[int], lines: list[Line], kinds: list[str], punctuated: list[bool]
) -> None:
    """Headline shapes for short lines with one comma: short of the columns above and below
    (:func:`comma_grid_head`), or right after writers signing the article above and not as
    wide as the column under it."""
    for i, candidate in enumerate(punctuated):
        if not candidate or lines[i].text.count("，") != 1:
            continue
        if comma_grid_head(i, lines, kinds):
            shape[i] = GRID
        elif (after_signature(i, lines, kinds) or _page_top(i, kinds)) and unspaced_head_shape(
            i, lines, kinds, comma=True
        ) in (OTHER_WIDTH, GRID):
            shape[i] = OTHER_WIDTH  # nothing above it goes on: the text under it starts there


def _page_top(i: int, kinds: list[str]) -> bool:
    """The first line of the text, or of a page under its running head."""
    return i == 0 or kinds[i - 1] == "staff"


def after_signature(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """Right after writers signing the article above: "…兴旺。（黄晓敏）", or a line of writers
    ("记者 闵以荣") under a finished sentence, never one under a headline."""
    if i < 1:
        return False
    if signed_line(lines[i - 1]):
        return True
    return (
        i >= 2
        and not lines[i].blank_before
        and kinds[i - 1] in ("byline", "feature")
        and ends_sentence(lines[i - 2].text)
    )


def signed_line(line: Line) -> bool:
    """A line ending with writers in brackets: "…检修一次。（黄晓敏 周家宝）"."""
    return line.text.endswith(("）", ")")) and tail_byline(line.text, alone=True) is not None


def closes(text: str) -> bool:
    """The line ends a sentence, or an article: "…检修一次。（黄晓敏 周家宝）"."""
    return ends_sentence(text) or (text.endswith(("）", ")")) and tail_byline(text) is not None)


def may_stand_apart(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """Short, set apart by blank lines or other blocks, ending no sentence and no clause."""
    line = lines[i]
    text = line.text
    if len(text) > STANDALONE_CHARS:
        return False
    apart_before = i == 0 or line.blank_before or kinds[i - 1] not in PLAIN_KINDS
    apart_after = i + 1 >= len(lines) or line.blank_after or kinds[i + 1] not in PLAIN_KINDS
    if not (apart_before and apart_after) or cjk_count(text) < 4:
        return False
    if ends_sentence(text) and not (len(text) <= 30 and text.rstrip("”’」』")[-1:] in "！？!?"):
        return False
    if _sentence_inside(text):
        return False
    return not (
        text.endswith(("，", "、", ",", "：", ":", "“", "（", "(")) or ENUMERATED_RE.match(text)
    )


def _sentence_inside(text: str) -> bool:
    """A full stop with more text after it ("…阅览室。室内"): one sentence ends and the next
    begins on the line, as in running text cut by a stray blank line; a headline has none."""
    body = text.rstrip("”’」』）)")
    return "。" in body.removesuffix("。")


def set_apart_head(
    i: int, lines: list[Line], kinds: list[str], echo: list[float], echo_above: list[float]
) -> bool:
    """One short line set apart from the text around it, whose words the text below (or
    above, for a headline printed after its body) repeats: a headline even with commas in it
    ("防汛备汛，这个村早有准备", "重阳节，白鹭湖敬老院里歌声甜！")."""
    if not may_stand_apart(i, lines, kinds):
        return False
    if max(echo[i], echo_above[i]) >= ECHO:
        return True
    # Or it closes nothing and the text after it starts afresh (a date, a quotation, a byline):
    # a column that breaks mid-sentence goes on with the same sentence instead.
    closed_before = i == 0 or kinds[i - 1] not in PLAIN_KINDS or ends_sentence(lines[i - 1].text)
    after = lines[i + 1] if i + 1 < len(lines) else None
    # The end of the text is a fresh start too: a headline printed after the last body.
    fresh_after = (after is None and lines[i].blank_before) or (
        after is not None
        and (kinds[i + 1] not in PLAIN_KINDS or _FRESH_RE.match(after.text) is not None)
    )
    # Between a finished sentence and the next paragraph, with no punctuation of its own, it
    # needs fewer of its words said again below.
    unpunctuated = not has_sentence_punct(lines[i].text) and not lines[i].text.endswith(("！", "？"))
    return closed_before and (fresh_after or (unpunctuated and echo[i] >= ECHO_AFTER_SENTENCE))


# How a paragraph (never the rest of a sentence) begins.
_FRESH_RE = re.compile(
    r"^(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|近期|连日来|近年来|今年以来|眼下|昨天|昨日|“|据悉|据了解|"
    r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月)"
)


def echoed(i: int, lines: list[Line]) -> bool:
    near = lines[max(0, i - _ECHO_SPAN) : i + _ECHO_SPAN + 1]
    at = min(i, _ECHO_SPAN)
    below, _ = echoes(near, [k == at for k in range(len(near))])
    return below[at] >= ECHO


