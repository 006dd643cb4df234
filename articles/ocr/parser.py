"""parse_issue: one issue's OCR text in, a ParsedIssue out. Pure Python, no Django.

The steps, each in its own module:

1. ``layout``: lines -> headline blocks, article bodies (from a 本报讯 byline or after a
   headline block), photo captions (text ending in （… 摄）); wrapped lines and column breaks
   are followed sentence by sentence, so a blank line inside a sentence is not a break.
2. ``headlines``: every headline line is matched by content to the body or caption it
   belongs to, wherever it was printed; groups become kicker/headline/subheadline, short
   labels above them become sections, anything unclaimed is reported as unplaced.
3. ``bylines``, ``dates``, ``people``: writers and photographers, the masthead/lunar or
   inferred issue date and datelines, and the people each body mentions.

The text of a body is never rewritten: lines are joined and stray spaces next to Chinese
characters removed, nothing else.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from . import dates
from .bylines import (
    NEWS_BYLINE_RE,
    byline_writers_text,
    credit_names,
    feature_writers,
    find_credit,
    is_feature_byline,
    split_writers,
)
from .headlines import (
    SECTION_MAX_CHARS,
    Group,
    HeadLine,
    Target,
    assign,
    is_event,
    join_parts,
    roles,
    title_text,
    weighted_overlap,
)
from .layout import Body, Caption, HeadRegion, Layout, Line, cut, read_lines
from .people import mentions_in, titled_mentions
from .text import bigrams, ends_sentence, has_sentence_punct, join_lines, tidy_heading
from .types import (
    DatePrecision,
    DateSource,
    ParsedArticle,
    ParsedIssue,
    ParsedPhoto,
    PersonMention,
    Role,
)

_MASTHEAD_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:新闻|日报|晚报|报|周报|周刊)$")
_LATIN_RE = re.compile(r"^[A-Za-z][A-Za-z .,&'-]{3,60}$")
_NUMBER_RE = re.compile(r"第\s*(\d{1,6})\s*期")
_MASTHEAD_ZONE = 10
_MASTHEAD_NOISE_RE = re.compile(
    r"[\s\W\d_a-zA-Z]|星期[一二三四五六日天]|周[一二三四五六日天]|农历|总|版"
)
# A body may not start in the middle of a sentence; if it does, the line before it was read as
# a heading by mistake ("## 2025年招商引资…工作安排" / "及入库入统工作调度会举行,…").
_CONTINUATION_START = tuple("及、，,。；;：:）)的")
_FRAGMENT_CHARS = 40
_LABEL_CHARS = 8
# An unclaimed block this long beside a body without a headline is taken as its headline.
_FALLBACK_CHARS = 6
_PHOTO_TITLE_CHARS = 24
PHOTO_LINK_THRESHOLD = 0.55
PHOTO_WINDOW = 20


def parse_issue(text: str, *, known_people: Collection[str] = ()) -> ParsedIssue:
    """Turn the OCR text of one issue into masthead, date, articles and photos."""
    issue = ParsedIssue()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = _drop_repeated_mastheads(_read_masthead(read_lines(text), issue), issue)
    layout = cut(lines)
    issue.unplaced.extend(layout.lines[i].text for i in layout.noise)
    _running_head_date(layout, issue)
    heads, pending_bylines = _head_lines(layout, issue)
    _merge_false_headings(layout, heads)
    _build(layout, heads, pending_bylines, issue, known_people)
    if not issue.articles and not issue.photos:
        issue.errors.append("未识别出任何文章或图片 (no article or photo found)")
    elif issue.date is None:
        issue.errors.append("无法确定出版日期：报头无日期，正文未提到年份 (no issue date found)")
    return issue


# --- masthead -------------------------------------------------------------------------------


def _masthead_info_only(compact: str, *found: str) -> bool:
    """True when a line holds nothing but masthead data (date, weekday, issue number)."""
    rest = compact
    for part in found:
        rest = rest.replace(part, "")
    rest = _MASTHEAD_NOISE_RE.sub("", rest)
    return len(rest) <= 4


def _read_masthead(lines: list[Line], issue: ParsedIssue) -> list[Line]:
    """Take the masthead, lunar/Gregorian date and issue number off the top of the page."""
    zone = lines[:_MASTHEAD_ZONE]
    used: set[int] = set()
    info: set[int] = set()  # lines holding dates or numbers: they vouch for a masthead nearby
    for line in zone:
        compact = line.text.replace(" ", "")
        lunar = dates.LUNAR_RE.search(compact)
        printed = dates.gregorian_in(compact)
        greg = printed[0] if printed else None
        number = _NUMBER_RE.search(compact)
        found = [m.group(0) for m in (lunar, greg, number) if m]
        if not found or not _masthead_info_only(compact, *found):
            continue
        info.add(line.index)
        used.add(line.index)
        if lunar and issue.lunar_date is None:
            issue.lunar_date = lunar.group(0)
        if printed and issue.date is None:
            try:
                issue.date = dt.date(*printed[1:])
            except ValueError:
                issue.errors.append(f"报头日期无效 (invalid masthead date): {line.text}")
            else:
                issue.date_source, issue.date_precision = DateSource.MASTHEAD, DatePrecision.DAY
        if number and issue.number is None:
            issue.number = number.group(1)
    masthead_at = None
    for line in zone:
        compact = line.text.replace(" ", "")
        if not _MASTHEAD_RE.match(compact):
            continue
        near = any(abs(line.index - i) <= 3 for i in info) or any(
            _LATIN_RE.match(other.text) for other in zone if 0 < other.index - line.index <= 2
        )
        if line.level == 1 or near:
            issue.masthead, masthead_at = compact, line.index
            used.add(line.index)
            break
    if masthead_at is not None:
        for line in zone:
            if line.index < masthead_at and line.index not in used:
                issue.unplaced.append(line.text)  # whatever sits above the title: kept, reported
                used.add(line.index)
            elif 0 < line.index - masthead_at <= 3 and _LATIN_RE.match(line.text):
                used.add(line.index)  # the masthead's own transliteration
    if not used:
        return lines
    kept = [line for line in lines if line.index not in used]
    for index, line in enumerate(kept):
        line.index = index
    if kept:
        kept[0].blank_before = True
    return kept


def _running_head_date(layout: Layout, issue: ParsedIssue) -> None:
    """A page's running head ("2024年10月21日 星期一 第2版") prints the issue date too."""
    if issue.date is not None or issue.lunar_date is not None:
        return
    for i in layout.noise:
        printed = dates.gregorian_in(layout.lines[i].text.replace(" ", ""))
        if printed is None:
            continue
        try:
            issue.date = dt.date(*printed[1:])
        except ValueError:
            continue
        issue.date_source, issue.date_precision = DateSource.MASTHEAD, DatePrecision.DAY
        return


