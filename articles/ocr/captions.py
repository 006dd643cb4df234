"""Captions printed with no credit: a paragraph that points at its picture (▲…, 图为…).

A caption is found by its credit (（… 摄）); some papers print none. Such a caption still
says what it is in its first characters — a mark pointing up at the picture, or 图为 / 上图 /
图① — and stands as a paragraph of its own after the text it illustrates, or alone.
"""

from __future__ import annotations

import itertools
import re

from .bylines import EXCEPT_SIGNED_RE, credit_names, signature_at_end, tail_byline, writer_line
from .headlines import NEXT_BONUS as _OVER_BONUS
from .headlines import HeadLine, Target
from .layout import CAPTION_BLOCK_CHARS, Body, Caption, HeadRegion, Layout, closing_text
from .lines import Line
from .text import bigrams, ends_sentence, has_cjk

# How a caption with no credit opens: ▲ (or △) pointing at the picture above, ◀ beside it,
# ▼ below (never ▶, a list's bullet or a link's mark), 图为…, 上图…,
# 图①…. Never 图片 or 图表 (words a sentence opens with).
# A caption says who does what where: shorter than that it is a label or a slogan.
_CAPTION_MIN_CHARS = 6
_POINTING_RE = re.compile(r"^\s*(?:[▲△◀▼]|图为|[上下左右]图[：:为]?|图\s*[①-⑩\d][：:，]?)")


# Where someone stands in the picture, in brackets after their name (A（右）, B（左二）,
# （前排左三）): only a caption points into a picture; a story's text has none to point at.
_IN_PICTURE_RE = re.compile(
    r"[（(]\s*(?:前排|后排|中排)?\s*[左右中前后]\s*(?:[一二三四五六七八九十]|起)?\s*[）)]"
)


# Who stands where, said without brackets (前排左三为 A, 左一为 A, 左起：A B): a caption names
# the people in its picture so; a story's text has no picture to point into. Such a caption
# is often printed as a phrase with no full stop (采风团合影  前排左三为 A).
_STANDS_WHERE_RE = re.compile(
    r"(?:^|[\s，,。；;、])(?:(?:前排|后排|中排|图中)?[左右][一二三四五六七八九十]\s*为|[左右]起\s*[：:])"
)


# A picture news item: what happened, then the picture's own sentence (图为…), then who took
# it in brackets (…开幕。图为：开幕式上的合唱团。（记者 A B）). A story's paragraph does not
# end pointing at a picture with names after it.
_POINTS_LAST_RE = re.compile(r"[。！？，]\s*(?:图为|[上下左右]图为?)[：:]?[^。！？]{2,80}[。！？]\s*[（(][^（）()]{2,40}[）)]\s*$")


def _is_caption(paragraph: list[int], layout: Layout) -> bool:
    texts = [layout.lines[i].text for i in paragraph]
    said = "".join(texts)
    stands_where = _STANDS_WHERE_RE.search(said) is not None
    if len(said) > CAPTION_BLOCK_CHARS:
        return False
    credited: bool | None = None  # names in brackets after the last sentence, read once
    if _POINTS_LAST_RE.search(said) is not None:
        credited = bool(_bracketed_credit(texts))
    if not (
        _POINTING_RE.match(texts[0]) is not None
        or _points_into_picture(texts)
        or stands_where
        or credited
    ):
        return False
    if ends_sentence(texts[-1]) or stands_where:
        return True
    return credited if credited is not None else bool(_bracketed_credit(texts))


# A scene dated to its day in one short sentence (6月1日，村民在田间抢收小麦。) set apart after
# a text's last sentence: a news text goes on from its date, a caption says only that.
_DATED_SCENE_RE = re.compile(r"^\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[，,]")
_DATED_SCENE_MAX_CHARS = 60


# A text's own picture, its caption a phrase or one short clause set apart under the last
# paragraph (护林员们正在林间小道巡查。): no news text ends on so short a paragraph.
_SHORT_SCENE_MAX_CHARS = 24
_SHORT_SCENE_MIN_CHARS = 6
_TEXT_ABOVE_MIN_CHARS = 120
# How a text's own last short paragraph opens: what comes next, what is known, who says.
_CLOSING_WORDS_RE = re.compile(r"^(?:下一步|目前|据悉|据了解|今后|此外|同时|截至|记者|届时|欢迎|详情|（完）|\(完\))")


# A short name in quotes inside a caption's phrase, and the place a scene opens with.
_QUOTED_NAME_RE = re.compile("“[^“”，。：；！？]{1,8}”")
_SCENE_PLACE_RE = re.compile("^[^，。“”]{2,6}[上里中前旁边下内外]，")


# Who else attended, and what else was settled: the sentences a meeting's report ends on.
_REPORT_CLOSING_RE = re.compile(r"参加|出席|陪同|列席|会议|事项|研究了")


def _short_scene_after_text(body: Body, layout: Layout) -> bool:
    """The body's last paragraph is such a caption, under a text of some length (wrapped
    once in a narrow column, it is the same caption)."""
    if len(body.paragraphs) < 2 or len(body.paragraphs[-1]) > 2:
        return False
    last = [layout.lines[i] for i in body.paragraphs[-1]]
    if not _short_scene(last[0], "".join(line.text.strip() for line in last)):
        return False
    if not ends_sentence(layout.lines[body.paragraphs[-2][-1]].text):
        return False
    above = sum(len(layout.lines[i].text) for p in body.paragraphs[:-1] for i in p)
    return above >= _TEXT_ABOVE_MIN_CHARS


