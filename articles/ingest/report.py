"""What happened to each file: its outcome, and the ``--dry-run --json`` report."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from articles.ocr.types import ParsedIssue


class Outcome(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"  # changed file, nothing touched yet: re-imported in place
    NEW_VERSION = "new_version"  # changed file, someone had touched the old one
    UNCHANGED = "unchanged"
    FAILED = "failed"


IMPORTED = frozenset({Outcome.CREATED, Outcome.REPLACED, Outcome.NEW_VERSION})

#: Notes the decoder adds that the plain-text report always shows (not only ``--json``).
ENCODING_NOTE_MARK = "GB18030"


@dataclass(slots=True)
class FileResult:
    path: Path
    outcome: Outcome
    message: str = ""
    parsed: ParsedIssue | None = None
    issue_id: int | None = None
    notes: list[str] = field(default_factory=list)
    #: OCR-hint suspects counted in the file's articles as they were written
    hints: int = 0
    #: articles this run made public
    published: int = 0

    @property
    def article_count(self) -> int:
        return len(self.parsed.articles) if self.parsed else 0

    @property
    def encoding_notes(self) -> list[str]:
        """Notes about how the file was decoded that a reader must see (GB18030)."""
        return [note for note in self.notes if ENCODING_NOTE_MARK in note]


def failed(path: Path, exc: BaseException) -> FileResult:
    return FileResult(
        path=path, outcome=Outcome.FAILED, message=f"导入失败 ({type(exc).__name__}: {exc})"
    )


def issue_report(result: FileResult) -> dict[str, Any]:
    """The ``--dry-run --json`` shape for one file (a contract other tools read)."""
    parsed = result.parsed
    report: dict[str, Any] = {
        "source": result.path.name,
        "masthead": None,
        "date": None,
        "date_precision": None,
        "articles": [],
        "photos": [],
        "unplaced": [],
        "errors": [result.message] if result.outcome == Outcome.FAILED else [],
    }
    if parsed is None:
        return report
    report.update(
        masthead=parsed.masthead,
        date=parsed.date.isoformat() if parsed.date else None,
        date_precision=parsed.date_precision.value if parsed.date_precision else None,
        date_source=parsed.date_source.value if parsed.date_source else None,
        lunar_date=parsed.lunar_date,
        outcome=result.outcome.value,
        articles=[
            {
                "kicker": pa.kicker,
                "headline": pa.headline,
                "subheadline": pa.subheadline,
                "section": pa.section,
                "byline": pa.byline,
                "correspondents": [m.name for m in pa.correspondents],
                "dateline": pa.dateline,
                "body": pa.body,
                "people": list(dict.fromkeys(m.name for m in pa.people)),
            }
            for pa in parsed.articles
        ],
        photos=[
            {
                "title": pp.title,
                "caption": pp.caption,
                "credit": pp.credit,
                "photographers": pp.photographers,
            }
            for pp in parsed.photos
        ],
        unplaced=parsed.unplaced,
        errors=[*parsed.errors, *result.notes],
    )
    return report
