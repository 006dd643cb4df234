"""Harvesting: cut the seed files into headline lines, paragraphs, captions, names, titles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from articles.bench.synthetic.material import (
    CJK,
    COMMON_SURNAMES,
    EVENT_WORDS,
    SECTION_LABELS,
    SEEDS_DIR,
    TAG_TERMS,
    TITLE_SUFFIXES,
    DatelineSlot,
    Layout,
    Material,
    NameSlot,
    Part,
    Template,
)

_TERMINAL = "。！？…"
_CLOSERS = "”’」』）)\""
_CREDIT_RE = re.compile(r"[（(]\s*([^（()）]{1,30}?)\s*摄\s*[）)]\s*$")
_PURE_CREDIT_RE = re.compile(r"[（(][^（()）]{1,30}摄[）)]")
_BYLINE_RE = re.compile(
    r"^本报讯\s*(?:[（(]\s*(通讯员|通讯|特约记者|记者)?\s*([^（()）]*?)\s*[）)])?\s*"
)
_FEATURE_RE = re.compile(r"^□\s*(通讯员|特约记者|记者)\s*(.+)$")
_DATELINE_RE = re.compile(r"^(\d{1,2})月(\d{1,2})日(?:(上午|下午|晚)|至(\d{1,2})日)?")
_LIST_RE = re.compile(
    rf"(?:区领导|两区领导|区委领导|领导)((?:[{CJK}]{{2,3}}、)+[{CJK}]{{2,3}}?)(?=参加|出席|陪同|等|，|。)"
)
_NAME_AFTER_TITLE_RE = re.compile(
    r"({})([{}]{{2,3}}?)(?=[，、。；：（(\s]|主持|带队|强调|指出|要求|表示|参加|陪同|传达|为|与|"
    r"一行|说|介绍|在|到|就|对|听取|先后|出席|讲话|作|同志)".format("|".join(TITLE_SUFFIXES), CJK)
)


def _to_fullwidth(text: str) -> str:
    """Canonical punctuation: the seeds printed half-width , ( ) ; : " in two of five files."""
    text = text.replace("\ufeff", "")
    table = {",": "，", "(": "（", ")": "）", ";": "；", "!": "！", "?": "？"}
    text = "".join(table.get(ch, ch) for ch in text)
    text = re.sub(r"(?<!\d):(?!\d)", "：", text)
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _squeeze_spaces(text: str) -> str:
    """Drop the spaces OCR leaves where lines were joined, except between Latin/digit words."""
    return re.sub(r"\s+", lambda m: " " if _latin_both_sides(m) else "", text).strip()


def _latin_both_sides(match: re.Match[str]) -> bool:
    s, i, j = match.string, match.start(), match.end()
    return i > 0 and j < len(s) and s[i - 1].isascii() and s[i - 1].isalpha() and s[j].isascii() and s[j].isalpha()


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in _TERMINAL


