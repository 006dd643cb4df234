"""Placing headline lines that are not plainly one body's headline: column labels (栏目)
over an article, and lines no body claimed (a slogan beside its group, a lone block beside
a body or photo without a headline)."""

from __future__ import annotations

from .drafts import Draft
from .headlines import SECTION_MAX_CHARS, HeadLine, Target, is_event
from .layout import Layout
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
            nxt_element = element_of(nxt)
            labelled = by_element.get(nxt_element) if nxt_element is not None else None
            if labelled is None or labelled.body is None or labelled.section is not None:
                continue
            if nxt_element != e + 1 and head.target is not None:
                continue  # in a block of headlines away from the bodies: only a line no body claims
            if element_of(head) == nxt_element and (
                is_event(head.text)
                or not (
                    # A label shares a word or two with the article (文明创建进行时 over a
                    # story about 文明劝导), far fewer than its headline does, and is printed
                    # apart; in Markdown it is a smaller heading over the headline's.
                    (2 * head.score < nxt.score and layout.lines[head.lines[-1]].blank_after)
                    or (pos == 0 and 0 < nxt.level < head.level)
                )
            ):
                continue
            # A column name is a short noun phrase: "秋风起，蟹满仓" is a kicker.
            if (
                len(head.text) > _LABEL_CHARS
                or " " in head.text
                or has_sentence_punct(head.text)
                or head.byline  # a headline with its writers under it
            ):
                continue
            if element_of(head) == e - 1 and named_by.get(e - 1) == {e}:
                continue  # the only headline of the article above: printed after its body
            if pos > 0 and element_of(region[pos - 1]) in (nxt_element, element_of(head)):
                continue  # inside a group (this one or the one above), not a label over it
            labelled.section = head.text
            head.target, head.placed = None, True


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
        for head in [h for h in region if h.demoted is not None]:
            region.remove(head)
            owner = by_target.get(head.demoted)
            if owner is None or head.text not in {h.text for h in owner.heads or []}:
                issue.unplaced.append(" ".join(layout.lines[i].text for i in head.lines))
        unmatched = [h for h in region if h.target is None and id(h) not in owners]
        if not unmatched:
            continue
        if len(unmatched) == len(region):
            following, preceding = by_element.get(e + 1), by_element.get(e - 1)
            size = sum(len(h.text) for h in region)
            # Beside an element that has no headline of its own: a body's headline, or a
            # photo's title (short, above or below the picture).
            candidates = [
                (following, True, size >= _FALLBACK_CHARS),
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
                continue
            for head in region:
                issue.unplaced.append(" ".join(layout.lines[i].text for i in head.lines))
            continue
        # A line between matched lines belongs to a neighbour's group: a slogan headline
        # shares no words with its body, but it stands with the group's other lines.
        for pos, head in enumerate(region):
            if head.target is not None or id(head) in owners:
                continue
            owner = _neighbour_owner(region, pos, owners, layout)
            if owner is None or owner.heads is None:
                issue.unplaced.append(" ".join(layout.lines[i].text for i in head.lines))
                continue
            owner.heads.append(head)
            owners[id(head)] = owner


def _neighbour_owner(
    region: list[HeadLine], pos: int, owners: dict[int, Draft], layout: Layout
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
    candidates += [h for h in (before, after) if h is not None]
    for head in candidates:
        if id(head) in owners:
            return owners[id(head)]
    return None
