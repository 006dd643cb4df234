"""Likely OCR errors in an article's text, each with a suggested fix — never applied by itself.

``find_hints`` is pure: it takes the text and what it needs to know about the archive
(known names and terms, the look-alike table, n-gram counts) and returns ``Hint`` objects
with character offsets, so the correction screen can offer a one-click fix and
``ocr_hints --json`` can report the same thing. ``archive_context`` gathers that knowledge
from the database (cached for a few minutes, since it is the same for every article).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from articles.hints.glyphs import similar_pairs

TERMS_FILE = Path(__file__).resolve().parent / "data" / "ocr_terms.txt"

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_OR_PUNCT = CJK + "\u3000-\u303f\uff00-\uffef“”‘’"
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}


class Kind:
    CJK_SPACE = "cjk_space"
    HALFWIDTH_PUNCT = "halfwidth_punct"
    REPEATED_PHRASE = "repeated_phrase"
    SPLIT_DIGITS = "split_digits"
    YI_DASH = "yi_dash"
    LOOKALIKE_TERM = "lookalike_term"
    KNOWN_ALIAS = "known_alias"
    BYLINE_MISSING = "byline_missing"
    RARE_LOOKALIKE = "rare_lookalike"


KIND_LABELS = {
    Kind.CJK_SPACE: "汉字之间多余的空格",
    Kind.HALFWIDTH_PUNCT: "中文里的半角标点",
    Kind.REPEATED_PHRASE: "重复的词句",
    Kind.SPLIT_DIGITS: "数字被空格隔开",
    Kind.YI_DASH: "“一”用作破折号/连接号",
    Kind.LOOKALIKE_TERM: "与已知人名/词语形近",
    Kind.KNOWN_ALIAS: "已知的误识写法",
    Kind.BYLINE_MISSING: "署名缺字",
    Kind.RARE_LOOKALIKE: "罕见写法，换一个形近字后很常见",
}


@dataclass(frozen=True)
class Hint:
    kind: str
    start: int
    end: int
    text: str
    suggestion: str
    message: str
    #: the article field the offsets refer to
    field: str = "body"

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def field_label(self) -> str:
        return FIELD_NAMES.get(self.field, self.field)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"label": self.label, "field_label": FIELD_NAMES.get(self.field, self.field)}


#: A character making up more than this share of the archive's text is "everyday".
FREQUENT_CHAR_SHARE = 0.001


@dataclass
class HintContext:
    """What the hints know about the archive."""

    #: canonical names and terms (people, tags, the curated term list)
    terms: frozenset[str] = frozenset()
    #: the people's names among the terms (two names a look-alike apart are flagged)
    people: frozenset[str] = frozenset()
    #: known wrong spelling → right spelling (people's aliases, curated confusions)
    corrections: Mapping[str, str] = field(default_factory=dict)
    #: character → look-alike characters
    lookalikes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: counts of CJK trigrams across the archive (empty: the rare-string hint is off)
    ngrams: Mapping[str, int] = field(default_factory=dict)
    _variants: dict[str, str] | None = None
    _variant_prefixes: dict[str, list[int]] | None = None
    _twins: frozenset[str] = frozenset()
    _frequent_char_count: int | None = None

    def frequent_char_count(self, floor: int) -> float:
        """How many times a character must occur to count as everyday (built once)."""
        if self._frequent_char_count is None:
            self._frequent_char_count = sum(v for k, v in self.ngrams.items() if len(k) == 1)
        return max(floor, FREQUENT_CHAR_SHARE * self._frequent_char_count)

    def variants(self) -> dict[str, str]:
        """One-look-alike-swap spellings of every term → the term (built once)."""
        if self._variants is None:
            variants: dict[str, str] = {}
            for term in sorted(self.terms):
                for i, char in enumerate(term):
                    for other in self.lookalikes.get(char, ()):
                        variant = term[:i] + other + term[i + 1 :]
                        # Two known names a look-alike apart (袁青穗 and 袁菁穗, both imported
                        # as people) are usually one person misread: keep those pairs too.
                        if (
                            variant not in self.terms
                            or len(variant) >= 3
                            or (variant in self.people and term in self.people)
                        ):
                            variants.setdefault(variant, term)
            prefixes: dict[str, set[int]] = {}
            for variant in variants:
                prefixes.setdefault(variant[:2], set()).add(len(variant))
            self._variants = variants
            self._twins = frozenset(v for v in variants if v in self.terms)
            self._variant_prefixes = {p: sorted(n, reverse=True) for p, n in prefixes.items()}
        return self._variants

    def variant_prefixes(self) -> dict[str, list[int]]:
        """First two characters of the variants → their lengths (so most positions cost one probe)."""
        self.variants()
        return self._variant_prefixes or {}


# ---------------------------------------------------------------- individual detectors

_CJK_SPACE = re.compile(f"(?<=[{CJK_OR_PUNCT}])[ \t\u3000]+(?=[{CJK_OR_PUNCT}])")
_HALF_PUNCT = re.compile(r"[,;:()!?]")
_REPEAT = re.compile(f"([{CJK}，、]{{4,40}}?)\\1")
_SPLIT_DIGITS = re.compile(r"(?<=[0-9年月])[ \t\u3000]+(?=[0-9])")
_YI_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])一(?=[0-9])")
_YI_SPACED = re.compile(f"(?<=[{CJK}”》）])[ \t\u3000]*一[ \t\u3000]+(?=[{CJK}“《（])|(?<=[{CJK}”》）])[ \t\u3000]+一[ \t\u3000]*(?=[{CJK}“《（])")
_BYLINE = re.compile(f"(通讯|本报记)(?![员社录者稿])(?=[{CJK}]{{2,3}}(?:[）)\\s、，]|$))")
_CJK_RUN = re.compile(f"[{CJK}]+")


def _is_cjk(char: str) -> bool:
    return bool(char) and re.match(f"[{CJK_OR_PUNCT}]", char) is not None


def stray_spaces(text: str) -> list[Hint]:
    return [
        Hint(Kind.CJK_SPACE, m.start(), m.end(), m.group(0), "", "汉字之间不应有空格")
        for m in _CJK_SPACE.finditer(text)
    ]


def halfwidth_punctuation(text: str) -> list[Hint]:
    hints = []
    for m in _HALF_PUNCT.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        char = m.group(0)
        if char == ":" and before.isdigit() and after.isdigit():
            continue  # 12:30 is a time
        if _is_cjk(before) or _is_cjk(after):
            full = HALF_TO_FULL[char]
            hints.append(Hint(Kind.HALFWIDTH_PUNCT, m.start(), m.end(), char, full, f"半角“{char}”应为全角“{full}”"))
    return hints


def repeated_phrases(text: str) -> list[Hint]:
    # Four characters or more: 看看, 一一, 研究研究 are real reduplications.
    return [
        Hint(Kind.REPEATED_PHRASE, m.start(), m.end(), m.group(0), m.group(1), f"“{m.group(1)}”重复了一遍")
        for m in _REPEAT.finditer(text)
    ]


def split_digits(text: str) -> list[Hint]:
    hints = []
    for m in _SPLIT_DIGITS.finditer(text):
        start, end = m.start() - 1, m.end() + 1
        shown = text[start:end]
        hints.append(Hint(Kind.SPLIT_DIGITS, start, end, shown, shown.replace(m.group(0), ""), "数字中间多了空格"))
    return hints


def yi_dashes(text: str) -> list[Hint]:
    hints = [
        Hint(Kind.YI_DASH, m.start(), m.end(), "一", "—", "数字之间的“一”应为连接号“—”")
        for m in _YI_BETWEEN_DIGITS.finditer(text)
    ]
    hints += [
        Hint(Kind.YI_DASH, m.start(), m.end(), m.group(0), "——", "词语之间的“一”应为破折号“——”")
        for m in _YI_SPACED.finditer(text)
    ]
    return hints


def byline_missing(text: str) -> list[Hint]:
    fixes = {"通讯": "通讯员", "本报记": "本报记者"}
    return [
        Hint(Kind.BYLINE_MISSING, m.start(), m.end(), m.group(1), fixes[m.group(1)], f"署名缺字：应为“{fixes[m.group(1)]}”")
        for m in _BYLINE.finditer(text)
    ]


def _occurrences(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def known_corrections(text: str, corrections: Mapping[str, str]) -> list[Hint]:
    # One dictionary probe per position and length, not one scan of the text per alias:
    # an archive has thousands of aliases.
    wanted = {w: r for w, r in corrections.items() if w and w != r}
    if len(wanted) < 200:
        starts = sorted({i for w in wanted for i in _occurrences(text, w)})
    else:
        starts = range(len(text))
    lengths = sorted({len(w) for w in wanted}, reverse=True)
    hints = []
    for start in starts:
        for n in lengths:
            wrong = text[start : start + n]
            right = corrections.get(wrong)
            if len(wrong) != n or right is None or right == wrong:
                continue
            # Skip the right spelling itself when the wrong one is part of it.
            if text.find(right, max(0, start - len(right)), start + len(right) + n) == -1:
                hints.append(Hint(Kind.KNOWN_ALIAS, start, start + n, wrong, right, f"“{wrong}”是“{right}”的已知误识写法"))
    return hints


def _is_common_word(variant: str, term: str, counts: Mapping[str, int]) -> bool:
    """A look-alike of a short name that is itself common is a real word (责任 is not a
    misreading of the name 贺任): flag it only while it stays rare, or much rarer than the name."""
    if len(variant) > 3 or not counts:
        return False
    seen = counts.get(variant, 0)
    return seen >= max(3, counts.get(term, 0) // 5)


def lookalike_terms(text: str, context: HintContext) -> list[Hint]:
    variants = context.variants()
    prefixes = context.variant_prefixes()
    hints = []
    for run in _CJK_RUN.finditer(text):
        s = run.group(0)
        for i in range(len(s) - 1):
            for n in prefixes.get(s[i : i + 2], ()):
                piece = s[i : i + n]
                if len(piece) == n and piece in variants:
                    term = variants[piece]
                    if piece in context._twins:
                        # Both spellings are known: suggest the other unless this one is
                        # clearly the usual spelling.
                        if context.ngrams and context.ngrams.get(piece, 0) > 3 * max(1, context.ngrams.get(term, 0)):
                            continue
                    elif _is_common_word(piece, term, context.ngrams):
                        continue
                    start = run.start() + i
                    hints.append(Hint(Kind.LOOKALIKE_TERM, start, start + n, piece, term, f"“{piece}”与已知的“{term}”只差一个形近字"))
    return hints


def ngram_counts(texts: Iterable[str], sizes: tuple[int, ...] = (1, 2, 3)) -> Counter[str]:
    """How often each CJK character, bigram and trigram occurs (one Counter; lengths tell them apart)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for run in _CJK_RUN.findall(text):
            for n in sizes:
                counts.update(run[i : i + n] for i in range(len(run) - n + 1))
    return counts


