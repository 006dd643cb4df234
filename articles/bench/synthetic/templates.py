"""Filling a template for one article: the cast playing the seed's people, the dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.bench.synthetic.material import CJK, NameSlot, Template

_YEAR_RE = re.compile(r"(?<![\d０-９])(?:19|20)\d\d(?=年)")


@dataclass(slots=True)
class FillState:
    cast: dict[str, str]
    people: dict[str, str]  # name → title, the people named in the body so far
    year: int
    dateline_day: dt.date
    dateline: str | None = None


def fill(template: Template, state: FillState, *, record: bool = False) -> str:
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(_YEAR_RE.sub(str(state.year), part) if "年" in part else part)
        elif isinstance(part, NameSlot):
            name = state.cast.get(part.seed_name, part.seed_name)
            out.append(name)
            if record and (name not in state.people or part.title):
                state.people[name] = part.title or state.people.get(name, "")
        else:
            day = state.dateline_day
            text = f"{day.month}月{day.day}日"
            if part.suffix in ("上午", "下午", "晚"):
                text += part.suffix
            if state.dateline is None and record:
                state.dateline = f"{day.month}月{day.day}日"
            out.append(text)
    return "".join(out)


def _bigrams_of(template: Template) -> set[str]:
    text = "".join(part for part in template.parts if isinstance(part, str))
    return {text[i : i + 2] for i in range(len(text) - 1) if not _PUNCTUATION_RE.search(text[i : i + 2])}


def closest(lead: Template, candidates: Sequence[Template], count: int) -> tuple[Template, ...]:
    """The ``count`` candidates sharing most words (bigrams) with ``lead``."""
    words = _bigrams_of(lead)

    def overlap(candidate: Template) -> float:
        own = _bigrams_of(candidate)
        return len(own & words) / (len(own) + 1)

    return tuple(sorted(candidates, key=overlap, reverse=True)[:count])


_PUNCTUATION_RE = re.compile(rf"[^{CJK}0-9A-Za-z]")
