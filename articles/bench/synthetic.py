"""Synthetic OCR issues and archive rows recombined from the seeds' real material.

Benchmarks need thousands of issues (the import benchmark) and hundreds of thousands of
articles (the admin, search and spreadsheet benchmarks) that look like the five seed issues.
This module reads ``seeds/*.txt`` once, cuts them into their structural pieces — headline lines,
bylines, body paragraphs, photo captions with their credits, the names of the people printed in
them and the titles they carry — and deals those pieces out again, deterministically from a
seed, as new issues:

* :func:`load_material` harvests the pieces (pure text processing, no parser, no Django).
* :class:`CorpusGenerator` makes :class:`SyntheticIssue` objects: issue *i* of seed *S* is
  always the same issue, whatever N is, so a corpus of 500 is the first 500 of a corpus of 2,000.
* :meth:`SyntheticIssue.render` prints an issue in one of the seeds' three OCR layouts
  (narrow wrapped columns with full-width punctuation; Markdown-marked long lines with
  half-width punctuation and spaces where lines were joined; long lines without markers),
  with a masthead and a lunar date, so the importer's real parser has real work to do.

Names are recombined (the seeds' surnames × the seeds' given names) so the archive has
thousands of distinct people, and every name printed in a recombined paragraph is swapped
consistently within an article. Nothing here imports Django.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"

MASTHEAD = "荆州区新闻"
MASTHEAD_LATIN = "JingZhouDistrict News"

# The hundred-odd most common Chinese surnames: a two- or three-character candidate is taken
# as a person's name only when it starts with one of these, which keeps 会议/近日 out.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝帅"
)

# Official titles end with one of these; the text before a name up to a delimiter is its title.
TITLE_SUFFIXES = (
    "书记", "区长", "主席", "部长", "主任", "组长", "校长", "局长", "委员", "常委", "镇长",
    "县长", "市长", "院长", "经理", "站长", "所长", "馆长", "队长", "社长", "代表",
)  # fmt: skip

# Verbs that make a headline line an "event" (召开…会议) rather than a slogan (筑牢…防线).
EVENT_WORDS = re.compile(
    r"^(?!以)(?:.*(?:召开|举行|开展|调研|考察|部署|启动|组织|带队|会议|座谈|活动|推进会|督办|"
    r"接访|走访|实施|成立|签约|举办|赴|开幕|闭幕|培训|检查|视察|慰问|宣讲|会见))"
)

# Section labels (栏目) printed in the seeds above a headline group.
SECTION_LABELS = ("清廉荆州区", "建设清廉荆州区", "聚焦清廉荆州区建设", "全国文明城市创建进行时")

# Topics for tags: terms that occur in the seeds' articles. An article gets the tags whose
# term its body contains (at most a few), so a tag's articles are really about it.
TAG_TERMS = (
    "招商引资", "项目建设", "营商环境", "乡村振兴", "共同缔造", "防溺水", "安全生产", "生态环境",
    "污水", "文明城市", "创文", "清廉", "纪律教育", "警示教育", "党建", "基层治理", "信访",
    "教育", "学校", "食品安全", "医保", "民生", "就业", "规划编制", "十五五", "经济运行",
    "高质量发展", "产业", "园区", "科技创新", "高新技术企业", "改革", "法治", "政协", "统战",
    "民主党派", "疫情防控", "防汛", "河湖", "长湖", "太湖港", "苎麻", "直播", "农业",
    "老旧小区", "历史文化", "文旅", "志愿服务", "留守儿童", "社会救助",
)  # fmt: skip

# OCR look-alikes, for the aliases build_archive gives some people (朱翎 printed for 朱翊).
LOOKALIKES = {
    "翊": "翎", "菁": "青", "苎": "芒", "己": "已", "未": "末", "士": "土", "日": "曰",
    "王": "玉", "大": "太", "天": "夭", "人": "入", "文": "丈", "明": "朋", "晶": "晶",
    "玲": "铃", "静": "净", "婷": "亭", "伟": "传", "红": "虹", "刚": "钢", "军": "车",
    "思": "恩", "奇": "寄", "勇": "男", "华": "毕", "杨": "扬", "琪": "棋", "欣": "炊",
}  # fmt: skip

_TERMINAL = "。！？…"
_CLOSERS = "”’」』）)\""
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CREDIT_RE = re.compile(r"[（(]\s*([^（()）]{1,30}?)\s*摄\s*[）)]\s*$")
_PURE_CREDIT_RE = re.compile(r"[（(][^（()）]{1,30}摄[）)]")
_BYLINE_RE = re.compile(
    r"^本报讯\s*(?:[（(]\s*(通讯员|通讯|特约记者|记者)?\s*([^（()）]*?)\s*[）)])?\s*"
)
_FEATURE_RE = re.compile(r"^□\s*(通讯员|特约记者|记者)\s*(.+)$")
_DATELINE_RE = re.compile(r"^(\d{1,2})月(\d{1,2})日(?:(上午|下午|晚)|至(\d{1,2})日)?")
_LIST_RE = re.compile(
    rf"(?:区领导|两区领导|区委领导|领导)((?:[{_CJK}]{{2,3}}、)+[{_CJK}]{{2,3}}?)(?=参加|出席|陪同|等|，|。)"
)
_NAME_AFTER_TITLE_RE = re.compile(
    r"({})([{}]{{2,3}}?)(?=[，、。；：（(\s]|主持|带队|强调|指出|要求|表示|参加|陪同|传达|为|与|"
    r"一行|说|介绍|在|到|就|对|听取|先后|出席|讲话|作|同志)".format("|".join(TITLE_SUFFIXES), _CJK)
)


class Layout(StrEnum):
    """The seeds' three OCR layouts."""

    WRAPPED = "wrapped"  # 000/002/004: narrow columns, full-width punctuation, blank-line breaks
    MARKDOWN = "markdown"  # 001: '#' headings, half-width , ( ) ; ", spaces where lines joined
    LONGLINE = "longline"  # 003: a paragraph per line, half-width , ( ) ;, no markers


