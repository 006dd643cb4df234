"""People named in article bodies: title + name, leader lists, names already known."""

from __future__ import annotations

import re
from collections.abc import Collection

from .names import (
    COMPOUND_SURNAMES,
    LOOKALIKE_SURNAMES,
    SURNAMES,
    misread_name,
    name_like,
    plausible_name,
)
from .types import Misreading, PersonMention, Role

# Titles the text gives people before their names; ordinary people the news quotes too
# (村民彭桂兰, 种植大户周德明, 贫困户邓琳瑶, 民警张琳晓, 邵宸峥的儿子潘璐蓓).
TITLES = tuple(
    ["党工委副书记", "党工委书记", "纪委书记", "政法委书记", "副书记", "书记", "常务副区长", "副区长", "区长", "常务副市长", "副市长", "市长", "副县长", "县长", "副镇长", "镇长", "副省长", "省长", "副主任", "主任", "副主席", "主席", "副部长", "部长", "副局长", "局长", "副组长", "组长", "常委", "委员", "副院长", "院长", "副校长", "校长", "会长", "董事长", "总经理", "经理", "负责人", "领导", "党组成员", "成员", "副所长", "所长", "站长", "队长", "村支书", "支书", "处长", "科长", "厅长", "检察长", "庭长", "政委", "主官", "主管", "秘书长", "学生", "老师", "教师", "医生", "村民", "市民", "居民", "农户", "种植大户", "养殖户", "求职者", "家长", "志愿者", "网格员", "游客", "驻村第一书记", "第一书记", "驻村干部", "村干部", "工作队员", "队员", "贫困户", "脱贫户", "五保户", "残疾户", "困难户", "低保户", "儿子", "女儿", "妻子", "丈夫", "父亲", "母亲", "爱人", "民警", "辅警", "警官", "法官", "检察官", "药师", "护士", "工作人员", "老板", "店主", "业主", "场长", "艺术家", "企业家", "致富能人", "能人", "乡贤", "船长", "农机手", "主播", "书记助理", "副乡长", "乡长", "村主任", "养蜂人", "巡湖人", "河湖长", "湖长", "老队长", "老党员", "党员", "爱心人士", "种粮大户", "大户", "种植户", "茶农", "果农", "烟农", "菜农", "渔民", "社员", "职工", "员工", "传承人", "艺人", "手艺人", "演员", "选手", "患者", "老支书", "讲解员", "宣讲员", "发起人", "院民", "外甥", "孙子", "孙女", "村民代表", "游客代表", "商人代表", "代表", "应届毕业生", "毕业生", "学员", "巡视员", "专家", "教授", "副教授", "研究员", "记者", "保洁员", "果园主", "园主", "采茶工", "老人", "村医", "创始人"]
)
# The leading character class lets the scan skip most positions without trying every title.
_TITLE_RE = re.compile(
    "(?=["
    + "".join(sorted({t[0] for t in TITLES}))
    + "])(?:"
    + "|".join(sorted(TITLES, key=len, reverse=True))
    + ")"
)
_TITLE_END_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + ")$")
# What may follow a name: punctuation, or a verb/preposition that starts the next phrase.
_AFTER_NAME = tuple(
    ["主持", "强调", "指出", "要求", "表示", "带队", "参加", "出席", "陪同", "一行", "同志", "传达", "介绍", "讲话", "说", "调研", "率", "到", "赴", "在", "对", "为", "与", "和", "及", "等", "作", "代表", "围绕", "听取", "先后", "深入", "前往", "走访", "看望", "慰问", "检查", "督办", "暗访", "宣读", "通报", "汇报", "发言", "致辞", "部署", "提出", "希望", "认为", "肯定", "参观", "考察", "召开", "来到", "就", "从", "向", "将", "也", "还", "是", "的", "兴奋", "开心", "许下", "同学", "老师", "书记", "分别", "共同", "亲自", "专题", "详细", "一起", "现场", "实地", "带领", "主讲", "作了", "上台", "出发", "接受", "回答", "答复", "坦言", "笑着", "告诉", "称", "认真", "强化", "拿着", "带着", "用", "组织", "宣布", "座谈", "分享", "感慨", "第一", "一边", "获得", "荣获", "正在", "一直", "主动", "积极", "负责", "带头", "率先", "特意", "连忙", "随后", "一家", "眉开眼笑", "喜笑颜开", "激动"]
)
_AFTER_NAME_RE = re.compile(
    r"(?:[\s，。、；：,.;:！？!?）)”’」』—…]|$|" + "|".join(_AFTER_NAME) + ")"
)
_CLAUSE_START_RE = re.compile("[，。；：、“”\n,;:（(]")
_CLAUSE_BREAK = "，。；：,;:！？!?（）()\n“”"
# Words that open a clause before the title: "会议由荆州区委书记…", "传达学习省委书记…".
_LEADING_JUNK_RE = re.compile(
    r"^.*?(?:传达学习|学习|传达|听取|会议由|由|邀请|请|会上|并|陪同)(?=..)"
)


