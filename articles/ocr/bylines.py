"""Bylines and photo credits, as outlets print them.

- Opening the first paragraph: ``本报讯（通讯员王思奇）``, ``宜都融媒讯(通讯员 吴睿蓓 王彦皓)``,
  ``荆楚网(湖北日报网)讯(通讯员 崔琪)``, ``本报讯 记者徐芸``, ``本网讯通讯员谢瑶轩 何岚珂报道:``,
  ``【全媒体记者 胡沁嵘】``, ``(特约记者 但梓钰 通讯员 胡梓璐)``, ``星报讯`` …
- On a line of their own: ``□ 通讯员 陈巧玲 苏艳妮``, ``湖北日报讯 记者 刘晓泓 通讯员 李骏梓``,
  ``作者:刘璐``, ``邱峥霏 向嵘钰`` …
- After the last paragraph: ``…贡献力量。（沈泓芸 李钧）``, ``文:徐岚岚 谢琳``, ``刘沁瑶``.
- Photo credits: ``（王芸 摄）``, ``(张琪魏昕璐 摄)``, ``曾晓光 摄``, ``通讯员赵熙轩摄``,
  ``潘琦萱摄(人民视觉)``, ``本报记者 王梓涵 摄影报道``, ``(兰澄泓 图/文)``, ``通讯员 供图``.

:mod:`writers` reads the names; this module finds where such a text starts and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import (
    given_len,
    given_score,
    has_surname,
    join_spaced,
    name_like,
    name_of_name_chars,
    plausible_name,
    rare_name,
    split_glued_names,
)
from .text import CJK
from .writers import (
    POSITION_END,
    SPACED_TITLE_HINT_RE,
    WRITER_TITLES,
    Credits,
    Writer,
    is_unit,
    normalise_title,
    read_credits,
)

_TITLE_ALT = "|".join(sorted(WRITER_TITLES, key=len, reverse=True))
_NAME = f"[{CJK}]{{2,4}}"
_OPEN, _CLOSE = "（(【〔[", "）)】〕]"
_BRACKET = r"[（(【〔\[](?P<inner>[^（）()【】〔〕\[\]]{0,70})[）)】〕\]]"

# How a news item's first sentence starts, right after its byline.
_OPENING = r"\s*(?:近日|日前|近期|连日来|近年来|今年|去年|眼下|目前|\d{1,2}\s*月|\d{1,2}\s*日|为|在|“)"
# 本报讯（通讯员王思奇 王开）; OCR may lose either bracket: 本报讯通讯员王思奇）近日.
NEWS_BYLINE_RE = re.compile(
    r"^\s*(?P<byline>(?:本报讯|本报消息|本报报道)\s*(?:[（(【〔\[](?P<inner>[^（）()【】〔〕\[\]]{0,40})[）)】〕\]]"
    rf"|(?P<unopened>(?:{_TITLE_ALT})[^（）()【】〔〕\[\]，。,]{{1,30}})[）)】〕\]]"
    rf"|[（(](?P<unclosed>(?:{_TITLE_ALT})\s*{_NAME}(?:[\s、]*{_NAME}){{0,3}})(?={_OPENING}))?)"
)
# Any outlet's dateline: 宜都融媒讯, 荆楚网(湖北日报网)讯, 宜宾新闻网9月1日讯, 安徽网蚌埠消息,
# 新华网贵阳1月19日报道:, 上蔡电; the source holds no sentence punctuation.
_SOURCE_RE = re.compile(
    # Two outlets may be printed side by side: "某某网  某某日报库区11日电".
    # 讯 or 消息 opening the line names no outlet: the rest of a word broken at the line above
    # ("…新华通" / "讯社记者…").
    r"^\s*(?!讯|消息)(?P<source>(?:[^\s，,。；！？、“”\"：:（）()【】]{1,10}?(?:网|报|台)\s+(?=[^\s]{2,24}?\d{1,2}日))?"
    r"[^\s，,。；！？、“”\"：:（）()【】]{0,24}?(?:[（(][^（）()，,。]{1,12}[）)][^\s，,。；！？、“”\"：:（）()]{0,12}?)?"
    # 报道 ends a dateline only before a colon or a space ("新华网贵阳1月19日报道："); run on
    # into the text it is a verb ("…多种形式报道防火知识").
    # (资讯 is news as a column's name, 三农资讯: no outlet's dateline; 闻讯, 喜讯, 审讯 …
    # are words of a sentence: "张某等闻讯后" opens no text)
    r"(?:(?<![通资闻喜音噩审问传死])讯(?!员)|消息|(?:\d{1,2}月|(?<![月\d]))\d{1,2}日[^\s，,。；！？（）()]{0,8}?电|报道(?=\s|$|[：:（(【])))"
    # Not inside a quotation: "…一线的报道”主题活动" ends a title, it opens no article.
    r"(?![，。！？；、,!?;”’」』》])(?P<sep>[：:]?\s*)"
)
# A dateline set in brackets of its own, the writers after it: 【本网讯】本网记者 A 报道：.
_BRACKETED_SOURCE_RE = re.compile(
    r"^\s*【(?P<source>[^\s，。；！？、“”\"：:（）()【】]{1,12}?(?:讯|消息))】(?P<sep>\s*)"
)
# An outlet's name with no 讯 after it, the writers in brackets: 洪湖新闻网（特约记者晨阳）,
# 某某网•某某站（通讯员 A） (a site's county station).
_OUTLET_RE = re.compile(
    r"^\s*(?P<source>[^\s，。；！？、“”\"：:（）()【】]{1,14}?"
    r"(?:网|报|台|站|客户端|融媒|新闻|频道|在线|发布|媒体中心))(?P<sep>\s*)"
    # the writers in brackets, maybe after the newsroom behind the site in brackets of its own
    r"(?=(?:[（(][^（）()，。]{2,12}[）)]\s*)?[（(【〔\[]\s*(?:" + _TITLE_ALT + r"))"
)
# Writers without brackets: 记者徐芸␣, 通讯员谢瑶轩 何岚珂 李珂钧报道:.
_BARE_NAMES = (
    rf"(?P<inner>(?:{_TITLE_ALT})\s*[：:]?\s*[{CJK}]{{2,4}}?"
    rf"(?:[\s、，]+(?:(?:{_TITLE_ALT})\s*)?[{CJK}]{{2,4}}?)*?)"
)
_BARE_RE = re.compile(rf"^{_BARE_NAMES}(?:(?P<report>报道)[：:]?|[：:]|\s+(?=\S))")
# Names run together right before the date the text opens with: 通讯员包文斌严晓梅9月21日.
_BARE_BEFORE_DATE_RE = re.compile(
    rf"^(?P<inner>(?:{_TITLE_ALT})\s*[：:]?\s*[{CJK}]{{2,12}}?)(?=\d{{1,2}}\s*[月日])"
)
_DATE_OPENING_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")
_MORE_BARE_RE = re.compile(rf"(?P<more>(?:{_TITLE_ALT})\s*[{CJK}]{{2,4}}(?:\s+[{CJK}]{{2,3}})*?)\s+(?=\S)")
# One more name set off by spaces after the names of a bare byline, the text after it.
_NEXT_NAME_RE = re.compile(rf"(?P<more>[{CJK}]{{2,3}})\s+(?=\S)")
# …报道: may follow a newsroom run into the first title (某某日报全媒体记者吴晓峰、通讯员周子涵报道:)
# and names glued to 摄影 (通讯员陈思远、郑佳琪摄影报道:).
_BARE_REPORT_RE = re.compile(
    rf"^(?P<unit>[{CJK}]{{2,10}}?(?={_TITLE_ALT}))?{_BARE_NAMES}\s*(?P<report>(?:摄影)?报道)[：:]?"
)
# Names alone after a dateline, the text right after them: 乡村振兴报讯 何佳宁 孙梦洁10月5日.
_NAMES_AFTER_SOURCE_RE = re.compile(
    rf"^\s*(?P<inner>[{CJK}]{{2,3}}(?:\s+[{CJK}]{{2,3}}){{1,3}})(?={_OPENING})"
)
_NAMES_REPORTING_RE = re.compile(rf"^\s*(?P<inner>[{CJK}]{{2,4}}(?:\s+[{CJK}]{{2,4}}){{0,3}})\s*报道[：:]?\s*")
_UNCLOSED_RE = re.compile(
    rf"[（(](?P<inner>(?:{_TITLE_ALT})\s*[：:]?\s*{_NAME}(?:[\s、]+(?:(?:{_TITLE_ALT})\s*[：:]?\s*)?{_NAME}){{0,3}})\s+(?=\S)"
)
_TITLED_RE = re.compile(rf"^(?:{_TITLE_ALT})\s*[（(](?P<inner>{_NAME})[）)]")
_MARKS = "□■◇◆●☉◎○"


@dataclass(slots=True)
class Byline:
    text: str  # as printed
    writers: list[Writer]
    end: int  # where the rest of the text starts (lead) or where the byline starts (tail)


def _writers_in(inner: str, *, need_title: bool) -> Credits | None:
    credits = read_credits(inner)
    if not credits.understood or (need_title and not credits.titled):
        return None
    if not credits.writers and not credits.titled:
        return None
    return credits


def _old_style(text: str) -> Byline | None:
    match = NEWS_BYLINE_RE.match(text)
    if match is None:
        return None
    inner = next((match[g] for g in ("inner", "unopened", "unclosed") if match[g] is not None), "")
    credits = read_credits(inner or "")
    return Byline(" ".join(match["byline"].split()), credits.writers, match.end())


# Every byline form holds one of these near its start; most lines hold none.
_LEAD_HINT_RE = re.compile(rf"讯|消息|报道|电|【|{_TITLE_ALT}")


def _glued_writers(inner: str) -> Credits | None:
    """Writers run together before the text's date: each one a name as the table reads it."""
    credits = _writers_in(inner, need_title=True)
    if credits is None or not credits.writers:
        return None
    return credits if all(name_like(w.name) for w in credits.writers) else None


