"""The import service: OCR files in, one transaction each, a result per file as soon as it is done.

``run_import`` is what ``import_seeds`` runs — and what ``bench_import`` times, so the
benchmark measures the path users run. Each file's OCR-hint counts are stored with its
articles; there is no second pass over the archive afterwards.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.ingest.background import BACKGROUND_PARSER_MIN_FILES, import_with_background_parser
from articles.ingest.loader import IssueLoader
from articles.ingest.report import FileResult, Outcome, failed, issue_report

ProgressCallback = Callable[[int, int, FileResult], None]

__all__ = [
    "BACKGROUND_PARSER_MIN_FILES", "FileResult", "ImportSummary", "Outcome", "ProgressCallback",
    "import_files", "iter_import_files", "run_import",
]


def iter_import_files(
    *,
    paths: Iterable[Path],
    publish: bool = False,
    dry_run: bool = False,
    background_parser: bool | None = None,
) -> Iterator[FileResult]:
    """Import each file in its own transaction, yielding its result as soon as it is done.

    Nothing is kept between files, so importing a corpus of any size needs the same memory.
    A failing file never stops the others. With ``background_parser`` (default: when there
    are many files and more than one CPU) a second process reads and parses the next files
    while this one writes.
    """
    paths = list(paths)
    loader = IssueLoader(publish=publish, dry_run=dry_run, paths=paths)
    if background_parser is None:
        background_parser = (
            len(paths) >= BACKGROUND_PARSER_MIN_FILES and (os.cpu_count() or 1) > 1
        )
    if background_parser:
        yield from import_with_background_parser(loader, paths)
        return
    for path in paths:
        try:
            yield loader.import_path(path)
        except Exception as exc:
            yield failed(path, exc)


def import_files(
    *,
    paths: list[Path],
    publish: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> list[FileResult]:
    """Import each file in its own transaction; a failing file never stops the others."""
    results: list[FileResult] = []
    for done, result in enumerate(
        iter_import_files(paths=paths, publish=publish, dry_run=dry_run), start=1
    ):
        results.append(result)
        if progress is not None:
            progress(done, len(paths), result)
    return results


@dataclass(slots=True)
class ImportSummary:
    """What a run did, in totals (no per-file parse is kept: memory stays flat)."""

    files: int = 0
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    articles: int = 0
    hints: int = 0
    published: int = 0
    decoded_as_gb18030: int = 0
    failed: list[FileResult] = field(default_factory=list)
    #: the ``--json`` report of each file, when asked for
    reports: list[dict[str, Any]] = field(default_factory=list)


def run_import(
    *,
    paths: list[Path],
    publish: bool = False,
    dry_run: bool = False,
    with_reports: bool = False,
    progress: ProgressCallback | None = None,
    background_parser: bool | None = None,
) -> ImportSummary:
    """Import (or with ``dry_run`` only parse) these files and sum up what happened."""
    summary = ImportSummary()
    results = iter_import_files(
        paths=paths, publish=publish, dry_run=dry_run, background_parser=background_parser
    )
    try:
        for done, result in enumerate(results, start=1):
            summary.files += 1
            summary.outcomes[result.outcome] += 1
            summary.articles += result.article_count
            summary.hints += result.hints
            summary.published += result.published
            summary.decoded_as_gb18030 += bool(result.encoding_notes)
            if progress is not None:
                progress(done, len(paths), result)
            if with_reports:
                summary.reports.append(issue_report(result))
            result.parsed = None  # the articles are in the database (or the report) now
            if result.outcome == Outcome.FAILED:
                summary.failed.append(result)
    finally:
        results.close()
    return summary