# Characters that start the word after a name: 杨澄宸起获, 段梓婧便急切地, 熊皓婧高兴地介绍.
_NEXT_START = frozenset(
    "说讲表指强要认介告坦笑带率到赴在对为与和及等作参出陪同主传围听先深前走看慰检督宣通汇发致部"
    "提希肯考召来就从向将也还是的便起获高正已又都再把被给让跟以因用称拿一两几这那亲详实现上共分"
    "工喜激感满乐所负有没不早组第回忙指望坐站家今脸"
)


# Words that may take a name's third place: 王岚便是, 张煜原来, 陈泓代表, 叶彦递上.
_WORDS_AFTER = frozenset(
    ["便是", "原来", "代表", "高兴", "正在", "已经", "也是", "还是", "就是", "递上", "递给", "来到", "来自", "现场", "上台", "一起", "一边", "一直", "陪同", "工作", "介绍", "表示", "发言", "主持", "同时", "都是", "又是"]
)


def person_mention(name: str, title: str = "", role: Role = Role.MENTIONED) -> PersonMention:
    """A person named by the text; a name whose surname looks misread says so."""
    likely = misread_name(name)
    misread = Misreading(name, likely, 0) if likely is not None else None
    return PersonMention(name, role, title, misread)


def name_at(text: str, pos: int, *, misread: bool = False) -> str | None:
    """The name starting at ``pos`` if it is followed by something that ends a name: punctuation,
    a word that follows names (主持, 强调 …) or the first character of such a word. With
    ``misread`` (a title stands before it) the surname may be a look-alike (划 for 刘)."""
    end = len(text)
    plausible = name_like if misread else plausible_name

    def bounded(at: int, loose: bool) -> bool:
        return (
            at >= end
            or _AFTER_NAME_RE.match(text, at) is not None
            or (loose and text[at] in _NEXT_START)
        )

    for length in (3, 2, 4):
        name = text[pos : pos + length]
        # Two characters followed by a word's first character only when three do not read
        # as a name (朱琪琳有些担心 is 朱琪琳, not 朱琪).
        loose = length != 2 or not plausible(text[pos : pos + 3])
        if len(name) != length or not plausible(name) or not bounded(pos + length, loose):
            continue
        if length == 3 and text[pos + 2 : pos + 4] in _WORDS_AFTER and plausible(name[:2]):
            return name[:2]  # 王岚便是其中一位, 陈泓代表县政府: the name has two characters
        return name
    return None


def _title_before(text: str, start: int, end: int) -> str:
    """The title chain the text gives right before a name: 区委副书记、区长."""
    clause_start = start
    while (
        clause_start > 0
        and text[clause_start - 1] not in _CLAUSE_BREAK
        and start - clause_start < 40
    ):
        clause_start -= 1
    parts = text[clause_start:end].split("、")
    kept: list[str] = []
    for part in reversed(parts):
        if not _TITLE_END_RE.search(part):
            break
        kept.append(part)
    kept.reverse()
    if not kept:
        return text[start:end]
    kept[0] = _LEADING_JUNK_RE.sub("", kept[0])
    return "、".join(p for p in kept if p)[:60]


Found = list[tuple[int, PersonMention]]


# Titles printed after the name: 钟文俊同学, 陈建军老师. The name must start a phrase.
_POST_TITLE_RE = re.compile("同学|老师|同志|师傅|经理|场长|老人|先生|女士")
_BEFORE_NAME = frozenset("的和与及、，。；：“”（）(),;: \n")


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
            loose = length == 3 and match.group(0) in ("场长", "老人")
            if any(name.startswith(t) for t in TITLES):
                continue  # 游客缪女士: the title, not a name
            if name_like(name) and (
                loose or start == 0 or text[start - 1] in _BEFORE_NAME
            ):
                found.append((start, person_mention(name, match.group(0))))
                break
    return found


_LIST_JOINERS = frozenset("、和与及")
_TITLE_FIRST = frozenset(t[0] for t in TITLES)


