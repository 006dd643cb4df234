"""Who a byline or a photo credit names.

Outlets print their writers in many ways: ``通讯员王思奇 王开``, ``记者胡晓璐、通讯员戴皓``,
``湖北日报全媒记者 刘琪晓``, ``本报记者  徐  翊``, ``记者屈峥钰 李蓓梓 通讯员程彦煜``,
``新城交警大队 蒋睿琪``, ``文:沈沁、华涵``, ``…记者王昕熙 通讯员秦萱皓 编辑卢薇``. This module
cuts such a text into tokens — titles (记者, 通讯员 …), units (a newsroom, a police squad),
credit words (文/图, 供图, 摄), editors (whose names are not writers) and names — and says
whether every token was understood, so a caller can tell a byline from ordinary text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import (
    GIVEN_CHARS,
    has_surname,
    join_spaced,
    name_like,
    plausible_name,
    split_glued_names,
    tibetan_name,
)
from .text import CJK

# Titles that introduce writers; 通讯 is a common OCR loss of 通讯员.
WRITER_TITLES = (
    "特约通讯员", "全媒体记者", "融媒体记者", "新媒体记者", "特约记者", "见习记者", "本报记者",
    "实习记者", "首席记者", "值班记者", "驻站记者", "特派记者", "摄影记者", "全媒记者", "融媒记者",
    "助理记者", "签约摄影师", "摄影师",
    "通讯员", "实习生", "记者", "通讯", "通联", "作者", "撰稿", "撰文",
)
# Staff who handled the copy: the names after them are not its writers.
EDITOR_TITLES = (
    "责任编辑", "值班编辑", "一审", "二审", "三审", "终审", "责编", "编辑", "审核", "审校", "校对",
    "统筹", "监制", "制图", "美编",
)
# Where the copy came from, named at length: 信息来源：某某日报 作者：A.
_SOURCE_AT_LENGTH = frozenset(("信息来源", "稿件来源", "新闻来源", "文章来源", "图文来源", "图片来源", "文字来源"))
# Words around the names that say what they did, not who they are.
CREDIT_WORDS = frozenset(
    ("摄影报道", "摄影", "摄", "供图", "图片", "图", "文", "图文", "文图", "来源", "报道", "发",
     "本版摄影", "文字", "图表", "视频", "整理", "摄像", "选自", "摘自", "转自", "供稿",
     # what each did for a report in pictures and sound: 配音/记者 B, 剪辑/C
     "配音", "剪辑", "后期", "文案", "海报", "设计", "动画", "供视频",
     # an intern's mark after the name: A（实习）
     "实习")
) | _SOURCE_AT_LENGTH
# 作者 inside 工作者 is no title, nor 记者 inside 记者站 (a paper's office: 某县记者站 A).
_TITLE_RE = re.compile(
    "("
    + "|".join(
        "(?<!工)作者" if t == "作者" else t + "(?!站)" if t.endswith("记者") else t
        for t in sorted(WRITER_TITLES + EDITOR_TITLES, key=len, reverse=True)
    )
    + ")"
)
# A backslash stands for the slash of "文/A" where a web page or an OCR prints it so ("文\\A").
# 丨 (a CJK stroke) and ︱ (a vertical bar) are how many papers print the bar of "文丨A",
# "作者丨A" (from phone layouts);
# a web page may join a title and a name with an underscore (记者_A).
_SEPARATORS_RE = re.compile(r"[\s、，,；;/／\\｜|丨︱：:·•□■◇◆●\[\]【】（）()“”\"_]+")
# A county's news app signing as the author (作者：云上某某, 掌上某某): a newsroom, no names.
_APPS = ("云上", "掌上", "指尖")
_NEWSROOM_TITLE_OPENINGS = ("融媒", "全媒", "新媒体")
# Newsrooms, squads and offices printed before the names: 视界网, 新城交警大队, 夷陵区融媒体中心.
_UNIT_END = (
    "网", "报", "台", "社", "局", "所", "院", "站", "队", "组", "部", "办", "委", "会", "镇", "乡",
    "村", "县", "市", "省", "区", "中心", "公司", "集团", "学校", "街道", "社区", "融媒", "媒体",
    "视觉", "新闻", "客户端", "频道", "官网", "采访团", "政府", "中学", "小学", "大学", "医院",
    "银行", "法院",
    # a young reporter's school and class (小记者 （某某小学5年级1班） A)
    "年级", "班",
)
_UNIT_INSIDE = ("网", "日报", "晚报", "融媒", "电视", "新闻", "中心")
# A credit or a byline word glued to the last name: 张晗摄, 李珂钧报道.
_GLUED_END_RE = re.compile("(摄影报道|摄影|摄|报道|供图|整理)$")
# A title printed letter-spaced ("通 讯 员 施晓燕", "记 者"): read as the title it is. The hint
# (a title's first two characters with a space between) keeps the long pattern off most text.
SPACED_TITLE_HINT_RE = re.compile("|".join(sorted({rf"{t[0]}\s+{t[1]}" for t in WRITER_TITLES})))
_SPACED_TITLE_RE = re.compile(
    "|".join(r"\s*".join(t) for t in sorted(WRITER_TITLES, key=len, reverse=True) if len(t) >= 2)
)
_CJK_TOKEN_RE = re.compile(f"^[{CJK}]+$")
# The paper's word for itself before a title: 本报记者, 本台记者, 本网通讯员.
_OWN_NEWSROOM_RE = re.compile("本[报台网刊](?:[\u4e00-\u9fff]{0,4})$")
# A credit word glued to the name after it: "摄影石可舟" (what they did, then who).
_CREDIT_BEFORE_NAME_RE = re.compile("^(摄影|摄像|图片|文字)(?=[\u4e00-\u9fff]{2,3}$)")
# Characters that start words, never names: 本报讯, 为持续, 在这里 after a title are text.
_NEVER_FIRST = frozenset("本为在和与的是了据向对从把被将于这那其此该每各今近日年月时通讯记走看听进赴访不没也都就们")
# Characters that end words of a sentence, never a given name: "记者撰写的…" wrapped at a line's
# end is a clause, not a reporter named 撰写的.
_NEVER_LAST = frozenset("的了着过地得们吗呢吧")
# A job named before the title of who did it ("航拍/记者 A"); after a name it credits a picture.
_JOBS_BEFORE_TITLE = frozenset(("航拍",))
# Who supplied pictures without being named (受访者供图, 网友供图).
_SUPPLIERS = frozenset(("受访者", "被访者", "网友", "读者"))
# Not names even where a byline is expected.
_NOT_WRITERS = frozenset(
    ("资料", "资料图", "视觉", "无人机", "照片", "供稿", "综合", "整理", "新华社", "单位", "作者单位",
     # what a reporter does, printed after the title in a sentence ("记者核实", "记者了解到")
     "核实", "了解", "获悉", "看到", "发现", "调查", "采访", "走访", "观察", "探访", "手记", "感言",
     "随笔", "提问")
)
# What an author's post ends with, in an author line "县人社局 办公室主任 张三".
POSITION_END = (
    "主任", "书记", "局长", "科长", "所长", "站长", "队长", "部长", "干事", "科员", "主席",
    "校长", "院长", "教师", "老师", "民警", "专干", "干部", "馆长", "社长", "组长",
    "会长", "理事", "秘书长",
)


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    title: str


@dataclass(slots=True)
class Credits:
    writers: list[Writer]
    titled: bool  # a title (记者, 通讯员 …) or a credit word stands among the names
    understood: bool  # every token read as a name, a title, a unit or a credit word


def normalise_title(title: str) -> str:
    return "通讯员" if title == "通讯" else title


def is_unit(token: str) -> bool:
    """An office, village, company … named where a person's name could stand (南坝镇, 某某中心)."""
    return _is_unit(token)


