"""Cut an issue's lines into headline regions, article bodies and photo captions.

The OCR gives lines in reading order but not the page layout: headlines may stand before or
after their body or in a block at the top, column breaks leave blank lines in the middle of
sentences, and captions sit between articles. This module only decides what each line *is*;
``headlines`` then decides which body each headline belongs to.
"""

from __future__ import annotations

import re

from .bylines import (
    Byline,
    credit_inner,
    find_credit,
    jumps_on,
    lead_byline,
    names_over_text,
    opens_caption,
    photo_report_line,
    photo_report_writers,
    points_reader_on,
    signature_at_end,
    tail_byline,
    writer_line,
)
from .elements import Body, Caption, Element, HeadRegion, Layout
from .headshape import (
    ECHO,
    ECHO_SAME_WIDTH,
    GRID,
    OTHER_WIDTH,
    SAME_WIDTH,
    after_signature,
    closing_head,
    echoed,
    exclaimed_head,
    narrower_than_body,
    set_apart_head,
    stacked_heads,
)
from .linecontext import line_context
from .linemodel import learned_heads
from .lines import PLAIN_KINDS, Line, is_headlike, series_headline
from .names import COMPOUND_SURNAMES, plausible_name
from .text import cjk_count, ends_sentence
from .writers import read_credits

# How news paragraphs open inside an article (never an article's first one); after a full stop
# at a line end, such a line starts a paragraph even when the OCR lost the blank line.
CONTINUATION_RE = re.compile(
    r"(?:会上|会议(?:强调|指出|要求|认为|提出|听取|审议)|据悉|据了解|下一步|此外|截至目前|"
    r"[\u4e00-\u9fff]{2,3}(?:强调|指出|要求|表示)[，,：:])"
)
# A mark pointing at the picture (▲ above, ◀ beside it, ▼ below) opens a caption as 图为 does;
# never ▶ or ►, which papers also set before the items of a list or a link to another page.
_LONE_POINTER_CHARS = 40
_POINTS_AT_PICTURE_RE = re.compile(r"^\s*(?:图为|[上下左右]图为?[：:]?|图[：:])")
_CAPTION_OPENING_RE = re.compile(r"^(?:图为|上图|下图|图片|图[：:]|\s*[▲△◀▼])")
# A note sending the reader on to a broadcast, a page or an account for more: it closes a text.
_REFERRAL_RE = re.compile(r"(?:详情请|更多详情|更多精彩|敬请关注|敬请收看|欢迎收看|请关注本)")
_DATED_RE = re.compile(r"^(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|连日来)")
# A caption whose whole text block is this short is a photo story, not an article.
CAPTION_BLOCK_CHARS = 300
# What may stand before a credit's names on its own line: the paper and the title of its
# first name (某某晚报记者 A 通讯员 B 摄影报道), no words of a caption.
_CREDIT_LEAD_RE = re.compile(r"^\s*[■□]?\s*[\u4e00-\u9fff]{0,12}(?:记者|通讯员|摄影师)\s*$")


# The pictures' role named before their takers, inside a line of writers: "摄影 A B".
_PICTURES_ROLE_RE = re.compile(r"(?<![\u4e00-\u9fff])摄影\s*[：:]?\s*[\u4e00-\u9fff]{2,4}(?:\s|$)")


def _signs_photo_report_below(i: int, lines: list[Line], kinds: list[str], state: str) -> bool:
    """A photo report's signature (本报记者 A 摄影报道) right under its headline, or set apart
    from the text above and right over its own, over a text that opens as news does, not as a
    caption: the writers of the report, who also took its pictures — never a credit making the
    headline a picture's caption."""
    text = lines[i].text
    # Or writers of the words, then who took the pictures (A 某某新闻记者 B 摄影 C D).
    pictures_after_words = (role := _PICTURES_ROLE_RE.search(text)) is not None and bool(
        text[: role.start()].strip()
    )
    if ("摄影报道" not in text and not pictures_after_words) or writer_line(text) is None:
        return False
    above = i - 1 if i > 0 else None
    # Set apart from the text above and right over the one below: it opens that text.
    opens_below = lines[i].blank_before and not lines[i].blank_after
    if state != "head" and not opens_below and (
        above is None
        or not lines[above].blank_before
        or len(lines[above].text.strip()) > 40
        or ends_sentence(lines[above].text)
    ):
        return False  # under the last sentence of a text it signs that text (photo_report_line)
    below = i + 1 if i + 1 < len(lines) else None
    if below is None or kinds[below] != "plain":
        return False
    opening = lines[below].text.strip()
    return _CAPTION_OPENING_RE.match(opening) is None and not opens_caption(opening)


# What follows a caption's last sentence on its line: the start of a credit wrapped onto the
# next line ("…就读。 通讯员 A B" / "记者 C 摄").
CREDIT_AFTER_SENTENCE_RE = re.compile(r"[。！？”」]\s*(?P<rest>[^。！？，、“”]{2,40})$")
# A line opening with a writer's title, its newsroom before it (某某日报记者 A、B).
_TITLED_RE = re.compile(r"^\s*[■□]?\s*[\u4e00-\u9fff]{0,12}?(?:记者|通讯员|实习生|摄影师)")
# A label over the names of a page's pictures: 本版图片：A B, 图片：A.
_PICTURES_LABEL_RE = re.compile(r"^\s*(?:本版)?(?:图片|摄影)\s*[：:]\s*")


def _credit_begun_above(i: int, lines: list[Line]) -> str:
    """The names a credit starts with on the line above its own ("记者 A、B" over "通讯员 C、D
    摄", "本版图片：A B" over "C D 摄"): a line of titled names, no sentence, no credit word,
    right over the credit (no blank line between)."""
    if i == 0 or lines[i].blank_before or not lines[i - 1].text.strip():
        return ""
    text = lines[i - 1].text.strip()
    if "摄" not in text and (after := CREDIT_AFTER_SENTENCE_RE.search(text)):
        # "…就读。 通讯员 A B" / "记者 C 摄": the credit begun after the caption's last sentence
        signed = writer_line(after["rest"])
        if signed is not None and signed.writers and _TITLED_RE.match(after["rest"]):
            return after["rest"].strip()
    if ends_sentence(text) or "摄" in text or find_credit(text) is not None:
        return ""
    labelled = _PICTURES_LABEL_RE.match(text)
    rest = text[labelled.end() :] if labelled else text
    signed = writer_line(rest)
    if signed is None or not signed.writers:
        return ""
    if not labelled and not _TITLED_RE.match(rest):
        return ""  # bare names over a credit may be the caption's last words
    return rest


_NAME_TAIL_RE = re.compile(r"^\s*(?P<tail>[\u4e00-\u9fff]{1,2})\s*$")
_NAME_HEAD_RE = re.compile(r"(?<![\u4e00-\u9fff])(?P<head>[\u4e00-\u9fff]{1,3})$")


def _name_tail(begun: str, before: str) -> str:
    """The end of the last name begun above, opening the credit's line ("记者 章建" / "辉 通讯员
    B 摄"): the credit wrapped inside a name. Returned when the two halves make a name."""
    tail = _NAME_TAIL_RE.match(before)
    head = _NAME_HEAD_RE.search(begun.rstrip())
    if tail is None or head is None or not _name_across_break(head["head"], tail["tail"]):
        return ""
    return tail["tail"]


def _name_across_break(head: str, tail: str) -> bool:
    """The two halves of a name broken at a line's end make one name. A half of one character
    (or a compound surname alone) is no name of its own; two halves of two characters may be
    two names."""
    whole = head + tail
    return (
        any(len(half) == 1 or half in COMPOUND_SURNAMES for half in (head, tail))
        and len(whole) <= 4
        and plausible_name(whole)
    )


