"""Headline lines out of the layout's headline regions: feature bylines under them, headlines
printed one character per line, and heading-looking lines that are really a body's start."""

from __future__ import annotations

import re

from .bylines import is_feature_byline
from .headlines import HeadLine
from .layout import Body, HeadRegion, Layout
from .names import plausible_name
from .text import CJK, ends_sentence, tidy_heading
from .types import ParsedIssue
from .writers import POSITION_END

# A body may not start in the middle of a sentence; if it does, the line before it was read as
# a heading by mistake ("## 2025年招商引资…工作安排" / "及入库入统工作调度会举行,…").
_CONTINUATION_START = tuple("及、，,。；;：:）)的")
# Posts in a society or an association (a writer signing as its 会长 or 理事), which no
# headline line ends with before a name.
_SOCIETY_POSTS = ("会长", "理事", "秘书长", "研究员", "教授")
# The writer under a headline named with the outlet or the unit and post before the name and
# no title word ("某某日报 张三", "某县融媒体中心总编辑 李四", "栏目主持 王五").
_SIGNED_UNDER_RE = re.compile(
    rf"^[{CJK}]{{2,16}}(?:报|网|台|中心|社|编辑|记者|主持|{'|'.join(POSITION_END)}|{'|'.join(_SOCIETY_POSTS)})"
    rf"\s+(?P<name>[{CJK}]{{2,4}})$"
)
# Writers' lines may end by naming the outlet they report for ("记者 A B 某某报道"): the names
# before it are the byline.
_REPORTS_FOR_RE = re.compile(rf"\s+[{CJK}]{{0,8}}报道$")


def _signed_under(text: str) -> bool:
    """Writers alone on the last line of a headline block, touching the text below: an outlet
    or a post, a space, one name; a headline line is never a post and a name."""
    match = _SIGNED_UNDER_RE.match(" ".join(text.split()))
    return match is not None and plausible_name(match["name"])


def _writers_under(text: str, below: str, apart: bool) -> bool:
    """Writers alone on the last line of a headline block, touching the text below, that the
    rules for a line of writers miss: one ending with the outlet they report for ("记者 A B
    某某报道"), or bare names that the text below never mentions (a headline's words come
    back in its text, its writer's name seldom does), set apart from the headline above (a
    headline wrapped onto a second line touches the first) or over a text opening with an
    outlet's lead-in (where a headline group has ended)."""
    if _signed_under(text):
        return True
    trimmed = _REPORTS_FOR_RE.sub("", text)
    if trimmed != text and is_feature_byline(trimmed):
        return True
    names = text.split()
    return (
        apart
        and 0 < len(names) <= 4
        and all(plausible_name(name) for name in names)
        and not any(name in below for name in names)
    )


def _opens_signed(layout: Layout, e: int) -> bool:
    """The body after element ``e`` opens with an outlet's lead-in (本报讯, 某某网消息)."""
    following = layout.elements[e + 1] if e + 1 < len(layout.elements) else None
    return isinstance(following, Body) and following.has_byline


def _text_below(layout: Layout, e: int) -> str:
    """The first paragraphs of the body right after element ``e`` ("" if none follows)."""
    if e + 1 >= len(layout.elements):
        return ""
    element = layout.elements[e + 1]
    if not isinstance(element, Body):
        return ""
    return "".join(layout.lines[i].text for p in element.paragraphs[:_BELOW_PARAGRAPHS] for i in p)


# How much of the text below is searched for a name: its opening paragraphs name the people
# it is about.
_BELOW_PARAGRAPHS = 6


def head_lines(layout: Layout, issue: ParsedIssue) -> tuple[list[HeadLine], dict[int, str]]:
    heads: list[HeadLine] = []
    pending: dict[int, str] = {}  # region index -> feature byline with no headline above it
    for e, element in enumerate(layout.elements):
        if not isinstance(element, HeadRegion):
            continue
        region: list[HeadLine] = []
        writers_at = -2  # the last line of writers read in this region
        for i in element.lines:
            line = layout.lines[i]
            if is_feature_byline(line.text) or (
                region
                and i == element.lines[-1]
                and not line.blank_after
                and _writers_under(line.text, _text_below(layout, e), line.blank_before or _opens_signed(layout, e))
            ):
                # Set apart from the headline above and touching the text below, the writers
                # sign that text (a page printing its headlines after their bodies).
                below = line.blank_before and not line.blank_after and i == element.lines[-1]
                text = " ".join(line.text.lstrip("□■◇◆● ").split())
                # A line of writers wrapped onto the next line ("记者 A B 通讯员" / "C D"): one
                # byline, the names after the break kept with those before it.
                wrapped = writers_at == i - 1
                writers_at = i
                if region and not below:
                    before = region[-1].byline
                    region[-1].byline = f"{before} {text}" if wrapped and before else text
                    region[-1].lines.append(i)
                else:
                    pending[e] = f"{pending[e]} {text}" if wrapped and e in pending else text
                continue
            region.append(HeadLine(tidy_heading(line.text), [i], e, line.level))
        heads.extend(_merge_vertical(region))
    return heads, pending