def _short_scene(line: Line, said: str | None = None) -> bool:
    """One short clause or phrase set apart on its line (or ``said`` from it on), as a
    picture's caption is: no speech, no second clause, none of the sentences a text or a
    report ends on."""
    text = line.text.strip() if said is None else said
    if not line.blank_before or not _SHORT_SCENE_MIN_CHARS <= len(text) <= _SHORT_SCENE_MAX_CHARS:
        return False
    if _CLOSING_WORDS_RE.match(text):
        return False
    # A short name in quotes (“红马甲”们…, “周末课堂”掠影) and the place the scene is set
    # at (河堤路上，…) are still one phrase; other quotes and commas are speech or a clause more.
    phrase = _SCENE_PLACE_RE.sub("", _QUOTED_NAME_RE.sub("名", text), count=1)
    if any(mark in phrase for mark in "，“”：；！？（）()"):
        return False
    if _REPORT_CLOSING_RE.search(text):
        return False  # "…全体成员参加会议。", "会议还研究了其他事项。": how a report ends
    return (text.endswith("。") and text.count("。") == 1) or has_cjk(text[-1])


def _headline_and_scene_after_signature(body: Body, previous: object, layout: Layout) -> bool:
    """Two lines set apart under a text signed at its end, read as a text of two paragraphs:
    a line with no full stop, shaped as a headline, and a short scene."""
    indices = body.line_indices()
    if body.signed or len(indices) != 2:
        return False
    head, scene = layout.lines[indices[0]], layout.lines[indices[1]]
    text = head.text.strip()
    if not head.blank_before or ends_sentence(text) or not 4 <= len(text) <= _SHORT_SCENE_MAX_CHARS:
        return False
    if not _short_scene(scene):
        return False
    return _signed_at_end(previous, layout)


def _signed_at_end(previous: object, layout: Layout) -> bool:
    if not isinstance(previous, Body) or not previous.paragraphs:
        return False
    last = "".join(layout.lines[i].text for i in previous.paragraphs[-1])
    return previous.tail is not None or tail_byline(last, photo_report=True) is not None


def _short_scene_after_signature(body: Body, previous: object, layout: Layout) -> bool:
    """The same caption under a text its writers signed at the end ("…。（记者 A B 摄影报道）"),
    read as the first paragraph of the text after it."""
    if len(body.paragraphs) < 2 or len(body.paragraphs[0]) != 1:
        return False
    if body.signed or not _short_scene(layout.lines[body.paragraphs[0][0]]):
        return False
    if not layout.lines[body.paragraphs[1][0]].blank_before:
        return False
    return _signed_at_end(previous, layout)


def _dated_scene(paragraph: list[int], layout: Layout) -> bool:
    lines = [layout.lines[i] for i in paragraph]
    text = "".join(line.text for line in lines).strip()
    return (
        lines[0].blank_before
        and len(text) <= _DATED_SCENE_MAX_CHARS
        and _DATED_SCENE_RE.match(text) is not None
        and text.endswith("。")
        and text.count("。") == 1
    )


def _points_into_picture(texts: list[str]) -> bool:
    return any(_IN_PICTURE_RE.search(t) for t in texts) or bool(
        len(texts) > 1 and _IN_PICTURE_RE.search("".join(texts))  # a bracket wrapped
    )


def _bracketed_credit(texts: list[str]) -> str:
    """Who took the picture, named in brackets after the caption's last sentence with no 摄
    (下图为…。（A）): the names, or "" when the brackets hold none."""
    signature = tail_byline("".join(texts))
    if signature is None or not signature.writers:
        return ""
    return " ".join(w.name for w in signature.writers)


def _pointing_caption(region: HeadRegion, layout: Layout) -> bool:
    """A headline region's first line is a caption pointing at its picture (▲…, 图为…,
    下图为…。（A）): a finished sentence that opens as a caption is no headline, however
    short the page set it. Never a line of a stack cut among the bodies under it."""
    return not region.owners and _is_caption(region.lines[:1], layout)


def _trailing_pointing_caption(region: HeadRegion, layout: Layout) -> Caption | None:
    """A headline group printed after its text, then the story's caption pointing at its
    picture (下图为…。（A）) set apart under it: the caption is the region's last line, and
    comes off it. A headline never opens as a caption does."""
    if region.owners or len(region.lines) < 2:
        return None
    last = region.lines[-1]
    if not layout.lines[last].blank_before or not _is_caption([last], layout):
        return None
    region.lines.pop()
    return Caption([last], _bracketed_credit([layout.lines[last].text]))


# A caption may be a phrase with no full stop (▲青江古镇, ▲左一为某某): the mark pointing up at
# the picture says what it is. Up to this long, on one line: longer, a paragraph of a story.
_POINTING_PHRASE_MAX_CHARS = 40
_POINTING_UP_RE = re.compile(r"^\s*[▲△]\s*\S")


