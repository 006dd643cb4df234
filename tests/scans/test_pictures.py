"""A photo's region holds its picture, found on the page image next to its caption."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageOps

from articles.ingest.loader import IssueLoader
from articles.ingest.scans import import_scan_issue, source_digest
from articles.models import ArticleRegion, Photo
from articles.ocr import parse_issue
from articles.scans.attribution import CAPTION, PlacedLine, regions
from articles.scans.pictures import PageInk, picture_box
from articles.scans.types import Box, OcrLine, PageTruth

from .conftest import small_text

SLACK = 6  # pixels: a worn page is blurred and turned, so its picture's edges move a little


def _covers(region: Box, picture: Box, slack: int = SLACK) -> bool:
    return (
        region[0] <= picture[0] + slack
        and region[1] <= picture[1] + slack
        and region[2] >= picture[2] - slack
        and region[3] >= picture[3] - slack
    )


def _near(found: Box, picture: Box, slack: int = 2 * SLACK) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(found, picture, strict=True))


def _placed(truth: PageTruth) -> list[PlacedLine]:
    """The drawn lines as if the OCR had read them, each where the render put it."""
    return [
        PlacedLine(
            order=order, line=OcrLine(line.text, line.box, 1.0), block=line.block,
            role=CAPTION if line.photo is not None else "body", article=line.article, photo=line.photo,
        )
        for order, line in enumerate(truth.lines)
    ]


def _photo_page(rendering):
    (page,) = [page for page in rendering.pages if page.truth.photos]
    return page


def _photo_region(page, image: Image.Image | None) -> Box:
    parsed = parse_issue(small_text())
    found = regions(_placed(page.truth), parsed, PageInk.of(image) if image is not None else None)
    (photo,) = [region for region in found if region.kind == "photo"]
    return photo.box


@pytest.mark.parametrize("worn", [False, True], ids=["clean", "worn"])
def test_a_photos_region_holds_its_picture_and_its_caption(small_rendering, small_noisy_rendering, worn):
    page = _photo_page(small_noisy_rendering if worn else small_rendering)
    (picture,) = page.truth.photos
    caption = [line.box for line in page.truth.lines if line.photo is not None]
    box = _photo_region(page, page.image)
    assert _covers(box, picture)
    assert all(_covers(box, line, slack=0) for line in caption)
    # Nothing beyond the picture and the caption: not the article beside it.
    assert box[1] >= picture[1] - SLACK and box[0] >= picture[0] - SLACK and box[2] <= picture[2] + SLACK


def test_without_the_page_image_the_region_is_the_caption_alone(small_rendering):
    page = _photo_page(small_rendering)
    (picture,) = page.truth.photos
    assert not _covers(_photo_region(page, None), picture)


def test_a_picture_below_its_caption_is_found_too(small_rendering):
    page = _photo_page(small_rendering)
    height = page.truth.height
    flipped = PageTruth.from_json(page.truth.as_json())
    for line in flipped.lines:
        x0, y0, x1, y1 = line.box
        line.box = (x0, height - y1, x1, height - y0)
    (x0, y0, x1, y1), = flipped.photos
    picture = (x0, height - y1, x1, height - y0)
    page_below = type(page)(ImageOps.flip(page.image), flipped, page.noise)
    box = _photo_region(page_below, page_below.image)
    assert _covers(box, picture)
    assert box[3] <= picture[3] + SLACK


def _text_line(pen: ImageDraw.ImageDraw, box: Box) -> None:
    """A line of print: dark strokes with paper between them, as characters are."""
    x0, y0, x1, y1 = box
    for x in range(x0, x1 - 8, 22):
        pen.rectangle((x + 2, y0 + 3, x + 16, y1 - 3), fill=20)


def _page_with_two_column_picture() -> tuple[Image.Image, Box, Box, list[Box]]:
    """900 × 1200: a picture over columns one and two with a short caption under it; column
    three full of text; body text under the caption."""
    image = Image.new("L", (900, 1200), 238)  # yellowed paper, not white
    pen = ImageDraw.Draw(image)
    picture = (40, 60, 590, 460)
    pen.rectangle((picture[0], picture[1], picture[2] - 1, picture[3] - 1), fill=120)
    pen.ellipse((200, 120, 420, 380), fill=200)  # a light patch in the photograph
    caption = (210, 474, 420, 496)
    _text_line(pen, caption)
    others = [(620, y, 860, y + 24) for y in range(60, 1150, 36)]
    others += [(40, y, 590, y + 24) for y in range(540, 1150, 36)]
    for box in others:
        _text_line(pen, box)
    pen.rectangle((604, 60, 605, 1150), fill=40)  # the rule down the gutter
    return image, picture, caption, others


def test_a_picture_two_columns_wide_over_a_short_caption_stops_at_the_gutter():
    image, picture, caption, others = _page_with_two_column_picture()
    ink = PageInk.of(image).without_text([caption, *others])
    found = picture_box(ink, caption, line_height=22, others=others)
    assert found is not None and _near(found, picture)


def test_a_caption_with_no_picture_next_to_it_gets_none():
    image, _, _, others = _page_with_two_column_picture()
    # A caption in column three, amid text: above and below it is text, not a picture.
    caption = others[10]
    rest = [box for box in others if box != caption]
    ink = PageInk.of(image).without_text(others)
    assert picture_box(ink, caption, line_height=24, others=rest) is None


@pytest.mark.django_db
def test_an_imported_photos_region_holds_its_picture(small_scan, small_rendering, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    import_scan_issue(scan=small_scan, loader=IssueLoader(), digest=source_digest(small_scan.source))
    page = _photo_page(small_rendering)
    (picture,) = page.truth.photos
    photo = Photo.objects.get()
    region = ArticleRegion.objects.get(photo=photo, kind=ArticleRegion.Kind.PHOTO, page__number=page.truth.number)
    assert _covers((region.x, region.y, region.x + region.w, region.y + region.h), picture)
