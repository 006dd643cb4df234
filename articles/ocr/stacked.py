"""A page's headlines stacked at the top, the bodies after them with nothing in between.

When the bodies carry no byline, the layout shows one long text under a block of headlines.
The headlines say where it divides: each stands over the text that repeats its words, in the
order they were printed. The text is cut into as many consecutive parts as there are
headlines (sub-blocks set apart by blank lines) so that each part speaks of its own headline:

- the text is read in *units*: a paragraph, or the lines of one after a line that ends a
  sentence (the OCR often loses the blank line between paragraphs);
- each unit scores each headline by the share of the headline's character pairs it holds, a
  pair the other headlines share too counting less (two headlines about 春风行动 are told
  apart by the words they do not share), less the unit's mean score: a unit that echoes one
  headline more than the others leans towards it;
- a part's first unit (a news lead repeats its headline most) weighs more, and a cut is
  likelier where a new paragraph plainly starts: after a short line, a blank line, a change of
  column width, a date or a quotation opening the line;
- dynamic programming finds the best cut, in linear time over the units; existing body
  boundaries (a byline started a new body) are kept.

A headline that repeats no words anywhere (a column label) goes with the headline after it;
when a headline's words are not found more in its own part than in any other, the text is
not cut at all (a kicker and its headline over one body both echo all of it).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .bylines import is_feature_byline, tail_byline
from .layout import CONTINUATION_RE, Body, Caption, HeadRegion, Layout
from .lines import joined_pairs
from .text import ends_sentence

_LABEL_CHARS = 8
# A headline must find this much of itself in its own part (sum of unit shares).
_MIN_OWN = 0.3
# ... and in no other part more than this share of that.
_CROSS = 0.5
# Weight of a part's first unit, and of the signs that a paragraph starts a new article.
_LEAD = 1.0
_BLANK = 0.3
_SHORT_BEFORE = 0.3
_WIDTH_CHANGE = 0.6
_OPENER = 0.3
_SIGNED_BEFORE = 1.0
# Lines each part of a text cut for two headlines of a stack must hold.
_OWN_TEXT_LINES = 6
_UNFINISHED = -1.5
_CONTINUES = -1.5  # "会上，", "万玲玲强调，": a paragraph inside an article, never its first
_OPENER_RE = re.compile(
    r"^(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|近期|连日来|近年来|今年以来|眼下|“|据悉|据了解|"
    r"(?:19|20)\d\d\s*年|[春夏秋冬]|金秋|初夏|盛夏|寒冬)"
)
_MIN_INF = float("-inf")
_PAGE_ELEMENTS = 80
_HANGING = "，。、；：！？）」』”’…,.;:!?)"


def _blocks(region: HeadRegion, layout: Layout) -> tuple[list[list[int]], set[int]]:
    """The region's lines in blocks set apart by blank lines; a column label (a short line, or
    a smaller Markdown heading over a bigger one) belongs with the block under it."""
    blocks: list[list[int]] = []
    labels: set[int] = set()
    label = False
    for at, i in enumerate(region.lines):
        line = layout.lines[i]
        # Two short lines each set apart, the second shorter still: the one nearer the
        # headlines under them is their label, the one above a short headline of its own
        # (菜篮子稳了 / 要闻 / …).
        alone = at + 1 == len(region.lines) or layout.lines[region.lines[at + 1]].blank_before
        relabel = (
            label
            and line.blank_before
            and alone
            and not line.level
            and len(line.text) < len(layout.lines[blocks[-1][0]].text)
        )
        if relabel:
            labels.discard(blocks[-1][0])
        if blocks and (not line.blank_before or label) and not relabel:
            blocks[-1].append(i)
        else:
            blocks.append([i])
        label = len(blocks[-1]) == 1 and (
            len(line.text) <= _LABEL_CHARS or (line.level > 0 and line.level > _next_level(region, i, layout))
        )
        if label:
            labels.add(i)
    return blocks, labels


def _next_level(region: HeadRegion, i: int, layout: Layout) -> int:
    at = region.lines.index(i)
    return layout.lines[region.lines[at + 1]].level if at + 1 < len(region.lines) else 0


@dataclass(slots=True)
class _Unit:
    body: int  # index into the run
    paragraph: int  # index into that body's paragraphs
    lines: list[int]
    forced: bool  # a body starts here
    prior: float = 0.0  # how plainly a new article could start here


def split_stacked(layout: Layout) -> None:
    elements = layout.elements
    furniture = set(layout.noise)
    e = 0
    while e < len(elements):
        region = elements[e]
        e += 1
        if not isinstance(region, HeadRegion):
            continue
        blocks, labels = _blocks(region, layout)
        if len(blocks) < 2:
            continue
        run = _run(layout, e, furniture)
        if len(run) < len(blocks):
            _split_further_on(layout, e, blocks, furniture, run)
        if not run or len(run) > len(blocks):
            continue
        cut = _parts(layout, blocks, run)
        if cut is None and _opens_page(layout, e - 1, furniture):
            cut = _parts_by_shape(layout, blocks, run)
        if cut is None:
            continue
        parts, part_of_block = cut
        pieces = [piece for body_parts in parts for piece in body_parts]
        for block, part in zip(blocks, part_of_block, strict=True):
            if part is not None:
                # A label over the block is placed as a label later (see ``placement``).
                lines = block[1:] if len(block) > 1 and block[0] in labels else block
                region.owners.update(dict.fromkeys(lines, pieces[part]))
        for body, body_parts in zip(run, parts, strict=True):
            at = elements.index(body)
            elements[at : at + 1] = body_parts


def _split_further_on(
    layout: Layout, start: int, blocks: list[list[int]], furniture: set[int], run: list[Body]
) -> None:
    """Texts printed further down the page, past the run under the stack, with no headline
    of their own over them: where two of the stack's headlines each find their words in
    one such text, one after the other, it is two articles run together (no byline and no
    headline between them), cut where the second headline's words begin."""
    elements = layout.elements
    heads = [joined_pairs(layout.lines, block) for block in blocks]
    last = max(elements[start - 1].lines)  # type: ignore[union-attr]
    k = start
    # No printed page holds more elements than this: a text with no furniture at all (one
    # "page" of thousands of headlines) is not walked to its end from every stack in it.
    while k < len(elements) and k - start < _PAGE_ELEMENTS:
        element = elements[k]
        first = _first_line(element)
        if _page_turns(furniture, last, first):
            return  # the next page
        last = _last_line(element)
        k += 1
        if (
            not isinstance(element, Body)
            or isinstance(elements[k - 2], HeadRegion)
            or any(element is body for body in run)
        ):
            continue
        units = _units(layout, [element])
        if len(units) < 2:
            continue
        affinity = _affinity(heads, [joined_pairs(layout.lines, unit.lines) for unit in units])
        echoed = [j for j in range(len(blocks)) if sum(row[j] for row in affinity) >= _MIN_OWN]
        if len(echoed) != 2:
            continue
        cut = _parts(layout, [blocks[j] for j in echoed], [element])
        # Each part a text of its own, not a lead sentence echoing a kicker above the rest.
        if cut is not None and len(cut[0][0]) == 2 and all(
            sum(len(p) for p in part.paragraphs) >= _OWN_TEXT_LINES for part in cut[0][0]
        ):
            elements[k - 1 : k] = cut[0][0]
            k += 1


