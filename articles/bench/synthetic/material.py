"""What the seeds yield: constants, the three OCR layouts, templates and the material."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[3] / "seeds"

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

# Han characters (basic block, extension A, compatibility ideographs) in a regex class.
CJK = r"\u3400-\u9fff\uf900-\ufaff"


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