def _merge_vertical(region: list[HeadLine]) -> list[HeadLine]:
    """A headline printed one character per line: 万 / 玲 / 玲主持召开区委常 / 委会会议."""
    out: list[HeadLine] = []
    k = 0
    while k < len(region):
        j = k
        while j < len(region) and len(region[j].text) <= 9 and " " not in region[j].text:
            j += 1
        run = region[k:j]
        singles = sum(1 for h in run if len(h.text) == 1)
        if singles >= 2 or sum(1 for h in run if len(h.text) <= 2) >= 3:
            piece: list[HeadLine] = []
            for pos, head in enumerate(run):
                piece.append(head)
                following = run[pos + 1] if pos + 1 < len(run) else None
                if following is None or (len(head.text) >= 3 and len(following.text) <= 2):
                    out.append(
                        HeadLine(
                            "".join(h.text for h in piece),
                            [i for h in piece for i in h.lines],
                            piece[0].region,
                            min((h.level for h in piece), default=0),
                            byline=next((h.byline for h in piece if h.byline), None),
                        )
                    )
                    piece = []
            k = j
        else:
            # No part of a run that fails holds more short lines than the whole: all of it
            # stays as it is (looked at once, however many lines it has).
            end = max(j, k + 1)
            out.extend(region[k:end])
            k = end
    return out


def merge_false_headings(layout: Layout, heads: list[HeadLine]) -> None:
    """A body may not start mid-sentence ("及入库入统工作调度会举行,…"); when it does, the
    heading-looking line just before it is its first line ("## 2025年招商引资…工作安排")."""
    last_of_region: dict[int, HeadLine] = {h.region: h for h in heads}  # heads are in order
    for e, element in enumerate(layout.elements):
        if not isinstance(element, Body) or element.has_byline or e == 0:
            continue
        if not isinstance(layout.elements[e - 1], HeadRegion):
            continue
        first = layout.lines[element.paragraphs[0][0]].text
        last = last_of_region.get(e - 1)
        if not first.startswith(_CONTINUATION_START) or last is None:
            continue
        if ends_sentence(last.text) or last.byline:
            continue
        element.paragraphs[0][:0] = last.lines
        heads.remove(last)
    _return_phrase_lines(layout, heads)
    _return_closing_tails(layout, heads)


# Kicker, headline (wrapped once) and subheadline make four lines at most; a longer run of
# single lines touching one another and the text is that text, printed a phrase a line.
_PHRASE_RUN = 5


def _return_phrase_lines(layout: Layout, heads: list[HeadLine]) -> None:
    """A text printed a phrase a line ("初冬时节" / "古树披上新装" / …) right under its headline,
    with no blank line anywhere: its first lines look like headline lines one by one, but no
    headline group runs that long. The lines after the first of such a run open the body."""
    by_region: dict[int, list[HeadLine]] = {}
    for head in heads:
        by_region.setdefault(head.region, []).append(head)
    lines = layout.lines
    for e, element in enumerate(layout.elements):
        # A body opening with its writers (本报讯 …) starts there: nothing above is its text.
        if not isinstance(element, Body) or element.signed or e - 1 not in by_region:
            continue
        run: list[HeadLine] = []
        below = element.paragraphs[0][0]
        for head in reversed(by_region[e - 1]):
            i = head.lines[-1]
            if len(head.lines) != 1 or head.byline or head.level or i + 1 != below:
                break
            if lines[i].blank_after:
                break
            run.append(head)
            below = i
        if len(run) < _PHRASE_RUN:
            continue
        run.reverse()
        element.paragraphs[:0] = [list(h.lines) for h in run[1:]]
        for head in run[1:]:
            heads.remove(head)


_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"))


def _unbalanced(text: str, opening: bool) -> set[str]:
    """The pairs of marks the text opens and leaves open (or closes without opening)."""
    found = set()
    for left, right in _PAIRS:
        balance = text.count(left) - text.count(right)
        if (balance > 0) if opening else (balance < 0):
            found.add(left)
    return found


def _return_closing_tails(layout: Layout, heads: list[HeadLine]) -> None:
    """A paragraph's last line wrapped inside a title in book marks ("欢迎收看本台的《某某新" /
    "闻》"), the first line as wide as the column above and the rest a word or two: read as
    the start of a headline block, it is the end of the text above."""
    by_region: dict[int, list[HeadLine]] = {}
    for head in heads:
        by_region.setdefault(head.region, []).append(head)
    lines = layout.lines
    for region, members in by_region.items():
        above = layout.elements[region - 1] if region > 0 else None
        if not isinstance(above, Body) or not above.paragraphs or len(members) < 2:
            continue
        opening, closing = members[0], members[1]
        if len(opening.lines) != 1 or len(closing.lines) != 1 or len(closing.text) > _TAIL_CHARS:
            continue
        i = opening.lines[0]
        if i != above.paragraphs[-1][-1] + 1 or closing.lines[0] != i + 1 or lines[i].blank_after:
            continue
        if not _unbalanced(opening.text, opening=True) & _unbalanced(closing.text, opening=False):
            continue
        column = sorted(len(lines[k].text) for k in above.last_lines(_COLUMN_LINES))
        if not column or abs(len(opening.text) - column[len(column) // 2]) > 1:
            continue
        above.paragraphs.append([i, i + 1])
        heads.remove(opening)
        heads.remove(closing)


# The rest of a wrapped line is a word or two; the column is judged on the text's last lines.
_TAIL_CHARS = 4
_COLUMN_LINES = 5