def _looks_like_paper(text: str) -> bool:
    return text.endswith(("报", "网", "台", "客户端", "融媒", "新闻", "中心")) and not plausible_name(
        text
    )


_WRITERS_NEXT_RE = re.compile(rf"[（(【〔\[]?\s*(?:{_TITLE_ALT})")


# A boxed line of writers closed by 报道, alone: "□记 者 A 通讯员 B C 报道" (a two-character
# title spaced out to the width of a three-character one).
_BOXED_REPORT_RE = re.compile(rf"^\s*[{_MARKS}]\s*(?P<inner>[^，。；！？、,]{{4,50}}?)\s*报道\s*[：:]?\s*$")


def _boxed_report(text: str) -> Byline | None:
    """The whole line is writers reporting: never a headline with a byline run into it."""
    match = _BOXED_REPORT_RE.match(text)
    if match is None or match["inner"].endswith("摄影"):
        return None  # "□记者 A 摄影报道" credits pictures too: a photo credit's line
    credits = read_credits(match["inner"])
    if not (credits.understood and credits.titled and credits.writers):
        return None
    return Byline(" ".join(text.split()), credits.writers, len(text))


def lead_byline(text: str) -> Byline | None:
    """The byline opening a paragraph, if it has one: who wrote it and where the text starts."""
    if _LEAD_HINT_RE.search(text, 0, 64) is None:
        return None
    if text.lstrip()[:1] in _MARKS and (boxed := _boxed_report(text)) is not None:
        return boxed
    if "本报" in text[:4] and (old := _old_style(text)) is not None and old.writers:
        return old
    at = 0
    source = _SOURCE_RE.match(text) or _OUTLET_RE.match(text) or _BRACKETED_SOURCE_RE.match(text)
    if source:
        at = source.end()
        # 红网综合讯 据湘潭经开区消息 …: a second source line.
        again = re.match(r"据[^\s，。；！？“”]{1,14}?(?:消息|报道)\s+", text[at:])
        if again:
            at += again.end()
        # 某某网讯（某某日报）通讯员 A 报道：the paper behind the site, in brackets, then writers.
        paper = re.match(r"[（(](?P<paper>[^（）()，。]{2,12})[）)]\s*", text[at:])
        if paper and _looks_like_paper(paper["paper"]) and _WRITERS_NEXT_RE.match(text, at + paper.end()):
            at += paper.end()
    rest = text[at:]
    credits: Credits | None = None
    end = at
    bracketed = re.match(_BRACKET, rest) if rest[:1] in _OPEN else None
    unclosed = _UNCLOSED_RE.match(rest) if source is not None else None
    if bracketed and (credits := _writers_in(bracketed["inner"], need_title=source is None)):
        end = at + bracketed.end()
    elif unclosed and (credits := _writers_in(unclosed["inner"], need_title=True)):
        end = at + unclosed.end()  # 某某讯（记者：A 当前…: the closing bracket lost
    elif bracketed:
        pass  # brackets naming no writers ("（图为…）"): no bare names are read after them
    elif m := _TITLED_RE.match(rest):
        credits = _writers_in(m["inner"], need_title=False)
        end = at + m.end() if credits else at
    elif (m := _BARE_REPORT_RE.match(rest) or _BARE_RE.match(rest)) and (
        source is not None
        or m["report"]
        or not rest[m.end() :]
        # 通讯员某某 9月24日，…: set off by a space before the date the text opens with.
        or _DATE_OPENING_RE.match(rest, m.end()) is not None
    ):
        unit = m["unit"] if "unit" in m.re.groupindex else None
        inner, stop = m["inner"], m.end()
        # 某某网讯 记者 A 通讯员 B 近日…: more titles and names, each set off by spaces; and
        # more names after a title's first, each set off by a space ("记者 A B 近日…").
        while not m["report"] and (
            (more := _MORE_BARE_RE.match(rest, stop))
            or ((more := _NEXT_NAME_RE.match(rest, stop)) and plausible_name(more["more"]))
        ):
            inner, stop = inner + " " + more["more"], more.end()
        # With 报道 kept, a place before it is read as one ("…林雨欣 渔洋报道").
        credits = _writers_in((unit or "") + inner + (m["report"] or ""), need_title=True)
        end = at + stop if credits else at
        if credits and source is None and m["report"] and (after := _SOURCE_RE.match(text[end:])):
            end += after.end()  # 通讯员 A 摄影报道：某某网某地讯 12月22日…: the dateline after them
    elif (
        source is not None
        and (m := _BARE_BEFORE_DATE_RE.match(rest))
        and (credits := _glued_writers(m["inner"])) is not None
    ):
        end = at + m.end()
    elif source is not None and (m := _NAMES_REPORTING_RE.match(rest)):
        # 本报讯 A B 报道 …: the names alone, then the word that says they report.
        names = m["inner"].split()
        if all(plausible_name(n) for n in names):
            credits = Credits([Writer(n, "") for n in names], titled=False, understood=True)
            end = at + m.end()
    elif source is not None and (m := _NAMES_AFTER_SOURCE_RE.match(rest)):
        names = m["inner"].split()
        if all(plausible_name(n) for n in names):
            credits = Credits([Writer(n, "") for n in names], titled=False, understood=True)
            end = at + m.end()
    if credits is None and (source is None or source.re is _OUTLET_RE):
        return None  # an outlet's name alone opens many a sentence ("荆州新闻网（…）报道")
    return Byline(text[:end].strip(), credits.writers if credits else [], end)


