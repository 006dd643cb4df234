"""Reading an issue's lines and saying what each one is.

Blank lines are noted on their neighbours, Markdown marks taken off, a headline run into its
byline on one line cut in two, a photo credit wrapped over two lines put back together. Each
line then gets a kind: a photo credit, a byline opening an article, a line of writers, page
furniture (a running head, the page's staff), a Markdown heading, or plain text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .bylines import (
    CREDIT_OPENING_RE,
    JUMP_PAGES,
    SEE_MORE,
    find_credit,
    is_news_byline,
    lead_byline,
    tail_byline,
    writer_line,
)
from .dates import LUNAR_RE
from .text import (
    CJK,
    bigrams,
    ends_sentence,
    has_cjk,
    has_sentence_punct,
    key_bigrams,
    match_key,
    pair_code,
)
from .writers import read_credits

_MD_RE = re.compile(r"^\s*(#{1,6})\s*")
_JUMP_RE = re.compile(rf"^[（(]?\s*(?:上接|下转|接|转|转至|接上|{SEE_MORE})\s*{JUMP_PAGES}\s*[）)]?$")
_INLINE_BYLINE_RE = re.compile(r"(?<=\s)(?:本报讯|[□■]\s*(?:通讯员|记者|特约记者|本报记者))")
# Page furniture: "责任编辑：郑思远  校对：陶然" names the page's staff, not a headline.
_STAFF_RE = re.compile(
    r"^(?:责任编辑|值班编辑|责编|编辑|校对|审校|审核|终审|版式|美编|组版|排版|主编)\s*[：:]"
)
# A running head repeated on later pages: "2024年5月20日 星期一 第2版", "乙巳年三月初六".
_PAGE_INFO_RE = re.compile(
    r"^(?:\s|[|｜·•]|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]"
    rf"|第\s*[A-Z]?\s*[\d一二三四五六七八九十]+\s*[版期]|农历|{LUNAR_RE.pattern})+$"
)
_RULE_RE = re.compile(r"^[-*_=~—·\s]{3,}$")
MAX_HEAD_CHARS = 60
# Kinds of line that read as text wherever they are not a byline.
PLAIN_KINDS = frozenset(("plain", "name", "tail"))


@dataclass(slots=True)
class Line:
    index: int  # position in Layout.lines
    number: int  # 1-based line number in the source
    raw: str
    text: str  # stripped, Markdown heading marks removed
    level: int = 0  # Markdown heading level, 0 when none
    blank_before: bool = False
    blank_after: bool = False
    # (text, match key, character pairs) for the text as it was when first compared.
    _pairs: tuple[str, str, set[int]] | None = field(default=None, repr=False, compare=False)

    def pairs(self) -> tuple[str, set[int]]:
        """The line's match key and its character pairs, computed once."""
        cached = self._pairs
        if cached is None or cached[0] is not self.text:
            key = match_key(self.text)
            cached = self._pairs = (self.text, key, key_bigrams(key))
        return cached[1], cached[2]


def joined_pairs(lines: list[Line], indices: list[int]) -> set[int]:
    """The character pairs of the lines run together (as ``bigrams`` of their joined text),
    from each line's own pairs and the pair across each line break."""
    out: set[int] = set()
    previous = ""
    for i in indices:
        key, grams = lines[i].pairs()
        if not key:
            continue
        out |= grams
        if previous:
            out.add(pair_code(previous[-1], key[0]))
        previous = key
    return out


def read_lines(text: str) -> list[Line]:
    """The non-blank lines, stripped, with Markdown marks taken off and blank lines noted."""
    lines: list[Line] = []
    blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip().replace("\u3000", " ").strip()
        if not stripped:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        level = 0
        md = _MD_RE.match(stripped)
        if md:
            level = len(md.group(1))
            stripped = stripped[md.end() :].strip()
        if stripped.startswith("**") and stripped.endswith("**"):
            stripped = stripped.strip("*").strip()  # Markdown bold around a whole line
        if not stripped or _RULE_RE.match(stripped):
            # A Markdown rule (---, ***) is layout, not text: it separates like a blank line.
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        # Only a line holding one of its marks can hold a byline: most lines skip the search.
        split = (
            _INLINE_BYLINE_RE.search(stripped)
            if "本报讯" in stripped or "□" in stripped or "■" in stripped
            else None
        )
        if split and split.start() > 0 and is_headlike(head := stripped[: split.start()].strip()):
            # A headline run into its byline on one line: "区政府召开常务会议 本报讯（…）…".
            lines.append(Line(len(lines), number, raw, head, level, blank_before=blank))
            stripped, level, blank = stripped[split.start() :], 0, False
        lines.append(Line(len(lines), number, raw, stripped, level, blank_before=blank))
        blank = False
    return split_glued_headlines(
        _signatures_begun_after_text(merge_wrapped_credits(_merge_comma_wrapped(lines)))
    )


