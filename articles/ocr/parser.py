"""parse_issue: one issue's OCR text in, a ParsedIssue out. Pure Python, no Django.

The steps, each in its own module:

1. ``masthead``: the paper's title, printed date, issue number and repeated running heads
   come off the page first; ``layout`` then sorts the lines into headline blocks, article
   bodies (from a 本报讯 byline or after a headline block) and photo captions (text ending in
   （… 摄）), following wrapped lines and column breaks sentence by sentence.
2. ``headblocks``: headline lines out of the blocks (feature bylines under them, vertical
   headlines); ``headlines`` matches each line by content to the body or caption it belongs
   to, wherever it was printed; ``placement`` tells column labels (栏目) apart and places
   lines no body claimed; ``drafts`` repairs bodies cut in two.
3. ``assemble`` and ``photos``: articles with their bylines and datelines, photos with their
   credits and the article they illustrate, the issue date and the people each body names.

The text of a body is never rewritten: lines are joined and stray spaces next to Chinese
characters removed, nothing else.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection

from .assemble import assign_dates, assign_people, build_article
from .bylines import feature_writers, names_over_text
from .captions import (
    captions_after_groups,
    fragment_caption,
    signed_untitled_caption,
    split_uncredited_captions,
)
from .drafts import (
    Draft,
    element_text,
    merge_continuations,
    merge_story_parts,
    merge_subheads,
)
from .headblocks import head_lines, merge_false_headings
from .headlines import Group, HeadLine, Target, assign, roles
from .layout import Body, Caption, HeadRegion, Layout, cut
from .lines import Line, joined_pairs, read_lines
from .masthead import drop_repeated_mastheads, read_masthead, running_head_date
from .photos import build_photo, link_photos
from .placement import place_unmatched, sections
from .stacked import split_stacked
from .text import join_lines
from .types import ParsedArticle, ParsedIssue

_FRAGMENT_CHARS = 40


def parse_issue(text: str, *, known_people: Collection[str] = ()) -> ParsedIssue:
    """Turn the OCR text of one issue into masthead, date, articles and photos."""
    issue = ParsedIssue()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = drop_repeated_mastheads(read_masthead(read_lines(text), issue), issue)
    layout = cut(lines)
    split_stacked(layout)
    split_uncredited_captions(layout)
    issue.unplaced.extend(layout.lines[i].text for i in layout.noise)
    running_head_date(layout, issue)
    heads, pending_bylines = head_lines(layout, issue)
    heads = _lone_writers(layout, heads, pending_bylines)
    merge_false_headings(layout, heads)
    _build(layout, heads, pending_bylines, issue, known_people)
    if not issue.articles and not issue.photos:
        issue.errors.append("未识别出任何文章或图片 (no article or photo found)")
    elif issue.date is None:
        issue.errors.append("无法确定出版日期：报头无日期，正文未提到年份 (no issue date found)")
    return issue


def learned_group(
    heads: list[HeadLine], layout: Layout, issue: ParsedIssue
) -> tuple[list[HeadLine], str | None]:
    """The headline group's lines the classifier is sure of: a column label over the group
    (returned apart), and lines that are no part of it (a caption, writers, a line of text
    read as a subheadline), reported unplaced. The group keeps at least one line, and lines
    the rules read as writers under it or as Markdown headings are the rules' to judge."""
    learned = layout.learned
    if learned is None or len(heads) < 2:
        return heads, None
    label = None
    kept: list[HeadLine] = []
    stray: list[HeadLine] = []
    lines = layout.lines
    for k, head in enumerate(heads):
        # Two lines of the group with no blank line between are one headline wrapped (a
        # label touches its headline only where the OCR kept no blank line at all).
        wrapped = (k > 0 and _touching(heads[k - 1], head, lines)) or (
            k + 1 < len(heads) and _touching(head, heads[k + 1], lines)
        )
        if head.byline:
            kept.append(head)
        elif k == 0 and learned.label(head.lines[-1]):
            label = head.text
        elif not wrapped and all(learned.stray(i) for i in head.lines):
            stray.append(head)
        else:
            kept.append(head)
    if not kept:
        return heads, None
    issue.unplaced.extend(h.text for h in stray)
    return kept, label


