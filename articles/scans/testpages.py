"""Test pages: an OCR text issue rendered as newspaper pages, with the ground truth beside them.

For the tests, the benchmarks and a demo — a render of a seed is a fixture, never a scan. The
issue is parsed (``articles.ocr.parse_issue``), laid out (``compose``) and drawn (``render``);
``truth.json`` says what each line says, where it is, and which article it belongs to.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from articles.ocr import parse_issue
from articles.ocr.types import ParsedIssue

from .compose import PageSpec, compose
from .render import Noise, draw, truth, wear
from .types import PageTruth

FORMATS = ("png", "jpeg", "tiff", "pdf")


@dataclass(slots=True)
class RenderedPage:
    image: Image.Image
    truth: PageTruth
    noise: Noise


@dataclass(slots=True)
class Rendering:
    parsed: ParsedIssue
    spec: PageSpec
    seed: int
    pages: list[RenderedPage]

    def text(self) -> str:
        """The issue as an ideal OCR of these pages would read it."""
        return "\n".join(page.truth.text() for page in self.pages)


def render_issue(text: str, *, spec: PageSpec, seed: int = 0, noisy: bool = False) -> Rendering:
    """Render one issue's OCR text as pages; the same input and seed give the same pixels."""
    parsed = parse_issue(text)
    pages = []
    for layout in compose(parsed, spec, seed=seed):
        image = draw(layout, seed=seed * 1000 + layout.number)
        page = truth(layout)
        noise = Noise.scan(random.Random(seed * 1000 + layout.number)) if noisy else Noise()
        image = wear(image, page, noise, dpi=spec.dpi, seed=seed * 1000 + layout.number)
        image.info["dpi"] = (spec.dpi, spec.dpi)
        pages.append(RenderedPage(image, page, noise))
    return Rendering(parsed, spec, seed, pages)


def save_rendering(rendering: Rendering, folder: Path, *, name: str, fmt: str = "png") -> list[Path]:
    """Write the pages (one file per page for PNG/JPEG, one file for TIFF/PDF) and truth.json."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    folder.mkdir(parents=True, exist_ok=True)
    dpi = (rendering.spec.dpi, rendering.spec.dpi)
    images = [p.image for p in rendering.pages]
    written: list[Path] = []
    if fmt in ("png", "jpeg"):
        suffix = "jpg" if fmt == "jpeg" else fmt
        for number, image in enumerate(images, start=1):
            path = folder / f"{name}-page-{number:02d}.{suffix}"
            options: dict[str, Any] = {"quality": 90} if fmt == "jpeg" else {}
            image.save(path, dpi=dpi, **options)
            written.append(path)
    else:
        path = folder / f"{name}.{'tif' if fmt == 'tiff' else 'pdf'}"
        options = {"compression": "tiff_lzw"} if fmt == "tiff" else {"resolution": float(dpi[0])}
        images[0].save(path, save_all=True, append_images=images[1:], dpi=dpi, **options)
        written.append(path)
    meta = {
        "source": name,
        "note": "渲染的测试版面，不是真实扫描件 (rendered test pages, not real scans)",
        "spec": asdict(rendering.spec),
        "seed": rendering.seed,
        "pages": [
            {**page.truth.as_json(), "file": written[min(i, len(written) - 1)].name, "noise": asdict(page.noise)}
            for i, page in enumerate(rendering.pages)
        ],
        "text": rendering.text(),
    }
    truth_path = folder / f"{name}.truth.json"
    truth_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return [*written, truth_path]


def load_truth(path: Path) -> list[PageTruth]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [PageTruth.from_json(page) for page in data["pages"]]