_WRITERISH_RE = re.compile(
    rf"{_TITLE_ALT}|来源|作者|撰稿|供稿\s*[：:]|文字?\s*[：:|｜丨︱/／\\]|图文|文图\s*[：:|｜丨︱/／]|[□■◇◆●]|讯|消息|报道"
    # "A/文 B/图": the credit word after the name's slash; "记 者 A": a title letter-spaced
    rf"|[/／]\s*[文图](?![{CJK}])|{SPACED_TITLE_HINT_RE.pattern}"
)
# An author line: unit, post, name ("县人社局 办公室主任 张三", "熊河镇党委副书记 张三").
_AUTHOR_LINE_RE = re.compile(
    rf"^[{CJK}\s、]{{2,40}}?(?:{'|'.join(POSITION_END)})\s+[{CJK}]{{2,4}}$"
)
_NAMES_ONLY_RE = re.compile(rf"^[{CJK}]{{2,4}}(?:\s+[{CJK}]{{1,4}})*$")
# Names parted by a slash ("包文斌/严晓梅") or run together ("包文斌严晓梅孔令军") after the text.
_SLASHED_NAMES_RE = re.compile(rf"^[{CJK}]{{2,4}}(?:\s*[/／、]\s*[{CJK}]{{2,4}})+$")
_GLUED_NAMES_RE = re.compile(rf"^[{CJK}]{{5,12}}$")


def boxed_name(text: str) -> bool:
    """One name alone after a box: a name in the table, a name character in its given name
    (a boxed subhead of three characters is a word: ■ 高质量), and only name characters in
    a given name of one (■ 王立, never ■ 前言)."""
    stripped = text.strip().lstrip(_MARKS).strip()
    return (
        text.strip()[:1] in "□■"
        and len(stripped) in (2, 3)
        # the box says a name stands there: a rare surname reads as one (□萧森)
        and (plausible_name(stripped) or rare_name(stripped))
        and given_score(stripped) >= len(stripped) - 2
    )


def _names_alone(stripped: str) -> bool:
    """Writers alone on a line after the text, parted by slashes or run together: every part a
    name with a given name of name characters, so a short headline is not read as names."""
    if _SLASHED_NAMES_RE.match(stripped):
        parts = re.split(r"\s*[/／、]\s*", stripped)
    elif _GLUED_NAMES_RE.match(stripped):
        parts = split_glued_names(stripped)
        if len(parts) < 2:
            return False
    else:
        return False
    return all(name_of_name_chars(p) for p in parts)


_UNIT_AND_NAME_RE = re.compile(rf"^(?P<unit>[{CJK}]{{3,24}})\s+(?P<name>[{CJK}]{{2,3}})$")


def _signs_from_unit(match: re.Match[str]) -> bool:
    name = match["name"]
    return (
        is_unit(match["unit"])
        and not _WRITERISH_RE.search(match["unit"])  # "某某日报记者 A": a title says who A is
        and name_of_name_chars(name)
        and not is_unit(name)
    )


# A writer's title opening what is left of a line (口 is never the start of a title's word).
_OPENS_WITH_TITLE_RE = re.compile(rf"\s*(?:{_TITLE_ALT})")


# A writer's title after "and" or "with": a sentence telling of the reporter, never a credit
# (credits part names with spaces or 、).
_TITLE_IN_SENTENCE_RE = re.compile(r"[和与同跟随](?:本报|本台|本刊)?(?:记者|通讯员)")
# A remark that some pictures are signed by others (（除署名外）): it names no one.
EXCEPT_SIGNED_RE = re.compile(r"[（(]除[^（）()]{1,6}外[）)]")
_CREDIT_EXCEPT_SIGNED_RE = re.compile(
    rf"^(?P<credit>文\s*[/／]\s*图|图\s*[/／]\s*文|图文|文图)\s*{EXCEPT_SIGNED_RE.pattern}\s*"
)


