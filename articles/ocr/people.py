"""People named in article bodies: title + name, leader lists, names already known."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from .famous import famous_mentions
from .names import (
    COMPOUND_SURNAMES,
    LOOKALIKE_SURNAMES,
    SURNAMES,
    given_len,
    given_score,
    has_surname,
    misread_name,
    name_like,
    plausible_name,
)
from .namewords import (
    AFTER_NAME_RE,
    BEFORE_NAME,
    CLAUSE_BREAK,
    CLAUSE_START_RE,
    LEADING_JUNK_RE,
    TITLE_END_RE,
    TITLE_RE,
    TITLES,
    Found,
    name_at,
    person_mention,
)
from .types import PersonMention
from .untitled import untitled_mentions

__all__ = ["mentions_in", "person_mention", "titled_mentions", "untitled_mentions"]


def _title_before(text: str, start: int, end: int) -> str:
    """The title chain the text gives right before a name: 区委副书记、区长."""
    clause_start = start
    while (
        clause_start > 0
        and text[clause_start - 1] not in CLAUSE_BREAK
        and start - clause_start < 40
    ):
        clause_start -= 1
    parts = text[clause_start:end].split("、")
    kept: list[str] = []
    for part in reversed(parts):
        if not TITLE_END_RE.search(part):
            break
        kept.append(part)
    kept.reverse()
    if not kept:
        return text[start:end]
    kept[0] = LEADING_JUNK_RE.sub("", kept[0])
    return "、".join(p for p in kept if p)[:60]




# Words after a name that say who came with the person, not what the person is.
_NO_TITLE_AFTER = frozenset(("一行",))
# Titles printed after the name: 钟文俊同学, 陈建军老师. The name must start a phrase.
_POST_TITLES = (
    "同学", "老师", "同志", "师傅", "经理", "场长", "老人", "老先生", "先生", "女士", "院士", "总书记", "大爷",
    "阿姨", "奶奶", "爷爷", "大妈", "婆婆", "老汉", "夫妇", "夫妻",
    # an office after the name, as a county paper prints its leaders: 王秀英书记, 李国平副县长
    "副书记", "书记", "副主任", "主任", "副局长", "局长", "副镇长", "镇长", "副县长", "县长", "副市长", "市长",
    "副区长", "区长", "副乡长", "乡长", "村长", "副院长", "院长", "副校长", "校长", "站长", "所长", "厂长",
    "会长", "副部长", "部长", "主席", "教授", "队长", "组长",
    # the fallen (郝继光烈士), and the kin terms a paper calls an older neighbour by (张桂兰大姐)
    "烈士", "大姐", "大哥", "大叔", "大娘", "大嫂",
    # a calling after the name (卫生院某某某医生), and a party visiting (卫健局某某某一行)
    "医生", "一行",
)
_POST_TITLE_RE = re.compile("|".join(_POST_TITLES))
# Titles after a name that only a person takes: the name needs no clause start before it
# when its given part is made of name characters (退休教师龚秀兰女士, 工程院院士邓秀林).
_PERSON_POST_TITLES = frozenset(("老先生", "先生", "女士", "院士", "总书记", "老人", "夫妇", "烈士"))
_NUMERALS = frozenset("一二两三四五六七八九十几每这那某各")
# Measure words for people that are surnames too (位, 名): after a count, a count.
_MEASURE_WORDS = frozenset("位名")
# What a name may run into before 老人, 老师 …: then the title is the object of the phrase.
_PREPOSITIONS = frozenset("为给帮替向对陪跟把让")
# Titles after a name that no word but a name comes before (习近平总书记): one name character
# in the given part is enough.
_LOOSE_POST_TITLES = frozenset(("场长", "老人", "总书记", "院士"))
# Last characters of a school's, an office's or a village's name.
_UNIT_END = frozenset("院校局站所厂村社部委办队司园会")


def post_titled_mentions(text: str) -> Found:
    """钟文俊同学许下生日愿望: a name right before a title that follows it."""
    found: Found = []
    for match in _POST_TITLE_RE.finditer(text):
        end = match.start()
        for length in (3, 2):
            start = end - length
            if start < 0:
                continue
            name = text[start:end]
            # A full three-character name needs no clause start before it: 农场曹瑶钰场长.
            loose = length == 3 and (
                (
                    match.group(0) in _LOOSE_POST_TITLES
                    and given_score(name) >= 1
                    # many words come before 老人 (空巢独居老人): there a rare surname needs
                    # the clause start
                    and (has_surname(name) or match.group(0) != "老人")
                )
                or (match.group(0) in _PERSON_POST_TITLES and given_score(name) == 2)
                # 学院庞思远老师: the unit the person belongs to, run on to the name
                or (start > 0 and text[start - 1] in _UNIT_END and given_score(name) == 2)
            )
            if name.startswith(TITLES):
                continue  # 游客缪女士: the title, not a name
            if start and text[start - 1] == "“" and text[match.end() : match.end() + 1] == "”":
                break  # “雷锋大叔”: a nickname in quotes, no person of that name
            if length == 3 and name[-1] in _PREPOSITIONS:
                continue  # 志愿者潘某为老人打来温水: the old man is who it was done for
            if not given_score(name) or (start and text[start - 1] in _NUMERALS):
                continue  # 古稀老人, 一位陌生老人: no given name, or a measure word (位)
            if name[0] in _MEASURE_WORDS and start and (text[start - 1] in "余多" or text[start - 1].isdigit()):
                continue  # 20余位留守老人: a count of people, the measure word no surname
            if name_like(name) and (
                loose or start == 0 or text[start - 1] in BEFORE_NAME
            ):
                title = "" if match.group(0) in _NO_TITLE_AFTER else match.group(0)
                found.append((start, person_mention(name, title)))
                if match.group(0) in _COUPLE_TITLES:
                    found.extend(_couple_partner(text, start))
                break
    return found


# A couple named by both names before the word for them: 王建军、李秀梅夫妇.
_COUPLE_TITLES = frozenset(("夫妇", "夫妻"))


def _couple_partner(text: str, second: int) -> Found:
    """The first of a couple's names, joined by 、, 和 or 与 to the second at ``second``."""
    joint = second - 1
    if joint < 0 or text[joint] not in "、和与":
        return []
    for length in (3, 2):
        start = joint - length
        name = text[max(start, 0) : joint]
        if (
            start >= 0
            and (start == 0 or text[start - 1] in BEFORE_NAME)
            and given_score(name)
            and name_like(name)
            and not name.startswith(TITLES)
        ):
            return [(start, person_mention(name))]
    return []


