"""Importing scanned pages: the issue through the text importer, and its pages beside it.

A scanned issue's OCR text goes through the same parser and loader as a text file (one
transaction per issue; editors' changes survive a re-import the same way), and in that
transaction the pages are stored: each OCR line with its box and the article, photo and
paragraph it went into, and each article's regions on the page.

Files first, rows after: the page image, its Deep Zoom tiles and its thumbnail are written
under the image's SHA-256 before the transaction (written once, whoever imports the image
again), so a rolled-back issue leaves at most files named by their hash and never a row
pointing at a file that is not there; the files of an import that fails, and those of pages
it replaces, go once no page names them (``page_files``). An issue's content hash is made
from its source files' bytes, so importing the same images again is recognised before any
OCR runs. While its files are written, each page is also reduced to where ink is
(``PageInk``, about a megabyte), so that photos' pictures are found for their regions
without decoding the page again.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.ingest.files import PreparedFile, read_capped
from articles.ingest.loader import IssueLoader
from articles.ingest.page_files import PageFileNames, restore_missing, sweep, tiles_path
from articles.ingest.report import IMPORTED, FileResult, Outcome, failed
from articles.models import Article, ArticleRegion, Issue, Page, PageLine, Photo
from articles.ocr import parse_issue
from articles.ocr.types import ParsedIssue
from articles.scans import tiles
from articles.scans.attribution import PlacedLine, place_lines, regions
from articles.scans.engines import DEFAULT_ENGINE, OcrUnavailable
from articles.scans.pictures import PageInk
from articles.scans.pipeline import ScanIssue, read_issue
from articles.scans.reading import skew_of
from articles.scans.sources import PDF_DPI, PageRef, ScanSource, open_page
from articles.scans.types import ScanPage

log = logging.getLogger(__name__)

# A 600 dpi A2 colour scan saved as PNG stays well under this; anything larger is not a page.
MAX_PAGE_BYTES = 300 * 1024 * 1024
#: ``content_hash`` of a scanned issue starts here, so it never equals a text file's hash
DIGEST_PREFIX = b"scans:1\n"
# Formats kept byte for byte as uploaded; anything else (a TIFF frame, a PDF page) becomes PNG.
KEPT_AS_UPLOADED = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg"}

PageStep = Callable[[ScanSource, int, str], None]  # (source, page number, "read" | "stored")


@dataclass(slots=True)
class PageFiles:
    """A page's files in storage, named by the image's hash."""

    image: str
    sha256: str
    tiles: str
    thumbnail: str
    dpi: int | None
    # The page reduced to what is printed where (~1 MB), kept until the regions are made so
    # that photos' pictures are found without decoding the page a second time.
    ink: PageInk | None = None


@dataclass(slots=True)
class ScanResult:
    """What happened to one issue of scans: the importer's result and its page count."""

    result: FileResult
    pages: int


def source_digest(source: ScanSource) -> str:
    """The issue's content hash: its files' bytes in page order (not the OCR, which may vary)."""
    digest = hashlib.sha256(DIGEST_PREFIX)
    for path in dict.fromkeys(ref.path for ref in source.pages):
        digest.update(hashlib.sha256(read_capped(path, limit=MAX_PAGE_BYTES)).digest())
    return digest.hexdigest()


def _page_image(ref: PageRef) -> tuple[bytes, str, Image.Image, int | None]:
    """(stored bytes, extension, image, dpi) of one page: an uploaded PNG/JPEG as it is,
    a TIFF frame or PDF page as the PNG of what the OCR read."""
    kept = KEPT_AS_UPLOADED.get(ref.path.suffix.lower())
    if kept and ref.frame == 0:
        data = read_capped(ref.path, limit=MAX_PAGE_BYTES)
        image = Image.open(io.BytesIO(data))
        dpi = image.info.get("dpi")
        image.load()
        if getattr(image, "n_frames", 1) == 1:
            return data, kept, image, round(dpi[0]) if dpi else None
    image = open_page(ref)
    out = io.BytesIO()
    image.save(out, format="PNG")
    dpi = PDF_DPI if ref.path.suffix.lower() == ".pdf" else None
    if dpi is None and (found := image.info.get("dpi")):
        dpi = round(found[0])
    return out.getvalue(), "png", image, dpi