# --------------------------------------------------------------------------------------------
# Templates: seed text with the people in it replaced by slots
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameSlot:
    """A person printed in a seed text; ``title`` is what the text calls them there."""

    seed_name: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class DatelineSlot:
    """A date such as 5月11日 at the start of a paragraph, re-dated for each new issue."""

    suffix: str = ""  # 上午 / 下午 / 至26日 as printed after it


Part = str | NameSlot | DatelineSlot


@dataclass(frozen=True, slots=True)
class Template:
    parts: tuple[Part, ...]
    length: int  # characters, roughly, once rendered
    tags: frozenset[str] = frozenset()

    @property
    def has_dateline(self) -> bool:
        return bool(self.parts) and isinstance(self.parts[0], DatelineSlot)


@dataclass(frozen=True, slots=True)
class Material:
    """Everything harvested from the seeds."""

    leads: tuple[Template, ...]  # first paragraphs, byline removed
    paragraphs: tuple[Template, ...]  # other body paragraphs
    events: tuple[Template, ...]  # headline lines saying what happened
    slogans: tuple[Template, ...]  # headline lines summing it up
    captions: tuple[Template, ...]  # photo captions, credit removed
    surnames: tuple[str, ...]
    given_names: tuple[str, ...]
    titles: tuple[str, ...]  # official titles seen before names
    seed_names: frozenset[str]
    wrap_widths: tuple[int, ...]  # line widths of the wrapped seeds' columns
    sections: tuple[str, ...] = SECTION_LABELS
    tag_names: tuple[str, ...] = TAG_TERMS


# --------------------------------------------------------------------------------------------
# Harvesting
# --------------------------------------------------------------------------------------------


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
    return 2 <= len(name) <= 3 and name[0] in COMMON_SURNAMES and re.fullmatch(f"[{_CJK}]+", name) is not None


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


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------

HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_CHINESE_DIGITS = "〇一二三四五六七八九十"
_YEAR_RE = re.compile(r"(?<![\d０-９])(?:19|20)\d\d(?=年)")

BYLINE_TITLES = ("通讯员", "通讯员", "通讯员", "通讯员", "记者", "特约记者")
DEFAULT_START = dt.date(2000, 1, 3)


