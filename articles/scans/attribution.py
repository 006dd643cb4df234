"""Which article or photo, which part of it and which paragraph each OCR line of a scan went into.

The parser reads the issue's text, not the lines: the reading step wrote each paragraph's
printed lines as one text line (heading marks in front), and the parser says which text lines
each article and photo was built from (``ocr_text``, verbatim, from ``first_line`` on). So a
line is traced in two steps: OCR line → the text line it was written into (the text is the
lines' texts run together, so they are consumed in order), then text line → the article or
photo whose ``ocr_text`` holds it. Within an article, a line is found in its body (in order,
which gives the paragraph), its headline group or its byline; a line printed half byline,
half body ("本报讯（通讯员李晓" / "明）3月15日，川店镇组") goes where most of its characters
are. No Django: the ingest service turns this into rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.ocr.types import ParsedArticle, ParsedIssue, ParsedPhoto

from .pictures import PageInk, picture_box
from .reading import read_order
from .types import Box, OcrLine, ScanPage

HEADLINE, BYLINE, BODY, CAPTION, CREDIT, FURNITURE, UNPLACED = (
    "headline", "byline", "body", "caption", "credit", "furniture", "unplaced",
)
_HEADING_MARK = re.compile(r"^#{1,6} ")
_MOSTLY = 0.5  # share of a line's character pairs that must be found in a part to place it there
_SLACK = 8  # characters a body match may start before where the previous line ended


@dataclass(slots=True)
class PlacedLine:
    """One OCR line of a page and where the parse put it."""

    order: int  # reading order on its page, 0-based
    line: OcrLine
    block: int  # reading-order block (column, headline group) on its page
    role: str
    article: int | None = None  # index into ParsedIssue.articles
    photo: int | None = None  # index into ParsedIssue.photos
    paragraph: int | None = None  # index of the article's body paragraph


@dataclass(slots=True)
class Region:
    """The union box (x0, y0, x1, y1) of a part of an article or photo on one page."""

    kind: str  # headline_group, byline, paragraph, photo, article
    box: Box
    article: int | None = None
    photo: int | None = None
    paragraph: int | None = None


def _key(text: str) -> str:
    return "".join(text.split())


def _pairs(key: str) -> list[str]:
    return [key[i : i + 2] for i in range(len(key) - 1)] or [key]


def _share(key: str, text: str) -> float:
    """How much of ``key`` (by character pairs) appears in ``text``."""
    pairs = _pairs(key)
    return sum(1 for pair in pairs if pair in text) / len(pairs)


def body_paragraphs(body: str) -> list[str]:
    """An article's paragraphs as stored: the body's non-blank lines, numbered from 0."""
    return [p for p in body.split("\n") if p.strip()]


class _ArticleText:
    """An article's text as keys, with a cursor that follows its body as lines are placed."""

    def __init__(self, article: ParsedArticle) -> None:
        self.body = ""
        self.starts: list[int] = []
        for paragraph in body_paragraphs(article.body):
            self.starts.append(len(self.body))
            self.body += _key(paragraph)
        self.heads = [_key(h) for h in (article.section, article.kicker, article.headline, article.subheadline) if h]
        self.byline = _key(article.byline or "")
        self.cursor = 0

    def paragraph_at(self, position: int) -> int:
        index = 0
        for number, start in enumerate(self.starts):
            if start <= position:
                index = number
        return index

    def place(self, key: str, *, heading: bool) -> tuple[str, int | None, float]:
        """(role, paragraph, how sure 0..1) for a line of this article."""
        at = self.body.find(key, max(0, self.cursor - _SLACK))
        if at < 0 and not heading and len(key) >= 4:
            at = self.body.find(key)
        if at >= 0 and not (heading and any(key in head for head in self.heads)):
            self.cursor = at + len(key)
            return BODY, self.paragraph_at(at), 1.0
        if any(key in head for head in self.heads):
            return HEADLINE, None, 1.0
        if key and key in self.byline:
            return BYLINE, None, 1.0
        # Part of the line in one place, part in another (or misread): most of it decides.
        found = self._body_pairs(key)
        body_share = len(found) / len(_pairs(key))
        head_share = max((_share(key, head) for head in self.heads), default=0.0)
        byline_share = _share(key, self.byline) if self.byline else 0.0
        best = max(body_share, head_share, byline_share)
        if best < _MOSTLY:
            return (HEADLINE if heading else BODY), None, best
        if body_share == best:
            self.cursor = max(end for end in found) if found else self.cursor
            paragraphs = [self.paragraph_at(end - 2) for end in found]
            return BODY, max(set(paragraphs), key=paragraphs.count), best
        return (HEADLINE if head_share == best else BYLINE), None, best

    def _body_pairs(self, key: str) -> list[int]:
        """End positions of the line's character pairs found in the body near the cursor."""
        start = max(0, self.cursor - _SLACK)
        limit = self.cursor + 3 * len(key) + 20
        ends = []
        for pair in _pairs(key):
            at = self.body.find(pair, start, limit)
            if at >= 0:
                ends.append(at + len(pair))
        return ends