def writer_line(text: str, *, alone: bool = False) -> Byline | None:
    """A line that holds nothing but writers: ``□ 通讯员 陈巧玲``, ``作者:刘璐``, ``文| 宋珂萱``,
    ``湖北日报讯 记者 刘晓泓``; ``邱峥霏 向嵘钰`` (two names or more). With ``alone`` (a line
    right after a body's last sentence) one bare name is enough: ``刘沁瑶``."""
    stripped = text.strip().lstrip(_MARKS).strip()
    if stripped[:1] == "口" and _OPENS_WITH_TITLE_RE.match(stripped, 1):
        stripped = stripped[1:].strip()  # "口记者 A": the box □ read by the OCR as 口
    if alone and stripped[:1] in "/／":
        stripped = stripped[1:].strip()  # "/A" under the last sentence: a writer's signature
    # "文/图（除署名外） 记者 A": the remark says which pictures others took; it names no one.
    stripped = _CREDIT_EXCEPT_SIGNED_RE.sub(r"\g<credit> ", stripped)
    if not stripped or len(stripped) > 60 or re.search("[。！？；，,]", stripped):
        return None
    if _news_column(stripped):
        return None  # a column's name (快讯), no writers
    if _TITLE_IN_SENTENCE_RE.search(stripped):
        return None  # "A、B和本报记者来到…": the reporter is someone the sentence tells of
    if alone and (unit_name := _UNIT_AND_NAME_RE.match(stripped)) and _signs_from_unit(unit_name):
        # "某某县某某镇某某村 王某某" after the last sentence: a reader or a correspondent
        # signing with where they live or work, then their name.
        return Byline(" ".join(text.split()), [Writer(unit_name["name"], "")], len(text))
    if boxed_name(text):
        # "■ 季大相" on its own line: the box marks a writer's name, as in "■ 记者 A".
        return Byline(" ".join(text.split()), [Writer(stripped, "")], len(text))
    if alone and _names_alone(stripped):
        names = (
            re.split(r"\s*[/／、]\s*", stripped)
            if re.search("[/／、]", stripped)
            else split_glued_names(stripped)
        )
        return Byline(" ".join(text.split()), [Writer(n, "") for n in names], len(text))
    if not _WRITERISH_RE.search(text) and not _AUTHOR_LINE_RE.match(stripped) and not (
        _NAMES_ONLY_RE.match(stripped) and (alone or " " in stripped)
    ):
        return None  # neither a title nor names alone: ordinary text
    lead = lead_byline(stripped)
    if lead is not None:
        if not stripped[lead.end :].strip(" ：:"):
            return Byline(" ".join(text.split()), lead.writers, len(text))
        if lead.writers and (
            lead.text.endswith(tuple(_CLOSE)) or not read_credits(stripped[lead.end :]).understood
        ):
            return None  # a byline opening a paragraph, the text after it ("…）金秋")
    credits = read_credits(stripped)
    if not credits.understood or not (credits.writers or stripped.startswith(("来源", "作者", "供稿"))):
        return None
    if not credits.titled and (
        len(credits.writers) < (1 if alone else 2) or re.search("[、，,]", stripped)
    ):
        return None  # names in a list inside a sentence ("王厚强、黄惊华、徐刚、") are not writers
    if not credits.titled and any(len(t) == 1 for t in join_spaced(stripped.split())):
        return None  # a character alone is no name, unless a name letter-spaced ("张 静")
    if not credits.titled and len(credits.writers) == 1 and len(stripped) == 3 and (
        given_score(stripped) < given_len(stripped)
    ):
        return None  # one word alone ("楚文化", a subhead): a lone name needs a name's given name
    if text.strip()[:1] in _MARKS and len(stripped) <= 8 and not all(
        has_surname(w.name) for w in credits.writers
    ):
        return None  # a boxed subhead ("■记者感言"), not a line of writers
    return Byline(" ".join(text.split()), credits.writers, len(text))


# A credit for the words and the pictures both: "A 文/摄", "A/文 B/摄", "文/图 A", "A 图文".
_TEXT_AND_PHOTO_RE = re.compile(r"文\s*[/／]\s*[摄图]|[图摄]\s*[/／]\s*文|[/／]\s*文|图文|文图")


def photo_report_writers(text: str, chars_above: int, caption_chars: int) -> bool:
    """Writers of a photo report in brackets ("…。（记者 A B 摄影报道）", "（记者 A/文 B/摄）")
    after a text longer than any caption: they sign an article, no picture's caption."""
    if "摄影报道" not in text and not _TEXT_AND_PHOTO_RE.search(text):
        return False
    if (signature := tail_byline(text, photo_report=True)) is None:
        return False
    # One writer for the words, another for the picture (A/文 B/摄): the text has a writer of
    # its own, so it is an article however short — a caption credits no one for its words.
    if _WORDS_APART_RE.search(text):
        return True
    return chars_above + signature.end > caption_chars


# A caption's opening: numbered for its picture (3.…, ②…) or pointing at it (▲, 图为, 上图).
_CAPTION_OPENER_RE = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[①-⑩▲△]|图为|[上下左右]图)")


def opens_caption(paragraph: str) -> bool:
    """The paragraph opens as a caption does: numbered for its picture or pointing at it."""
    return _CAPTION_OPENER_RE.match(paragraph) is not None


# A picture's words run to a paragraph of three sentences at most, this long at most; a
# text of more is an article's.
_PICTURE_WORDS_CHARS = 160
_PICTURE_WORDS_SENTENCES = 3
_SENTENCE_END_RE = re.compile(r"[。！？]")