# Punctuation a printed line never opens with (a typesetter pushes it back onto the line
# before); a line that does is the second half of a line the OCR broke in two.
_NEVER_OPENS = ("，", "、", "；", "：")
# A headline's word broken at the line's end, then the headline's own mark and more of it
# ("…守住田园本" / "色！看…"): one or two characters and ！ or ？ open no line of their own.
# (A line that is only such a word and its mark, "夜市油烟直排" / "呛人！", is a headline's
# second deck.)
_WORD_END_THEN_MARK_RE = re.compile(f"^[{CJK}]{{1,2}}[！？!?][{CJK}“]")
_WRAPPED_HEAD_CHARS = 40


def series_headline(text: str) -> bool:
    """A series' name, a bar and the headline: no running text holds the bar."""
    return _SERIES_HEAD_RE.match(text) is not None


def _series_wrapped(first: str, second: str) -> bool:
    """A series' headline broken over two lines ("新时代新征程丨凝" / "聚干群合力，推进…"):
    the bar in the first part, the second no sentence of its own."""
    return "丨" in first and not ends_sentence(second) and _SERIES_HEAD_RE.match(first + second) is not None


def _merge_comma_wrapped(lines: list[Line]) -> list[Line]:
    """A headline set apart and broken so that its second part opens with a comma
    ("两份读本" / "，刚到茶山咋被…"), or with a word's last character and its mark ("…田园本" /
    "色！看…"), is one line again: no printed line opens with a comma, and the two halves,
    read apart, look like a short line and a sentence."""
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if (
            previous is not None
            and (
                line.text.startswith(_NEVER_OPENS)
                or _WORD_END_THEN_MARK_RE.match(line.text)
                or _series_wrapped(previous.text, line.text)
            )
            and not line.blank_before
            and line.blank_after
            and previous.blank_before
            and not previous.level
            and is_headlike(previous.text)
            and len(previous.text) + len(line.text) <= _WRAPPED_HEAD_CHARS
        ):
            previous.text += line.text
            previous.raw = f"{previous.raw}\n{line.raw}"
            previous.blank_after = True
            continue
        line.index = len(out)
        out.append(line)
    return out


_BYLINE_MARKS = ("讯", "消息", "电", "报道", "（", "(")
_PHOTO_WORD_RE = re.compile("摄|图")
_SPLIT_CLAUSE_RE = re.compile("^(?:会议由|会上|由|在|据|对|为|经)")
_GLUE_RE = re.compile(f"(?<=[{CJK}”」》）)])[ \t]+(?=[{CJK}“「《（(0-9])")
# How much of a headline's new wording the text after it must repeat.
_GLUED_ECHO = 0.3
_GLUED_SPAN = 12


def split_glued_headlines(lines: list[Line]) -> list[Line]:
    """A headline read into the first line of its body: "熊河镇举办农民丰收节展销农产品
    8月15日，熊河镇举办农民丰收节，农民". At the start of a paragraph, the words before a space, with
    no sentence punctuation, that the text after them repeats are the headline."""
    out: list[Line] = []
    for k, line in enumerate(lines):
        text = line.text
        if " " not in text or len(text) < 14 or line.level:
            fresh = False
        else:
            fresh = k == 0 or line.blank_before or ends_sentence(lines[k - 1].text)
        if not fresh:
            line.index = len(out)
            out.append(line)
            continue
        at = _glued_at(text, lines[k + 1 : k + 1 + _GLUED_SPAN])
        if at is None:
            line.index = len(out)
            out.append(line)
            continue
        head = Line(len(out), line.number, line.raw, text[:at].strip(), 0, line.blank_before)
        out.append(head)
        line.text, line.blank_before, line.index = text[at:].strip(), False, len(out)
        out.append(line)
    return out


