"""Attach headline lines to the body (or photo caption) they belong to.

Headlines are matched by content, not position: the OCR may print a page's headlines in a
block at the top, or after their body. Each headline line is scored against every body and
caption by the share of its character bigrams found there, weighted by how rare the bigram is
in this issue; the element right below gets a small bonus to settle ties. Lines of one block
that fit the same body form its group; kicker/headline/subheadline are then told apart by
Markdown level, by position and by wording (an event line "区政协开展专题协商" vs a slogan).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass, field

from .text import bigrams, ends_sentence, key_bigrams, match_key

MATCH_THRESHOLD = 0.3
NEXT_BONUS = 0.1  # headlines more often stand above their body than below it
# A line whose score for its neighbour's body is this close to its best joins the neighbour.
COHERENCE = 0.8
SURE = 0.9
SECTION_MAX_CHARS = 12
# Headlines are looked for this many elements either side (a page has far fewer).
WINDOW = 40
# A headline line that names an event (who did what) rather than a slogan.
_EVENT_RE = re.compile(
    r"召开|举行|开展|调研|考察|主持|带队|部署|督办|暗访|启动|组织|实施|携手|走访|慰问|视察|检查|"
    r"接访|看望|出席|会议|大会|座谈会|推进会|调度会|培训会|协商|签约|成立|开幕|闭幕"
)


@dataclass(slots=True, eq=False)  # identity: two blocks are never the same block
class HeadLine:
    text: str
    lines: list[int]  # indices into Layout.lines
    region: int  # index of its region among the layout's elements
    level: int = 0
    byline: str | None = None  # □ 通讯员 … printed under it
    target: int | None = None  # index into the target list
    score: float = 0.0
    scores: dict[int, float] = field(default_factory=dict)  # target index -> score, if > 0
    placed: bool = False  # used as a section label
    demoted: int | None = None  # best target, given up because that body has its own headlines
    kicker: bool = False  # printed touching the headline under it, sharing the body's words


@dataclass(slots=True)
class Group:
    kicker: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    section: str | None = None
    byline: str | None = None
    lines: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Target:
    text: str
    element: int  # index among the layout's elements
    grams: set[int] = field(default_factory=set)


def overlap_scores(grams_list: list[set[int]], keys: list[set[int]]) -> list[list[float]]:
    """For each bigram set in ``grams_list``, the share of it each key contains, rare bigrams
    (found in few keys) weighing more. One inverted index serves every query."""
    total = len(keys)
    if not total:
        return [[] for _ in grams_list]
    universe: set[int] = set().union(*grams_list)
    masks = dict.fromkeys(universe, 0)
    for k, key in enumerate(keys):
        bit = 1 << k
        for gram in universe.intersection(key):
            masks[gram] |= bit
    weight = [math.log(1 + total / df) if df else math.log(1 + total) for df in range(total + 1)]
    results = []
    for grams in grams_list:
        scores = [0.0] * total
        denominator = 0.0
        for gram in grams:
            mask = masks[gram]
            w = weight[mask.bit_count()]
            denominator += w
            k = 0
            while mask:
                if mask & 1:
                    scores[k] += w
                mask >>= 1
                k += 1
        results.append([x / denominator for x in scores] if denominator else [])
    return results


def weighted_overlap(grams: set[int], keys: list[set[int]]) -> list[float]:
    return overlap_scores([grams], keys)[0]


def assign(heads: list[HeadLine], targets: list[Target]) -> int:
    """Set ``target`` and ``score`` on each headline line that clearly belongs somewhere, and
    say where this page prints its headlines: over their body (1) or after it (-1)."""
    if not targets:
        return 1
    for target in targets:
        if not target.grams:
            target.grams = key_bigrams(match_key(target.text))
    all_scores = _scores_in_windows(heads, targets)
    side = _usual_side(heads, targets, all_scores)
    for head, scores in zip(heads, all_scores, strict=True):
        if not scores:
            continue
        # A short label (栏目) stands over the article it names, whatever the page does; a
        # headline of two phrases ("群众音乐会 唱响高原美") is no label, however short.
        label = len(head.text) <= SECTION_MAX_CHARS and " " not in head.text.strip()
        offset = 1 if label else side
        for k in scores:
            if targets[k].element == head.region + offset:
                scores[k] += NEXT_BONUS
        head.scores = scores
        best = max(scores, key=scores.__getitem__)  # ascending keys: ties go to the first
        if scores[best] >= MATCH_THRESHOLD:
            head.target, head.score = best, scores[best]
    _cohere(heads)
    _prefer_adjacent(heads, targets)
    return side


# How many less sure headlines must agree to tell the side when no sure one does: one alone
# may be a photo's title printed under it on a page that prints headlines over their bodies.
_FAIR_VOTES = 2


def _usual_side(
    heads: list[HeadLine], targets: list[Target], all_scores: list[dict[int, float]]
) -> int:
    """Where this page prints a headline: over its body (+1, the usual) or after it (-1),
    told by the headlines whose words leave no doubt. The tie-breaking bonus goes that way."""
    votes = {1: 0, -1: 0}
    fair = {1: 0, -1: 0}  # from headlines matched less surely, heard when no sure one says
    for head, scores in zip(heads, all_scores, strict=True):
        if not scores:
            continue
        best = max(scores, key=scores.__getitem__)
        offset = targets[best].element - head.region
        if offset not in votes:
            continue
        if scores[best] >= SURE:
            votes[offset] += 1
        elif scores[best] >= MATCH_THRESHOLD:
            fair[offset] += 1
    if not any(votes.values()) and max(fair.values()) >= _FAIR_VOTES:
        votes = fair
    return -1 if votes[-1] > votes[1] else 1


def _scores_in_windows(heads: list[HeadLine], targets: list[Target]) -> list[dict[int, float]]:
    """Scores of every headline line against the targets it shares words with; on a very
    long file (many pages run together) a line is only compared with targets within WINDOW
    elements of it, which keeps the work linear."""
    grams = [bigrams(h.text) for h in heads]
    if len(targets) <= 2 * WINDOW:
        return [
            {k: x for k, x in enumerate(scores) if x > 0}
            for scores in overlap_scores(grams, [t.grams for t in targets])
        ]
    results: list[dict[int, float]] = [{} for _ in heads]
    by_region: dict[int, list[int]] = {}
    for k, head in enumerate(heads):
        by_region.setdefault(head.region, []).append(k)
    elements = [t.element for t in targets]  # ascending: targets are made in page order
    for region, members in by_region.items():
        lo = bisect.bisect_left(elements, region - WINDOW)
        hi = bisect.bisect_right(elements, region + WINDOW)
        window = list(range(lo, hi))
        partial = overlap_scores([grams[k] for k in members], [targets[j].grams for j in window])
        for k, scores in zip(members, partial, strict=True):
            results[k] = {j: x for j, x in zip(window, scores, strict=False) if x > 0}
    return results


def _cohere(heads: list[HeadLine]) -> None:
    """Neighbouring lines of one block usually form one group: a line that fits its
    neighbour's body almost as well as its own best goes with the neighbour."""
    for a, b in itertools.pairwise(heads):
        if a.region != b.region or a.target is None or b.target is None or a.target == b.target:
            continue
        # A headline with its own byline under it heads its own group: it is never moved.
        a_alt = 0.0 if a.byline else a.scores.get(b.target, 0.0) / a.score
        b_alt = 0.0 if b.byline else b.scores.get(a.target, 0.0) / b.score
        if max(a_alt, b_alt) < COHERENCE:
            continue
        if a_alt >= b_alt:
            a.target, a.score = b.target, a.scores.get(b.target, 0.0)
        else:
            b.target, b.score = a.target, b.scores.get(a.target, 0.0)


