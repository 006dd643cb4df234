"""OCR engines behind one small interface: a page image in, its text lines (box, confidence) out.

RapidOCR runs the PP-OCR Chinese models that ship inside the ``rapidocr-onnxruntime`` wheel on
the CPU through ONNX Runtime; Tesseract is Debian's ``tesseract-ocr`` with ``chi_sim``. Neither
fetches anything at run time. ``docs/performance.md`` ("Scanned pages") has the measurements
that made RapidOCR the default.
"""

from __future__ import annotations

import itertools
import math
import shutil
import subprocess
from functools import cache
from typing import Any, Protocol

import numpy as np
from PIL import Image

from . import marks
from .marks import without_dust
from .punctuation import full_width
from .types import OcrLine

DEFAULT_ENGINE = "rapidocr"


class OcrUnavailable(RuntimeError):
    """The engine (or its models) is not installed here."""


class OcrEngine(Protocol):
    name: str

    def read(self, image: Image.Image) -> list[OcrLine]: ...


class RapidOcr:
    """PP-OCRv4 (detection + recognition) through ONNX Runtime.

    The detector looks at the page shrunk to ``det_side`` pixels on its long side (enough for
    10-point text on an A3 page), but each line is recognised from the full-resolution page:
    recognition is what small characters need pixels for, and it is where the time goes only
    in proportion to the text, not to the page area.
    """

    name = "rapidocr"

    def __init__(self, *, det_side: int = 2000, threads: int = 2) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise OcrUnavailable("需要安装 rapidocr-onnxruntime") from exc
        self.det_side = det_side
        self.engine = RapidOCR(
            intra_op_num_threads=threads,
            inter_op_num_threads=1,
            max_side_len=100_000,  # sizes are handled here, not by the library's resizing
            use_cls=False,  # pages are upright; the 180° classifier only costs time
        )

    def _detect(self, page: np.ndarray, side: int) -> list[np.ndarray]:
        """Line quadrilaterals in page pixels, the detector looking at the page ``side`` pixels
        on its long side."""
        h, w = page.shape[:2]
        scale = min(1.0, side / max(h, w))
        small = page
        if scale < 1.0:
            import cv2

            small = cv2.resize(page, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
        boxes, _ = self.engine.text_det(small)
        if boxes is None:
            return []
        return [np.asarray(q, dtype=np.float32) / scale for q in boxes]

    def _lines(self, page: np.ndarray) -> list[np.ndarray]:
        """Every line of the page: the detector at ``det_side``, and a second look at three
        quarters of that size for large type it passed over.

        Sized for body text, the detector now and then misses a whole headline line (a bold
        line several times the body's height: its strokes look like a picture at that scale);
        smaller it is an ordinary line. Only a tall line that no first-pass line
        covers is added, so the body text is read once."""
        found = self._detect(page, self.det_side)
        if not found:
            return found
        unit = float(np.median([_height(q) for q in found]))
        coarse = [q for q in self._detect(page, self.det_side * 3 // 4) if _height(q) >= 1.3 * unit]
        if coarse:
            cover = _coverage(page.shape[:2], found)
            found += [self._to_ink(page, q) for q in coarse if _covered(cover, q) < 0.2]
        return found

    def _to_ink(self, page: np.ndarray, quad: np.ndarray) -> np.ndarray:
        """The quadrilateral cut down to its ink, top and bottom. A box found at the smaller
        scale is padded by more page pixels; left as it is, its bottom would reach into the
        space under a headline, which the reading step needs to see between it and the body."""
        crop = self.engine.get_crop_img_list(page, [quad])[0]
        rows = np.flatnonzero(without_dust(_gray(crop) < 140).any(axis=1))
        if rows.size == 0:
            return quad
        h = crop.shape[0]
        pad = max(2, round(0.06 * (rows[-1] - rows[0] + 1)))
        top, bottom = max(0, rows[0] - pad), min(h, rows[-1] + 1 + pad)
        return _band_quad(quad, top / h, bottom / h)

    def read(self, image: Image.Image) -> list[OcrLine]:
        page = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])  # OpenCV: BGR
        h, w = page.shape[:2]
        boxes = self._lines(page)
        if not boxes:
            return []
        quads: list[np.ndarray] = []
        crops: list[np.ndarray] = []
        for box in boxes:
            whole = self.engine.get_crop_img_list(page, [box])[0]
            for top, bottom in text_rows(whole):
                quad = _band_quad(box, top / whole.shape[0], bottom / whole.shape[0])
                crop = whole[top:bottom]
                for a, b in column_pieces(crop):
                    quads.append(_sub_quad(quad, a / crop.shape[1], b / crop.shape[1]))
                    crops.append(crop[:, a:b])
        # With each character's column, so that marks the model confuses are checked on the image.
        results, _ = self.engine.text_rec(crops, return_word_box=True)
        lines = []
        for quad, crop, (text, score, *rest) in zip(quads, crops, results, strict=True):
            if rest and len(rest[0]) >= 3:
                columns, _words, positions = rest[0][:3]
                text = marks.checked(text, crop, float(columns), [p for word in positions for p in word])
            text = full_width(text.strip())
            if not text or float(score) < 0.5:  # the library's own threshold: below it, noise in pictures
                continue
            xs, ys = quad[:, 0], quad[:, 1]
            box = (
                max(0, math.floor(xs.min())),
                max(0, math.floor(ys.min())),
                min(w, math.ceil(xs.max())),
                min(h, math.ceil(ys.max())),
            )
            (x0, y0), (x1, y1) = quad[0], quad[1]  # top edge, left to right
            angle = math.degrees(math.atan2(y0 - y1, x1 - x0)) if x1 > x0 else 0.0
            lines.append(OcrLine(text=text, box=box, confidence=float(score), angle=angle))
        _give_back_memory()
        return lines


def _gray(crop: np.ndarray) -> np.ndarray:
    return crop.mean(axis=2) if crop.ndim == 3 else crop


def _height(quad: np.ndarray) -> float:
    """A line quadrilateral's height (its left edge: the page may be turned a little)."""
    return float(np.linalg.norm(quad[3] - quad[0]))


_COVER_SCALE = 8  # the coverage mask is kept at 1/8 of the page's size: boxes, not strokes


def _coverage(shape: tuple[int, int], quads: list[np.ndarray]) -> np.ndarray:
    import cv2

    mask = np.zeros((shape[0] // _COVER_SCALE + 1, shape[1] // _COVER_SCALE + 1), np.uint8)
    cv2.fillPoly(mask, [np.round(q / _COVER_SCALE).astype(np.int32) for q in quads], 1)
    return mask


def _covered(mask: np.ndarray, quad: np.ndarray) -> float:
    """The share of ``quad``'s area that ``mask`` already covers."""
    import cv2

    own = np.zeros_like(mask)
    cv2.fillPoly(own, [np.round(quad / _COVER_SCALE).astype(np.int32)], 1)
    area = int(own.sum())
    return float((own & mask).sum()) / area if area else 1.0


def _give_back_memory() -> None:
    """Return freed heap to the system after a page.

    Each page leaves differently sized buffers behind (the detector's input follows the page,
    the recogniser's the lines); glibc keeps the freed pieces, and over a batch the resident
    size creeps up although nothing is live. ``malloc_trim`` hands them back.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def text_rows(crop: np.ndarray) -> list[tuple[int, int]]:
    """Where the detector took two lines (one above the other) for one, the y-ranges of each.

    Within one line of text some ink crosses every pixel row; a white row right across the
    crop, between two bands of ink, separates two lines (a rule down the gutter aside)."""
    h, w = crop.shape[:2]
    if h < 24 or w < h:
        return [(0, h)]
    gray = crop.mean(axis=2) if crop.ndim == 3 else crop
    ink = without_dust(gray < 140)
    ink[:, ink.sum(axis=0) >= 0.95 * h] = False  # a vertical rule crosses every row
    inked = ink.sum(axis=1) > 0
    rows = np.flatnonzero(inked)
    if rows.size == 0:
        return [(0, h)]
    cuts = []
    start = rows[0]
    for previous, row in itertools.pairwise(rows):
        if row - previous >= 4 and previous - start >= 8 and rows[-1] - row >= 8:
            cuts.append((previous + row) // 2)
            start = row
    if not cuts:
        return [(0, h)]
    edges = [0, *cuts, h]
    return [(a, b) for a, b in itertools.pairwise(edges)]


def _band_quad(quad: np.ndarray, t0: float, t1: float) -> np.ndarray:
    """The part of a quadrilateral between fractions t0..t1 of its height."""
    tl, tr, br, bl = quad
    return np.array(
        [tl + (bl - tl) * t0, tr + (br - tr) * t0, tr + (br - tr) * t1, tl + (bl - tl) * t1],
        dtype=np.float32,
    )


def column_pieces(crop: np.ndarray) -> list[tuple[int, int]]:
    """Where a detected line is really several columns' lines side by side, the x-ranges of each.

    Newspaper columns sit one em or so apart with their lines on one baseline grid, and the
    detector readily joins them into one long line. A white gap clear through the line and
    wider than its characters are tall is a gutter (the space after a comma is about half an
    em; between words of a headline less): the line is cut there and each piece read alone.
    """
    h, w = crop.shape[:2]
    if h < 8 or w < 2 * h:
        return [(0, w)]
    gray = crop.mean(axis=2) if crop.ndim == 3 else crop
    ink = without_dust(gray < 140)
    rows = np.flatnonzero(ink.sum(axis=1) > max(1, w // 200))
    if rows.size == 0:
        return [(0, w)]
    text_height = rows[-1] - rows[0] + 1
    per_column = ink.sum(axis=0)
    # A rule between columns runs through the whole height of the crop, which no character
    # does (the crop is taller than the type): that is a gutter too. Any other ink is not:
    # the thin stroke of 一 in a Song face is two pixels high.
    white = (per_column == 0) | (per_column >= 0.95 * h)
    gap = max(6, round(text_height * 1.0))
    pieces: list[tuple[int, int]] = []
    start = 0
    x = 0
    while x < w:
        if not white[x]:
            x += 1
            continue
        end = x
        while end < w and white[end]:
            end += 1
        if x > 0 and end < w and end - x >= gap:
            pad = max(2, text_height // 5)
            pieces.append((start, min(w, x + pad)))
            start = max(0, end - pad)
        x = end
    pieces.append((start, w))
    # Trim each piece to its ink: a detector box often runs on into the empty indent of the
    # next column's first line, and would then look wider (larger type) than it is.
    pad = max(2, text_height // 5)
    inked = np.flatnonzero(~white)
    trimmed = []
    for a, b in pieces:
        inside = inked[(inked >= a) & (inked < b)]
        if inside.size:
            trimmed.append((max(a, int(inside[0]) - pad), min(b, int(inside[-1]) + 1 + pad)))
    return [(a, b) for a, b in trimmed if b - a >= max(4, text_height // 2)] or [(0, w)]


def _sub_quad(quad: np.ndarray, t0: float, t1: float) -> np.ndarray:
    """The part of a (clockwise from top-left) quadrilateral between fractions t0..t1 of its length."""
    tl, tr, br, bl = quad
    return np.array(
        [tl + (tr - tl) * t0, tl + (tr - tl) * t1, bl + (br - bl) * t1, bl + (br - bl) * t0],
        dtype=np.float32,
    )


class Tesseract:
    """Tesseract 5 (LSTM) with Simplified Chinese, one line per ``tsv`` line record."""

    name = "tesseract"

    def __init__(self, *, lang: str = "chi_sim", psm: int = 3) -> None:
        self.binary = shutil.which("tesseract")
        if self.binary is None:
            raise OcrUnavailable("需要安装 tesseract-ocr 和 tesseract-ocr-chi-sim")
        self.lang, self.psm = lang, psm

    def read(self, image: Image.Image) -> list[OcrLine]:
        import io

        buffer = io.BytesIO()
        image.convert("L").save(buffer, "PNG")
        dpi = str(image.info.get("dpi", (300, 300))[0])
        done = subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [self.binary, "stdin", "stdout", "-l", self.lang, "--psm", str(self.psm), "--dpi", dpi, "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            check=True,
            timeout=600,
        )
        return _tesseract_lines(done.stdout.decode("utf-8", "replace"))


def _tesseract_lines(tsv: str) -> list[OcrLine]:
    words: dict[tuple[str, ...], list[tuple[str, tuple[int, int, int, int], float]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        x, y, w, h = (int(c) for c in cells[6:10])
        words.setdefault(tuple(cells[1:5]), []).append(
            (cells[11].strip(), (x, y, x + w, y + h), max(0.0, float(cells[10])) / 100)
        )
    lines = []
    for line_words in words.values():
        line_words.sort(key=lambda w: w[1][0])
        height = max(1, max(b[3] for _, b, _ in line_words) - min(b[1] for _, b, _ in line_words))
        piece = [line_words[0]]
        for word in line_words[1:]:
            # Tesseract's lines can run across a gutter; a gap wider than the line is tall
            # is one, and each side is a line of its own.
            if word[1][0] - piece[-1][1][2] >= height:
                lines.append(_tesseract_line(piece, height))
                piece = []
            piece.append(word)
        lines.append(_tesseract_line(piece, height))
    return lines


def _tesseract_line(words: list[tuple[str, tuple[int, int, int, int], float]], height: int) -> OcrLine:
    box = (
        min(b[0] for _, b, _ in words),
        min(b[1] for _, b, _ in words),
        max(b[2] for _, b, _ in words),
        max(b[3] for _, b, _ in words),
    )
    text = ""
    previous = None
    for word, b, _ in words:
        # Tesseract cuts Chinese into "words" of a character or two: no space between them,
        # unless the print leaves one (between Latin words, or a wide gap in a headline).
        if text and (
            (_latin(text[-1]) and _latin(word[0])) or (previous is not None and b[0] - previous >= height * 0.4)
        ):
            text += " "
        text += word
        previous = b[2]
    conf = sum(c for _, _, c in words) / len(words)
    return OcrLine(text=full_width(text), box=box, confidence=conf)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@cache
def engine(name: str = DEFAULT_ENGINE, **options: Any) -> OcrEngine:
    """One engine per process (loading RapidOCR's models takes about a second)."""
    if name == "rapidocr":
        return RapidOcr(**options)
    if name == "tesseract":
        return Tesseract(**options)
    raise ValueError(f"unknown OCR engine {name!r} (rapidocr, tesseract)")