def _drop_repeated_mastheads(lines: list[Line], issue: ParsedIssue) -> list[Line]:
    """Pages run together repeat the title ("荆州区新闻", "JingZhouDistrict News"): reported,
    never read as a headline or a section."""
    if issue.masthead is None:
        return lines
    drop: set[int] = set()
    for line in lines:
        if line.text.replace(" ", "") == issue.masthead:
            drop.add(line.index)
            drop.update(
                other.index
                for other in lines[line.index + 1 : line.index + 3]
                if _LATIN_RE.match(other.text)
            )
    if not drop:
        return lines
    issue.unplaced.extend(lines[i].text for i in sorted(drop))
    kept = [line for line in lines if line.index not in drop]
    for index, line in enumerate(kept):
        if index and line.index - 1 in drop:
            line.blank_before = kept[index - 1].blank_after = True
        line.index = index
    return kept


# --- headline lines ------------------------------------------------------------------------


def _head_lines(layout: Layout, issue: ParsedIssue) -> tuple[list[HeadLine], dict[int, str]]:
    heads: list[HeadLine] = []
    pending: dict[int, str] = {}  # region index -> feature byline with no headline above it
    for e, element in enumerate(layout.elements):
        if not isinstance(element, HeadRegion):
            continue
        region: list[HeadLine] = []
        for i in element.lines:
            line = layout.lines[i]
            if is_feature_byline(line.text):
                if region:
                    region[-1].byline = " ".join(line.text.lstrip("□■◇◆● ").split())
                    region[-1].lines.append(i)
                else:
                    pending[e] = " ".join(line.text.lstrip("□■◇◆● ").split())
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


