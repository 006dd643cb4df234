"""Writing a corpus: generated issues as UTF-8 ``.txt`` files, one issue in memory at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from articles.bench.synthetic.generator import CorpusGenerator


@dataclass(slots=True)
class CorpusSummary:
    files: int = 0
    articles: int = 0
    photos: int = 0
    bytes: int = 0


def write_corpus(
    out_dir: Path, count: int, *, seed: int = 1, first: int = 0, generator: CorpusGenerator | None = None
) -> CorpusSummary:
    """Write issues ``first`` … ``first + count - 1`` as UTF-8 .txt files into ``out_dir``.

    One issue at a time is held in memory, so a corpus of any size costs the same.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    out_dir.mkdir(parents=True, exist_ok=True)
    generator = generator if generator is not None else CorpusGenerator(seed=seed)
    summary = CorpusSummary()
    for issue in generator.issues(count, first=first):
        data = issue.render().encode("utf-8")
        (out_dir / issue.file_name).write_bytes(data)
        summary.files += 1
        summary.articles += len(issue.articles)
        summary.photos += len(issue.photos)
        summary.bytes += len(data)
    return summary
