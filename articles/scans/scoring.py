"""Scores for OCR from images against a render's ground truth, and for the parse that follows.

- Character error rate: each OCR line is matched to the drawn lines its box overlaps (a line
  the engine split or joined is compared as a whole), so the rate measures reading the
  characters, whatever order the lines come in. Whitespace is ignored (Chinese has none;
  engines differ in the spaces they put between words); full- and half-width punctuation
  count as different characters, as they do for an editor.
- Reading order: how many of the drawn lines are followed by the line that follows them on
  the page (within one article, headline group or caption).
- Articles: the issue parsed from the OCR text against the same issue parsed from its own
  text file; an article is found when a body of the OCR parse holds most of its text, and its
  title is right when the headline group (kicker, headline, subheadline) is the same (spaces aside, full- and
  half-width forms folded).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from articles.ocr.types import ParsedArticle, ParsedIssue

from .types import Box, OcrLine, PageTruth, TruthLine

_SPACE_RE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE_RE.sub("", text)


def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@dataclass(slots=True)
class CharErrors:
    errors: int = 0
    chars: int = 0
    folded_errors: int = 0  # the same, after folding full/half-width forms (NFKC)

    @property
    def rate(self) -> float:
        return self.errors / self.chars if self.chars else 0.0

    @property
    def folded_rate(self) -> float:
        return self.folded_errors / self.chars if self.chars else 0.0

    def add(self, other: CharErrors) -> None:
        self.errors += other.errors
        self.chars += other.chars
        self.folded_errors += other.folded_errors


def _overlap(a: Box, b: Box) -> float:
    """Intersection area over the smaller box's area."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller if smaller > 0 else 0.0


def _ordered(items: Sequence[TruthLine | OcrLine]) -> str:
    # Lines of one group: by row first (rows are a line height apart), then left to right.
    if not items:
        return ""
    height = max(1, min(i.box[3] - i.box[1] for i in items))
    ranked = sorted(items, key=lambda i: (round((i.box[1] + i.box[3]) / 2 / height), i.box[0]))
    return "".join(squeeze(i.text) for i in ranked)


def match_lines(truth: Sequence[TruthLine], ocr: Sequence[OcrLine]) -> list[tuple[list[int], list[int]]]:
    """Groups of (truth indices, OCR indices) that cover each other on the page."""
    parent = list(range(len(truth) + len(ocr)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_row: dict[int, list[int]] = {}
    for t, line in enumerate(truth):
        by_row.setdefault(line.box[1] // 64, []).append(t)
    for o, line in enumerate(ocr):
        _, y0, _, y1 = line.box
        for row in range((y0 - 256) // 64, y1 // 64 + 1):
            for t in by_row.get(row, ()):
                if _overlap(truth[t].box, line.box) >= 0.4:
                    parent[find(len(truth) + o)] = find(t)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for t in range(len(truth)):
        groups.setdefault(find(t), ([], []))[0].append(t)
    for o in range(len(ocr)):
        groups.setdefault(find(len(truth) + o), ([], []))[1].append(o)
    return list(groups.values())


def char_errors(page: PageTruth, ocr: Sequence[OcrLine]) -> CharErrors:
    result = CharErrors()
    for t_indices, o_indices in match_lines(page.lines, ocr):
        expected = _ordered([page.lines[t] for t in t_indices])
        got = _ordered([ocr[o] for o in o_indices])
        result.chars += len(expected)
        result.errors += edit_distance(expected, got)
        result.folded_errors += edit_distance(
            unicodedata.normalize("NFKC", expected), unicodedata.normalize("NFKC", got)
        )
    return result


def reading_order(page: PageTruth, ocr: Sequence[OcrLine]) -> float:
    """Share of consecutive drawn lines (same block or same article) read one after the other."""
    span: dict[int, tuple[int, int]] = {}  # truth line -> first and last OCR line covering it
    for t_indices, o_indices in match_lines(page.lines, ocr):
        if o_indices:
            for t in t_indices:
                span[t] = (min(o_indices), max(o_indices))
    pairs = right = 0
    for t in range(len(page.lines) - 1):
        a, b = page.lines[t], page.lines[t + 1]
        same = a.block == b.block or (a.article is not None and a.article == b.article)
        if not same or t not in span or t + 1 not in span:
            continue
        pairs += 1
        # In order: the next line is read at once (or by the same OCR line, run together).
        right += span[t] == span[t + 1] or span[t + 1][0] - span[t][1] == 1
    return right / pairs if pairs else 1.0


@dataclass(slots=True)
class ArticleScore:
    expected: int = 0
    found: int = 0
    titles_right: int = 0
    misses: list[str] = field(default_factory=list)  # headlines (or openings) not found / wrong

    @property
    def found_rate(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def titles_rate(self) -> float:
        return self.titles_right / self.expected if self.expected else 1.0

    def add(self, other: ArticleScore) -> None:
        self.expected += other.expected
        self.found += other.found
        self.titles_right += other.titles_right
        self.misses.extend(other.misses)


def _bigrams(text: str) -> set[str]:
    t = unicodedata.normalize("NFKC", squeeze(text))
    return {t[i : i + 2] for i in range(len(t) - 1)}


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def heading(article: ParsedArticle) -> str:
    """The headline group, compared without spaces, with full/half-width forms and curly and
    straight quotes folded (the seeds' own text mixes "(" and "（", '"' and “ for the same
    printed mark)."""
    parts = [article.kicker, article.headline, article.subheadline]
    return unicodedata.normalize("NFKC", squeeze(" ".join(p for p in parts if p))).translate(_QUOTES)


def score_articles(reference: ParsedIssue, candidate: ParsedIssue, *, threshold: float = 0.8) -> ArticleScore:
    """Each reference article is found when one candidate body holds ≥ ``threshold`` of its
    character pairs (each candidate used once); its title is right when the headline group
    matches exactly, whitespace aside."""
    score = ArticleScore(expected=len(reference.articles))
    grams = [_bigrams(a.body) for a in candidate.articles]
    used: set[int] = set()
    for article in reference.articles:
        want = _bigrams(article.body)
        best, best_share = None, 0.0
        for c, have in enumerate(grams):
            if c in used or not want:
                continue
            share = len(want & have) / len(want)
            if share > best_share:
                best, best_share = c, share
        label = article.headline or article.body[:20]
        if best is None or best_share < threshold:
            score.misses.append(f"未找到：{label}")
            continue
        used.add(best)
        score.found += 1
        if heading(candidate.articles[best]) == heading(article):
            score.titles_right += 1
        else:
            score.misses.append(f"标题不同：{heading(article)} ≠ {heading(candidate.articles[best])}")
    return score
