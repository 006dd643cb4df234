"""The annotation format of the import-quality corpus (documented in docs/import-quality.md).

A corpus file holds items separated by ``=== <id>`` lines. Each item is a block of
``key: value`` lines, then optionally ``---`` and the body, one paragraph per line::

    === a001
    outlet: 某县融媒体中心
    kicker:
    headline: 某镇开展秋收秋种工作
    subheadline:
    section:
    byline: 某县融媒讯(记者 张三 通讯员 李四)
    byline_at: lead            # lead (opens the first paragraph) | line (own line) | tail
    dateline: 本报讯           # an outlet's dateline printed before the text when the
                               # writers are signed elsewhere (not part of the body)
    writers: 张三 李四
    people: 王五 赵六          # people the body names, correspondents excluded
    photo: 图为村民在晾晒稻谷。 # a photo's caption, with
    credit: (张三 摄)          # its credit as printed and
    photographers: 张三        # the names in it
    ---
    第一段……
    第二段……

An item without a body is a photo on its own (``headline`` is then its title). Keys may be
empty. Text is kept as collected; :func:`normalise` only turns the half-width punctuation a web
page uses into the full-width forms a newspaper prints.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# A share of outlets (not of articles) is held out, so the held-out set has outlets whose
# byline and credit forms the parser was never tuned on.
HELD_OUT_PERCENT = 30
_KEYS = frozenset(
    (
        "outlet", "url", "kicker", "headline", "subheadline", "section", "headline_by",
        "byline", "byline_at", "dateline", "writers", "people", "photo", "credit", "photographers",
    )
)
_FULL_WIDTH = {",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_RE = re.compile(r"[,;!?()]|(?<!\d):|:(?!\d)")


@dataclass(slots=True)
class GoldPhoto:
    caption: str
    credit: str = ""
    photographers: list[str] = field(default_factory=list)
    title: str = ""
    people: list[str] = field(default_factory=list)


@dataclass(slots=True)
class GoldItem:
    id: str
    outlet: str
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    section: str = ""
    byline: str = ""
    byline_at: str = "lead"
    dateline: str = ""
    writers: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    photo: GoldPhoto | None = None

    @property
    def is_article(self) -> bool:
        return bool(self.paragraphs)

    @property
    def held_out(self) -> bool:
        digest = hashlib.sha1(self.outlet.encode("utf-8")).hexdigest()  # noqa: S324 - a split, not security
        return int(digest, 16) % 100 < HELD_OUT_PERCENT


def normalise(text: str) -> str:
    """Half-width punctuation from a web page as the paper prints it: ，；：！？（）.

    A colon between digits (a time, 10:30) stays as it is."""
    return _HALF_RE.sub(lambda m: _FULL_WIDTH.get(m.group(0), "："), text.strip())


def _names(value: str) -> list[str]:
    return [n for n in value.split() if n]


def parse_items(text: str) -> list[GoldItem]:
    items: list[GoldItem] = []
    for block in re.split(r"^=== ", text, flags=re.MULTILINE)[1:]:
        head, _, body = block.partition("\n---\n")
        lines = head.splitlines()
        fields: dict[str, str] = {}
        for line in lines[1:]:
            key, sep, value = line.partition(":")
            if sep and key.strip() in _KEYS:
                fields[key.strip()] = value.strip()
        paragraphs = [normalise(p) for p in body.splitlines() if p.strip()]
        if paragraphs:
            paragraphs[0] = _without_opening(
                paragraphs[0],
                normalise(fields.get("byline", "")) if (fields.get("byline_at") or "lead") == "lead" else "",
                normalise(fields.get("dateline", "")),
            )
        photo = None
        if fields.get("photo"):
            photo = GoldPhoto(
                caption=normalise(fields["photo"]),
                credit=normalise(fields.get("credit", "")),
                photographers=_names(fields.get("photographers", "")),
                title="" if paragraphs else normalise(fields.get("headline", "")),
                people=[] if paragraphs else _names(fields.get("people", "")),
            )
        items.append(
            GoldItem(
                id=lines[0].strip(),
                outlet=fields.get("outlet", ""),
                kicker=normalise(fields.get("kicker", "")),
                headline=normalise(fields.get("headline", "")) if paragraphs else "",
                subheadline=normalise(fields.get("subheadline", "")),
                section=normalise(fields.get("section", "")),
                byline=normalise(fields.get("byline", "")),
                byline_at=fields.get("byline_at") or "lead",
                dateline=normalise(fields.get("dateline", "")),
                writers=_names(fields.get("writers", "")),
                people=_names(fields.get("people", "")),
                paragraphs=paragraphs,
                photo=photo,
            )
        )
    return items


def _without_opening(first: str, byline: str, dateline: str) -> str:
    """The first paragraph without a lead byline or a dateline copied into it: the format
    keeps them in their own keys (the renderer prints them), and collectors copying a page
    as it reads often leave them in the text too."""
    for opening in (byline, dateline):
        if opening and first.startswith(opening) and first[len(opening) :].strip():
            return first[len(opening) :].lstrip()
    return first


def read_corpus(paths: Iterable[Path]) -> list[GoldItem]:
    """Every item of every ``*.txt`` file under the given files or folders, in a stable order."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    items: list[GoldItem] = []
    for path in files:
        items.extend(parse_items(path.read_text(encoding="utf-8")))
    return items
