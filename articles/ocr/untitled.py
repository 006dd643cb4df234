"""People a story names with no title: where they live, their age, what they say, a phrase
about them, a visit, a list or a group they head. Where nothing but the name itself is evidence,
its given part must be made of characters names hold (``names.GIVEN_CHARS``)."""

from __future__ import annotations

import re

from .names import (
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    LOOKALIKE_SURNAMES,
    NOT_NAMES,
    SURNAMES,
    given_score,
    misread_name,
    plausible_name,
)
from .namewords import (
    AFTER_NAME_RE,
    BEFORE_NAME,
    CLAUSE_BREAK,
    NEXT_START,
    TITLE_END_RE,
    TITLES,
    Found,
    name_at,
    name_with_word_char,
    person_mention,
)
from .text import CJK, word_pattern

_FIRM_RE = re.compile("(?:有限公司|公司|公寓|合作社|家庭农场|农场|养殖场|超市|诊所|协会)")
_PLACE_END = frozenset("镇村县区市乡街路局站所院校厂店湖河山")
# 家住李埠镇天鹅村的刘桂英: where someone lives introduces their name.
_HOME_RE = re.compile("家住[^，。；！？]{1,16}?的")


# A village group, team or house numbered after a place: 官桥八组, 新湾三队.
_NUMERALS = frozenset("一二三四五六七八九十")
_NUMBERED_UNITS = frozenset("组队号")
# After a place's name: a village, town, county or township (and not 村民, 镇长, 县委 …, which
# may follow a person's name run on to a title).
_PLACE_AFTER_RE = re.compile("[村镇县乡](?![民长委干])")


