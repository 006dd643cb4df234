"""Words around a name in an article's text: titles that introduce one, words that may follow
one, and the name that starts at a position. Shared by the people passes (:mod:`people`,
:mod:`untitled`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .names import (
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    NOT_NAMES,
    SURNAMES,
    given_len,
    given_score,
    misread_name,
    name_like,
    plausible_name,
)
from .text import word_pattern
from .types import Misreading, PersonMention, Role

# Titles the text gives people before their names; ordinary people the news quotes too
# (村民彭桂兰, 种植大户周德明, 贫困户邓琳瑶, 民警张琳晓, 邵宸峥的儿子潘璐蓓).
TITLES = tuple(
    ["党工委副书记", "党工委书记", "纪委书记", "政法委书记", "副书记", "书记", "常务副区长", "副区长", "区长", "常务副市长", "副市长", "市长", "副县长", "县长", "副镇长", "镇长", "副省长", "省长", "副主任", "主任", "副主席", "主席", "副部长", "部长", "副局长", "局长", "副组长", "组长", "常委", "委员", "副院长", "院长", "副校长", "校长", "会长", "董事长", "总经理", "经理", "负责人", "领导", "党组成员", "成员", "副所长", "所长", "站长", "队长", "村支书", "支书", "处长", "科长", "厅长", "检察长", "庭长", "政委", "主官", "主管", "秘书长", "学生", "老师", "教师", "医生", "村民", "市民", "居民", "农户", "种植大户", "养殖户", "求职者", "家长", "志愿者", "网格员", "游客", "驻村第一书记", "第一书记", "驻村干部", "村干部", "工作队员", "队员", "贫困户", "脱贫户", "五保户", "残疾户", "困难户", "低保户", "儿子", "女儿", "妻子", "丈夫", "父亲", "母亲", "爱人", "民警", "辅警", "警官", "法官", "检察官", "药师", "护士", "工作人员", "老板", "店主", "业主", "场长", "艺术家", "企业家", "致富能人", "能人", "乡贤", "船长", "农机手", "主播", "书记助理", "副乡长", "乡长", "村主任", "养蜂人", "巡湖人", "河湖长", "湖长", "老队长", "老党员", "党员", "爱心人士", "种粮大户", "大户", "种植户", "茶农", "果农", "烟农", "菜农", "粮农", "棉农", "虾农", "瓜农", "菇农", "椒农", "蚕农", "莲农", "藕农", "橘农", "药农", "花农", "蔗农", "桑农", "渔民", "社员", "职工", "员工", "传承人", "艺人", "手艺人", "演员", "选手", "患者", "老支书", "讲解员", "宣讲员", "发起人", "院民", "外甥", "孙子", "孙女", "村民代表", "游客代表", "商人代表", "代表", "应届毕业生", "毕业生", "学员", "巡视员", "专家", "教授", "副教授", "研究员", "记者", "保洁员", "果园主", "园主", "采茶工", "老人", "村医", "创始人", "院士", "护林员", "环卫工人", "环卫工", "工人", "驾驶员", "司机", "快递员", "外卖员", "理事长", "会计", "返乡青年", "创业青年", "大学生", "农民", "农民工", "老兵", "退役军人", "消防员", "技术员", "农技员", "管护员", "护工", "厨师", "网格长", "调解员", "信息员", "安全员", "监督员", "联络员", "指导员", "辅导员", "医师", "律师", "工程师", "技师", "社工", "义工", "护理员", "管理员", "保安", "营业员", "邮递员", "养殖大户", "创业者", "村民小组长", "护河员", "巡河员", "河长", "残疾人", "主人公", "大师", "儿童", "理事会长", "创办人", "退休教师", "新娘", "新郎", "指挥长", "领队", "摄影家", "书法家", "画家", "作家", "诗人", "获得者", "获奖者", "捐献者", "捐赠者", "受益者", "亲历者", "见证者", "守护者", "参赛者", "讲述者", "经营者", "好人", "记者站", "总编", "主委", "编剧", "裁判", "研究生", "班主任", "总指挥", "小作者", "股长", "调研员", "母女", "母子", "父子", "父女", "第一人", "卫士", "总编辑", "主编", "编辑", "文书", "失主", "婆婆", "媳妇", "公公", "女工", "经销商",
     # heads of units and offices, advisers, and the ranks an army or a history names
     "社长", "副社长", "总监", "副总监", "团长", "副团长", "顾问", "村官", "军长", "副军长", "师长",
     "旅长", "营长", "连长", "司令员", "司令", "总督", "知县", "知府", "土司", "牧民", "传人",
     "爱好者", "夫妻",
     # heads of a workshop, a shop or a venue, people by their trade or their place in a family
     "厂长", "护士长", "馆长", "园长", "店长", "总裁", "副总裁", "董事",
     "理事", "主持人", "导演", "歌手", "教练", "教练员", "运动员", "博士", "学者", "摄影师", "设计师",
     "兽医", "清洁工", "饲养员", "带头人", "当家人", "经营者", "责任人", "邻居", "同事", "战友",
     "工匠", "匠人", "木匠", "劳模", "能手", "侄子", "女婿", "儿媳", "老伴", "哥哥", "姐姐", "弟弟",
     "妹妹", "姐夫", "妹夫", "嫂子", "班长", "排长", "干警", "交警", "协警", "特警",
     # the fallen a paper remembers, and
     # winners of a prize
     "烈士", "获奖者",
     # teachers and envoys by their post, and the heroes a county honours
     "讲师", "特派员", "科技特派员", "英雄", "治沙英雄", "劳动模范", "道德模范",
     # heads of a mine or a station; cadres and clerks by rank; people by their craft or
     # calling, and the honours a county gives
     "矿长", "台长", "干部", "干事", "科员", "专干", "老乡",
     "老板娘", "服务员", "售货员", "收银员", "理发师", "裁缝", "收藏家", "歌唱家",
     "音乐家", "舞蹈家", "教育家", "革命家", "老红军", "老战士", "模范", "标兵", "家属", "亲属",
     "列车长",
     # a village's head and the head of its households' groups; people away at work
     "村长", "副村长", "联户长", "务工人员",
     # a name introduced as one (一位名叫某某的男子)
     "名叫",
     # the young man of a trade and the fan a story quotes (外卖小哥某某, “00后”小伙某某,
     # 戏迷某某直言)
     "小哥", "小伙", "戏迷",
     # the cabin crew who helped (空乘某某表达谢意, 空姐某某与考生合影)
     "空乘", "空姐"]
)
# Characters an OCR prints for another it resembles in running text: a title of three or more
# characters is also read as printed with one of them (驻村于部 for 驻村干部, 负责入 for 负责人);
# a shorter one so misprinted is too often a word of its own (传入, 于警).
_OCR_LOOKALIKES = {"干": "于", "人": "入", "士": "土"}
TITLES += tuple(
    misprinted
    for title in TITLES
    if len(title) >= 3
    for at, ch in enumerate(title)
    if ch in _OCR_LOOKALIKES
    and (misprinted := title[:at] + _OCR_LOOKALIKES[ch] + title[at + 1 :]) not in TITLES
)
# The tree's branches each open with a literal character: the engine gathers those into the
# class it scans for in C, skipping the positions no title starts at. (A look-ahead for the
# same class in front would hide them from it and have every position tried.)
TITLE_RE = re.compile(word_pattern(TITLES))
TITLE_END_RE = re.compile("(?:" + word_pattern(TITLES) + ")$")
# What may follow a name: punctuation, or a verb/preposition that starts the next phrase.
_AFTER_NAME = tuple(
    ["主持", "强调", "指出", "要求", "表示", "带队", "参加", "出席", "陪同", "一行", "同志", "传达", "介绍", "讲话", "说", "调研", "率", "到", "赴", "在", "对", "为", "与", "和", "及", "等", "作", "代表", "围绕", "听取", "先后", "深入", "前往", "走访", "看望", "慰问", "检查", "督办", "暗访", "宣读", "通报", "汇报", "发言", "致辞", "部署", "提出", "希望", "认为", "肯定", "参观", "考察", "召开", "来到", "就", "从", "向", "将", "也", "还", "是", "的", "兴奋", "开心", "许下", "同学", "老师", "书记", "分别", "共同", "亲自", "专题", "详细", "一起", "现场", "实地", "带领", "主讲", "作了", "上台", "出发", "接受", "回答", "答复", "坦言", "笑着", "告诉", "称", "认真", "强化", "拿着", "带着", "用", "组织", "宣布", "座谈", "分享", "感慨", "第一", "一边", "获得", "荣获", "正在", "一直", "主动", "积极", "负责", "带头", "率先", "特意", "连忙", "随后", "一家", "眉开眼笑", "喜笑颜开", "激动",
     # 刘某某放弃高薪回乡, 村民徐某某捐助, 书法家徐某某书写的春联, 刘某某撰写的《…》: words,
     # since their first characters end words too (堆放, 读书)
     "放弃", "捐助", "捐款", "捐赠", "捐资", "书写", "撰写",
     # 市民吴某某则告诉记者, 副主席韦某做义务导游: the clause goes on from the person to
     # what they did
     "则", "做",
     # 委员某某日前介绍说: when it was said; 空乘某某表达谢意; 主任杨某某得知后 (得 alone
     # follows words: 长得笔直)
     "日前", "近日", "表达", "得知"]
)
AFTER_NAME_RE = re.compile(r"(?:[\s，。、；：,.;:！？!?）)”’」』—…《（]|$|" + word_pattern(_AFTER_NAME) + ")")
CLAUSE_START_RE = re.compile("[，。；：、“”\n,;:（(]")
CLAUSE_BREAK = "，。；：,;:！？!?（）()\n“”"
# Words that open a clause before the title: "会议由荆州区委书记…", "传达学习省委书记…".
LEADING_JUNK_RE = re.compile(
    r"^.*?(?:传达学习|学习|传达|听取|会议由|由|邀请|请|会上|并|陪同)(?=..)"
)


# Characters that start the word after a name: 杨澄宸起获, 段梓婧便急切地, 熊皓婧高兴地介绍.
NEXT_START = frozenset(
    "说讲表指强要认介告坦笑带率到赴在对为与和及等作参出陪同主传围听先深前走看慰检督宣通汇发致部"
    "提希肯考召来就从向将也还是的便起获高正已又都再把被给让跟以因用称拿一两几这那亲详实现上共分"
    "工喜激感满乐所负有没不早组第回忙指望坐站家今脸创"
    # 管某某开着拖拉机, 包某某收到锦旗, 向某某夫妻, 受邬某某委托
    "开收夫委"
    # 柯某某边用微信聊天, 吕某戴着草帽, 莫某某手中的报纸, 晋某某常年在外打工
    "边戴手常"
    # 余某某当选村支书; 年近七十的程某某患有…
    "当患"
)


# Words that may take a name's third place: 王岚便是, 张煜原来, 陈泓代表, 叶彦递上.
_WORDS_AFTER = frozenset(
    ["便是", "原来", "代表", "高兴", "正在", "已经", "也是", "还是", "就是", "递上", "递给", "来到", "来自", "现场", "上台", "一起", "一边", "一直", "陪同", "工作", "介绍", "表示", "发言", "主持", "同时", "都是", "又是", "提出", "提到", "提议", "说道", "率领", "率队", "如是", "巧妙", "谦虚",
     # 主任张某第一时间…
     "第一"]
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
            or AFTER_NAME_RE.match(text, at) is not None
            or (loose and text[at] in NEXT_START)
        )

    # A compound surname and a two-character given name (欧阳国发说) before three characters,
    # where a word that follows names closes all four.
    compound = text[pos : pos + 2] in COMPOUND_SURNAMES
    for length in (4, 3, 2) if compound else (3, 2, 4):
        name = text[pos : pos + length]
        if compound and length == 4 and (pos + 4 < end and AFTER_NAME_RE.match(text, pos + 4) is None):
            continue
        # Two characters followed by a word's first character only when three do not read
        # as a name (朱琪琳有些担心 is 朱琪琳, not 朱琪).
        loose = length != 2 or not plausible(text[pos : pos + 3])
        if len(name) != length or not plausible(name):
            continue
        # After a title, three characters whose given part is made of name characters are a
        # name whatever follows (护林员杜国强守山二十年, 教师龚秀兰女士).
        sure = misread and length == 3 and given_score(name) == given_len(name) == 2
        if (
            not sure
            and not bounded(pos + length, loose)
            and not (misread and length == 2 and _runs_into_verb(text, pos, plausible))
        ):
            continue
        if length == 3 and text[pos + 2 : pos + 4] in _WORDS_AFTER and plausible(name[:2]):
            return name[:2]  # 王岚便是其中一位, 陈泓代表县政府: the name has two characters
        return name
    if misread and name_with_word_char(text[pos : pos + 3]) and bounded(pos + 3, True):
        return text[pos : pos + 3]
    return None


def _runs_into_verb(text: str, pos: int, plausible: Callable[[str], bool]) -> bool:
    """After a title, a surname and a name character, then a character names seldom hold that
    may still stand in one, so no place or unit (市, 县): 知县钟瀚重修 is a two-character name
    and a verb."""
    return (
        given_score(text[pos : pos + 2]) == 1
        and text[pos + 1 : pos + 2] not in _PLACE_SECOND  # 交警田家庵(二大队): a place
        and text[pos + 2 : pos + 3] not in GIVEN_CHARS
        and plausible(text[pos : pos + 3])
    )


# Second characters of place names run on from a surname (田家庵, 王家湾, 李庄村).
_PLACE_SECOND = frozenset("家庄")


# Characters mostly met as words (在, 会, 其) that still stand inside given names: 张在田,
# 李会春, 汤其瑞.
_WORD_CHARS_IN_NAMES = frozenset("在会其")


def name_with_word_char(name: str) -> bool:
    """A common surname, one of 在 or 会 and a name character: read only where a title comes
    before it (村支书张在田的带领下) and punctuation or a word that follows names (or its first
    character) closes it, or where it opens a clause of speech (李会春告诉记者：)."""
    return (
        len(name) == 3
        and name[0] in SURNAMES
        and name[1] in _WORD_CHARS_IN_NAMES
        and name[2] in GIVEN_CHARS
        and plausible_name(name[0] + name[2])
        and not name[1:].startswith(TITLES)  # 李会长: a surname and a title, a way of address
        and name[:2] not in NOT_NAMES  # 常在: an adverb, 村民常在河边
    )


Found = list[tuple[int, PersonMention]]
# What a name may stand right after: a joiner, punctuation or a line's start.
BEFORE_NAME = frozenset("的和与及、，。；：“”（）(),;: \n")
