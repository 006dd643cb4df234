"""Job kinds, by dotted name: the runner imports a kind's function only when it runs one.

Naming the functions as strings keeps this package free of imports of the services it runs,
so a kind may live beside its service in any layer (a desk tool, a spreadsheet import, a
benchmark) without an import cycle. A kind's function takes a ``JobContext`` and returns its
result as a JSON-able dict (see ``articles.jobs.context``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Kind:
    function: str  # dotted path of ``run(ctx) -> dict``
    label: str  # what the admin and ``manage.py jobs`` call it
    outcomes: dict[str, str] = field(default_factory=dict)  # item outcome -> what people read


KINDS: dict[str, Kind] = {
    "import_files": Kind(
        "articles.jobs.importing.run_import",
        "导入 OCR 文件",
        {
            "created": "已导入",
            "replaced": "已重新导入",
            "new_version": "已作为新版本导入",
            "unchanged": "未改变，跳过",
            "failed": "失败",
        },
    ),
    "sheet_import": Kind("articles.sheets.jobs.run_sheet_import", "导入表格", {"imported": "已导入", "checked": "检查无误", "failed": "有错误"}),
    "find_replace": Kind("articles.desk.editing.find_replace_job.run_find_replace", "全库查找替换", {"replaced": "已替换", "none": "无匹配", "failed": "失败"}),
    "hint_recount": Kind("articles.desk.editing.hint_recount.run_hint_recount", "重新统计 OCR 疑似错误", {"changed": "计数有变", "same": "计数未变"}),
    "build_archive": Kind("articles.bench.archive_job.run_build_archive", "生成合成档案", {"written": "已写入", "found": "中断前已写入"}),
    "import_scans": Kind("articles.jobs.scans.run_import_scans", "导入扫描版面", {"read": "已识别", "created": "已导入", "replaced": "已重新导入", "new_version": "已作为新版本导入", "unchanged": "未改变，跳过", "failed": "失败", "not_read": "未识别（本期失败）"}),
}


class UnknownJobKind(Exception):
    pass


def label(kind: str) -> str:
    found = KINDS.get(kind)
    return found.label if found else kind


def outcome_label(kind: str, outcome: str) -> str:
    found = KINDS.get(kind)
    return found.outcomes.get(outcome, outcome) if found else outcome


def summary(kind: str, result: dict[str, Any]) -> str:
    """A job's result in one line for people: counts by outcome, then the other figures."""
    counts = result.get("outcomes") or {}
    declared = list(KINDS[kind].outcomes) if kind in KINDS else []
    order = [*declared, *sorted(set(counts) - set(declared))]  # the kind's order, then others
    parts = [f"{outcome_label(kind, k)} {counts[k]}" for k in order if counts.get(k)]
    for key, name in (("articles", "文章"), ("hints", "疑似 OCR 错误")):
        if key in result:
            parts.append(f"{name} {result[key]}")
    if not parts:
        parts = [f"{key}: {value}" for key, value in result.items()]
    return "；".join(parts)


def resolve(kind: str) -> Callable[[Any], dict[str, Any] | None]:
    try:
        return import_string(KINDS[kind].function)
    except KeyError:
        raise UnknownJobKind(f"未知的任务类型：{kind}（本版本不认识它，可能来自更新的版本）") from None