def lunar_date_text(day: dt.date) -> str:
    """The masthead's lunar date, as seed 001 prints it: 2025-08-26 → 乙巳年七月初四."""
    from lunardate import LunarDate  # only the Markdown layout needs it

    lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    year = HEAVENLY_STEMS[(lunar.year - 4) % 10] + EARTHLY_BRANCHES[(lunar.year - 4) % 12]
    month = ("闰" if lunar.isLeapMonth else "") + LUNAR_MONTHS[lunar.month - 1] + "月"
    d = lunar.day
    if d <= 10:
        day_text = "初" + _CHINESE_DIGITS[d]
    elif d < 20:
        day_text = "十" + _CHINESE_DIGITS[d - 10]
    elif d == 20:
        day_text = "二十"
    elif d < 30:
        day_text = "廿" + _CHINESE_DIGITS[d - 20]
    else:
        day_text = "三十"
    return f"{year}年{month}{day_text}"


@dataclass(frozen=True, slots=True)
class SyntheticMention:
    name: str
    title: str = ""


@dataclass(slots=True)
class SyntheticArticle:
    """One generated article: what the parser should find, and what build_archive stores."""

    headline: str
    paragraphs: list[str]  # body paragraphs, full-width punctuation; the first is the lead
    byline: str  # as printed in canonical (full-width) form; "" for none
    correspondents: list[str]
    correspondent_title: str  # 通讯员 / 记者 / 特约记者
    feature: bool = False  # '□ 通讯员 …' under the headline instead of a 本报讯 byline
    kicker: str | None = None
    subheadline: str | None = None
    section: str | None = None
    dateline: str | None = None  # e.g. 5月11日, as printed at the start of the lead
    dateline_date: dt.date | None = None
    people: list[SyntheticMention] = field(default_factory=list)  # named in the body
    tags: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(slots=True)
class SyntheticPhoto:
    caption: str
    photographers: list[str]
    article_index: int | None = None  # the article it illustrates, when it sits inside one


@dataclass(slots=True)
class SyntheticIssue:
    index: int
    seed: int
    date: dt.date
    page: int
    layout: Layout
    articles: list[SyntheticArticle]
    photos: list[SyntheticPhoto]
    wrap_width: int
    masthead: str | None = None
    lunar_date: str | None = None

    @property
    def file_name(self) -> str:
        return f"s{self.seed}_{self.index:06d}.txt"

    @property
    def number(self) -> str:
        return f"第{self.index + 1}期"

    def render(self) -> str:
        """The issue as an OCR text file in its layout."""
        return "".join(text for _, text in self.render_chunks())

    def render_chunks(self) -> list[tuple[int | None, str]]:
        """The file's text in pieces, each with the index of the article it belongs to.

        ``None`` marks text outside any article (masthead, photos), so build_archive can store
        each article's verbatim OCR lines without parsing the file again.
        """
        return _Renderer(self).chunks()


