"""Scanned pages for readers: which page images, clippings and search-hit boxes a reader may see.

A page image is public once its issue is (it is the printed page); an article's clipping and
the boxes of its lines only once the article is published (staff preview everything, as on the
rest of the site). Everything here is plain data — numbers, URLs and text the templates escape —
and each function runs a fixed number of queries, whatever the number of pages or lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from articles.models import Article, ArticleRegion, Issue, Page, PageLine
from articles.search import SearchQuery
from articles.search.highlight import match_spans
from articles.site import display
from articles.site.filters import public_articles

# What an article's page shows cut from the scan: its text, and each of its photos (the
# picture with its caption), on every page they were printed on.
CLIPPING_KINDS = (ArticleRegion.Kind.ARTICLE, ArticleRegion.Kind.PHOTO)
# Columns a page list needs: never the OCR engine's details.
PAGE_FIELDS = ("pk", "issue_id", "number", "width", "height", "tiles", "thumbnail", "image_sha256")


# The viewer's buttons and their images (OpenSeadragon's own, in static/vendor/openseadragon/).
VIEWER_BUTTONS = {"zoomIn": "zoomin", "zoomOut": "zoomout", "home": "home", "fullpage": "fullpage"}
BUTTON_STATES = {"REST": "rest", "GROUP": "grouphover", "HOVER": "hover", "DOWN": "pressed"}


def viewer_images() -> dict[str, dict[str, str]]:
    """Each button image by its static URL (hashed names in production: no folder prefix works)."""
    return {
        button: {
            state: staticfiles_storage.url(f"vendor/openseadragon/images/{name}_{suffix}.png")
            for state, suffix in BUTTON_STATES.items()
        }
        for button, name in VIEWER_BUTTONS.items()
    }


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in page pixels."""

    x: int
    y: int
    w: int
    h: int

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    @property
    def path(self) -> str:
        """The box as it appears in a crop URL."""
        return f"{self.x},{self.y},{self.w},{self.h}"


@dataclass
class PageView:
    """One page as the viewer gets it: its size and where its images are."""

    pk: int
    number: int
    width: int
    height: int
    image_url: str
    thumbnail_url: str
    dzi_url: str
    boxes: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "id": self.pk,
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "image": self.image_url,
            "dzi": self.dzi_url,
            "boxes": self.boxes,
        }


@dataclass
class Clipping:
    """An article's part of one page: the cropped image and the search hits on it."""

    page: PageView
    box: Box
    crop_url: str
    hits: list[Box]
    viewer_url: str
    kind: str = "article"  # the article's text, or one of its photos (picture and caption)

    @property
    def hit_rects(self) -> list[Box]:
        """Hits relative to the clipping (for an SVG over the cropped image)."""
        return [Box(hit.x - self.box.x, hit.y - self.box.y, hit.w, hit.h) for hit in self.hits]


def page_view(page: Page) -> PageView:
    return PageView(
        pk=page.pk,
        number=page.number,
        width=page.width,
        height=page.height,
        image_url=reverse("articles:page_image", args=[page.pk]),
        thumbnail_url=reverse("articles:page_thumbnail", args=[page.pk]),
        dzi_url=reverse("articles:page_tiles", args=[page.pk, "page.dzi"]) if page.tiles else "",
    )


def crop_url(page_pk: int, box: Box) -> str:
    return reverse("articles:page_crop", args=[page_pk, box.path])


def readable_pages(*, staff: bool) -> QuerySet[Page]:
    """Pages a reader may open: those of an issue with a published article (staff: all)."""
    pages = Page.objects.only(*PAGE_FIELDS)
    if staff:
        return pages
    return pages.filter(Exists(public_articles().filter(issue=OuterRef("issue_id"))))


def issue_pages(issue: Issue, articles: Iterable[Article]) -> list[PageView]:
    """The issue's pages, each with a box per article shown on the issue page (two queries).

    ``articles`` are the ones the issue page lists — published ones for readers — so a box
    never names an article the reader may not open.
    """
    pages = [page_view(page) for page in Page.objects.filter(issue=issue).only(*PAGE_FIELDS).order_by("number")]
    if not pages:
        return []
    by_id = {article.pk: article for article in articles}
    by_page = {page.pk: page for page in pages}
    regions = ArticleRegion.objects.filter(
        page_id__in=list(by_page), article_id__in=list(by_id), kind=ArticleRegion.Kind.ARTICLE
    ).order_by("page_id", "y", "x")
    for region in regions:
        article = by_id[region.article_id]
        by_page[region.page_id].boxes.append(
            {
                "box": [region.x, region.y, region.w, region.h],
                "kind": "article",
                "label": article.title or "",
                "href": article.get_absolute_url(),
            }
        )
    return pages


