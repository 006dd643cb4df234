"""Drafts: one per body or photo caption, collecting the headline lines that belong to it,
and the merges that repair a body cut in two (a feature's subheads, a column continued
after another article's headline or a photo)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .bylines import signature_at_end, tail_byline
from .headlines import HeadLine
from .layout import Body, Caption, Layout, closing_text, opening_byline, signature_ends
from .lines import joined_pairs
from .text import CJK, ends_sentence


@dataclass(slots=True)
class Draft:
    element: int
    body: Body | None = None
    caption: Caption | None = None
    heads: list[HeadLine] | None = None
    section: str | None = None


def element_text(layout: Layout, indices: list[int]) -> str:
    return "".join(layout.lines[i].text for i in indices)


def source_text(layout: Layout, indices: list[int]) -> str:
    """The printed lines, verbatim, once each (one printed line may hold two logical lines)."""
    raw = {layout.lines[i].number: layout.lines[i].raw.rstrip() for i in indices}
    return "\n".join(raw[n] for n in sorted(raw))


_SUBHEAD_CHARS = 16
_SUBHEAD_SHARED_WORDS = 2  # character pairs a feature's next part shares with it


def merge_subheads(drafts: list[Draft], layout: Layout) -> None:
    """A feature (signed "□ 通讯员 …" under its headline) may be cut by its own subheads
    ("小作坊变身大车间"): an unsigned body whose only headline is one short line printed
    right on top of it, between it and the feature, and which goes on with the feature's
    story (shares words with it), is the feature's next part, the subhead a paragraph of it.
    A story of its own under a feature ("春光正好,植树正当时") shares nothing with it."""

    def grams(body: Body) -> set[int]:
        return joined_pairs(layout.lines, body.line_indices())

    feature: Draft | None = None
    for draft in drafts:
        body = draft.body
        if body is None:
            continue
        heads = draft.heads or []
        if (
            feature is not None
            and feature.body is not None
            and not body.signed
            and draft.section is None
            and len(heads) == 1
            and heads[0].region == draft.element - 1
            and heads[0].region > feature.element
            and heads[0].byline is None
            and len(heads[0].text) <= _SUBHEAD_CHARS
            and not ends_sentence(heads[0].text)
            and not layout.lines[heads[0].lines[-1]].blank_after
            and len(grams(feature.body) & grams(body)) >= _SUBHEAD_SHARED_WORDS
            # Writers after either part's last sentence close an article: a signed part is
            # a story of its own, and a feature already signed off goes on no further.
            and not _signed_at_end(draft, layout)
            and not _signed_at_end(feature, layout)
        ):
            feature.body.paragraphs.append(list(heads[0].lines))
            feature.body.paragraphs.extend(body.paragraphs)
            draft.body, draft.heads = None, []
            continue
        feature = draft if body.under_feature_byline else None


def _signed_at_end(draft: Draft, layout: Layout) -> bool:
    """The article ends with its writers: nothing after it goes on with it."""
    body = draft.body
    assert body is not None
    return body.tail is not None or signature_at_end(closing_text(body, layout.lines)) is not None


def _signed_apart(body: Body, layout: Layout) -> bool:
    """The text ends with writers of its own in brackets: an article opened with its writers'
    names is signed once, so such a text is no rest of it."""
    if body.tail is not None:
        return tail_byline(body.tail, alone=True) is not None
    return tail_byline(closing_text(body, layout.lines)) is not None


def merge_continuations(drafts: list[Draft], layout: Layout) -> None:
    """Text with no byline and no headline anywhere near it is the rest of the article before
    it (its column was interrupted by another article's headline or a photo), not an article."""
    previous: Draft | None = None
    for draft in drafts:
        body = draft.body
        if body is None:
            continue
        if (
            previous is not None
            and previous.body is not None
            and not body.signed
            and not body.new_page
            and not _signed_at_end(previous, layout)
            and not draft.heads
            and draft.section is None
            and not (_signed_apart(body, layout) and _names_writers(previous.body, layout))
        ):
            before = previous.body
            last = layout.lines[before.paragraphs[-1][-1]].text
            if ends_sentence(last):
                before.paragraphs.extend(body.paragraphs)
            else:  # the sentence goes on
                before.paragraphs[-1].extend(body.paragraphs[0])
                before.paragraphs.extend(body.paragraphs[1:])
            before.tail, before.tail_lines = body.tail, body.tail_lines  # its writers, if any
            draft.body = None
            continue
        previous = draft



# A subhead inside an article is a short phrase ("虾稻田里算细账", "■记者感言").
_STORY_SUBHEAD_CHARS = 12
# How alike two parts of one story are: idf-weighted cosine of their character pairs.
_STORY_LIKENESS = 0.025
# A longer line ("入户走访，做好信息收集的“亲密人”") reads as a headline more often: the two
# parts must be plainly one story.
_LONG_SUBHEAD_CHARS = 20
_LONG_SUBHEAD_LIKENESS = 0.05
_BOX_MARKS = "■□◆◇●▲"
# A subhead that counts the story's parts ("一、…", "（二）…", "其三…", "前篇之一：…") is
# one of a series inside one text: headlines of separate articles are not numbered so.
_ORDINAL = "一二三四五六七八九十"
_NUMBERED_PART_RE = re.compile(
    rf"(?:[{_ORDINAL}]+、|[（(][{_ORDINAL}]+[）)]|其[{_ORDINAL}]|[^，。：:]{{0,6}}之[{_ORDINAL}]+[：:])"
)
# A part's number alone on its line over the part's title ("第一天：" / "长春天蓝、景美").
_PART_LABEL_RE = re.compile(rf"^(?:第[{_ORDINAL}\d]{{1,3}}[天站章节篇]|[{_ORDINAL}]+、)[：:]?$")


def merge_story_parts(
    drafts: list[Draft], layout: Layout, heads: list[HeadLine]
) -> list[HeadLine]:
    """An article cut in two by one of its own subheads: the subhead is a short line between
    two bodies, neither side signed where they meet (no writers after the first part, no
    byline opening the second), at most one side with headlines of its own, and the two parts
    tell one story — they share the words (places, people) that the issue's other texts do
    not. A subhead marked with a box ("■记者感言") needs no more. The subhead becomes a
    paragraph of the whole; the subheads so merged are returned."""
    merged: list[HeadLine] = []
    bodies = [d for d in drafts if d.body is not None]
    if len(bodies) < 2:
        return merged
    by_region: dict[int, list[HeadLine]] = {}
    labels: dict[int, list[HeadLine]] = {}  # lines read as a column label, by region
    for head in heads:
        if not head.placed:
            by_region.setdefault(head.region, []).append(head)
        elif head.target is None:
            labels.setdefault(head.region, []).append(head)
    parallel = _parallel_subheads(drafts, by_region)
    likeness: _Likeness | None = None  # built only when a subhead is seen
    story: Draft | None = None  # the article the next part may continue
    last = -1  # element index of that article's last part
    for draft in drafts:
        body = draft.body
        if body is None:
            continue
        if story is not None and story.body is not None and draft.element == last + 2:
            between = by_region.get(last + 1, [])
            label = _label_over(draft, labels.get(last + 1, []), between)
            subs = _subhead_between(story, draft, label + between, layout, labelled=bool(label))
            sub = subs[-1] if subs else None
            marked = sub is not None and (
                _numbered(subs)  # a part's number over its title
                or _marked(subs[0])
                or any(s is p for s in subs for p in parallel)
                or _place_visited(sub, body, layout)
                or _signed_lead(story.body, sub, layout)
                or _headed_after_both(story, body)
            )
            if sub is not None and not marked and likeness is None:
                likeness = _Likeness([d for d in drafts if d.body is not None], layout)
            if sub is not None and (
                marked
                or (likeness is not None and likeness.of(last, draft.element) >= _needed(subs))
            ):
                if _numbered(subs):  # "第一天：" over its title reads as one line
                    story.body.paragraphs.append([i for s in subs for i in s.lines])
                else:  # one subhead, or two phrases each a line of its own
                    story.body.paragraphs.extend(list(s.lines) for s in subs)
                story.body.paragraphs.extend(body.paragraphs)
                story.body.tail, story.body.tail_lines = body.tail, body.tail_lines
                story.heads = [
                    h for h in (*(story.heads or []), *(draft.heads or [])) if all(h is not s for s in subs)
                ]
                draft.body, draft.heads = None, []
                for s in subs:
                    s.target, s.placed = None, True  # a paragraph now, not a headline
                merged.extend(subs)
                last = draft.element
                continue
        story, last = draft, draft.element
    return merged


# A subhead labelled by a few words and a colon ("家国同庆：红旗飘扬凝聚共识").
_LABELLED_RE = re.compile(rf"^([{CJK}]{{2,6}})[：:][^：:]+$")


def _parallel_subheads(drafts: list[Draft], by_region: dict[int, list[HeadLine]]) -> list[HeadLine]:
    """Lines that stand alone between three texts in a row, each set the same way as the other
    ("家国同庆：红旗飘扬凝聚家园共识" / "情暖桑榆：敬老爱老彰显民生温度"): a feature's parallel
    subheads, however little the parts share. Headlines of separate articles are not cut to
    one pattern and one length."""
    bodies = [d.element for d in drafts if d.body is not None]
    found: list[HeadLine] = []
    for first, middle, last in zip(bodies, bodies[1:], bodies[2:], strict=False):
        if middle != first + 2 or last != middle + 2:
            continue
        above, below = by_region.get(first + 1, []), by_region.get(middle + 1, [])
        if len(above) == 1 and len(below) == 1 and _parallel(above[0].text, below[0].text):
            found.extend(h for h in (above[0], below[0]) if all(h is not f for f in found))
    return found


def _parallel(a: str, b: str) -> bool:
    one, two = _LABELLED_RE.match(a.strip()), _LABELLED_RE.match(b.strip())
    return (
        one is not None
        and two is not None
        and len(one[1]) == len(two[1])
        and one[1] != two[1]
        and abs(len(a.strip()) - len(b.strip())) <= 1
    )


def _headed_after_both(story: Draft, part: Body) -> bool:
    """The story's headline lines all stand after the part under the subhead: on a page that
    prints headlines after their texts, a headline given to the text before a subhead but
    printed after the text under it heads both (a headline never skips over a text)."""
    heads = story.heads or []
    last = part.line_indices()[-1]
    return bool(heads) and all(h.lines[0] > last for h in heads)


_PLACE_RE = re.compile(rf"(?P<stem>[{CJK}]{{2,14}}?)(?:村|镇|乡|社区|街道|县|区|市)")


def _place_visited(sub: HeadLine, body: Body, layout: Layout) -> bool:
    """A subhead that is a place alone ("某某镇某某村"), the text under it opening there
    ("在某某镇某某村，…"): one stop of a story that goes from place to place, never a
    headline of its own (a headline says what happened)."""
    match = _PLACE_RE.fullmatch(sub.text.strip())
    if match is None:
        return False
    opening = "".join(layout.lines[i].text for i in body.paragraphs[0][:4])[:60]
    return match["stem"] in opening


# A text signed by its writers says more than this; less, it is a feature's lead.
_LEAD_CHARS = 120


def _signed_lead(before: Body, sub: HeadLine, layout: Layout) -> bool:
    """The part before the subhead is a signed feature's first paragraph alone, too short for
    a whole text ("□ 本报记者 A 文/图" / two sentences), and the subhead a short phrase: the
    feature goes on under it."""
    if not before.under_feature_byline or len(sub.text.lstrip(_BOX_MARKS)) > _STORY_SUBHEAD_CHARS:
        return False
    said = sum(len(layout.lines[i].text.strip()) for i in before.line_indices())
    return said <= _LEAD_CHARS


def _marked(sub: HeadLine) -> bool:
    """The subhead says it is one: a box before it or a part's number."""
    return sub.text[:1] in _BOX_MARKS or _NUMBERED_PART_RE.match(sub.text) is not None


def _needed(subs: list[HeadLine]) -> float:
    """How alike the two parts must be for ``subs`` to be a subhead between them."""
    short = len(subs[-1].text.lstrip(_BOX_MARKS)) <= _STORY_SUBHEAD_CHARS
    return _STORY_LIKENESS if short else _LONG_SUBHEAD_LIKENESS


def _numbered(subs: list[HeadLine]) -> bool:
    return len(subs) == 2 and _PART_LABEL_RE.match(subs[0].text.strip()) is not None


def _paired(subs: list[HeadLine]) -> bool:
    """A subhead printed as two short phrases, one a line ("环境大变样" / "微巷成“网红”"):
    neither says a whole sentence."""
    return len(subs) == 2 and all(
        len(h.text.strip()) <= _STORY_SUBHEAD_CHARS and not ends_sentence(h.text) for h in subs
    )


class _Likeness:
    """How alike two bodies of the issue are: the cosine of their character pairs, each pair
    weighted by how few of the issue's bodies hold it."""

    def __init__(self, bodies: list[Draft], layout: Layout) -> None:
        self.grams = {
            d.element: joined_pairs(layout.lines, d.body.line_indices())  # type: ignore[union-attr]
            for d in bodies
        }
        holders: dict[int, int] = {}
        for found in self.grams.values():
            for gram in found:
                holders[gram] = holders.get(gram, 0) + 1
        self.holders = holders
        self.n = len(self.grams)

    def _weight(self, found: set[int]) -> float:
        return sum(math.log(self.n / self.holders[g]) for g in found)

    def of(self, a: int, b: int) -> float:
        first, second = self.grams.get(a, set()), self.grams.get(b, set())
        norm = math.sqrt(self._weight(first) * self._weight(second))
        return self._weight(first & second) / norm if norm else 0.0


def _label_over(draft: Draft, labels: list[HeadLine], between: list[HeadLine]) -> list[HeadLine]:
    """The line read as the draft's column label when it is the first of a subhead's two
    lines ("[某某公园]" / "儿童岛人气爆棚", "老巷大变样" / "古井成“网红”"): printed right over the
    one headline line between the two parts."""
    if (
        draft.section is None
        or len(labels) != 1
        or len(between) != 1
        or labels[0].text != draft.section
        or labels[0].lines[-1] + 1 != between[0].lines[0]
    ):
        return []
    return labels


def _subhead_between(
    story: Draft, draft: Draft, heads: list[HeadLine], layout: Layout, *, labelled: bool = False
) -> list[HeadLine] | None:
    """The subhead's lines (one, or a part's number over its title, or two short phrases),
    or None. ``labelled``: the first of them was read as the part's column label."""
    before, after = story.body, draft.body
    assert before is not None and after is not None
    if after.signed or after.new_page or before.tail is not None:
        return None
    if draft.section is not None and not labelled:
        return None
    if not (len(heads) == 1 or _numbered(heads) or _paired(heads)) or any(len(h.lines) != 1 for h in heads):
        return None
    sub = heads[-1]
    if sub.byline or len(sub.text.lstrip(_BOX_MARKS)) > _LONG_SUBHEAD_CHARS or ends_sentence(sub.text):
        return None
    if all([h for h in d.heads or [] if all(h is not s for s in heads)] for d in (story, draft)):
        return None  # both sides have headlines of their own: two articles
    if _bracket_closes(before, layout) or signature_ends(before.paragraphs[-1][-1], layout.lines):
        return None  # writers in brackets, or after the last sentence, sign the first part
    signed_after = after.tail is not None or _bracket_closes(after, layout)
    if _names_writers(before, layout) and signed_after:
        return None  # one article is signed once: two signatures, two articles
    return heads


def _names_writers(body: Body, layout: Layout) -> bool:
    """The body opens signed by name: a dateline alone (某某讯) names no one, and the same
    article may be signed at its end."""
    if body.under_feature_byline:
        return True
    if not body.has_byline:
        return False
    byline = opening_byline(body, layout.lines)
    return byline is None or bool(byline.writers)


# A jump line closing a part of a text on this page ("（下转第二版）"): brackets, but no writers.
_JUMP_END_RE = re.compile(
    r"[（(]\s*(?:下转|转|转至|接|上接)\s*第?\s*[\d一二三四五六七八九十]+\s*版\s*[）)]$"
)


def _bracket_closes(body: Body, layout: Layout) -> bool:
    """The body's last line closes brackets that are not a jump line: writers sign it."""
    paragraph = body.paragraphs[-1]
    last = layout.lines[paragraph[-1]].text.rstrip()
    if not last.endswith(("）", ")")):
        return False
    tail = "".join(layout.lines[i].text for i in paragraph[-2:]).replace(" ", "")
    return _JUMP_END_RE.search(tail) is None
