"""An article from its body and headline group (byline, correspondents, dateline), then the
issue-wide passes: the issue date and datelines, and the people each body mentions."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection

from . import dates
from .bylines import Byline, feature_writers, lead_byline, newsroom_alone, tail_byline, writer_line
from .drafts import source_text
from .headlines import Group
from .layout import WRAPPED_CREDIT_WORD_CHARS, Body, Layout, closing_text, writers_after_sentence
from .lines import boxed_name
from .people import mentions_in, person_mention, titled_mentions
from .text import join_lines
from .types import DatePrecision, DateSource, ParsedArticle, ParsedIssue, Role
from .writers import WRITER_TITLES, Writer

_NAMELESS_RE = re.compile(
    rf"(?:{'|'.join(sorted(WRITER_TITLES, key=len, reverse=True))})\s*[：:]"
)
_DATE_RE = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _lead(
    layout: Layout, body: Body, paragraph: str, lead: Byline
) -> tuple[str, list[Writer], int]:
    """The byline opening a body, read from the printed lines where it can be: a line that
    holds the byline alone, or the first lines run together (the spaces between names)."""
    first = layout.lines[body.paragraphs[0][0]].text
    candidates = [lead]
    if (line := writer_line(first)) is not None:
        candidates.append(Byline(line.text, line.writers, len(line.text)))
    printed = lead_byline("".join(layout.lines[i].text for i in body.paragraphs[0][:3]))
    if printed is not None:
        candidates.append(printed)
    best, end = lead, lead.end
    for candidate in candidates[1:]:
        key = "".join(candidate.text.split())
        # The joined text lost the spaces that told the names apart: cut where the printed
        # byline, spaces removed, ends — when it reads more of it, or more names.
        if paragraph.startswith(key) and (
            len(key) > end or (len(key) == end and len(candidate.writers) >= len(best.writers))
        ):
            best, end = candidate, len(key)
    return " ".join(best.text.split()), best.writers, end


def _printed_lead(layout: Layout, body: Body, paragraph: str) -> Byline | None:
    """A byline that only the printed lines show: its end was a space ("某某报道 9月28日",
    "通讯员某某 9月24日"), and joining the lines closed it up."""
    first = layout.lines[body.paragraphs[0][0]].text.strip()
    # "本报记者：" alone on its line over the text's date: a byline whose names were left out.
    # (Run on into a sentence, "记者：…" is more often an interview's question.)
    if (
        _NAMELESS_RE.fullmatch(first)
        and paragraph.startswith(first)
        and _DATE_RE.match(paragraph, len(first)) is not None
    ):
        return Byline(first, [], len(first))
    if newsroom_alone(first) and paragraph.startswith(first) and len(paragraph) > len(first):
        return Byline(first, [], len(first))  # "洞口融媒" alone over the text
    text = "".join(layout.lines[i].text for i in body.paragraphs[0][:3])
    # With no space inside the printed lines they read as the joined text did: nothing new.
    if " " not in text.strip() or (printed := lead_byline(text)) is None:
        return None
    key = "".join(printed.text.split())
    if not key or len(key) >= len(paragraph) or not paragraph.startswith(key):
        return None
    return Byline(printed.text, printed.writers, len(key))


def _boxed_lead(layout: Layout, body: Body, paragraph: str) -> Byline | None:
    """A bare name behind a box on the text's first line ("□ 某某") signs the text."""
    first = layout.lines[body.paragraphs[0][0]].text
    if not boxed_name(first):
        return None
    key = "".join(first.split())
    if not paragraph.startswith(key):
        return None
    return Byline(" ".join(first.lstrip("□■").split()), feature_writers(first), len(key))


# The most lines a signature after the last sentence runs over: its brackets may hold up
# to 100 characters with its editors, five or six narrow lines.
_SIGNATURE_LINES = 6


def _closing_lines(layout: Layout, body: Body) -> str:
    """The body's last lines as printed, spaces kept, where a signature may stand."""
    return closing_text(body, layout.lines, last=_SIGNATURE_LINES)


def _printed_tail(layout: Layout, body: Body, paragraph: str) -> Byline | None:
    """A signature after the last sentence that only the printed lines show: the spaces
    between its unit and names ("（某某会 张某 李某）") or its credits ("来源：某台 编辑：…")
    were lost when the lines were joined."""
    text = _closing_lines(layout, body)
    if " " not in text.strip() or (printed := tail_byline(text, photo_report=True)) is None:
        return None
    key = "".join(printed.text.split())
    if not key or len(key) >= len(paragraph) or not paragraph.endswith(key):
        return None
    return Byline(printed.text, printed.writers, len(paragraph) - len(key))


