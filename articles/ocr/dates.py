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
# The same printed in Chinese numerals, as some mastheads do: 二〇二四年五月二十日.
_CN_DIGITS = "〇一二三四五六七八九"
CN_GREGORIAN_RE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月\s*"
    r"(?P<d>三十一?|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
)


def _cn_number(text: str) -> int:
    """一 … 三十一 as printed in a date."""
    if "十" not in text:
        return _CN_DIGITS.index(text)
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.index(tens) if tens else 1) * 10 + (_CN_DIGITS.index(units) if units else 0)


def gregorian_in(text: str) -> tuple[re.Match[str], int, int, int] | None:
    """A Gregorian date printed in digits or Chinese numerals: (match, year, month, day)."""
    if match := GREGORIAN_RE.search(text):
        return match, int(match["y"]), int(match["m"]), int(match["d"])
    if match := CN_GREGORIAN_RE.search(text):
        year = int("".join(str(_CN_DIGITS.index(c)) for c in match["y"].replace("○", "〇").replace("零", "〇")))
        return match, year, _cn_number(match["m"]), _cn_number(match["d"])
    return None


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


def lunar_to_date(
    match: re.Match[str], near_year: int, today: dt.date | None = None
) -> dt.date | None:
    """The solar date of a printed lunar date, in the cycle year nearest ``near_year`` that is
    not in the future (乙亥 with nothing else to go on is 1995, not 2055)."""
    month = _LUNAR_MONTHS[match["month"]]
    day = lunar_day(match["day"])
    latest = (today or dt.date.today()).year
    candidates = [y for y in cycle_years(match["cycle"], near_year) if y <= latest]
    for year in candidates[:2]:
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