def _glued_at(text: str, after: list[Line]) -> int | None:
    if not after:
        return None
    column = len(after[0].text)
    for match in reversed(list(_GLUE_RE.finditer(text))):
        if not 6 <= match.start() <= MAX_HEAD_CHARS:
            continue
        rest = text[match.end() :]
        # The rest reads as text and fills the column, as the line under it does; or it
        # opens a byline.
        fills = abs(len(rest) - column) <= 2 and has_sentence_punct(rest)
        opening = rest[:28]
        signs = any(mark in opening for mark in _BYLINE_MARKS)
        if not (fills or signs):
            continue
        head = text[: match.start()]
        if not is_headlike(head) or lead_byline(text) is not None:
            continue
        if signs and is_news_byline(rest + after[0].text) and not _PHOTO_WORD_RE.search(
            rest + after[0].text  # a photo credit
        ):
            return match.start()  # a headline run into the byline after it
        if not fills or "、" in head or _SPLIT_CLAUSE_RE.search(head):
            continue  # a list or a clause cut by a stray space, not a headline
        if writer_line(head) is not None:
            continue  # a byline with a space in it: "宜都融媒讯 记者 张三 近日，…"
        grams = bigrams(head)
        if len(grams) < 3:
            continue
        below: set[int] = set().union(bigrams(rest), *(x.pairs()[1] for x in after))
        if len(grams & below) >= _GLUED_ECHO * len(grams):
            return match.start()
    return None


def is_headlike(text: str) -> bool:
    """Short, no sentence punctuation, some Chinese: could be a headline or a label.

    (Wrapped body lines with a single comma are everywhere, so even one comma rules a line
    out here; a headline with a comma is still found when a byline follows it directly.)
    Callers have already ruled out bylines and photo credits."""
    return (
        len(text) <= MAX_HEAD_CHARS
        and (
            not has_sentence_punct(text)
            or _CALL_THEN_HEAD_RE.match(text) is not None
            or series_headline(text)
        )
        and has_cjk(text)
        and not text.endswith("、")  # a list broken off at the line's end
    )


# A series' name, a bar and the headline ("新时代新征程丨凝聚干群合力，推进乡村振兴"): a web
# page's way of heading a text, commas and all; no running text holds the bar.
_SERIES_HEAD_RE = re.compile(f"^[^。；！？;!?丨|]{{2,20}}丨[{CJK}“][^。；丨|]{{1,40}}(?<![。；！？，,;!?])$")


# A headline of a cry and what follows it ("守住青山绿水本色！看石门镇里的新变"): one ！ or ？
# inside a short line, words on both sides, nothing quoted; a line of running text with
# such a mark either goes on with a comma or is someone's words in quotes.
_CALL_THEN_HEAD_RE = re.compile(
    rf"^[{CJK}][^，。；：！？,;:!?“”\s]{{3,20}}[！？][{CJK}][^，。；：！？,;:!?“”]{{3,20}}$"
)


def line_kinds(lines: list[Line]) -> list[str]:
    """What each line is: credit | byline | feature (a line of writers) | name (one bare name:
    writers after a body's end, or just a short line) | tail (writers in brackets alone on a
    line) | staff (page furniture) | md | dash (a subheadline opening with a dash) | noise |
    plain; then signing (the rest of writers' brackets wrapped after a paragraph)."""
    kinds = []
    for k, line in enumerate(lines):
        t = line.text
        # Writers' lines are short and hold no sentence: most lines need no closer look.
        short = len(t) <= 60 and not _SENTENCE_RE.search(t)
        if find_credit(t) is not None:
            kinds.append("credit")
        elif is_news_byline(t) or _wrapped_byline(t, lines[k + 1].text if k + 1 < len(lines) else ""):
            kinds.append("byline")
        elif is_furniture(t):
            kinds.append("staff")
        elif short and writer_line(t) is not None:
            kinds.append("feature")
        elif boxed_name(t):
            kinds.append("byline")
        elif short and t[:1] in "（(" and tail_byline(t, alone=True) is not None:
            kinds.append("tail")
        elif len(t) <= 14 and writer_line(t, alone=True) is not None:
            kinds.append("name")
        elif line.level and len(t) <= 2 * MAX_HEAD_CHARS:
            kinds.append("md")
        elif _DASH_HEAD_RE.match(t) and not ends_sentence(t) and not _dash_goes_on(lines, k):
            kinds.append("dash")
        elif (len(t) <= 12 and not has_cjk(t)) or _JUMP_RE.match(t):
            # A page number, a stray mark or a jump line (下转第二版), unless inside a sentence.
            kinds.append("noise")
        else:
            kinds.append("plain")
    _wrapped_signatures(lines, kinds)
    _wrapped_bylines(lines, kinds)
    _wrapped_words(lines, kinds)
    return kinds