def photo_report_line(
    text: str, said_above: str, caption_chars: int, last_paragraph: str, *, paragraphs: int
) -> bool:
    """Writers of a photo report on a line of their own ("□记者 A 摄影报道") after a text longer
    than any caption: they sign the article above, not one picture — unless the paragraph
    right above opens as a caption (numbered, or 图为…): then they credit the pictures."""
    # One writer for the words, another for the picture (A 文 B 摄): under a text longer
    # than a picture's words the text has a writer of its own and the line signs an
    # article, as in brackets; under a picture's words it credits both.
    words_apart = _WORDS_APART_LINE_RE.search(text) is not None and (
        paragraphs > 1
        or len(said_above) > _PICTURE_WORDS_CHARS
        or len(_SENTENCE_END_RE.findall(said_above)) > _PICTURE_WORDS_SENTENCES
    )
    return (
        (("摄影报道" in text and len(said_above) > caption_chars) or words_apart)
        and not opens_caption(last_paragraph)
        and writer_line(text) is not None
    )


_WORDS_APART_RE = re.compile(r"[/／]\s*文\s+\S+?\s*[/／]?\s*摄")
# The same on a line of its own, the slashes often left out: "A 文 B 摄", "A/文 B/摄".
_WORDS_APART_LINE_RE = re.compile(
    rf"[{CJK}]{{2,4}}\s*(?:[/／]\s*|\s+)文\s*(?:[/／]\s*)?\s+\S{{2,4}}(?:\s+\S{{2,4}})?\s*"
    r"(?:(?:[/／]\s*|\s+)摄|供图)\s*$"  # "A 文 B 摄", "A 文 受访者供图"
)


_SOURCE_FIRST_RE = re.compile(r"\s*来源\s*[：:]")
# A semicolon parts the roles of a signature ("（记者：A B；编辑：C；审核：D）"), never a remark's
# clauses: it may stand only after a titled role, before the next one.
_TAIL_RE = re.compile(
    r"[（(](?P<inner>(?:[^（）()。！？；]|；(?=\s*[\u4e00-\u9fff]{1,4}\s*[：:]))"
    r"{1,100})[）)]\s*$"
)
# 【作者：A】 after the last sentence: the writer, in the brackets some sites print.
_AUTHOR_TAIL_RE = re.compile(r"【(?P<inner>(?:作者|记者|通讯员|撰稿)\s*[：:]?[^【】。！？]{1,40})】\s*$")


_TAIL_UNCLOSED_RE = re.compile(rf"(?<=[。！？”])\s*[（(](?P<inner>[{CJK}]{{2,3}}(?:\s+[{CJK}]{{2,3}}){{0,2}})\s*$")


# A remark after the last sentence on who supplied the pictures: （本版图片除署名外由通讯员A提供。）.
_PICTURES_SUPPLIED_RE = re.compile(
    r"[（(]\s*(?:本版|本组|本文|文中)?图片(?:除署名外)?均?由(?P<inner>[^（）()。，]{2,30}?)提供。?\s*[）)]\s*$"
)


def tail_byline(text: str, *, alone: bool = False, photo_report: bool = False) -> Byline | None:
    """Writers in brackets after the last sentence: ``…活动。（沈泓芸 李钧）``; with ``alone``
    the brackets may be all the text holds (wrapped onto a line of their own)."""
    if (supplied := _PICTURES_SUPPLIED_RE.search(text)) and text[: supplied.start()].strip():
        # "（本版图片除署名外由通讯员 A 提供。）": who supplied the pictures signs the page's text.
        credits = read_credits(supplied["inner"])
        if credits.understood and credits.writers:
            return Byline(supplied.group(0).strip(), credits.writers, supplied.start())
    match = _TAIL_RE.search(text) or _AUTHOR_TAIL_RE.search(text)
    if match is None and (lost := _TAIL_UNCLOSED_RE.search(text)) and text[: lost.start()].strip():
        # "…环境。（魏丽洪": the closing bracket lost at the text's very end; only what reads
        # as names, so no remark opened in brackets reads as writers.
        names = lost["inner"].split()
        if all(name_like(n) for n in names):
            return Byline(lost.group(0).strip(), [Writer(n, "") for n in names], lost.start())
        return None
    if match is None or (not alone and not text[: match.start()].strip()):
        return None
    before = text[: match.start()].rstrip()
    if _OUTLET_ALONE_RE.match(before):
        return None  # "某某网（某某中心）（记者 A）": the writers of the text after, not a signature
    # (来源：…) names where the text comes from, even after a line of verse with no stop.
    if before and before[-1] not in "。！？…”」』）)" and not _SOURCE_FIRST_RE.match(match["inner"]):
        return None
    credit = r"摄(?!影报道)|供图|图\s*[/／：:]|[/／]\s*图" if photo_report else r"摄|供图|图\s*[/／：:]|[/／]\s*图"
    if re.search(credit, match["inner"]) and not (
        photo_report and _TEXT_AND_PHOTO_RE.search(match["inner"])
    ):
        return None  # a photo credit (with ``photo_report``, 摄影报道 or 文/摄 signs an article)
    credits = read_credits(match["inner"])
    if not credits.understood and (names := _surnamed_names(match["inner"])):
        credits = Credits([Writer(n, "") for n in names], titled=False, understood=True)
    if not credits.understood or not (credits.writers or credits.titled):
        return None
    if not credits.titled and any(w.title for w in credits.writers):
        return None
    return Byline(match.group(0).strip(), credits.writers, match.start())


_WORDS_AND_PHOTOS_RE = re.compile(r"文\s*[/／]\s*摄影|摄影\s*[/／]\s*文")


def signature_at_end(text: str) -> Byline | None:
    """The writers signing a text after its last sentence (``tail_byline``), those who took
    its pictures too among them: "（文/摄影 A）" signs the text as "（A）" does."""
    return tail_byline(text, photo_report=_WORDS_AND_PHOTOS_RE.search(text) is not None)


def _surnamed_names(inner: str) -> list[str]:
    """Names alone in the brackets after a text's last sentence ("（卢永和）", "（韩才东）")
    whose given name the name table doubts (和 ends, 书 sits in words): there the brackets say
    a writer stands, so a surname and two or three characters with no word in them suffice."""
    tokens = inner.split()
    if not 1 <= len(tokens) <= 3:
        return []
    if all(
        re.fullmatch(rf"[{CJK}]{{2,3}}", t)
        and has_surname(t)
        and not (set(t) & _NO_NAME_CHARS)
        and not (set(t[1:]) & _NOT_GIVEN_IN_TAIL)
        for t in tokens
    ):
        return tokens
    return []


# Characters that end or fill a remark in brackets, not a given name: （完）, （全文完）, （待续）.
_NOT_GIVEN_IN_TAIL = frozenset("完续略文字上下中编注按")