def _signed_last_line(layout: Layout, body: Body, paragraph: str) -> Byline | None:
    """Titled writers after the last sentence on its line ("…身影。 某某日报社记者 A"), their
    credit word perhaps wrapped onto a line of its own ("文/图")."""
    last = body.paragraphs[-1]
    text = layout.lines[last[-1]].text
    if len(text.strip()) <= WRAPPED_CREDIT_WORD_CHARS and len(last) > 1:
        text = f"{layout.lines[last[-2]].text} {text}"
    signed = writers_after_sentence(text)
    if signed is None:
        return None
    key = "".join(signed.text.split())
    if not paragraph.endswith(key) or len(key) >= len(paragraph):
        return None
    return Byline(signed.text, signed.writers, len(paragraph) - len(key))


def _bylines(
    layout: Layout, body: Body, group: Group, paragraphs: list[str]
) -> tuple[str | None, list[Writer]]:
    """Take the byline off the body (opening it or after its last sentence) and read its
    writers; a byline line under the headline or after the body counts when the body has none.

    Names are read from the printed lines: the joined text has lost the spaces between them.
    A byline may wrap ("（通讯员 庞雪" / "梅 汤宇航）"): its lines run together."""
    byline: str | None = None
    writers: list[Writer] = []
    lead = (
        _boxed_lead(layout, body, paragraphs[0])
        or lead_byline(paragraphs[0])
        or _printed_lead(layout, body, paragraphs[0])
    )
    if lead is not None:
        byline, writers, end = _lead(layout, body, paragraphs[0], lead)
        paragraphs[0] = paragraphs[0][end:].strip(" ：:")
        if not paragraphs[0]:
            paragraphs.pop(0)
    # Writers after the last sentence sign the article, unless it is signed already: then
    # they are a second signature, kept in the text for an editor rather than dropped.
    tail = tail_byline(paragraphs[-1], photo_report=True) if paragraphs and not writers else None
    if tail is None and paragraphs and not writers:
        tail = _printed_tail(layout, body, paragraphs[-1]) or _signed_last_line(
            layout, body, paragraphs[-1]
        )
    if tail is not None:
        printed = tail_byline(_closing_lines(layout, body), photo_report=True)
        source = printed if printed is not None and printed.writers else tail
        paragraphs[-1] = paragraphs[-1][: tail.end].rstrip()
        if not paragraphs[-1]:
            paragraphs.pop()
        # A dateline alone opened the text (本报讯): the byline as printed holds both.
        signed = " ".join(source.text.split())
        byline, writers = (f"{byline} {signed}" if byline else signed), source.writers
    for line in (group.byline, body.tail):
        if line and not writers:
            # A dateline alone (本报讯) and the line that names the writers: the byline as
            # printed holds both.
            writers = feature_writers(line)
            byline = f"{byline} {line}" if byline and writers else byline or line
        elif line and line is body.tail and lead is not None and lead.writers:
            paragraphs.append(line)  # signed twice: the second is kept in the text for an editor
    return byline, writers


def build_article(layout: Layout, body: Body, group: Group) -> ParsedArticle | None:
    paragraphs = [join_lines([layout.lines[i].text for i in p]) for p in body.paragraphs]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    byline, writers = _bylines(layout, body, group, paragraphs)
    # A writer credited twice ("A/文图 A/视频") is one correspondent, titled as first named.
    first: dict[str, Writer] = {}
    for w in writers:
        first.setdefault(w.name, w)
    correspondents = [person_mention(w.name, w.title, Role.CORRESPONDENT) for w in first.values()]
    if not paragraphs:
        return None
    dateline = None
    if line := dates.DATELINE_RE.match(paragraphs[0]):
        dateline = line["text"]
    all_lines = sorted({*body.line_indices(), *group.lines, *body.tail_lines})
    return ParsedArticle(
        body="\n".join(paragraphs),
        ocr_text=source_text(layout, all_lines),
        kicker=group.kicker,
        headline=group.headline,
        subheadline=group.subheadline,
        section=group.section,
        byline=byline,
        correspondents=correspondents,
        dateline=dateline,
        first_line=layout.lines[all_lines[0]].number,
    )


def assign_dates(issue: ParsedIssue) -> None:
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


def assign_people(issue: ParsedIssue, known_people: Collection[str]) -> None:
    titled = [titled_mentions(article.body) for article in issue.articles]
    local = {m.name for found in titled for _, m in found}
    for article, found in zip(issue.articles, titled, strict=True):
        article.people = mentions_in(article.body, local, known_people, titled=found)
