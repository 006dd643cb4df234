"""What a Chinese personal name looks like: surnames, characters a given name never holds,
words that look like names but are not, and names the OCR prints spaced out or run together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

from .text import CJK

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
    # Less common, but met in county papers; the words they start are listed in NOT_NAMES.
    "于洪丰代但郅缑辜靖禹诸訾阚蓟宦蔚扈傅赖"
) - frozenset("和区班明时全应连南")
COMPOUND_SURNAMES = frozenset(
    ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "司徒", "夏侯", "慕容", "尉迟", "公孙",
     "端木", "独孤", "南宫", "宇文", "呼延", "轩辕", "钟离", "濮阳", "淳于", "申屠", "赫连", "第五",
     "万俟", "澹台", "闻人", "公冶", "太史", "西门")
)
# Characters printed for a common surname they resemble (see LOOKALIKE_SURNAMES below): never
# read as rare surnames of their own.
LOOKALIKE_SURNAMES_CHARS = "划玉阵扬胀粱孛狳鄣郏秫帏榭堇"
# Surnames rare enough (or common enough as other words: 晋, 揭) that a name starting with one
# is read only where a title or a byline says a name stands there (村民仉保国, 记者揭晓东).
RARE_SURNAMES = frozenset(
    "时习亢仉揭茹晁禄邰糜戈宓郗芮羿逯嵇邴昝綦蒯厍桓阎汝乜竺漆蹇尧卿庹隗雍凃邸郦郜郇鄂鲜井计伏"
    "訾佴逄郯郈郐鄞郄郭闾芈荀荣邗邶阙冀扶贲宦牧隆宁桑浦琚璩"
    "谯酆亓笪暨夔麴禚眭蓬沃郁巢钭殳弓沐裘雒"
    "湛狄茅杭屠濮庾韶朴税丘盖普冒"
    # surnames that are common words too (应该, 咸菜): read only where a title says a name
    # stands there (村民应某某, 党支部书记咸某某)
    "应咸"
    # real surnames far commoner as words or their first characters (连续, 萧条, 晋升, 占地)
    "连萧晋占"
) - SURNAMES - frozenset(LOOKALIKE_SURNAMES_CHARS)
# Characters often met in given names. A name whose given part holds them reads as one even
# where nothing after it closes the name (护林员杜国强守山二十年), and a name met once with no
# title needs them (询问了周德胜一家).
GIVEN_CHARS = frozenset(
    "明国华建文平志伟东海强晓生光林民永杰军金健忠洪江福祥振勇耀春宁亮宇兴宝少剑云学仁涛瑞"
    "飞鹏安亚泽世汉达卫利胜敏群波成荣峰刚龙德庆斌辉良玉俊立浩宏兵红秀英兰芳珍梅丽桂凤霞玲燕"
    "萍琴莲娟艳静美惠淑婷雪慧娜芬菊素清翠琳颖倩洁蓉茜欣悦怡婧佳嘉思雨梦涵萱瑶琪璐薇雯蕾晨曦"
    "彤诗语馨妍欢丹露媛君莉青虹芸莹萌晶珊蓓菲妮婉柳磊超鑫博帅锋凯毅坤昊然轩睿哲航旭阳铭凡森"
    "泉坚松柏根山石水贵富财喜寿满发旺才武义顺友先元传继承登培延启炳焕昌盛茂锦秋冬夏桃杏香芝"
    "芹宗祖道礼信智勤俭善孝贤彬彪虎鹤鸿雁鸣远方广宽厚实敬守保树田禾苗谷丰长大小正新天中家子"
    "一二三四五六七八九双银铁钢林沛洋淼涓滨澄湘楚鄂汛波浪川岚峻岩崇嵘巍峥珂琦瑜瑾璇璟琛瑛"
    "琼珏珺瑗蔚萧芷茗荷莎菁蓝葵藏诚谦逸遥迪运进通达选连迎述逊梓桐楠彦尧舜禹轲钰铮铠锐锦镇"
    "雄豪杰伦倩俐侠佩佑依俞修儒亭京仕仙令仲任伊会伍休众优余佰侯俏倪健傲允兆光先克全公六其"
    "典冠凌凝凤凯函刘则初前剑力功加助劲勃勋勉勤化北千升半华协卓南博卫印厚原友发叔口古可史"
    "合吉同名君吟启和咏品哲唐善喜嘉园国圣在坤垚城培基堂塘增士壮声夏多夜大天太夫奇奎奋妃妙"
    "姗姝姣威娇娴婉媚嫣子孔孙孟季学宁守安宋宏宗定宜宝实宣宪宫家容宽富寒寰寿尊小少尔尚尧居"
    "山岐岑峡崎川州巧巨帆希席常平年并庆庚康庭建开异弘张强彤彦彩影征德心志忠念怀思怡恒恩恬"
    "悦惠愉意慈成戈才承振敏文斌斐新方旗日旦旭昀昆昌明易星春昭晋晓晔晖晗晟景晴智暄曙曜曼月"
    "朋望朝木本朱杉李杨杭松林果枫柏柔柯栋树桂桥森植楚槐樱檀欢正武毅民水永求江池沁沐沛河治"
    "泰洁洋洪津浩海涛润涵淳清渊湘源溪滢潇澜灵炎炜烨焱然煜照熙燕爱牧玄玉王玮环玲珍珠琪琴瑛瑞"
    "瑶璇甜生田由甲申男畅登皓益盈真睿知石硕祥祯福秀秉科秋程稳立竹笑笛策简精素紫红纯纬绍维"
    "翔翠翰耀聪育胜舒良艳艺芊芬芳芸苏若英茂茵茹荣莉莎莹菁菊萌萍萱蓉蕊蕙薇虹蝶行衡裕西言誉"
    "诗诚豪贝贞贤贵资赛超越跃轩辉达迎远逸道邦金钟钧铭锋锦镜长闻阳雅雨雪雯霖霞露青靖静韦韩"
    "韵顺颖飘飞香馨驰骏高魁鲁鸣鸿鹏鹤麒麟黎鼎龄绪硕舟亨妹迅玺"
    # met in the given names of villagers and retirees (某月娥, 某栋椿, 某灿林, 某端芳, 某励娥,
    # 某渭兵)
    "娥椿灿端励渭"
) - frozenset(
    # common in names too, but far commoner as words: left out so a phrase is not read as a name
    "会其在并镇席口前名同年心本行由甲北半化合多夜夫公六典则初加助千升日木朝望朋西古可史"
    "一二三四五六七八九开通运连选述言意知求双太方实在塘赛王张刘李杨朱孙"
)
# Characters that never (or almost never) sit inside a given name in news copy.
_NOT_IN_NAME = frozenset(
    "的了在是与及等区市县镇乡局委会部办省党府员记席们个这那其并都就还于把被对到赴将"
    "参指调示讲说某各该此每级处股室队组站所院村社街人次"
)
# ... or end one: 和 and 日 run on into the next word ("张三和李四", "王五日前"), and a verb
# that follows names runs on to a two-character name ("区长王晟率队", "村民孙慧说"); 后 and 时
# close a phrase of time ("丈夫商量后", "妻子离家时"); a tomb or a shrine is a place named
# after its person (蔡京墓, 屈原祠).
_NOT_LAST = frozenset("和日率说称赴后时也墓祠")
# Words that look like names to a pattern but are not people.
NOT_NAMES = frozenset(
    ["丰裕", "游园", "温饱", "马尔代", "近日", "会议", "区委", "日前", "目前", "同时", "会上", "今年", "姓名", "主要", "相关", "全体", "成员", "同志", "领导", "干部", "代表", "委员", "常委", "书记", "主任", "负责", "部分", "单位", "方面", "时间", "全面", "高度", "常态", "安全", "宣传", "管理", "建设", "项目", "关心", "关怀", "关注", "关爱", "关键", "关于", "任务", "任何", "荆州", "农业", "农民", "司法", "文明", "文化", "文件", "包保", "申报", "申请", "金融", "石油", "路径", "车辆", "方式", "方案", "安排", "安置", "安居", "辛勤", "苏维埃", "程序", "温度", "康养", "卫生", "师生", "商务", "惠民", "劳动", "巩固", "景区", "费用", "解决", "尤其", "阳光", "古城", "蓝天", "游客", "满意", "位置", "楼道", "黄金", "高效", "高新", "高速", "武汉", "齐抓", "纪律", "毕业", "季度", "苗头", "章程", "焦点", "祝贺", "向上", "严格", "严肃", "严格落实", "周边", "周密", "周年", "常务", "常规", "钱款", "马上", "于是", "于此", "洪水", "洪峰", "洪涝", "洪湖", "洪灾", "丰收", "丰富", "丰产", "丰硕", "丰盛", "代替", "代理", "但是", "成为", "成功", "成立", "成果", "成效", "成绩", "成熟", "成本", "成都", "原来", "原因", "原则", "原本", "原有", "原材料", "靖港", "诸多", "蔚然", "扈从", "万元", "万亩", "万人", "万吨", "万斤", "万余", "千万", "百万", "时代", "时期", "时候", "常年", "多年", "近年", "连日", "明年", "去年", "全年", "当年", "高兴", "向群众", "向师生", "向居民", "向村民", "向大家", "向记者", "向社会", "向游客", "向学生", "向企业", "齐集", "齐聚", "齐心", "单位", "司机", "古稀", "向邻居", "向家人", "向老人", "向孩子", "向父母", "向周边", "龙舟", "陆续", "纪念", "纪实", "纪要", "商量", "商议", "商讨", "官方", "商家", "房东", "文章",
     # verbs a surname's character starts (游客路过看到, 村干部包片)
     "路过", "包片", "包村", "包组", "包户", "包地", "包联",
     # offices and spans of time a surname's character starts (纪检书记, 游客高峰期)
     "纪检", "高峰",
     # adverbs a surname's character starts before 在 or 会 (村民常在河边, 他曾在外务工)
     "常在", "曾在", "曾会", "常会",
     # words for age, a season, a workshop, sitting down or a dumpling after a title's word
     # (高龄老人, 盛夏正是, 公司车间内, 村民席地而坐, 为老人包饺子)
     "高龄", "盛夏", "车间", "席地", "包饺", "包粽",
     # a cheerful look (老人乐呵呵地…); all joining in (党员干部齐上阵, 齐出动); a purse
     "乐呵", "齐上", "齐出", "钱袋",
     # words a surname's character starts: fellow writers (市民、文友与记者), a makeshift
     # bridge (搭建的简易桥), and new trades a preposition turns to (农民向新兴职业转变)
     "文友", "简易", "新兴",
     # again and again (老伴连声表示感谢)
     "连声"]
)
# A surname followed by one of these is a way of addressing someone, not a name: 李大妈.
_ADDRESS_WORDS = frozenset(
    ("大妈", "大爷", "大姐", "大哥", "阿姨", "奶奶", "爷爷", "婆婆", "老汉", "女士", "先生", "师傅",
     "老伯", "大叔", "大娘", "叔叔", "伯伯", "婶婶", "嫂子", "大嫂", "老太", "老",
     # kin terms people are called by in a neighbourhood: 罗姨爹, 谢爹爹, 张姨
     "爹爹", "姨爹", "姨妈", "姑妈", "舅舅", "舅妈", "姑父", "姨父", "大伯", "老爹", "嬢嬢", "伯母",
     "婶子", "姐姐", "哥哥", "爹", "姨", "叔", "婶", "伯", "嫂", "姐", "哥", "妈", "娘",
     # a post after the surname alone: 刘主任, 王书记, 李经理, 张总
     "主任", "书记", "经理", "局长", "老师", "校长", "院长", "队长", "支书", "村长", "镇长", "县长",
     "部长", "科长", "所长", "站长", "厂长", "主席", "会长", "医生", "警官", "总", "工")
)
# Surnames that are also prepositions: followed by a word the table knows is no name, they are
# the preposition (爱心人士向灾区…捐赠), not a person.
_PREPOSITION_SURNAMES = frozenset("向于")
# 王家河, 任家湾, 熊家咀: a surname, 家 and a word for a river, bend or hill is a place.
_PLACE_AFTER_JIA = frozenset("河湾台咀嘴岗坪冲垸畈岭庄坡沟寨铺集桥港塆堤坝洲营堰岔渡滩墩垴")
_CJK_RE = re.compile(f"^[{CJK}]+$")
# Characters an OCR prints for a common surname they resemble, and which are no surnames
# themselves (or far rarer ones): 划 for 刘, 玉 for 王. A name starting with one is read only
# where a title or a byline says a name stands there, and is reported as likely misread.
LOOKALIKE_SURNAMES = {
    "划": "刘", "玉": "王", "阵": "陈", "扬": "杨", "胀": "张", "粱": "梁", "孛": "李",
    "狳": "徐", "鄣": "郭", "郏": "郑", "秫": "林", "帏": "韩", "榭": "谢", "堇": "董",
}


@lru_cache(maxsize=1 << 16)
def plausible_name(name: str) -> bool:
    # Cached: the same few thousand candidates are asked about again and again in one issue.
    if not _CJK_RE.match(name) or name in NOT_NAMES or name[1:] in _ADDRESS_WORDS:
        return False
    if len(name) == 2 and name[0] == name[1]:
        return False  # 满满, 常常: a word said twice, not a surname and a given name
    if len(name) == 3 and name[:2] in NOT_NAMES:
        return False  # 单位主(要), 高兴地: a word and the start of the next
    if len(name) == 3 and (
        (name[0] in _PREPOSITION_SURNAMES and name[1:] in NOT_NAMES)
        or (name[1] == "家" and name[2] in _PLACE_AFTER_JIA)
    ):
        return False
    if name[:2] in COMPOUND_SURNAMES:
        given = name[2:]
        if not 1 <= len(given) <= 2:
            return False
    else:
        if name[0] not in SURNAMES or not 2 <= len(name) <= 3:
            return False
        given = name[1:]
    return not any(ch in _NOT_IN_NAME for ch in given) and given[-1] not in _NOT_LAST


def misread_name(name: str) -> str | None:
    """The name a look-alike surname stands for ("划小明" -> "刘小明"), when that reads as a
    name and the printed one does not."""
    likely = LOOKALIKE_SURNAMES.get(name[:1])
    if likely is None or plausible_name(name):
        return None
    fixed = likely + name[1:]
    return fixed if plausible_name(fixed) else None


def has_surname(name: str) -> bool:
    """The name starts with a surname (or the look-alike of one)."""
    return name[:1] in SURNAMES or name[:1] in LOOKALIKE_SURNAMES or name[:2] in COMPOUND_SURNAMES


def name_like(name: str) -> bool:
    """A name as printed, or one whose surname the OCR misread, or one with a rare surname."""
    return plausible_name(name) or misread_name(name) is not None or rare_name(name)


def rare_name(name: str) -> bool:
    """A name with a surname too rare for the main table (仉保国, 第五春花): read only where
    the context says a name stands there, and only with given-name characters."""
    if name[:1] not in RARE_SURNAMES or not 2 <= len(name) <= 3 or not _CJK_RE.match(name):
        return False
    given = name[1:]
    return (
        any(ch in GIVEN_CHARS for ch in given)
        and not any(ch in _NOT_IN_NAME for ch in given)
        and name not in NOT_NAMES
    )


def given_score(name: str) -> int:
    """How many of the given name's characters are ones names often hold (0 for none)."""
    start = 2 if name[:2] in COMPOUND_SURNAMES else 1
    return sum(ch in GIVEN_CHARS for ch in name[start:])