# An outlet and the newsroom behind it, alone on a line, the writers' brackets wrapped onto
# the next: "某某新闻网（某某融媒体中心）" / "（记者 A 摄影 B）".
_OUTLET_ALONE_RE = re.compile(
    r"^\s*[^\s，。；！？、“”\"：:（）()【】]{1,14}?(?:网|报|台|客户端|融媒|新闻)"
    r"[（(](?P<paper>[^（）()，。\s]{2,12})[）)]\s*$"
)


# The outlet pointing the reader on after the text: 详情请关注本台…, 敬请收看…, 更多内容请点击….
_READER_POINTER_RE = re.compile(
    r"^\s*(?:详情|更多(?:详情|内容|精彩)?|欲知详情)?[，,]?\s*(?:请|敬请)\s*(?:关注|收看|收听|锁定|点击|登录)"
)


def points_reader_on(text: str) -> bool:
    """A line after the last sentence sending the reader to the outlet's programme or page:
    the text's closing line as printed, never a headline."""
    return _READER_POINTER_RE.match(text) is not None


# A jump line sending the reader on to another page: （下转第二版）, (转3版), 转至第四版.
# …or to more on the same story further on: （相关报道见2—5版）, （详见第3版）.
# JUMP_PAGES: the page or pages it names (第3版, 2—5版).
JUMP_PAGES = r"第?\s*[\d一二三四五六七八九十]+(?:\s*[—\-－~～至、]\s*[\d一二三四五六七八九十]+)?\s*版"
SEE_MORE = r"(?:相关|更多)?(?:报道|新闻|链接|内容)?\s*(?:详)?见"
_JUMP_ON_RE = re.compile(rf"^[（(]?\s*(?:下转|转至|转|{SEE_MORE})\s*{JUMP_PAGES}\s*[）)]?$")


def jumps_on(text: str) -> bool:
    """A line after a text's last sentence saying it goes on elsewhere ("（下转第二版）"): the
    text's own last line as printed, where an editor expects to find it, not page furniture."""
    return _JUMP_ON_RE.match(text.strip()) is not None


# How a news text's first line opens under its writers: its date, or a word saying when.
_DATED_OPENING_RE = re.compile(
    r"\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日|近日|日前|近期|连日来|近年来|眼下|目前)"
)


def names_over_text(text: str, following: str, *, under_headline: bool = False) -> list[Writer]:
    """Bare names alone on a line ("王某", "王某 李某") right over the line opening a text:
    the writers of that text when it opens with its date ("6月20日，…") or with a dateline that
    names no one (某某网消息 …), or when a headline stands right above them and every given
    name is of name characters. The caller checks the layout: set apart from what is above,
    touching the text below."""
    line = writer_line(text, alone=True)
    if line is None or not line.writers or any(w.title for w in line.writers):
        return []
    if under_headline and all(name_of_name_chars(w.name) for w in line.writers):
        return line.writers  # between a headline and its text, as a feature prints its writer
    if _DATED_OPENING_RE.match(following) is None:
        lead = lead_byline(following)
        if lead is None or lead.writers or not following[lead.end :].strip():
            return []
    return line.writers


# Columns of short news named with 讯 like a dateline, but naming no outlet.
_NEWS_COLUMN_WORDS = frozenset(("快讯", "简讯", "短讯", "喜讯", "资讯", "要讯", "速讯", "新闻快讯"))


# A kind of report named alone on its line (原创报道, 深度报道, 系列报道): a column's label. A
# dateline closed by 报道 names an outlet or a day before it (新华网贵阳1月19日报道).
_REPORT_LABEL_RE = re.compile(
    rf"^(?P<kind>[{CJK}]{{2,4}})报道(?:之[一二三四五六七八九十]{{1,3}})?$"
)
_OUTLET_OR_DAY_RE = re.compile(r"[网报台社讯电日]|新闻|融媒|中心|客户端")


def _news_column(text: str) -> bool:
    """The line is a column's name and nothing else (快讯, 【简讯】, 原创报道)."""
    label = text.strip(" 【】[]■□")
    if label in _NEWS_COLUMN_WORDS:
        return True
    report = _REPORT_LABEL_RE.match(label)
    return bool(
        report
        and not _OUTLET_OR_DAY_RE.search(report["kind"])
        # "王立报道": a writer signing, every character of the given name a name's
        and not name_of_name_chars(report["kind"])
    )


# A county's newsroom named alone on its line: 某某融媒, 某某县融媒体中心.
_NEWSROOM_ALONE_RE = re.compile(rf"^\s*[{CJK}]{{2,8}}?(?:融媒|融媒体中心|融媒体)\s*$")


def newsroom_alone(text: str) -> bool:
    return _NEWSROOM_ALONE_RE.match(text) is not None


def is_news_byline(text: str) -> bool:
    """A paragraph opening with a byline (and so starting an article): a dateline (本报讯,
    宜都融媒讯 …) even when the line holds nothing else, or writers in brackets with text
    after them."""
    if (alone := _OUTLET_ALONE_RE.match(text)) and _looks_like_paper(alone["paper"]):
        return True
    if newsroom_alone(text):
        return True  # "洞口融媒" alone over the text: where it comes from, as 本报讯 says
    if _news_column(text):
        return False  # a column's name alone on its line (快讯, 简讯): a label, not a dateline
    lead = lead_byline(text)
    if lead is None:
        return False
    return bool(text[lead.end :].strip()) or _SOURCE_RE.match(text) is not None


def is_feature_byline(text: str) -> bool:
    return writer_line(text) is not None


def feature_writers(text: str) -> list[Writer]:
    """The writers of a line already read as a byline. A boxed name alone ("■ 季某相") is read
    with its box, which the line's text no longer holds."""
    line = writer_line(text, alone=True) or writer_line(f"■ {text}")
    return line.writers if line else []


def split_writers(inner: str, default_title: str = "") -> list[Writer]:
    """Names (with the title printed before them) from the inside of a byline's brackets."""
    return [
        Writer(w.name, w.title or normalise_title(default_title))
        for w in read_credits(inner).writers
    ]


# --- photo credits -------------------------------------------------------------------------