def _is_unit(token: str) -> bool:
    return len(token) >= 3 and (
        token.endswith(_UNIT_END) or any(part in token for part in _UNIT_INSIDE)
    )


_UNIT = "\x00unit"  # stands for a newsroom or office name run into the title after it


# A newsroom's name run into a title is short; a clause before one ("…影响到小记者们") is text.
_NEWSROOM_MAX_CHARS = 10
# How a site's or a paper's name ends (某某信息港, 某某日报, 某某客户端).
_OUTLET_ENDS = ("网", "报", "台", "港", "号", "媒", "新闻", "在线", "中心", "频道", "客户端", "发布")
_NEWSROOM_HINTS = ("网", "报", "台", "媒", "电视", "广电", "新闻", "在线", "中心", "频道", "客户端")


def _looks_like_newsroom(text: str) -> bool:
    # A paper's short name reads like a name (沈报, 楚报): 报, 网 or 台 ends no given name.
    return (not plausible_name(text) or text[-1:] in "报网台") and (
        any(h in text for h in _NEWSROOM_HINTS) or text.endswith(("社", "局", "队", "站", "所"))
    )


def _is_position(token: str) -> bool:
    return (len(token) >= 3 or token in POSITION_END) and token.endswith(POSITION_END) and (
        not plausible_name(token)
    )