def _pointing_phrase(region: HeadRegion, before: object, after: list, layout: Layout) -> list[int]:
    """The region's first lines when they are a caption pointing up at its picture (▲青江古镇,
    ▲ 脆弱的树木，经不起… / 攀爬折腾。) and head nothing: other headline lines follow (they head
    the story under them), or no text does, or no text comes before it. Alone between two
    texts, a ▲ line may be the second one's subhead (▲ 推进产业升级)."""
    lines = layout.lines
    first = region.lines[0]
    if _POINTING_UP_RE.match(lines[first].text) is None:
        return []
    taken: list[int] = []
    for i in region.lines[:3]:
        taken.append(i)
        if ends_sentence(lines[i].text):
            break
    said = "".join(lines[i].text.strip() for i in taken)
    if not (ends_sentence(lines[taken[-1]].text) and len(said) <= _UNDER_GROUP_MAX_CHARS):
        taken, said = [first], lines[first].text.strip()
        if ends_sentence(said) or len(said) > _POINTING_PHRASE_MAX_CHARS:
            return []
    if any(i in region.owners for i in taken) or len(said) < _CAPTION_MIN_CHARS // 2:
        return []
    if len(region.lines) > len(taken) or not after or not isinstance(after[0], Body):
        return taken
    # Over a text, with no text before it on the page that it could be a subhead of.
    return taken if not isinstance(before, Body) else []


# A picture's title is a short phrase (秋收正当时) and its caption one short sentence saying
# who does what where: longer, a story's headline over its first sentence.
_PHOTO_TITLE_MAX_CHARS = 16
_TITLED_SCENE_MAX_CHARS = 45


def _titled_by(elements: list, at: int, layout: Layout, longest: int) -> bool:
    """The element before ``at`` is one short line heading nothing else, no sentence: a
    picture's title (at most ``longest`` characters)."""
    title = elements[at - 1] if at else None
    if not isinstance(title, HeadRegion) or title.owners or len(title.lines) != 1:
        return False
    head = layout.lines[title.lines[0]].text.strip()
    return 2 <= len(head) <= longest and not ends_sentence(head)


def _titled_caption(title: HeadRegion, lines: list[int], credit: str) -> Caption:
    """The caption a picture's title was read over: the title heads it, not a picture or a
    text beside it."""
    caption = Caption(lines, credit)
    title.owners.update(dict.fromkeys(title.lines, caption))
    return caption


def _scene_over_signed_text(body: Body, elements: list, at: int, layout: Layout) -> bool:
    """One dated sentence set apart after a headline group and right before a text opened by
    its byline (开在村委会里的表彰会 / 6月1日，某村村民在抢收小麦。 / 本报讯（通讯员 A）…): the
    text starts at its byline, so the sentence is no lead of it but a picture's caption,
    printed with no credit."""
    if body.signed or body.tail or len(body.paragraphs) != 1 or not 0 < at < len(elements) - 1:
        return False
    before, after = elements[at - 1], elements[at + 1]
    return (
        isinstance(before, HeadRegion)
        and isinstance(after, Body)
        and after.has_byline
        and _dated_scene(body.paragraphs[0], layout)
    )


def _titled_scene(body: Body, elements: list, at: int, layout: Layout) -> bool:
    """A picture printed with a title and a one-sentence caption, no credit and no writers
    (秋收正当时 / 10月7日，某镇农民在梯田里采摘辣椒。), before the next story or a caption: a
    story under a headline says more than one short sentence, and someone signs it; a lead
    over a subhead goes on under it (unsigned)."""
    if body.signed or body.tail or len(body.paragraphs) != 1:
        return False
    if not _titled_by(elements, at, layout, _PHOTO_TITLE_MAX_CHARS):
        return False
    after = elements[at + 1 : at + 3]
    if after and not isinstance(after[0], Caption):
        if not isinstance(after[0], HeadRegion):
            return False
        if len(after) > 1 and isinstance(after[1], Body) and not after[1].signed:
            return False  # a subhead over more of the same text, or a story nobody signed
    lines = [layout.lines[i] for i in body.paragraphs[0]]
    said = "".join(line.text.strip() for line in lines)
    # One clause, after a date or a place at most: who does what where.
    return len(said) <= _TITLED_SCENE_MAX_CHARS and said.count("，") <= 1 and _one_sentence(said)


# A credit saying the writer took the pictures too: 文/摄, 图/文, 文并摄, 图文.
_WORDS_AND_PICTURE_RE = re.compile(r"文\s*[/／]\s*[摄图]|[图摄]\s*[/／]\s*文|文并摄|图文|文图")
_SIGNED_PICTURE_TITLE_MAX_CHARS = 20
_SIGNED_PICTURE_MAX_CHARS = 160
_SIGNED_BRIEF_CAPTION_MAX_CHARS = 60
# The day, then the place: "3月3日，在城区东风街亚星桥，…", "10月26日上午，在某某盐场…".
_SCENE_AT_PLACE_RE = re.compile(r"^\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:[上中下]午|晚上?|早上|傍晚)?\s*[，,]\s*在")


_REPORTER_TITLE_RE = re.compile("记者|通讯员|摄影")


def _reporters(line: str) -> bool:
    """A line naming a paper's own people (记者 A, 通讯员 B): no reader signing a piece with
    where they work (县实验中学 教师 A)."""
    signed = writer_line(line)
    return signed is not None and bool(signed.writers) and all(
        _REPORTER_TITLE_RE.search(w.title) for w in signed.writers
    )


def _author(line: str) -> bool:
    """A line naming who wrote a piece and nothing else: 作者：A."""
    signed = writer_line(line)
    return signed is not None and len(signed.writers) == 1 and signed.writers[0].title == "作者"


_LABEL_MAX_CHARS = 4  # a column's name (快讯, 图片新闻) over the next headline says nothing


