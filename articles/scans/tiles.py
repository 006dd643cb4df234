"""Deep Zoom tiles and a thumbnail of a page image, made once at import (Pillow only).

A zoomable viewer (OpenSeadragon reads Deep Zoom) then needs only static files: the
descriptor ``page.dzi`` and beside it ``page_files/<level>/<column>_<row>.jpg``. Level
``max`` is the page at full size, each level below it half the one above (sizes rounded up),
down to level 0 of one pixel. Tiles are ``TILE_SIZE`` square plus ``OVERLAP`` pixels shared
with each neighbour, so the viewer can blend them without seams.

Nothing here knows where files go: the functions yield (relative path, bytes) and the caller
writes them (the importer, through Django's storage). The descriptor comes last, so a
descriptor on disk means every tile before it was written.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from xml.sax.saxutils import quoteattr

from PIL import Image

TILE_SIZE = 256
OVERLAP = 1
QUALITY = 85
THUMBNAIL_WIDTH = 300
DESCRIPTOR = "page.dzi"
TILES_FOLDER = "page_files"


def level_count(width: int, height: int) -> int:
    """Levels 0..max, where level max is the full image and level 0 is one pixel."""
    return math.ceil(math.log2(max(width, height, 1))) + 1


def level_size(width: int, height: int, level: int) -> tuple[int, int]:
    scale = 2 ** (level_count(width, height) - 1 - level)
    return max(1, math.ceil(width / scale)), max(1, math.ceil(height / scale))


def tile_grid(width: int, height: int) -> tuple[int, int]:
    """Columns and rows of tiles of a level of this size."""
    return math.ceil(width / TILE_SIZE), math.ceil(height / TILE_SIZE)


def tile_box(column: int, row: int, width: int, height: int) -> tuple[int, int, int, int]:
    """The pixels of one tile in its level (with the overlap on the sides it has neighbours)."""
    x0 = column * TILE_SIZE - (OVERLAP if column else 0)
    y0 = row * TILE_SIZE - (OVERLAP if row else 0)
    x1 = min(width, (column + 1) * TILE_SIZE + OVERLAP)
    y1 = min(height, (row + 1) * TILE_SIZE + OVERLAP)
    return x0, y0, x1, y1


def descriptor(width: int, height: int) -> str:
    """The Deep Zoom descriptor (XML) of an image of this size."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Image xmlns="http://schemas.microsoft.com/deepzoom/2008" '
        f"Format={quoteattr('jpg')} Overlap={quoteattr(str(OVERLAP))} TileSize={quoteattr(str(TILE_SIZE))}>\n"
        f"  <Size Width={quoteattr(str(width))} Height={quoteattr(str(height))}/>\n"
        "</Image>\n"
    )


def _jpeg(image: Image.Image, *, quality: int = QUALITY) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=False)
    return out.getvalue()


def viewable(image: Image.Image) -> Image.Image:
    """The image in a mode JPEG takes: greyscale stays greyscale (a third of the bytes)."""
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("1", "I", "I;16", "F", "LA"):
        return image.convert("L")
    return image.convert("RGB")


def deep_zoom(image: Image.Image) -> Iterator[tuple[str, bytes]]:
    """Every tile of every level, then the descriptor, as (path relative to the descriptor's
    folder, bytes). Levels are made by halving the one above, so the work is about that of
    one pass over the full image, and only two levels are held at once."""
    image = viewable(image)
    width, height = image.size
    top = level_count(width, height) - 1
    current = image
    for level in range(top, -1, -1):
        size = level_size(width, height, level)
        if current.size != size:
            # Each level is the one above halved: averaging each 2×2 square is exact for it.
            halved = current.reduce(2)
            current = halved if halved.size == size else current.resize(size, Image.Resampling.BOX)
        columns, rows = tile_grid(*size)
        for column in range(columns):
            for row in range(rows):
                tile = current.crop(tile_box(column, row, *size))
                yield f"{TILES_FOLDER}/{level}/{column}_{row}.jpg", _jpeg(tile)
    yield DESCRIPTOR, descriptor(width, height).encode("utf-8")


def thumbnail(image: Image.Image, *, width: int = THUMBNAIL_WIDTH) -> bytes:
    """A JPEG of the page ``width`` pixels wide (never enlarged)."""
    image = viewable(image)
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
    return _jpeg(image, quality=80)