def _unit_before_name(token: str) -> int:
    """Where the name starts in an office run into it ("城南交警中队李向东"), or 0."""
    for length in (3, 2):
        head = token[:-length]
        # A unit's name opens with no verb or function word: "走进某村采访…村庄建设" is a
        # headline's clause, not a village office and a name.
        if head[0] in _NEVER_FIRST:
            continue
        if _is_unit(head) and head.endswith(_UNIT_END) and name_like(token[-length:]):
            return len(head)
    return 0


# 林启航文/摄: who wrote and photographed it, the credit run into a three-character name (read
# as 图文); 李文/摄 and 张晓文/摄 are names ending in 文.
_GLUED_TEXT_CREDIT_RE = re.compile(
    f"(^|[^{CJK}]|{'|'.join(sorted(WRITER_TITLES, key=len, reverse=True))})"
    f"([{CJK}]{{3}})文\\s*[/／]\\s*[摄图]"
)


_SLASH_CREDIT_RE = re.compile(f"(?<=[{CJK}])[/／]\\s*([文图摄])(?=[{CJK}])")


def _join_spaced_title(match: re.Match[str]) -> str:
    title = match.group(0)
    return f" {''.join(title.split())} " if any(c.isspace() for c in title) else title


_TEXT_PHOTO_WORD_RE = re.compile(f"(^|[^{CJK}])(?:文\\s*[/／]\\s*(?:摄影|[摄图])|(?:摄影|[摄图])\\s*[/／]\\s*文)")


# A name transliterated from Uyghur, Kazakh, Tibetan or Mongolian, its parts joined by a dot
# (确·胡热, 买买提·艾力, 阿依古丽·买买提): one name, never two.
_DOTTED_NAME_RE = re.compile(rf"[{CJK}]{{1,6}}(?:[·•・][{CJK}]{{1,6}}){{1,3}}")
_DOT_IN_NAME = "\u2027"  # kept apart from the separators while the text is cut into words


def _keep_dotted_names(text: str) -> str:
    return _DOTTED_NAME_RE.sub(
        lambda m: re.sub("[·•・]", _DOT_IN_NAME, m.group(0)) if len(m.group(0)) <= 16 else m.group(0), text
    )


def tokens_of(text: str) -> list[str]:
    tokens: list[str] = []
    if "·" in text or "•" in text or "・" in text:
        text = _keep_dotted_names(text)
    if "/" in text or "／" in text:
        text = _GLUED_TEXT_CREDIT_RE.sub(r"\1\2 图文 ", text)
        # "尤立明 文/摄": one credit word, not a letter-spaced name 文摄.
        text = _TEXT_PHOTO_WORD_RE.sub(r"\1 图文 ", text)
        # "孔令军/文施晓燕/摄" (spaces lost): the credit word after a slash ends the name before it.
        text = _SLASH_CREDIT_RE.sub(r" \1 ", text)
    if " " in text and SPACED_TITLE_HINT_RE.search(text):
        text = _SPACED_TITLE_RE.sub(_join_spaced_title, text)
    for chunk in _SEPARATORS_RE.split(text):
        parts = _TITLE_RE.split(chunk)
        # 湖北日报全媒记者, 周口广电融媒体记者, 日报通讯员: what is run into a title at the start
        # of a word is the newsroom, unless it reads as a name (王思奇记者).
        if len(parts) > 1 and parts[0] and _looks_like_newsroom(parts[0]):
            # "本报记者 蒋立本报通讯员 B": the space before the next title lost, the name before
            # 本报 is the last title's writer, 本报 the newsroom of the next one.
            own = _OWN_NEWSROOM_RE.search(parts[0])
            if own and name_like(parts[0][: own.start()]):
                tokens.append(parts[0][: own.start()])
            parts[0] = _UNIT
        elif (
            len(parts) > 3
            and parts[0]
            and all(not p or p in WRITER_TITLES for p in parts[1:])
            and sum(1 for p in parts[1:] if p) >= 2
        ):
            # "某县通联记者 A": what is run into a title of two words (通联 + 记者) is where
            # the writers work, even a place that reads as a name; a writer's own name run
            # into a title ("王思奇记者") stands before one title only.
            parts[0] = _UNIT
        elif (
            len(parts) > 1
            and parts[0]
            and len(parts[0]) <= _NEWSROOM_MAX_CHARS
            and "的" not in parts[0]
            # "江永融媒记者": a title naming the kind of newsroom (融媒, 全媒体) follows a
            # place run into it, even one that reads as a name; a writer's name comes after it.
            and (not name_like(parts[0]) or parts[1].startswith(_NEWSROOM_TITLE_OPENINGS))
        ):
            # "郧西融媒记者", "南京晨报/爱南京记者": a place or an app run into a title is the
            # newsroom, not a name (a writer's name run into one reads as a name).
            parts[0] = _UNIT
        for part in parts:
            if not part:
                continue
            if part not in WRITER_TITLES and part not in EDITOR_TITLES:
                if (lead := _CREDIT_BEFORE_NAME_RE.match(part)) and name_like(part[lead.end() :]):
                    tokens += [lead.group(0), part[lead.end() :]]
                    continue
                glued = _GLUED_END_RE.search(part)
                if glued and len(part) > len(glued.group(0)) + 1:
                    tokens += [part[: glued.start()], glued.group(0)]
                    continue
                if len(part) >= 5 and (unit := _unit_before_name(part)):
                    tokens += [_UNIT, part[unit:]]  # 城南交警中队李向东
                    continue
            tokens.append(part)
    return join_spaced(tokens, WRITER_TITLES)