class _PhotoText:
    def __init__(self, photo: ParsedPhoto) -> None:
        self.caption = _key(photo.caption)
        self.title = _key(photo.title or "")
        self.photographers = [_key(name) for name in photo.photographers]

    def place(self, key: str) -> tuple[str, float]:
        if key in self.caption:
            return CAPTION, 1.0
        if self.title and key in self.title:
            return HEADLINE, 1.0
        if "摄" in key and (any(name and name in key for name in self.photographers) or len(key) <= 12):
            return CREDIT, 1.0
        share = _share(key, self.caption)
        if share >= _MOSTLY:
            return CAPTION, share
        if self.title and _share(key, self.title) >= _MOSTLY:
            return HEADLINE, _share(key, self.title)
        return FURNITURE, share  # print inside the picture, read as text


def text_line_of_each(pages: Sequence[ScanPage], text: str) -> list[int | None]:
    """For every OCR line (pages in order), the 1-based number of the text line it was written into.

    The reading step writes each text line as its OCR lines' texts run together (spaces
    aside) behind an optional heading mark, in the pages' line order; so the lines are
    consumed in order. A line the text does not hold where expected is left out (None).
    """
    stream = [_key(line.text) for page in pages for line in page.lines]
    numbers: list[int | None] = [None] * len(stream)
    i = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        rest = _key(_HEADING_MARK.sub("", raw))
        while rest and i < len(stream):
            if not stream[i]:
                i += 1
            elif rest.startswith(stream[i]):
                numbers[i] = number
                rest = rest[len(stream[i]) :]
                i += 1
            else:
                # Out of step (not expected from the reading step): catch up on the next line
                # of this text line, or leave this text line.
                ahead = next(
                    (j for j in range(i + 1, min(len(stream), i + 40)) if stream[j] and rest.startswith(stream[j])),
                    None,
                )
                if ahead is None:
                    break
                i = ahead
    return numbers


def _claims(text: str, parsed: ParsedIssue) -> dict[int, list[tuple[str, int]]]:
    """Text line number → the articles and photos built from it (("article" | "photo", index))."""
    lines = [raw.rstrip() for raw in text.split("\n")]
    claims: dict[int, list[tuple[str, int]]] = {}
    owners: list[tuple[str, int, str, int]] = [
        ("article", index, a.ocr_text, a.first_line) for index, a in enumerate(parsed.articles)
    ]
    owners += [("photo", index, p.ocr_text, p.first_line) for index, p in enumerate(parsed.photos)]
    for kind, index, ocr_text, first_line in owners:
        position = max(0, first_line - 1)
        for wanted in ocr_text.split("\n"):
            wanted = wanted.rstrip()
            if not wanted.strip():
                continue
            # ``ocr_text`` is its source lines in order: look forward first, then anywhere.
            found = next((j for j in range(position, len(lines)) if lines[j] == wanted), None)
            if found is None:
                found = next((j for j in range(len(lines)) if lines[j] == wanted), None)
            if found is None:
                continue
            claims.setdefault(found + 1, []).append((kind, index))
            position = found + 1
    return claims