def _prefer_adjacent(heads: list[HeadLine], targets: list[Target]) -> None:
    """A body with headline lines right beside it takes no lines from distant blocks."""
    adjacent: set[int] = set()
    for head in heads:
        if head.target is not None and abs(targets[head.target].element - head.region) == 1:
            adjacent.add(head.target)
    for head in heads:
        if (
            head.target in adjacent
            and abs(targets[head.target].element - head.region) != 1  # type: ignore[index]
            and head.score < SURE
        ):
            head.demoted, head.target, head.score = head.target, None, 0.0


def join_parts(parts: list[str], corpus: str) -> list[str]:
    """Rejoin a headline wrapped over two lines ("…周边环境" + "综合整治…") when the text
    elsewhere shows the two ends belong together; parallel lines stay separate."""
    joined: list[str] = []
    for part in parts:
        if joined:
            prev = joined[-1]
            if (
                len(prev) >= 2
                and len(part) >= 2
                and " " not in prev + part
                and (prev[-2:] + part[:2]) in corpus
            ) or (prev[-1:].isdigit() and part[:1].isdigit()):  # a number cut in two: 201 / 9年
                joined[-1] = prev + part
                continue
        joined.append(part)
    return joined


def is_event(text: str) -> bool:
    return bool(_EVENT_RE.search(text))


