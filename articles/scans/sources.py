"""Scanned pages on disk: which files make one issue, in which order, and their images.

One issue per PDF, per multi-page TIFF, or per folder of page images (PNG, JPEG, TIFF; pages
in natural order, so page-2 comes before page-10); a single image is a one-page issue. PDF
pages are rasterised with PDFium (the ``pypdfium2`` wheel, nothing to install from the
system). Pages are opened one at a time, so a long issue never holds all its images at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
PDF_SUFFIXES = {".pdf"}
MAX_PAGES = 500  # a newspaper issue has tens of pages; more means a wrong folder
PDF_DPI = 300
# A 600 dpi A2 page is ~100 million pixels; anything larger is not a newspaper page.
Image.MAX_IMAGE_PIXELS = 150_000_000


class ScanError(ValueError):
    """A scan cannot be read; the message names the reason in one line."""


@dataclass(frozen=True, slots=True)
class PageRef:
    path: Path
    frame: int = 0  # page of a PDF or frame of a TIFF

    @property
    def label(self) -> str:
        return f"{self.path.name}#{self.frame + 1}" if self.frame else self.path.name


@dataclass(slots=True)
class ScanSource:
    """The pages of one issue, in order, not yet opened."""

    path: Path  # the PDF, the TIFF, the image or the folder
    pages: list[PageRef] = field(default_factory=list)
    error: str = ""

    @property
    def name(self) -> str:
        return self.path.name


def _natural(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def _frames(path: Path) -> list[PageRef]:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(path)
        except pypdfium2.PdfiumError as exc:
            raise ScanError(f"无法读取 PDF ({exc})") from exc
        try:
            count = len(document)
        finally:
            document.close()
        if count == 0:
            raise ScanError("PDF 没有页面 (no pages)")
        return [PageRef(path, i) for i in range(count)]
    try:
        with Image.open(path) as image:
            count = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as exc:
        raise ScanError(f"不是可读取的图像 ({exc.__class__.__name__})") from exc
    except Image.DecompressionBombError as exc:
        raise ScanError("图像过大 (image too large)") from exc
    return [PageRef(path, i) for i in range(count)]


def find_sources(paths: list[Path]) -> list[ScanSource]:
    """Group the given files and folders into issues; unreadable ones carry ``error``."""
    sources = []
    for path in paths:
        source = ScanSource(path)
        try:
            if not path.exists():
                raise ScanError("文件不存在 (no such file)")
            if path.is_dir():
                files = sorted(
                    (p for p in path.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES | PDF_SUFFIXES),
                    key=_natural,
                )
                if not files:
                    raise ScanError("目录中没有 PNG/JPEG/TIFF/PDF 页面 (no page images in folder)")
                for file in files:
                    source.pages.extend(_frames(file))
            elif path.suffix.lower() in IMAGE_SUFFIXES | PDF_SUFFIXES:
                source.pages.extend(_frames(path))
            else:
                raise ScanError("不支持的文件类型，需要 PNG、JPEG、TIFF 或 PDF (unsupported file type)")
            if len(source.pages) > MAX_PAGES:
                raise ScanError(f"页数过多 ({len(source.pages)} 页，上限 {MAX_PAGES})")
        except ScanError as exc:
            source.error, source.pages = str(exc), []
        sources.append(source)
    return sources


def open_page(page: PageRef, *, dpi: int = PDF_DPI) -> Image.Image:
    """The page as a greyscale image (a PDF page rasterised at ``dpi``)."""
    try:
        if page.path.suffix.lower() in PDF_SUFFIXES:
            import pypdfium2

            document = pypdfium2.PdfDocument(page.path)
            try:
                bitmap = document[page.frame].render(scale=dpi / 72, grayscale=True)
                image = bitmap.to_pil().convert("L")
            finally:
                document.close()
            image.info["dpi"] = (dpi, dpi)
            return image
        with Image.open(page.path) as opened:
            if page.frame:
                opened.seek(page.frame)
            image = opened.convert("L")
            image.info["dpi"] = opened.info.get("dpi", (300, 300))
            return image
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ScanError(f"{page.label}: 无法读取页面 ({exc.__class__.__name__})") from exc


def iter_images(source: ScanSource) -> Iterator[tuple[PageRef, Image.Image]]:
    for page in source.pages:
        yield page, open_page(page)
