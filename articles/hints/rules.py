"""The hint rules themselves: pure functions of a text and a ``HintContext``, no database.

Each detector returns ``Hint`` objects with character offsets. They run on every article an
import brings in (in the importer's parser process) and on every correction screen, so the
scans over a text are done by the regular-expression engine and set operations in C where
they can be; the Python loops only visit the few places that can hold a hint.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from articles.hints.context import SLOT, HintContext
from articles.hints.occurrences import occurrence_fingerprint
from articles.hints.text import (
    CJK,
    CJK_OR_PUNCT,
    CJK_RUN,
    BigramCodes,
    bigram_codes,
    bigram_mask,
    bigram_positions,
)

TERMS_FILE = Path(__file__).resolve().parent / "data" / "ocr_terms.txt"

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
    MISREAD_NAME = "misread_name"


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
    Kind.MISREAD_NAME: "人名的姓疑被误识为形近字",
}

#: Article fields checked for hints (the byline is where 通讯吴申畅 ends up).
HINT_FIELDS: tuple[str, ...] = ("kicker", "headline", "subheadline", "byline", "body")
FIELD_NAMES = {"kicker": "引题", "headline": "标题", "subheadline": "副题", "byline": "署名", "body": "正文"}


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


# ---------------------------------------------------------------- individual detectors

_CJK_SPACE = re.compile(f"(?<=[{CJK_OR_PUNCT}])[ \t\u3000]+(?=[{CJK_OR_PUNCT}])")
_HALF_PUNCT = re.compile(r"[,;:()!?]")
_REPEAT = re.compile(f"([{CJK}，、]{{4,40}}?)\\1")
_SPLIT_DIGITS = re.compile(r"(?<=[0-9年月])[ \t\u3000]+(?=[0-9])")
# The 一 first, its left neighbour checked behind it: a pattern that starts with a literal is
# searched for that character in C, where one that starts with a look-behind tries every position.
_YI_BETWEEN_DIGITS = re.compile(r"一(?<=[0-9]一)(?=[0-9])")
_YI_SPACED = re.compile(f"(?<=[{CJK}”》）])[ \t\u3000]*一[ \t\u3000]+(?=[{CJK}“《（])|(?<=[{CJK}”》）])[ \t\u3000]+一[ \t\u3000]*(?=[{CJK}“《（])")
_BYLINE = re.compile(f"(通讯|本报记)(?![员社录者稿])(?=[{CJK}]{{2,3}}(?:[）)\\s、，]|$))")
_CJK_CHAR = re.compile(f"[{CJK_OR_PUNCT}]")
_ONE = re.compile(b"\x01")
_NONE: frozenset[str] = frozenset()
_SPACE_CHARS = (" ", "\t", "\u3000")


def _has_space(text: str) -> bool:
    """Whether ``text`` holds a character the spacing rules look for (three scans in C)."""
    return any(char in text for char in _SPACE_CHARS)


def _is_cjk(char: str) -> bool:
    return bool(char) and _CJK_CHAR.match(char) is not None


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
    if "一" not in text:
        return []
    hints = [
        Hint(Kind.YI_DASH, m.start(), m.end(), "一", "—", "数字之间的“一”应为连接号“—”")
        for m in _YI_BETWEEN_DIGITS.finditer(text)
    ]
    if _has_space(text):  # either form of the spaced dash has a space next to the 一
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
        # Only where a character some wrong spelling starts with occurs.
        starts = _starts(text, {w[0] for w in wanted}.intersection(text))
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


def misread_names(text: str, misread: Mapping[str, str]) -> list[Hint]:
    """Names the importer read with a look-alike surname (划晓明 for 刘晓明), where the text
    prints them: the article is linked to the person under the likely name, the text is left
    as printed for the editor to put right."""
    return [
        Hint(
            Kind.MISREAD_NAME, h.start, h.end, h.text, h.suggestion,
            f"“{h.text}”的姓疑为形近字误识，应为“{h.suggestion}”；人物已按“{h.suggestion}”关联",
        )
        for h in known_corrections(text, misread)
    ]


def _is_common_word(variant: str, term: str, counts: Mapping[str, int]) -> bool:
    """A look-alike of a short name that is itself common is a real word (责任 is not a
    misreading of the name 贺任): flag it only while it stays rare, or much rarer than the name."""
    if len(variant) > 3 or not counts:
        return False
    seen = counts.get(variant, 0)
    return seen >= max(3, counts.get(term, 0) // 5)


def _starts(text: str, pieces: Iterable[str]) -> list[int]:
    """Where in ``text`` each of these strings starts, in order (overlaps included)."""
    starts: list[int] = []
    for piece in pieces:
        starts.extend(_occurrences(text, piece))
    starts.sort()
    return starts


def lookalike_terms(text: str, context: HintContext, codes: BigramCodes | None = None) -> list[Hint]:
    """``codes``: the text's ``bigram_codes`` when the caller has them already."""
    variants = context.variants()
    prefixes = context.variant_prefixes()
    hints = []
    # Where the text's bigrams start a variant, picked out in C: most texts hold only a few,
    # and only there is a variant looked up.
    codes = bigram_codes(text) if codes is None else codes
    for i in bigram_positions(text, codes, context._prefix_codes):
        for n in prefixes[text[i : i + 2]]:
            piece = text[i : i + n]
            # Within one run of CJK characters, as the terms are matched.
            if len(piece) == n and piece in variants and CJK_RUN.fullmatch(piece):
                term = variants[piece]
                if piece in context._twins:
                    # Both spellings are known: suggest the other unless this one is
                    # clearly the usual spelling.
                    if context.ngrams and context.ngrams.get(piece, 0) > 3 * max(1, context.ngrams.get(term, 0)):
                        continue
                elif _is_common_word(piece, term, context.ngrams):
                    continue
                hints.append(Hint(Kind.LOOKALIKE_TERM, i, i + n, piece, term, f"“{piece}”与已知的“{term}”只差一个形近字"))
    return hints