_LIST_JOINERS = frozenset("、和与及")
# A reporter's title inside brackets that opened a byline: （记者A, 电（助理记者A, （A 记者B.
_IN_BYLINE_RE = re.compile("[（(][^（）()，。；]{0,12}$")
# The rest of a credit after its first title: names (and titles) running to 报道 or 摄.
_CREDIT_END_RE = re.compile("[^，。；：！？“”]{2,30}?(?:报道|摄)(?![影像制])")
_SPACED_NAME_RE = re.compile(" [\u4e00-\u9fff]{2,3}(?: |：|$)")
_TITLE_FIRST = frozenset(t[0] for t in TITLES)
# Titles that are also verbs of running something (主管 a manager, and to be in charge of).
_VERB_TITLES = frozenset(("主管",))


# A household's group in its village, numbered, before each name in a list: 2组A、7组B.
_VILLAGE_GROUP_RE = re.compile(r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})组(?=[\u4e00-\u9fff])")


def _village_group_mentions(text: str) -> Found:
    """People named after the numbered group of the village they live in (园坝村2组唐某某、
    7组黄某某等患者): the group stands where a title would."""
    found: Found = []
    for match in _VILLAGE_GROUP_RE.finditer(text):
        name = name_at(text, match.end(), misread=True)
        if name is not None:
            found.append((match.end(), person_mention(name)))
    return found