def _wrapped_words(lines: list[Line], kinds: list[str]) -> None:
    """Lines read as writers or a dateline that go on with the sentence above them:
    - the second character of a word wrapped at the column's end ("…采写的通" / "讯《…》。"),
      read as a dateline of that one character (a real dateline names its outlet before 讯);
    - a count's measure word ("…，来自全省30多" / "个县市的记者…"), whatever names the line
      seems to hold after it."""
    for k in range(1, len(lines)):
        if kinds[k] not in ("byline", "feature", "name") or kinds[k - 1] != "plain":
            continue
        above, text = lines[k - 1].text, lines[k].text
        if text[:1] in _MEASURE_WORDS and _COUNT_AT_END_RE.search(above) and _CLAUSE_RE.search(above):
            kinds[k] = "plain"
            continue
        if kinds[k] != "byline" or lines[k - 1].blank_after:
            continue
        if ends_sentence(above) or not above[-1:].isalnum():
            continue
        lead = lead_byline(text)
        if lead is not None and not lead.writers and len(lead.text.strip()) <= 1:
            kinds[k] = "plain"


# A sentence wrapped between a number and its measure word ("…，来自全省30多" / "个县市的
# 记者…"): running text (a comma in it) ending on a count goes on in the line under it.
_COUNT_AT_END_RE = re.compile(r"\d[多余]?$")
_CLAUSE_RE = re.compile(r"[，,、]")
_MEASURE_WORDS = "个家名位户万亿千百元件项岁次所座条批支场篇"


def boxed_name(text: str) -> bool:
    """A bare name behind a box ("□ 某某"): the writer signing the text under it, set out as
    a titled one is ("□ 通讯员 某某"), not a short line of text nor a headline."""
    return len(text) <= 14 and text[:1] in "□■" and writer_line(text, alone=True) is not None


def _wrapped_bylines(lines: list[Line], kinds: list[str]) -> None:
    """A dateline and writers wrapped inside a name or title ("某某新闻网讯 记者王立、通" /
    "讯员甘小强报道：近日…"): the second line goes on with the first, it opens nothing."""
    for k in range(len(lines) - 1):
        if kinds[k] != "byline" or kinds[k + 1] != "byline" or lines[k].blank_after:
            continue
        first, both = lines[k].text, lines[k].text + lines[k + 1].text
        whole = lead_byline(both)
        alone = lead_byline(first)
        if (
            whole is not None
            and whole.end > len(first)
            and len(whole.writers) > len(alone.writers if alone else [])
        ):
            kinds[k + 1] = "plain"


_OPEN_SIGNATURE_RE = re.compile(r"[。！？…”][（(][^（）()]*$")


def _wrapped_signatures(lines: list[Line], kinds: list[str]) -> None:
    """Writers in brackets after the last sentence, wrapped over the next lines: "…说道。（白沙镇
    融媒体" / "中心记者马晓光 彭芸 通讯员何平" / "编辑王丽 责编孙伟）". The lines
    that finish the brackets are text of that paragraph ("signing"), never a headline."""
    for k, line in enumerate(lines):
        if kinds[k] not in PLAIN_KINDS:
            continue
        # The brackets opening a line of their own right under the last sentence: that line
        # signs the paragraph too ("…300余张。" / "（来源：某单位 通讯" / "员：A 一审…）").
        opens_line = (
            k > 0
            and line.text[:1] in "（("
            and not any(c in line.text for c in "）)")
            and not lines[k - 1].blank_after
            and kinds[k - 1] in PLAIN_KINDS
            and ends_sentence(lines[k - 1].text)
        )
        if not opens_line and not _OPEN_SIGNATURE_RE.search(line.text):
            continue
        joined = line.text
        breaks = 0  # a column may end inside the brackets: one blank line, then they go on
        for extra in (1, 2, 3):
            if k + extra >= len(lines):
                break
            breaks += lines[k + extra - 1].blank_after
            if breaks > 1:
                break
            following = lines[k + extra].text
            if len(following) > 40 or any(c in following for c in "。！？（("):
                break
            joined += following
            if following.endswith(("）", ")")):
                if tail_byline(lines[k - 1].text + joined if opens_line else joined) is not None:
                    for j in range(k + 1 - opens_line, k + extra + 1):
                        kinds[j] = "signing"
                break