def rare_lookalikes(text: str, context: HintContext, *, rare: int = 1, common: int = 5, n: int = 3) -> list[Hint]:
    """A character whose look-alike turns rare trigrams into common ones.

    A trigram around the character that is rare (seen at most ``rare`` times) and becomes common
    (``common``+ times) after the swap flags it, unless the character already sits in a common
    bigram with a neighbour: then it is most likely right and the trigram merely straddles two
    words (学习等方式 is not 学习考察).
    """
    if not context.ngrams:
        return []
    ngrams = context.ngrams
    frequent = context.frequent_char_count(common)
    hints = []
    for run in _CJK_RUN.finditer(text):
        s = run.group(0)
        if len(s) < n:
            continue
        for p, char in enumerate(s):
            others = context.lookalikes.get(char)
            if not others:
                continue
            # Everyday characters (委, 会, 的 …) are far more often right than misread.
            if ngrams.get(char, 0) > frequent:
                continue
            neighbours = (s[p - 1 : p + 1] if p else "", s[p : p + 2] if p + 1 < len(s) else "")
            if any(ngrams.get(pair, 0) >= common for pair in neighbours if pair):
                continue
            windows = [s[i : i + n] for i in range(max(0, p - n + 1), min(p, len(s) - n) + 1)]
            for other in sorted(others):
                votes, best = 0, ""
                for i, gram in zip(range(max(0, p - n + 1), p + 1), windows, strict=False):
                    if ngrams.get(gram, 0) > rare:
                        continue
                    swapped = gram[: p - i] + other + gram[p - i + 1 :]
                    if ngrams.get(swapped, 0) >= max(common, 5 * ngrams.get(gram, 0)):
                        votes += 1
                        best = best or swapped
                if votes:
                    start = run.start() + p
                    hints.append(Hint(
                        Kind.RARE_LOOKALIKE, start, start + 1, char, other,
                        f"“{char}”所在的写法在档案中罕见，换成“{other}”后（如“{best}”）出现 {ngrams[best]} 次",
                    ))
                    break
    return hints