# 人 or 者 closing a word for who someone is (吉首人, 艺人, 负责人, 记录者) right before a
# name; 记者 is a byline's title, read apart.
_PERSON_WORD_END_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:人|(?<!记)者)(?=[\u4e00-\u9fff]{2})")
# What follows a two-character name there: the clause ends, or says or is something.
_AFTER_SHORT_NAME = frozenset("，,。、；：是说也")
# Surnames that make a word with 人 before them.
_REN_WORD_SECONDS = frozenset("文马方武车龙")


def _person_word_mentions(text: str) -> Found:
    """People named after a word ending in 人 or 者 that says where they are from or what they
    are (吉首人张桂香, 剪纸艺人卓琳, 记录者谢岚): every character of the given name a name's,
    since both end many words that are no title."""
    found: Found = []
    for match in _PERSON_WORD_END_RE.finditer(text):
        if text[match.end()] in _REN_WORD_SECONDS:
            continue  # 人文, 人马, 人武部: words of their own
        name = name_at(text, match.end(), misread=True)
        if name is None or given_score(name) != given_len(name):
            continue
        # A name of two characters is also many a word (村里人白天…): it must end a clause or
        # say or be something.
        after = text[match.end() + len(name) : match.end() + len(name) + 1]
        if len(name) == 3 or after in _AFTER_SHORT_NAME:
            found.append((match.end(), person_mention(name)))
    return found


# A member named right after the unit they work for, saying something: 工作队张某介绍,
# 卫生院刘某说. The unit's last character stands where a title would. So does 群众 (返乡群众
# 某某说): too common a word before others (群众路线, 群众关切) to be read as a title anywhere.
_UNIT_SPEAKER_RE = re.compile(
    "(?:(?<=[" + "".join(sorted(_UNIT_END)) + "])|(?<=群众))([\u4e00-\u9fff]{2,3}?)(?:介绍|说|表示|告诉)"
)


def _unit_member_mentions(text: str) -> Found:
    found: Found = []
    for match in _UNIT_SPEAKER_RE.finditer(text):
        name = match.group(1)
        if (
            plausible_name(name)
            and given_score(name) >= 1
            and not name.startswith(TITLES)
            and not name[1:].startswith(TITLES)
        ):
            found.append((match.start(1), person_mention(name)))
    return found


_LISTED_NAME_ENDS = frozenset(("、", "，", "。", "；", "和", "与", "及", " ", ""))
# How far before its title an honour's opening quote may stand: a place's name (“某某省好人”).
_HONOUR_PREFIX_CHARS = 6


def _quote_opens_before(text: str, title_start: int) -> bool:
    """An opening quote right before the title, or a few characters before it with no
    punctuation between (“贵州好人”): the quoted words end in the title."""
    opening = text.rfind("“", max(0, title_start - _HONOUR_PREFIX_CHARS - 1), title_start)
    return opening != -1 and not any(c in CLAUSE_BREAK for c in text[opening + 1 : title_start])


