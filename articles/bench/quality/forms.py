"""Bylines and photo credits one by one: how many of the names a sample prints the parser reads.

    python -m articles.bench.quality.forms SAMPLES.jsonl --kind bylines|credits|people [--part dev|test]
                                           [--width 17] [--misses]

A samples file holds one JSON object a line, text as printed and names as annotated:

- ``{"outlet": …, "text": "本报讯（记者 A 通讯员 B）5月3日，…", "writers": ["A", "B"],
  "people": [...]}`` for bylines (the text: the first paragraph with its byline, a byline
  line then the first paragraph, or the last paragraph then its signature);
- ``{"outlet": …, "text": "…村民在晒场上翻晒稻谷。（记者 A 摄）", "photographers": ["A"],
  "people": [...]}`` for credits;
- ``{"outlet": …, "text": "村党支部书记A带着村民…", "people": ["A", …]}`` for people: one
  paragraph of a body and every full name it mentions.

Each sample is printed into a page between two invented articles, as it came or wrapped to
``--width`` characters a line (lines with no sentence in them, as bylines and credits are,
stay whole, as the renderer prints them), and the names the parser gives it are compared
with the annotation. Outlets are split by a hash, four in ten to ``test``: read the misses of
``dev`` only. Pure Python, no Django.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from articles.ocr.parser import parse_issue

from .score import f1_score

_HEAD = "荆州区新闻\n2024年5月10日 星期五 第1版\n\n"
# Two invented articles the sample is printed between, each opening with its own dateline.
_BEFORE = (
    "稻田里的丰收小课堂\n本报讯（通讯员周明远）近日，纪南镇的稻田边搭起了一间小课堂，农技人员手把手\n"
    "教农户识别病虫害，讲解机收减损的门道，前来听课的农户有六十多人。\n"
)
_AFTER = (
    "社区食堂开到家门口\n本报讯（通讯员钱嘉禾）日前，城南街道第三家社区食堂开门迎客，荤素搭配的\n"
    "午餐每份十二元，老人凭卡还能再优惠两元，开业首日就餐的居民有两百多人。\n"
)
_BEFORE_MARK, _AFTER_MARK = "纪南镇的稻田边搭起", "城南街道第三家社区食堂"
# A headline for a byline sample, which comes without its own.
_SAMPLE_HEADLINE = "新闻一则见闻"
_SENTENCE_MARKS = "，。！？,!?；;"
_NO_LINE_OPENER = "，。、；：！？）”’,.;:!?)"
TEST_TENTHS = 4


@dataclass
class Tally:
    samples: int = 0
    exact: int = 0
    right: int = 0  # names both annotated and read
    read: int = 0
    annotated: int = 0
    people_found: int = 0
    people: int = 0
    photos_found: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.read if self.read else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.annotated if self.annotated else 1.0

    @property
    def f1(self) -> float:
        return f1_score(self.right, self.read - self.right, self.annotated - self.right)


def part_of(outlet: str) -> str:
    digest = hashlib.sha1(outlet.encode("utf-8")).hexdigest()  # noqa: S324 - a split, not security
    return "test" if int(digest, 16) % 10 < TEST_TENTHS else "dev"


def wrapped(text: str, width: int) -> str:
    """The sample as a narrow column prints it: no line opening with punctuation."""
    if not width:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= 40 and not any(c in line for c in _SENTENCE_MARKS):
            out.append(line)  # a byline or credit line, printed whole
            continue
        parts = [line[i : i + width] for i in range(0, len(line), width)]
        for k in range(len(parts) - 1, 0, -1):
            while parts[k] and parts[k][0] in _NO_LINE_OPENER:
                parts[k - 1] += parts[k][0]
                parts[k] = parts[k][1:]
        out += [p for p in parts if p]
    return "\n".join(out)


def _plain(names: list[str]) -> set[str]:
    return {n.replace(" ", "").replace("\u3000", "") for n in names}


def score(samples: list[dict], *, kind: str, width: int) -> Tally:
    tally = Tally()
    for sample in samples:
        text = sample["text"].strip()
        # A byline or a paragraph comes without its headline; a caption needs none.
        headline = "" if kind == "credits" else f"{_SAMPLE_HEADLINE}\n"
        issue = parse_issue(_HEAD + _BEFORE + "\n" + headline + wrapped(text, width) + "\n\n" + _AFTER)
        if kind == "people":
            read = [p.likely_name for a in issue.articles for p in a.people]
            people: set[str] = set()
            wanted = _plain(sample.get("people") or [])
        elif kind == "bylines":
            own = [
                a for a in issue.articles if _BEFORE_MARK not in a.body and _AFTER_MARK not in a.body
            ]
            read = [c.likely_name for a in own for c in a.correspondents]
            people = {p.likely_name for a in own for p in a.people}
            wanted = _plain(sample.get("writers") or [])
        else:
            read = [n for p in issue.photos for n in p.photographers]
            people = {p.likely_name for a in issue.articles for p in a.people}
            wanted = _plain(sample.get("photographers") or [])
            tally.photos_found += bool(issue.photos)
        got = set(read)
        tally.samples += 1
        tally.exact += got == wanted
        tally.right += len(got & wanted)
        tally.read += len(got)
        tally.annotated += len(wanted)
        named = set(sample.get("people") or []) if kind != "people" else set()
        tally.people += len(named)
        tally.people_found += len(named & people)
        if got != wanted:
            tally.misses.append(f"{sample.get('outlet', '')}: {sorted(wanted)} read {sorted(got)}")
    return tally


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m articles.bench.quality.forms")
    parser.add_argument("samples", type=Path, help="a JSON-lines file of samples")
    parser.add_argument("--kind", choices=("bylines", "credits", "people"), required=True)
    parser.add_argument("--part", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--width", type=int, default=17, help="column width; 0 prints as it came")
    parser.add_argument("--misses", action="store_true", help="list the samples read wrong")
    args = parser.parse_args(argv)
    lines = args.samples.read_text(encoding="utf-8").splitlines()
    samples = [json.loads(line) for line in lines if line.strip()]
    if args.part != "all":
        samples = [s for s in samples if part_of(s.get("outlet", "")) == args.part]
    tally = score(samples, kind=args.kind, width=args.width)
    who = {"bylines": "writers", "credits": "photographers", "people": "people"}[args.kind]
    print(
        f"{args.kind} ({args.part}, width {args.width or 'as printed'}): {tally.samples} samples, "
        f"read exactly {tally.exact / max(tally.samples, 1):.3f}, {who} F1 {tally.f1:.3f} "
        f"(P {tally.precision:.3f} R {tally.recall:.3f})"
        + (f", people {tally.people_found}/{tally.people}" if args.kind != "people" else "")
        + (f", photos {tally.photos_found}/{tally.samples}" if args.kind == "credits" else "")
    )
    if args.misses:
        for miss in tally.misses:
            print("  " + miss)


if __name__ == "__main__":
    main()