def find_hints(text: str, context: HintContext | None = None) -> list[Hint]:
    """Every hint for ``text``, in text order; overlapping duplicates of one fix are dropped."""
    context = context or HintContext()
    hints = [
        *stray_spaces(text),
        *halfwidth_punctuation(text),
        *repeated_phrases(text),
        *split_digits(text),
        *yi_dashes(text),
        *byline_missing(text),
        *known_corrections(text, context.corrections),
        *lookalike_terms(text, context),
        *rare_lookalikes(text, context),
    ]
    dashes = [h for h in hints if h.kind == Kind.YI_DASH]
    hints = [
        h for h in hints
        if h.kind != Kind.CJK_SPACE or not any(d.start <= h.start and h.end <= d.end for d in dashes)
    ]
    # A known misspelling is reported as such, not again as a look-alike of the same name.
    # A byline missing 员 (通讯吴申畅) must not be "fixed" into 通讯员申畅 by the look-alike rule.
    known = {(h.start, h.end) for h in hints if h.kind == Kind.KNOWN_ALIAS}
    bylines = [h for h in hints if h.kind == Kind.BYLINE_MISSING]
    hints = [
        h for h in hints
        if h.kind != Kind.LOOKALIKE_TERM
        or ((h.start, h.end) not in known and not any(b.start < h.end and h.start < b.end for b in bylines))
    ]
    unique: dict[tuple[int, int, str], Hint] = {}
    for hint in sorted(hints, key=lambda h: (h.start, h.end, h.kind)):
        unique.setdefault((hint.start, hint.end, hint.suggestion), hint)
    return list(unique.values())


