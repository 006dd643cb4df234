"""Shared small renders for the scanned-page tests (pages kept small so OCR stays fast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.scans.compose import PageSpec
from articles.scans.testpages import Rendering, render_issue

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL = PageSpec.paper("A5", dpi=150)  # 874 × 1240 pixels, three columns


def small_text() -> str:
    return (FIXTURES / "small_issue.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def small_rendering() -> Rendering:
    return render_issue(small_text(), spec=SMALL, seed=1)


@pytest.fixture(scope="session")
def small_noisy_rendering() -> Rendering:
    return render_issue(small_text(), spec=SMALL, seed=1, noisy=True)


@pytest.fixture(scope="session")
def small_pages(small_rendering, tmp_path_factory) -> Path:
    """The small issue's two rendered pages as PNG files in a folder: one issue of scans."""
    from articles.scans.testpages import save_rendering

    folder = tmp_path_factory.mktemp("scans") / "2024-03-18"
    save_rendering(small_rendering, folder, name="2024-03-18", fmt="png")
    (folder / "2024-03-18.truth.json").unlink(missing_ok=True)
    return folder


@pytest.fixture(scope="session")
def small_scan(small_pages):
    """The small issue's pages read by the OCR (RapidOCR) once for the whole session."""
    from articles.scans.pipeline import read_issue
    from articles.scans.sources import find_sources

    (source,) = find_sources([small_pages])
    return read_issue(source)