def _named_place(text: str, name: str) -> bool:
    """The text prints ``name`` somewhere right before 村, 镇, 县 or 乡: it names a place."""
    at = text.find(name)
    while at != -1:
        if _PLACE_AFTER_RE.match(text, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


# 62岁的, 他叫, 名叫, 叫作, …的村民，叫某某，; the first character as a class (scanned for in C),
# the rest told by it.
_INTRODUCED_RE = re.compile(r"[\d他她我名叫，](?:(?<=\d)\d{0,2}多?岁的|(?<=[他她我名，])叫|(?<=叫)作)")
# What a two-character name says (王芳说，): a body of people (官方, 商家) also 指出 or 认为.
_TWO_SAYS = frozenset(("说", "说道", "介绍"))
# A clause that is a name and what they say: "卢秀英说，", "蒋德福介绍：", "郝建军指出，"
# (not 表示: a body, 公司 or 村委会, 表示 as often as a person does).
_SAYS_RE = re.compile(
    # the name's first character, then its clause's start checked behind it (see _NAME_START_RE)
    r"([\u4e00-\u9fff](?<![^，。；：、“”\n,;:（(].)[\u4e00-\u9fff]{1,2}?)"
    # how they said it may come between: 张某某高兴地告诉记者, 李某某笑着说
    r"(?:高兴地|激动地|开心地|动情地|感慨地|笑着)?"
    r"(说|说道|介绍|告诉记者|坦言|感慨|指出|认为|回忆|透露|告诉笔者)[，：:。]"
)


def _aged_name(name: str) -> str | None:
    """After "66岁的" papers print a person: a common surname and a given part holding a name
    character is the name whatever word follows it (61岁的蒋有旺退休)."""
    if (
        len(name) == 3
        and name[0] in SURNAMES
        and given_score(name) >= 1
        and plausible_name(name)
        and not name.startswith(TITLES)
    ):
        return name
    return None


# Verbs of meeting or visiting someone: the words after them are often a person with no title
# (询问了周德胜一家, 走访了孙立平家, 记者见到陶红梅时).
_MEET_WORDS = (
    "看望", "慰问", "走访", "探望", "询问", "拜访", "见到", "找到", "采访", "遇到", "遇见", "帮扶",
    "结对", "联系", "来到", "走进", "叫来", "请来", "问起", "问", "找", "帮",
)
# No look-ahead for the words' first characters in front: the engine scans for them in C by
# itself (see namewords.TITLE_RE).
_MEET_RE = re.compile(word_pattern(_MEET_WORDS) + "了?")
# What follows such a person: their household, others like them, or the end of the phrase.
# What closes each name of a list of people visited: the next name, 等, or the clause's end.
_MET_LIST_END = frozenset("、等，。；")
_AFTER_MET_RE = re.compile("一家|家中|家里|家|夫妇|老人|等|时|[、，。；：,;:！？）)”]")


def sure_untitled(name: str) -> bool:
    """A name that needs no title to be read: a common surname (or a compound one) and a given
    name of two name characters (周德胜, 欧阳春生), never a word the table knows is none."""
    # Cheap character tests first: this runs at every clause start of every body.
    if len(name) == 3 and name[0] in SURNAMES:
        given = name[1:]
    elif len(name) == 4 and name[:2] in COMPOUND_SURNAMES:
        given = name[2:]
    else:
        return False
    return (
        given[0] in GIVEN_CHARS
        and given[1] in GIVEN_CHARS
        and plausible_name(name)
        and name[:2] not in NOT_NAMES
        and not name.startswith(TITLES)
    )


# 冀明亮等村民, 李华等人: a name heading a group of people.
_GROUP_AFTER_RE = re.compile(
    r"等(?:人|同志|村民|群众|志愿者|党员|干部|老人|\d|[一两二三四五六七八九十几多]"
    # the honoured a ceremony names (A、B、C等道德模范, A、B等先进典型)
    r"|道德模范|先进典型|身边好人)"
)


def _group_list(text: str, end: int) -> Found:
    """刘某某、李某、刘某、王某某等同志 (``end`` where 等 stands): a list closed by 等 and the
    group it names holds people, two-character names too; its first item (run into the words
    before it) must be a sure name."""
    items: list[tuple[int, str]] = []
    while True:
        sep = text.rfind("、", max(0, end - 4), end)
        if sep == -1 or not 2 <= end - sep - 1 <= 3:
            break
        name = text[sep + 1 : end]
        if not plausible_name(name):
            return []
        items.insert(0, (sep + 1, name))
        end = sep
    if not items:
        return []
    first = next(
        (text[end - n : end] for n in (3, 4) if end >= n and sure_untitled(text[end - n : end])),
        None,
    )
    if first is None and end >= 2 and (end == 2 or text[end - 3] in CLAUSE_BREAK):
        # A two-character name opening the clause (…，马某、林某、方某某等道德模范).
        short = text[end - 2 : end]
        first = short if plausible_name(short) and given_score(short) == 1 else None
    if first is None:
        return []
    return [(end - len(first), person_mention(first)), *((pos, person_mention(name)) for pos, name in items)]


def group_mentions(text: str) -> Found:
    """冀明亮等村民让出宅基地: a name, then 等 and the people it stands first among; or a list
    of them before 等 (A、B、C等同志)."""
    found: Found = []
    for match in _GROUP_AFTER_RE.finditer(text):
        end = match.start()
        found += _group_list(text, end)
        for length in (3, 2):
            start = end - length
            name = text[start:end]
            if start < 0 or not plausible_name(name) or given_score(name) < length - 1:
                continue
            if start == 0 or text[start - 1] in BEFORE_NAME or TITLE_END_RE.search(text, 0, start):
                found.append((start, person_mention(name)))
                break
    return found


# Phrases that frame a person on both sides, whatever the story calls them: 在蔡文斌的带领下,
# 据范志刚介绍, 会议由邵德华主持, 袁德林，男，…, 聂春光（右二）, 邹玉梅（化名）, 吕德明的妻子. Each is the words
# after the name and the character (if any) that must stand right before it; only a person is
# led by, quoted by, born, pictured, renamed, married (易红霞和丈夫) or the agent of a passive so.
_FRAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("的(?:带领|带动|帮助|指导|陪同|组织|鼓励|支持|关心|关怀|倡议|动员|感召|影响)下"), "在"),
    (re.compile("(?:介绍|回忆|透露)[，：:]|说[，：:]"), "据"),
    (re.compile("(?:主持|带队|主讲|领衔|致辞)"), "由"),
    (re.compile("[，,][男女][，,]|（[男女][，,）]"), ""),
    # a profile opening with the name and the sex, the space between lost (张德顺 男，…)
    (re.compile("[男女](?<=[\u4e00-\u9fff].)[，,]"), ""),  # the look-behind second: see _NAME_START_RE
    (re.compile("（(?:左|右|中|前排|后排)[一二三四五六七八九]?）"), ""),
    (re.compile("（化名）"), ""),
    # a profile's opening, as papers print one for a model worker or a figure of the past: the
    # person's age (张德顺，73岁，; 吴有才今年68岁), years of birth and death (李春生（1920—1990）)
    # or post held (黄秀兰，现任…) right after the name
    (re.compile("(?:[，,]|今年)\\d{1,3}岁"), ""),
    (re.compile("[（(]\\d{4}(?:年)?[—–\\-－~～]"), ""),
    (re.compile("[，,](?:现任|曾任|中共党员|汉族)"), ""),
    (re.compile("[，,]\\d{4}年(?:出生|生|入党|参军|入伍|参加工作)"), ""),
    # the agent of a passive (为蔡文斌所建)
    (re.compile("所(?=[\u4e00-\u9fff])"), "为"),
    # the home a visit is paid at (在邓秀英家中)
    (re.compile("家[中里]"), "在"),
    # the author of a named work (刘某某撰写的《…》, 王某某创作的“…”)
    (re.compile("(?:撰写|创作|书写|绘制|主演|演唱|执导)的[《“]"), ""),
    (re.compile("[的和与](?:妻子|丈夫|儿子|女儿|父亲|母亲|爱人|老伴|孙子|孙女|儿媳|女婿|徒弟)"), ""),
)