def apply_hint(text: str, hint: Hint) -> str:
    if text[hint.start : hint.end] != hint.text:
        raise ValueError("text changed at the hint's position")
    return text[: hint.start] + hint.suggestion + text[hint.end :]


# ---------------------------------------------------------------- the archive's knowledge


def curated_terms(path: Path = TERMS_FILE) -> tuple[set[str], dict[str, str]]:
    """Terms (one a line) and known confusions (``wrong=right``) from the data file."""
    terms: set[str] = set()
    corrections: dict[str, str] = {}
    if not path.exists():
        return terms, corrections
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" in line:
            wrong, right = (part.strip() for part in line.split("=", 1))
            corrections[wrong] = right
            terms.add(right)
        else:
            terms.add(line)
    return terms, corrections


_CACHE: dict[str, tuple[float, HintContext]] = {}
CACHE_SECONDS = 1800
NGRAM_SAMPLE = 2_000


def archive_context(*, with_ngrams: bool = True, fresh: bool = False) -> HintContext:
    """Known names, aliases, tags and trigram counts from the database (cached 30 minutes).

    Trigram counts come from the ``NGRAM_SAMPLE`` most recently updated articles so the first
    correction screen of the day does not read the whole archive; ``ocr_hints`` passes
    ``fresh=True`` and builds counts from every article itself.
    """
    key = f"ctx-{with_ngrams}"
    cached = _CACHE.get(key)
    if cached and not fresh and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    from articles.models import Article, Tag
    from people.models import Person, PersonAlias

    terms, corrections = curated_terms()
    people = {n for n in Person.objects.values_list("name", flat=True) if len(n) >= 2}
    terms.update(people)
    terms.update(n for n in Tag.objects.values_list("name", flat=True) if len(n) >= 2)
    for alias, name in PersonAlias.objects.values_list("name", "person__name"):
        if alias != name:
            corrections[alias] = name
    ngrams: Counter[str] = Counter()
    if with_ngrams:
        bodies = Article.objects.order_by("-updated_at").values_list("body", flat=True)[:NGRAM_SAMPLE]
        ngrams = ngram_counts(bodies.iterator(chunk_size=2000))
    context = HintContext(
        terms=frozenset(terms), people=frozenset(people), corrections=corrections, lookalikes=similar_pairs(), ngrams=ngrams
    )
    _CACHE[key] = (time.monotonic(), context)
    return context