def _signed_picture(body: Body, elements: list, at: int, layout: Layout) -> str:
    """A picture news item: a title, a caption of a few sentences and, on a line under it, who
    wrote it and took the picture (制作龙灯 / 1月7日，村民正忙着…。 / 记者 A 文/摄). A story
    its writer illustrated says more than a paragraph. The names, or "" when it is no such
    item."""
    if body.signed or not body.tail or len(body.paragraphs) != 1:
        return ""
    said = "".join(layout.lines[i].text.strip() for i in body.paragraphs[0])
    # Signed by a reporter alone (记者 A), a text of a sentence or two is a picture's caption:
    # no story is told in so few characters.
    # So is a paragraph opening as a picture's caption does, with the day and the place where
    # it was taken ("3月3日，在某某桥，…"), whatever its length.
    # Such a paragraph signed by its author (作者：A) is a picture's too.
    scene = _SCENE_AT_PLACE_RE.match(said) is not None
    brief = ((len(said) <= _SIGNED_BRIEF_CAPTION_MAX_CHARS or scene) and _reporters(body.tail)) or (
        scene and _author(body.tail)
    )
    words_and_picture = _WORDS_AND_PICTURE_RE.search(body.tail) is not None
    if not words_and_picture and not brief:
        return ""
    if not _titled_by(elements, at, layout, _SIGNED_PICTURE_TITLE_MAX_CHARS):
        return ""
    # Signed by a reporter alone, the line over it titles it only if they share words: a
    # headline printed under the story before it shares none.
    if not words_and_picture and not _shares_words(elements[at - 1], said, layout):
        return ""
    if len(said) > _SIGNED_PICTURE_MAX_CHARS or not ends_sentence(said):
        return ""
    after = elements[at + 1 : at + 3]
    signed = writer_line(body.tail)
    takers = [w.name for w in signed.writers] if signed is not None else []
    if after and isinstance(after[0], Caption) and (
        not after[0].credit
        or set(credit_names(after[0].credit)) & set(takers)
        or EXCEPT_SIGNED_RE.search(body.tail)
    ):
        # The story's own picture follows it; one credited to others is another item's,
        # unless the writers said some of their pictures are signed by others (除署名外).
        return ""
    if (
        after
        and isinstance(after[0], HeadRegion)
        and len(after[0].lines) > 1
        and layout.lines[after[0].lines[0]].blank_after
        and len(layout.lines[after[0].lines[0]].text.strip()) > _LABEL_MAX_CHARS
    ):
        return ""  # a line set apart over the next headline: the story's own picture
    return " ".join(takers)


def _shares_words(title: HeadRegion, said: str, layout: Layout) -> bool:
    """A one-line title and a caption share a pair of characters."""
    return bool(bigrams(layout.lines[title.lines[0]].text) & bigrams(said))


def _brief_picture_titled_below(body: Body, elements: list, at: int, layout: Layout) -> str:
    """The same picture on a page printing titles under what they title: a sentence or two
    signed by a reporter alone, and under it one short line sharing its words. The names, or
    "" when it is no such item."""
    if body.signed or not body.tail or len(body.paragraphs) != 1 or not _reporters(body.tail):
        return ""
    said = "".join(layout.lines[i].text.strip() for i in body.paragraphs[0])
    if len(said) > _SIGNED_BRIEF_CAPTION_MAX_CHARS or not ends_sentence(said):
        return ""
    if at + 1 >= len(elements) or not _titled_by(elements, at + 2, layout, _SIGNED_PICTURE_TITLE_MAX_CHARS):
        return ""
    if not _shares_words(elements[at + 1], said, layout):
        return ""
    if _titled_by(elements, at, layout, _SIGNED_PICTURE_TITLE_MAX_CHARS) and _shares_words(
        elements[at - 1], said, layout
    ):
        return ""  # a title over it sharing its words: read as such above
    signed = writer_line(body.tail)
    return " ".join(w.name for w in signed.writers) if signed is not None else ""


