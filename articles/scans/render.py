"""Draw composed pages as images, optionally as a worn scan, and say what was drawn where.

The noise is what scanned newsprint shows: a slight blur, a page turned by 0.5–1°, JPEG
compression and speckle. All of it is seeded, so a page renders the same every time, and the
ground truth (every line's text and box, turned with the page) comes with it.

These renders are test fixtures for the OCR and reading-order steps, never real scans.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .compose import PageLayout
from .fonts import font
from .types import Box, PageTruth, TruthLine


@dataclass(frozen=True, slots=True)
class Noise:
    blur: float = 0.0  # Gaussian radius in pixels at 300 dpi (scaled with the page)
    skew: float = 0.0  # degrees, counter-clockwise; 0 for none
    jpeg_quality: int | None = None  # None: no compression
    speckle: float = 0.0  # specks per square centimetre

    @classmethod
    def scan(cls, rng: random.Random) -> Noise:
        """A plausible worn scan: every kind of noise, each at a seeded strength."""
        return cls(
            blur=rng.uniform(0.6, 1.0),
            skew=rng.choice([-1, 1]) * rng.uniform(0.5, 1.0),
            jpeg_quality=rng.randint(35, 60),
            speckle=rng.uniform(1.0, 3.0),
        )

    @property
    def clean(self) -> bool:
        return not (self.blur or self.skew or self.jpeg_quality or self.speckle)


def draw(layout: PageLayout, *, seed: int = 0) -> Image.Image:
    image = Image.new("L", (layout.width, layout.height), 255)
    pen = ImageDraw.Draw(image)
    rng = np.random.default_rng(seed)
    for box in layout.photos:
        _picture(image, box, rng)
    for x0, y0, x1, y1 in layout.rules:
        pen.rectangle((x0, y0, x1 - 1, y1 - 1), fill=40)
    for placed in layout.lines:
        f = font(placed.kind, placed.size)
        for offset, token in placed.line.tokens:
            if not token.isspace():
                pen.text((placed.x + offset, placed.baseline), token, font=f, fill=0, anchor="ls")
    return image


def _picture(image: Image.Image, box: Box, rng: np.random.Generator) -> None:
    """A grey photograph stand-in: soft shapes and grain, no letters in it."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w <= 2 or h <= 2:
        return
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    fx, fy = rng.uniform(1.0, 3.0, 2)
    field = 150 + 50 * np.sin(xx / w * math.pi * fx + rng.uniform(0, 6)) * np.cos(yy / h * math.pi * fy)
    field += rng.normal(0, 12, (h, w))
    picture = Image.fromarray(np.clip(field, 60, 230).astype(np.uint8), "L")
    shapes = ImageDraw.Draw(picture)
    for _ in range(6):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.05, 0.25) * min(w, h)
        shapes.ellipse((cx - r, cy - r, cx + r, cy + r), fill=int(rng.uniform(70, 200)))
    image.paste(picture.filter(ImageFilter.GaussianBlur(2)), (x0, y0))
    ImageDraw.Draw(image).rectangle((x0, y0, x1 - 1, y1 - 1), outline=0, width=max(1, w // 400))


def truth(layout: PageLayout) -> PageTruth:
    lines = [
        TruthLine(
            text=p.line.text,
            box=p.box(),
            role=p.role,
            block=p.block,
            article=p.article,
            photo=p.photo,
            paragraph_start=p.paragraph_start,
        )
        for p in layout.lines
        if p.line.text
    ]
    lines.sort(key=lambda t: (t.block, t.box[1], t.box[0]))
    return PageTruth(layout.number, layout.width, layout.height, lines, list(layout.photos))


def wear(image: Image.Image, page: PageTruth, noise: Noise, *, dpi: int, seed: int = 0) -> Image.Image:
    """Apply ``noise`` to ``image``; ``page``'s boxes are turned with it (in place)."""
    if noise.clean:
        return image
    scale = dpi / 300
    if noise.skew:
        image = image.rotate(noise.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
        _turn(page, noise.skew)
    if noise.blur:
        image = image.filter(ImageFilter.GaussianBlur(noise.blur * scale))
    if noise.speckle:
        image = _speckle(image, noise.speckle, dpi, np.random.default_rng(seed + 7919))
    if noise.jpeg_quality:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=noise.jpeg_quality)
        image = Image.open(io.BytesIO(buffer.getvalue()))
        image.load()
    return image


def _speckle(image: Image.Image, density: float, dpi: int, rng: np.random.Generator) -> Image.Image:
    pixels = np.asarray(image).copy()
    h, w = pixels.shape
    area_cm2 = (w / dpi * 2.54) * (h / dpi * 2.54)
    count = int(area_cm2 * density)
    radius = max(1, dpi // 200)
    ys = rng.integers(0, h - radius, count)
    xs = rng.integers(0, w - radius, count)
    dark = rng.random(count) < 0.8  # mostly dust; some white dropouts in the ink
    for y, x, d in zip(ys, xs, dark, strict=True):
        r = int(rng.integers(1, radius + 1))
        pixels[y : y + r, x : x + r] = 30 if d else 235
    return Image.fromarray(pixels, "L")


def _turn(page: PageTruth, degrees: float) -> None:
    """Turn every box as ``Image.rotate`` turned the picture (about its centre)."""
    page.skew = degrees
    a = math.radians(degrees)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy = page.width / 2, page.height / 2

    def turned(box: Box) -> Box:
        xs, ys = [], []
        for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
            dx, dy = x - cx, y - cy
            xs.append(cx + dx * cos + dy * sin)
            ys.append(cy - dx * sin + dy * cos)
        return (math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))

    for line in page.lines:
        line.box = turned(line.box)
    page.photos = [turned(b) for b in page.photos]
