"""The masthead and page furniture: the paper's title, the printed (lunar or Gregorian) date,
the issue number, and running heads repeated on later pages. Taken off before the layout is
read, so none of it becomes a headline or a sentence."""

from __future__ import annotations

import datetime as dt
import re

from . import dates
from .layout import Layout, Line
from .types import DatePrecision, DateSource, ParsedIssue

_MASTHEAD_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:新闻|日报|晚报|报|周报|周刊)$")
_LATIN_RE = re.compile(r"^[A-Za-z][A-Za-z .,&'-]{3,60}$")
_NUMBER_RE = re.compile(r"第\s*(\d{1,6})\s*期")
_PAGE_RE = re.compile(r"第\s*[\d一二三四五六七八九十]+\s*版")
_MASTHEAD_ZONE = 10
_MASTHEAD_NOISE_RE = re.compile(
    r"[\s\W\d_a-zA-Z]|星期[一二三四五六日天]|周[一二三四五六日天]|农历|总|版"
)


def _masthead_info_only(compact: str, *found: str) -> bool:
    """True when a line holds nothing but masthead data (date, weekday, issue number)."""
    rest = compact
    for part in found:
        rest = rest.replace(part, "")
    rest = _MASTHEAD_NOISE_RE.sub("", rest)
    return len(rest) <= 4


def read_masthead(lines: list[Line], issue: ParsedIssue) -> list[Line]:
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
        if _PAGE_RE.search(compact):
            # A running head ("2025年5月6日 第2版") dates the issue; its page number is no
            # masthead data: the line is reported, so nothing printed is dropped.
            issue.unplaced.append(line.text)
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


def running_head_date(layout: Layout, issue: ParsedIssue) -> None:
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


def drop_repeated_mastheads(lines: list[Line], issue: ParsedIssue) -> list[Line]:
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