def split_uncredited_captions(layout: Layout) -> None:
    """Make a body's last paragraphs captions while they open as one and carry no credit (one
    caption each); a body that is nothing but such paragraphs becomes captions."""
    elements = []
    for at, element in enumerate(layout.elements):
        if isinstance(element, HeadRegion) and (
            phrase := _pointing_phrase(
                element, elements[-1] if elements else None, layout.elements[at + 1 : at + 2], layout
            )
        ):
            elements.append(Caption(phrase, ""))
            element.lines = element.lines[len(phrase) :]
            if not element.lines:
                continue
        # The last line of the text above read as a headline (its brackets left no full
        # stop at the end): a caption still, if it opens as one.
        if (
            isinstance(element, HeadRegion)
            and elements
            and isinstance(elements[-1], Body)
            and _pointing_caption(element, layout)
        ):
            caption = element.lines[:1]
            texts = [layout.lines[i].text for i in caption]
            elements.append(Caption(caption, _bracketed_credit(texts)))
            element.lines = element.lines[1:]
            if not element.lines:
                continue
        trailing = (
            _trailing_pointing_caption(element, layout)
            if isinstance(element, HeadRegion) and elements and isinstance(elements[-1], Body)
            else None
        )
        elements.append(element)
        if trailing is not None:
            elements.append(trailing)
        if isinstance(element, Body) and _titled_scene(element, layout.elements, at, layout):
            elements[-1] = _titled_caption(layout.elements[at - 1], list(element.paragraphs[0]), "")
            continue
        if isinstance(element, Body) and _scene_over_signed_text(element, layout.elements, at, layout):
            elements[-1] = Caption(list(element.paragraphs[0]), "")
            continue
        if isinstance(element, Body) and (
            takers := _signed_picture(element, layout.elements, at, layout)
        ):
            lines = [*element.paragraphs[0], *element.tail_lines]
            elements[-1] = _titled_caption(layout.elements[at - 1], lines, takers)
            continue
        if isinstance(element, Body) and (
            takers := _brief_picture_titled_below(element, layout.elements, at, layout)
        ):
            lines = [*element.paragraphs[0], *element.tail_lines]
            elements[-1] = _titled_caption(layout.elements[at + 1], lines, takers)
            continue
        if isinstance(element, Body) and _headline_and_scene_after_signature(
            element, elements[-2] if len(elements) > 1 else None, layout
        ):
            # "没有良好的生态，哪里还记得住乡愁" / "新建的蓝藻应急处理池。" under a signed text:
            # the text's headline printed after it, then its picture's caption.
            first, second = element.line_indices()
            elements[-1:] = [HeadRegion([first]), Caption([second], "")]
            continue
        if isinstance(element, Body) and _short_scene_after_signature(
            element, elements[-2] if len(elements) > 1 else None, layout
        ):
            elements.insert(len(elements) - 1, Caption(list(element.paragraphs.pop(0)), ""))
        if not isinstance(element, Body) or element.tail:
            continue
        captions: list[Caption] = []
        while element.paragraphs and _is_caption(element.paragraphs[-1], layout):
            if len(element.paragraphs) == 1 and element.signed:
                break  # an article whose text happens to open with 图为
            paragraph = list(element.paragraphs.pop())
            credit = _bracketed_credit([layout.lines[i].text for i in paragraph])
            captions.insert(0, Caption(paragraph, credit))
        if (
            not captions
            and len(element.paragraphs) > 1
            and ends_sentence(layout.lines[element.paragraphs[-2][-1]].text)
            and _dated_scene(element.paragraphs[-1], layout)
        ):
            captions.append(Caption(list(element.paragraphs.pop()), ""))
        if not captions and _short_scene_after_text(element, layout):
            captions.append(Caption(list(element.paragraphs.pop()), ""))
        if not element.paragraphs:
            elements.pop()
        elements.extend(captions)
    layout.elements = elements
    _captions_under_trailing_groups(layout)
    _captions_after_photo_reports(layout)


# A photo report's signature (□记者 A 摄影报道, 本报记者 A 摄): the text has pictures.
_PHOTO_REPORT_TAIL_RE = re.compile(r"摄影报道|摄\s*$")


def _one_sentence(said: str) -> bool:
    return (
        _CAPTION_MIN_CHARS <= len(said) <= _UNDER_GROUP_MAX_CHARS
        and said.endswith(("。", "！"))
        and sum(said.count(c) for c in "。！？") == 1
    )


def _captions_after_photo_reports(layout: Layout) -> None:
    """A text signed as a photo report (□记者 A 摄影报道) is followed by its pictures'
    captions with no credit of their own: each one short sentence set apart (亚洲最大的露天
    矿坑。), unsigned — not a story, which would say more."""
    elements = layout.elements
    lines = layout.lines
    for k in range(1, len(elements)):
        report = elements[k - 1]
        if not isinstance(report, Body) or not report.tail:
            continue
        if _PHOTO_REPORT_TAIL_RE.search(report.tail) is None:
            continue
        while k < len(elements):
            fragment = elements[k]
            if (
                not isinstance(fragment, Body)
                or fragment.signed
                or fragment.tail
                or len(fragment.paragraphs) != 1
                or not lines[fragment.paragraphs[0][0]].blank_before
                or not _one_sentence("".join(lines[i].text for i in fragment.paragraphs[0]).strip())
            ):
                break
            elements[k] = Caption(list(fragment.paragraphs[0]), "")
            k += 1


# A caption under a group printed after its text is one sentence: longer than this, a story.
_UNDER_GROUP_MAX_CHARS = 60
# How much of the group's words the text above must hold to be the story it heads (printed
# after it), and how much of the caption's words it must hold for the caption to retell it.
_HEADS_ABOVE = 0.5
_RETELLS_ABOVE = 0.3


def _captions_under_trailing_groups(layout: Layout) -> None:
    """Where a page prints a headline group after its text, the story's photo caption with
    no credit follows that group: one short sentence set apart under it (学生们在车间调研。),
    its words the story's, under a group whose words are the story above's more than its own.
    A short story under its own headline shares that headline's words and not the text above."""
    elements = layout.elements
    lines = layout.lines
    for k in range(2, len(elements)):
        fragment, group, text = elements[k], elements[k - 1], elements[k - 2]
        if (
            not isinstance(fragment, Body)
            or not isinstance(group, HeadRegion)
            or not isinstance(text, Body)
            or group.owners
            or fragment.signed
            or fragment.tail
            or len(fragment.paragraphs) != 1
            or not lines[fragment.paragraphs[0][0]].blank_before
        ):
            continue
        said = "".join(lines[i].text for i in fragment.paragraphs[0]).strip()
        if (
            not _CAPTION_MIN_CHARS <= len(said) <= _UNDER_GROUP_MAX_CHARS
            or not said.endswith(("。", "！"))
            or sum(said.count(c) for c in "。！？") != 1
            or not ends_sentence(lines[text.line_indices()[-1]].text)
        ):
            continue
        head_grams = bigrams("".join(lines[i].text for i in group.lines))
        said_grams = bigrams(said)
        story = bigrams("".join(lines[i].text for i in text.line_indices()))
        if not head_grams or not said_grams:
            continue
        heads_above = len(head_grams & story) / len(head_grams)
        if (
            heads_above >= _HEADS_ABOVE
            and heads_above >= len(head_grams & said_grams) / len(head_grams)
            and len(said_grams & story) / len(said_grams) >= _RETELLS_ABOVE
        ):
            elements[k] = Caption(list(fragment.paragraphs[0]), "")


