"""Deep Zoom tiles and thumbnails of page images."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from PIL import Image, ImageDraw

from articles.scans import tiles

DZ = "{http://schemas.microsoft.com/deepzoom/2008}"


def _page(width: int = 700, height: int = 1000) -> Image.Image:
    image = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(image)
    for y in range(50, height - 50, 40):
        pen.rectangle((40, y, width - 40, y + 20), fill=30)
    return image


def test_every_level_has_every_tile_and_the_descriptor_comes_last():
    made = list(tiles.deep_zoom(_page()))
    names = [name for name, _ in made]
    assert names[-1] == "page.dzi"
    root = ET.fromstring(made[-1][1])  # noqa: S314 - made by the test
    assert root.tag == f"{DZ}Image"
    assert (root.get("TileSize"), root.get("Overlap"), root.get("Format")) == ("256", "1", "jpg")
    size = root.find(f"{DZ}Size")
    assert (size.get("Width"), size.get("Height")) == ("700", "1000")
    files = dict(made[:-1])
    levels = tiles.level_count(700, 1000)
    assert levels == 11  # 1000 px → 2^10: levels 0 (1 px) … 10 (full size)
    for level in range(levels):
        width, height = tiles.level_size(700, 1000, level)
        columns, rows = tiles.tile_grid(width, height)
        for column in range(columns):
            for row in range(rows):
                with Image.open(io.BytesIO(files.pop(f"page_files/{level}/{column}_{row}.jpg"))) as tile:
                    x0, y0, x1, y1 = tiles.tile_box(column, row, width, height)
                    assert tile.format == "JPEG" and tile.size == (x1 - x0, y1 - y0)
    assert not files  # nothing but those tiles
    assert tiles.level_size(700, 1000, levels - 1) == (700, 1000)
    assert tiles.level_size(700, 1000, levels - 2) == (350, 500)
    assert tiles.level_size(700, 1000, 0) == (1, 1)


def test_tiles_overlap_their_neighbours_by_one_pixel():
    assert tiles.tile_box(0, 0, 700, 1000) == (0, 0, 257, 257)
    assert tiles.tile_box(1, 1, 700, 1000) == (255, 255, 513, 513)
    assert tiles.tile_box(2, 3, 700, 1000) == (511, 767, 700, 1000)


def test_a_full_size_tile_shows_the_page_where_it_is():
    image = _page()
    files = dict(tiles.deep_zoom(image))
    top = tiles.level_count(700, 1000) - 1
    with Image.open(io.BytesIO(files[f"page_files/{top}/1_0.jpg"])) as tile:
        # Tile (1, 0) starts at x = 255: its pixel (5, 55) is the page's (260, 55), a printed bar.
        assert abs(tile.getpixel((5, 55)) - image.getpixel((260, 55))) < 40
        assert tile.getpixel((5, 30)) > 200  # and between bars, paper


def test_thumbnail_is_300_pixels_wide_and_keeps_the_shape():
    with Image.open(io.BytesIO(tiles.thumbnail(_page()))) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (300, 429)
    with Image.open(io.BytesIO(tiles.thumbnail(_page(200, 300)))) as small:
        assert small.size == (200, 300)  # never enlarged
    rgba = Image.new("RGBA", (400, 400), (255, 0, 0, 255))
    assert tiles.thumbnail(rgba)[:2] == b"\xff\xd8"
