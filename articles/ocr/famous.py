"""People the whole country knows by name alone: leaders of the revolution, heroes, poets and
thinkers a county paper names in its history and culture pages (青禾县是贺龙、关向应率部转战
过的地方; 唐代诗人杜甫曾在此写下名句). No title stands before them, so the rules that read names from
their titles never see them; the table is small and every name in it is a person wherever it is
printed. Names of campaigns a person's name opens (学雷锋, 焦裕禄精神) are left out on purpose:
there the name is a movement, not a mention of the person."""

from __future__ import annotations

import re

from .names import GIVEN_CHARS
from .namewords import AFTER_NAME_RE, Found, person_mention

# Kept to names that are no common word and start no common word.
FAMOUS_PEOPLE = frozenset(
    (
        # the revolution and the Republic's founders
        "毛泽东", "周恩来", "刘少奇", "朱德", "邓小平", "陈云", "任弼时", "彭德怀", "贺龙", "陈毅",
        "刘伯承", "叶剑英", "徐向前", "聂荣臻", "罗荣桓", "粟裕", "董必武", "李大钊", "陈独秀",
        "瞿秋白", "方志敏", "邓中夏", "蔡和森", "杨开慧", "彭湃", "恽代英", "向警予", "左权",
        "关向应", "杨靖宇", "赵一曼", "刘胡兰", "黄继光", "邱少云", "董存瑞", "江竹筠", "杨得志", "王震",
        "许世友", "黄克诚", "张闻天", "博古", "项英", "孙中山", "黄兴", "宋庆龄", "何叔衡",
        "习仲勋", "胡耀邦", "谢觉哉", "林伯渠", "徐特立", "吴玉章", "杨尚昆", "萧克", "王稼祥",
        # scientists and exemplars a paper holds up
        "袁隆平", "钱学森", "邓稼先", "钱三强", "黄大年", "孔繁森", "杨善洲", "谷文昌", "屠呦呦",
        "李四光", "竺可桢", "华罗庚", "詹天佑", "南仁东",
        # poets, writers and thinkers
        "屈原", "李白", "杜甫", "白居易", "苏轼", "苏东坡", "王安石", "欧阳修", "陆游", "辛弃疾",
        "范仲淹", "李清照", "王维", "孟浩然", "刘禹锡", "柳宗元", "韩愈", "杜牧", "李商隐",
        "王勃", "刘长卿", "陶渊明", "曹操", "诸葛亮", "关羽", "刘备", "孔子", "孟子", "司马迁",
        "李时珍", "张仲景", "华佗", "郑和", "岳飞", "文天祥", "林则徐", "曾国藩", "左宗棠",
        "张居正", "李东阳", "王阳明", "朱熹", "周敦颐", "鲁迅", "郭沫若", "茅盾", "巴金", "老舍",
        "沈从文", "闻一多", "朱自清", "齐白石", "徐悲鸿", "聂耳", "冼星海", "梅兰芳",
    )
)
# What a place or an institution named after a person goes on with.
_PLACE_AFTER_RE = re.compile(
    "[祠庙墓陵碑像塔亭楼阁园路街桥镇村乡县]|故里|故居|草堂|纪念|广场|公园|大道|中学|小学|学校|学院|大学|"
    "文化园|景区|书院"
)
_FAMOUS_RE = re.compile("|".join(sorted(FAMOUS_PEOPLE, key=len, reverse=True)))


def famous_mentions(text: str) -> Found:
    """The people of the table the text names. A name of two characters must end where a name
    ends (朱德、, 杜甫在) or before a character no given name holds (陈毅领导), so that a longer
    name it opens (朱德明) or a word it runs into (庆贺龙舟) is not read as it."""
    found: Found = []
    for match in _FAMOUS_RE.finditer(text):
        name = match.group(0)
        end = match.end()
        if _PLACE_AFTER_RE.match(text, end):
            continue  # 屈原祠, 杜甫草堂, 鲁迅中学: a place named after the person
        if len(name) == 2 and not (
            AFTER_NAME_RE.match(text, end) or text[end : end + 1] not in GIVEN_CHARS
        ):
            continue
        found.append((match.start(), person_mention(name)))
    return found