# 供稿: who supplied the text (供稿：某某融媒体中心 A B), the unit then its writers.
_SOURCE_WORDS = frozenset(("来源", "选自", "摘自", "转自", "供稿")) | _SOURCE_AT_LENGTH


def _split_leniently(token: str) -> list[str]:
    """Names run together after a title where a name has a surname the table lacks
    (适晓宇杨文波, 洪峰孟洁): two or three characters each, cut where the parts start with a
    surname best, three characters a name first."""
    best: tuple[int, list[str]] = (-1, [token])
    splits = {4: ((2, 2),), 5: ((3, 2), (2, 3)), 6: ((3, 3),)}
    for cut in splits.get(len(token), ()):
        parts, at = [], 0
        for size in cut:
            parts.append(token[at : at + size])
            at += size
        score = sum(has_surname(p) + name_like(p) for p in parts)
        if score > best[0] and all(has_surname(p) for p in parts[1:]):
            best = (score, parts)
    return best[1]


# The dot joining a paper and its app or site (某某日报·某某客户端记者, 新某某·某某网通讯员): the two
# are one outlet's name, never a writer's. Any other dot is left as printed.
# A place then the dot before 本报 (■ 某地·本报通讯员 A) says where the story comes from.
_OUTLET_DOT_RE = re.compile(
    r"[\u4e00-\u9fff]{1,6}[·•・](?=本报|本台|本网)"
    r"|(?<=[报网台社刊])[·•・]|[·•・](?=[^\s·•・]{0,12}?(?:网|报|客户端|台|融媒))"
)


# What a picture's taker is named before: 记者 A 摄.
_TAKEN_WORDS = frozenset(("摄", "摄影", "摄影报道"))


def _framed_as_taker(tokens: list[str], k: int, name: str, *, credit: bool) -> bool:
    """A three-character word between a title and 摄 is who took the picture, even when its
    first character mostly opens words (都 is also a surname: "记者 都某某 摄"). In a picture
    credit's brackets (``credit``) the 摄 is already cut off."""
    return _taker_frame(tokens, k, name, credit=credit) and all(ch in GIVEN_CHARS for ch in name[1:])


def _taker_frame(tokens: list[str], k: int, name: str, *, credit: bool) -> bool:
    """A three-character word alone between a writer's title and 摄 (or, in a credit's
    brackets, after the title at the end)."""
    last = k == len(tokens) - 1
    return (
        len(name) == 3
        and tokens[k] == name
        and k > 0
        and tokens[k - 1] in WRITER_TITLES
        and ((credit and last) or (not last and tokens[k + 1] in _TAKEN_WORDS))
    )