# 摄于…: where or when the picture was taken follows the credit ("（A 摄于2024年5月）").
_TAKEN_AT = rf"(?:\s*于\s*[{CJK}\d年月日·]{{1,16}})?"
# 文并摄: the writer took the pictures too; 航拍: taken from the air (a drone).
_CREDIT_WORD = (
    rf"(?:摄影报道|摄影|文并摄|航拍|[/／]摄{_TAKEN_AT}|摄{_TAKEN_AT}|图[/／]文|文[/／]图|[/／]图|供图)"
)
CREDIT_RE = re.compile(
    rf"[（(【〔\[]\s*(?P<inner>[^（）()【】〔〕\[\]]{{1,60}}?)\s*{_CREDIT_WORD}\s*[）)】〕\]]\s*$"
)
# 潘琦萱摄(人民视觉): the agency in brackets after the credit.
_AGENCY_RE = re.compile(
    rf"(?<![^\s。！？”」])\s*(?P<inner>[{CJK}\s]{{2,30}}?)\s*摄\s*[（(][^（）()]{{1,10}}[）)]\s*$"
)
# A credit that lost its brackets: "…前来品尝。 曾晓光 摄", 通讯员赵熙轩摄, 本报记者 王梓涵 摄影报道,
# 某某日报·某某客户端记者 A 摄 (a paper and its app, joined by a middle dot), “某报手机记者” A 摄
# (an app's name in quotes).
BARE_CREDIT_RE = re.compile(
    rf"(?:^|(?<=[\s。！？”」：:]))(?P<inner>[{CJK}■□ “][{CJK}■□ 、/／·•・“”]{{1,39}}?)\s*"
    rf"(?:摄影报道|摄影|文并摄|航拍|[/／]?摄{_TAKEN_AT}|(?<!文)\s*[/／]\s*图|供图)\s*$"
)
# （摄影：张三）, （图/张三 李四）, ■ 本版摄影 记者 万翊琳: the credit word first.
PREFIX_CREDIT_RE = re.compile(
    r"[（(【〔\[]\s*(?:(?:特约|本报)?摄影(?:记者)?\s*[：:/／]?|图\s*[：:/／])\s*(?P<inner>[^（）()【】〔〕\[\]]{2,40}?)\s*[）)】〕\]]\s*$"
    rf"|(?:^|(?<=[\s。！？”」]))\s*[■□]?\s*(?:本版|本期|本组|特约|首席)?摄影(?!报道)\s*[：:]?\s*(?P<line>[{CJK}\s]{{2,60}})$"
    # 图/文 after the caption's last sentence (alone on a line it signs an article: writers)
    rf"|(?<=[。！？”」])\s*(?:图\s*[/／]\s*文|文\s*[/／]\s*图)\s*[：:]?\s*(?P<line2>[{CJK}\s]{{2,60}})$"
    # 图/本报记者 A: the picture's credit word, then who took it (图/文 is a writers' credit)
    rf"|(?:^|(?<=[。！？”」]))\s*图(?:片)?\s*[/／：:]\s*(?!文)(?P<line3>[{CJK}\s]{{2,60}})$"
)
# The start of such a credit at a line's end, its names on the lines after: "…向往。 ■ 本版摄影".
CREDIT_OPENING_RE = re.compile(
    rf"(?:^|(?<=[。！？”」]))\s*[■□]?\s*(?:本版|本期|本组|特约|首席)?摄影\s*[：:]?\s*(?P<line>[{CJK}\s]{{0,60}})$"
)


_TITLE_TAIL_RE = re.compile(
    "(?:"
    + "|".join(
        sorted(
            # single characters only where they end a title and start no credit word (文 …)
            {t[k:] for t in WRITER_TITLES for k in range(1, len(t))}
            - set(WRITER_TITLES)
            - set("文稿讯生"),
            key=len,
            reverse=True,
        )
    )
    + r")\s"
)


_HOW_TAKEN = r"(?:无人机|航拍|拼版|资料|合成)照片"
# A credit naming no photographer: the picture came from those shown, an archive or an agency
# (（受访者供图）, （资料图片）, （新华社发）, （图片由某镇提供）). It still marks a caption.
_NAMELESS_CREDIT_RE = re.compile(
    r"[（(]\s*(?P<source>[^（）()，。；！？]{0,12}?)\s*"
    r"(?:供图|资料图片?|资料照片|社发|(?<=图片由)[^（）()，。；！？]{1,12}?提供)\s*[）)]\s*$"
    # An agency's picture, unbracketed after the caption's last sentence or on a line.
    r"|(?:^|(?<=[\s。！？”」]))\s*(?:新华社|中新社)发\s*$"
    # When or how the picture was taken, noted in brackets at the caption's end as news
    # agencies print it (（2019年11月7日摄）。, （3月28日摄，无人机照片）, （拼版照片）): no one is
    # named, and only a picture is taken on a day or from a drone.
    rf"|[（(][^（）()。]{{0,16}}?(?:\d{{1,2}}\s*日\s*摄|{_HOW_TAKEN})[^（）()。]{{0,16}}?[）)]\s*。?\s*$"
)
_TEXT_BY_RE = re.compile(rf"[/／]\s*文(?![{CJK}])|文\s*[/／]\s*(?!图)")


def find_credit(text: str) -> re.Match[str] | None:
    """The photo credit ending this line, or ``None``."""
    if "摄" not in text and "图" not in text and "航拍" not in text and "社发" not in text and "照片" not in text:
        return None
    match = _named_credit(text)
    if match is None and (lone := _LONE_NAME_CREDIT_RE.match(text)) and _bare_names(lone["inner"]):
        return lone  # "某某某 摄" alone on its line: a name the table lacks, still the taker
    if match is None:
        match = _NAMELESS_CREDIT_RE.search(text)
        if match is not None and _after_dateline(text, match.start()):
            return None
    return match


# A name and 摄, nothing else on the line.
_LONE_NAME_CREDIT_RE = re.compile(rf"^\s*(?P<inner>[{CJK}]{{2,4}})\s*摄\s*$")


