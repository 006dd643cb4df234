"""The detector's second look: a headline line it passed over at body-text scale is found at a
smaller scale and read; lines already found are not read twice."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from articles.scans.engines import RapidOcr, _height


def quad(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


BODY = [quad(100, 400 + 60 * k, 600, 450 + 60 * k) for k in range(12)]  # 50-pixel body lines
HEADLINE = quad(100, 200, 1200, 330)  # a bold headline line, 130 pixels tall
KICKER = quad(100, 100, 900, 170)  # found by both looks


class FakeDetector(RapidOcr):
    """The detector's answers by the size it looks at, without the models."""

    def __init__(self, answers: dict[int, list[np.ndarray]]) -> None:
        self.det_side = 2000
        self.answers = answers
        self.asked: list[int] = []
        # The library's crop of a quadrilateral; these are upright rectangles.
        self.engine = SimpleNamespace(
            get_crop_img_list=lambda page, quads: [
                page[round(q[0][1]) : round(q[2][1]), round(q[0][0]) : round(q[2][0])] for q in quads
            ]
        )

    def _detect(self, page: np.ndarray, side: int) -> list[np.ndarray]:
        self.asked.append(side)
        return [q.copy() for q in self.answers.get(side, [])]


PAGE = np.full((2000, 1400, 3), 255, np.uint8)


def boxes(found: list[np.ndarray]) -> list[tuple[int, ...]]:
    return sorted(tuple(int(v) for v in (q[:, 0].min(), q[:, 1].min(), q[:, 0].max(), q[:, 1].max())) for q in found)


def test_a_headline_missed_at_body_scale_is_found_at_the_smaller_scale():
    detector = FakeDetector({2000: [KICKER, *BODY], 1500: [KICKER, HEADLINE, *BODY[:3]]})
    found = detector._lines(PAGE)
    assert detector.asked == [2000, 1500]
    # The headline is added; the kicker and the body lines the second look found again are not.
    assert boxes(found) == boxes([KICKER, HEADLINE, *BODY])


def test_the_second_look_adds_no_body_line_and_nothing_already_covered():
    # A body-sized line found only at the smaller scale (a caption fragment, a speck of a
    # picture) is not added; nor a tall box over lines already found.
    stray_small = quad(700, 400, 1100, 450)
    over_body = quad(100, 400, 600, 560)
    detector = FakeDetector({2000: BODY, 1500: [stray_small, over_body]})
    assert boxes(detector._lines(PAGE)) == boxes(BODY)


def test_a_page_with_no_lines_is_looked_at_once():
    detector = FakeDetector({})
    assert detector._lines(PAGE) == []
    assert detector.asked == [2000]


def test_a_line_found_at_the_smaller_scale_is_cut_down_to_its_ink():
    # The second look pads its boxes by more page pixels: the headline's box would reach down
    # to the body under it and hide the gap that says where the headline group ends.
    page = PAGE.copy()
    page[220:310, 120:1180] = 0  # the headline's ink, 90 pixels tall, inside a 130-pixel box
    detector = FakeDetector({2000: BODY, 1500: [HEADLINE]})
    added = [q for q in detector._lines(page) if _height(q) > 60]
    assert boxes(added) == [(100, 215, 1200, 315)]  # the ink and a few pixels' margin