def captions_after_groups(
    layout: Layout, heads: list[HeadLine], targets: list[Target]
) -> list[list[HeadLine]]:
    """Where a headline group is printed after its body, the article's photo follows the
    group: one line set apart after a group that names the body above, right before the next
    body and naming no body by its words, is that photo's caption even with no credit and
    no mark (王国强在办公室内办公) — not a headline, which would repeat its body's words.

    Never a region's only line, a line that names a body, a subheadline (——…) or the line
    after a kicker ending in a dash or colon, a line with writers under it, a wrapped line,
    or the line after the group of a body that has headline lines elsewhere too."""
    elements = layout.elements
    regions: dict[int, list[HeadLine]] = {}
    for head in heads:
        regions.setdefault(head.region, []).append(head)
    # Where each body's headline lines stand: a body headed in two places (a stack over it
    # and lines after it) is a story in parts, and the lines after it are its subheadlines.
    headed_elsewhere: dict[int, set[int]] = {}
    for head in heads:
        if head.target is not None:
            headed_elsewhere.setdefault(targets[head.target].element, set()).add(head.region)
    found: list[HeadLine] = []
    for r, region in regions.items():
        last = region[-1]
        if (
            len(region) < 2
            or r == 0
            or r + 1 >= len(elements)
            or not isinstance(elements[r - 1], Body)
            or not isinstance(elements[r + 1], Body)
            or len(last.lines) != 1
            or last.byline
            or last.level
            or len(last.text) < _CAPTION_MIN_CHARS
            or last.text.startswith(("—", "-"))
            or not layout.lines[last.lines[0]].blank_before
            # A kicker ending in a dash or colon leads into the line after it (…意识——).
            or region[-2].text.endswith(("—", "：", ":"))
        ):
            continue
        if last.target is not None:
            continue  # a line that names a body is a headline, however the page is set
        named = any(
            h.target is not None and targets[h.target].element == r - 1 for h in region[:-1]
        )
        if named and not headed_elsewhere.get(r - 1, set()) - {r}:
            found.append(last)
    found += _captions_before_groups(layout, regions, targets)
    captions = [[head] for head in found]
    captions += _wrapped_captions_after_groups(layout, regions, targets)
    captions += _wrapped_captions_before_groups(layout, regions, targets)
    taken = {id(head) for caption in captions for head in caption}
    # Bodies with a headline line other than a numbered one: where the numbered line is the
    # only line naming its body, that body's own headline was not read, and taking the line
    # away would join the body to the story before it.
    numbered = [c for c in (_numbered_caption(layout, r) for r in regions.values()) if c]
    in_numbered = {id(head) for caption in numbered for head in caption}
    headed = {h.target for h in heads if h.target is not None and id(h) not in in_numbered}
    for caption in numbered:
        if caption[0].target in headed | {None} and all(id(h) not in taken for h in caption):
            captions.append(caption)
    return captions


# A caption wrapped over lines runs its first line to the full width of its column: at least
# this wide on a page of narrow columns. A headline broken over two lines breaks where its words
# do, its second part often as long as the first or longer.
_WRAPPED_LINE_MIN_CHARS = 14
# A headline group runs to a few lines: a block wrapped over more is no caption of one picture.
_WRAPPED_CAPTION_MAX_LINES = 3
# A caption set in the page's columns fills most of a column's width (narrower than the text's
# column by a few characters at most).
_COLUMN_SHARE = 0.7
_COLUMN_SAMPLE_LINES = 12


def _wrapped_captions_after_groups(
    layout: Layout, regions: dict[int, list[HeadLine]], targets: list[Target]
) -> list[list[HeadLine]]:
    """Where a headline group is printed after its body, the article's photo caption with no
    credit follows the group, wrapped over lines (县长一行在村里调研 / 采访): lines set apart
    together after the group, naming no story but the one above, each but the last as wide
    as the first, a full column's width. Writers under the block stay the next story's."""
    elements = layout.elements
    lines = layout.lines
    found: list[list[HeadLine]] = []
    for r, region in regions.items():
        if r == 0 or r + 1 >= len(elements):
            continue
        above, below = elements[r - 1], elements[r + 1]
        if not isinstance(above, Body) or not isinstance(below, Body):
            continue
        heads = list(region)
        while heads and heads[-1].byline and len(heads[-1].lines) == 1:
            heads.pop()  # the next story's writers, printed under the caption
        # The trailing block: heads touching one another, the first set apart.
        start = len(heads) - 1
        while start > 0 and not lines[heads[start].lines[0]].blank_before:
            start -= 1
        block, group = heads[start:], heads[:start]
        if (
            not group
            or group[-1].text.endswith(("—", "：", ":"))
            or not _wrapped_block(block, layout, above)
        ):
            continue
        own = {k for k, t in enumerate(targets) if t.element == r - 1}
        # The group heads the story above; the block names no other story.
        if not any(h.target in own for h in group) or any(
            h.target is not None and h.target not in own for h in block
        ):
            continue
        found.append(block)
    return found


# A caption numbered for its picture (①…, ②…): a page with several pictures numbers each
# caption, and a headline never opens with a circled number.
_NUMBERED_RE = re.compile(r"^\s*[①-⑩]\s*\S")