def titled_mentions(text: str) -> Found:
    """区委书记万玲玲, 两区领导张远重、王厚强 …: names introduced by a title (or, as in
    钟文俊同学, followed by one)."""
    found: Found = post_titled_mentions(text) if _POST_TITLE_RE.search(text) else []
    if "组" in text:
        found += _village_group_mentions(text)
    if "人" in text or "者" in text:
        found += _person_word_mentions(text)
    found += _unit_member_mentions(text)
    at = 0
    while (match := TITLE_RE.search(text, at)) is not None:
        pos = match.end()
        title = ""
        if match.group(0).endswith(("记者", "通讯员")) and _IN_BYLINE_RE.search(
            text, max(0, match.start() - 30), match.start()
        ):
            at = pos  # "…电（记者A通讯员B）" left in the text: writers, not people it names
            continue
        if match.group(0).endswith(("记者", "通讯员")) and _CREDIT_END_RE.match(text, pos):
            at = pos  # "记者A B报道", "特约记者A通讯员B摄" left in the text: a credit's writers
            continue
        if match.group(0) == "女儿" and text[match.start() - 1 : match.start()] == "妇":
            at = pos  # 妇女儿童: women and children, no daughter
            continue
        # An interview's speaker or a caption's: "村党支部书记 卢秀芝：…", "养殖户 邵德明 据悉".
        if (
            text[pos : pos + 1] == " "
            and _SPACED_NAME_RE.match(text, pos)
            and not match.group(0).endswith(("记者", "通讯员"))  # a byline left in the text
        ):
            pos += 1
        # A title in quotes (村“第一书记”张某), or an honour ending in one (“某省好人”张某):
        # the name follows the closing quote.
        if text[pos : pos + 1] == "”" and _quote_opens_before(text, match.start()):
            pos += 1
        # A title then who holds it (修剪组队长叫张某): 叫 names the person.
        if text[pos : pos + 1] == "叫":
            pos += 1
        # A title may be followed by a list: 副区长关勇、刘心波、阳宪生; right after the title,
        # 区委副书记、刘西根、袁青穗. There the mark may also list another kind of people
        # (居民、商铺工作人员): a name must end where the list goes on or the clause ends.
        if (
            pos < len(text)
            and text[pos] == "、"
            and (listed := name_at(text, pos + 1, misread=True))
            and text[pos + 1 + len(listed) : pos + 2 + len(listed)] in _LISTED_NAME_ENDS
        ):
            pos += 1
        while True:
            name = name_at(text, pos, misread=True)
            if name is None:
                break
            if match.group(0) in _VERB_TITLES and text.startswith("的", pos + len(name)):
                break  # 主管文教卫的副县长: the title is a verb, the word after it what is run
            if not title:
                # "一位名叫A的…": 名叫 introduces the name, it is no title of A's.
                title = _title_before(text, match.start(), match.end()).removesuffix("名叫")
            found.append((pos, person_mention(name, title)))
            pos += len(name)
            # 副区长关勇、刘心波; 网格员付晓和代小燕.
            if pos < len(text) and text[pos] in _LIST_JOINERS and name_at(text, pos + 1, misread=True):
                pos += 1
                continue
            break
        # Titles overlap ("党总支书记助理" holds 支书 and 书记助理): look again one further on
        # when no name followed this one and another title may start inside it.
        if title:
            at = pos
        elif any(c in _TITLE_FIRST for c in text[match.start() + 1 : match.end()]):
            at = match.start() + 1
        else:
            at = match.end()
    return found


def known_mentions(text: str, *known: Collection[str]) -> Found:
    """Names already known (archive or elsewhere in the issue) where a clause starts with them.

    Untitled names open a clause ("万玲玲强调", "、路明、胡庆海参加"); looking only there keeps
    a long list of known names down to a few set lookups per clause.
    """
    found: Found = []
    if not any(known):
        return found
    starts = [0, *(m.end() for m in CLAUSE_START_RE.finditer(text))]
    known_names = _Known(known)
    for start in starts:
        first = text[start : start + 1]
        lookalike = first in LOOKALIKE_SURNAMES
        if first not in SURNAMES and text[start : start + 2] not in COMPOUND_SURNAMES and not lookalike:
            continue
        for length in (3, 2, 4):
            name = text[start : start + length]
            if len(name) != length or not AFTER_NAME_RE.match(text, start + length):
                continue
            # A known name printed with a look-alike surname (划小明 where 刘小明 is known).
            likely = misread_name(name) if lookalike else None
            if (likely if likely is not None else name) in known_names and (
                likely is not None or plausible_name(name)
            ):
                found.append((start, person_mention(name)))
                break
    return found


class _Known:
    """Membership in any of several collections of names."""

    __slots__ = ("collections",)

    def __init__(self, collections: tuple[Collection[str], ...]) -> None:
        self.collections = collections

    def __contains__(self, name: object) -> bool:
        return any(name in names for names in self.collections)