def framed_mentions(text: str) -> Found:
    """在蔡文斌的带领下, 据范志刚介绍, 袁德林，男，: a name in a phrase only a person fits. The
    name must start where a clause or a list does (or right after 在 / 据), and its given part
    hold a name character; a two-character name is read only where it cannot be a place led or
    helped by others (据王芳介绍, 王芳（化名）)."""
    found: Found = []
    for frame, before in _FRAMES:
        for match in frame.finditer(text):
            end = match.start()
            for length in (4, 3, 2):
                start = end - length
                name = text[start:end]
                if length == 4 and name[:2] not in COMPOUND_SURNAMES:
                    continue  # four characters only with a compound surname: 欧阳春生
                if start < len(before) or not plausible_name(name) or name.startswith(TITLES):
                    continue
                if given_score(name) < 1 or (length == 2 and before == "在"):
                    continue
                opened = text[start - len(before) : start] == before if before else (
                    start == 0 or text[start - 1] in BEFORE_NAME
                )
                if opened:
                    found.append((start, person_mention(name)))
                    break
    return found


def met_mentions(text: str) -> Found:
    """询问了周德胜一家, 看望了谭永福、邓秀英等老人: a person met or visited, named with no title."""
    found: Found = []
    for match in _MEET_RE.finditer(text):
        pos = match.end()
        if text[pos : pos + 1] not in SURNAMES and text[pos : pos + 2] not in COMPOUND_SURNAMES:
            continue
        for length in (4, 3):
            name = text[pos : pos + length]
            if sure_untitled(name) and _AFTER_MET_RE.match(text, pos + length):
                found.append((pos, person_mention(name)))
                break
        else:
            found += _met_list(text, pos)
    return found


