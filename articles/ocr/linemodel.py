"""A small line classifier: what a candidate headline line most likely is (a headline, a
paragraph's first line, a line of running text, a caption …), from its shape in the page.

The rules in :mod:`headshape` see one shape at a time; many lines are left undecided where
the OCR kept no blank lines, and some lines they promote are in-body subheads or short
wrapped lines. The classifier weighs every such sign together: the line's width against the
columns above and below it, its punctuation, whether the line above ends a sentence, blank
lines around it, how much of it the text below or above repeats, digits, byline words, its
place on the page. It is a multinomial logistic regression trained on rendered issues of
real articles (``python -m articles.bench.quality.train``) and shipped as a few kilobytes of
weights (``data/line_model.json``); here it runs in pure Python, deterministically.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from operator import mul

from .headshape import ENUMERATED_RE, GRID, OTHER_WIDTH, SAME_WIDTH
from .linecontext import LineContext
from .lines import PLAIN_KINDS, Line
from .text import CJK, cjk_count, ends_sentence, has_sentence_punct

# The classes the model tells apart: a line of an article's headline group (``HEAD``), a
# column label, a photo's title, writers, a paragraph's first line, running text, a caption.
# (Photo credits and page furniture never reach the parser as candidate lines.)
HEAD = "head"
SECTION = "section"
CLASSES = ("head", "section", "photo_title", "byline", "first", "body", "caption")
# The renderer's line roles, folded into the classes.
ROLE_CLASS = {
    "section": "section", "kicker": "head", "headline": "head", "subheadline": "head",
    "photo_title": "photo_title", "byline": "byline", "body_first": "first",
    "para_first": "first", "body": "body", "caption": "caption",
}

_SAMPLE = 6
_FRESH_RE = re.compile(
    r"^(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|近期|连日来|近年来|今年以来|眼下|“|据悉|据了解|"
    r"(?:19|20)\d\d\s*年)"
)
_SPACED_RE = re.compile(f"[{CJK}][ \u3000]+[{CJK}]")
_BYLINE_WORD_RE = re.compile("记者|通讯员|讯|报道|作者|来源")
_HANGING = "，。、；：！？）」』”’…,.;:!?)"
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile("[A-Za-z]")

FEATURES = (
    "chars", "below_ratio", "below_diff", "below_same", "below_short2", "below_short4",
    "below_wide2", "above_ratio", "above_diff", "above_same", "above_short2", "no_column",
    "end_stop", "end_ask", "end_comma", "end_colon", "end_quote", "end_bracket", "end_other",
    "commas", "inner_punct", "digits", "ascii", "cjk_share", "open_quote",
    "prev_ends", "prev_plain", "prev_byline", "prev_short", "page_top",
    "blank_before", "blank_after", "next_blank_after", "next_byline", "next_other",
    "next_fresh", "next_hangs", "next_short",
    "echo", "echo_high", "echo_above", "echo_above_high",
    "shape_same", "shape_other", "shape_grid", "apart", "markdown",
    "byline_word", "enumerated", "dash", "fresh", "depth",
    "label_sized", "long", "colon_inside", "whole_paragraph", "next_headlike", "prev_headlike",
    "page_width", "page_blanks", "dense_shape", "apart_echo", "wide_apart", "spaced",
)


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _column(widths: list[int]) -> int:
    """The width of a column from its lines' widths (a paragraph's last line left out)."""
    if len(widths) < 2:
        return 0
    return _median(widths[:-1])


def features(i: int, lines: list[Line], context: LineContext) -> list[float]:
    """The line's signs, in the order of FEATURES."""
    kinds = context.kinds
    n = len(lines)
    line = lines[i]
    text = line.text
    size = len(text)
    below = []
    j = i + 1
    while j < n and len(below) < _SAMPLE and kinds[j] in PLAIN_KINDS:
        below.append(len(lines[j].text))
        j += 1
    above = []
    j = i - 2  # the line right above may be a paragraph's short last line
    while j >= 0 and len(above) < _SAMPLE and kinds[j] in PLAIN_KINDS:
        above.append(len(lines[j].text))
        j -= 1
    col_below = _column(below)
    col_above = _median(above) if len(above) >= 2 else 0
    diff_below = size - col_below if col_below else 0
    diff_above = size - col_above if col_above else 0
    last = text[-1:]
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < n else None
    prev_kind = kinds[i - 1] if i > 0 else ""
    next_kind = kinds[i + 1] if i + 1 < n else ""
    digits = len(_DIGIT_RE.findall(text))
    ascii_letters = len(_LETTER_RE.findall(text))
    inner = text[:-1]
    page = context.page(lines)
    return [
        min(size, 40) / 20,
        size / col_below if col_below else 1.0,
        max(-10, min(10, diff_below)) / 10,
        float(col_below > 0 and abs(diff_below) <= 1),
        float(col_below > 0 and diff_below <= -2),
        float(col_below > 0 and diff_below <= -4),
        float(col_below > 0 and diff_below >= 2),
        size / col_above if col_above else 1.0,
        max(-10, min(10, diff_above)) / 10,
        float(col_above > 0 and abs(diff_above) <= 1),
        float(col_above > 0 and diff_above <= -2),
        float(not col_below),
        float(last in "。"),
        float(last in "！？!?"),
        float(last in "，,、"),
        float(last in "：:；;"),
        float(last in "”’」』\""),
        float(last in "）)"),
        float(bool(last) and last not in "。！？!?，,、：:；;”’」』\"）)"),
        min(inner.count("，") + inner.count(","), 3) / 3,
        float(has_sentence_punct(inner)),
        min(digits, 8) / 8,
        min(ascii_letters, 8) / 8,
        cjk_count(text) / size if size else 0.0,
        float(text.count("“") != text.count("”")),
        float(prev is not None and ends_sentence(prev.text)),
        float(prev_kind in PLAIN_KINDS),
        float(prev_kind in ("byline", "feature", "name", "signing", "tail")),
        float(prev is not None and col_above > 0 and len(prev.text) < 0.7 * col_above),
        float(i == 0 or prev_kind == "staff"),
        float(line.blank_before),
        float(line.blank_after),
        float(nxt is not None and nxt.blank_after),
        float(next_kind in ("byline", "feature", "dash")),
        float(bool(next_kind) and next_kind not in PLAIN_KINDS),
        float(nxt is not None and _FRESH_RE.match(nxt.text) is not None),
        float(nxt is not None and nxt.text[:1] in _HANGING),
        float(nxt is not None and col_below > 0 and len(nxt.text) < 0.7 * col_below),
        context.echo[i],
        float(context.echo[i] >= 0.5),
        context.echo_above[i],
        float(context.echo_above[i] >= 0.5),
        float(context.shape[i] == SAME_WIDTH),
        float(context.shape[i] == OTHER_WIDTH),
        float(context.shape[i] == GRID),
        float(context.apart[i]),
        float(line.level > 0),
        float(_BYLINE_WORD_RE.search(text) is not None),
        float(ENUMERATED_RE.match(text) is not None),
        float(text.startswith(("——", "--", "—"))),
        float(_FRESH_RE.match(text) is not None),
        min(page.depth[i], 60) / 60,
        float(size <= 8),
        float(size > 24),
        float("：" in inner or ":" in inner),
        float(line.blank_before and line.blank_after and ends_sentence(text)),
        float(nxt is not None and next_kind in PLAIN_KINDS and _headlike(nxt.text)),
        float(prev is not None and prev_kind in PLAIN_KINDS and _headlike(prev.text)),
        min(page.width, 60) / 30,
        page.blank_share,
        float(context.shape[i] > 0) * (1.0 - min(1.0, 4 * page.blank_share)),
        float(context.apart[i]) * context.echo[i],
        float(context.apart[i]) * float(page.width > 30),
        # Two phrases parted by a space ("早春农事忙 田间管护勤"): a headline's way.
        float(_SPACED_RE.search(text) is not None),
    ]


