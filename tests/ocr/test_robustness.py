"""Pages the parser has never seen: seed blocks and lines recombined at random (fixed seed)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from articles.ocr import parse_issue

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_IGNORED = re.compile(r"[\s#□（）()摄*【】\[\]〔〕-]")


def recombined_pages(count: int, seed: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    blocks = [b for t in texts for b in re.split(r"\n\s*\n", t) if b.strip()]
    rnd = random.Random(seed)
    pages = []
    for _ in range(count):
        chosen = [rnd.choice(blocks) for _ in range(rnd.randint(1, 30))]
        if rnd.random() < 0.3:  # shuffled lines: the worst layout there can be
            chosen = [line for block in chosen for line in block.split("\n")]
            rnd.shuffle(chosen)
        pages.append(("\n\n" if rnd.random() < 0.7 else "\n").join(chosen))
    return pages


@pytest.mark.parametrize("text", recombined_pages(60, seed=3))
def test_every_line_is_kept_somewhere(text):
    issue = parse_issue(text)
    placed = [issue.masthead or "", issue.lunar_date or "", *issue.unplaced]
    for a in issue.articles:
        heading = " ".join(filter(None, [a.section, a.kicker, a.headline, a.subheadline]))
        placed += [heading, (a.byline or "") + a.body]
        assert a.body.strip()
    for p in issue.photos:
        placed += [p.title or "", p.caption + " ".join(p.photographers)]
    everything = _IGNORED.sub("", "".join(placed))
    for line in text.split("\n"):
        key = _IGNORED.sub("", line)
        if not key or re.fullmatch(r"[A-Za-z]+News", key):
            continue
        half = len(key) // 2
        if len(key) >= 8 and key[:half] * 2 == key:
            key = key[:half]  # a doubled headline is read once
        assert key in everything, line