def _unit_word_as_taker(tokens: list[str], k: int, token: str, *, credit: bool) -> bool:
    """A three-character word ending like a place (吴奕镇, 李文村) framed as a picture's taker,
    between a title and 摄, is a name: no office takes pictures under a reporter's title."""
    return has_surname(token) and token[0] not in _NEVER_FIRST and _taker_frame(tokens, k, token, credit=credit)


def read_credits(text: str, *, strict: bool | None = None, credit: bool = False) -> Credits:
    """The writers a byline or credit names, and whether it reads as one at all.

    With a title among the tokens any two- or three-character word after it is taken as a
    name (bylines name people from everywhere: 星璐, 但梓钰); without one (``(沈泓芸 李钧)``)
    every name must look like a Chinese name. ``strict`` forces either reading; ``credit`` says
    the text is what a picture credit's brackets hold before 摄."""
    tokens = tokens_of(_OUTLET_DOT_RE.sub("", text))
    titled = any(
        t in WRITER_TITLES or t in EDITOR_TITLES or t in CREDIT_WORDS or _is_position(t)
        for t in tokens
    )
    lenient = titled if strict is None else not strict
    writers: list[Writer] = []
    title = ""
    editor = False
    understood = bool(tokens)
    for k, token in enumerate(tokens):
        if k and tokens[k - 1] in _SOURCE_WORDS and len(token) >= 4 and not name_like(token):
            continue  # the outlet a text was taken from: 来源：某某发布 …, 选自 某某客户端
        if token in WRITER_TITLES:
            title, editor = normalise_title(token), False
        elif token in EDITOR_TITLES:
            editor = True
        elif (
            token in CREDIT_WORDS
            or token == _UNIT
            or (_is_unit(token) and not _unit_word_as_taker(tokens, k, token, credit=credit))
            or token.startswith(_APPS)
        ):
            continue
        elif token in _SUPPLIERS:
            continue  # "受访者供图": the pictures came from the people the text is about
        elif token in _JOBS_BEFORE_TITLE and k + 1 < len(tokens) and tokens[k + 1] in WRITER_TITLES:
            continue  # "航拍/记者 A": the job, then who did it ("A 航拍" credits a picture)
        elif _is_position(token):
            title, editor = token, False  # an author line: 单位 职务 姓名
        elif k == len(tokens) - 2 and tokens[-1] == "报道" and writers and (
            (not has_surname(token) and len(token) <= 3)
            # a newsroom or app of four characters or more: "记者 A B 掌上某地报道"
            or (4 <= len(token) <= 6 and not all(name_like(n) for n in split_glued_names(token)))
        ):
            continue  # where the writers report from: "记者 许文涛 渔洋报道"
        elif _DOT_IN_NAME in token and (lenient or credit):
            if not editor:  # a transliterated name: its parts go together, as printed
                writers.append(Writer(token.replace(_DOT_IN_NAME, "·"), title))
        elif _CJK_TOKEN_RE.match(token) and 2 <= len(token) <= 12 and token not in _NOT_WRITERS:
            names = split_glued_names(token) if len(token) >= 4 and not tibetan_name(token) else [token]
            if (
                lenient
                and len(names) == 1
                and 4 <= len(token) <= 6
                and k
                # after a title, or after a name read after one: "记者 A 南岭湾陈岚", the
                # space lost where a line broke between the last two names
                and (tokens[k - 1] in WRITER_TITLES or (writers and writers[-1].name == tokens[k - 1]))
                and not name_like(token)
            ):
                names = _split_leniently(token)
            # A word before the first title is a name only if it reads as one ("王思奇记者");
            # otherwise it is where the writers work ("新派融媒体记者：A"), and "中外记者走进…"
            # is a headline about reporters, not one signed 中外.
            before_title = not title and k + 1 < len(tokens) and tokens[k + 1] in WRITER_TITLES
            if (
                before_title
                and (len(token) <= 4 or token.endswith(_OUTLET_ENDS))
                and not all(name_like(n) for n in names)
            ):
                continue
            for name in names:
                ok = name_like(name) or tibetan_name(name) or (
                    lenient
                    and not before_title
                    and len(name) <= 3
                    and (name[0] not in _NEVER_FIRST or _framed_as_taker(tokens, k, name, credit=credit))
                    and name[-1] not in _NEVER_LAST
                )
                if not ok or len(name) > 4:
                    understood = False
                elif not editor:
                    writers.append(Writer(name, title))
        else:
            understood = False
    return Credits(writers, titled, understood)
