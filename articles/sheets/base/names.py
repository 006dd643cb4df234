"""The grammar of a cell that names people or tags: ``万玲玲(区委书记)|王思奇``.

Names are separated by ``|`` (or the full-width ``｜``); a person's title follows the name in
brackets (half- or full-width). A separator inside brackets does not split, so a hand-typed
``万玲玲(区委书记|副书记)`` is one person. A name that itself contains a bracket, a separator
or a backslash is written with a backslash before that character (``王\\(小\\)明``), so every
name the archive holds comes back as itself; the export does this, an editor rarely needs to.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from articles.sheets.refs import Credit

SEPARATORS = "|｜"
OPENING, CLOSING = "(（", ")）"
BACKSLASH = "\\"
_SPECIAL = re.compile(r"[|｜()（）\\]")
_SPECIAL_OUTSIDE_BRACKETS = re.compile(r"[|｜\\]")


def cell_text(value: Any) -> str:
    """A cell's value as the text an editor sees (numbers and dates as Excel shows them)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- Writing ---------------------------------------------------------------------------------


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def escape_name(name: str) -> str:
    """A person's name: every bracket is escaped (a bracket would start a title)."""
    if _SPECIAL.search(name) is None:
        return name
    return _SPECIAL.sub(lambda m: BACKSLASH + m.group(), name)


def escape_plain(text: str) -> str:
    """A tag, an alias or a title: brackets stay as they are while they pair up (they do not
    split the cell then); separators and backslashes are escaped."""
    if _SPECIAL.search(text) is None:
        return text
    if _balanced(text):
        return _SPECIAL_OUTSIDE_BRACKETS.sub(lambda m: BACKSLASH + m.group(), text)
    return _SPECIAL.sub(lambda m: BACKSLASH + m.group(), text)


@functools.lru_cache(maxsize=16_384)
def render_credit(name: str, title: str) -> str:
    # Cached: an export renders the same few thousand people hundreds of thousands of times.
    return f"{escape_name(name)}({escape_plain(title)})" if title else escape_name(name)


def render_credits(credits: Iterable[Credit]) -> str:
    return "|".join(render_credit(c.name, c.title) for c in credits)


def render_names(names: Iterable[str]) -> str:
    return "|".join(escape_plain(name) for name in names)


# --- Reading ---------------------------------------------------------------------------------


def _unescape(text: str) -> str:
    if BACKSLASH not in text:
        return text
    out, chars = [], iter(text)
    for char in chars:
        out.append(next(chars, BACKSLASH) if char == BACKSLASH else char)
    return "".join(out)


def _split(text: str) -> list[str]:
    """The cell's parts, still escaped: split on separators outside brackets."""
    if BACKSLASH not in text and not any(c in text for c in SEPARATORS):
        return [text.strip()] if text.strip() else []
    parts, current, depth = [], [], 0
    chars = iter(text)
    for char in chars:
        if char == BACKSLASH:
            current.append(char)
            current.append(next(chars, ""))
            continue
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(depth - 1, 0)
        if char in SEPARATORS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def split_names(text: str) -> list[str]:
    """Tags or aliases: ``经济|会议`` → ["经济", "会议"]."""
    return [_unescape(part) for part in _split(text)]


def names_in(cells: Iterable[Any]) -> Iterator[str]:
    """Every name in a column, to look them all up at once; a bad cell is skipped here (it is
    reported with its row number when its row is imported)."""
    for cell in cells:
        try:
            yield from split_names(cell_text(cell))
        except ValueError:
            continue


def _title_start(part: str) -> int:
    """Where the title's opening bracket is (the first one not escaped), or -1."""
    index = 0
    while index < len(part):
        char = part[index]
        if char == BACKSLASH:
            index += 2
            continue
        if char in OPENING:
            return index
        index += 1
    return -1


def _ends_with_closing(part: str) -> bool:
    if not part.endswith(tuple(CLOSING)):
        return False
    backslashes = len(part[:-1]) - len(part[:-1].rstrip(BACKSLASH))
    return backslashes % 2 == 0  # an escaped bracket is part of the text


def parse_people_cell(value: Any) -> list[tuple[str, str]]:
    """``万玲玲(区委书记)|王思奇`` → [("万玲玲", "区委书记"), ("王思奇", "")]."""
    people = []
    for part in _split(cell_text(value)):
        start = _title_start(part)
        if start < 0:
            name, title = _unescape(part).strip(), ""
        else:
            if not _ends_with_closing(part):
                raise ValueError(
                    f"“{_unescape(part)}”的括号没有配对：职务写在姓名后的括号里，例如 万玲玲(区委书记)"
                    "（姓名本身带括号时，在括号前加 \\，例如 王\\(小\\)明）"
                )
            name = _unescape(part[:start]).strip()
            title = _unescape(part[start + 1 : -1]).strip()
        if not name:
            raise ValueError(f"“{_unescape(part)}”缺少姓名")
        people.append((name, title))
    return people
