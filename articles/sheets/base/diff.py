"""The admin preview's diff: for each row, only the columns that change. A text column shows
a word diff with the unchanged stretches of a long text shortened to their ends; any other
column (a state, a date, names) its old value struck through and the new one, since a
character diff of "未校对" → "已校对" reads as nonsense. Used by
``base.resource.SpreadsheetResource`` (which this module does not import)."""

from __future__ import annotations

from html import escape

from diff_match_patch import diff_match_patch
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.safestring import SafeString, mark_safe
from import_export.resources import Diff, ModelResource

from articles.sheets.base.widgets import TextWidget

#: unchanged text longer than this is shown as its two ends around "…"
KEEP_UNCHANGED = 80
#: characters kept on each side of a shortened unchanged stretch
CONTEXT = 30


class DiffCells(list):
    """The row's cells, one per column (what the library's preview shows), and ``changes``:
    (column, diff) for the columns an editor can change that differ, which ours shows."""

    changes: list[tuple[str, SafeString]]


class SheetDiff(Diff):
    """Changed cells as a word diff; unchanged cells shortened, so a preview of long articles
    stays readable. Skipped entirely for command-line imports (nobody sees it)."""

    def __init__(self, resource: ModelResource, instance: Model, new: bool) -> None:
        self.enabled = resource.html_diff
        self.columns: list[tuple[str, bool, bool]] = []  # (header, editable, text)
        if self.enabled:
            super().__init__(resource, instance, new)
            self.columns = [
                (f.column_name, not f.readonly, type(f.widget) is TextWidget)
                for f in resource.get_import_fields()
            ]
        else:
            self.left, self.right, self.new = [], [], new

    def compare_with(self, resource: ModelResource, instance: Model) -> None:
        if self.enabled:
            super().compare_with(resource, instance)

    def as_html(self) -> DiffCells:
        cells = DiffCells()
        cells.changes = []
        if not self.enabled:
            return cells
        dmp = diff_match_patch()
        for (column, editable, text), before, after in zip(self.columns, self.left, self.right, strict=False):
            before, after = force_str(before), force_str(after)
            if before == after:
                short = before if len(before) <= 40 else before[:40] + "…"
                cells.append(mark_safe(f'<span class="unchanged">{escape(short)}</span>'))  # noqa: S308
                continue
            if self.new:
                before = ""
            if text:
                diff = dmp.diff_main(before, after)
                dmp.diff_cleanupSemantic(diff)
                shown = diff_html(diff)
            else:
                shown = replaced_html(before, after)
            html = mark_safe(f'<span class="changed">{shown}</span>')  # noqa: S308
            cells.append(html)
            if editable:
                cells.changes.append((column, html))
        return cells


def diff_html(diff: list[tuple[int, str]]) -> str:
    """Insertions as ``<ins>``, deletions as ``<del>``, everything escaped; an unchanged
    stretch longer than :data:`KEEP_UNCHANGED` keeps :data:`CONTEXT` characters next to each
    change, so one corrected character in a long article shows as a line, not the article."""
    parts = []
    last = len(diff) - 1
    for index, (op, text) in enumerate(diff):
        if op == diff_match_patch.DIFF_INSERT:
            parts.append(f"<ins>{escape(text)}</ins>")
        elif op == diff_match_patch.DIFF_DELETE:
            parts.append(f"<del>{escape(text)}</del>")
        elif len(text) <= KEEP_UNCHANGED:
            parts.append(f"<span>{escape(text)}</span>")
        else:
            head = text[:CONTEXT] if index > 0 else ""
            tail = text[-CONTEXT:] if index < last else ""
            parts.append(f'<span>{escape(head)}</span><span class="skipped">…</span><span>{escape(tail)}</span>')
    return "".join(parts)


def replaced_html(before: str, after: str) -> str:
    """A whole value replaced: the old one struck through, an arrow, the new one."""
    parts = []
    if before:
        parts.append(f"<del>{escape(before)}</del>")
    if before and after:
        parts.append('<span class="arrow"> → </span>')
    if after:
        parts.append(f"<ins>{escape(after)}</ins>")
    return "".join(parts)