class CorpusGenerator:
    """Deals the seeds' material out as new issues, deterministically from ``seed``.

    Issue *i* depends only on (seed, i), so any slice of a corpus can be generated alone and a
    small corpus is the beginning of a large one. Dates are distinct per (issue, page): issue
    dates advance by one or two days per issue (``pages`` issues share a date, one per page).
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        material: Material | None = None,
        start: dt.date = DEFAULT_START,
        pages: int = 1,
        min_articles: int = 3,
        max_articles: int = 12,
        max_paragraphs: int = 7,
        layouts: Sequence[Layout] = (Layout.WRAPPED, Layout.MARKDOWN, Layout.LONGLINE),
    ) -> None:
        if pages < 1 or min_articles < 1 or max_articles < min_articles or max_paragraphs < 1:
            raise ValueError("pages, article and paragraph counts must be positive")
        self.seed = seed
        self.material = material if material is not None else load_material()
        self.start = start
        self.pages = pages
        self.min_articles = min_articles
        self.max_articles = max_articles
        self.max_paragraphs = max_paragraphs
        self.layouts = tuple(layouts)
        self.people = _people_pool(self.material, seed)
        # Sorted: iterating the frozenset would follow PYTHONHASHSEED, not the corpus seed.
        self._seed_names = tuple(sorted(self.material.seed_names))
        self._headlines_for = [
            (
                _closest(lead, self.material.events or self.material.slogans, 3),
                _closest(lead, self.material.slogans, 4),
            )
            for lead in self.material.leads
        ]

    def _header(self, index: int) -> tuple[random.Random, dt.date, int, Layout, int]:
        rng = random.Random(f"newsroom-synthetic:{self.seed}:{index}")
        day_index, page = divmod(index, self.pages)
        # Two days per date slot, the second chosen at random: distinct, not evenly spaced.
        date = self.start + dt.timedelta(days=2 * day_index + rng.randint(0, 1))
        layout = self.layouts[rng.randrange(len(self.layouts))]
        count = rng.randint(self.min_articles, self.max_articles)
        return rng, date, page, layout, count

    def article_count(self, index: int) -> int:
        """How many articles issue ``index`` has, without generating it (for planning)."""
        return self._header(index)[4]

    def issue(self, index: int, *, max_articles: int | None = None) -> SyntheticIssue:
        """Issue ``index``; ``max_articles`` trims it (the last issue of an exact-size archive)."""
        rng, date, page, layout, count = self._header(index)
        if max_articles is not None:
            count = max(1, min(count, max_articles))
        articles = [self._article(rng, date) for _ in range(count)]
        photos = [self._photo(rng, date, count) for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))]
        masthead = lunar = None
        if layout is Layout.MARKDOWN:
            masthead, lunar = MASTHEAD, lunar_date_text(date)
        widths = self.material.wrap_widths
        return SyntheticIssue(
            index=index,
            seed=self.seed,
            date=date,
            page=page + 1,
            layout=layout,
            articles=articles,
            photos=photos,
            wrap_width=widths[rng.randrange(len(widths))],
            masthead=masthead,
            lunar_date=lunar,
        )

    def issues(self, count: int, *, first: int = 0) -> Iterator[SyntheticIssue]:
        """Issues ``first`` … ``first + count - 1``, one at a time (nothing is kept)."""
        for index in range(first, first + count):
            yield self.issue(index)

    # -- pieces ---------------------------------------------------------------------------

    def _person(self, rng: random.Random) -> str:
        # Log-uniform over the pool: a few people appear very often, most rarely, as in a paper.
        return self.people[int(len(self.people) ** rng.random()) - 1]

    def _cast(self, rng: random.Random) -> dict[str, str]:
        """Who plays each seed person in one article (half keep their own name: leaders recur)."""
        return {
            name: name if rng.random() < 0.5 else self._person(rng)
            for name in self._seed_names
        }

    def _article(self, rng: random.Random, issue_date: dt.date) -> SyntheticArticle:
        material = self.material
        cast = self._cast(rng)
        people: dict[str, str] = {}
        dateline_day = issue_date - dt.timedelta(days=rng.randint(1, 4))
        state = _FillState(cast=cast, people=people, year=issue_date.year, dateline_day=dateline_day)

        lead_index = rng.randrange(len(material.leads))
        lead_template = material.leads[lead_index]
        # Headlines that share words with the lead: a reader (and the parser, which pairs
        # detached headlines with bodies by their words) should see they belong together.
        events, slogans = self._headlines_for[lead_index]
        headline = _fill(rng.choice(events), state, record=True)
        kicker = subheadline = section = None
        if slogans and rng.random() < 0.2:
            kicker = _fill(rng.choice(slogans), state)
        if slogans and rng.random() < 0.25:
            subheadline = _fill(rng.choice(slogans), state)
        feature = rng.random() < 0.1
        if feature or rng.random() < 0.05:
            section = rng.choice(material.sections)

        lead = _fill(lead_template, state, record=True)
        templates = [lead_template]
        paragraphs = [lead]
        for _ in range(rng.randint(0, self.max_paragraphs - 1)):
            template = rng.choice(material.paragraphs)
            templates.append(template)
            paragraphs.append(_fill(template, state, record=True))

        names = [self._person(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))]
        names = list(dict.fromkeys(names))
        title = rng.choice(BYLINE_TITLES)
        if feature:
            byline = f"□ {title} {' '.join(names)}"
        else:
            form = rng.random()
            if form < 0.04:
                byline, names = "本报讯", []
            elif form < 0.06 and title == "通讯员":
                byline, title = f"本报讯（通讯{names[0]}）", "通讯"  # the seeds' missing 员
                names = names[:1]
            else:
                byline = f"本报讯（{title}{' '.join(names)}）"

        tags = sorted({tag for t in templates for tag in t.tags})
        rng.shuffle(tags)
        return SyntheticArticle(
            headline=headline,
            paragraphs=paragraphs,
            byline=byline,
            correspondents=names,
            correspondent_title="通讯员" if title == "通讯" else title,
            feature=feature,
            kicker=kicker,
            subheadline=subheadline,
            section=section,
            dateline=state.dateline,
            dateline_date=dateline_day if state.dateline else None,
            people=[SyntheticMention(n, t) for n, t in people.items()],
            tags=sorted(tags[:3]),
        )

    def _photo(self, rng: random.Random, issue_date: dt.date, article_count: int) -> SyntheticPhoto:
        material = self.material
        state = _FillState(
            cast=self._cast(rng),
            people={},
            year=issue_date.year,
            dateline_day=issue_date - dt.timedelta(days=rng.randint(1, 4)),
        )
        caption = _fill(rng.choice(material.captions), state) if material.captions else "现场。"
        names = list(dict.fromkeys(self._person(rng) for _ in range(rng.choice((1, 1, 1, 2)))))
        return SyntheticPhoto(caption=caption, photographers=names)


@dataclass(slots=True)
class _FillState:
    cast: dict[str, str]
    people: dict[str, str]  # name → title, the people named in the body so far
    year: int
    dateline_day: dt.date
    dateline: str | None = None


def _fill(template: Template, state: _FillState, *, record: bool = False) -> str:
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


def _closest(lead: Template, candidates: Sequence[Template], count: int) -> tuple[Template, ...]:
    """The ``count`` candidates sharing most words (bigrams) with ``lead``."""
    words = _bigrams_of(lead)

    def overlap(candidate: Template) -> float:
        own = _bigrams_of(candidate)
        return len(own & words) / (len(own) + 1)

    return tuple(sorted(candidates, key=overlap, reverse=True)[:count])


_PUNCTUATION_RE = re.compile(rf"[^{_CJK}0-9A-Za-z]")


def _people_pool(material: Material, seed: int) -> tuple[str, ...]:
    """Thousands of plausible names: the seeds' surnames × the seeds' given names, shuffled."""
    pool = sorted(
        {s + g for s in material.surnames for g in material.given_names if 2 <= len(s + g) <= 3}
        | set(material.seed_names)
    )
    random.Random(f"newsroom-people:{seed}").shuffle(pool)
    return tuple(pool)


_MARKDOWN_PUNCTUATION = str.maketrans({"，": ",", "（": "(", "）": ")", "；": ";", "：": ":", "“": '"', "”": '"'})
_LONGLINE_PUNCTUATION = str.maketrans({"，": ",", "（": "(", "）": ")"})
_NO_LINE_START = "，。、；：？！”’）》…,.;:?!)\""


class _Renderer:
    """Prints a SyntheticIssue in the layout of the seeds it imitates."""

    def __init__(self, issue: SyntheticIssue) -> None:
        self.issue = issue
        # Layout noise (column breaks, joined headline groups) is part of the issue's identity.
        self.rng = random.Random(f"newsroom-render:{issue.seed}:{issue.index}")
        self.out: list[tuple[int | None, str]] = []

    def chunks(self) -> list[tuple[int | None, str]]:
        issue = self.issue
        if issue.layout is Layout.MARKDOWN:
            self.emit(None, f"# {issue.masthead or MASTHEAD}\n\n{MASTHEAD_LATIN}\n\n")
            if issue.lunar_date:
                self.emit(None, f"{issue.lunar_date}\n\n")
        else:
            self.emit(None, "\n")
        # Photos sit between articles, as in the seeds (a caption never splits an article).
        slots: dict[int, list[SyntheticPhoto]] = {}
        for photo in issue.photos:
            slots.setdefault(self.rng.randint(0, len(issue.articles)), []).append(photo)
        for index, article in enumerate(issue.articles):
            for photo in slots.get(index, ()):
                self.photo(photo)
            self.article(index, article)
        for photo in slots.get(len(issue.articles), ()):
            self.photo(photo)
        return self.out

    def emit(self, owner: int | None, text: str) -> None:
        self.out.append((owner, text))

    # -- layout helpers ---------------------------------------------------------------------

    def punctuate(self, text: str) -> str:
        if self.issue.layout is Layout.MARKDOWN:
            return text.translate(_MARKDOWN_PUNCTUATION)
        if self.issue.layout is Layout.LONGLINE:
            return text.translate(_LONGLINE_PUNCTUATION)
        return text

    def wrap(self, text: str) -> list[str]:
        """Column lines of the issue's width; punctuation never starts a line (as typeset)."""
        width = self.issue.wrap_width
        lines: list[str] = []
        at = 0
        while at < len(text):
            end = min(at + width, len(text))
            while end < len(text) and text[end] in _NO_LINE_START:
                end += 1
            lines.append(text[at:end])
            at = end
        return lines or [""]

    def paragraph(self, text: str) -> str:
        """One paragraph as printed: wrapped lines, or a long line with OCR's join spaces."""
        text = self.punctuate(text)
        layout = self.issue.layout
        if layout is Layout.WRAPPED:
            lines = self.wrap(text)
            if len(lines) >= 6 and self.rng.random() < 0.1:
                # A column break: the paragraph goes on after a blank line.
                cut = self.rng.randint(2, len(lines) - 2)
                return "\n".join(lines[:cut]) + "\n\n" + "\n".join(lines[cut:]) + "\n"
            return "\n".join(lines) + "\n"
        if layout is Layout.MARKDOWN:
            # The seed joined its column lines with a space every 15-20 characters.
            pieces, at = [], 0
            while at < len(text):
                end = at + self.rng.randint(15, 20)
                # Numbers and Latin words stay whole; punctuation stays with the text before.
                while end < len(text) and (
                    text[end] in _NO_LINE_START or (text[end].isascii() and text[end - 1].isascii())
                ):
                    end += 1
                pieces.append(text[at:end])
                at = end
            return " ".join(pieces) + "\n"
        if len(text) > 120 and self.rng.random() < 0.1:
            cut = self.rng.randint(40, len(text) - 40)
            return f"{text[:cut]}\n\n{text[cut:]}\n"
        return text + "\n"

    # -- blocks ---------------------------------------------------------------------------

    def article(self, index: int, article: SyntheticArticle) -> None:
        layout = self.issue.layout
        parts: list[str] = []
        if article.section:
            parts.append(f"{article.section}\n\n")
        heads = [self.punctuate(h) for h in (article.kicker, article.headline, article.subheadline) if h]
        if layout is Layout.MARKDOWN:
            for text in heads:
                level = "##" if text == self.punctuate(article.headline) else "####"
                parts.append(f"{level} {text}\n\n")
        elif layout is Layout.LONGLINE and len(heads) > 1 and self.rng.random() < 0.4:
            parts.append(" ".join(heads) + "\n\n")  # a headline group printed on one line
        else:
            lead_space = " " if layout is Layout.WRAPPED and self.rng.random() < 0.3 else ""
            parts.append(lead_space + "\n".join(heads) + "\n")
            if layout is not Layout.WRAPPED or article.feature:
                parts.append("\n")
        if article.feature:
            parts.append(f"{article.byline}\n\n")
            first = article.paragraphs[0]
        else:
            first = article.byline + article.paragraphs[0]
        body = [first, *article.paragraphs[1:]]
        parts.append("\n".join(self.paragraph(p) for p in body))
        parts.append("\n")
        self.emit(index, "".join(parts))

    def photo(self, photo: SyntheticPhoto) -> None:
        credit = f"（{' '.join(photo.photographers)} 摄）"
        layout = self.issue.layout
        if layout is Layout.WRAPPED and self.rng.random() < 0.6:
            # The credit on a line of its own after a blank line (seeds 002 and 004).
            self.emit(None, "\n".join(self.wrap(photo.caption)) + f"\n\n{credit}\n\n")
            return
        text = self.paragraph(photo.caption).rstrip("\n")
        self.emit(None, f"{text} {self.punctuate(credit)}\n\n")


@dataclass(slots=True)
class CorpusSummary:
    files: int = 0
    articles: int = 0
    photos: int = 0
    bytes: int = 0


def write_corpus(
    out_dir: Path, count: int, *, seed: int = 1, first: int = 0, generator: CorpusGenerator | None = None
) -> CorpusSummary:
    """Write issues ``first`` … ``first + count - 1`` as UTF-8 .txt files into ``out_dir``.

    One issue at a time is held in memory, so a corpus of any size costs the same.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    out_dir.mkdir(parents=True, exist_ok=True)
    generator = generator if generator is not None else CorpusGenerator(seed=seed)
    summary = CorpusSummary()
    for issue in generator.issues(count, first=first):
        data = issue.render().encode("utf-8")
        (out_dir / issue.file_name).write_bytes(data)
        summary.files += 1
        summary.articles += len(issue.articles)
        summary.photos += len(issue.photos)
        summary.bytes += len(data)
    return summary