def _headlike(text: str) -> bool:
    """Short, with no sentence punctuation: a headline's shape."""
    return len(text) <= 30 and not has_sentence_punct(text)


@dataclass(frozen=True, slots=True)
class LineModel:
    classes: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row a class, one column a feature
    bias: tuple[float, ...]
    # The weights with the standardisation folded in, so a line costs one dot product a class.
    _folded: tuple[tuple[tuple[float, ...], float], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        folded = []
        for row, b in zip(self.weights, self.bias, strict=True):
            w = tuple(wk / s for wk, s in zip(row, self.scale, strict=True))
            folded.append((w, b - sum(wk * m for wk, m in zip(w, self.mean, strict=True))))
        object.__setattr__(self, "_folded", tuple(folded))

    def probabilities(self, x: list[float]) -> list[float]:
        if len(x) != len(self.mean):
            raise ValueError("features and weights do not match")
        # Most signs are 0: only the others count.
        present = [k for k, v in enumerate(x) if v]
        values = [x[k] for k in present]
        scores = [b + sum(map(mul, [w[k] for k in present], values)) for w, b in self._folded]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "classes": list(self.classes),
            "mean": [round(v, 5) for v in self.mean],
            "scale": [round(v, 5) for v in self.scale],
            "weights": [[round(w, 4) for w in row] for row in self.weights],
            "bias": [round(b, 4) for b in self.bias],
        }

    @classmethod
    def from_json(cls, data: dict) -> LineModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("line model trained on other features; retrain it")
        return cls(
            classes=tuple(data["classes"]),
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) for v in data["scale"]),
            weights=tuple(tuple(float(w) for w in row) for row in data["weights"]),
            bias=tuple(float(b) for b in data["bias"]),
        )