def rare_lookalikes(
    text: str, context: HintContext, *, rare: int = 1, common: int = 5, n: int = 3,
    codes: BigramCodes | None = None,
) -> list[Hint]:
    """A character whose look-alike turns rare trigrams into common ones.

    A trigram around the character that is rare (seen at most ``rare`` times) and becomes common
    (``common``+ times) after the swap flags it, unless the character already sits in a common
    bigram with a neighbour: then it is most likely right and the trigram merely straddles two
    words (学习等方式 is not 学习考察). ``codes``: the text's ``bigram_codes`` when the caller
    has them.
    """
    if not context.ngrams:
        return []
    ngrams = context.ngrams
    # A character that sits in a common bigram with a neighbour is most likely right: that
    # test runs over the whole text at once as byte masks (one byte a character), so Python
    # only visits the characters left alone. Of those, everyday characters (委, 会, 的 …) are
    # far more often right than misread: only the others, that have a look-alike, are
    # candidates.
    tables = context.rare_tables(common)
    candidates = tables.candidates
    if candidates.isdisjoint(text):
        return []
    size = len(text)
    codes = bigram_codes(text) if codes is None else codes
    paired = bigram_mask(codes, tables.bigram_codes)  # bigram at p, p+1
    paired_left = int.from_bytes(b"\0" + paired, "big")
    paired_right = int.from_bytes(paired + b"\0", "big")
    every = int.from_bytes(b"\1" * size, "big")
    alone = (every & ~(paired_left | paired_right)).to_bytes(size, "big")
    # The common trigrams with this window's shape, by character: only those look-alikes can
    # make the swapped trigram common, so only they are tried.
    slots = tables.slots if n == 3 else None
    hints = []
    for found in _ONE.finditer(alone):
        p = found.start()
        char = text[p]
        if char not in candidates:
            continue
        others = context.lookalikes[char]
        # Windows reaching past the CJK run hold a character no n-gram has: they never vote.
        voters: dict[str, str] = {}  # look-alike → the first swapped window it makes common
        for i in range(max(0, p - n + 1), min(p, size - n) + 1):
            gram = text[i : i + n]
            seen = ngrams.get(gram, 0)
            if seen > rare:
                continue
            k = p - i
            fits = others if slots is None else others & slots.get(gram[:k] + SLOT + gram[k + 1 :], _NONE)
            need = max(common, 5 * seen)
            for other in fits:
                swapped = gram[:k] + other + gram[k + 1 :]
                if other not in voters and ngrams.get(swapped, 0) >= need:
                    voters[other] = swapped
        if voters:
            # The smallest look-alike in code order: the one the rule has always suggested.
            other = min(voters)
            best = voters[other]
            hints.append(Hint(
                Kind.RARE_LOOKALIKE, p, p + 1, char, other,
                f"“{char}”所在的写法在档案中罕见，换成“{other}”后（如“{best}”）出现 {ngrams[best]} 次",
            ))
    return hints


def find_hints(text: str, context: HintContext | None = None) -> list[Hint]:
    """Every hint for ``text``, in text order; overlapping duplicates of one fix are dropped."""
    return _find_hints(text, context or HintContext(), mechanical=True)