def _met_list(text: str, pos: int) -> Found:
    """看望了吴桐、柏秋云、许正明等: the people visited listed with 、 and closed by 等 or the
    clause's end. One sure name among them vouches for the others, which need only read as
    names (a list of villages, 王家湾、李家台, holds none)."""
    items: list[tuple[int, str]] = []
    while True:
        name = next(
            (
                text[pos : pos + n]
                for n in (3, 2)
                if plausible_name(text[pos : pos + n])
                and not text.startswith(TITLES, pos)
                and text[pos + n : pos + n + 1] in _MET_LIST_END
            ),
            None,
        )
        if name is None:
            return []
        items.append((pos, name))
        pos += len(name)
        if text[pos : pos + 1] != "、":
            break
        pos += 1
    if len(items) < 2 or not any(sure_untitled(name) for _, name in items):
        return []
    return [(at, person_mention(name)) for at, name in items]


# A list of people and sums (donors, winners of a bonus): "胡某某3000元、肖某某2666元".
_SUM_ITEM_RE = re.compile(rf"(?<=[“、：:，,\s])([{CJK}]{{2,3}})\d+(?:\.\d+)?万?元(?=[、，,。…”；])")


def sum_list_mentions(text: str) -> Found:
    """Names each followed by a sum of money, two or more parted by 、: who gave (or got) what."""
    found: Found = []
    run: list[re.Match[str]] = []
    for match in [*_SUM_ITEM_RE.finditer(text), None]:
        if match is not None and run and match.start() == run[-1].end() + 1 and text[run[-1].end()] == "、":
            run.append(match)
            continue
        if len(run) >= 2:
            found += [(m.start(1), person_mention(m[1])) for m in run if plausible_name(m[1])]
        run = [match] if match is not None else []
    return found


def list_mentions(text: str) -> Found:
    """何光明、罗秀兰、蒋德华: names parted by 、 with no title, every one of them a sure name
    (a list of villages, 王家台、李家湾, holds place characters, not name ones)."""
    found: Found = []
    at = 0
    while (sep := text.find("、", at)) != -1:
        if sep < 3 or (
            text[sep - 3] not in SURNAMES and text[max(0, sep - 4) : sep - 2] not in COMPOUND_SURNAMES
        ):
            at = sep + 1
            continue  # no sure name ends here
        # The run of items parted by 、 starting at this separator.
        items: list[tuple[int, str]] = []
        before = next(
            (text[sep - n : sep] for n in (4, 3) if sep >= n and sure_untitled(text[sep - n : sep])),
            None,
        )
        if before is None:
            at = sep + 1
            continue
        items.append((sep - len(before), before))
        pos = sep
        while pos < len(text) and text[pos] == "、":
            name = next(
                (
                    text[pos + 1 : pos + 1 + n]
                    for n in (4, 3)
                    if sure_untitled(text[pos + 1 : pos + 1 + n])
                    and (
                        pos + 1 + n >= len(text)
                        or text[pos + 1 + n] == "、"
                        or _AFTER_MET_RE.match(text, pos + 1 + n)
                        or AFTER_NAME_RE.match(text, pos + 1 + n)
                    )
                ),
                None,
            )
            if name is None:
                name = _weaker_item(text, pos + 1, len(items))
            if name is None:
                break
            items.append((pos + 1, name))
            pos += 1 + len(name)
        # A two-character name may close a list of sure ones (…、王启云、陆毅等).
        if len(items) >= 2 and pos < len(text) - 3 and text[pos] == "、":
            short = text[pos + 1 : pos + 3]
            if (
                plausible_name(short)
                and given_score(short) == 1
                and _AFTER_MET_RE.match(text, pos + 3)
            ):
                items.append((pos + 1, short))
        if len(items) >= 2:
            found += [(p, person_mention(n)) for p, n in items]
        at = max(pos, sep + 1)
    return found


# Where a list of names may end: a count of them (…、某某共13人) or the end of its clause.
_LIST_END_RE = re.compile(r"共\d|等|[，。；]")


