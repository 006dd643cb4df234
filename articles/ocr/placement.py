"""Placing headline lines that are not plainly one body's headline: column labels (栏目)
over an article, and lines no body claimed (a slogan beside its group, a lone block beside
a body or photo without a headline)."""

from __future__ import annotations

import itertools
import re

from .bylines import tail_byline
from .drafts import Draft
from .headlines import SECTION_MAX_CHARS, HeadLine, Target, is_event
from .layout import Body, Caption, Layout
from .text import has_sentence_punct
from .types import ParsedIssue

_LABEL_CHARS = 8
# An unclaimed block this long beside a body without a headline is taken as its headline.
_FALLBACK_CHARS = 6
_PHOTO_TITLE_CHARS = 24


def sections(
    heads: list[HeadLine], targets: list[Target], by_element: dict[int, Draft], layout: Layout
) -> None:
    """Column labels (栏目) such as 清廉荆州区 stand just above an article's headline group,
    or alone right above the article; their words may appear elsewhere, so they are told apart
    by position: a short label whose own best match is not the article it stands over."""
    regions: dict[int, list[HeadLine]] = {}
    for head in heads:
        regions.setdefault(head.region, []).append(head)

    def element_of(head: HeadLine) -> int | None:
        return targets[head.target].element if head.target is not None else None

    headed = {element_of(h) for h in heads}
    # Which blocks hold headline lines for each element: a block that is the only one naming
    # the article before it is that article's headline (printed after it), not a label.
    named_by: dict[int | None, set[int]] = {}
    for head in heads:
        named_by.setdefault(element_of(head), set()).add(head.region)
    for e, region in regions.items():
        following = by_element.get(e + 1)
        total = sum(len(h.text) for h in region)
        # A short block right above an article whose headline is printed elsewhere.
        if (
            following is not None
            and following.body is not None
            and following.section is None
            and total <= SECTION_MAX_CHARS
            and e + 1 in headed
            and all(element_of(h) != e + 1 for h in region)
            and not any(h.byline or has_sentence_punct(h.text) for h in region)
            and not (
                named_by.get(e - 1) == {e} and any(element_of(h) == e - 1 for h in region)
            )
        ):
            following.section = "".join(h.text for h in region)
            for head in region:
                head.target, head.placed = None, True
            continue
        for pos, head in enumerate(region[:-1]):
            nxt = region[pos + 1]
            if _label_over_unclaimed(head, nxt, pos + 2 == len(region), element_of(head) == e + 1):
                # The label's name shares words with the article (新郑 in a story from 新郑),
                # its headline under it fewer: the headline is the last line over the body.
                nxt.target, nxt.score = head.target, nxt.scores.get(head.target or 0, 0.0)
                nxt.demoted, head.score = None, 0.0
            nxt_element = element_of(nxt)
            labelled = by_element.get(nxt_element) if nxt_element is not None else None
            if labelled is None or labelled.body is None or labelled.section is not None:
                continue
            apart = _set_apart(head, nxt, layout)
            # A name as short as a place's, alone between blank lines over the headline of
            # the same article: a column label (a town's name over a story from that town),
            # however often the story repeats it; a kicker is printed touching its headline.
            # A word of two or three characters is no kicker even touching the headline: a
            # kicker says something (谷城 over a story from 谷城 labels it).
            place_label = (
                (apart or len(head.text) <= _WORD_LABEL_CHARS)
                and element_of(head) == nxt_element
                and _short_label(head, nxt)
            )
            if nxt_element != e + 1 and head.target is not None and not place_label:
                continue  # in a block of headlines away from the bodies: only a line no body claims
            if element_of(head) == nxt_element and (
                is_event(head.text)
                or not (
                    # A label shares a word or two with the article (文明创建进行时 over a
                    # story about 文明劝导), far fewer than its headline does, and is printed
                    # apart; in Markdown it is a smaller heading over the headline's, printed
                    # apart from it too (a kicker touches its headline).
                    (2 * head.score < nxt.score and layout.lines[head.lines[-1]].blank_after)
                    or (apart and 0 < nxt.level < head.level)
                    # A line alone between blank lines over a headline also set apart, sharing
                    # fewer words with the article than the headline does (鹤峰印象 over
                    # 话说云雾村): a kicker is printed touching its headline.
                    or (apart and not nxt.level and head.score < nxt.score)
                    or place_label
                )
            ):
                continue
            # A column name is a short noun phrase: "秋风起，蟹满仓" is a kicker. Printed in
            # the label's own size (two Markdown levels under the headline it stands over:
            # #### over ##), it may be as long as any column name.
            if (
                not (_label_sized(head.text) or (_label_printed(head, nxt) and len(head.text) <= SECTION_MAX_CHARS))
                or " " in head.text
                or has_sentence_punct(head.text)
                or head.byline  # a headline with its writers under it
            ):
                continue
            if element_of(head) == e - 1 and named_by.get(e - 1) == {e} and not place_label:
                continue  # the only headline of the article above: printed after its body
            if pos > 0 and element_of(region[pos - 1]) in (nxt_element, element_of(head)):
                continue  # inside a group (this one or the one above), not a label over it
            if _kicker_over(head, nxt, layout) and not (
                place_label and len(head.text) <= _WORD_LABEL_CHARS
            ):
                # Its words may match another body better (瓜蒌 in two stories), but a kicker
                # touching its headline heads that headline's article.
                head.target, head.kicker = nxt.target, True
                continue
            labelled.section = head.text
            head.target, head.placed = None, True


