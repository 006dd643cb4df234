"""Render an annotated corpus into OCR-like issue files with their gold.

    python -m articles.bench.quality CORPUS_DIR OUT_DIR [--variants 3]

writes OUT_DIR/dev/ and OUT_DIR/heldout/ (outlets held out of all tuning), each file
``<issue>.txt`` beside its gold ``<issue>.json``; score them with
``manage.py score_import OUT_DIR/dev OUT_DIR/dev/*.txt``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .corpus import read_corpus
from .render import Renderer, write_issues


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m articles.bench.quality")
    parser.add_argument("corpus", type=Path, nargs="+", help="annotated corpus files or folders")
    parser.add_argument("out", type=Path, help="where to write the issues")
    parser.add_argument("--variants", type=int, default=3, help="renderings of each item")
    args = parser.parse_args(argv)
    items = read_corpus(args.corpus)
    for split, chosen in (
        ("dev", [i for i in items if not i.held_out]),
        ("heldout", [i for i in items if i.held_out]),
    ):
        issues = []
        for variant in range(args.variants):
            issues += Renderer(variant).issues(chosen, prefix=split)
        write_issues(issues, args.out / split)
        articles = sum(len(i.gold["articles"]) for i in issues)
        print(f"{split}: {len(issues)} issues, {articles} articles")


if __name__ == "__main__":
    main()