def _weaker_item(text: str, at: int, listed: int) -> str | None:
    """Inside a list of sure names, a name that is not sure alone (苏萍, 郭连林): it must go on
    to another sure name, or close a list of two or more."""
    for n in (2, 3):
        name = text[at : at + n]
        if not plausible_name(name) or not given_score(name):
            continue
        after = at + n
        if text[after : after + 1] == "、" and any(
            sure_untitled(text[after + 1 : after + 1 + m]) for m in (3, 4)
        ):
            return name
        if listed >= 2 and _LIST_END_RE.match(text, after):
            return name
    return None


_OF_NAME_RE = re.compile("[的”](?=[" + "".join(sorted(SURNAMES)) + "])")
# A clause starting with a surname (or the look-alike of one).
# The surname first and the clause's start checked behind it (nothing before the name, or a
# character of the clause's punctuation): a pattern that opens with a character class is
# scanned for it in C, one that opens with a look-behind is tried at every character.
_NAME_START_RE = re.compile(
    "[" + "".join(sorted({*SURNAMES, *LOOKALIKE_SURNAMES})) + "](?<![^，。；：、“”\n,;:（(].)"
)
_OF_NAME_END_RE = re.compile("[，。、；：！？…]|对|向|说|笑|正|和|一")
# Words that say a clause is about the person it opens: 程建华是村里有名的养鸭能手.
_ABOUT_RE = re.compile(
    "是|介绍|告诉|笑着|回忆|坦言|感慨|今年|每天|从小|一直|早早|带着|拿着"
    # what is said of a person's life or honours, and the party a visitor heads
    "|被评为|被授予|荣获|获评|当选|出生于|毕业于|一行|，今年"
    # leading others (张小锋带领村干部…): only a person leads a group
    "|带领|率领"
    # words only a person takes of themself (己 printed 已 by an OCR): 韩立明自己种菜, 刘国华亲自上门
    "|自[己已]|亲自|本人|独自"
    # how a paper prints a person's household, feelings, family or life right after the name
    # (孔庆祥一家, 卞德胜老两口, 赵国庆笑得
    # 合不拢嘴, 孙德福高兴地说, 陈志强的妻子, 刘福生退休后)
    "|一家|家中|家里|家住|老两口|向记者|的事迹|的故事|一边|笑得|高兴地|激动地|开心地|动情地|乐呵呵|笑呵呵|感叹|的妻子|的丈夫|的父亲|的母亲|的儿子|的女儿"
    "|出生在|生于|退休|去世|逝世"
)