# A column label that names a place or a theme in a word (桐溪, 要闻, 民生).
_SHORT_LABEL_CHARS = 4
_WORD_LABEL_CHARS = 3


def _short_label(head: HeadLine, nxt: HeadLine) -> bool:
    """A word or two with no mark, over a headline of the page's own size (no Markdown level
    on either), neither of them signed."""
    text = head.text
    return (
        len(text) <= _SHORT_LABEL_CHARS
        and not head.level
        and not nxt.level
        and not head.byline
        and text.isalnum()  # no mark: "消息：" opens its headline, "·新事·" is a kicker's
    )


def _set_apart(head: HeadLine, nxt: HeadLine, layout: Layout) -> bool:
    """One line with a blank line on each side, the next headline line starting its own block."""
    first, last = layout.lines[head.lines[0]], layout.lines[head.lines[-1]]
    return (
        len(head.lines) == 1
        and first.blank_before
        and last.blank_after
        and layout.lines[nxt.lines[0]].blank_before
    )


def _label_over_unclaimed(head: HeadLine, nxt: HeadLine, last: bool, over_body: bool) -> bool:
    """A short line set apart, claimed by the body right under the block, over the block's last
    line, that no body claimed although it shares words with that body (its best match, if
    any, a body with a headline of its own)."""
    return (
        last
        and over_body
        and head.target is not None
        and nxt.target is None
        and nxt.scores.get(head.target, 0.0) > 0
        and _label_sized(head.text)
        and not has_sentence_punct(head.text)
    )


def _kicker_over(head: HeadLine, nxt: HeadLine, layout: Layout) -> bool:
    """A kicker (引题) is printed on the line right over its headline; a column label is set
    apart from it. Touching only tells where the page prints blank lines (one stands over
    this line), and in Markdown only for a heading one level under the headline's; a kicker
    also shares words with the article (新闻全球眼 touching its headline is a label)."""
    first, last = layout.lines[head.lines[0]], layout.lines[head.lines[-1]]
    under = layout.lines[nxt.lines[0]]
    return (
        nxt.target is not None
        and head.scores.get(nxt.target, 0.0) > 0
        and first.blank_before
        and not last.blank_after
        and under.number == last.number + 1
        and not _opens_more(head.text)  # a headline wrapped inside its quotes, not a kicker
        and (head.level == nxt.level + 1 if nxt.level else not head.level)
    )


def _opens_more(text: str) -> bool:
    """More opening than closing quotes or brackets: the line goes on below."""
    return any(text.count(a) > text.count(b) for a, b in ("“”", "（）", "《》", "()"))


def _label_printed(head: HeadLine, nxt: HeadLine) -> bool:
    """Marked in Markdown at least two levels smaller than the headline under it (#### over
    ##): a kicker or subheadline is one level down, a column label smaller still."""
    return nxt.level > 0 and head.level >= nxt.level + 2


def _label_sized(text: str) -> bool:
    """Short as a column name is, or names joined by a middle dot (乡村观察·综合新闻)."""
    parts = re.split("[·•]", text)
    if len(parts) == 1:
        return len(text) <= _LABEL_CHARS
    return len(parts) <= 3 and all(0 < len(part) <= _LABEL_CHARS - 2 for part in parts)