def given_len(name: str) -> int:
    return len(name) - (2 if name[:2] in COMPOUND_SURNAMES else 1)


def name_of_name_chars(name: str) -> bool:
    """A name in the table whose given name is made of characters names hold, every one of
    them (王立, never 原创 or 商铺): read as a name where nothing around it says so."""
    return plausible_name(name) and given_score(name) == given_len(name)


# The words Tibetan names are made of, two characters each (扎西, 洛桑, 卓玛): a name is one
# word or two (扎西顿珠, 洛桑曲培), and has no surname, so the table above never reads it.
TIBETAN_NAME_WORDS = frozenset(
    (
        "扎西", "洛桑", "次仁", "格桑", "多吉", "卓玛", "央金", "拉姆", "平措", "旦增", "丹增", "索朗", "尼玛", "达瓦", "边巴",
        "普布", "次旦", "顿珠", "强巴", "白玛", "德吉", "益西", "嘎玛", "罗布", "巴桑", "米玛", "土登", "贡嘎", "扎巴", "晋美",
        "阿旺", "群培", "曲珍", "德庆", "桑珠", "仁增", "措姆", "旺姆", "次珍", "拉巴", "多布", "曲培", "旺堆", "加措", "嘉措",
        "琼达", "白珍", "玉珍", "旺杰", "朗杰", "泽仁", "泽旺", "降措", "巴珠", "才让", "卓嘎", "益珍", "次央", "索南", "多杰",
        "旺久", "仓决", "曲扎", "拉珍", "德央", "措吉", "普琼", "欧珠", "格列", "达娃",
    )
)