def untitled_mentions(text: str) -> Found:
    """Names the story gives no title: a name opening a clause ("刘涵岚来到…", "…，晏琳琦说")
    that the text prints at least twice, or one introduced by where the person lives
    ("家住…的刘桂英"), age or name, what they say, a phrase about them (程建华是…, 种果树的
    姚春英对…), a colon (…常秀英：), a visit (询问了周德胜一家), a list (何光明、罗秀兰) or
    a group they head (冀明亮等村民). Where nothing but the name itself is evidence, its given
    part must be made of name characters (``GIVEN_CHARS``)."""
    found: Found = []
    seen: set[str] = set()
    for match in _HOME_RE.finditer(text):
        if name := name_at(text, match.end(), misread=True):
            found.append((match.end(), person_mention(name)))
            seen.add(name)
    # Clause starts where a name may begin: the only places the two rules below look at.
    starts = [m.start() for m in _NAME_START_RE.finditer(text)]
    for start in starts:
        lookalike = text[start] in LOOKALIKE_SURNAMES  # "划佳林介绍" where 刘佳林 is meant
        name = name_at(text, start, misread=lookalike)
        if not name or name in seen or len(name) != 3 or text.count(name) < 2:
            continue
        if not given_score(name):
            continue  # 池塘周(围): a word and the start of the next, no given name
        after = text[start + 3 : start + 5]
        if name.startswith(TITLES) or after[:1] in _PLACE_END or after in ("发区", "公司"):
            continue  # 农机手, 葛店开(发区): a title or the start of a place's name
        if (name[-1] in _NUMERALS and after[:1] in _NUMBERED_UNITS) or _named_place(text, name):
            continue  # 官桥八(组), 熊家咀(村) printed elsewhere: a place, however often repeated
        found.append((start, person_mention(name)))
        seen.add(name)
    # Introduced by age or by name, or saying something: "62岁的蒋德福", "他叫袁德顺",
    # "…，卢秀英说，" — once is enough.
    for match in _INTRODUCED_RE.finditer(text):
        name = name_at(text, match.end(), misread=True)  # 名叫胀勇: a name, its surname misread
        # a two-character name only where the clause ends with it ("拾到钱包的环卫工名叫钟勇，")
        if name and len(name) == 2 and (
            not match.group(0).endswith("叫") or text[match.end() + 2 : match.end() + 3] not in "，。；"
        ):
            name = None
        if name is None and match.group(0).endswith("岁的"):
            name = _aged_name(text[match.end() : match.end() + 3])
        if name and name not in seen:
            found.append((match.end(), person_mention(name)))
            seen.add(name)
    for match in _SAYS_RE.finditer(text):
        name = match.group(1)
        if len(name) == 2 and (given_score(name) != 1 or match.group(2) not in _TWO_SAYS):
            continue  # 简单说, 官方表示: two characters, a name character and a word of speech
        # 李会春告诉记者：: the speaker's given name may hold 会 or 在, mostly words of their own
        if (
            name not in seen
            and (plausible_name(name) or name_with_word_char(name))
            and not name.startswith(TITLES)
        ):
            found.append((match.start(1), person_mention(name)))
            seen.add(name)
    # A sure name opening a clause and saying something of its person, once is enough:
    # "程建华是村里有名的…", "…，冉光明笑着说".
    for start in starts:
        name = text[start : start + 3]
        if not _ABOUT_RE.match(text, start + 3) or name in seen:
            continue
        # 胀秀兰今年…: a sure name once its look-alike surname is put right.
        likely = (misread_name(name) or name) if name[0] in LOOKALIKE_SURNAMES else name
        if not sure_untitled(likely):
            continue
        found.append((start, person_mention(name)))
        seen.add(name)
    # A sure name right after 的 that closes a phrase about the person ("种果树的姚春英对…",
    # "返乡创业的范志军……"), or after a nickname or an honour in quotes ("“船老大”薛某某；"):
    # the words before it say who they are.
    for match in _OF_NAME_RE.finditer(text):
        start = match.end()
        name = text[start : start + 3]
        if name in seen or not sure_untitled(name):
            continue
        if (
            _OF_NAME_END_RE.match(text, start + 3)
            or AFTER_NAME_RE.match(text, start + 3)
            or text[start + 3 : start + 4] in NEXT_START
        ):
            found.append((start, person_mention(name)))
            seen.add(name)
    # A speaker introduced by a colon at a paragraph's start or after a quotation that names
    # them ("“柳林好人”常秀英：…").
    colon = text.find("：")
    while colon != -1:
        for length in (3, 4):
            start = colon - length
            name = text[start:colon]
            if (
                start >= 0
                and (start == 0 or text[start - 1] in "\n”")
                and name not in seen
                and sure_untitled(name)
            ):
                found.append((start, person_mention(name)))
                seen.add(name)
        colon = text.find("：", colon + 1)
    for pos, mention in (
        *met_mentions(text),
        *list_mentions(text),
        *sum_list_mentions(text),
        *group_mentions(text),
        *framed_mentions(text),
    ):
        if mention.name not in seen:
            found.append((pos, mention))
            seen.add(mention.name)
    # A person named right after the firm or home they run: "农业有限公司殷早春获评…".
    for match in _FIRM_RE.finditer(text):
        name = name_at(text, match.end())
        if name and name not in seen and len(name) == 3:
            found.append((match.end(), person_mention(name)))
            seen.add(name)
    return found