def _is_headline_line(line: str) -> bool:
    stripped = line.strip().lstrip("#").strip()
    if not 4 <= len(stripped) <= 48:
        return False
    if re.search(r"[。；！？;]", stripped) or re.search(r"(?<!”)[，,]", stripped):
        return False
    if re.match(r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年", stripped):
        return False  # the masthead's lunar date
    if sum(ch.isascii() for ch in stripped) * 2 > len(stripped):
        return False  # JingZhouDistrict News
    return not (stripped.startswith(("本报讯", "□")) or _CREDIT_RE.search(stripped))


@dataclass(slots=True)
class _Block:
    kind: str  # body / headline / caption / credit / feature
    lines: list[str]


def _blocks_of(text: str, layout: Layout) -> list[_Block]:
    """Cut one seed file into typed blocks (in order)."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
            if _PURE_CREDIT_RE.fullmatch(line.replace(" ", "")):
                groups.append(current)  # a credit ends its caption, even with no blank line
                current = []
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    if layout is not Layout.WRAPPED:
        # A paragraph per line: each line is its own block.
        groups = [[line] for group in groups for line in group]

    blocks: list[_Block] = []
    for index, group in enumerate(groups):
        # Lines of one or two characters are a headline printed vertically: no material there.
        if all(len(line) <= 2 for line in group):
            continue
        neighbours = [groups[i] for i in (index - 1, index + 1) if 0 <= i < len(groups)]
        if len(group) == 1 and any(len(g) == 1 and len(g[0]) <= 2 for g in neighbours):
            continue
        rest = list(group)
        # Headline lines directly above a byline, and feature bylines, inside one block.
        for at, line in enumerate(rest):
            if line.startswith("本报讯") and at > 0 and all(_is_headline_line(x) for x in rest[:at]):
                blocks.append(_Block("headline", rest[:at]))
                rest = rest[at:]
                break
        feature_at = next((i for i, line in enumerate(rest) if _FEATURE_RE.match(line)), None)
        if feature_at is not None:
            if feature_at:
                blocks.append(_Block("headline", rest[:feature_at]))
            blocks.append(_Block("feature", [rest[feature_at]]))
            rest = rest[feature_at + 1 :]
            if not rest:
                continue
        joined = "".join(rest)
        after = groups[index + 1] if index + 1 < len(groups) else None
        continues = (
            layout is Layout.WRAPPED
            and not _ends_sentence(rest[-1])
            and after is not None
            and not after[0].startswith(("本报讯", "□"))
            and not all(_is_headline_line(line) for line in after[:3])
            and min(len(line) for line in rest) >= 12
        )
        if (
            layout is Layout.WRAPPED
            and blocks
            and blocks[-1].kind == "body"
            and not _ends_sentence(blocks[-1].lines[-1])
        ):
            continues = True  # the rest of a paragraph after a column break
        if rest[0].startswith("#") and len(rest) == 1 and _is_headline_line(rest[0]):
            blocks.append(_Block("headline", rest))
            continue
        if _PURE_CREDIT_RE.fullmatch(joined.replace(" ", "")):
            blocks.append(_Block("credit", rest))
        elif _CREDIT_RE.search(rest[-1]):
            blocks.append(_Block("caption", rest))
        elif not continues and len(rest) <= 3 and all(_is_headline_line(x) for x in rest):
            blocks.append(_Block("headline", rest))
        else:
            blocks.append(_Block("body", rest))
    return blocks


def _paragraphs_of(lines: list[str]) -> list[str]:
    """Join a run of body lines into paragraphs; a line that ends a sentence may end one.

    Narrow columns break paragraphs at every line; the long-line layouts break them where a
    column or a page ended. Either way a paragraph goes on until a line ends a sentence.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        current.append(line)
        if _ends_sentence(line):
            paragraphs.append(_squeeze_spaces(_to_fullwidth("".join(current))))
            current = []
    if current:
        paragraphs.append(_squeeze_spaces(_to_fullwidth("".join(current))))
    return paragraphs


def _clean_paragraph(text: str) -> str | None:
    """A whole paragraph or nothing: cut an unfinished tail, drop fragments and mojibake."""
    if "\ufffd" in text:
        return None  # undecodable bytes: not material
    if not _ends_sentence(text):
        cut = max(text.rfind(ch) for ch in _TERMINAL)
        if cut < 0:
            return None
        end = cut + 1
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        text = text[:end]
    return text if len(text) >= 20 else None


def _detect_layout(text: str) -> Layout:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return Layout.WRAPPED
    long_lines = sum(len(ln) > 60 for ln in lines)
    if long_lines < len(lines) * 0.25:
        return Layout.WRAPPED
    return Layout.MARKDOWN if any(ln.startswith("#") for ln in lines) else Layout.LONGLINE


def _split_names(text: str) -> list[str]:
    return [n for n in re.split(r"[\s、，,]+", text.strip()) if n]


def _plausible_name(name: str) -> bool:
    return 2 <= len(name) <= 3 and name[0] in COMMON_SURNAMES and re.fullmatch(f"[{CJK}]+", name) is not None


@dataclass(slots=True)
class _Harvest:
    leads: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    bylined: set[str] = field(default_factory=set)  # correspondents and photographers
    widths: list[int] = field(default_factory=list)


def _harvest_file(text: str, into: _Harvest) -> None:
    layout = _detect_layout(text)
    blocks = _blocks_of(text, layout)
    if layout is Layout.WRAPPED:
        widths = Counter(len(line) for b in blocks if b.kind == "body" for line in b.lines)
        into.widths.extend(w for w, n in widths.items() if n >= 8 and 10 <= w <= 40)

    # Merge body blocks broken by a column break (the first does not end a sentence).
    runs: list[list[str]] = []
    previous: _Block | None = None
    for block in blocks:
        if block.kind == "body":
            joinable = (
                previous is not None
                and previous.kind == "body"
                and not _ends_sentence(previous.lines[-1])
            )
            if joinable and runs:
                runs[-1].extend(block.lines)
            else:
                runs.append(list(block.lines))
        elif block.kind == "headline":
            into.headlines.extend(block.lines)
        elif block.kind == "feature":
            match = _FEATURE_RE.match(block.lines[0])
            if match:
                into.bylined.update(n for n in _split_names(match.group(2)) if _plausible_name(n))
        elif block.kind == "credit" and previous is not None and previous.kind == "body" and runs:
            caption_lines = runs.pop()
            _add_caption(into, "".join(caption_lines) + "".join(block.lines), layout)
        elif block.kind == "caption":
            _add_caption(into, "".join(block.lines), layout)
        previous = block

    for lines in runs:
        for paragraph in _paragraphs_of(lines):
            match = _BYLINE_RE.match(paragraph)
            if match:
                into.bylined.update(
                    n for n in _split_names(match.group(2) or "") if _plausible_name(n)
                )
                lead = _clean_paragraph(paragraph[match.end() :])
                if lead:
                    into.leads.append(lead)
                continue
            cleaned = _clean_paragraph(paragraph)
            if cleaned:
                into.paragraphs.append(cleaned)


def _add_caption(into: _Harvest, text: str, layout: Layout) -> None:
    text = _squeeze_spaces(_to_fullwidth(text))
    match = _CREDIT_RE.search(text)
    if not match:
        return
    into.bylined.update(n for n in _split_names(match.group(1)) if _plausible_name(n))
    caption = _clean_paragraph(text[: match.start()].strip())
    if caption:
        into.captions.append(caption)


def _mentioned_names(texts: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for match in _NAME_AFTER_TITLE_RE.finditer(text):
            if _plausible_name(match.group(2)):
                found.add(match.group(2))
        for match in _LIST_RE.finditer(text):
            found.update(n for n in match.group(1).split("、") if _plausible_name(n))
    return found


def _title_before(text: str, at: int) -> str:
    """The title printed right before position ``at`` (区委副书记、区长 → 区长)."""
    start = at
    while start > 0 and at - start < 16 and text[start - 1] not in "，、。；：（）(),;:“”《》 \n":
        start -= 1
    title = text[start:at]
    return title if title.endswith(TITLE_SUFFIXES) and len(title) >= 2 else ""


def _clean_title(title: str) -> bool:
    return bool(title) and len(title) <= 14 and not re.search(r"传达|学习|召开|主持|调研", title)


def _template(text: str, names_re: re.Pattern[str] | None, *, dateline: bool) -> Template:
    parts: list[Part] = []
    rest = text
    if dateline:
        match = _DATELINE_RE.match(rest)
        if match:
            suffix = match.group(3) or (f"至{match.group(4)}日" if match.group(4) else "")
            parts.append(DatelineSlot(suffix))
            rest = rest[match.end() :]
    position = 0
    if names_re is not None:
        for match in names_re.finditer(rest):
            name = match.group(0)
            if len(name) == 2 and not _two_char_name_context(rest, match.start(), match.end()):
                continue
            if match.start() > position:
                parts.append(rest[position : match.start()])
            parts.append(NameSlot(name, _title_before(rest, match.start())))
            position = match.end()
    if position < len(rest):
        parts.append(rest[position:])
    tags = frozenset(term for term in TAG_TERMS if term in text)
    return Template(tuple(parts), len(text), tags)


def _two_char_name_context(text: str, start: int, end: int) -> bool:
    """Two-character names (路明, 关勇) hide inside words (机关勇于): demand a name's context."""
    before = text[start - 1] if start else "，"
    after = text[end : end + 2]
    before_ok = before in "，、。；：（(“ " or text[:start].endswith("领导") or text[max(0, start - 2) : start] in TITLE_SUFFIXES or (
        any(text[:start].endswith(s) for s in TITLE_SUFFIXES)
    )
    after_ok = (after[:1] in "，、。；：）)” 与") or re.match(
        r"主持|带队|强调|指出|要求|表示|参加|陪同|传达|一行|介绍|听取|出席|讲话", after
    )
    return bool(before_ok and after_ok)


def load_material(seeds_dir: Path | None = None) -> Material:
    """Harvest the seeds in ``seeds_dir`` (default: the repository's ``seeds/``)."""
    directory = Path(seeds_dir) if seeds_dir is not None else SEEDS_DIR
    return _load_material_cached(str(directory.resolve()))


@lru_cache(maxsize=4)
def _load_material_cached(directory: str) -> Material:
    paths = sorted(p for p in Path(directory).glob("*.txt") if p.is_file())
    if not paths:
        raise FileNotFoundError(f"no seed files (*.txt) in {directory}")
    harvest = _Harvest()
    for path in paths:
        _harvest_file(path.read_bytes().decode("utf-8", errors="replace"), harvest)

    mentioned = _mentioned_names(harvest.leads + harvest.paragraphs + harvest.headlines)
    seed_names = frozenset(harvest.bylined | mentioned)
    names_re = (
        re.compile("|".join(sorted(map(re.escape, seed_names), key=len, reverse=True)))
        if seed_names
        else None
    )
    titles: Counter[str] = Counter()
    for text in harvest.leads + harvest.paragraphs:
        if names_re is None:
            break
        for match in names_re.finditer(text):
            title = _title_before(text, match.start())
            if _clean_title(title) and not names_re.search(title):
                titles[title] += 1

    events: list[Template] = []
    slogans: list[Template] = []
    seen: set[str] = set()
    for line in harvest.headlines:
        line = _to_fullwidth(line.strip().lstrip("#").strip())
        parts = [p for p in re.split(r"\s+", line) if p]
        if len(parts) == 2 and not any(EVENT_WORDS.search(p) for p in parts):
            parts = [" ".join(parts)]  # 强化纪律教育 筑牢廉洁防线 is one slogan
        for part in parts:
            half = len(part) // 2
            if len(part) % 2 == 0 and part[:half] == part[half:]:
                part = part[:half]  # 推进雨污分流改造推进雨污分流改造: printed twice
            if len(part.replace(" ", "")) < 6 or part in seen:
                continue
            if any(part in label or label in part for label in SECTION_LABELS):
                continue
            seen.add(part)
            template = _template(part, names_re, dateline=False)
            (events if EVENT_WORDS.search(part) else slogans).append(template)

    surnames = sorted({n[0] for n in seed_names})
    given = sorted({n[1:] for n in seed_names})
    widths = sorted(set(harvest.widths)) or [16, 17, 18]
    return Material(
        leads=tuple(_template(t, names_re, dateline=True) for t in harvest.leads),
        paragraphs=tuple(_template(t, names_re, dateline=False) for t in harvest.paragraphs),
        events=tuple(events),
        slogans=tuple(slogans),
        captions=tuple(_template(t, names_re, dateline=True) for t in harvest.captions),
        surnames=tuple(surnames),
        given_names=tuple(given),
        titles=tuple(t for t, _ in titles.most_common()),
        seed_names=seed_names,
        wrap_widths=tuple(widths),
    )