def _find_hints(text: str, context: HintContext, *, mechanical: bool) -> list[Hint]:
    """``find_hints``; without the ``mechanical`` kinds when the caller drops them anyway."""
    # Both look-alike rules probe the text's bigrams: made once.
    codes = bigram_codes(text)
    hints = [
        *(stray_spaces(text) if mechanical else ()),
        *(halfwidth_punctuation(text) if mechanical else ()),
        *repeated_phrases(text),
        *(split_digits(text) if mechanical else ()),
        *yi_dashes(text),
        *byline_missing(text),
        *known_corrections(text, context.corrections),
        *lookalike_terms(text, context, codes),
        *rare_lookalikes(text, context, codes=codes),
        *misread_names(text, context.misread_names),
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
    # A name read with a misread surname is one hint, not again as a look-alike or a rare string.
    names = [(h.start, h.end) for h in hints if h.kind == Kind.MISREAD_NAME]
    if names:
        hints = [
            h for h in hints
            if h.kind == Kind.MISREAD_NAME
            or h.kind in MECHANICAL_KINDS
            or not any(start <= h.start and h.end <= end for start, end in names)
        ]
    unique: dict[tuple[int, int, str], Hint] = {}
    for hint in sorted(hints, key=lambda h: (h.start, h.end, h.kind)):
        unique.setdefault((hint.start, hint.end, hint.suggestion), hint)
    return list(unique.values())


def _real_hints(text: str, context: HintContext) -> list[Hint]:
    """``find_hints`` less the mechanical kinds, without looking for those where they cannot
    change the result.

    Leaving them out changes nothing else, but for the last step: of two hints on the same
    place with the same fix one is kept, and a mechanical one would win over a known
    misspelling (its kind sorts first). Only a suspect that is a half-width mark or holds a
    space can sit exactly where a mechanical hint does: the rare text with such a suspect is
    looked at in full.
    """
    hints = _find_hints(text, context, mechanical=False)
    if any(h.text in HALF_TO_FULL or _has_space(h.text) for h in hints):
        return [h for h in find_hints(text, context) if h.kind not in MECHANICAL_KINDS]
    return hints


#: Kinds that are typesetting, not wrong words: normalised in one action per article, and not
#: counted, so an article typed with half-width commas throughout never outranks a misread name.
MECHANICAL_KINDS: frozenset[str] = frozenset({Kind.CJK_SPACE, Kind.HALFWIDTH_PUNCT, Kind.SPLIT_DIGITS})


def count_hints(
    fields: Mapping[str, str], context: HintContext, rejected: Collection[str] = frozenset()
) -> int:
    """How many distinct likely real errors these article fields hold (the review queue's count).

    Distinct (field, kind, text, suggestion), not occurrences, and mechanical kinds
    (``MECHANICAL_KINDS``) left out: the importer, the correction screen and the queue all
    rank by this one number. ``rejected``: fingerprints (``occurrence_fingerprint``) of the
    occurrences editors marked "不是错误"; a suspect counts while one occurrence of it is left.
    """
    counted: set[tuple[str, str, str, str]] = set()
    for name in HINT_FIELDS:
        text = fields.get(name)
        if not text:  # an empty field has no hint (most kickers and subheadlines)
            continue
        for h in _real_hints(text, context):
            key = (name, h.kind, h.text, h.suggestion)
            if key in counted:
                continue
            if rejected and occurrence_fingerprint(
                field=name, kind=h.kind, suspect=h.text, suggestion=h.suggestion,
                text=text, start=h.start, end=h.end,
            ) in rejected:
                continue
            counted.add(key)
    return len(counted)


def mechanical_hints(text: str) -> list[Hint]:
    """The typesetting hints of ``text`` (they need nothing from the archive), in text order."""
    return [h for h in find_hints(text) if h.kind in MECHANICAL_KINDS]


def normalise_mechanical(text: str) -> tuple[str, int]:
    """``text`` with its spacing and half-width punctuation normalised; and how many places.

    Only places the detectors flag change (a comma inside 1,000 or a time 12:30 never does);
    of overlapping hints the first wins.
    """
    pieces: list[str] = []
    last = applied = 0
    for hint in mechanical_hints(text):
        if hint.start < last:
            continue
        pieces.extend((text[last : hint.start], hint.suggestion))
        last, applied = hint.end, applied + 1
    pieces.append(text[last:])
    return "".join(pieces), applied


_SENTENCE_END = "。！？!?；;\n"


def surrounding_sentence(text: str, hint: Hint, *, width: int = 40) -> tuple[str, str]:
    """The words before and after the suspect, up to the sentence's ends (at most ``width`` each).

    Shown around the highlighted suspect so the editor sees where it is (黄勇 inside the byline
    黄勇彪 is not the name 黄勇) before accepting a fix.
    """
    start = max(0, hint.start - width)
    for i in range(hint.start - 1, start - 1, -1):
        if text[i] in _SENTENCE_END:
            start = i + 1
            break
    end = min(len(text), hint.end + width)
    for i in range(hint.end, end):
        if text[i] in _SENTENCE_END:
            end = i + 1
            break
    return text[start : hint.start], text[hint.end : end]


def apply_hint(text: str, hint: Hint) -> str:
    if text[hint.start : hint.end] != hint.text:
        raise ValueError("text changed at the hint's position")
    return text[: hint.start] + hint.suggestion + text[hint.end :]
