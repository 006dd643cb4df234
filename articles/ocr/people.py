"""People named in article bodies: title + name, leader lists, names already known."""

from __future__ import annotations

import re
from collections.abc import Collection

from .text import CJK
from .types import PersonMention, Role

# Common single-character surnames. Characters that are mostly function words or
# administrative terms (区, 会, 通, 同, 干, 班 …) are left out on purpose: they make junk names.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔汤向常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
    "关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
    "柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官"
    "封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区钮帅"
)
SURNAMES = SURNAMES - frozenset("和区班明成时全应连原南")
COMPOUND_SURNAMES = frozenset(
    ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "司徒", "夏侯", "慕容", "尉迟", "公孙")
)
# Characters that never (or almost never) sit inside a given name in news copy.
_NOT_IN_NAME = frozenset(
    "的了在是和与及等区市县镇乡局委会部办省党府员记书席们个这那其并都就还于将要把被从向对到赴"
    "参召指调示讲说某各该此每级处科股室队组站所院校村社街道年月日人"
)
# Words that look like names to a pattern but are not people.
_NOT_NAMES = frozenset(
    (
        "近日",
        "会议",
        "区委",
        "日前",
        "目前",
        "同时",
        "会上",
        "今年",
        "姓名",
        "主要",
        "相关",
        "全体",
        "成员",
        "同志",
        "领导",
        "干部",
        "代表",
        "委员",
        "常委",
        "书记",
        "主任",
        "负责",
        "部分",
        "单位",
        "方面",
        "时间",
        "全面",
        "高度",
        "常态",
        "安全",
        "宣传",
        "管理",
        "建设",
        # Common words that start with a surname character and may follow a title word.
        "项目",
        "关心",
        "关怀",
        "关注",
        "关爱",
        "关键",
        "关于",
        "任务",
        "任何",
        "荆州",
        "农业",
        "农民",
        "司法",
        "文明",
        "文化",
        "文件",
        "包保",
        "申报",
        "申请",
        "金融",
        "石油",
        "路径",
        "车辆",
        "方式",
        "方案",
        "安排",
        "安置",
        "程序",
        "温度",
        "康养",
        "卫生",
        "师生",
        "商务",
        "惠民",
        "劳动",
        "巩固",
        "景区",
        "费用",
        "解决",
        "尤其",
        "阳光",
        "古城",
        "蓝天",
        "游客",
        "满意",
        "位置",
        "楼道",
        "黄金",
        "高效",
        "高新",
        "高速",
        "武汉",
        "齐抓",
        "纪律",
        "毕业",
        "季度",
        "苗头",
        "章程",
        "焦点",
        "祝贺",
        "向上",
        "严格",
        "严肃",
        "严格落实",
        "周边",
        "周密",
        "周年",
        "常务",
        "常规",
        "钱款",
        "马上",
    )
)
TITLES = (
    "党工委副书记",
    "党工委书记",
    "纪委书记",
    "政法委书记",
    "副书记",
    "书记",
    "常务副区长",
    "副区长",
    "区长",
    "常务副市长",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副镇长",
    "镇长",
    "副省长",
    "省长",
    "副主任",
    "主任",
    "副主席",
    "主席",
    "副部长",
    "部长",
    "副局长",
    "局长",
    "副组长",
    "组长",
    "常委",
    "委员",
    "副院长",
    "院长",
    "副校长",
    "校长",
    "会长",
    "董事长",
    "总经理",
    "经理",
    "负责人",
    "领导",
    "党组成员",
    "成员",
    "副所长",
    "所长",
    "站长",
    "队长",
    "村支书",
    "支书",
    "处长",
    "科长",
    "厅长",
    "检察长",
    "庭长",
    "政委",
    "主官",
    "主管",
    "秘书长",
    "学生",
    "老师",
    "教师",
    "医生",
    # Ordinary people the news quotes: 村民彭桂兰, 市民贺秀英说, 种植大户周德明笑着说.
    "村民",
    "市民",
    "居民",
    "农户",
    "种植大户",
    "养殖户",
    "求职者",
    "家长",
    "志愿者",
    "网格员",
    "游客",
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
_AFTER_NAME = (
    "主持",
    "强调",
    "指出",
    "要求",
    "表示",
    "带队",
    "参加",
    "出席",
    "陪同",
    "一行",
    "同志",
    "传达",
    "介绍",
    "讲话",
    "说",
    "调研",
    "率",
    "到",
    "赴",
    "在",
    "对",
    "为",
    "与",
    "和",
    "及",
    "等",
    "作",
    "代表",
    "围绕",
    "听取",
    "先后",
    "深入",
    "前往",
    "走访",
    "看望",
    "慰问",
    "检查",
    "督办",
    "暗访",
    "宣读",
    "通报",
    "汇报",
    "发言",
    "致辞",
    "部署",
    "提出",
    "希望",
    "认为",
    "肯定",
    "参观",
    "考察",
    "召开",
    "来到",
    "就",
    "从",
    "向",
    "将",
    "也",
    "还",
    "是",
    "的",
    "兴奋",
    "开心",
    "许下",
    "同学",
    "老师",
    "书记",
    "分别",
    "共同",
    "亲自",
    "专题",
    "详细",
    "一起",
    "现场",
    "实地",
    "带领",
    "主讲",
    "作了",
    "上台",
    "出发",
    "接受",
    "回答",
    "答复",
    "坦言",
    "笑着",
    "告诉",
    "称",
    "认真",
    "强化",
    "拿着",
    "带着",
    "用",
)
_AFTER_NAME_RE = re.compile(
    r"(?:[\s，。、；：,.;:！？!?）)”’」』—…]|$|" + "|".join(_AFTER_NAME) + ")"
)
_CLAUSE_START_RE = re.compile("[，。；：、“”\n,;:（(]")
_CJK_RE = re.compile(f"^[{CJK}]+$")
_CLAUSE_BREAK = "，。；：,;:！？!?（）()\n“”"
# Words that open a clause before the title: "会议由荆州区委书记…", "传达学习省委书记…".
_LEADING_JUNK_RE = re.compile(
    r"^.*?(?:传达学习|学习|传达|听取|会议由|由|邀请|请|会上|并|陪同)(?=..)"
)


# A surname followed by one of these is a way of addressing someone, not a name: 李大妈.
_ADDRESS_WORDS = frozenset(("大妈", "大爷", "大姐", "大哥", "阿姨", "奶奶", "爷爷", "婆婆", "老汉"))


def plausible_name(name: str) -> bool:
    if not _CJK_RE.match(name) or name in _NOT_NAMES or name[1:] in _ADDRESS_WORDS:
        return False
    if name[:2] in COMPOUND_SURNAMES:
        given = name[2:]
        if not 1 <= len(given) <= 2:
            return False
    else:
        if name[0] not in SURNAMES or not 2 <= len(name) <= 3:
            return False
        given = name[1:]
    return not any(ch in _NOT_IN_NAME for ch in given)


def name_at(text: str, pos: int) -> str | None:
    """The name starting at ``pos`` if it is followed by something that ends a name."""
    for length in (3, 2, 4):
        name = text[pos : pos + length]
        if (
            len(name) == length
            and plausible_name(name)
            and _AFTER_NAME_RE.match(text, pos + length)
        ):
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
_POST_TITLE_RE = re.compile("同学|老师|同志|师傅")
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
            if plausible_name(name) and (start == 0 or text[start - 1] in _BEFORE_NAME):
                found.append((start, PersonMention(name, Role.MENTIONED, match.group(0))))
                break
    return found


def titled_mentions(text: str) -> Found:
    """区委书记万玲玲, 两区领导张远重、王厚强 …: names introduced by a title (or, as in
    钟文俊同学, followed by one)."""
    found: Found = post_titled_mentions(text) if _POST_TITLE_RE.search(text) else []
    for match in _TITLE_RE.finditer(text):
        pos = match.end()
        title = ""
        # A title may be followed by a list: 副区长关勇、刘心波、阳宪生.
        if pos < len(text) and text[pos] == "、" and name_at(text, pos + 1):
            pos += 1
        while True:
            name = name_at(text, pos)
            if name is None:
                break
            if not title:
                title = _title_before(text, match.start(), match.end())
            found.append((pos, PersonMention(name, Role.MENTIONED, title)))
            pos += len(name)
            if pos < len(text) and text[pos] == "、":
                pos += 1
                continue
            break
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
    for start in starts:
        if (
            text[start : start + 1] not in SURNAMES
            and text[start : start + 2] not in COMPOUND_SURNAMES
        ):
            continue
        for length in (3, 2, 4):
            name = text[start : start + length]
            if (
                len(name) == length
                and any(name in k for k in known)
                and _AFTER_NAME_RE.match(text, start + length)
                and plausible_name(name)
            ):
                found.append((start, PersonMention(name, Role.MENTIONED, "")))
                break
    return found


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
    return [best[name] for name in sorted(first_pos, key=first_pos.__getitem__)]


def _better_title(new: str, old: str) -> bool:
    """A specific title (区委书记) beats a generic one (两区领导) or none."""
    if not new:
        return False
    return not old or (old.endswith("领导") and not new.endswith("领导"))


def mentions_in(
    text: str, *known: Collection[str], titled: Found | None = None
) -> list[PersonMention]:
    if titled is None:
        titled = titled_mentions(text)
    return merge_mentions(titled, known_mentions(text, *known))