def _run(layout: Layout, start: int, furniture: set[int]) -> list[Body]:
    """The bodies printed under a stack of headlines: up to the next headline (a photo's
    title over its caption and a line of writers over the next body do not count) or the
    end of the page."""
    elements = layout.elements
    run: list[Body] = []
    last = max(elements[start - 1].lines)  # type: ignore[union-attr]
    for k in range(start, len(elements)):
        element = elements[k]
        first = _first_line(element)
        if _page_turns(furniture, last, first):
            break  # a running head or the page's staff: the next page
        if isinstance(element, HeadRegion):
            writers = all(is_feature_byline(layout.lines[i].text) for i in element.lines)
            title = k + 1 < len(elements) and isinstance(elements[k + 1], Caption)
            if not (writers or title):
                break
        elif isinstance(element, Body):
            run.append(element)
        last = _last_line(element)
    return run


def _first_line(element: HeadRegion | Body | Caption) -> int:
    if isinstance(element, Body):
        return element.paragraphs[0][0]
    return element.lines[0]


def _last_line(element: HeadRegion | Body | Caption) -> int:
    if isinstance(element, Body):
        return max([*element.line_indices(), *element.tail_lines])
    return element.lines[-1]


def _units(layout: Layout, run: list[Body]) -> list[_Unit]:
    lines = layout.lines
    units: list[_Unit] = []
    for b, body in enumerate(run):
        for p, paragraph in enumerate(body.paragraphs):
            current = _Unit(b, p, [paragraph[0]], forced=p == 0)
            units.append(current)
            for i in paragraph[1:]:
                # Writers' brackets after the last sentence ("（A B）") close that text:
                # they never open the next one.
                if ends_sentence(lines[current.lines[-1]].text) and not _signature(lines[i].text):
                    current = _Unit(b, p, [i], forced=False)
                    units.append(current)
                else:
                    current.lines.append(i)
    # The widths of the run's lines in order, on the grid (a mark hung past the column takes
    # no cell of it): the widest of a few lines is the column they are set in.
    flat: list[int] = []
    starts: list[int] = []
    for unit in units:
        starts.append(len(flat))
        flat.extend(_cells(lines[i].text) for i in unit.lines)
    for k in range(1, len(units)):
        unit = units[k]
        if unit.forced:
            continue
        before = units[k - 1]
        first = lines[unit.lines[0]]
        last = lines[before.lines[-1]].text
        prior = 0.0
        if not ends_sentence(last):
            prior += _UNFINISHED
        if first.blank_before:
            prior += _BLANK
        if _signature(last) or tail_byline(last) is not None:
            prior += _SIGNED_BEFORE  # the text above ends with its writers
        column = max(flat[max(0, starts[k] - 4) : starts[k]])
        if len(last) < 0.7 * column:
            prior += _SHORT_BEFORE
        mine = max(flat[starts[k] : starts[k] + 4])
        if min(starts[k], len(flat) - starts[k]) >= 3 and abs(column - mine) >= 2:
            prior += _WIDTH_CHANGE  # another column: another article
        if _OPENER_RE.match(first.text):
            prior += _OPENER
        elif CONTINUATION_RE.match(first.text):
            prior += _CONTINUES
        unit.prior = prior
    return units