def place_unmatched(
    heads: list[HeadLine],
    by_element: dict[int, Draft],
    issue: ParsedIssue,
    layout: Layout,
    side: int = 1,
) -> None:
    """Lines no body claimed: join the group beside them, head a lone neighbour (the body on
    the side this page prints its headlines first), or stay reported as unplaced."""
    regions: dict[int, list[HeadLine]] = {}
    for head in heads:
        if not head.placed:
            regions.setdefault(head.region, []).append(head)
    owners: dict[int, Draft] = {}
    for draft in by_element.values():
        for head in draft.heads or []:
            owners[id(head)] = draft
    by_target = dict(enumerate(by_element.values()))  # targets were made in draft order
    for e, region in list(regions.items()):
        # A teaser repeating a headline printed again over its article: already placed there.
        alone = len(region) == 1
        for head in [h for h in region if h.demoted is not None]:
            region.remove(head)
            owner = by_target.get(head.demoted)
            if owner is not None and head.text in {h.text for h in owner.heads or []}:
                continue
            # Or given up for the rest of its own article, cut off at a subhead.
            beside = _headless_beside(head, e + side, by_target) if alone else None
            if beside is not None:
                beside.heads = [head]
                owners[id(head)] = beside
                continue
            issue.unplaced.append(" ".join(layout.lines[i].text for i in head.lines))
        unmatched = [h for h in region if h.target is None and id(h) not in owners]
        if not unmatched:
            continue
        if len(unmatched) == len(region):
            following, preceding = by_element.get(e + 1), by_element.get(e - 1)
            size = sum(len(h.text) for h in region)
            # Beside an element that has no headline of its own: a body's headline, or a
            # photo's title (short, above or below the picture). However short, a headline
            # over the writers' line that opens a text is that text's.
            signed_below = (
                following is not None
                and following.body is not None
                and following.body.under_feature_byline
            )
            candidates = [
                (following, True, size >= _FALLBACK_CHARS or signed_below),
                (preceding, False, size <= _PHOTO_TITLE_CHARS),
                (following, False, size <= _PHOTO_TITLE_CHARS),
                (preceding, True, size >= _FALLBACK_CHARS),
            ]
            if side < 0:  # headlines printed after their bodies
                candidates.insert(0, candidates.pop())
            owner = next(
                (
                    d
                    for d, wants_body, fits in candidates
                    if fits and d is not None and not d.heads and (d.body is not None) == wants_body
                ),
                None,
            )
            if owner is not None:
                owner.heads = list(region)
                first = region[0]
                if (
                    owner.body is not None
                    and owner.section is None
                    and len(region) > 1
                    and 0 < region[1].level < first.level
                    and _label_sized(first.text)
                    and _set_apart(first, region[1], layout)
                ):
                    # "### 资讯" set apart over "## headline": the column's name, as in
                    # ``sections`` (a kicker touches its headline).
                    owner.section, owner.heads = first.text, list(region[1:])
                continue
            for head in region:
                issue.unplaced.append(" ".join(layout.lines[i].text for i in head.lines))
            continue
        _slogans_by_order(region, owners, by_element, layout)
        # A line between matched lines belongs to a neighbour's group: a slogan headline
        # shares no words with its body, but it stands with the group's other lines.
        for pos, head in enumerate(region):
            if head.target is not None or id(head) in owners:
                continue
            following = by_element.get(e + 1)
            if (
                pos == len(region) - 1
                and pos > 0
                and following is not None
                and following.caption is not None
                and not following.heads
                and len(head.text) <= _PHOTO_TITLE_CHARS
                and layout.lines[min(head.lines)].blank_before
                and not has_sentence_punct(head.text)
            ):
                # The last line of a block of headlines, set apart from the one above it and
                # sharing no words with any body, right over a caption: the photo's title.
                following.heads = [head]
                owners[id(head)] = following
                continue
            owner = _neighbour_owner(
                region, pos, owners, layout,
                after_text=isinstance(layout.elements[e - 1], Body | Caption) if e else False,
                headlines_after=side < 0,
            )
            if owner is None or owner.heads is None:
                issue.unplaced.append(" ".join(layout.lines[i].text for i in head.lines))
                continue
            owner.heads.append(head)
            owners[id(head)] = owner


def _headless_beside(head: HeadLine, element: int, by_target: dict[int, Draft]) -> Draft | None:
    """The body beside a lone headline, on the side the page prints its headlines, when it has
    none and shares words with it. The headline's best match lay further on (the rest of the
    same article, cut off at a subhead that took a headline's place), so it was given up; the
    part it stands over is still its article's opening."""
    for k, draft in by_target.items():
        if draft.element == element:
            fits = draft.body is not None and not draft.heads and head.scores.get(k, 0.0) > 0
            return draft if fits else None
    return None


_OPENING_ENDS = ("：", ":", "——", "—")


