"""Issue dates: printed on the masthead (lunar or Gregorian) or inferred from the text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from lunardate import LunarDate

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LUNAR_MONTHS = {
    "正": 1,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "冬": 11,
    "十一": 11,
    "腊": 12,
    "十二": 12,
}
_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

LUNAR_RE = re.compile(
    rf"(?P<cycle>[{STEMS}][{BRANCHES}])年\s*(?P<leap>闰)?\s*(?P<month>十[一二]|[正一二三四五六七八九十冬腊])月\s*"
    r"(?P<day>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十)"
)
GREGORIAN_RE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# A year as the text uses it: "2025年", "2022年度"; not the end of a range or a target ("到2035年").
_YEAR_RE = re.compile(r"(?<![\d到至—\-－~～])((?:19[5-9]|20\d)\d)\s*年")
DATELINE_RE = re.compile(r"^(?P<text>(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日)")


def lunar_day(text: str) -> int:
    if text.startswith("初"):
        return 10 if text[1] == "十" else _DIGITS[text[1]]
    if text == "三十":
        return 30
    if text.startswith("廿"):
        return 20 + (_DIGITS[text[1]] if len(text) > 1 else 0)
    if text.startswith("二十"):
        return 20 + (_DIGITS[text[2]] if len(text) > 2 else 0)
    return 10 + (_DIGITS[text[1]] if len(text) > 1 else 0)  # 十, 十一 … 十九


def cycle_years(cycle: str, near: int) -> list[int]:
    """Gregorian years whose lunar year has this stem-branch name, nearest to ``near`` first."""
    # Index in the 60-year cycle: the number n with n % 10 == stem and n % 12 == branch.
    stem, branch = STEMS.index(cycle[0]), BRANCHES.index(cycle[1])
    index = next(n for n in range(60) if n % 10 == stem and n % 12 == branch)
    base = 1984 + index  # 1984 is 甲子
    years = [base + 60 * k for k in range(-3, 3)]
    return sorted(years, key=lambda y: (abs(y - near), -y))


def lunar_to_date(match: re.Match[str], near_year: int) -> dt.date | None:
    month = _LUNAR_MONTHS[match["month"]]
    day = lunar_day(match["day"])
    for year in cycle_years(match["cycle"], near_year)[:2]:
        try:
            return LunarDate(year, month, day, bool(match["leap"])).to_solar_date()
        except ValueError:
            continue
    return None


def years_mentioned(texts: Iterable[str]) -> Counter[int]:
    counts: Counter[int] = Counter()
    for text in texts:
        counts.update(int(y) for y in _YEAR_RE.findall(text))
    return counts


def likely_year(counts: Counter[int], today: dt.date | None = None) -> int | None:
    """The year the issue most likely belongs to.

    Usually the year the text names most; but a January issue reviewing last year names the
    old year more often, so a later year named more than half as often wins."""
    limit = (today or dt.date.today()).year + 1
    plausible = {y: n for y, n in counts.items() if y <= limit}
    if not plausible:
        return None
    most = max(plausible.values())
    return max(y for y, n in plausible.items() if 2 * n > most or n == most)


def resolve_dateline(month: int, day: int, year: int, issue_date: dt.date | None) -> dt.date | None:
    """The date a dateline like 5月11日 means, given the issue's year (December news in January)."""
    if issue_date is not None and month > issue_date.month + 1:
        year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