def _merge_false_headings(layout: Layout, heads: list[HeadLine]) -> None:
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


# --- building the result ------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    element: int
    body: Body | None = None
    caption: Caption | None = None
    heads: list[HeadLine] | None = None
    section: str | None = None


def _element_text(layout: Layout, indices: list[int]) -> str:
    return "".join(layout.lines[i].text for i in indices)


def _build(
    layout: Layout,
    heads: list[HeadLine],
    pending_bylines: dict[int, str],
    issue: ParsedIssue,
    known_people: Collection[str],
) -> None:
    elements = layout.elements
    drafts: list[_Draft] = []
    targets: list[Target] = []
    for e, element in enumerate(elements):
        if isinstance(element, Body):
            drafts.append(_Draft(e, body=element, heads=[]))
        elif isinstance(element, Caption):
            drafts.append(_Draft(e, caption=element, heads=[]))
        else:
            continue
        indices = element.line_indices() if isinstance(element, Body) else element.lines
        targets.append(Target(_element_text(layout, indices), e))
    assign(heads, targets)
    by_element = {d.element: d for d in drafts}
    _sections(heads, targets, by_element, layout)
    for head in heads:
        if head.target is not None:
            drafts[head.target].heads.append(head)  # type: ignore[union-attr]
    _place_unmatched(heads, by_element, issue, layout)

    _merge_subheads(drafts, layout)
    _merge_continuations(drafts, layout)
    # A wrapped headline's two halves are rejoined when its own text shows them together.
    text_of = {t.element: t.text for t in targets}
    articles: list[tuple[_Draft, ParsedArticle]] = []
    for draft in drafts:
        group_heads = sorted(draft.heads or [], key=lambda h: h.lines[0])
        if draft.caption is not None:
            photo = _photo(layout, draft.caption, group_heads, text_of[draft.element])
            if photo is not None:
                issue.photos.append(photo)
            issue.unplaced.extend(h.byline for h in group_heads if h.byline)
            continue
        if draft.body is None:
            continue  # merged into the article before it
        group = roles(group_heads, text_of[draft.element]) if group_heads else Group()
        group.section = draft.section
        feature_bylines = [h.byline for h in group_heads if h.byline]
        if draft.element - 1 in pending_bylines:
            feature_bylines.append(pending_bylines.pop(draft.element - 1))
            group.byline = group.byline or feature_bylines[-1]
        article = _article(layout, draft.body, group)
        if article is None or (
            not draft.body.signed and not group.headline and len(article.body) < _FRAGMENT_CHARS
        ):
            # A fragment is not an article, but nothing printed is dropped.
            issue.unplaced.extend(
                t
                for t in (
                    group.section,
                    group.kicker,
                    group.headline,
                    group.subheadline,
                    *feature_bylines,
                )
                if t
            )
            if article is not None:
                issue.unplaced.append(article.body)
            else:  # a byline with nothing after it
                issue.unplaced.append(join_lines([layout.lines[i].text for i in draft.body.line_indices()]))
            continue
        # A second byline (or one beside a 本报讯 line) is reported, not guessed at.
        issue.unplaced.extend(b for b in feature_bylines if b != article.byline)
        articles.append((draft, article))
    issue.unplaced.extend(pending_bylines.values())
    issue.articles = [a for _, a in articles]
    grams = {t.element: t.grams for t in targets}
    _link_photos(issue, [grams[d.element] for d, _ in articles])
    _dates(issue)
    _people(issue, known_people)


_SUBHEAD_CHARS = 16
_SUBHEAD_SHARED_WORDS = 2  # character pairs a feature's next part shares with it