_SENTENCE_RE = re.compile("[。！？；，,]")
# A subheadline opening with a dash: "——朱河镇组织农机手开展春耕作业".
_DASH_HEAD_RE = re.compile(f"^(?:——|—|－－|--)\\s*[{CJK}“《].{{3,45}}$")


def _dash_goes_on(lines: list[Line], k: int) -> bool:
    """A dash opening a line inside a sentence ("…早已忙碌起来" / "——核验各村…"): the line
    before fills the column the text runs in and ends no sentence."""
    if k == 0 or k + 1 >= len(lines) or lines[k - 1].blank_after:
        return False
    before = lines[k - 1].text
    return not ends_sentence(before) and len(before) >= len(lines[k + 1].text) - 1


def _wrapped_byline(text: str, following: str) -> bool:
    """Writers in brackets opening a paragraph, wrapped before the bracket closes:
    "（特约记者 但梓钰 通讯员 胡新" / "华）“我脚痛…", or after the outlet's name with no 讯
    ("某某融媒（记者 A 通讯员" / "B）近日…")."""
    opened = max(text.find("（"), text.find("("), text.find("【"))
    if opened < 0 or opened > 12 or any(c in text for c in "）)】"):
        return False
    lead = lead_byline(text + following)
    return lead is not None and lead.end > len(text) and bool(lead.writers)


# A running head: "2024年5月20日 星期一 第2版 责任编辑：王某", "第3版 要闻", "乙巳年三月初六".
_FURNITURE_PART_RE = re.compile(
    r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]|周[一二三四五六日天]"
    r"|第\s*[\d一二三四五六七八九十]+\s*[版期]|农历|总第?\s*\d+\s*期|[|｜·•/／]"
    r"|(?:责任编辑|值班编辑|责编|编辑|校对|审校|审核|终审|版式|美编|组版|排版|主编|一审|二审|三审)"
    rf"\s*[：:]?\s*[{CJK}]{{2,4}}(?=\s|$)|{LUNAR_RE.pattern}"
)
_SECTION_WORDS = ("要闻", "综合", "专版", "专题", "新闻", "副刊", "社会", "民生", "时政", "视点")


# A page's number and name as a paper's site prints them over each story (第05版：民声,
# A02版：洛阳要闻, 003版：综 合): the page, not a kicker of the story under it.
_PAGE_NAME_RE = re.compile(rf"^\s*第?\s*[A-Z]?\s*\d{{1,3}}\s*版\s*[：:]\s*[{CJK}][{CJK} ·]{{0,9}}$")


def is_furniture(text: str) -> bool:
    """Page furniture: a running head (date, page, section) or the page's staff; it belongs
    to the issue, never to an article."""
    if _STAFF_RE.match(text) or _PAGE_INFO_RE.match(text) or _PAGE_NAME_RE.match(text):
        return True
    if not ("版" in text or "编辑" in text or "校对" in text or "审" in text):
        return False
    rest = _FURNITURE_PART_RE.sub(" ", text)
    for word in _SECTION_WORDS:
        rest = rest.replace(word, " ")
    return not rest.strip() and len(text) <= 60


# The last sentence of a text, then the start of its writers' line on the same printed line.
_SIGNATURE_BEGUN_RE = re.compile(r"[。！？]”?\s*(?P<begun>[\u4e00-\u9fff]{2,14})$")


def _signatures_begun_after_text(lines: list[Line]) -> list[Line]:
    """Writers signing a text whose line begins after its last sentence and wraps ("…老朋友”。
    某某日报社全" / "媒体记者 A"): the start of it goes to the next line, which then reads as
    the writers' line it is, and the text ends where its sentence does."""
    for k, (line, following) in enumerate(itertools.pairwise(lines)):
        if line.blank_after or not (begun := _SIGNATURE_BEGUN_RE.search(line.text)):
            continue
        if not following.blank_after and k + 2 < len(lines):
            continue  # the sentence goes on under it: a line of text naming a reporter
        # (``alone`` reads every writers' line the plain call reads, and a lone name too)
        if is_news_byline(following.text) or writer_line(following.text, alone=True) is None:
            continue  # a dateline opens the next text; a line of text is no writers'
        joined = begun["begun"] + following.text
        signed = writer_line(joined)
        if signed is None or not signed.writers or len(joined) > 40:
            continue
        line.text = line.text[: begun.start("begun")].rstrip()
        following.text = joined
    return lines


