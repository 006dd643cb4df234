"""Bylines (本报讯（通讯员王思奇）, □ 通讯员 陈巧玲) and photo credits (（王芸 摄）)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .people import COMPOUND_SURNAMES, plausible_name
from .text import CJK

# Titles a byline gives its writers; 通讯 is a common OCR loss of 通讯员.
_WRITER_TITLES = (
    "特约记者",
    "见习记者",
    "本报记者",
    "实习记者",
    "特约通讯员",
    "通讯员",
    "实习生",
    "记者",
    "通讯",
)
_TITLE_ALT = "|".join(_WRITER_TITLES)
_NAME = f"[{CJK}]{{2,4}}"

# 本报讯（通讯员王思奇 王开）, 本报讯(特约记者李文健), 本报讯 alone; full- or half-width brackets.
# How a news item's first sentence starts, right after its byline.
_OPENING = r"\s*(?:近日|日前|近期|连日来|近年来|今年|去年|眼下|目前|\d{1,2}\s*月|\d{1,2}\s*日|为|在|“)"
# OCR sometimes loses the opening bracket: 本报讯通讯员王思奇）近日 — the title and the closing
# bracket still mark the writers.
NEWS_BYLINE_RE = re.compile(
    r"^\s*(?P<byline>(?:本报讯|本报消息|本报报道)\s*(?:[（(【〔\[](?P<inner>[^（）()【】〔〕\[\]]{0,40})[）)】〕\]]"
    rf"|(?P<unopened>(?:{_TITLE_ALT})[^（）()【】〔〕\[\]，。,]{{1,30}})[）)】〕\]]"
    rf"|[（(](?P<unclosed>(?:{_TITLE_ALT})\s*{_NAME}(?:[\s、]*{_NAME}){{0,3}})(?={_OPENING}))?)"
)


def byline_writers_text(match: re.Match[str]) -> str | None:
    """The inside of a news byline's brackets, when it has any."""
    for group in ("inner", "unopened", "unclosed"):
        if match[group] is not None:
            return match[group]
    return None
# □ 通讯员 陈巧玲 苏艳妮 — features put the writers on their own line under the headline.
FEATURE_BYLINE_RE = re.compile(
    rf"^\s*[□■◇◆●]?\s*(?P<inner>(?:{_TITLE_ALT})\s*{_NAME}(?:[\s、，,]+(?:(?:{_TITLE_ALT})\s*)?{_NAME})*)\s*$"
)
_FEATURE_MARK_RE = re.compile(rf"^\s*[□■◇◆●]\s*(?:{_TITLE_ALT})")
# （王芸 摄）, (雷希雨 摄), （郑静怡 陈思思 摄）, （本报记者 张三 摄）
CREDIT_RE = re.compile(
    r"[（(【〔\[]\s*(?P<inner>[^（）()【】〔〕\[\]]{2,40}?)\s*摄\s*[）)】〕\]]\s*$"
)
# A credit that lost its brackets: "…前来品尝。 曾晓光 摄". The space before 摄 tells it from
# 拍摄, and every name must read as one.
_CREDIT_TITLE = r"(?:(?:本报记者|特约记者|记者|通讯员)\s*)?"
BARE_CREDIT_RE = re.compile(
    rf"(?<![^\s。！？!?”」])\s*(?P<inner>{_CREDIT_TITLE}[{CJK}]{{2,4}}(?:[\s、]+{_CREDIT_TITLE}[{CJK}]{{2,4}}){{0,3}})\s+摄\s*$"
)
# （摄影：张三）, （图/张三 李四）: the credit word first.
PREFIX_CREDIT_RE = re.compile(
    r"[（(【〔\[]\s*(?:摄影|图)\s*[：:/／]\s*(?P<inner>[^（）()【】〔〕\[\]]{2,40}?)\s*[）)】〕\]]\s*$"
)
_SPLIT_RE = re.compile(r"[\s、，,；;/]+")
_NAME_RE = re.compile(f"^[{CJK}]{{2,4}}$")
_TOKEN_RE = re.compile(f"^[{CJK}]{{2,6}}$")  # up to two names run together


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    title: str


def normalise_title(title: str) -> str:
    return "通讯员" if title == "通讯" else title


def split_writers(inner: str, default_title: str = "") -> list[Writer]:
    """Names (with the title printed before them) from the inside of a byline's brackets."""
    writers: list[Writer] = []
    title = default_title
    for token in _SPLIT_RE.split(inner.strip()):
        if not token:
            continue
        for candidate in _WRITER_TITLES:
            if token.startswith(candidate):
                title = normalise_title(candidate)
                token = token[len(candidate) :].lstrip("：:")
                break
        if token and _TOKEN_RE.match(token):
            writers.extend(Writer(n, title) for n in split_glued_names(token) if len(n) <= 4)
    return writers


def split_glued_names(token: str) -> list[str]:
    """Names printed without the space between them: 王思奇王开 -> 王思奇, 王开.

    A token is split only when every part reads as a name (a surname and one or two
    characters) and the whole does not (a compound surname such as 欧阳 keeps four)."""
    if len(token) < 4 or token[:2] in COMPOUND_SURNAMES:
        return [token]
    for first in (3, 2):
        head, tail = token[:first], token[first:]
        if plausible_name(head) and 2 <= len(tail) <= 3 and plausible_name(tail):
            return [head, tail]
    return [token]


def is_news_byline(text: str) -> bool:
    return "本报" in text[:8] and NEWS_BYLINE_RE.match(text) is not None


def is_feature_byline(text: str) -> bool:
    """A line holding only writers: □ 通讯员 陈巧玲 苏艳妮 (the box may be lost)."""
    if len(text) > 60 or not ("通讯" in text or "记者" in text or "实习" in text):
        return False
    return bool(_FEATURE_MARK_RE.match(text) or FEATURE_BYLINE_RE.match(text))


def find_credit(text: str) -> re.Match[str] | None:
    """The photo credit ending this line: （王芸 摄）, (雷希雨 摄), or a bare "曾晓光 摄"."""
    if "摄" not in text:
        if "图" in text and (match := PREFIX_CREDIT_RE.search(text)) and credit_names(match["inner"]):
            return match
        return None
    match = CREDIT_RE.search(text) or PREFIX_CREDIT_RE.search(text)
    if match is None and (match := BARE_CREDIT_RE.search(text)) is not None:
        tokens = [t for t in _SPLIT_RE.split(match["inner"]) if t and t not in _WRITER_TITLES]
        names = credit_names(match["inner"])
        if not names or len(names) < len(tokens) or not all(map(plausible_name, names)):
            return None
    return match


def has_credit(text: str) -> bool:
    return find_credit(text) is not None


def feature_writers(text: str) -> list[Writer]:
    stripped = text.strip().lstrip("□■◇◆●").strip()
    return split_writers(stripped)


def credit_names(inner: str) -> list[str]:
    names = []
    for token in _SPLIT_RE.split(inner.strip()):
        for prefix in (*_WRITER_TITLES, "摄影", "图"):
            if token.startswith(prefix):
                token = token[len(prefix) :].lstrip("：:/")
                break
        if token and _TOKEN_RE.match(token):  # 郑静怡陈思思: two names run together
            names.extend(n for n in split_glued_names(token) if _NAME_RE.match(n))
    return names