@cache
def shipped_model() -> LineModel | None:
    """The model shipped with the parser, read once; None when the file is missing (the
    rules then decide alone)."""
    try:
        raw = resources.files(__package__).joinpath("data/line_model.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return LineModel.from_json(json.loads(raw))


# How sure the classifier must be to decide where the rules do not: to take a line as a
# headline that the rules leave in the text, and to keep in the text a line they would take.
ACCEPT = 0.8
REJECT = 0.1
TEXT_SURE = 0.5
# How sure it must be that a line of a headline group is a column label, or is not in the
# group at all.
LABEL_SURE = 0.5
STRAY = 0.2
# How many lines under a label must run on with no blank line for the page to count as one
# where the OCR kept none.
_DENSE_SPAN = 12
_LABEL_CHARS = 12
# The classes that are running text: a paragraph's first line, or any other.
TEXT = ("first", "body")


class LearnedHeads:
    """The classifier's verdicts on one issue's candidate lines, computed when first asked."""

    __slots__ = ("_context", "_lines", "_model", "_seen")

    def __init__(self, lines: list[Line], context: LineContext, model: LineModel | None) -> None:
        self._lines = lines
        self._context = context
        self._model = model
        self._seen: dict[int, dict[str, float]] = {}

    def shares(self, i: int) -> dict[str, float] | None:
        """Each class's probability for a candidate line; None for other lines or without a
        model."""
        model = self._model
        if model is None or not self._context.wanted[i]:
            return None
        if i not in self._seen:
            p = model.probabilities(features(i, self._lines, self._context))
            self._seen[i] = dict(zip(model.classes, p, strict=True))
        return self._seen[i]

    def head(self, i: int) -> float | None:
        """How likely the line heads an article: a line of its headline group or its column
        label."""
        p = self.shares(i)
        return None if p is None else p[HEAD] + p[SECTION]

    def accepts(self, i: int) -> bool:
        """Only where the OCR kept no blank line before the line: after a blank line a column
        may start inside a sentence, or a headline is set apart already, and the rules judge
        those."""
        if self._lines[i].blank_before:
            return False
        p = self.head(i)
        return p is not None and p >= ACCEPT

    def rejects(self, i: int) -> bool:
        """Never the last line of the text, nor one over writers or a caption: a headline
        printed after its body stands there."""
        if i + 1 >= len(self._lines) or self._context.kinds[i + 1] not in PLAIN_KINDS:
            return False
        p = self.shares(i)
        # Sure it is no headline, and rather text than anything else (a label, writers, a
        # caption, a photo's title).
        return p is not None and p[HEAD] <= REJECT and sum(p[c] for c in TEXT) >= TEXT_SURE

    def label(self, i: int) -> bool:
        """Sure the line is a column label (栏目), not a line of the headline group. A label is
        printed apart from the group (a kicker touches it), unless the OCR kept no blank line
        in the text under it."""
        lines = self._lines
        if len(lines[i].text) > _LABEL_CHARS:
            return False  # a column's name is short
        if not lines[i].blank_after and any(
            lines[k].blank_after for k in range(i + 1, min(len(lines), i + _DENSE_SPAN))
        ):
            return False
        p = self.shares(i)
        return p is not None and p[SECTION] >= LABEL_SURE

    def stray(self, i: int) -> bool:
        """Sure the line is no part of a headline group: a caption, a photo's title, writers,
        a line of text."""
        p = self.head(i)
        return p is not None and p <= STRAY


def learned_heads(lines: list[Line], context: LineContext) -> LearnedHeads:
    return LearnedHeads(lines, context, shipped_model())