# A headline that is all one quotation, commas and all ("“回村种菜，一样有出息”"); words spoken in the
# text end their sentence inside the quotes ("“路修好了。”"), a headline's do not.
QUOTED_HEAD_RE = re.compile(r"^“[^“”。；;！？!?]{2,24}[！？!?]?”$")


def roles(heads: list[HeadLine], corpus: str) -> Group:
    """Decide kicker (引题), headline (主题) and subheadline (副题) for one group of lines.

    Lines that joined the group only because they stand beside it (no words in common with
    the body) never displace the matched lines: after them they are the subheadline."""
    texts = [h.text for h in heads]
    if (
        len(heads) == 2
        and not any(h.level for h in heads)
        and QUOTED_HEAD_RE.match(texts[1])
        and not QUOTED_HEAD_RE.match(texts[0])
    ):
        # Who speaks over what they said ("返乡青年某某" / "“回村种菜，一样有出息”"): the words said
        # are the headline, the speaker its kicker, whichever of them the text repeats.
        group = Group(lines=[i for h in heads for i in h.lines], kicker=texts[0], headline=texts[1])
        group.byline = next((h.byline for h in heads if h.byline), None)
        return group
    matched = [k for k, h in enumerate(heads) if h.target is not None]
    if matched and matched[-1] < len(heads) - 1 and not any(h.level for h in heads):
        tail = heads[matched[-1] + 1 :]
        group = roles(heads[: matched[-1] + 1], corpus)
        group.lines += [i for h in tail for i in h.lines]
        group.subheadline = " ".join(filter(None, [group.subheadline, *(h.text for h in tail)]))
        group.byline = group.byline or next((h.byline for h in tail if h.byline), None)
        return group
    group = Group(lines=[i for h in heads for i in h.lines])
    # The same headline printed twice (a teaser and the article) is one headline.
    seen: set[str] = set()
    heads = [h for h in heads if not (h.text in seen or seen.add(h.text))]
    bylines = [h.byline for h in heads if h.byline]
    group.byline = bylines[0] if bylines else None
    levels = [h.level for h in heads]
    if any(levels):
        # Markdown: the biggest heading (fewest #) is the headline.
        main = min((lvl, k) for k, lvl in enumerate(levels) if lvl)[1]
        before = [h.text for h in heads[:main]]
        after = [h.text for h in heads[main + 1 :]]
        group.kicker = " ".join(before) or None
        group.headline = heads[main].text
        group.subheadline = " ".join(after) or None
        if not before and not after:
            _split_one_line(group)
        return group
    parts = join_parts([h.text for h in heads], corpus)
    if len(parts) == 1:
        group.headline = parts[0]
        _split_one_line(group)
        return group
    events = [is_event(p) or p.endswith(("——", "：", ":", "—")) for p in parts]
    if (events[0] and not any(events[1:])) or (heads[0].kicker and parts[0] == heads[0].text):
        group.kicker, group.headline = parts[0], " ".join(parts[1:])
    elif events[-1] and not any(events[:-1]):
        group.headline, group.subheadline = " ".join(parts[:-1]), parts[-1]
    else:
        group.headline, group.subheadline = parts[0], " ".join(parts[1:])
    return group


def _split_one_line(group: Group) -> None:
    """One printed line holding kicker and headline: "万玲玲调研芒麻行业协会 推进产业整体转型升级"."""
    text = group.headline or ""
    first, _, rest = text.partition(" ")
    parallel = all(len(part) <= 8 for part in rest.split())  # "开展深入洽谈 推进项目建设"
    if (
        rest
        and len(first) >= 6
        and len(rest.replace(" ", "")) >= 4
        # a space inside quotes or a title's marks ("开展“迎新春 送春联”活动") parts nothing
        and first.count("“") <= first.count("”")
        and first.count("《") <= first.count("》")
        and is_event(first)
        and (parallel or not is_event(rest))
    ):
        group.kicker = " ".join(filter(None, [group.kicker, first]))
        group.headline = rest


def title_text(parts: list[str]) -> str:
    """A photo title from its lines: "助农直播：" + "“流量”变“销量”"."""
    out = ""
    for part in parts:
        if out and not out.endswith(("：", ":", "——", "—")) and not ends_sentence(out):
            out += " "
        out += part
    return out