def tibetan_name(token: str) -> bool:
    """A Tibetan name: its first word one Tibetan names open with, of two or four
    characters (扎西, 洛桑曲培, 扎西白云)."""
    return len(token) in (2, 4) and token[:2] in TIBETAN_NAME_WORDS and token not in _TIBETAN_WORDS_NOT_NAMES


_TIBETAN_WORDS_NOT_NAMES = frozenset(("扎西德勒",))  # a greeting


def split_glued_names(token: str) -> list[str]:
    """Names printed without the space between them: 王思奇王开 -> 王思奇, 王开;
    黄梓萌袁嘉怡吴卓 -> three names.

    A token is split only when every part reads as a name (a surname and one or two
    characters) and the whole does not (a compound surname such as 欧阳 keeps four). Parts
    read as printed win over parts read with a misread surname (张华魏玉兰 is 张华, 魏玉兰)."""
    if len(token) < 4 or (len(token) <= 4 and token[:2] in COMPOUND_SURNAMES):
        return [token]
    parts = _split(token, plausible_name)
    return parts if len(parts) > 1 else _split(token, name_like)


# Top surnames seldom found inside a given name: where names run together, one starts a name.
_NAME_STARTS = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗郑梁谢许韩冯邓曹彭曾肖董袁潘蒋蔡余杜叶程魏吕"
    "沈姚卢姜崔钟谭陆汪范廖贾邹孟熊秦邱尹薛闫段侯陶贺顾毛郝龚邵钱覃戴莫孔汤施樊葛邢乔"
    "庞倪聂翟殷詹耿焦俞"
)


