"""Page images as files: crops of a page (clippings, hint crops, thumbnails), cut once and kept.

A crop is cut with Pillow the first time it is asked for — from the page's zoom tiles when it
has them, else from the page image — and stored beside the other page files
(``default_storage``, shared by every web node), under the page image's fingerprint and the box: the same crop is never cut twice, and a page replaced by a new image
gets new crops. Decoding a whole large PNG is the costly part (a 300 dpi A3 page is ~17
megapixels: about half a second), which is why the tiles are used and a crop is cut only once.
"""

from __future__ import annotations

import io
import math
import mimetypes
import posixpath
import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.ingest.page_files import crop_folder, crop_key
from articles.models import Page
from articles.scans import tiles

# Crops are made at most this wide (pixels): sharp on a phone's screen, light on a desktop's.
CROP_MAX_WIDTH = 1000
THUMBNAIL_WIDTH = 300
JPEG_QUALITY = 85
# What a Deep Zoom request may name under a page's tile folder: the descriptor, or one tile.
TILE_PATH_RE = re.compile(r"^(?:page\.dzi|page_files/\d{1,2}/\d{1,4}_\d{1,4}\.(?:jpg|jpeg|png))$")


class CropError(ValueError):
    """The box is not a box on this page."""


def crop_name(page: Page, box: tuple[int, int, int, int], width: int) -> str:
    x, y, w, h = box
    # Filed under the image's hash: the importer's sweep drops the folder with the page.
    return f"{crop_folder(crop_key(page))}/{x}_{y}_{w}_{h}_{width}.jpg"


def output_width(box_width: int, max_width: int = CROP_MAX_WIDTH) -> int:
    return max(1, min(box_width, max_width))


def check_box(page: Page, box: tuple[int, int, int, int]) -> None:
    x, y, w, h = box
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > page.width or y + h > page.height:
        raise CropError("区域不在版面内")


def stored_crop(page: Page, box: tuple[int, int, int, int], *, max_width: int = CROP_MAX_WIDTH) -> str:
    """The storage name of the crop of ``box`` (made now if it is not there yet)."""
    check_box(page, box)
    width = output_width(box[2], max_width)
    name = crop_name(page, box, width)
    if default_storage.exists(name):
        return name
    data = cut(page, box, width)
    if default_storage.exists(name):  # another request cut it meanwhile
        return name
    return default_storage.save(name, ContentFile(data))


def cut(page: Page, box: tuple[int, int, int, int], width: int) -> bytes:
    """The box of the page, scaled to ``width`` pixels, as a JPEG: pieced together from the
    page's zoom tiles when it has them (a few small JPEGs to decode, at the level nearest the
    size wanted), else cut from the page image."""
    region = _from_tiles(page, box, width) if page.tiles else None
    if region is None:
        region = _from_image(page, box, width)
    height = max(1, round(box[3] * width / box[2]))
    if region.mode not in ("RGB", "L"):
        region = region.convert("RGB")
    if region.size != (width, height):
        region = region.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    region.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _from_tiles(page: Page, box: tuple[int, int, int, int], width: int) -> Image.Image | None:
    """The box from the tiles of the smallest level still at least ``width`` wide across it;
    None if a tile is missing (the image is then used)."""
    x, y, w, h = box
    top = tiles.level_count(page.width, page.height) - 1
    halvings = 0
    while halvings < top and w / 2 ** (halvings + 1) >= width:
        halvings += 1
    level, scale = top - halvings, 2**halvings
    level_width, level_height = tiles.level_size(page.width, page.height, level)
    x0, y0 = x // scale, y // scale
    x1 = min(level_width, max(x0 + 1, math.ceil((x + w) / scale)))
    y1 = min(level_height, max(y0 + 1, math.ceil((y + h) / scale)))
    folder = posixpath.dirname(page.tiles)
    canvas: Image.Image | None = None
    for column in range(x0 // tiles.TILE_SIZE, (x1 - 1) // tiles.TILE_SIZE + 1):
        for row in range(y0 // tiles.TILE_SIZE, (y1 - 1) // tiles.TILE_SIZE + 1):
            name = f"{folder}/{tiles.TILES_FOLDER}/{level}/{column}_{row}.jpg"
            try:
                with default_storage.open(name, "rb") as source, Image.open(source) as tile:
                    tile.load()
                    if canvas is None:
                        canvas = Image.new(tile.mode, (x1 - x0, y1 - y0), "white")
                    left, upper, _, _ = tiles.tile_box(column, row, level_width, level_height)
                    canvas.paste(tile, (left - x0, upper - y0))
            except (OSError, ValueError):
                return None
    return canvas


def _from_image(page: Page, box: tuple[int, int, int, int], width: int) -> Image.Image:
    x, y, w, h = box
    with default_storage.open(page.image.name, "rb") as source, Image.open(source) as image:
        # Ask the decoder for a reduced image when the crop will be much smaller (JPEG only).
        scale = w / width
        if image.format == "JPEG" and scale >= 2:
            image.draft("RGB", (image.width // int(scale), image.height // int(scale)))
        factor_x = image.width / page.width
        factor_y = image.height / page.height
        return image.crop(
            (round(x * factor_x), round(y * factor_y), round((x + w) * factor_x), round((y + h) * factor_y))
        )


def thumbnail_name(page: Page) -> str:
    """The page's thumbnail as the importer stored it, or one cut from the image now."""
    if page.thumbnail:
        return page.thumbnail.name
    return stored_crop(page, (0, 0, page.width, page.height), max_width=THUMBNAIL_WIDTH)


def tile_name(page: Page, path: str) -> str | None:
    """The storage name of a Deep Zoom file of the page, or None if ``path`` names none."""
    if not page.tiles or not TILE_PATH_RE.match(path):
        return None
    folder, descriptor = posixpath.split(page.tiles)
    stem = posixpath.splitext(descriptor)[0]
    if path == "page.dzi":
        return page.tiles
    return posixpath.join(folder, f"{stem}_files", path.removeprefix("page_files/"))


def content_type(name: str) -> str:
    if name.endswith(".dzi"):
        return "application/xml"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