def titled_mentions(text: str) -> Found:
    """区委书记万玲玲, 两区领导张远重、王厚强 …: names introduced by a title (or, as in
    钟文俊同学, followed by one)."""
    found: Found = post_titled_mentions(text) if _POST_TITLE_RE.search(text) else []
    at = 0
    while (match := _TITLE_RE.search(text, at)) is not None:
        pos = match.end()
        title = ""
        # A title may be followed by a list: 副区长关勇、刘心波、阳宪生.
        if pos < len(text) and text[pos] == "、" and name_at(text, pos + 1, misread=True):
            pos += 1
        while True:
            name = name_at(text, pos, misread=True)
            if name is None:
                break
            if not title:
                title = _title_before(text, match.start(), match.end())
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
    starts = [0, *(m.end() for m in _CLAUSE_START_RE.finditer(text))]
    known_names = _Known(known)
    for start in starts:
        first = text[start : start + 1]
        lookalike = first in LOOKALIKE_SURNAMES
        if first not in SURNAMES and text[start : start + 2] not in COMPOUND_SURNAMES and not lookalike:
            continue
        for length in (3, 2, 4):
            name = text[start : start + length]
            if len(name) != length or not _AFTER_NAME_RE.match(text, start + length):
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


_FIRM_RE = re.compile("(?:有限公司|公司|公寓|合作社|家庭农场|农场|养殖场|超市|诊所|协会)")
_PLACE_END = frozenset("镇村县区市乡街路局站所院校厂店湖河山")
# 家住李埠镇天鹅村的刘桂英: where someone lives introduces their name.
_HOME_RE = re.compile("家住[^，。；！？]{1,16}?的")


_INTRODUCED_RE = re.compile(r"(?:\d{1,3}岁的|(?:他|她|名)叫|叫作)")
# A clause that is a name and what they say: "卢秀英说，", "蒋德福介绍：".
_SAYS_RE = re.compile(
    r"(?:^|(?<=[，。；：、“”\n,;:（(]))([\u4e00-\u9fff]{3})(?:说|说道|介绍|告诉记者|坦言|感慨)[，：:。]"
)


def untitled_mentions(text: str) -> Found:
    """Names the story gives no title but keeps coming back to: a name opening a clause
    ("刘涵岚来到…", "…，晏琳琦说") that the text prints at least twice, or one introduced by
    where the person lives ("家住…的刘桂英")."""
    found: Found = []
    seen: set[str] = set()
    for match in _HOME_RE.finditer(text):
        if name := name_at(text, match.end()):
            found.append((match.end(), PersonMention(name, Role.MENTIONED, "")))
            seen.add(name)
    starts = [0, *(m.end() for m in _CLAUSE_START_RE.finditer(text))]
    for start in starts:
        first = text[start : start + 1]
        lookalike = first in LOOKALIKE_SURNAMES  # "划佳林介绍" where 刘佳林 is meant
        if first not in SURNAMES and not lookalike:
            continue
        name = name_at(text, start, misread=lookalike)
        if not name or name in seen or len(name) != 3 or text.count(name) < 2:
            continue
        after = text[start + 3 : start + 5]
        if name.startswith(TITLES) or after[:1] in _PLACE_END or after in ("发区", "公司"):
            continue  # 农机手, 葛店开(发区): a title or the start of a place's name
        found.append((start, person_mention(name)))
        seen.add(name)
    # Introduced by age or by name, or saying something: "62岁的蒋德福", "他叫袁德顺",
    # "…，卢秀英说，" — once is enough.
    for match in _INTRODUCED_RE.finditer(text):
        name = name_at(text, match.end())
        if name and name not in seen and len(name) == 3:
            found.append((match.end(), person_mention(name)))
            seen.add(name)
    for match in _SAYS_RE.finditer(text):
        name = match.group(1)
        if name not in seen and plausible_name(name) and not name.startswith(TITLES):
            found.append((match.start(1), person_mention(name)))
            seen.add(name)
    # A person named right after the firm or home they run: "农业有限公司殷早春获评…".
    for match in _FIRM_RE.finditer(text):
        name = name_at(text, match.end())
        if name and name not in seen and len(name) == 3:
            found.append((match.end(), person_mention(name)))
            seen.add(name)
    return found


def mentions_in(
    text: str, *known: Collection[str], titled: Found | None = None
) -> list[PersonMention]:
    if titled is None:
        titled = titled_mentions(text)
    return merge_mentions(titled, known_mentions(text, *known), untitled_mentions(text))
