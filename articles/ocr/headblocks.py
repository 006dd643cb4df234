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
# The writer under a headline named with the outlet or the unit and post before the name and
# no title word ("某某日报 张三", "某县融媒体中心总编辑 李四", "栏目主持 王五").
_SIGNED_UNDER_RE = re.compile(
    rf"^[{CJK}]{{2,16}}(?:报|网|台|中心|社|编辑|记者|主持|{'|'.join(POSITION_END)})\s+(?P<name>[{CJK}]{{2,4}})$"
)


def _signed_under(text: str) -> bool:
    """Writers alone on the last line of a headline block, touching the text below: an outlet
    or a post, a space, one name; a headline line is never a post and a name."""
    match = _SIGNED_UNDER_RE.match(" ".join(text.split()))
    return match is not None and plausible_name(match["name"])


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
                and _signed_under(line.text)
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
            out.append(region[k])
            k += 1
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