def clear_cache() -> None:
    _CACHE.clear()


#: Article fields checked for hints (the byline is where 通讯吴申畅 ends up).
HINT_FIELDS: tuple[str, ...] = ("kicker", "headline", "subheadline", "byline", "body")
FIELD_NAMES = {"kicker": "引题", "headline": "标题", "subheadline": "副题", "byline": "署名", "body": "正文"}


def hints_for_article(article: Any, context: HintContext | None = None) -> list[Hint]:
    """Hints for every text field of the article, each tagged with its field."""
    context = context if context is not None else archive_context()
    hints: list[Hint] = []
    for name in HINT_FIELDS:
        text = getattr(article, name) or ""
        hints.extend(replace(h, field=name) for h in find_hints(text, context))
    return hints


def refresh_hint_count(article: Any, context: HintContext | None = None) -> int:
    """Store how many hints the article has (the changelist filter and review queue use it)."""
    from articles.models import Article

    # Distinct suspects, not occurrences: an article typed with half-width commas throughout is
    # one problem, and must not outrank a misspelt name in the review queue.
    count = len({(h.field, h.kind, h.text, h.suggestion) for h in hints_for_article(article, context)})
    if count != article.ocr_hint_count:
        Article.objects.filter(pk=article.pk).update(ocr_hint_count=count)
        article.ocr_hint_count = count
    return count


def find_hints_in_archive(*, update_counts: bool = True) -> list[dict[str, Any]]:
    """Hints for every article (JSON-able rows); optionally store each article's hint count."""
    from articles.models import Article

    context = archive_context(with_ngrams=False, fresh=True)
    articles = Article.objects.order_by("pk").only("id", "body", "ocr_hint_count", "headline", "kicker", "subheadline", "byline")
    context.ngrams = ngram_counts(a.body for a in articles.iterator(chunk_size=2000))
    rows: list[dict[str, Any]] = []
    changed: list[Any] = []
    for article in articles.iterator(chunk_size=2000):
        hints = hints_for_article(article, context)
        rows.extend({"article": article.pk, "title": article.title, **h.as_dict()} for h in hints)
        if update_counts and article.ocr_hint_count != len(hints):
            article.ocr_hint_count = len(hints)
            changed.append(article)
    if changed:
        Article.objects.bulk_update(changed, ["ocr_hint_count"], batch_size=1000)
    return rows


def refresh_hint_counts(*, issue_ids: Iterable[int]) -> int:
    """Store the hint count of every article in these issues (after an import); returns the total.

    The archive context is built fresh, so names and strings the import just brought in count.
    """
    from articles.models import Article

    context = archive_context(fresh=True)
    articles = Article.objects.filter(issue_id__in=list(issue_ids)).only(
        "id", "ocr_hint_count", *HINT_FIELDS
    )
    return sum(refresh_hint_count(article, context) for article in articles.iterator(chunk_size=500))


@dataclass(frozen=True)
class HintGroup:
    """Hints of one kind with the same fix in one field: shown once, fixable one by one or all."""

    first: Hint
    count: int


def group_hints(hints: Iterable[Hint]) -> list[HintGroup]:
    """Group hints by (field, kind, text, suggestion), in order of first appearance."""
    firsts: dict[tuple[str, str, str, str], Hint] = {}
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for hint in hints:
        key = (hint.field, hint.kind, hint.text, hint.suggestion)
        firsts.setdefault(key, hint)
        counts[key] += 1
    return [HintGroup(first=hint, count=counts[key]) for key, hint in firsts.items()]