def _signature(text: str) -> bool:
    return text[:1] in "（(" and tail_byline(text, alone=True) is not None


def _cells(text: str) -> int:
    return len(text) - (text[-1:] in _HANGING)


def _parts(
    layout: Layout, blocks: list[list[int]], run: list[Body]
) -> tuple[list[list[Body]], list[int | None]] | None:
    """For each body of the run, the bodies it becomes, and for each block the part (in
    order over the whole run) it heads; None when the headlines do not say."""
    units = _units(layout, run)
    heads = [joined_pairs(layout.lines, block) for block in blocks]
    grams = [joined_pairs(layout.lines, unit.lines) for unit in units]
    affinity = _affinity(heads, grams)
    # A headline whose words the text never repeats (a column label) goes with the next one.
    kept = [j for j in range(len(heads)) if sum(row[j] for row in affinity) >= 0.15]
    if len(kept) < len(run):
        kept = list(range(len(heads)))
    if len(kept) < 2 or len(units) < len(kept):
        return None
    if len(kept) < len(heads):
        heads = [heads[j] for j in kept]
        affinity = _affinity(heads, grams)
    # A block left out (a label) is placed later, by its position (see ``placement``).
    part_of_block: list[int | None] = [None] * len(blocks)
    for p, j in enumerate(kept):
        part_of_block[j] = p
    if len(kept) == len(run):
        # As many headlines as bodies: in the order printed, unless one plainly names another.
        forced = [u for u, unit in enumerate(units) if unit.forced]
        if not _in_order(affinity, forced, len(units)):
            return None
        return [[body] for body in run], part_of_block
    starts = _cut(units, affinity, len(heads))
    # The last headlines of a stack may head articles printed further on, past this text.
    dropped = 0
    while (starts is None or not _distinct(affinity, starts, units)) and len(heads) - dropped > max(
        2, len(run)
    ):
        dropped += 1
        found = _cut(units, [row[: len(heads) - dropped] for row in affinity], len(heads) - dropped)
        starts = None if found is None else [*found, *([None] * dropped)]
    if starts is None or not _distinct(affinity, starts, units):
        return None
    cuts = [u for u in starts if u is not None]
    if any(units[u].prior < 0 for u in cuts):
        return None  # a cut where no new article can start: the headlines do not say
    # A headline whose article is not in this text (printed further on) heads no part.
    parts = {j: p for p, j in enumerate(j for j, u in enumerate(starts) if u is not None)}
    part_of_block = [parts.get(kept.index(j)) if j in kept else None for j in range(len(blocks))]
    return _rebuild(run, units, set(cuts)), part_of_block