def _numbered_caption(layout: Layout, region: list[HeadLine]) -> list[HeadLine]:
    """The first line of a region opening with a circled number (①不少居民在公园内游玩), set
    apart after a text, is a picture's caption printed with no credit — with the line under
    it when the caption wraps onto a second line that the page then sets apart (…泡泡公 /
    园内游玩). The rest of the region stays the next story's headline group."""
    first = region[0]
    if (
        first.byline
        or first.level
        or not _NUMBERED_RE.match(first.text)
        or not layout.lines[first.lines[0]].blank_before
    ):
        return []
    caption = [first]
    end = first.lines[-1]
    if not layout.lines[end].blank_after:
        if len(region) < 2 or region[1].lines[0] != end + 1 or region[1].byline:
            return []
        second = region[1]
        if not layout.lines[second.lines[-1]].blank_after or len(second.lines) != 1:
            return []
        caption.append(second)
    if sum(len(h.text) for h in caption) > CAPTION_BLOCK_CHARS:
        return []
    return caption


# How much of a caption's words the story above must hold: a caption retells its story.
_RETELLS = 0.1
# A caption alone after a signed text may be a short phrase (采摘秋茶): who signed the text
# and the story it retells already say what it is.
_LONE_CAPTION_MIN_CHARS = 4
_TWO_PHRASES_RE = re.compile(r"[：:]|\S\s+\S")


def _finished(body: Body, layout: Layout, *, signed: bool) -> bool:
    """The text above is over: its last sentence ended, and (where asked) its writers signed
    it — in its opening byline (本报讯（A B）), on a line after it (本报记者 A B) or in brackets
    closing it (（A B）)."""
    last = layout.lines[body.line_indices()[-1]].text.rstrip()
    if last.endswith(("）", ")")):
        return True
    return ends_sentence(last) and (not signed or body.signed or body.tail is not None)


def _captions_before_groups(
    layout: Layout, regions: dict[int, list[HeadLine]], targets: list[Target]
) -> list[HeadLine]:
    """Where headlines stand over their bodies, an article's photo follows its text: one line
    set apart right after a finished text, before the next article's headline group, retelling
    the story above (村民在修好的古井旁打水 under a text about the well) more than any other, is
    that photo's caption, printed with no credit and no mark — not a line of the next group,
    nor a subheadline of a story whose headline stands over it. A line sharing no words with
    the story above stays unplaced, as before."""
    elements = layout.elements
    by_element = {t.element: k for k, t in enumerate(targets)}
    found: list[HeadLine] = []
    heads_of = [h for region in regions.values() for h in region]
    for r, region in regions.items():
        first = region[0]
        above = by_element.get(r - 1)
        # A line alone between a signed text and the page's end (or the next text) is the
        # shape of an uncredited caption too (采摘秋茶 under a story about the tea harvest).
        lone = len(region) == 1
        # Under a text its writers signed, a short phrase (测量血压) may be the caption too,
        # as after a lone line: the signature says the text above is over.
        above_body = elements[r - 1] if r > 0 else None
        short = lone or (
            isinstance(above_body, Body) and _finished(above_body, layout, signed=True)
        )
        if (
            r == 0
            or above is None
            or not isinstance(elements[r - 1], Body)
            or (not lone and (r + 1 >= len(elements) or not isinstance(elements[r + 1], Body)))
            or first.target not in (None, above)
            or first.byline
            or first.level
            or len(first.lines) != 1
            or len(first.text) < (_LONE_CAPTION_MIN_CHARS if short else _CAPTION_MIN_CHARS)
            or first.text.startswith(("—", "-"))
            or not layout.lines[first.lines[0]].blank_before
            or not layout.lines[first.lines[0]].blank_after
            or not _finished(elements[r - 1], layout, signed=lone)  # type: ignore[arg-type]
            # Two phrases (某镇：…, A B) are a headline's shape, printed after its text.
            or (lone and _TWO_PHRASES_RE.search(first.text.strip()) is not None)
        ):
            continue
        # The rest of the region heads the body below it.
        below = by_element.get(r + 1)
        if not lone and (below is None or not any(h.target == below for h in region[1:])):
            continue
        # Read as a line of the story above's headline group, it must be one more: that story
        # has its headline over it already (a lone line after its body is otherwise the
        # headline of a page that prints headlines after their texts).
        if (lone or first.target == above) and not any(
            h.target == above for e, other in regions.items() if e != r for h in other
        ):
            continue
        # The line belongs to the story above or is a line of the next one: only those two
        # can claim it. A story elsewhere on the page sharing more of its words (村民, 村) is
        # not printed next to it, so cannot be the one it illustrates.
        retold = first.scores.get(above, 0.0)
        rival = first.scores.get(below, 0.0) if below is not None else 0.0
        if lone and rival > _OVER_BONUS and not any(h.target == below for h in heads_of):
            continue  # a line alone right over a text with no headline, sharing its words, heads it
        if retold >= _RETELLS and retold >= rival:
            found.append(first)
    return found


