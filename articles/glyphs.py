"""A table of look-alike Chinese characters, built by drawing glyphs and comparing them.

OCR misreads a character as another of similar shape (苎→芒, 菁→青, 翊→翎). No offline package
ships such a table that knows these pairs, so it is built here: every GB2312 character (the
6,763 in everyday use) is drawn with a CJK font through Pillow, reduced to a small bitmap, and
compared with every other by the overlap of their ink (Jaccard index). Two drawings are
compared — centred in the em box as printed, and stretched to the ink's bounding box so a
component drawn smaller (菁 contains 青) still lines up — and each character keeps its closest
neighbours by either measure. The result is a deterministic JSON file committed with the code;
``python manage.py build_glyph_table`` rebuilds it.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "glyph_similar.json"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
# Index of the Simplified Chinese face inside the Noto CJK collection.
FONT_INDEX_SC = 2
BITMAP = 24
CANVAS = 96
NEIGHBOURS = 8


def common_characters() -> list[str]:
    """The GB2312 hanzi (level 1 and 2), in code order."""
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def _bits(image) -> tuple[int, int]:
    value = 0
    for i, pixel in enumerate(image.get_flattened_data()):
        if pixel > 100:
            value |= 1 << i
    return value, value.bit_count()


def render_bitmaps(chars: Sequence[str], font_path: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """For each character: (centred bitmap, bounding-box bitmap) as (bits, ink count)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, int(CANVAS * 0.9), index=FONT_INDEX_SC)
    centred, boxed = [], []
    for char in chars:
        image = Image.new("L", (CANVAS, CANVAS), 0)
        ImageDraw.Draw(image).text((CANVAS / 2, CANVAS / 2), char, font=font, fill=255, anchor="mm")
        centred.append(_bits(image.resize((BITMAP, BITMAP), Image.Resampling.BOX)))
        box = image.getbbox() or (0, 0, CANVAS, CANVAS)
        boxed.append(_bits(image.crop(box).resize((BITMAP, BITMAP), Image.Resampling.BOX)))
    return centred, boxed


def _top_neighbours(bitmaps: list[tuple[int, int]], keep: int) -> list[list[tuple[float, int]]]:
    count = len(bitmaps)
    best: list[list[tuple[float, int]]] = [[] for _ in range(count)]
    for i in range(count):
        bits_i, ink_i = bitmaps[i]
        scores = []
        for j in range(count):
            if j == i:
                continue
            bits_j, ink_j = bitmaps[j]
            both = (bits_i & bits_j).bit_count()
            union = ink_i + ink_j - both
            scores.append((round(both / union, 3) if union else 0.0, -j))
        best[i] = [(s, -neg) for s, neg in heapq.nlargest(keep, scores)]
    return best


def build_table(
    *, font_path: str | None = None, chars: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, list[list[object]]]:
    """{char: [[neighbour, score], …]} best first; identical input gives identical output."""
    font_path = font_path or next((p for p in FONT_CANDIDATES if Path(p).exists()), None)
    if font_path is None:
        raise FileNotFoundError("找不到中文字体（需要 fonts-noto-cjk）")
    chars = list(chars or common_characters())
    centred, boxed = render_bitmaps(chars, font_path)
    if progress:
        progress(f"已绘制 {len(chars)} 个字，开始比较")
    table: dict[str, list[list[object]]] = {}
    by_centre = _top_neighbours(centred, NEIGHBOURS)
    by_box = _top_neighbours(boxed, NEIGHBOURS)
    for i, char in enumerate(chars):
        merged: dict[int, float] = {}
        for score, j in (*by_centre[i], *by_box[i]):
            merged[j] = max(merged.get(j, 0.0), score)
        ranked = sorted(merged.items(), key=lambda item: (-item[1], chars[item[0]]))
        table[char] = [[chars[j], score] for j, score in ranked]
    return table


def write_table(table: dict[str, list[list[object]]], path: Path = DATA_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


@cache
def similar_pairs(path: Path = DATA_FILE) -> dict[str, frozenset[str]]:
    """Symmetric look-alike sets: b is similar to a if either lists the other."""
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    pairs: dict[str, set[str]] = {}
    for char, neighbours in raw.items():
        for other, _score in neighbours:
            pairs.setdefault(char, set()).add(other)
            pairs.setdefault(other, set()).add(char)
    return {char: frozenset(others) for char, others in pairs.items()}


def rank_of(char: str, other: str, path: Path = DATA_FILE) -> int | None:
    """1-based rank of ``other`` among ``char``'s neighbours in the table (None if absent)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    for rank, (neighbour, _score) in enumerate(raw.get(char, []), start=1):
        if neighbour == other:
            return rank
    return None