def _named_credit(text: str) -> re.Match[str] | None:
    match = CREDIT_RE.search(text) or PREFIX_CREDIT_RE.search(text)
    if match is not None and _after_dateline(text, match.start()):
        return None  # 本报讯（记者 A 文/图）: the article's byline, its writers took the pictures
    if match is not None:
        inner = match["inner"] if "inner" in match.re.groupindex and match["inner"] else ""
        if inner or match.re is CREDIT_RE:
            ok = _credit_ok(inner or "", bracketed=True) or bool(_bare_names(inner or ""))
            return match if ok else None
        line = match["line"] or match["line2"] or match["line3"]
        return match if line and _credit_ok(line, bracketed=False) else None
    if "文" in text and _TEXT_BY_RE.search(text):
        return None  # "A/文 B/图": who wrote and who took the pictures sign an article
    for pattern in (_AGENCY_RE, BARE_CREDIT_RE):
        match = pattern.search(text)
        while match is not None:
            if _credit_ok(match["inner"], bracketed=False):
                before = text[: match.start()]
                opened = max(before.rfind("（"), before.rfind("("))
                if opened > 0 and ")" not in before[opened:] and "）" not in before[opened:] and _after_dateline(text, opened):
                    # "本报讯（记者 A 通讯员 B 摄" / "影报道）…": the writers of a photo report,
                    # their brackets wrapped after 摄, no credit under a picture.
                    return None
                return match
            # A caption with no punctuation before its credit ("田园秋色 吴晓峰 摄"):
            # the credit may start at a later space — unless a bracket left open before it
            # holds the credit, wrapped onto the next line ("（记者 杨立 雷佳 摄" / "影报道）").
            before = text[: match.start("inner")]
            if before.count("（") + before.count("(") > before.count("）") + before.count(")"):
                break
            # A line opening with the end of a title ("讯员 简志兵 摄") is a credit wrapped
            # from the line above: read whole there, not from a later space here.
            if _TITLE_TAIL_RE.match(text):
                return None
            space = text.find(" ", match.start("inner") + 1)
            match = pattern.search(text, space) if space != -1 else None
    return None


def _after_dateline(text: str, start: int) -> bool:
    before = text[:start]
    if not before.strip():
        return False
    source = _SOURCE_RE.match(before)
    return source is not None and source.end() >= len(before.rstrip())


# □唐某日/王某 摄: names set apart by slashes before 摄 are the photographers even where the
# name table doubts a given name (one ending in 日), so long as each opens with a surname.
_SLASHED_CREDIT_NAMES_RE = re.compile(rf"[■□]?\s*[{CJK}]{{2,3}}(?:\s*[/／、]\s*[{CJK}]{{2,3}})+")


# Who wrote the caption, named before the picture's taker ("A配文 B摄于…"): not a photographer.
_CAPTION_WRITER_RE = re.compile(rf"[{CJK}]{{2,4}}\s*配文\s*")


# A pen name in quotes, alone before 摄 ("“潮人” 摄"): the quotes say it is a name as chosen.
_QUOTED_PEN_NAME_RE = re.compile(rf"\s*[“\"](?P<name>[{CJK}]{{2,6}})[”\"]\s*")


def _read_credit(inner: str) -> Credits:
    if pen := _QUOTED_PEN_NAME_RE.fullmatch(inner):
        return Credits([Writer(pen["name"], "")], titled=False, understood=True)
    inner = _CAPTION_WRITER_RE.sub(" ", inner)
    # Each name must still open with a surname: "晓峰、B 摄" is a credit's wrapped end.
    lenient = ("/" in inner or "／" in inner or "、" in inner) and all(
        has_surname(name) for name in re.split(r"[\s/／、■□]+", inner) if name
    ) and _SLASHED_CREDIT_NAMES_RE.fullmatch(inner.strip()) is not None
    credits = read_credits(inner, strict=False if lenient else None, credit=True)
    # A unit's name read as a writer is dropped, unless it stands alone after the title at
    # the credit's end, where only the picture's taker stands (本报记者吴奕镇摄).
    kept = [
        w for w in credits.writers
        if not is_unit(w.name) or (w.title and w is credits.writers[-1] and inner.rstrip().endswith(w.name))
    ]
    return Credits(kept, credits.titled, credits.understood)


def _credit_ok(inner: str, *, bracketed: bool) -> bool:
    credits = _read_credit(inner)
    if bracketed:
        return credits.understood or bool(credits.writers)
    # Unbracketed, the names must be all there is (拍摄, 航拍摄 in a sentence are not credits).
    return credits.understood and (bool(credits.writers) or "供图" in inner or credits.titled)


def credit_inner(match: re.Match[str]) -> str:
    for group in ("inner", "line", "line2", "line3"):
        if group in match.re.groupindex and match[group]:
            return match[group]
    return ""


# "A 文 B 摄", "A/文 B/摄": who wrote the words, then who took the picture.
# (A credit's inside has lost its 摄.)
_WORDS_THEN_PICTURES_RE = re.compile(
    r"^(?P<words>.*[^/／\s])(?:\s+|\s*[/／]\s*)文\s*(?:[/／]\s*)?\s+(?P<pictures>[^文/／]+?)\s*(?:[/／]?\s*摄)?\s*$"
)


def credit_names(inner: str) -> list[str]:
    """Who took the picture. Under "A 文 B 摄" A wrote the words: B alone took it."""
    if (apart := _WORDS_THEN_PICTURES_RE.match(inner.strip())) and _read_credit(
        apart["words"]
    ).writers:
        pictures = _read_credit(apart["pictures"])
        if pictures.writers or pictures.understood:  # "A 文 受访者": no one named took it
            return [w.name for w in pictures.writers]
    return [w.name for w in _read_credit(inner).writers] or _bare_names(inner)


# Characters of words that stand in a credit's brackets but name no one (本报, 资料图, 网友).
_NO_NAME_CHARS = set("报图网社台者员片料影视频讯友供")


# A four-character word naming an office or a place, not a pen name: 县委宣传, 镇政府办.
_NOT_IN_PEN_NAME = frozenset("县市区镇乡村委部局办厅所队站党政府机关中心")


def _bare_names(inner: str) -> list[str]:
    """Names alone in a credit's brackets before 摄 (（咸明远 摄）) whose surname the table
    lacks: the brackets and the credit word already say they are the photographers."""
    tokens = inner.split()
    if not 1 <= len(tokens) <= 3:
        return []
    # One name alone may be a pen name of four characters (（花好月圆 摄）).
    longest = 4 if len(tokens) == 1 else 3
    if all(
        re.fullmatch(rf"[\u4e00-\u9fff]{{2,{longest}}}", t)
        and not _NO_NAME_CHARS & set(t)
        and not (len(t) == 4 and _NOT_IN_PEN_NAME & set(t))
        and not is_unit(t)
        for t in tokens
    ):
        return tokens
    return []