def _opens_page(layout: Layout, at: int, furniture: set[int]) -> bool:
    """The element at ``at`` is the first on its page: nothing before it but the masthead or
    a running head."""
    if at == 0:
        return True
    return _page_turns(furniture, _last_line(layout.elements[at - 1]), _first_line(layout.elements[at]))


def _page_turns(furniture: set[int], last: int, first: int) -> bool:
    """A running head or the page's staff stands between line ``last`` and line ``first``."""
    return any(i in furniture for i in range(last + 1, first))


def _parts_by_shape(
    layout: Layout, blocks: list[list[int]], run: list[Body]
) -> tuple[list[list[Body]], list[int | None]] | None:
    """Two headlines stacked at the top of a page over one text whose words do not tell
    where it divides (a headline of images, 红红火火闹元宵, shares few words with its story):
    the text divides where, and only where, a finished paragraph is followed after a blank
    line by text set in another column's width, each side a text of its own — the text
    opened by its writers and signed again at its end, as one article never is."""
    if len(blocks) != 2 or len(run) != 1:
        return None
    body = run[0]
    last = "".join(layout.lines[i].text for i in body.last_lines(3))
    if not body.has_byline or (body.tail is None and tail_byline(last) is None):
        return None  # two texts are signed twice: opened by writers, closed by others
    units = _units(layout, run)
    before = list(itertools.accumulate((len(unit.lines) for unit in units), initial=0))  # lines before unit u
    total = before[-1]
    plain = _BLANK + _WIDTH_CHANGE
    starts = [
        u
        for u in range(1, len(units))
        if not units[u].forced
        and units[u].prior >= plain - 1e-9
        and ends_sentence(layout.lines[units[u - 1].lines[-1]].text)
        and _OWN_TEXT_LINES <= before[u] <= total - _OWN_TEXT_LINES
    ]
    if len(starts) != 1:
        return None
    return _rebuild(run, units, set(starts)), [0, 1]


def _affinity(heads: list[set[int]], grams: list[set[int]]) -> list[list[float]]:
    """For each unit, each headline's share of its character pairs found there; a pair that
    several headlines hold counts for each as one over their number."""
    holders: dict[int, int] = {}
    for head in heads:
        for gram in head:
            holders[gram] = holders.get(gram, 0) + 1
    weights = [{g: 1 / holders[g] for g in head} for head in heads]
    totals = [sum(w.values()) or 1.0 for w in weights]
    rows = []
    for unit in grams:
        rows.append(
            [sum(w[g] for g in unit.intersection(w)) / total for w, total in zip(weights, totals, strict=True)]
        )
    return rows