def _split(token: str, ok: Callable[[str], bool]) -> list[str]:
    if len(token) <= 4 and token[:2] in COMPOUND_SURNAMES:
        return [token]
    # 孔洁王成林: a third character that is a surname and no given-name character starts the
    # next name (孔洁, 王成林), where 王思奇王开 keeps three (王思奇, 王开).
    order = (2, 3) if token[2:3] in _NAME_STARTS else (3, 2)
    for first in order:
        head, tail = token[:first], token[first:]
        if not ok(head):
            continue
        if 2 <= len(tail) <= 3 and ok(tail):
            return [head, tail]
        if len(tail) >= 4 and len(rest := _split(tail, ok)) > 1:
            return [head, *rest]
    return [token]


def join_spaced(tokens: list[str], titles: Collection[str] = ()) -> list[str]:
    """A name printed letter-spaced ("徐  翊", "鲁 昕"): runs of two or three single
    characters starting with a surname become one token; right after one of ``titles``
    (通讯员 明 金) any two do, a title naming who stands there."""
    out: list[str] = []
    k = 0
    while k < len(tokens):
        run = 0
        while k + run < len(tokens) and len(tokens[k + run]) == 1 and run < 4:
            run += 1
        ends = k + run >= len(tokens) or len(tokens[k + run]) != 1
        titled = run == 2 and k > 0 and tokens[k - 1] in titles and _CJK_RE.match(tokens[k] + tokens[k + 1])
        if 2 <= run <= 3 and (tokens[k] in SURNAMES or titled) and ends:
            out.append("".join(tokens[k : k + run]))
            k += run
        elif run == 4 and ends and tokens[k] in SURNAMES and tokens[k + 2] in SURNAMES:
            out += ["".join(tokens[k : k + 2]), "".join(tokens[k + 2 : k + 4])]  # 黄 璐 刘 煜
            k += run
        else:
            out.append(tokens[k])
            k += 1
    return out