def _merge_subheads(drafts: list[_Draft], layout: Layout) -> None:
    """A feature (signed "□ 通讯员 …" under its headline) may be cut by its own subheads
    ("小作坊变身大车间"): an unsigned body whose only headline is one short line printed
    right on top of it, between it and the feature, and which goes on with the feature's
    story (shares words with it), is the feature's next part, the subhead a paragraph of it.
    A story of its own under a feature ("春光正好,植树正当时") shares nothing with it."""

    def grams(body: Body) -> set[int]:
        return bigrams(_element_text(layout, body.line_indices()))

    feature: _Draft | None = None
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
        ):
            feature.body.paragraphs.append(list(heads[0].lines))
            feature.body.paragraphs.extend(body.paragraphs)
            draft.body, draft.heads = None, []
            continue
        feature = draft if body.under_feature_byline else None


def _merge_continuations(drafts: list[_Draft], layout: Layout) -> None:
    """Text with no byline and no headline anywhere near it is the rest of the article before
    it (its column was interrupted by another article's headline or a photo), not an article."""
    previous: _Draft | None = None
    for draft in drafts:
        body = draft.body
        if body is None:
            continue
        if (
            previous is not None
            and not body.signed
            and not draft.heads
            and draft.section is None
        ):
            before = previous.body
            assert before is not None
            last = layout.lines[before.paragraphs[-1][-1]].text
            if ends_sentence(last):
                before.paragraphs.extend(body.paragraphs)
            else:  # the sentence goes on
                before.paragraphs[-1].extend(body.paragraphs[0])
                before.paragraphs.extend(body.paragraphs[1:])
            draft.body = None
            continue
        previous = draft


def _sections(
    heads: list[HeadLine], targets: list[Target], by_element: dict[int, _Draft], layout: Layout
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


def _place_unmatched(
    heads: list[HeadLine],
    by_element: dict[int, _Draft],
    issue: ParsedIssue,
    layout: Layout,
) -> None:
    """Lines no body claimed: join the group beside them, head a lone neighbour, or stay
    reported as unplaced."""
    regions: dict[int, list[HeadLine]] = {}
    for head in heads:
        if not head.placed:
            regions.setdefault(head.region, []).append(head)
    owners: dict[int, _Draft] = {}
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
    region: list[HeadLine], pos: int, owners: dict[int, _Draft], layout: Layout
) -> _Draft | None:
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


def _photo(
    layout: Layout, caption: Caption, heads: list[HeadLine], corpus: str
) -> ParsedPhoto | None:
    lines = [layout.lines[i] for i in caption.lines]
    texts = [line.text for line in lines]
    if texts:
        match = find_credit(texts[-1])
        if match:
            texts[-1] = texts[-1][: match.start()]
    body = join_lines([t for t in texts if t.strip()])
    title = title_text(join_parts([h.text for h in heads], corpus)) if heads else None
    all_lines = sorted({*caption.lines, *(i for h in heads for i in h.lines)})
    return ParsedPhoto(
        caption=body,
        ocr_text=_source_text(layout, all_lines),
        title=title,
        photographers=credit_names(caption.credit),
        first_line=layout.lines[all_lines[0]].number if all_lines else 0,
    )


def _source_text(layout: Layout, indices: list[int]) -> str:
    """The printed lines, verbatim, once each (one printed line may hold two logical lines)."""
    raw = {layout.lines[i].number: layout.lines[i].raw.rstrip() for i in indices}
    return "\n".join(raw[n] for n in sorted(raw))


