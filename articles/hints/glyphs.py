"""A table of look-alike Chinese characters, built by drawing glyphs and comparing them.

OCR misreads a character as another of similar shape (苎→芒, 菁→青, 翊→翎). No offline package
ships such a table that knows these pairs, so it is built here: every GB2312 character (the
6,763 in everyday use) is drawn with a CJK font through Pillow, reduced to a small grey bitmap,
blurred a little (so a stroke one pixel off still overlaps) and compared with every other by
correlation (one matrix product with NumPy). Two drawings are compared — centred in the em box
as printed, and stretched to the ink's bounding box so a component drawn smaller (菁 contains
青) still lines up — and each character keeps its closest neighbours by either measure. The
result is a deterministic JSON file committed with the code; ``python manage.py
build_glyph_table`` rebuilds it in a few seconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "glyph_similar.json"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
# Index of the Simplified Chinese face inside the Noto CJK collection.
FONT_INDEX_SC = 2
CANVAS = 64
BITMAP = 32
BLUR_RADIUS = 1.5
NEIGHBOURS = 8
# Rows compared at once: bounds the similarity block in memory (ROWS x 6,763 floats).
ROWS = 1024


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


def render_bitmaps(chars: Sequence[str], font_path: str) -> tuple[Any, Any]:
    """Two (len(chars), BITMAP²) arrays of blurred glyphs: centred, and stretched to the ink's box."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(font_path, int(CANVAS * 0.9), index=FONT_INDEX_SC)
    blur = ImageFilter.GaussianBlur(BLUR_RADIUS)
    centred = np.zeros((len(chars), BITMAP * BITMAP), dtype=np.float32)
    boxed = np.zeros_like(centred)
    for row, char in enumerate(chars):
        image = Image.new("L", (CANVAS, CANVAS), 0)
        ImageDraw.Draw(image).text((CANVAS / 2, CANVAS / 2), char, font=font, fill=255, anchor="mm")
        small = image.resize((BITMAP, BITMAP), Image.Resampling.BOX).filter(blur)
        centred[row] = np.asarray(small, dtype=np.float32).ravel()
        box = image.getbbox() or (0, 0, CANVAS, CANVAS)
        stretched = image.crop(box).resize((BITMAP, BITMAP), Image.Resampling.BOX).filter(blur)
        boxed[row] = np.asarray(stretched, dtype=np.float32).ravel()
    return centred, boxed


def _normalised(matrix: Any) -> Any:
    import numpy as np

    centred = matrix - matrix.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.where(norms == 0, 1, norms)


def _top_neighbours(bitmaps: Any, keep: int) -> list[list[tuple[float, int]]]:
    """For each row, the ``keep`` most correlated other rows as (score rounded to 3 places, index)."""
    import numpy as np

    vectors = _normalised(bitmaps)
    count = len(vectors)
    keep = min(keep, count - 1)
    best: list[list[tuple[float, int]]] = []
    for first in range(0, count, ROWS):
        block = vectors[first : first + ROWS] @ vectors.T
        for offset in range(len(block)):
            block[offset, first + offset] = -2.0  # never one's own neighbour
        # Rounded before ranking so ties break by index, not by the last bits of BLAS arithmetic.
        block = np.round(block, 3)
        candidates = np.argpartition(-block, keep, axis=1)[:, : keep + 1]
        for offset, row in enumerate(candidates):
            scored = sorted((-float(block[offset, j]), int(j)) for j in row)[:keep]
            best.append([(-score, j) for score, j in scored])
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