def _cut(units: list[_Unit], affinity: list[list[float]], k: int) -> list[int | None] | None:
    """For each of the k headlines the unit where its part starts (the first at 0); None
    when no cut fits."""
    m = len(units)
    relative = []
    for row in affinity:
        mean = sum(row) / k
        relative.append([x - mean for x in row])
    # prefix[j][v]: sum of unit scores for headline j over the first v units.
    prefix = [[0.0] * (m + 1) for _ in range(k)]
    for j in range(k):
        total = 0.0
        for v in range(m):
            total += relative[v][j]
            prefix[j][v + 1] = total
    # best[j][v]: the first j headlines placed on the first v units.
    best = [[_MIN_INF] * (m + 1) for _ in range(k + 1)]
    back = [[0] * (m + 1) for _ in range(k + 1)]  # where headline j's part starts
    best[0][0] = 0.0
    for j in range(1, k + 1):
        top, arg = _MIN_INF, -1
        for v in range(1, m + 1):
            u = v - 1
            if units[u].forced:
                top, arg = _MIN_INF, -1  # no part runs across a body boundary
            if best[j - 1][u] > _MIN_INF:
                start = (units[u].prior if u else 0.0) + _LEAD * affinity[u][j - 1]
                candidate = best[j - 1][u] + start - prefix[j - 1][u]
                if candidate > top:
                    top, arg = candidate, u
            if arg >= 0:
                best[j][v] = top + prefix[j - 1][v]
                back[j][v] = arg
    if best[k][m] == _MIN_INF:
        return None
    starts: list[int | None] = []
    v = m
    for j in range(k, 0, -1):
        v = back[j][v]
        starts.append(v)
    starts.reverse()
    return starts


def _distinct(affinity: list[list[float]], starts: list[int | None], units: list[_Unit]) -> bool:
    """Each headline with a part finds its words there (a part cut out for it must echo it),
    and more there than in any other."""
    placed = [(j, u) for j, u in enumerate(starts) if u is not None]
    bounds = [u for _, u in placed] + [len(units)]
    for p, (j, u) in enumerate(placed):
        found = [sum(affinity[w][j] for w in range(bounds[q], bounds[q + 1])) for q in range(len(placed))]
        own = found[p]
        if (own < _MIN_OWN and not units[u].forced) or any(
            found[q] > _CROSS * own for q in range(len(placed)) if q != p
        ):
            return False
    return True


def _in_order(affinity: list[list[float]], starts: list[int], m: int) -> bool:
    """No headline finds its words in another part more than in its own."""
    bounds = [*starts, m]
    k = len(starts)
    for j in range(k):
        found = [sum(affinity[u][j] for u in range(bounds[p], bounds[p + 1])) for p in range(k)]
        if any(found[p] > found[j] for p in range(k) if p != j):
            return False
    return True


def _rebuild(run: list[Body], units: list[_Unit], starts: set[int]) -> list[list[Body]]:
    """For each body of the run, the bodies it becomes."""
    out: list[list[Body]] = [[] for _ in run]
    for u, unit in enumerate(units):
        body = run[unit.body]
        parts = out[unit.body]
        if unit.forced:
            parts.append(Body([], body.has_byline, body.under_feature_byline))
        elif u in starts:
            parts.append(Body([]))
        current = parts[-1]
        if current.paragraphs and units[u - 1].paragraph == unit.paragraph and u not in starts:
            current.paragraphs[-1].extend(unit.lines)  # the same paragraph goes on
        else:
            current.paragraphs.append(list(unit.lines))
    for body, parts in zip(run, out, strict=True):
        parts[-1].tail, parts[-1].tail_lines = body.tail, body.tail_lines
    return out