def _writer_over_text(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """Line ``i`` is a writer's bare name set apart above the text it signs, as a feature
    prints it under its headline."""
    return (
        kinds[i] == "name"
        and lines[i].blank_before
        and i + 1 < len(lines)
        and not lines[i].blank_after
        and bool(names_over_text(lines[i].text, lines[i + 1].text, under_headline=True))
    )


# A credit word wrapped after the writers onto a line of its own ("…记者 A" / "文/图").
WRAPPED_CREDIT_WORD_CHARS = 6


def _signature_goes_on(i: int, lines: list[Line]) -> bool:
    """A few characters right under line ``i`` finish the writers on it."""
    return (
        i + 1 < len(lines)
        and not lines[i].blank_after
        and len(lines[i + 1].text.strip()) <= WRAPPED_CREDIT_WORD_CHARS
    )


def signature_ends(i: int, lines: list[Line]) -> bool:
    """Line ``i`` ends with the titled writers after a text's last sentence, or with their
    credit word wrapped under them: the text ends there."""
    text = lines[i].text
    if writers_after_sentence(text) is not None:
        return not _signature_goes_on(i, lines)
    return (
        len(text.strip()) <= WRAPPED_CREDIT_WORD_CHARS
        and i > 0
        and not lines[i - 1].blank_after
        and writers_after_sentence(f"{lines[i - 1].text} {text}") is not None
    )


def writers_after_sentence(text: str) -> Byline | None:
    """The titled writers following the line's last sentence ("…惬意时光。 某某日报社全媒体
    记者 A"): the paragraph, and the text, end there."""
    after = CREDIT_AFTER_SENTENCE_RE.search(text)
    if after is None or _TITLED_RE.match(after["rest"]) is None:
        return None
    signed = writer_line(after["rest"])
    return signed if signed is not None and signed.writers else None


_SURNAME_AT_END_RE = re.compile(r"(?<![\u4e00-\u9fff])(?P<surname>[\u4e00-\u9fff]{1,2})$")
_GIVEN_AT_START_RE = re.compile(r"^\s*(?P<given>[\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])")


def _surname_begun_above(i: int, lines: list[Line], inner: str) -> str:
    """A title and a surname after the caption's last sentence, the given name opening the
    credit's own line ("…美景。 通讯员 万" / "宗平摄影报道"): the credit's start, up to the
    surname, when surname and given name make a name."""
    if i == 0 or lines[i].blank_before:
        return ""
    after = CREDIT_AFTER_SENTENCE_RE.search(lines[i - 1].text.rstrip())
    if after is None or "摄" in after["rest"] or _TITLED_RE.match(after["rest"]) is None:
        return ""
    surname = _SURNAME_AT_END_RE.search(after["rest"])
    given = _GIVEN_AT_START_RE.match(inner)
    if surname is None or given is None or surname.start() == 0:
        return ""
    if len(surname["surname"] + given["given"]) > 3:
        return ""
    return after["rest"] if _name_across_break(surname["surname"], given["given"]) else ""


def credit_lead(text: str) -> bool:
    """The words before a credit's names are only who the first of them is (某某晚报记者):
    the line is the credit alone, and the caption is the paragraph above it, not these words
    (which the caption still carries, so that nothing printed is dropped)."""
    return _CREDIT_LEAD_RE.match(text) is not None



def cut(lines: list[Line]) -> Layout:
    """Walk the lines once, following sentences, and sort them into elements."""
    context = line_context(lines)
    kinds, short, shape, apart = context.kinds, context.short, context.shape, context.apart
    echo, echo_above = context.echo, context.echo_above
    n = len(lines)
    adjacent = [i + 1 < n and not lines[i].blank_after for i in range(n)]
    unspaced = [x in (OTHER_WIDTH, GRID) for x in shape]
    set_apart = [apart[i] and set_apart_head(i, lines, kinds, echo, echo_above) for i in range(n)]
    # "图为…" says what a picture shows: a caption, never a headline however short.
    headlike = [
        kinds[i] in PLAIN_KINDS
        and (is_headlike(lines[i].text) or set_apart[i])
        and not _POINTS_AT_PICTURE_RE.match(lines[i].text)
        for i in range(n)
    ]
    alone = list(headlike)
    stacked_heads(lines, kinds, headlike)
    # Lines taken for a stack of headlines around them: the classifier judges lines one at a
    # time and does not overrule a stack.
    in_stack = [
        (headlike[i] and not alone[i]) or (0 < i < n - 1 and headlike[i - 1] and headlike[i + 1])
        for i in range(n)
    ]
    # A run of adjacent head-like lines is a headline block only if it ends at a blank line,
    # a byline or another heading; otherwise it is the first line(s) of a paragraph.
    # A short unfinished line right above a byline is a headline even with a comma in it.
    over_byline = [
        kinds[i] in PLAIN_KINDS
        and i + 1 < n
        and kinds[i + 1] in ("byline", "feature", "dash")
        and len(lines[i].text) <= 40
        and (not ends_sentence(lines[i].text) or exclaimed_head(i, lines, kinds))
        and cjk_count(lines[i].text) >= 2
        and not _bracket_wrapped(i, lines)
        and "。" not in lines[i].text  # a sentence ended inside it: a wrapped line of text
        for i in range(n)
    ]
    model = learned_heads(lines, context)
    column = _page_column(lines, kinds)
    closing = [closing_head(i, lines, kinds) for i in range(n)]
    over_body = [
        kinds[i] in PLAIN_KINDS
        and (
            (short[i] and narrower_than_body(i, lines, kinds, headlike))
            or (unspaced[i] and echo[i] >= ECHO)
            or (shape[i] == SAME_WIDTH and echo[i] >= ECHO_SAME_WIDTH)
            or shape[i] == GRID
            # The first line of a page, or after writers signing the article above, not as
            # wide as the text under it.
            or (
                unspaced[i]
                and (i == 0 or kinds[i - 1] == "staff" or after_signature(i, lines, kinds))
            )
            # Shaped as a headline where the OCR kept no blank lines but with too few of its
            # words said again below for the rules: the classifier decides.
            or (shape[i] > 0 and model.accepts(i))
        )
        for i in range(n)
    ]
    def text_line(i: int) -> bool:
        """The classifier is sure line ``i`` is running text (an in-body subhead, a short
        wrapped line), and no headline line follows it (a headline wrapped over two lines, a
        stack of headlines). Never against a line falling short of a strict grid (no line of
        running text is that short without ending a sentence) nor one whose words the text
        below says again, as a headline's are."""
        if shape[i] == GRID or in_stack[i] or echo[i] >= ECHO or not model.rejects(i):
            return False
        # A headline line after it keeps it a headline, unless that line is text too.
        return not (i + 1 < n and headlike[i + 1] and not model.rejects(i + 1))

    run_ok = [False] * n
    for i in range(n - 1, -1, -1):
        if not headlike[i]:
            continue
        if not adjacent[i]:
            run_ok[i] = True
        else:
            nxt = kinds[i + 1]
            run_ok[i] = (
                nxt in ("byline", "feature", "md")
                or run_ok[i + 1]
                or over_byline[i + 1]
                or over_body[i + 1]
                or closing[i + 1]  # "路灯坏了半个月" / "谁来修？"
                or _comma_subhead(i + 1, lines, kinds)  # its subheadline of two phrases
            )

    elements: list[Element] = []
    noise: list[int] = []  # lines that are neither text nor headline
    body: Body | None = None
    state = "start"  # start | head | open | closed | credit

    page_break = False

    def add_head(i: int) -> None:
        nonlocal body, state, page_break
        page_break = False
        if elements and isinstance(elements[-1], HeadRegion) and state == "head":
            elements[-1].lines.append(i)
        else:
            elements.append(HeadRegion([i]))
        body, state = None, "head"

    own_paragraph = False  # the line before was an in-body subhead: a paragraph of its own

    def add_text(i: int, *, byline: bool = False, subhead: bool = False) -> None:
        nonlocal body, state, page_break, own_paragraph
        line = lines[i]
        after_subhead, own_paragraph = own_paragraph, False
        if subhead and body is not None and state not in ("start", "head"):
            body.paragraphs.append([i])
            own_paragraph = True
        elif after_subhead and body is not None and state not in ("start", "head"):
            body.paragraphs.append([i])
        elif byline or body is None or state in ("start", "head"):
            signed = (
                state == "head"
                and isinstance(elements[-1], HeadRegion)
                and (
                    kinds[elements[-1].lines[-1]] == "feature"
                    # a headline, then its writer's bare name (林某某) over the text
                    or (
                        len(elements[-1].lines) > 1
                        and _writer_over_text(elements[-1].lines[-1], lines, kinds)
                    )
                )
            )
            body = Body([[i]], has_byline=byline, under_feature_byline=signed and not byline)
            body.new_page, page_break = page_break, False
            elements.append(body)
        elif state == "open":
            previous = lines[body.paragraphs[-1][-1]]
            if line.blank_before and _short(previous, body, lines, sentence_end=False):
                body.paragraphs.append([i])  # the full stop was lost, the short line tells
            else:
                body.paragraphs[-1].append(i)
        else:
            previous = lines[body.paragraphs[-1][-1]]
            if (
                line.blank_before
                or state == "credit"
                or _short(previous, body, lines)
                or CONTINUATION_RE.match(line.text)
            ):
                body.paragraphs.append([i])
            else:
                body.paragraphs[-1].append(i)
        if _signed_off(body, lines):
            body, state = None, "start"  # signed: what follows is another article
            return
        closed = (
            ends_sentence(line.text)
            or _ends_with_mark(body, lines)
            or _NOTE_AFTER_SENTENCE_RE.search(line.text) is not None
            or signature_ends(i, lines)
        )
        state = "closed" if closed else "open"

    skip_next = False  # the line was taken with the one before it
    for i, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        kind = kinds[i]
        text = line.text
        if kind == "noise" and body is not None and state == "closed" and jumps_on(text):
            body.paragraphs.append([i])  # "（下转第二版）" after the last sentence: the text's own
        elif kind == "staff" or (kind == "noise" and not (state == "open" and body is not None)):
            noise.append(i)
            if kind == "staff" and elements:
                # A running head or the page's staff: the page ends, and the text with it.
                body, state, page_break = None, "start", True
        elif (
            kind in ("feature", "name", "byline")
            and body is not None
            and i + 1 < n
            and kinds[i + 1] == "credit"
            and _credit_begun_above(i + 1, lines)
        ):
            add_text(i)  # "记者 A、B" over "通讯员 C 摄": a credit's first line, under its caption
        elif (
            kind == "name"
            and line.blank_before
            and adjacent[i]
            and names_over_text(text, lines[i + 1].text, under_headline=state == "head")
        ):
            add_head(i)  # "王某" set apart above, over the text it signs: that text's writers
        elif kind in ("feature", "name") and (
            _ends_body(i, lines, kinds, body, state)
            # or the line after it is shaped as the next article's headline
            or (
                body is not None
                and state == "closed"
                and i + 1 < n
                and over_body[i + 1]
                and after_signature(i + 1, lines, kinds)
            )
        ):
            # Writers printed after the last sentence ("文：徐岚岚 谢琳", "刘沁瑶"): that article
            # is over; the line is its byline, never the next article's.
            assert body is not None
            body.tail, body.tail_lines = text, [i]
            body, state = None, "start"
        elif (
            kind == "plain"
            and state != "open"
            and line.blank_before
            and line.blank_after
            and len(text) <= _LONE_POINTER_CHARS
            and _POINTS_AT_PICTURE_RE.match(text)
            and not text.endswith(("）", ")"))  # "…。（A）": its credit, read the usual way
        ):
            # "图为…" set apart on a line of its own: a picture's caption with no credit, not
            # the first line of the text under it.
            elements.append(Caption([i], ""))
            body, state = None, "start"
        elif kind == "signing" and body is not None:
            body.paragraphs[-1].append(i)  # writers' brackets wrapped over lines
            if _signed_off(body, lines):
                body, state = None, "start"
        elif kind == "tail" and body is not None and state == "closed":
            body.paragraphs[-1].append(i)  # "（沈泓芸 李钧）" wrapped onto a line of its own
        elif kind == "feature" and state == "open" and not line.blank_before:
            add_text(i)  # a sentence goes on through it
            if i > 0 and _bracket_wrapped(i - 1, lines) and body is not None:
                body, state = None, "start"  # the writers' brackets closed: the text is signed
        elif kind in ("md", "feature", "dash"):
            add_head(i)
        elif kind == "byline":
            add_text(i, byline=True)
        elif kind == "credit" and _signs_photo_report_below(i, lines, kinds, state):
            kinds[i] = "feature"  # "本报记者 A 摄影报道" under a headline: the report's writers
            add_head(i)
        elif kind == "credit":
            match = find_credit(text)
            assert match is not None
            if (
                state == "credit"
                and not line.blank_before
                and isinstance(elements[-1], Caption)
                and not text[: match.start()].strip()
            ):
                # A second credit right under a caption's own ("（无人机照片）" / "新华社发"):
                # the same picture's, never a credit taking the text above as its caption.
                elements[-1].lines.append(i)
                elements[-1].credit = elements[-1].credit or credit_inner(match)
                continue
            said_above = "".join(lines[k].text for k in body.line_indices()) if body else ""
            above = len(said_above)
            if body is not None and photo_report_line(
                text,
                said_above,
                CAPTION_BLOCK_CHARS,
                lines[body.paragraphs[-1][0]].text,
                paragraphs=len(body.paragraphs),
            ):
                body.tail, body.tail_lines = text, [i]  # "□记者 A 摄影报道" signs the text
                body, state = None, "start"
                continue
            if photo_report_writers(text, above, CAPTION_BLOCK_CHARS) and not _signed_by_others(
                body, text, lines
            ):
                add_text(i)  # "…。（记者 A B 摄影报道）" after a long text signs it
                body, state = None, "start"
                continue
            if text[: match.start()].strip() and not credit_lead(text[: match.start()]):
                begun = (
                    _caption_begun_in_head(i, text[: match.start()], elements, lines, kinds)
                    if state == "head"
                    else []
                )
                if begun and not (elements and isinstance(elements[-1], HeadRegion)):
                    state = "start"  # the region was that one line: nothing heads this
                add_text(i)
                taken = [*begun, *_take_caption(body, elements, lines)]
            elif body is not None and state != "head":
                above = _region_over(body, elements)
                taken = [*_take_caption(body, elements, lines), i]
                taken[:0] = _caption_head_line(above, taken, elements, lines, kinds)
            else:
                taken = [*_caption_read_as_head(i, elements, lines, kinds), i]
            if not taken:
                continue  # the line signed the text it ended (…（文/摄 / 影 A 摄）): no caption
            title = _photo_title(body, elements, lines)
            if title is not None:
                elements.append(HeadRegion(title))
            inner = credit_inner(match)
            if wrapped := _credit_begun_above(i, lines):
                inner = f"{wrapped}{_name_tail(wrapped, text[: match.start()])} {inner}"
            elif surname := _surname_begun_above(i, lines, inner):
                inner = f"{surname}{inner.lstrip()}"  # "…。 通讯员 万" / "宗平摄影报道"
            elements.append(Caption(taken, inner))
            if body is not None and body not in elements:
                body = None
            state = "credit"
        elif (
            state == "head"
            and kinds[elements[-1].lines[-1]] == "feature"  # type: ignore[union-attr]
            and not line.level
        ):
            add_text(i)  # under the writers the text begins
        elif state == "closed" and body is not None and _column_filled(i, lines, kinds, body):
            add_text(i)  # a paragraph's first lines, its sentence cut off by the column's end
        elif body is not None and state == "closed" and _refers_on(i, lines):
            # "详情请关注本台播出的《…》": a note closing the text, its last paragraph (wrapped
            # at most once), never the next article's headline.
            body.paragraphs.append([i])
            if not ends_sentence(text) and i + 1 < n and adjacent[i] and kinds[i + 1] in PLAIN_KINDS:
                body.paragraphs[-1].append(i + 1)
                skip_next = True
            state = "closed"
        else:
            strong = (
                (over_byline[i] and (adjacent[i] or state != "open"))
                or (over_body[i] and state != "open")
                # Right under a headline line, another not as wide as the text under it.
                or (state == "head" and unspaced[i] and not line.blank_before)
                # A short cry, question or quotation closing the headline line above it.
                or (state == "head" and closing[i])
                # A series' headline set apart (栏目丨标题，…), commas and all.
                or (
                    state != "open"
                    and kind in PLAIN_KINDS
                    and line.blank_before
                    and series_headline(text)
                )
                # Right under a headline line, a clause or two wider than any line of text.
                or (
                    state == "head"
                    and (_wide_subhead(i, lines, kinds, column) or _comma_subhead(i, lines, kinds))
                )
            )
            head = strong or (
                run_ok[i]
                and (
                    state != "open"
                    or _after_lone_line(i, lines, body)
                    or _off_column(i, lines, body)
                )
                and not _column_break(i, lines, kinds, headlike, body, state, set_apart)
            )
            if head and (
                _signed_sentence(text)
                or points_reader_on(text)
                or (_leads_on(text) and not _kicker_over_headline(i, lines, headlike))
                or _timed_lead(i, lines, kinds)
            ):
                # "…！”（A）", "详情请关注本台…": the end of the text above, no headline;
                # "…常挂在嘴边的话——": a sentence handing over to the text below
                head = False
            # A line the classifier is sure is running text (an in-body subhead, a short
            # wrapped line) neither cuts a body nor joins the headline above it; a subhead
            # short of the body's column stays a paragraph of its own.
            if head and (body is not None or (state == "head" and not strong)) and text_line(i):
                subhead = body is not None and state == "closed" and not _column_wide(i, lines, body)
                add_text(i, subhead=subhead)
            elif head:
                add_head(i)
            else:
                add_text(i)
    elements = _promote_lone_lines(elements, lines)
    _sign_text_over_caption(elements, lines, kinds)
    _picture_read_as_head(elements, lines)
    _split_signed_twice(elements, lines)
    _join_numbered_sections(elements, noise, lines)
    return Layout(lines, elements, noise, learned=model)


def opening_byline(body: Body, lines: list[Line]) -> Byline | None:
    """The byline opening the body, read over its first lines: a byline may wrap
    ("某某网讯（记者A，通讯员B、" / "C）走进…")."""
    return lead_byline("".join(lines[i].text for i in body.paragraphs[0][:3]))


def _split_signed_twice(elements: list[Element], lines: list[Line]) -> None:
    """A text opened by its writers' names, a picture's caption read out of it, and after
    the caption text signed at its end by other names in brackets: one article is signed once,
    so what follows the caption is an item of its own (a picture's caption or a brief), not
    the rest of the article the picture interrupted."""
    for at in range(len(elements) - 1, 0, -1):
        body = elements[at]
        if not isinstance(body, Body) or body.tail is None or not body.has_byline:
            continue
        first, last = body.paragraphs[0][0], body.paragraphs[-1][-1]
        captions = [e for e in elements if isinstance(e, Caption) and first < e.lines[-1] < last]
        if not captions:
            continue
        opened = opening_byline(body, lines)
        signed = tail_byline(body.tail, alone=True)
        if opened is None or not opened.writers or signed is None or not signed.writers:
            continue
        if {w.name for w in opened.writers} & {w.name for w in signed.writers}:
            continue
        after = captions[-1].lines[-1]
        cut_at = next((k for k, p in enumerate(body.paragraphs) if k and p[0] > after), None)
        if cut_at is None:
            continue
        rest = Body(body.paragraphs[cut_at:], tail=body.tail, tail_lines=body.tail_lines)
        body.paragraphs = body.paragraphs[:cut_at]
        body.tail, body.tail_lines = None, []
        place = max(k for k, e in enumerate(elements) if e is body or e in captions)
        elements.insert(place + 1, rest)


# A section number printed alone on its line ("01", "02" …): the parts of one feature.
_SECTION_NUMBER_RE = re.compile(r"0[1-9]")


def _join_numbered_sections(elements: list[Element], noise: list[int], lines: list[Line]) -> None:
    """A feature set out in numbered parts ("01" / its subheads / text, "02" / …) is one
    article: numbers counting up from 01, each alone on its line, are the sections of the
    body before the first one, never page furniture, and the subheads after each number are
    paragraphs of it, not the headlines of new articles. The part after the last number's
    subheads ends the feature."""
    run: list[int] = []
    for i, line in enumerate(lines):
        if len(line.text) != 2 or not _SECTION_NUMBER_RE.fullmatch(line.text):
            continue
        if int(line.text) == len(run) + 1:
            run.append(i)
        else:
            _join_sections(run, elements, noise)
            run = [i] if int(line.text) == 1 else []
    _join_sections(run, elements, noise)


def _join_sections(numbers: list[int], elements: list[Element], noise: list[int]) -> None:
    if len(numbers) < 2:
        return  # one number alone may be anything
    first, last = numbers[0], numbers[-1]

    def start(element: Element) -> int:
        return element.line_indices()[0] if isinstance(element, Body) else element.lines[0]

    before = [k for k, e in enumerate(elements) if start(e) < first]
    after = [k for k, e in enumerate(elements) if start(e) > last and isinstance(e, Body)]
    if not before or not after or not isinstance(feature := elements[before[-1]], Body):
        return
    inside = elements[before[-1] + 1 : after[0] + 1]
    if feature.tail is not None or any(
        isinstance(e, Caption)
        or (isinstance(e, Body) and (e.signed or e.new_page or (e.tail and e is not inside[-1])))
        for e in inside
    ):
        return  # writers sign a text, a photo or another article comes between
    marks = set(numbers)
    end = start(inside[-1])
    if any(first < i < end and i not in marks for i in noise):
        return  # page furniture between: numbers of pages, not of one feature's parts
    if sum(isinstance(e, HeadRegion) for e in inside) > len(numbers):
        return  # more headline blocks than parts: articles of their own
    parts: list[tuple[int, list[list[int]]]] = [(i, [[i]]) for i in numbers if i in noise]
    for element in inside:
        if isinstance(element, HeadRegion):
            parts.extend((i, [[i]]) for i in element.lines)
            continue
        assert isinstance(element, Body)
        paragraphs: list[list[int]] = []
        for paragraph in element.paragraphs:
            # A number read into a paragraph stands alone: it opens the section after it.
            current: list[int] = []
            for i in paragraph:
                if current and (i in marks or current[-1] in marks):
                    paragraphs.append(current)
                    current = []
                current.append(i)
            paragraphs.append(current)
        parts.append((start(element), paragraphs))
        feature.tail, feature.tail_lines = element.tail, element.tail_lines
    for _, paragraphs in sorted(parts, key=lambda part: part[0]):
        feature.paragraphs.extend(paragraphs)
    del elements[before[-1] + 1 : after[0] + 1]
    noise[:] = [i for i in noise if i not in marks]


def _bracket_wrapped(i: int, lines: list[Line]) -> bool:
    """Line ``i`` opens a bracket the next line closes ("…白云（来源：某台" / "记者 A）"):
    the writers' brackets signing a text wrapped over two lines, not a headline over a
    byline."""
    text, following = lines[i].text, lines[i + 1].text
    opened = max(text.rfind("（"), text.rfind("("))
    return (
        opened > 0
        and max(text.rfind("）"), text.rfind(")")) < opened
        and following.endswith(("）", ")"))
        and "（" not in following
        and "(" not in following
    )


_CLOSES_FIRST_RE = re.compile(r"^[^（(]{0,24}[）)]")


def _signed_off(body: Body, lines: list[Line]) -> bool:
    """The paragraph so far ends with its writers in brackets: "…活动。（沈泓芸 李钧）"."""
    at = body.paragraphs[-1][-1]
    last = lines[at].text
    if not last.endswith(("）", ")")) and not (
        # "…演练。（庾思远" set apart: the closing bracket lost at the text's end, unless the
        # brackets go on, wrapped, and close at the next line's start ("甘鹤）")
        lines[at].blank_after
        and ("（" in last or "(" in last)
        and (at + 1 >= len(lines) or not _CLOSES_FIRST_RE.match(lines[at + 1].text))
    ):
        return False
    return signature_at_end(closing_text(body, lines)) is not None


def closing_text(body: Body, lines: list[Line], *, last: int = 4) -> str:
    """The ``last`` lines of the body's last paragraph as printed, where writers sign after the
    last sentence."""
    return "".join(lines[i].text for i in body.paragraphs[-1][-last:])


def _ends_body(
    i: int, lines: list[Line], kinds: list[str], body: Body | None, state: str
) -> bool:
    """A line of writers right after a body's last sentence, followed by a break, a heading or
    the next article, signs that body; one followed directly by text opens the next one."""
    if (
        body is not None
        and kinds[i] == "feature"
        and body.tail is None
        and state in ("open", "closed")
        and not lines[i].blank_before
        and (i + 1 >= len(lines) or kinds[i + 1] == "staff")
    ):
        # Right under the last sentence, the page ending after it ("□某某日报社记者 A"): the
        # writers of the text above, boxed or not, never of the next page's first text.
        return True
    if body is None or state != "closed" or lines[i].text[:1] in "□■◇◆●":
        return False  # a boxed line of writers stands under a headline
    if i + 1 >= len(lines) or lines[i].blank_after:
        return True
    if kinds[i + 1] not in PLAIN_KINDS:
        return kinds[i + 1] not in ("feature",)
    following = lines[i + 1].text
    # A paragraph's first line fills the column the lines after it fill: the writers stand
    # over that text, the more so when a blank line parts them from the text above.
    opens_text = (
        i + 2 < len(lines)
        and kinds[i + 2] in PLAIN_KINDS
        and not lines[i + 1].blank_after
        and abs(len(following) - len(lines[i + 2].text)) <= 1
    )
    if opens_text and lines[i].blank_before:
        return False
    return (is_headlike(following) and not opens_text) or len(following) < len(lines[i - 1].text) // 2


# What may follow a text's last full stop on the page without carrying the sentence on: a
# circled photo or note number with the page's digits run into it ("…建设。②22"), or a jump
# line wrapped at the column's end ("…来参加。（下转第" / "二版）").
_AFTER_LAST_STOP_RE = re.compile(
    r"[。！？…”’\"）)](?:\s*[①-⑳]\d{0,3}"
    r"|\s*[（(]\s*(?:下转|转|转至|接)\s*第?\s*[\d一二三四五六七八九十]+\s*版\s*[）)])$"
)


def _ends_with_mark(body: Body, lines: list[Line]) -> bool:
    """The paragraph so far ends a sentence behind a mark the page adds after a text's end:
    what follows is not that sentence going on."""
    paragraph = body.paragraphs[-1]
    last = lines[paragraph[-1]].text.rstrip()
    if not (last[-1:].isdigit() or last.endswith(("版）", "版)"))):
        return False  # most lines: no mark to look behind
    tail = "".join(lines[i].text for i in paragraph[-2:]).rstrip()
    return _AFTER_LAST_STOP_RE.search(tail) is not None


def _signed_sentence(text: str) -> bool:
    """A sentence and its writer in brackets, "…！”（A）": the end of a text, no headline
    ("下图为…（A）" credits a photo; a verse line signed "（来源：…）" is left to the shape)."""
    signature = tail_byline(text)
    return (
        signature is not None
        and ends_sentence(text[: signature.end].rstrip())
        and _CAPTION_OPENING_RE.match(text) is None
    )


def _leads_on(text: str) -> bool:
    """A line ending in a dash that hands over to what follows ("…这是居民常挂在嘴边的话——"):
    running text introducing the next paragraph. A headline may open with a dash (a
    subheadline) but never ends on one."""
    stripped = text.rstrip()
    return stripped.endswith(("——", "—")) and not stripped.startswith(("—", "-"))


_KICKER_MAX_CHARS = 24
# A subheadline set under its headline across the columns: this much wider than the column of
# text at the least, and a clause or three long at the most.
_WIDE_SUBHEAD_SHARE = 1.5
_WIDE_SUBHEAD_MAX_CHARS = 80


def _page_column(lines: list[Line], kinds: list[str]) -> int:
    """The width of the page's column of text: the commonest width of its running lines."""
    widths = sorted(
        len(line.text) for line, kind in zip(lines, kinds, strict=True)
        if kind in PLAIN_KINDS and len(line.text) >= 6 and not line.blank_after
    )
    return widths[len(widths) // 2] if widths else 0


def _wide_subhead(i: int, lines: list[Line], kinds: list[str], column: int) -> bool:
    """A subheadline under its headline, touching it and set apart below, a clause or a few
    with commas but no sentence's end ("和平县某镇持续改善人居环境，发展壮大特色产业，群众幸福
    感满满"), wider than any line of the page's column of text: no line of that text is."""
    line = lines[i]
    text = line.text.strip()
    return (
        kinds[i] in PLAIN_KINDS
        and column > 0
        and not line.blank_before
        and line.blank_after
        and _WIDE_SUBHEAD_SHARE * column <= len(text) <= _WIDE_SUBHEAD_MAX_CHARS
        and not ends_sentence(text)
        and "。" not in text
    )


# A subheadline of two phrases is at most this wide; how many lines after it show the width
# of the text's column there.
_COMMA_SUBHEAD_MAX_CHARS = 30
_LOCAL_COLUMN_LINES = 8


def _comma_subhead(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """A subheadline of two phrases parted by one comma ("他们要用一年时间，走遍某市所有敬老
    院"), touching its headline and set apart below, not as wide as the lines of text after
    it: a first line of text so set apart would fill the column."""
    line = lines[i]
    text = line.text.strip()
    if (
        kinds[i] not in PLAIN_KINDS
        or line.blank_before
        or not line.blank_after
        or len(text) > _COMMA_SUBHEAD_MAX_CHARS
        or not _two_phrases(text, _COMMA_SUBHEAD_MAX_CHARS)
    ):
        return False
    widths = sorted(len(later.text) for later in lines[i + 1 : i + 1 + _LOCAL_COLUMN_LINES])
    return len(widths) >= 3 and abs(len(text) - widths[len(widths) // 2]) >= 2


def _kicker_over_headline(i: int, lines: list[Line], headlike: list[bool]) -> bool:
    """A kicker handing over to its headline with a dash ("美丽乡村行——" / "柳溪村里稻花
    香"): set apart above, a phrase with no clause in it, touching a headline-like line that is
    set apart below. Running text ending in a dash sits in its paragraph and says more."""
    line = lines[i]
    if i + 1 >= len(lines) or not line.blank_before or line.blank_after:
        return False
    below = lines[i + 1]
    return (
        headlike[i]
        and (headlike[i + 1] or _two_phrases(below.text))
        and below.blank_after
        and len(line.text) <= _KICKER_MAX_CHARS
        and not ends_sentence(below.text)
    )


def _two_phrases(text: str, most: int = _KICKER_MAX_CHARS) -> bool:
    """A headline of two phrases parted by one comma ("令人向往，散发无限生机"), as short as a
    kicker: under a kicker handing over with a dash, the headline it hands over to."""
    head, comma, rest = text.partition("，")
    return (
        bool(comma)
        and len(text) <= most
        and cjk_count(head) >= 2
        and is_headlike(head)
        and is_headlike(rest)
    )


def _promote_lone_lines(elements: list[Element], lines: list[Line]) -> list[Element]:
    """A "body" that is one short line with no full stop, standing between other elements,
    is a headline with a comma in it ("“数字食堂”，托起孩子们的“幸福餐盘”")."""

    def lone(paragraph: list[int]) -> bool:
        if len(paragraph) != 1:
            return False
        text = lines[paragraph[0]].text
        return (
            len(text) <= 40
            and not ends_sentence(text)
            and cjk_count(text) >= 4
            and not _signed_sentence(text)
            # "（下转第二版）", "详情请关注本台…" or a sentence handing over to the text below:
            # the text's own closing line, never a headline printed after it
            and not jumps_on(text)
            and not points_reader_on(text)
            and not _REFERRAL_RE.match(text)
            and not _leads_on(text)
        )

    out: list[Element] = []
    for element in elements:
        trailing: HeadRegion | None = None
        if isinstance(element, Body) and lone(element.paragraphs[-1]):
            if len(element.paragraphs) == 1 and not element.signed:
                element = HeadRegion([element.paragraphs[0][0]])
            elif len(element.paragraphs) > 1:
                # The body's last "paragraph" is a headline printed after it.
                trailing = HeadRegion(element.paragraphs.pop())
        for item in (element, trailing):
            if item is None:
                continue
            if isinstance(item, HeadRegion) and out and isinstance(out[-1], HeadRegion):
                out[-1].lines.extend(item.lines)
            else:
                out.append(item)
    return out


def _off_column(i: int, lines: list[Line], body: Body | None) -> bool:
    """A lone head-like line set apart by blank lines inside an unfinished sentence is a
    headline (of another article) only if it is clearly not as wide as the body's column."""
    if body is None or not lines[i].blank_before or not lines[i].blank_after:
        return False
    indices = body.last_lines(12)
    if len(indices) < 3:
        return False
    widths = sorted(len(lines[j].text) for j in indices)
    typical = widths[len(widths) // 2]
    spread = widths[-2] - widths[1] if len(widths) >= 4 else 0
    return typical <= 40 and spread <= 3 and abs(len(lines[i].text) - typical) >= 3


def _after_lone_line(i: int, lines: list[Line], body: Body | None) -> bool:
    """Headline lines after one short unfinished line: that line was a headline too."""
    if body is None or not lines[i].blank_before or len(body.paragraphs) < 2:
        return False
    last = body.paragraphs[-1]
    if len(last) != 1:
        return False
    text = lines[last[0]].text
    return len(text) <= 40 and not ends_sentence(text) and cjk_count(text) >= 4


def _column_break(
    i: int,
    lines: list[Line],
    kinds: list[str],
    headlike: list[bool],
    body: Body | None,
    state: str,
    set_apart: list[bool],
) -> bool:
    """A lone full-width line between blank lines whose sentence goes on after the blank.

    e.g. "本次集中行动共出动执法车辆4" / blank / "台、执法人员20人，…": the column ended
    mid-sentence. Only lines as wide as the body's column qualify; headlines are set apart.
    """
    if body is None or state != "closed" or i + 1 >= len(lines):
        return False
    if not lines[i].blank_after or kinds[i + 1] not in PLAIN_KINDS or headlike[i + 1]:
        return False
    if not lines[i].blank_before and i > 0 and not lines[i - 1].blank_after:
        # Right under the body's last sentence: a new paragraph's first line, cut off by the
        # column's end ("今年已是该镇连续第十年举" / blank / "办…") — unless its words are
        # the text's below, as a headline's are.
        return _column_wide(i, lines, body) and not echoed(i, lines)
    if set_apart[i]:
        return False  # a headline as wide as the column, set apart, its words echoed below
    return _column_wide(i, lines, body)


# A note in brackets after the last sentence (…完成。（据某某客户端）): the text is finished.
_NOTE_AFTER_SENTENCE_RE = re.compile(r"[。！？][”’」』]?\s*[（(][^（）()]{1,20}[）)]\s*$")


# A text's first sentence opening with when it happened, then a comma: "27日晚，…",
# "2025年10月5日，…", "8月6日上午9时，…"; or with the day in brackets: "今（8）日…".
_TIMED_LEAD_RE = re.compile(
    r"^(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*(?:[上中下]午|早上|早晨|晚上?|凌晨|傍晚|夜间)?"
    r"\s*(?:\d{1,2}\s*[时点](?:\d{1,2}分|半|许)?)?[，,]"
    r"|^(?:近日|日前|连日来|昨天|今天|当天|近年来)[，,]"
    # "今（8）日…": the day in brackets after 今 or 昨 only ever opens a sentence
    r"|^[今昨前]\s*[（(]\s*\d{1,2}\s*[）)]\s*日"
)


def _timed_lead(i: int, lines: list[Line], kinds: list[str]) -> bool:
    """A line opening a text's first sentence with its time and a comma, unfinished, and the
    sentence going on in the next line — touching it, or after a blank where the column
    ended ("27日晚，某社区在小区文" / blank / "化广场举行…", as wide as it). A headline is not
    so worded."""
    line = lines[i]
    if i + 1 >= len(lines) or kinds[i + 1] not in PLAIN_KINDS or ends_sentence(line.text):
        return False
    if _TIMED_LEAD_RE.match(line.text) is None:
        return False
    return not line.blank_after or abs(len(line.text) - len(lines[i + 1].text)) <= 2


def _refers_on(i: int, lines: list[Line]) -> bool:
    return len(lines[i].text) <= 40 and _REFERRAL_RE.match(lines[i].text) is not None


def _column_filled(i: int, lines: list[Line], kinds: list[str], body: Body) -> bool:
    """Lines ``i``… fill a regular column, two or more of them touching, and the last breaks
    off unfinished before a blank line and more text: a new paragraph's first lines cut off
    by the column's end (a headline is set in its own width, not the text's, and does not
    run on that long). The column is measured on the text around."""
    n = len(lines)
    k = i
    while k + 1 < n and not lines[k].blank_after and k - i < 6:
        k += 1
        if kinds[k] not in PLAIN_KINDS:
            return False
    if k == i or not lines[k].blank_after or ends_sentence(lines[k].text) or k + 1 >= n:
        return False
    if kinds[k + 1] not in PLAIN_KINDS or is_headlike(lines[k + 1].text):
        return False
    after = [j for j in range(k + 1, min(n, k + 9)) if kinds[j] in PLAIN_KINDS]
    widths = sorted(len(lines[j].text) for j in [*body.last_lines(8), *after])
    if len(widths) < 6:
        return False
    typical = widths[len(widths) // 2]
    # A regular column (most lines as wide as each other, short paragraph ends aside) that
    # every one of the lines fills.
    regular = sum(abs(w - typical) <= 1 for w in widths) >= 0.6 * len(widths)
    return regular and all(abs(len(lines[j].text) - typical) <= 1 for j in range(i, k + 1))


def _column_wide(i: int, lines: list[Line], body: Body) -> bool:
    widths = sorted(len(lines[j].text) for j in body.last_lines(12))
    typical = widths[len(widths) // 2]
    return typical <= 40 and len(lines[i].text) >= 0.8 * typical


def _short(previous: Line, body: Body, lines: list[Line], *, sentence_end: bool = True) -> bool:
    """A line well short of the column width ends its paragraph (no blank line needed)."""
    if sentence_end and not ends_sentence(previous.text):
        return False
    widths = sorted(len(lines[i].text) for i in body.last_lines(12))
    if len(widths) < 3:
        return False
    typical = widths[len(widths) // 2]
    return len(previous.text) < (0.7 if sentence_end else 0.75) * typical


# A picture's caption set after a text is a few sentences; a paragraph longer than this is
# the text's own last one.
_OWN_PICTURE_MAX_CHARS = 160


def _signed_by_others(body: Body | None, text: str, lines: list[Line]) -> bool:
    """A text opened by its writers' names, a paragraph set apart after it ending in a photo
    report's credit naming others ("…。（通讯员 C 摄影报道）"): a picture of its own, no part of
    that text."""
    if body is None or not body.has_byline or len(body.paragraphs) < 2:
        return False
    last = body.paragraphs[-1]
    if not lines[last[0]].blank_before or sum(len(lines[k].text) for k in last) > _OWN_PICTURE_MAX_CHARS:
        return False
    opened = opening_byline(body, lines)
    signed = tail_byline(text, photo_report=True)
    if opened is None or not opened.writers or signed is None or not signed.writers:
        return False
    return not {w.name for w in opened.writers} & {w.name for w in signed.writers}


def _sign_text_over_caption(elements: list[Element], lines: list[Line], kinds: list[str]) -> None:
    """A line of writers ("□某某日报社记者 A") printed right under a text's last sentence, with
    a credited picture's caption under it: read as heading that caption, it signs the text
    above (a caption with a credit of its own has no writers over it)."""
    for at in range(len(elements) - 2, 0, -1):
        region, above, below = elements[at], elements[at - 1], elements[at + 1]
        if not (
            isinstance(region, HeadRegion)
            and len(region.lines) == 1
            and kinds[region.lines[0]] == "feature"
            and isinstance(above, Body)
            and isinstance(below, Caption)
            and below.credit
        ):
            continue
        i = region.lines[0]
        if lines[i].blank_before or above.tail is not None or above.under_feature_byline:
            continue
        if above.has_byline and (opened := opening_byline(above, lines)) is not None and opened.writers:
            continue  # its writers named at its start already
        if writer_line(lines[i].text) is not None:
            above.tail, above.tail_lines = lines[i].text, [i]
            del elements[at]


# The words a picture's credit with no 摄 opens with, run on after its caption's phrase.
RUN_ON_CREDIT_WORDS = "作者|记者|通讯员|摄影"
# Such a credit on one line with the phrase: "…采茶 作者： A".
_CREDIT_AFTER_PHRASE_RE = re.compile(
    rf"^(?P<said>.*[\u4e00-\u9fff].*?)\s+(?P<credit>(?:{RUN_ON_CREDIT_WORDS})\s*[：:]?\s*[\u4e00-\u9fff·\s]{{2,20}}?)\s*$"
)
# A picture's caption read as headline lines is short: a phrase or a sentence or two; with
# its title and its credit, a few lines.
_CAPTION_IN_HEAD_MAX_CHARS = 100
_PICTURE_IN_HEAD_MAX_LINES = 5


def _picture_read_as_head(elements: list[Element], lines: list[Line]) -> None:
    """A title, a caption and its credit with no 摄 ("## 春日采茶忙" / "3月20日，茶农在某茶场采茶"
    / "作者：A"), all read as one headline region with no text under it to head — the next
    element another picture with a credit of its own, a headline, or nothing. The credit has
    nothing below to sign: the region is a picture, its first line the title."""
    for at in range(len(elements) - 1, -1, -1):
        region = elements[at]
        following = elements[at + 1] if at + 1 < len(elements) else None
        if not isinstance(region, HeadRegion) or not 2 <= len(region.lines) <= _PICTURE_IN_HEAD_MAX_LINES:
            continue
        if not (following is None or isinstance(following, HeadRegion) or (
            isinstance(following, Caption) and following.credit
        )):
            continue
        last = lines[region.lines[-1]].text.strip()
        if len(region.lines) >= 3 and (signed := writer_line(last)) is not None:
            said = "".join(lines[i].text.strip() for i in region.lines[1:-1])
            # On lines of their own, a subheadline and its byline read the same unless the
            # phrase is a caption's clauses (who does what, where).
            scene = re.search("[，。]", said) is not None
        elif (run_on := _CREDIT_AFTER_PHRASE_RE.match(last)) and (
            signed := writer_line(run_on["credit"])
        ) is not None:
            said = "".join(lines[i].text.strip() for i in region.lines[1:-1]) + run_on["said"]
            scene = True  # a byline is never run on after a subheadline
        else:
            continue
        names = [w.name for w in signed.writers]
        if not names or not scene or not read_credits(signed.text).titled:
            continue
        if not 8 <= len(said) <= _CAPTION_IN_HEAD_MAX_CHARS:
            continue
        caption_lines = region.lines[1:]
        elements[at : at + 1] = [HeadRegion(region.lines[:1]), Caption(caption_lines, " ".join(names))]


def _take_caption(body: Body | None, elements: list[Element], lines: list[Line]) -> list[int]:
    """Remove the caption's text from the body it was read into and return its lines."""
    if body is None:
        return []
    indices = body.line_indices()
    jump = next((k for k in range(len(indices) - 1, -1, -1) if jumps_on(lines[indices[k]].text)), None)
    if jump is not None:
        # "（相关报道见2—5版）" closes a text: only what is printed after it can be a caption.
        kept = set(indices[: jump + 1])
        body.paragraphs = [q for q in ([i for i in p if i in kept] for p in body.paragraphs) if q]
        return indices[jump + 1 :]
    size = sum(len(lines[i].text) for i in indices)
    # A caption that opens with its own date ("3月16日,…", "近日，…") or says it is one (图为…)
    # is one picture's caption, not the last paragraph of a photo story: the text above it is
    # an article of its own.
    own_date = len(body.paragraphs) > 1 and (
        _DATED_RE.match(last := lines[body.paragraphs[-1][0]].text) or _CAPTION_OPENING_RE.match(last)
    )
    if not body.signed and size <= CAPTION_BLOCK_CHARS and not own_date:
        marked = _marked_caption_start(indices, lines)
        at = next((k for k, e in enumerate(elements) if e is body), None)
        if marked and at is not None:
            # Two pictures' captions over one credit: the credit is the marked one's only; the
            # text above it is the caption of a picture printed before, its credit unread.
            elements[at] = Caption(indices[:marked], "")
            return indices[marked:]
        _remove(elements, body)
        return indices
    taken = body.paragraphs.pop()
    # "图为…" opens a caption: what comes before it in the same paragraph, lines of it (a
    # paragraph break the OCR lost), is the article's text.
    opens = [k for k, i in enumerate(taken) if k >= 3 and _CAPTION_OPENING_RE.match(lines[i].text)]
    if opens and ends_sentence(lines[taken[opens[-1] - 1]].text):
        body.paragraphs.append(taken[: opens[-1]])
        return taken[opens[-1] :]
    # A photo story may run over several short paragraphs set narrower than the article
    # columns beside it: take the earlier ones too while their width says they belong.
    width = _median_width(taken, lines)
    size = sum(len(lines[i].text) for i in taken)
    while len(body.paragraphs) > 1 and width:
        previous = body.paragraphs[-1]
        rest = [i for p in body.paragraphs[:-1] for i in p]
        column = _median_width(rest, lines)
        extra = sum(len(lines[i].text) for i in previous)
        if (
            len(previous) < 2
            or abs(_median_width(previous, lines) - width) > 1
            or column - width < 3
            or size + extra > CAPTION_BLOCK_CHARS
        ):
            break
        taken = body.paragraphs.pop() + taken
        size += extra
    if not body.paragraphs:
        _remove(elements, body)
    return taken


# A mark pointing at the picture: only a caption opens so (图为 may open a story's sentence).
_POINTING_MARK_RE = re.compile(r"^\s*[▲△◀▼]")


# A caption's last sentence, then 作者：A — the credit some papers print under a picture (alone
# on its line or after the sentence).
AUTHOR_AFTER_CAPTION_RE = re.compile(
    r"(?:^|(?<=[。！？”]))\s*作者\s*[：:]\s*(?P<names>[\u4e00-\u9fff·\s]{2,20}?)\s*$"
)


def _marked_caption_start(indices: list[int], lines: list[Line]) -> int:
    """Where the last caption starts in a block of text its credit closes: at a caption opening
    with a mark pointing at its picture (◀4月1日，…) set apart after other text, or after a
    line closing an earlier caption with its own credit (…。 作者：A), or after a whole caption
    pointing at its picture (▲…。) set apart. The text above is another picture's caption,
    never part of this one. 0 when there is none."""
    for k in range(len(indices) - 1, 0, -1):
        line = lines[indices[k]]
        if line.blank_before and _POINTING_MARK_RE.match(line.text):
            return k
        if AUTHOR_AFTER_CAPTION_RE.search(lines[indices[k - 1]].text):
            return k
        if (
            line.blank_before
            and _POINTING_MARK_RE.match(lines[indices[0]].text)
            and ends_sentence(lines[indices[k - 1]].text)
        ):
            return k  # ▲…。 a whole caption, set apart from the next picture's
    return 0


# The end of a caption's sentence wrapped onto its credit's line ("…搬运“过年" / "猪”。（A 摄）"):
# a few characters, while a caption of its own says who does what.
_WRAPPED_CAPTION_END_CHARS = 12


def _caption_begun_in_head(
    i: int, said: str, elements: list[Element], lines: list[Line], kinds: list[str]
) -> list[int]:
    """The line read as a headline right over a credit's line that holds only the end of a
    sentence: the caption's first line, wrapped (no blank between, no sentence ended in it,
    wider than what it left for the credit's line). A picture's title ends nothing mid-sentence."""
    said = said.strip()
    if len(said) > _WRAPPED_CAPTION_END_CHARS or not ends_sentence(said.rstrip("”’」）)")):
        return []
    region = _head_line_touching(i, elements, lines, kinds)
    if region is None:
        return []
    first = lines[i - 1].text.strip()
    if ends_sentence(first) or len(first) <= len(said):
        return []
    return _take_last_head_line(region, elements)


def _head_line_touching(
    i: int, elements: list[Element], lines: list[Line], kinds: list[str]
) -> HeadRegion | None:
    """The headline region (the last element so far) whose last line is the plain line right
    over line ``i``, no blank between, heading no body of a stack; else ``None``."""
    if i == 0 or not elements or not isinstance(elements[-1], HeadRegion):
        return None
    region, above = elements[-1], i - 1
    if region.lines[-1] != above or lines[above].blank_after or kinds[above] not in PLAIN_KINDS:
        return None
    return None if region.owners else region


def _region_over(body: Body, elements: list[Element]) -> HeadRegion | None:
    """The headline region printed right before the body, if that is what comes before it."""
    at = next((k for k, e in enumerate(elements) if e is body), 0)
    region = elements[at - 1] if at else None
    return region if isinstance(region, HeadRegion) else None


def _caption_head_line(
    region: HeadRegion | None, taken: list[int], elements: list[Element], lines: list[Line], kinds: list[str]
) -> list[int]:
    """A caption's first line read as a headline over the rest of it ("某某街道，停车场变成村民"
    / "们临时的晒谷场。" / "记者/A 摄"): a clause with a comma, unfinished, touching the line it
    goes on in and as wide — a picture's title has no comma left hanging. Taken off the region."""
    if region is None or region.owners or not taken or region.lines[-1] != taken[0] - 1:
        return []
    line = lines[taken[0] - 1]
    if line.blank_after or kinds[taken[0] - 1] not in PLAIN_KINDS or ends_sentence(line.text):
        return []
    if "，" not in line.text or len(line.text) < len(lines[taken[0]].text):
        return []
    return _take_last_head_line(region, elements)


def _take_last_head_line(region: HeadRegion, elements: list[Element]) -> list[int]:
    """Take the region's last line off it (the region goes when nothing is left)."""
    taken = [region.lines.pop()]
    if not region.lines:
        _remove(elements, region)
    return taken


def _caption_read_as_head(
    i: int, elements: list[Element], lines: list[Line], kinds: list[str]
) -> list[int]:
    """A credit alone on its line right under a line read as a headline (no blank between):
    that line is the caption it credits (村民在广场晾晒小麦 / 摄影 A), short and with no full
    stop as captions often are. A headline is set apart from what follows it; a Markdown
    heading or writers' line says what it is."""
    region = _head_line_touching(i, elements, lines, kinds)
    if region is None or cjk_count(lines[i - 1].text) < 6:
        return []
    return _take_last_head_line(region, elements)


def _photo_title(body: Body | None, elements: list[Element], lines: list[Line]) -> list[int] | None:
    """A photo's title printed over its caption, read as text: one short line set apart by
    blank lines, after a finished sentence or alone ("荷花开了！")."""
    if body is None or body not in elements:
        return None
    last = body.paragraphs[-1]
    if len(last) != 1:
        return None
    line = lines[last[0]]
    text = line.text
    if not (line.blank_before and line.blank_after) or len(text) > 24 or cjk_count(text) < 4:
        return None
    if "。" in text or text.endswith(("，", "、", "：", ":", ",", "”", "）", ")")) or text.count("，") > 1:
        return None
    if len(body.paragraphs) > 1:
        if not ends_sentence(lines[body.paragraphs[-2][-1]].text):
            return None
    elif body.signed:
        return None
    body.paragraphs.pop()
    if not body.paragraphs:
        _remove(elements, body)
    return last


def _median_width(indices: list[int], lines: list[Line]) -> int:
    if len(indices) < 2:
        return 0
    widths = sorted(len(lines[i].text) for i in indices[:-1])  # a paragraph's last line is short
    return widths[len(widths) // 2]


def _remove(elements: list[Element], element: Element) -> None:
    for k in range(len(elements) - 1, -1, -1):
        if elements[k] is element:
            del elements[k]
            return