def _signed_by(line: str, article: ParsedArticle) -> bool:
    """The article's writers are the ones this line of writers names."""
    names = [w.name for w in feature_writers(line)]
    return bool(names) and names == [m.name for m in article.correspondents]


def _touching(first: HeadLine, second: HeadLine, lines: list[Line]) -> bool:
    last, start = first.lines[-1], second.lines[0]
    return start == last + 1 and not lines[last].blank_after


def _stacked_owners(layout: Layout, heads: list[HeadLine], targets: list[Target]) -> None:
    """Headlines of a stack that was cut into parts head the part cut for them."""
    target_of = {targets[k].element: k for k in range(len(targets))}
    element_of = {id(element): e for e, element in enumerate(layout.elements)}
    for head in heads:
        region = layout.elements[head.region]
        if not isinstance(region, HeadRegion) or not region.owners:
            continue
        body = region.owners.get(head.lines[0])
        k = target_of.get(element_of.get(id(body), -1)) if body is not None else None
        if k is not None:
            head.target, head.score = k, head.scores.get(k, 0.0)


def _dash_kickers(layout: Layout, heads: list[HeadLine]) -> None:
    """A line handing over with a dash to the headline it touches ("美丽某某行——" / "阅读…")
    is that headline's: its kicker, or its first half wrapped at the dash. It shares no words
    with the text, so scoring alone would leave it to no body or to another."""
    for above, below in itertools.pairwise(heads):
        if (
            above.text.rstrip().endswith("——")
            and below.target is not None
            and _touching(above, below, layout.lines)
        ):
            above.target, above.score = below.target, below.score


def _lone_writers(layout: Layout, heads: list[HeadLine], pending: dict[int, str]) -> list[HeadLine]:
    """A block that is one line of bare names ("王某"), set apart from what is above and
    touching the text it opens, signs that text: its writers, pending for the body after it,
    never a headline of their own."""
    lone: set[int] = set()
    for e, element in enumerate(layout.elements[:-1]):
        following = layout.elements[e + 1]
        if not isinstance(element, HeadRegion) or len(element.lines) != 1 or not isinstance(following, Body):
            continue
        line = layout.lines[element.lines[0]]
        first = layout.lines[following.paragraphs[0][0]]
        if (
            line.blank_before
            and not line.blank_after
            and first.index == line.index + 1
            and names_over_text(line.text, first.text)
        ):
            pending[e] = line.text
            lone.add(e)
    return [h for h in heads if h.region not in lone] if lone else heads