def place_lines(pages: Sequence[ScanPage], text: str, parsed: ParsedIssue) -> list[list[PlacedLine]]:
    """Every OCR line of every page, with its article or photo, role and paragraph."""
    numbers = text_line_of_each(pages, text)
    source = text.split("\n")
    claims = _claims(text, parsed)
    articles = [_ArticleText(a) for a in parsed.articles]
    photos = [_PhotoText(p) for p in parsed.photos]
    unplaced = {_key(u) for u in parsed.unplaced}
    out: list[list[PlacedLine]] = []
    n = 0
    for page in pages:
        blocks = {
            id(line): index
            for index, block in enumerate(read_order(page.lines, page.width, page.height).blocks)
            for line in block.lines()
        }
        placed = []
        for order, line in enumerate(page.lines):
            number = numbers[n]
            n += 1
            raw = source[number - 1] if number is not None else ""
            item = PlacedLine(order=order, line=line, block=blocks.get(id(line), 0), role=FURNITURE)
            _place(item, _key(line.text), raw, claims.get(number or 0, []), articles, photos, unplaced)
            placed.append(item)
        out.append(placed)
    return out


def _place(
    item: PlacedLine,
    key: str,
    raw: str,
    claimants: list[tuple[str, int]],
    articles: list[_ArticleText],
    photos: list[_PhotoText],
    unplaced: set[str],
) -> None:
    heading = bool(_HEADING_MARK.match(raw))
    best: tuple[float, str, str, int, int | None] | None = None
    for kind, index in claimants:
        if kind == "article":
            role, paragraph, sure = articles[index].place(key, heading=heading)
        else:
            (role, sure), paragraph = photos[index].place(key), None
        if best is None or sure > best[0]:
            best = (sure, kind, role, index, paragraph)
        if sure >= 1.0:
            break
    if best is None:
        item.role = UNPLACED if _key(_HEADING_MARK.sub("", raw)) in unplaced and raw.strip() else FURNITURE
        return
    _, kind, item.role, index, item.paragraph = best
    if kind == "article":
        item.article = index
    else:
        item.photo = index


def union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


_PART_OF_ROLE = {HEADLINE: "headline_group", BYLINE: "byline", BODY: "paragraph"}


def regions(placed: Sequence[PlacedLine], parsed: ParsedIssue, ink: PageInk | None = None) -> list[Region]:
    """A page's regions: each article's headline group, byline and paragraphs and its whole
    clipping (its own lines only), and each photo (with the article it belongs to).

    A photo's region is its lines (title, caption, credit) and, when the page image is given
    (``ink``, see :mod:`.pictures`), the picture printed next to its caption."""
    groups: dict[tuple[str, int | None, int | None, int | None], list[Box]] = {}
    captions: dict[tuple[str, int | None, int | None, int | None], list[Box]] = {}
    for item in placed:
        box = item.line.box
        if item.photo is not None:
            article = parsed.photos[item.photo].article_index
            key = ("photo", article, item.photo, None)
            groups.setdefault(key, []).append(box)
            if item.role in (CAPTION, CREDIT):
                captions.setdefault(key, []).append(box)
        elif item.article is not None:
            part = _PART_OF_ROLE.get(item.role)
            if part == "paragraph" and item.paragraph is None:
                part = None  # a line of the article the body does not hold (a jump line, noise)
            if part is not None:
                paragraph = item.paragraph if part == "paragraph" else None
                groups.setdefault((part, item.article, None, paragraph), []).append(box)
            groups.setdefault(("article", item.article, None, None), []).append(box)
    if ink is not None and captions:
        _add_pictures(groups, captions, placed, ink)
    return [
        Region(kind=kind, box=union(boxes), article=article, photo=photo, paragraph=paragraph)
        for (kind, article, photo, paragraph), boxes in groups.items()
    ]


def _add_pictures(
    groups: dict[tuple[str, int | None, int | None, int | None], list[Box]],
    captions: dict[tuple[str, int | None, int | None, int | None], list[Box]],
    placed: Sequence[PlacedLine],
    ink: PageInk,
) -> None:
    """Each photo's picture joins its region: found beside its caption on the page image."""
    cleared = ink.without_text([item.line.box for item in placed])
    for key, boxes in captions.items():
        photo = key[2]
        # Text read inside the picture (a sign, a banner) is the photo's own, not a stop.
        others = [item.line.box for item in placed if item.photo != photo]
        heights = sorted(b[3] - b[1] for b in boxes)
        picture = picture_box(cleared, union(boxes), line_height=heights[len(heights) // 2], others=others)
        if picture is not None:
            groups[key].append(picture)