def _save_once(name: str, data: bytes) -> str:
    """Write ``data`` under ``name`` unless a file is there already (same name, same bytes)."""
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def store_page_files(*, ref: PageRef) -> PageFiles:
    """Write a page's image, tiles and thumbnail (each only if not there yet)."""
    data, extension, image, dpi = _page_image(ref)
    sha256 = hashlib.sha256(data).hexdigest()
    image_name = Page._meta.get_field("image").generate_filename(None, f"{sha256}.{extension}")
    image_name = _save_once(image_name, data)
    descriptor = tiles_path(sha256)
    if not default_storage.exists(descriptor):
        folder = descriptor.rsplit("/", 1)[0]
        # The descriptor comes last: once it exists, every tile does.
        for relative, content in tiles.deep_zoom(image):
            _save_once(f"{folder}/{relative}", content)
    thumb_name = Page._meta.get_field("thumbnail").generate_filename(None, f"{sha256}.jpg")
    thumb_name = _save_once(thumb_name, tiles.thumbnail(image))
    ink = PageInk.of(image)
    image.close()
    return PageFiles(image=image_name, sha256=sha256, tiles=descriptor, thumbnail=thumb_name, dpi=dpi, ink=ink)


def _page_rows(
    *, issue: Issue, parsed: ParsedIssue, pages: list[ScanPage], files: list[PageFiles],
    placed: list[list[PlacedLine]], engine: str,
) -> None:
    """The issue's pages, lines and regions (an issue imported again loses its old ones)."""
    Page.objects.filter(issue=issue).delete()
    articles = dict(Article.objects.filter(issue=issue).values_list("position", "pk"))
    photos = dict(Photo.objects.filter(issue=issue).values_list("position", "pk"))
    # The writer numbers both from 1 in the parse's order.
    article_id = {index: articles.get(index + 1) for index in range(len(parsed.articles))}
    photo_id = {index: photos.get(index + 1) for index in range(len(parsed.photos))}
    rows = [
        Page(
            issue=issue, number=page.number, image=stored.image, width=page.width,
            height=page.height, dpi=stored.dpi, engine=engine[:20], skew=round(skew_of(page.lines), 3),
            image_sha256=stored.sha256, tiles=stored.tiles, thumbnail=stored.thumbnail,
        )
        for page, stored in zip(pages, files, strict=True)
    ]
    Page.objects.bulk_create(rows)
    if any(row.pk is None for row in rows):  # a backend that does not return ids
        rows = list(Page.objects.filter(issue=issue).order_by("number"))
    lines: list[PageLine] = []
    areas: list[ArticleRegion] = []
    for row, page_lines, stored in zip(rows, placed, files, strict=True):
        for item in page_lines:
            x0, y0, x1, y1 = item.line.box
            lines.append(
                PageLine(
                    page=row, order=item.order, text=item.line.text, x=x0, y=y0, w=x1 - x0, h=y1 - y0,
                    confidence=round(item.line.confidence, 4), block=item.block, role=item.role,
                    article_id=article_id.get(item.article) if item.article is not None else None,
                    photo_id=photo_id.get(item.photo) if item.photo is not None else None,
                    paragraph=item.paragraph,
                )
            )
        for region in regions(page_lines, parsed, stored.ink):
            x0, y0, x1, y1 = region.box
            areas.append(
                ArticleRegion(
                    page=row, kind=region.kind, paragraph=region.paragraph, x=x0, y=y0, w=x1 - x0, h=y1 - y0,
                    article_id=article_id.get(region.article) if region.article is not None else None,
                    photo_id=photo_id.get(region.photo) if region.photo is not None else None,
                )
            )
    PageLine.objects.bulk_create(lines, batch_size=2000)
    ArticleRegion.objects.bulk_create(areas, batch_size=2000)