def _build(
    layout: Layout,
    heads: list[HeadLine],
    pending_bylines: dict[int, str],
    issue: ParsedIssue,
    known_people: Collection[str],
) -> None:
    elements = layout.elements
    drafts: list[Draft] = []
    targets: list[Target] = []
    for e, element in enumerate(elements):
        if isinstance(element, Body):
            drafts.append(Draft(e, body=element, heads=[]))
        elif isinstance(element, Caption):
            drafts.append(Draft(e, caption=element, heads=[]))
        else:
            continue
        indices = element.line_indices() if isinstance(element, Body) else element.lines
        targets.append(Target(element_text(layout, indices), e, joined_pairs(layout.lines, indices)))
    side = assign(heads, targets)
    _stacked_owners(layout, heads, targets)
    _dash_kickers(layout, heads)
    trailing = captions_after_groups(layout, heads, targets)
    if trailing:
        taken = [h for caption in trailing for h in caption]
        heads = [h for h in heads if all(h is not t for t in taken)]
    by_element = {d.element: d for d in drafts}
    sections(heads, targets, by_element, layout)
    for head in heads:
        if head.target is not None:
            drafts[head.target].heads.append(head)  # type: ignore[union-attr]
    place_unmatched(heads, by_element, issue, layout, side)

    merge_subheads(drafts, layout)
    for subhead in merge_story_parts(drafts, layout, heads):
        # A subhead no body claimed was reported as unplaced; it is a paragraph now.
        printed = " ".join(layout.lines[i].text for i in subhead.lines)
        if printed in issue.unplaced:
            issue.unplaced.remove(printed)
    merge_continuations(drafts, layout)
    # A wrapped headline's two halves are rejoined when its own text shows them together.
    text_of = {t.element: t.text for t in targets}
    articles: list[tuple[Draft, ParsedArticle]] = []
    for draft in drafts:
        group_heads = sorted(draft.heads or [], key=lambda h: h.lines[0])
        if draft.caption is not None:
            photo = build_photo(layout, draft.caption, group_heads, text_of[draft.element])
            if photo is not None:
                issue.photos.append(photo)
            issue.unplaced.extend(h.byline for h in group_heads if h.byline)
            continue
        if draft.body is None:
            continue  # merged into the article before it
        group_heads, label = learned_group(group_heads, layout, issue)
        group = roles(group_heads, text_of[draft.element]) if group_heads else Group()
        group.section = draft.section or label
        if label and draft.section and label != draft.section:
            issue.unplaced.append(label)  # a second label over the group: nothing printed is lost
        feature_bylines = [h.byline for h in group_heads if h.byline]
        if draft.element - 1 in pending_bylines:
            feature_bylines.append(pending_bylines.pop(draft.element - 1))
            group.byline = group.byline or feature_bylines[-1]
        article = build_article(layout, draft.body, group)
        if article is None or (
            not draft.body.signed and not group.headline and len(article.body) < _FRAGMENT_CHARS
        ):
            lone = not group_heads and not feature_bylines
            caption = fragment_caption(layout, draft.element) if lone else None
            if caption is not None and article is not None:
                photo = build_photo(layout, caption, [], "")
                if photo is not None:
                    issue.photos.append(photo)
                    continue
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
                # Its writers too, where they were printed: "…奖品。（记者 A）" set apart.
                byline = article.byline or ""
                if byline and byline not in article.body:
                    issue.unplaced.append(
                        byline + article.body if draft.body.has_byline else article.body + byline
                    )
                else:
                    issue.unplaced.append(article.body)
                if draft.body.tail and draft.body.tail != byline:
                    issue.unplaced.append(draft.body.tail)
            else:  # a byline with nothing after it
                issue.unplaced.append(join_lines([layout.lines[i].text for i in draft.body.line_indices()]))
            continue
        if not group_heads and not feature_bylines and group.section is None:
            caption = signed_untitled_caption(layout, draft.element)
            photo = build_photo(layout, caption, [], "") if caption is not None else None
            if photo is not None:
                issue.photos.append(photo)
                continue
        # A second byline (or one beside a 本报讯 line) is reported, not guessed at; the line
        # the article's writers were read from (本报讯 … 记者：A) is no second byline.
        issue.unplaced.extend(
            b for b in feature_bylines if b != article.byline and not _signed_by(b, article)
        )
        if (
            draft.body.tail
            and draft.body.tail != article.byline
            and not _signed_by(draft.body.tail, article)
        ):
            issue.unplaced.append(draft.body.tail)
        articles.append((draft, article))
    issue.unplaced.extend(pending_bylines.values())
    for caption in trailing:
        lines = [i for head in caption for i in head.lines]
        photo = build_photo(layout, Caption(lines, ""), [], "")
        if photo is not None:
            issue.photos.append(photo)
    issue.photos.sort(key=lambda photo: photo.first_line)
    issue.articles = [a for _, a in articles]
    grams = {t.element: t.grams for t in targets}
    link_photos(issue, [grams[d.element] for d, _ in articles])
    assign_dates(issue)
    assign_people(issue, known_people)
