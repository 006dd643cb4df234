"""Round 4 (ph): captions in the forms county and city papers commonly print.

All text here is invented. A caption may open with any mark pointing at its picture (▲ above,
◀ beside, ▼ below), name who stands where without brackets (前排左二为 A), and several
pictures' captions may stand in one block over the last one's credit (…。 作者：A, then
◀… B 摄). Pages test_unseen cannot take (作者：A leaves the caption; its check that every
printed line is kept ignores only 摄 credits) are built here, not under ``fixtures/``.
"""

from __future__ import annotations

from articles.ocr import parse_issue
from tests.ocr.invented import captions, parsed

# A story whose headline the parser does not read (a long one after a kicker ending in a
# colon): the caption after its text was taken for its headline, printed after the text. Built
# here, not under fixtures/, since test_unseen wants every fixture article's headline read.
_STANDS_WHERE = r"""青石县报

2026年5月8日 星期五

消息：
寻访竹乡 记录新貌 青石县作家协会 县书画院组织竹溪村主题采风活动

文\岑秋 图\韦禾
5月6日，青石县作家协会组织二十余名会员走进竹溪村，参观村史馆和新建的竹编工坊。

在竹编工坊，老艺人韦长青向作家们讲解竹编的历史和技法，大家边看边记，不时提问。

座谈会上，竹溪村党支部书记介绍了近年来村里发展竹产业的做法，作家们纷纷表示要写好竹乡的新变化。

采风团在竹编工坊前合影  前排左二为竹溪村党支部书记宁远山

河口镇举办首届农民篮球赛

5月5日，河口镇首届农民篮球赛在镇文体广场开赛，来自全镇十个村的代表队参加比赛。

比赛将持续一周，镇里还为获奖队伍准备了农机具等奖品。（记者 岑秋禾）
"""


def test_a_caption_naming_who_stands_where_is_a_caption_without_a_full_stop():
    issue = parse_issue(_STANDS_WHERE)
    assert captions(issue) == ["采风团在竹编工坊前合影前排左二为竹溪村党支部书记宁远山"]
    assert "采风团在竹编工坊前合影 前排左二为竹溪村党支部书记宁远山" not in [
        a.headline for a in issue.articles
    ]


def test_marks_pointing_beside_or_below_open_captions_as_up_arrows_do():
    issue = parsed("tenth_ph4_marks")
    assert captions(issue) == ["◀茶农在云雾山茶园里采摘鲜叶。", "▼篮球赛开幕式上，村民代表队入场。"]
    assert [a.body[-7:] for a in issue.articles] == ["茶技术培训班。", "农机具等奖品。"]


_TWO_CAPTIONS = """青石县报

2026年5月10日 星期日

青石县新建三座农村文化礼堂

5月8日，青石县新建的三座农村文化礼堂同时启用，周边村民有了看戏、办酒、议事的新去处。

县文广局负责人介绍，三座礼堂均由旧村小学改建，今年还将再建五座。（记者 岑秋禾）

5月8日，竹溪村村民在新启用的文化礼堂里观看地方戏演出，
台下座无虚席。 作者：韦长青

◀5月9日，河口镇茶园里，茶农在采摘
春茶。近年来，该镇茶园面积逐年扩大。
通讯员 宁远山 摄
"""


def test_a_credit_under_two_captions_is_the_marked_ones_and_the_first_keeps_its_author():
    issue = parse_issue(_TWO_CAPTIONS)
    assert [(p.caption, p.photographers) for p in issue.photos] == [
        ("5月8日，竹溪村村民在新启用的文化礼堂里观看地方戏演出，台下座无虚席。", ["韦长青"]),
        ("◀5月9日，河口镇茶园里，茶农在采摘春茶。近年来，该镇茶园面积逐年扩大。", ["宁远山"]),
    ]
    assert [a.headline for a in issue.articles] == ["青石县新建三座农村文化礼堂"]


def test_a_sentence_after_a_photo_reports_signature_is_its_caption_not_a_story():
    # Two headline lines over the report: the second was taken for a story made of the
    # caption under the report's signature (□记者 A 摄影报道).
    issue = parsed("tenth_ph4_photo_report")
    assert captions(issue) == ["云雾山上的百年古茶树群。"]
    assert all("古茶树" not in a.body for a in issue.articles)
