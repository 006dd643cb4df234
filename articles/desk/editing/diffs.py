"""Showing changes: character-level diffs and field-by-field comparison of two snapshots."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticlePerson

FIELD_LABELS: dict[str, str] = {
    "kicker": "引题",
    "headline": "标题",
    "subheadline": "副题",
    "section": "栏目",
    "byline": "署名",
    "dateline": "消息日期",
    "dateline_date": "消息日期（公历）",
    "body": "正文",
    "status": "状态",
    "is_published": "公开",
    "people": "人物",
    "tags": "标签",
}


def diff_html(old: str, new: str) -> SafeString:
    """Character-level diff of two texts as escaped HTML with <del>/<ins> marks.

    Chinese has no spaces between words, so a word diff would mark whole sentences: the
    comparison is per character. autojunk is off because a long article repeats common
    characters (的, 。) often enough for difflib's heuristic to discard them.
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f'<del class="diff-del">{escape(old[i1:i2])}</del>')
        if j2 > j1:
            parts.append(f'<ins class="diff-ins">{escape(new[j1:j2])}</ins>')
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def side_by_side_html(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The two texts with their differences marked, for two columns (old left, new right)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(escape(old[i1:i2]))
            right.append(escape(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(f'<del class="diff-del">{escape(old[i1:i2])}</del>')
        if j2 > j1:
            right.append(f'<ins class="diff-ins">{escape(new[j1:j2])}</ins>')
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


# Beyond this many characters (OCR and text together) a character diff costs more than it
# shows: the OCR text is shown as it is.
ALIGNED_DIFF_LIMIT = 60_000
# The parts of an article the importer takes out of the OCR text, in the order a page prints them.
_HEADER_PARTS = (("kicker", "引题"), ("headline", "标题"), ("subheadline", "副题"), ("byline", "署名"))


@dataclass(frozen=True)
class OcrBlock:
    """One part of the OCR original, diffed against the field or body paragraph it became."""

    label: str  # 引题 / 标题 / 副题 / 署名; empty for a paragraph of the body
    paragraph: int | None  # the body line it matches (the editor scrolls by it), else None
    html: SafeString


def aligned_ocr_diff(ocr_text: str, text: Mapping[str, Any]) -> list[OcrBlock]:
    """The verbatim OCR text against the article, block by block (headline group, byline, each
    paragraph of the body), so the screen can show each beside the text it became.

    The headline group and the byline live in their own fields: they are compared with the OCR
    lines they came from, not shown as deleted from the body. The OCR's line breaks are where
    a column wrapped, not paragraphs, so they are left out of the comparison.
    """
    parts: list[tuple[str, int | None, str]] = [
        (label, None, text.get(name) or "") for name, label in _HEADER_PARTS if text.get(name)
    ]
    parts += [("", i, line) for i, line in enumerate((text.get("body") or "").split("\n")) if line.strip()]
    flat = ocr_text.replace("\r", "").replace("\n", "")
    composed = "".join(part for _, _, part in parts)
    if not parts or len(flat) + len(composed) > ALIGNED_DIFF_LIMIT:
        return [OcrBlock("", None, mark_safe(escape(ocr_text)))]  # noqa: S308 - escaped
    ends, pos = [], 0
    for _, _, part in parts:
        pos += len(part)
        ends.append(pos)
    html: list[list[str]] = [[] for _ in parts]

    def owner(j: int) -> int:
        return next((k for k, end in enumerate(ends) if j < end), len(parts) - 1)

    def spread(j1: int, j2: int, wrap: str) -> None:
        while j1 < j2:
            k = owner(j1)
            cut = min(j2, ends[k])
            piece = escape(composed[j1:cut])
            html[k].append(wrap.format(piece) if wrap else piece)
            j1 = cut

    matcher = difflib.SequenceMatcher(None, flat, composed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            spread(j1, j2, "")
            continue
        if i2 > i1:
            html[owner(j1)].append(f'<del class="diff-del">{escape(flat[i1:i2])}</del>')
        if j2 > j1:
            spread(j1, j2, '<ins class="diff-ins">{}</ins>')
    return [
        OcrBlock(label, paragraph, mark_safe("".join(pieces)))  # noqa: S308 - every piece is escaped
        for (label, paragraph, _), pieces in zip(parts, html, strict=True)
    ]


def _people_label(snapshot: dict[str, Any]) -> str:
    roles = dict(ArticlePerson.Role.choices)
    return "、".join(
        f"{p['name']}（{roles.get(p['role'], p['role'])}{'·' + p['title'] if p.get('title') else ''}）"
        for p in snapshot.get("people", [])
    )


def _value_label(name: str, snapshot: dict[str, Any]) -> str:
    if name == "people":
        return _people_label(snapshot)
    if name == "tags":
        return "、".join(snapshot.get("tags", []))
    value = snapshot.get(name)
    if name == "status":
        return dict(Article.Status.choices).get(value, value or "")
    if name == "is_published":
        return "是" if value else "否"
    return "" if value is None else str(value)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    old_html: SafeString
    new_html: SafeString


def compare_snapshots(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ between two snapshots, each with a side-by-side diff."""
    changes = []
    for name, label in FIELD_LABELS.items():
        before, after = _value_label(name, old), _value_label(name, new)
        if before != after:
            left, right = side_by_side_html(before, after)
            changes.append(FieldChange(name, label, before, after, left, right))
    return changes


def compare_words(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    """Like ``compare_snapshots``, but the body only by the paragraphs that changed: a reviewer
    reads the few lines a correction touched, not the article twice."""
    changes = [c for c in compare_snapshots(dict(old), {**new, "body": old.get("body")}) if c.name != "body"]
    before, after = (old.get("body") or "").split("\n"), (new.get("body") or "").split("\n")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left, right = "\n".join(before[i1:i2]), "\n".join(after[j1:j2])
        where = f"第 {j1 + 1} 段" if j2 - j1 <= 1 else f"第 {j1 + 1}–{j2} 段"
        if j2 == j1:
            where = f"第 {i1 + 1} 段（删去）" if i2 - i1 <= 1 else f"第 {i1 + 1}–{i2} 段（删去）"
        old_html, new_html = side_by_side_html(left, right)
        changes.append(FieldChange("body", f"正文{where}", left, right, old_html, new_html))
    return changes


def changed_labels(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [change.label for change in compare_snapshots(old, new)]
