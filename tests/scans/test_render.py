"""Test pages: laid out like a newspaper, deterministic, and their ground truth is where the ink is."""

from __future__ import annotations

import numpy as np

from articles.ocr import parse_issue
from articles.scans.compose import PageSpec
from articles.scans.fonts import font
from articles.scans.scoring import score_articles
from articles.scans.testpages import render_issue
from articles.scans.typeset import NO_END, NO_START, set_paragraph

from .conftest import SMALL, small_text

LONG = (
    "本报讯（通讯员赵文）近日，区里召开春季农业生产工作会议，部署当前农业农村重点工作。"
    + "会议强调，要坚持问题导向，压实工作责任，推动各项任务落地见效，确保取得实实在在的成效。" * 12
)


def test_same_seed_same_pixels_and_truth(small_rendering):
    again = render_issue(small_text(), spec=SMALL, seed=1)
    assert [p.image.tobytes() for p in again.pages] == [p.image.tobytes() for p in small_rendering.pages]
    assert [p.truth.as_json() for p in again.pages] == [p.truth.as_json() for p in small_rendering.pages]


def test_noise_is_seeded_and_turns_the_page(small_noisy_rendering):
    page = small_noisy_rendering.pages[0]
    assert 0.5 <= abs(page.noise.skew) <= 1.0
    assert page.noise.blur > 0 and page.noise.jpeg_quality and page.noise.speckle > 0
    again = render_issue(small_text(), spec=SMALL, seed=1, noisy=True)
    assert again.pages[0].image.tobytes() == page.image.tobytes()
    other = render_issue(small_text(), spec=SMALL, seed=2, noisy=True)
    assert other.pages[0].image.tobytes() != page.image.tobytes()


def _ink(image, box) -> float:
    pixels = np.asarray(image)
    x0, y0, x1, y1 = box
    region = pixels[max(0, y0) : y1, max(0, x0) : x1]
    return float((region < 128).mean()) if region.size else 0.0


def test_every_truth_box_holds_its_ink_clean_and_turned(small_rendering, small_noisy_rendering):
    for rendering in (small_rendering, small_noisy_rendering):
        for page in rendering.pages:
            for line in page.truth.lines:
                assert _ink(page.image, line.box) > 0.04, (line.text, line.box)
    # Outside the boxes, pictures and rules, a clean page is blank paper.
    page = small_rendering.pages[0]
    pixels = np.asarray(page.image).copy()
    for x0, y0, x1, y1 in [line.box for line in page.truth.lines] + page.truth.photos:
        pixels[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2] = 255
    dark_rows = np.flatnonzero((pixels < 128).sum(axis=1) > pixels.shape[1] * 0.5)
    assert (pixels < 128).sum() - dark_rows.size * pixels.shape[1] < 200  # only the rules remain


def test_articles_run_in_columns_under_a_larger_headline():
    text = f"## 区里召开春季农业生产工作会议\n\n{LONG}\n"
    rendering = render_issue(text, spec=PageSpec.paper("A4", dpi=100), seed=3)
    lines = rendering.pages[0].truth.lines
    head = next(line for line in lines if line.role == "headline")
    body = [line for line in lines if line.role == "body"]
    columns = {line.box[0] // 40 for line in body}
    assert len(columns) >= 3  # the body runs down several columns side by side
    head_height = head.box[3] - head.box[1]
    assert head_height > 1.8 * (body[5].box[3] - body[5].box[1])
    assert head.box[2] - head.box[0] > max(b.box[2] - b.box[0] for b in body)  # spans columns
    assert all(b.box[1] > head.box[3] for b in body)
    # Paragraph openings are indented two characters and marked as such in the truth.
    assert body[0].paragraph_start


def test_lines_never_start_with_closing_punctuation():
    f = font("body", 20)
    for line in set_paragraph(LONG, f, 200, indent_em=2):
        assert line.text[0] not in NO_START, line.text
        assert line.text[-1] not in NO_END, line.text


def test_the_truth_text_parses_like_the_source(small_rendering):
    reference = parse_issue(small_text())
    score = score_articles(reference, parse_issue(small_rendering.text()))
    assert score.found == score.titles_right == len(reference.articles) == 2
    assert small_rendering.pages[-1].truth.photos  # the photo is drawn, as a box
    captions = [line for p in small_rendering.pages for line in p.truth.lines if line.role == "caption"]
    assert "（张伟 摄）" in "".join(line.text for line in captions)
