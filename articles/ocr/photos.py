"""Photos: a caption with its credit and title, and the article its caption retells."""

from __future__ import annotations

import bisect
import re

from .bylines import credit_inner, credit_names, find_credit, tail_byline, writer_line
from .drafts import source_text
from .headlines import HeadLine, join_parts, title_text, weighted_overlap
from .layout import (
    AUTHOR_AFTER_CAPTION_RE,
    CREDIT_AFTER_SENTENCE_RE,
    RUN_ON_CREDIT_WORDS,
    Caption,
    Layout,
)
from .text import bigrams, join_lines
from .types import ParsedIssue, ParsedPhoto

PHOTO_LINK_THRESHOLD = 0.55
PHOTO_WINDOW = 20


# A credit's own word and colon left before its names: 作者：, 摄影：, 图：.
_CREDIT_PREFIX_RE = re.compile(r"(?:作者|摄影|图片|图|记者|通讯员)\s*[：:]\s*$")
# Where a credit with no 摄 may begin after a caption's phrase.
_TITLE_AFTER_PHRASE_RE = re.compile(rf"(?<=[\u4e00-\u9fff\s])(?:{RUN_ON_CREDIT_WORDS})")


def build_photo(
    layout: Layout, caption: Caption, heads: list[HeadLine], corpus: str
) -> ParsedPhoto | None:
    lines = [layout.lines[i] for i in caption.lines]
    texts = [line.text for line in lines]
    match = None
    credit = None
    if texts:
        match = find_credit(texts[-1])
        # "A 摄于白鹭湾" says where (or when) the picture was taken: the caption keeps it. A
        # credit naming no one (（资料图片）, （某镇供图）) is printed text the caption keeps.
        if match and "摄于" not in match.group(0) and credit_names(credit_inner(match)):
            credit = texts[-1][match.start() :].strip()
            texts[-1] = texts[-1][: match.start()]
            if prefix := _CREDIT_PREFIX_RE.search(texts[-1]):
                # "作者：A/摄": the word before the colon belongs to the credit, not the caption
                credit, texts[-1] = f"{prefix.group(0).strip()}{credit}", texts[-1][: prefix.start()]
    if texts and match is None and caption.credit and len(texts) > 1:
        # "记者 A 文/摄" on the caption's last line: who wrote it and took the picture.
        signed = writer_line(texts[-1])
        if signed is not None and [w.name for w in signed.writers] == caption.credit.split():
            credit = texts.pop().strip()
    body = join_lines([t for t in texts if t.strip()])
    if texts and match is None and caption.credit:
        # Names in brackets with no 摄 after the last sentence (…。（A）, wrapped or not)
        # credit the picture: they are no part of what the caption says.
        signature = tail_byline(body)
        if signature is not None:
            body, credit = body[: signature.end].rstrip(), body[signature.end :].strip()
    photographers = credit_names(caption.credit)
    if photographers and credit is None and match is None:
        # "…茶场采茶 作者： A" run on after the caption's phrase: the credit, not what it says.
        for run_on in reversed(list(_TITLE_AFTER_PHRASE_RE.finditer(body))):
            signed = writer_line(body[run_on.start() :])
            if signed is not None and [w.name for w in signed.writers] == photographers:
                body, credit = body[: run_on.start()].rstrip(), body[run_on.start() :].strip()
                break
    if credit and (begun := CREDIT_AFTER_SENTENCE_RE.search(body)):
        # The credit's first names after the last sentence, on the line above its own (or its
        # title and a surname, the given name wrapped: "通讯员 万" / "宗平摄影报道").
        signed = writer_line(begun["rest"])
        said_first = "".join(caption.credit.split()).startswith("".join(begun["rest"].split()))
        if said_first or (
            signed is not None and signed.writers and {w.name for w in signed.writers} <= set(photographers)
        ):
            body, credit = body[: begun.start("rest")].rstrip(), f"{begun['rest']} {credit}"
    if not photographers and match is None:
        # "…。 作者：A" ending a line of a caption with no other credit: who took the picture
        # (a title printed under the caption may follow it).
        for text in texts:
            author = AUTHOR_AFTER_CAPTION_RE.search(text)
            if author is not None and credit_names(author["names"]):
                photographers = credit_names(author["names"])
        ending = AUTHOR_AFTER_CAPTION_RE.search(body)
        if photographers and ending is not None:
            body, credit = body[: ending.start()].rstrip(), body[ending.start() :].strip()
    title = title_text(join_parts([h.text for h in heads], corpus)) if heads else None
    if not body.strip() and title:
        body, title = title, None  # one phrase over the credit (浪中莼韵 / A 摄): the caption
    all_lines = sorted({*caption.lines, *(i for h in heads for i in h.lines)})
    return ParsedPhoto(
        caption=body,
        ocr_text=source_text(layout, all_lines),
        title=title,
        photographers=photographers,
        credit=credit or None,
        first_line=layout.lines[all_lines[0]].number if all_lines else 0,
    )


def link_photos(issue: ParsedIssue, keys: list[set[int]]) -> None:
    """A caption that retells one article's story illustrates that article."""
    if not issue.articles or not issue.photos:
        return
    starts = [a.first_line for a in issue.articles]  # ascending: articles are in page order
    for photo in issue.photos:
        # Only articles printed near the photo are candidates (a long file holds many pages).
        at = bisect.bisect_left(starts, photo.first_line)
        lo, hi = max(0, at - PHOTO_WINDOW), min(len(keys), at + PHOTO_WINDOW)
        scores = weighted_overlap(bigrams(photo.caption), keys[lo:hi])
        if scores:
            best = max(range(len(scores)), key=scores.__getitem__)
            if scores[best] >= PHOTO_LINK_THRESHOLD:
                photo.article_index = lo + best