def article_clippings(article: Article, query: SearchQuery | None) -> list[Clipping]:
    """The article's clipping on each page it was printed on, with the search's hits marked.

    One query for the clippings and, when the reader came from a search, one for the lines:
    a hit is the part of a line the query's terms cover (a share of the line's box in
    proportion to the characters, which is what a printed line of Chinese is); a term
    wrapped onto the next line is marked on both (``hit_boxes``).
    """
    regions = list(
        ArticleRegion.objects.filter(article=article, kind__in=CLIPPING_KINDS)
        .select_related("page")
        .only("kind", "x", "y", "w", "h", "page_id", *(f"page__{name}" for name in PAGE_FIELDS[1:]))
        .order_by("page__number", "kind", "y")
    )
    if not regions:
        return []
    hits_by_page: dict[int, list[Box]] = {}
    if query:
        lines = PageLine.objects.filter(article=article).only(
            "page_id", "text", "x", "y", "w", "h", "role", "paragraph"
        )
        for line, boxes in hit_boxes(list(lines.order_by("page__number", "order")), query):
            hits_by_page.setdefault(line.page_id, []).extend(boxes)
    clippings = []
    for region in regions:
        page = page_view(region.page)
        box = Box(region.x, region.y, region.w, region.h)
        hits = [hit for hit in hits_by_page.get(region.page_id, []) if _inside(hit, box)]
        clippings.append(
            Clipping(
                page=page,
                box=box,
                crop_url=crop_url(page.pk, box),
                hits=hits,
                viewer_url=viewer_fragment(article.issue, page.number, box, hits),
                kind=region.kind,
            )
        )
    return clippings


def _piece_boxes(line: PageLine, spans: Iterable[tuple[int, int]]) -> list[Box]:
    """The line's box cut to each span of its characters (a printed line of Chinese is evenly
    pitched, so a character's share of the text is its share of the box)."""
    if not line.text:
        return []
    share = line.w / len(line.text)
    return [
        Box(line.x + round(start * share), line.y, max(1, round((end - start) * share)), line.h)
        for start, end in spans
    ]


def _runs_on(previous: PageLine, line: PageLine) -> bool:
    """Whether ``line`` continues the text of ``previous`` (the next printed line of the same
    paragraph, or of a headline set on two lines), so that a word may wrap between them."""
    if line.role != previous.role or line.paragraph != previous.paragraph:
        return False
    return line.paragraph is not None or line.role == PageLine.LineRole.HEADLINE


def hit_boxes(lines: Sequence[PageLine], query: SearchQuery) -> list[tuple[PageLine, list[Box]]]:
    """Each line (in reading order) with the boxes of the query's matches on it.

    The printed lines of one paragraph are matched as one text: a term wrapped at a line's end
    (经 last on one line, 济 first on the next) is marked on both lines, each part in its own
    line's box — also when the paragraph runs on into the next column or onto the next page.
    """
    out: list[tuple[PageLine, list[Box]]] = []
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and _runs_on(lines[end - 1], lines[end]):
            end += 1
        run = lines[start:end]
        # Lines joined by a newline: the matcher ignores whitespace inside a term, and the
        # newline keeps each line's characters at known offsets in the joined text.
        spans = match_spans("\n".join(line.text for line in run), query)
        offset = 0
        for line in run:
            stop = offset + len(line.text)
            pieces = [
                (max(a, offset) - offset, min(b, stop) - offset) for a, b in spans if a < stop and b > offset
            ]
            out.append((line, _piece_boxes(line, pieces)))
            offset = stop + 1
        start = end
    return out


def viewer_fragment(issue: Issue, number: int, box: Box, hits: list[Box]) -> str:
    """The issue page, opened by its viewer on page ``number`` zoomed to ``box``, hits marked."""
    fragment = f"#page={number}&box={box.path}"
    if hits:
        fragment += "&hits=" + ";".join(hit.path for hit in hits[:50])
    return f"{display.issue_url(issue)}{fragment}"


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner.x >= outer.x - 2
        and inner.y >= outer.y - 2
        and inner.x + inner.w <= outer.x + outer.w + 2
        and inner.y + inner.h <= outer.y + outer.h + 2
    )


def reader_may_crop(page: Page, box: Box, *, staff: bool) -> bool:
    """Staff may crop any part of a page; readers only a published article's clipping.

    (A reader could otherwise make the server cut and store any number of crops.)
    """
    if staff:
        return True
    return (
        ArticleRegion.objects.filter(page=page, kind__in=CLIPPING_KINDS, x=box.x, y=box.y, w=box.w, h=box.h)
        .filter(Exists(public_articles().filter(pk=OuterRef("article_id"))))
        .exists()
    )
