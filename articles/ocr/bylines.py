"""Bylines (本报讯（通讯员王思奇）, □ 通讯员 陈巧玲) and photo credits (（王芸 摄）)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import CJK

# Titles a byline gives its writers; 通讯 is a common OCR loss of 通讯员.
_WRITER_TITLES = ("特约记者", "见习记者", "本报记者", "实习记者", "特约通讯员", "通讯员", "实习生", "记者", "通讯")
_TITLE_ALT = "|".join(_WRITER_TITLES)
_NAME = f"[{CJK}]{{2,4}}"

# 本报讯（通讯员王思奇 王开）, 本报讯(特约记者李文健), 本报讯 alone; full- or half-width brackets.
NEWS_BYLINE_RE = re.compile(
    r"^\s*(?P<byline>(?:本报讯|本报消息|本报报道)\s*(?:[（(【〔\[](?P<inner>[^（）()【】〔〕\[\]]{0,40})[）)】〕\]])?)"
)
# □ 通讯员 陈巧玲 苏艳妮 — features put the writers on their own line under the headline.
FEATURE_BYLINE_RE = re.compile(
    rf"^\s*[□■◇◆●]?\s*(?P<inner>(?:{_TITLE_ALT})\s*{_NAME}(?:[\s、，,]+(?:(?:{_TITLE_ALT})\s*)?{_NAME})*)\s*$"
)
_FEATURE_MARK_RE = re.compile(rf"^\s*[□■◇◆●]\s*(?:{_TITLE_ALT})")
# （王芸 摄）, (雷希雨 摄), （郑静怡 陈思思 摄）, （本报记者 张三 摄）
CREDIT_RE = re.compile(r"[（(【〔\[]\s*(?P<inner>[^（）()【】〔〕\[\]]{2,40}?)\s*摄\s*[）)】〕\]]\s*$")
_SPLIT_RE = re.compile(r"[\s、，,；;/]+")
_NAME_RE = re.compile(f"^[{CJK}]{{2,4}}$")


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
        if token and _NAME_RE.match(token):
            writers.append(Writer(token, title))
    return writers


def is_news_byline(text: str) -> bool:
    return "本报" in text[:8] and NEWS_BYLINE_RE.match(text) is not None


def is_feature_byline(text: str) -> bool:
    """A line holding only writers: □ 通讯员 陈巧玲 苏艳妮 (the box may be lost)."""
    if len(text) > 60 or not ("通讯" in text or "记者" in text or "实习" in text):
        return False
    return bool(_FEATURE_MARK_RE.match(text) or FEATURE_BYLINE_RE.match(text))


def has_credit(text: str) -> bool:
    return "摄" in text and CREDIT_RE.search(text) is not None


def feature_writers(text: str) -> list[Writer]:
    stripped = text.strip().lstrip("□■◇◆●").strip()
    return split_writers(stripped)


def credit_names(inner: str) -> list[str]:
    names = []
    for token in _SPLIT_RE.split(inner.strip()):
        for prefix in ("本报记者", "记者", "通讯员", "摄影", "图"):
            if token.startswith(prefix) and len(token) > len(prefix):
                token = token[len(prefix) :]
        if _NAME_RE.match(token):
            names.append(token)
    return names