def _article(layout: Layout, body: Body, group: Group) -> ParsedArticle | None:
    paragraphs = [join_lines([layout.lines[i].text for i in p]) for p in body.paragraphs]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    byline = None
    correspondents: list[PersonMention] = []
    match = NEWS_BYLINE_RE.match(paragraphs[0])
    if match:
        # Names are read from the printed lines: the joined text has lost the spaces between
        # them. A byline may wrap ("（通讯员 庞雪" / "梅 汤宇航）"): its lines run together.
        printed = NEWS_BYLINE_RE.match(
            "".join(layout.lines[i].text for i in body.paragraphs[0][:3])
        )
        source = printed if printed and byline_writers_text(printed) is not None else match
        byline = " ".join(source["byline"].split())
        correspondents = [
            PersonMention(w.name, Role.CORRESPONDENT, w.title)
            for w in split_writers(byline_writers_text(source) or "")
        ]
        paragraphs[0] = paragraphs[0][match.end() :].strip()
        if not paragraphs[0]:
            paragraphs.pop(0)
    elif group.byline:
        byline = group.byline
        correspondents = [
            PersonMention(w.name, Role.CORRESPONDENT, w.title)
            for w in feature_writers(group.byline)
        ]
    if not paragraphs:
        return None
    dateline = None
    if line := dates.DATELINE_RE.match(paragraphs[0]):
        dateline = line["text"]
    all_lines = sorted({*body.line_indices(), *group.lines})
    return ParsedArticle(
        body="\n".join(paragraphs),
        ocr_text=_source_text(layout, all_lines),
        kicker=group.kicker,
        headline=group.headline,
        subheadline=group.subheadline,
        section=group.section,
        byline=byline,
        correspondents=correspondents,
        dateline=dateline,
        first_line=layout.lines[all_lines[0]].number,
    )


def _link_photos(issue: ParsedIssue, keys: list[set[int]]) -> None:
    """A caption that retells one article's story illustrates that article."""
    if not issue.articles or not issue.photos:
        return
    starts = [a.first_line for a in issue.articles]  # ascending: articles are in page order
    for photo in issue.photos:
        # Only articles printed near the photo are candidates (a long file holds many pages).
        at = bisect.bisect_left(starts, photo.first_line)
        lo, hi = max(0, at - PHOTO_WINDOW), min(len(keys), at + PHOTO_WINDOW)
        scores = weighted_overlap(bigrams(photo.caption), keys[lo:hi])
        if scores:
            best = max(range(len(scores)), key=scores.__getitem__)
            if scores[best] >= PHOTO_LINK_THRESHOLD:
                photo.article_index = lo + best


def _dates(issue: ParsedIssue) -> None:
    texts = [a.body for a in issue.articles] + [p.caption for p in issue.photos]
    texts += [h for a in issue.articles for h in (a.kicker, a.headline, a.subheadline) if h]
    year = dates.likely_year(dates.years_mentioned(texts))
    if issue.lunar_date and issue.date is None:
        match = dates.LUNAR_RE.search(issue.lunar_date)
        assert match is not None
        solar = dates.lunar_to_date(match, year or dt.date.today().year)
        if solar is None:
            issue.errors.append(f"农历日期无法换算 (cannot convert lunar date {issue.lunar_date})")
        else:
            issue.date = solar
            issue.date_source, issue.date_precision = DateSource.MASTHEAD, DatePrecision.DAY
    datelines = [dates.DATELINE_RE.match(a.dateline) for a in issue.articles if a.dateline]
    datelines += [dates.DATELINE_RE.match(p.caption) for p in issue.photos]
    months = Counter(int(m["m"]) for m in datelines if m and 1 <= int(m["m"]) <= 12)
    if issue.date is None and year is not None:
        issue.date_source = DateSource.INFERRED
        if months:
            month = max(months, key=lambda m: (months[m], m))
            issue.date, issue.date_precision = dt.date(year, month, 1), DatePrecision.MONTH
        else:
            issue.date, issue.date_precision = dt.date(year, 1, 1), DatePrecision.YEAR
    if issue.date is None:
        return
    # Month precision is enough to see December news in a January issue.
    exact = issue.date if issue.date_precision in (DatePrecision.DAY, DatePrecision.MONTH) else None
    for article in issue.articles:
        if article.dateline and (m := dates.DATELINE_RE.match(article.dateline)):
            article.dateline_date = dates.resolve_dateline(
                int(m["m"]), int(m["d"]), issue.date.year, exact
            )


def _people(issue: ParsedIssue, known_people: Collection[str]) -> None:
    titled = [titled_mentions(article.body) for article in issue.articles]
    local = {m.name for found in titled for _, m in found}
    for article, found in zip(issue.articles, titled, strict=True):
        article.people = mentions_in(article.body, local, known_people, titled=found)