def merge_mentions(*groups: Found) -> list[PersonMention]:
    """One mention per name, in order of first appearance, keeping the title the text gave."""
    first_pos: dict[str, int] = {}
    best: dict[str, PersonMention] = {}
    for group in groups:
        for pos, mention in group:
            if pos < first_pos.get(mention.name, pos + 1):
                first_pos[mention.name] = pos
            current = best.get(mention.name)
            if current is None or _better_title(mention.title, current.title):
                best[mention.name] = mention
    names = set(best)
    # A misread name of someone the text also prints right is that person, named once.
    return [
        best[name]
        for name in sorted(first_pos, key=first_pos.__getitem__)
        if best[name].misread is None or best[name].misread.likely not in names
    ]


def _better_title(new: str, old: str) -> bool:
    """A specific title (区委书记) beats a generic one (两区领导) or none."""
    if not new:
        return False
    return not old or (old.endswith("领导") and not new.endswith("领导"))


# A byline left in the text, in brackets: （记者A 通讯员B、C）. The names in it are its writers.
_BYLINE_BRACKETS_RE = re.compile("[（(][^（）()。，；]{0,20}?(?:记者|通讯员)[^（）()。；]{0,100}[）)]")


def _outside_bylines(text: str, found: Found) -> Found:
    """The mentions that do not stand inside a byline left in brackets in the text."""
    if "记者" not in text and "通讯员" not in text:
        return found
    spans = [m.span() for m in _BYLINE_BRACKETS_RE.finditer(text)]
    if not spans:
        return found
    return [(pos, m) for pos, m in found if not any(a < pos < b for a, b in spans)]


def mentions_in(
    text: str, *known: Collection[str], titled: Found | None = None
) -> list[PersonMention]:
    if titled is None:
        titled = titled_mentions(text)
    famous = famous_mentions(text)
    return _named_shorter_elsewhere(
        text,
        merge_mentions(
            *(
                _outside_bylines(text, _not_inside(found, famous))
                for found in (titled, known_mentions(text, *known), untitled_mentions(text))
            ),
            _outside_bylines(text, famous),
        ),
    )


def _not_inside(found: Found, famous: Found) -> Found:
    """The mentions that are no shorter reading of a famous name printed at the same place
    (唐代诗人杜甫、刘长卿: 刘长 read after the title's list is 刘长卿)."""
    if not famous:
        return found
    spans = {pos: pos + len(m.name) for pos, m in famous}
    return [(pos, m) for pos, m in found if pos not in spans or pos + len(m.name) >= spans[pos]]


def _named_shorter_elsewhere(text: str, mentions: list[PersonMention]) -> list[PersonMention]:
    """A three-character name printed once whose first two characters the text prints
    again on their own (种粮大户曾康正组织… / 曾康是一名…) is that two-character name, the
    third character the start of the word after it (正在, 深有感触); where that name is
    found already, the longer one is dropped."""
    out: list[PersonMention] = []
    names = {m.name for m in mentions}
    # The title the dropped longer reading had, for the shorter one found without one
    # (区委书记袁某强调… / 袁某一行…: the one person, titled).
    titles: dict[str, str] = {}
    for mention in mentions:
        name = mention.name
        short = name[:2]
        if (
            len(name) == 3
            and mention.misread is None
            and short not in COMPOUND_SURNAMES
            and text.count(name) == 1
            and plausible_name(short)
            # no one else whose name starts so (周远栋, 周远重)
            and not any(m.name not in (name, short) and m.name.startswith(short) for m in mentions)
            and any(
                AFTER_NAME_RE.match(text, at + 2)
                for at in _occurrences(text, short)
                if text[at + 2 : at + 3] != name[2]
            )
        ):
            if short in names:
                if mention.title:
                    titles.setdefault(short, mention.title)
                continue  # 徐蓉说… / 徐蓉深有感慨: the one person, found already
            mention = replace(mention, name=short)
        out.append(mention)
    return [
        replace(m, title=titles[m.name]) if not m.title and m.name in titles else m for m in out
    ]


def _occurrences(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out