# The rest of 摄影报道 alone at a line's start, its 摄 ending the line above (no brackets:
# those the credit merging above reads whole).
_WRAPPED_PHOTO_REPORT_RE = re.compile(r"^\s*影(?:报道)?\s*$")


def _absorb(out: list[Line], back: int, text: str, line: Line) -> None:
    """The last ``back`` lines of ``out`` and ``line`` become one line reading ``text``."""
    first = out[-back]
    first.text = text
    first.raw = "\n".join([*(x.raw for x in out[-back:]), line.raw])
    first.blank_after = line.blank_after
    del out[len(out) - back + 1 :]


def merge_wrapped_credits(lines: list[Line]) -> list[Line]:
    """A credit wrapped over two or three lines ("…（湖北日报全媒记" / "者 刘琪晓 摄）",
    "…致富果。 刘忠" / "俊 摄") is one line again, so the credit is read whole."""
    out: list[Line] = []
    for line in lines:
        merged = False
        if _ends_as_credit(line.text, out) and find_credit(line.text) is None:
            for back in (1, 2):
                if len(out) < back:
                    break
                head = "".join(x.text for x in out[-back:])
                match = find_credit(head + line.text)
                if match is not None and match.start() < len(head):
                    _absorb(out, back, head + line.text, line)
                    merged = True
                    break
        if (
            not merged
            and out
            and _WRAPPED_PHOTO_REPORT_RE.match(line.text)
            and out[-1].text.rstrip().endswith("摄")
            and "（" not in out[-1].text
            and "(" not in out[-1].text
        ):
            # "…美景。 □杨某 摄" / "影报道": 摄影报道 broken at the line's end, one credit.
            _absorb(out, 1, out[-1].text.rstrip() + line.text.strip(), line)
            merged = True
        if not merged:
            line.index = len(out)
            out.append(line)
    return _merge_credit_names(out)


def _merge_credit_names(lines: list[Line]) -> list[Line]:
    """A credit that names its photographers after the credit word, wrapped: "…荷花。 ■ 本版摄影"
    / "记者 唐小荷 邓一平 通" / "讯员 陶然" is one line again."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        opening = CREDIT_OPENING_RE.search(line.text) if "摄影" in line.text else None
        if opening is not None and find_credit(line.text) is None:
            names = opening["line"]
            best = 0
            for extra in (1, 2):
                if k + extra >= len(lines) or lines[k + extra - 1].blank_after:
                    break
                more = lines[k + extra].text
                if len(more) > 40 or has_sentence_punct(more):
                    break
                names += more
                credits = read_credits(names)
                if credits.understood and credits.writers:
                    best = extra
            if best:
                joined = lines[k : k + best + 1]
                line.text = "".join(x.text for x in joined)
                line.raw = "\n".join(x.raw for x in joined)
                line.blank_after = joined[-1].blank_after
                k += best
        line.index = len(out)
        out.append(line)
        k += 1
    return out


_CREDIT_END_RE = re.compile(
    r"(?:(?:摄|摄影|摄影报道|供图|图/文|文/图)\s*[）)】]?|摄于[\u4e00-\u9fff\d年月日·]{1,16}[）)】])\s*$"
)
# The opening of a credit whose word comes first: "（图/文 …", "（摄影：…".
_PREFIXED_CREDIT_OPENING_RE = re.compile(r"[（(]\s*(?:图\s*[/／：:]|摄影\s*[：:/／]?)")
# A note of when or how a picture was taken, wrapped: "…（2019年1" / "1月7日摄）。".
_TAKEN_NOTE_END_RE = re.compile(r"(?:摄|照片)\s*[）)]\s*。$")


def _ends_as_credit(text: str, before: list[Line]) -> bool:
    if text.endswith("。"):
        return _TAKEN_NOTE_END_RE.search(text[-8:]) is not None
    if _CREDIT_END_RE.search(text) is not None:
        return True
    # The end of a credit whose word comes first, wrapped: "（图/文 某某日报记" / "者 A 通讯员" / "B）".
    return text.rstrip().endswith(("）", ")")) and any(
        _PREFIXED_CREDIT_OPENING_RE.search(line.text) for line in before[-2:]
    )