def import_scan_issue(
    *,
    scan: ScanIssue,
    loader: IssueLoader,
    engine: str = DEFAULT_ENGINE,
    digest: str = "",
    on_page: PageStep | None = None,
) -> FileResult:
    """Store one OCR'd issue: its files, then (one transaction) the issue and its pages.

    ``scan`` comes from :func:`articles.scans.pipeline.read_issue`; a scan that failed (an
    unreadable page) or holds no text writes nothing. ``digest`` is the issue's content hash
    (:func:`source_digest`, computed here when not given).
    """
    path = scan.source.path
    if loader.dry_run:
        raise ValueError("import_scan_issue writes; a dry run goes through the loader alone")
    if scan.error:
        return FileResult(path=path, outcome=Outcome.FAILED, message=scan.error)
    if not scan.text.strip():
        return FileResult(path=path, outcome=Outcome.FAILED, message="版面上没有识别出文字 (no text found)")
    files = []
    for page in scan.pages:
        files.append(store_page_files(ref=scan.source.pages[page.number - 1]))
        if on_page is not None:
            on_page(scan.source, page.number, "stored")
    parsed = parse_issue(scan.text, known_people=loader.known_people())
    placed = place_lines(scan.pages, scan.text, parsed)
    prepared = PreparedFile(
        path=path, parsed=parsed, text=scan.text, encoding="ocr", digest=digest or source_digest(scan.source)
    )

    def with_issue(issue: Issue) -> None:
        _page_rows(issue=issue, parsed=parsed, pages=scan.pages, files=files, placed=placed, engine=engine)

    written = [
        PageFileNames(crops="", sha256=f.sha256, image=f.image, tiles=f.tiles, thumbnail=f.thumbnail) for f in files
    ]
    try:
        result = loader.import_prepared(prepared, with_issue=with_issue)
    except Exception:
        _discard(written)
        raise
    if result.outcome not in IMPORTED:
        _discard(written)
    else:
        try:
            restore_missing(
                [(f.image, f.tiles, f.thumbnail) for f in files],
                lambda index: store_page_files(ref=scan.source.pages[scan.pages[index].number - 1]),
            )
        except Exception:
            # The issue is in; a page file that cannot be written again shows as a missing image.
            log.warning("page files of %s could not be written again", path, exc_info=True)
    return result


def _discard(written: list[PageFileNames]) -> None:
    """The files this import wrote and no page took: gone, unless another page names them.
    Never in the way of the import's own outcome or error (a broken connection, say)."""
    try:
        sweep(written, drop_crops=False)
    except Exception:
        log.warning("page files of a failed import left in storage", exc_info=True)


def _known(loader: IssueLoader, source: ScanSource, digest: str) -> FileResult | None:
    """The issue of these very files, if it is in the archive already (then no OCR runs):
    the loader says "unchanged" (and, asked to publish, publishes an untouched one)."""
    issue = Issue.objects.filter(content_hash=digest).only("ocr_text").first()
    if issue is None:
        return None
    parsed = parse_issue(issue.ocr_text, known_people=loader.known_people())
    prepared = PreparedFile(path=source.path, parsed=parsed, text=issue.ocr_text, encoding="ocr", digest=digest)
    return loader.import_prepared(prepared)


class _CallerStopped(Exception):
    """What the caller's page callback raised (a job cancelled, say): not the issue's failure."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _guarded(on_page: PageStep | None) -> PageStep:
    def step(source: ScanSource, number: int, stage: str) -> None:
        if on_page is not None:
            try:
                on_page(source, number, stage)
            except Exception as exc:
                raise _CallerStopped(exc) from exc

    return step


def iter_import_scans(
    *,
    sources: Iterable[ScanSource],
    publish: bool = False,
    engine: str = DEFAULT_ENGINE,
    on_page: PageStep | None = None,
) -> Iterator[ScanResult]:
    """OCR and import each issue of scans in turn, yielding its result when it is done.

    A failing issue never stops the others; an unreadable page fails its whole issue, and
    nothing of it is written. The OCR engine missing is no one issue's failure: it is
    raised, and so is whatever ``on_page`` raises (a cancelled job stops the run).
    """
    loader = IssueLoader(publish=publish)
    step = _guarded(on_page)
    for source in sources:
        if source.error:
            yield ScanResult(FileResult(path=source.path, outcome=Outcome.FAILED, message=source.error), 0)
            continue
        try:
            digest = source_digest(source)
            known = _known(loader, source, digest)
            if known is not None:
                yield ScanResult(known, len(source.pages))
                continue
            scan = read_issue(
                source, engine_name=engine, progress=lambda source, page: step(source, page.number, "read")
            )
            result = import_scan_issue(scan=scan, loader=loader, engine=engine, digest=digest, on_page=step)
        except _CallerStopped as stop:
            raise stop.cause from None
        except OcrUnavailable:
            raise
        except Exception as exc:
            result = failed(source.path, exc)
        yield ScanResult(result, len(source.pages))
