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
