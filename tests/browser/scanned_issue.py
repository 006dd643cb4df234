"""A scanned issue in the database, the way ``import_scans`` stores one, without running OCR.

The test pages are rendered from a small issue of our own (``tests/scans/fixtures``); the
"OCR engine" reads back exactly the lines the renderer drew, so the reading order, the import
service, the tiles and the thumbnails are all the real ones and only the OCR step is skipped.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from articles.ingest.loader import IssueLoader
from articles.ingest.report import FileResult
from articles.ingest.scans import import_scan_issue
from articles.scans.compose import PageSpec
from articles.scans.pipeline import ScanIssue, read_page
from articles.scans.sources import PageRef, ScanSource
from articles.scans.testpages import render_issue
from articles.scans.types import OcrLine, PageTruth

FIXTURE = Path(__file__).resolve().parents[1] / "scans" / "fixtures" / "small_issue.txt"
SMALL = PageSpec.paper("A5", dpi=150)


class DrawnLines:
    """An OCR engine that reads the lines the renderer drew, with the misreads it is told of."""

    def __init__(self, truth: PageTruth, misreads: dict[str, str]) -> None:
        self.truth = truth
        self.misreads = misreads

    def read(self, image: Image.Image) -> list[OcrLine]:
        return [OcrLine(self._misread(line.text), line.box, 1.0) for line in self.truth.lines]

    def _misread(self, text: str) -> str:
        for printed, read in self.misreads.items():
            text = text.replace(printed, read)
        return text


def import_rendered_issue(
    folder: Path, *, publish: bool = True, text: str | None = None, misreads: dict[str, str] | None = None
) -> FileResult:
    """Render ``text`` (the small test issue) as pages into ``folder`` and import them as scans,
    read as printed except for ``misreads`` (printed text → what the "OCR" reads instead)."""
    rendering = render_issue(text or FIXTURE.read_text(encoding="utf-8"), spec=SMALL, seed=1)
    folder.mkdir(parents=True, exist_ok=True)
    source = ScanSource(path=folder)
    scan = ScanIssue(source)
    texts = []
    for number, page in enumerate(rendering.pages, start=1):
        path = folder / f"page-{number}.png"
        page.image.save(path)
        source.pages.append(PageRef(path))
        read, page_text = read_page(page.image, number=number, ocr=DrawnLines(page.truth, misreads or {}), source=path.name)
        scan.pages.append(read)
        texts.append(page_text)
    scan.text = "\n".join(texts)
    return import_scan_issue(scan=scan, loader=IssueLoader(publish=publish))
