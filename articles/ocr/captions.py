"""Captions printed with no credit: a paragraph that points at its picture (▲…, 图为…).

A caption is found by its credit (（… 摄）); some papers print none. Such a caption still
says what it is in its first characters — a mark pointing up at the picture, or 图为 / 上图 /
图① — and stands as a paragraph of its own after the text it illustrates, or alone.
"""

from __future__ import annotations

import re

from .headlines import HeadLine, Target
from .layout import CAPTION_BLOCK_CHARS, Body, Caption, Layout
from .text import ends_sentence

# How a caption with no credit opens: ▲ (or △) pointing at the picture above, 图为…, 上图…,
# 图①…. Never 图片 or 图表 (words a sentence opens with).
# A caption says who does what where: shorter than that it is a label or a slogan.
_CAPTION_MIN_CHARS = 6
_POINTING_RE = re.compile(r"^\s*(?:[▲△]|图为|[上下左右]图[：:为]?|图\s*[①-⑩\d][：:，]?)")


def _is_caption(paragraph: list[int], layout: Layout) -> bool:
    texts = [layout.lines[i].text for i in paragraph]
    return (
        bool(_POINTING_RE.match(texts[0]))
        and sum(len(t) for t in texts) <= CAPTION_BLOCK_CHARS
        and ends_sentence(texts[-1])
    )


def split_uncredited_captions(layout: Layout) -> None:
    """Make a body's last paragraphs captions while they open as one and carry no credit (one
    caption each); a body that is nothing but such paragraphs becomes captions."""
    elements = []
    for element in layout.elements:
        elements.append(element)
        if not isinstance(element, Body) or element.tail:
            continue
        captions: list[Caption] = []
        while element.paragraphs and _is_caption(element.paragraphs[-1], layout):
            if len(element.paragraphs) == 1 and element.signed:
                break  # an article whose text happens to open with 图为
            captions.insert(0, Caption(list(element.paragraphs.pop()), ""))
        if not element.paragraphs:
            elements.pop()
        elements.extend(captions)
    layout.elements = elements


def captions_after_groups(
    layout: Layout, heads: list[HeadLine], targets: list[Target]
) -> list[HeadLine]:
    """Where a headline group is printed after its body, the article's photo follows the
    group: one line set apart after a group that names the body above, right before the next
    body and naming no body by its words, is that photo's caption even with no credit and
    no mark (王国强在办公室内办公) — not a headline, which would repeat its body's words.

    Never a region's only line, a line that names a body, a subheadline (——…) or the line
    after a kicker ending in a dash or colon, a line with writers under it, a wrapped line,
    or the line after the group of a body that has headline lines elsewhere too."""
    elements = layout.elements
    regions: dict[int, list[HeadLine]] = {}
    for head in heads:
        regions.setdefault(head.region, []).append(head)
    # Where each body's headline lines stand: a body headed in two places (a stack over it
    # and lines after it) is a story in parts, and the lines after it are its subheadlines.
    headed_elsewhere: dict[int, set[int]] = {}
    for head in heads:
        if head.target is not None:
            headed_elsewhere.setdefault(targets[head.target].element, set()).add(head.region)
    found: list[HeadLine] = []
    for r, region in regions.items():
        last = region[-1]
        if (
            len(region) < 2
            or r == 0
            or r + 1 >= len(elements)
            or not isinstance(elements[r - 1], Body)
            or not isinstance(elements[r + 1], Body)
            or len(last.lines) != 1
            or last.byline
            or last.level
            or len(last.text) < _CAPTION_MIN_CHARS
            or last.text.startswith(("—", "-"))
            or not layout.lines[last.lines[0]].blank_before
            # A kicker ending in a dash or colon leads into the line after it (…意识——).
            or region[-2].text.endswith(("—", "：", ":"))
        ):
            continue
        if last.target is not None:
            continue  # a line that names a body is a headline, however the page is set
        named = any(
            h.target is not None and targets[h.target].element == r - 1 for h in region[:-1]
        )
        if named and not headed_elsewhere.get(r - 1, set()) - {r}:
            found.append(last)
    return found