def _wrapped_block(block: list[HeadLine], layout: Layout, text: Body) -> bool:
    """Lines that are one block of text wrapped over 2–3 lines: the first set apart, each
    touching the one before, each but the last as wide as the first (a full column, at least
    _WRAPPED_LINE_MIN_CHARS and near the width of the text's column beside it), the last no
    wider; no writers, heading or dash among them. Under text printed a paragraph a line, two
    short lines are a headline broken in two, not a caption wrapped in a narrow column."""
    lines = layout.lines
    column = sorted(len(lines[i].text.strip()) for i in text.last_lines(_COLUMN_SAMPLE_LINES))
    if (
        not 2 <= len(block) <= _WRAPPED_CAPTION_MAX_LINES
        or not lines[block[0].lines[0]].blank_before
        or any(h.byline or h.level or len(h.lines) != 1 for h in block)
        or any(
            lines[a.lines[0]].blank_after or b.lines[0] != a.lines[0] + 1
            for a, b in itertools.pairwise(block)
        )
        or block[0].text.startswith(("—", "-"))
        or sum(len(h.text) for h in block) > CAPTION_BLOCK_CHARS
    ):
        return False
    if not column:
        return False
    widths = [len(lines[h.lines[0]].text.strip()) for h in block]
    return (
        widths[0] >= max(_WRAPPED_LINE_MIN_CHARS, _COLUMN_SHARE * column[len(column) // 2])
        and all(abs(w - widths[0]) <= 1 for w in widths[1:-1])
        and widths[-1] <= widths[0]
    )


def _leading_block(region: list[HeadLine], layout: Layout, text: Body) -> list[HeadLine]:
    """The region's first lines when they are one block of wrapped text set apart from the
    lines after it too, or []."""
    lines = layout.lines
    end = 1
    while (
        end < len(region)
        and end < _WRAPPED_CAPTION_MAX_LINES
        and region[end].lines[0] == region[end - 1].lines[-1] + 1
        and not lines[region[end - 1].lines[-1]].blank_after
    ):
        end += 1
    block = region[:end]
    if not _wrapped_block(block, layout, text) or not lines[block[-1].lines[-1]].blank_after:
        return []
    return block


def _wrapped_captions_before_groups(
    layout: Layout, regions: dict[int, list[HeadLine]], targets: list[Target]
) -> list[list[HeadLine]]:
    """As _captions_before_groups, for a caption wrapped over lines (县长一行在村里调研 /
    采访): right after a finished text whose headline stands elsewhere, a block of lines as
    wide as a column, retelling the story above more than the one below, before the next
    story's headline group (or alone) is that story's photo caption with no credit."""
    elements = layout.elements
    by_element = {t.element: k for k, t in enumerate(targets)}
    found: list[list[HeadLine]] = []
    for r, region in regions.items():
        above, text = by_element.get(r - 1), elements[r - 1] if r > 0 else None
        if above is None or not isinstance(text, Body):
            continue
        block = _leading_block(region, layout, text)
        if not block or any(h.target not in (None, above) for h in block):
            continue
        rest = region[len(block) :]
        if not _finished(text, layout, signed=not rest):
            continue
        below = by_element.get(r + 1)
        # The rest of the region heads the story below it (named, or its best match).
        if rest and (
            below is None
            or not any(
                h.target == below
                or (
                    h.target is None
                    and h.scores
                    and max(h.scores, key=h.scores.__getitem__) == below
                )
                for h in rest
            )
        ):
            continue
        # The story above has its headline elsewhere: the block is none of its group.
        if not any(h.target == above for e, other in regions.items() if e != r for h in other):
            continue
        retold = max(h.scores.get(above, 0.0) for h in block)
        rival = max(h.scores.get(below, 0.0) for h in block) if below is not None else 0.0
        if retold >= _RETELLS and retold >= rival:
            found.append(block)
    return found


def fragment_caption(layout: Layout, element: int) -> Caption | None:
    """A scrap of text too short for an article, printed alone right after a text its writers
    signed on a line after it (本报记者 A B 文/图), is that text's photo caption printed with no
    credit: one sentence set apart (茶农在茶园里采摘秋茶。), not an article nor a stray line."""
    body = layout.elements[element]
    before = layout.elements[element - 1] if element > 0 else None
    if not isinstance(body, Body) or not isinstance(before, Body):
        return None
    # Or signed in brackets after its last sentence: "…欢乐。（文/摄影 A）".
    in_brackets = before.tail is None and signature_at_end(closing_text(before, layout.lines)) is not None
    if before.tail is None and not in_brackets:
        return None
    if body.signed or body.tail or len(body.paragraphs) != 1:
        return None
    lines = body.paragraphs[0]
    text = "".join(layout.lines[i].text for i in lines)
    if (
        len(text) < _CAPTION_MIN_CHARS
        or not ends_sentence(text)
        or not layout.lines[lines[0]].blank_before
        or not (in_brackets or ends_sentence(layout.lines[before.line_indices()[-1]].text))
    ):
        return None
    return Caption(list(lines), "")


# A caption signed with no 摄 runs to a few sentences; a longer text so signed is a brief.
_SIGNED_CAPTION_CHARS = 200


def signed_untitled_caption(layout: Layout, element: int) -> Caption | None:
    """One paragraph with no headline over it, signed only by names in brackets after its
    last sentence (…更美丽。（A） or （记者 A 通讯员 B） on the line after): a picture's caption
    whose credit was printed without 摄. A story, however short, is printed under a title;
    text standing alone on the page with only a signature is what a picture leaves in OCR."""
    body = layout.elements[element]
    if not isinstance(body, Body) or body.signed or len(body.paragraphs) != 1:
        return None
    lines = list(body.paragraphs[0])
    text = "".join(layout.lines[i].text for i in lines)
    tail = body.tail
    signature = tail_byline(text) if tail is None else tail_byline(tail, alone=True)
    if signature is None or not signature.writers:
        return None
    if tail is None:
        tail, text = signature.text, text[: signature.end]
    else:
        lines.extend(body.tail_lines)
    if not tail.strip().startswith(("（", "(")) or len(text) > _SIGNED_CAPTION_CHARS:
        return None
    if not ends_sentence(text.rstrip()):
        return None
    return Caption(lines, tail.strip().strip("（()）").strip())