def _slogans_by_order(
    region: list[HeadLine], owners: dict[int, Draft], by_element: dict[int, Draft], layout: Layout
) -> None:
    """In a stack of headlines printed over the bodies they head, in the same order, a
    headline whose words its body never repeats (a slogan) still has a place: after the
    headline of one body, each set apart, stand the headlines of the bodies printed after it
    that have none (up to the next body headed) — one each, in order."""

    def touching(a: HeadLine, b: HeadLine) -> bool:
        return layout.lines[max(a.lines)].number + 1 == layout.lines[min(b.lines)].number

    owned = [pos for pos, h in enumerate(region) if id(h) in owners]
    # The lines after the stack's last placed headline run to the region's end.
    for left, right in zip(owned, [*owned[1:], len(region)], strict=True):
        run = region[left + 1 : right]
        if not run or any(h.target is not None or id(h) in owners for h in run):
            continue
        printed = region[left : right + 1]
        if any(touching(a, b) for a, b in itertools.pairwise(printed)):
            continue  # lines printed together are one group's
        low = owners[id(region[left])].element
        high = owners[id(region[right])].element if right < len(region) else -1
        # The bodies after the left one up to the next that has a headline (a stack's last
        # lines may head the bodies after the last one the words placed).
        headless: list[Draft] = []
        for e, draft in sorted(by_element.items()):
            if e <= low or draft.body is None:
                continue
            if draft.heads or (low < high <= e):
                break
            headless.append(draft)
        if len(headless) != len(run):
            continue
        for head, draft in zip(run, headless, strict=True):
            draft.heads = [head]
            owners[id(head)] = draft


def _set_apart_line(head: HeadLine, layout: Layout) -> bool:
    first, last = layout.lines[min(head.lines)], layout.lines[max(head.lines)]
    return (
        first.blank_before and last.blank_after and not first.level and len(head.text) >= 6
        and not has_sentence_punct(head.text) and not head.text.endswith(_OPENING_ENDS)
    )


def _apart_both_sides(head: HeadLine, layout: Layout) -> bool:
    """Blank lines above and below, and not a Markdown heading (whose levels tell its role)."""
    first, last = layout.lines[min(head.lines)], layout.lines[max(head.lines)]
    return first.blank_before and last.blank_after and not first.level


def _signs_article(head: HeadLine) -> bool:
    """A line that names the writers ("…（记者 某某）"): wherever it is printed, it signs the
    article of the group over it."""
    return bool(head.byline) or tail_byline(head.text) is not None


def _over_own_body(region: list[HeadLine], pos: int, owners: dict[int, Draft]) -> bool:
    """The block's last line, the line above it heading the body printed right under it."""
    if pos == 0 or pos != len(region) - 1:
        return False
    owner = owners.get(id(region[pos - 1]))
    return owner is not None and owner.element == region[pos].region + 1


def _neighbour_owner(
    region: list[HeadLine], pos: int, owners: dict[int, Draft], layout: Layout, *,
    after_text: bool = False, headlines_after: bool = False,
) -> Draft | None:
    def touching(a: HeadLine, b: HeadLine) -> bool:  # printed on consecutive lines
        return layout.lines[max(a.lines)].number + 1 == layout.lines[min(b.lines)].number

    before = region[pos - 1] if pos > 0 else None
    after = region[pos + 1] if pos + 1 < len(region) else None
    candidates = []
    if before is not None and touching(before, region[pos]):
        candidates.append(before)
    if after is not None and touching(region[pos], after):
        candidates.append(after)
    if (
        ((pos == 0 and after_text) or (pos == len(region) - 1 and headlines_after))
        and not candidates
        and _set_apart_line(region[pos], layout)
    ):
        # Right under a text (or, where headlines follow their bodies, after the headline),
        # set apart from the group by blank lines and sharing no words with its body: the
        # caption of a picture printed with no credit, or a stray line — not a kicker or a
        # subheadline, which stand with their headline.
        return None
    opened = region[pos].text.endswith(_OPENING_ENDS) or (
        before is not None and before.text.endswith(_OPENING_ENDS)
    )  # "助农直播：" goes on in the line under it, whatever the blank line between
    if not candidates and not opened and _apart_both_sides(region[pos], layout):
        if _signs_article(region[pos]):
            # The writers' line goes with the nearest group above it that has an owner.
            candidates += region[pos - 1 :: -1] if pos else []
        elif not _over_own_body(region, pos, owners):
            # Blank lines above and below, touching no other headline line, and not the
            # last line over the body the group above heads (a slogan printed apart between
            # headline and text): a kicker, headline and subheadline are printed together,
            # so this line heads something else.
            return None
    candidates += [h for h in (before, after) if h is not None]
    for head in candidates:
        if id(head) in owners:
            return owners[id(head)]
    return None
