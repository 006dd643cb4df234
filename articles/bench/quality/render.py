"""Print annotated articles as OCR-like issue files, the way the seeds look.

Each issue is a few pages of 3–5 items. The first page opens with a masthead and the date;
later pages with a running head (date, page, editor) — page furniture that belongs to the
issue, not to any article. Every issue gets one layout and one noise level, cycling so that
every combination occurs:

- layouts: ``above`` (headline group over its body), ``below`` (printed after it), ``top``
  (the page's headline groups stacked at the top, bodies after), ``markdown`` (``#`` headings,
  one paragraph per line), ``wide`` (one paragraph per line, no Markdown), ``dense`` (narrow
  columns, no blank line anywhere);
- narrow columns wrap every paragraph at a width of 13–24 characters and end a column every
  9–22 lines with a blank line, wherever the sentence is;
- bylines stay as the outlet printed them: opening the first paragraph, on a line of their
  own, or after the last paragraph; photo credits follow the caption, so a long one wraps;
- noise 1 drops blank lines between paragraphs and turns some full-width commas half-width;
  noise 2 also puts stray spaces inside lines, swaps a few look-alike characters outside
  names, misreads the surname of some printed names (划 for 刘, 玉 for 王; drawn from a
  stream of their own, so the rest of every file is as without it) and runs a headline into
  the first line of its body.

Everything is seeded: the same corpus and variant give the same files. The gold for an
issue (``<name>.json``) lists its articles and photos with the annotations the scorer needs,
and the role of every line of the file (``line_roles``: masthead, furniture, headline,
byline, a paragraph's first line, body, caption … see ``ROLES``) for the line classifier.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import GoldItem, GoldPhoto

LAYOUTS = ("above", "below", "top", "markdown", "wide", "dense")
NOISE_LEVELS = (0, 1, 2)
# What each printed line is, written into the gold as ``line_roles`` (one a line of the file).
ROLES = (
    "blank", "masthead", "furniture", "section", "kicker", "headline", "subheadline",
    "byline", "body_first", "para_first", "body", "glued", "caption", "credit", "photo_title",
)
_MASTHEADS = ("荆州区新闻", "江陵新闻", "监利日报", "公安报", "洪湖周刊", "石首新闻")
_WEEKDAYS = "一二三四五六日"
_EDITORS = ("王晓燕", "李明", "陈思远", "刘婷", "周建国", "张敏")
# Look-alike swaps an OCR makes in running text (never inside a name: those are below).
_LOOKALIKES = {"己": "已", "末": "未", "士": "土", "人": "入", "干": "于", "天": "夭"}
# ... and in names, where the surname's look-alike is no surname (划 for 刘, 玉 for 王): the
# gold keeps the real name, which the parser must still find and flag as a likely misreading.
_NAME_LOOKALIKES = {"刘": "划", "王": "玉", "陈": "阵", "杨": "扬", "张": "胀", "梁": "粱"}
NAME_SWAP_RATE = 0.3
_CN_DIGITS = "〇一二三四五六七八九"


@dataclass(slots=True)
class Issue:
    name: str
    text: str
    gold: dict = field(default_factory=dict)


def _cn_number(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[units] if units else "")


def _date_line(date: dt.date, rng: random.Random) -> str:
    weekday = "星期" + _WEEKDAYS[date.weekday()]
    if rng.random() < 0.25:
        year = "".join(_CN_DIGITS[int(c)] for c in str(date.year))
        return f"{year}年{_cn_number(date.month)}月{_cn_number(date.day)}日 {weekday}"
    return f"{date.year}年{date.month}月{date.day}日 {weekday}"


_NO_LINE_START = frozenset("，。、；：！？）」』”’…,.;:!?)")


def _wrap(text: str, width: int) -> list[str]:
    """Cut a paragraph into column lines; punctuation never opens a line (it hangs at the end
    of the line before, as typesetters do)."""
    lines: list[str] = []
    i = 0
    while i < len(text):
        j = min(i + width, len(text))
        while j < len(text) and text[j] in _NO_LINE_START:
            j += 1
        lines.append(text[i:j])
        i = j
    return lines or [""]


class _Page:
    """Lines of one page, with column breaks inserted as lines accumulate."""

    def __init__(self, rng: random.Random, *, narrow: bool, dense: bool) -> None:
        self.rng = rng
        self.narrow = narrow
        self.dense = dense
        self.lines: list[str] = []
        self.roles: list[str] = []  # what each line is (ROLES), for the line classifier
        self._column = rng.randint(9, 22)

    def add(self, line: str, role: str) -> None:
        self.lines.append(line)
        self.roles.append(role if line else "blank")

    def blank(self) -> None:
        if not self.dense and self.lines and self.lines[-1] != "":
            self.add("", "blank")

    def text_line(self, line: str, role: str) -> None:
        self.add(line, role)
        if self.narrow and not self.dense:
            self._column -= 1
            if self._column <= 0:
                self.add("", "blank")  # the column ends here, wherever the sentence is
                self._column = self.rng.randint(9, 22)


class Renderer:
    def __init__(self, variant: int = 0) -> None:
        self.variant = variant
        self._misread: dict[str, set[str]] = {}  # item id -> names printed with a look-alike

    def issues(self, items: list[GoldItem], *, prefix: str) -> list[Issue]:
        rng = random.Random(f"{prefix}:{self.variant}")
        order = list(items)
        rng.shuffle(order)
        chunks: list[list[GoldItem]] = []
        while order:
            size = rng.randint(5, 9)
            chunks.append(order[:size])
            order = order[size:]
        combos = [(layout, noise) for noise in NOISE_LEVELS for layout in LAYOUTS]
        out = []
        for k, chunk in enumerate(chunks):
            layout, noise = combos[(k + self.variant * 7) % len(combos)]
            name = f"{prefix}_v{self.variant}_{k:03d}"
            out.append(self._issue(name, chunk, layout, noise, random.Random(f"{name}")))
        return out

    # --- one issue ---------------------------------------------------------------------------

    def _issue(
        self, name: str, items: list[GoldItem], layout: str, noise: int, rng: random.Random
    ) -> Issue:
        date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
        masthead = rng.choice(_MASTHEADS)
        narrow = layout in ("above", "below", "top", "dense")
        lines: list[str] = []
        md = layout == "markdown"
        lines += [f"# {masthead}" if md else masthead, "", _date_line(date, rng)]
        if rng.random() < 0.5:
            lines.append(f"第{rng.randint(800, 3000)}期")
        lines.append("")
        roles = ["blank" if not line else "masthead" for line in lines]
        pages: list[list[GoldItem]] = []
        rest = list(items)
        while rest:
            size = rng.randint(3, 5)
            pages.append(rest[:size])
            rest = rest[size:]
        articles: list[dict] = []
        photos: list[dict] = []
        for number, page_items in enumerate(pages, start=1):
            page = _Page(rng, narrow=narrow, dense=layout == "dense")
            if number > 1:
                for line in self._running_head(date, number, rng):
                    page.add(line, "furniture")
            self._page(page, page_items, layout, noise, rng)
            if rng.random() < 0.3:
                page.blank()
                page.add(f"责任编辑：{rng.choice(_EDITORS)}  校对：{rng.choice(_EDITORS)}", "furniture")
            lines += page.lines
            roles += page.roles
            lines.append("")
            roles.append("blank")
            for item in page_items:
                if item.is_article:
                    gold_article = _gold_article(item, layout)
                    gold_article["misread"] = sorted(self._misread.pop(item.id, set()))
                    articles.append(gold_article)
                if item.photo is not None:
                    photos.append(_gold_photo(item, item.photo))
        text = "\n".join(lines).rstrip() + "\n"
        gold = {
            "issue": name,
            "layout": layout,
            "noise": noise,
            "date": date.isoformat(),
            "articles": articles,
            "photos": photos,
            # One role a line of the text file (blank lines too), for the line classifier;
            # the scorer does not read it.
            "line_roles": roles[: text.count("\n")],
        }
        return Issue(name, text, gold)

    def _running_head(self, date: dt.date, number: int, rng: random.Random) -> list[str]:
        editor = rng.choice(_EDITORS)
        forms = (
            f"{date.year}年{date.month}月{date.day}日 星期{_WEEKDAYS[date.weekday()]} 第{number}版 责任编辑：{editor}",
            f"第{number}版  {date.year}年{date.month}月{date.day}日",
            f"责任编辑：{editor}",
            f"{date.year}年{date.month}月{date.day}日 第{number}版",
        )
        return [rng.choice(forms), ""]

    def _page(
        self, page: _Page, items: list[GoldItem], layout: str, noise: int, rng: random.Random
    ) -> None:
        if layout == "top":
            for item in items:
                if item.is_article:
                    self._group(page, item, layout, noise, rng)
            for item in items:
                self._item(page, item, layout, noise, rng, with_group=not item.is_article)
            return
        for item in items:
            self._item(page, item, layout, noise, rng, with_group=True)

    def _item(
        self, page: _Page, item: GoldItem, layout: str, noise: int, rng: random.Random, *,
        with_group: bool,
    ) -> None:
        if not item.is_article:
            assert item.photo is not None
            self._photo(page, item.photo, layout, noise, rng)
            return
        glued = False
        if with_group and layout != "below":
            glued = (
                noise == 2 and item.byline_at == "lead" and layout == "above" and rng.random() < 0.3
            )
            if not glued:
                self._group(page, item, layout, noise, rng)
        if item.byline and item.byline_at == "line":
            page.blank()
            page.text_line(self._byline(item, noise), "byline")
        self._body(page, item, layout, noise, rng, glued=glued)
        if with_group and layout == "below":
            self._group(page, item, layout, noise, rng)
        if item.photo is not None:
            self._photo(page, item.photo, layout, noise, rng)

    def _group(
        self, page: _Page, item: GoldItem, layout: str, noise: int, rng: random.Random
    ) -> None:
        page.blank()
        if item.section:
            page.add(f"### {item.section}" if layout == "markdown" else item.section, "section")
            page.blank()
        for level, text, role in (
            (3, item.kicker, "kicker"), (2, item.headline, "headline"),
            (3, item.subheadline, "subheadline"),
        ):
            if not text:
                continue
            if layout == "markdown":
                page.add(f"{'#' * level} {text}", role)
            elif noise and len(text) > 18 and rng.random() < 0.3:
                cut = rng.randint(len(text) // 2 - 2, len(text) // 2 + 2)
                page.add(text[:cut], role)  # a long headline over two lines
                page.add(text[cut:], role)
            else:
                page.add(text, role)
        page.blank()

    def _body(
        self, page: _Page, item: GoldItem, layout: str, noise: int, rng: random.Random, *,
        glued: bool,
    ) -> None:
        paragraphs = [_noisy(p, item, noise, rng) for p in item.paragraphs]
        if noise == 2:
            names = random.Random(f"names:{item.id}:{self.variant}")
            paragraphs = [_swap_names(p, item, names) for p in paragraphs]
        byline = self._byline(item, noise)
        printed = "".join([*paragraphs, byline])
        self._misread[item.id] = {
            name
            for name in (*item.people, *item.writers)
            if name[:1] in _NAME_LOOKALIKES and _NAME_LOOKALIKES[name[0]] + name[1:] in printed
        }
        if item.dateline:
            paragraphs[0] = f"{item.dateline} {paragraphs[0]}"
        if byline and item.byline_at == "lead":
            joint = "" if byline[-1] in "）)：:" or " " in byline[-2:] else " "
            paragraphs[0] = byline + joint + paragraphs[0]
        tail_line = None
        if byline and item.byline_at == "tail":
            if byline[0] in "（(【":
                paragraphs[-1] += byline
            else:
                tail_line = byline
        width = rng.randint(13, 24)
        for k, paragraph in enumerate(paragraphs):
            wide = layout in ("markdown", "wide")
            if k and (wide or (not page.dense and rng.random() < (0.7 if noise == 0 else 0.35))):
                page.blank()
            first = "body_first" if k == 0 else "para_first"
            if layout in ("markdown", "wide"):
                page.add(paragraph, first)
                continue
            lines = _wrap(paragraph, width)
            if glued and k == 0:
                lines[0] = f"{item.headline} {lines[0]}"
                first = "glued"  # a headline run into the body's first line
            for n, line in enumerate(lines):
                page.text_line(line, first if n == 0 else "body")
        if tail_line:
            page.text_line(tail_line, "byline")
        page.blank()

    def _byline(self, item: GoldItem, noise: int) -> str:
        if noise != 2:
            return item.byline
        return _swap_names(item.byline, item, random.Random(f"byline:{item.id}:{self.variant}"))

    def _photo(
        self, page: _Page, photo: GoldPhoto, layout: str, noise: int, rng: random.Random
    ) -> None:
        caption = photo.caption
        credit_line = None
        if photo.credit:
            if photo.credit[0] in "（(【" or "（" in photo.credit or rng.random() < 0.5:
                caption = f"{caption}{'' if photo.credit[0] in '（(【' else ' '}{photo.credit}"
            else:
                credit_line = photo.credit
        title_first = layout != "below"
        page.blank()
        if photo.title and title_first:
            page.add(f"## {photo.title}" if layout == "markdown" else photo.title, "photo_title")
            page.blank()
        if layout in ("markdown", "wide"):
            page.add(caption, "caption")
        else:
            for line in _wrap(caption, rng.randint(14, 26)):
                page.text_line(line, "caption")
        if credit_line:
            page.text_line(credit_line, "credit")
        if photo.title and not title_first:
            page.blank()
            page.add(photo.title, "photo_title")
        page.blank()


def _noisy(paragraph: str, item: GoldItem, noise: int, rng: random.Random) -> str:
    if not noise:
        return paragraph
    chars = list(paragraph)
    protected = [False] * len(chars)
    for name in (*item.people, *item.writers):
        start = paragraph.find(name)
        while start >= 0:
            for i in range(start, start + len(name)):
                protected[i] = True
            start = paragraph.find(name, start + 1)
    for i, ch in enumerate(chars):
        if ch == "，" and rng.random() < 0.15:
            chars[i] = ","
        elif noise == 2 and not protected[i] and ch in _LOOKALIKES and rng.random() < 0.08:
            chars[i] = _LOOKALIKES[ch]
    text = "".join(chars)
    if noise == 2 and len(text) > 30 and rng.random() < 0.3:
        at = rng.randint(5, len(text) - 5)
        if not any(protected[max(0, at - 1) : at + 1]):
            text = text[:at] + " " + text[at:]
    return text


def _swap_names(text: str, item: GoldItem, rng: random.Random) -> str:
    """Misread the surname of some printed names (each occurrence on its own)."""
    for name in dict.fromkeys((*item.people, *item.writers)):
        swapped = _NAME_LOOKALIKES.get(name[:1])
        if swapped is None or name not in text:
            continue
        parts = text.split(name)
        out = parts[0]
        for part in parts[1:]:
            out += (swapped + name[1:] if rng.random() < NAME_SWAP_RATE else name) + part
        text = out
    return text


def _gold_article(item: GoldItem, layout: str) -> dict:
    return {
        "id": item.id,
        "outlet": item.outlet,
        "kicker": item.kicker,
        "headline": item.headline,
        "subheadline": item.subheadline,
        "section": item.section,
        "byline_at": item.byline_at if item.byline else "",
        "writers": item.writers,
        "people": item.people,
        "body": "\n".join(item.paragraphs),
        "layout": layout,
    }


def _gold_photo(item: GoldItem, photo: GoldPhoto) -> dict:
    return {
        "id": item.id,
        "caption": photo.caption,
        "credit": photo.credit,
        "photographers": photo.photographers,
        "title": photo.title,
        "people": photo.people,
        "with_article": item.is_article,
    }


def write_issues(issues: list[Issue], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for issue in issues:
        (out / f"{issue.name}.txt").write_text(issue.text, encoding="utf-8")
        (out / f"{issue.name}.json").write_text(
            json.dumps(issue.gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )
