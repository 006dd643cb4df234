"""From page images to an issue's OCR text: read each page, order its lines, join the pages.

The result carries every line's box and confidence (for the page viewer and the correction
screen) and the text the parser reads, so a scanned issue goes through the same
``articles.ocr.parse_issue`` as a text file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image

from .engines import DEFAULT_ENGINE, OcrEngine, engine
from .reading import read_order
from .sources import ScanError, ScanSource, iter_images
from .types import ScanPage


@dataclass(slots=True)
class ScanIssue:
    source: ScanSource
    pages: list[ScanPage] = field(default_factory=list)
    text: str = ""
    error: str = ""


def read_page(image: Image.Image, *, number: int, ocr: OcrEngine, source: str = "") -> tuple[ScanPage, str]:
    """OCR one page: its lines in reading order, and its text for the parser."""
    reading = read_order(ocr.read(image), image.width, image.height)
    page = ScanPage(number, image.width, image.height, reading.lines(), source)
    return page, reading.text()


PageProgress = Callable[[ScanSource, ScanPage], None]


def read_issue(
    source: ScanSource,
    *,
    engine_name: str = DEFAULT_ENGINE,
    progress: PageProgress | None = None,
) -> ScanIssue:
    """OCR every page of one issue in order; an unreadable page fails the issue, saying which."""
    issue = ScanIssue(source, error=source.error)
    if source.error:
        return issue
    ocr = engine(engine_name)
    texts = []
    try:
        for number, (ref, image) in enumerate(iter_images(source), start=1):
            page, text = read_page(image, number=number, ocr=ocr, source=ref.label)
            image.close()
            issue.pages.append(page)
            texts.append(text)
            if progress is not None:
                progress(source, page)
    except ScanError as exc:
        issue.error = str(exc)
        return issue
    # Pages are separated like blocks: a sentence running on overleaf is still followed.
    issue.text = "\n".join(texts)
    return issue
