"""The scans import benchmark: rendered seed pages through the whole import, OCR to tiles to rows.

``bench_ocr --store`` renders the seeds as pages (the test-page renderer: fixtures, never
scans of the paper), writes each issue's pages as PNG files in a folder, and imports the
folders in a child process (``bench_ocr --store-worker``) with
:func:`articles.ingest.scans.iter_import_scans` — what ``import_scans`` and the job run —
into a throwaway database and a throwaway MEDIA_ROOT. Time is split per page into OCR
(engine and reading order), files (page image, Deep Zoom tiles, thumbnail) and the database
transaction; memory is the child's resident set after each page, so a leak shows as a slope.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from articles.bench.import_bench import ThrowawayDatabases, _run_child
from articles.scans.benchmark import rss_mb
from articles.scans.compose import PageSpec
from articles.scans.testpages import render_issue


def write_issues(texts: list[str], folder: Path, *, spec: PageSpec, pages: int, seed: int) -> int:
    """Render the issues in turn (a new layout seed each round) until ``pages`` pages are
    written, one folder of PNG pages per issue; returns the pages written."""
    written, round_ = 0, 0
    while written < pages:
        for text in texts:
            rendering = render_issue(text, spec=spec, seed=seed + round_)
            issue = folder / f"issue-{round_:02d}-{texts.index(text):02d}"
            issue.mkdir(parents=True)
            for number, page in enumerate(rendering.pages, start=1):
                page.image.save(issue / f"page-{number:02d}.png", dpi=(spec.dpi, spec.dpi))
                written += 1
            del rendering
            if written >= pages:
                break
        round_ += 1
    return written


def run_store_benchmark(
    *, texts: list[str], spec: PageSpec, pages: int, seed: int = 1, engine: str = "rapidocr",
    report: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    say = report or (lambda _message: None)
    with tempfile.TemporaryDirectory(prefix="newsroom-scans-bench-") as tmp, ThrowawayDatabases(
        Path(tmp)
    ) as databases:
        corpus = Path(tmp) / "scans"
        started = time.perf_counter()
        written = write_issues(texts, corpus, spec=spec, pages=pages, seed=seed)
        say(f"已渲染 {written} 版（{time.perf_counter() - started:.0f} 秒），正在导入（临时{databases.label}数据库）…")
        url, flush = databases.fresh("scans")
        env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(Path(tmp) / "media")}
        worker = ["bench_ocr", "--store-worker", str(corpus), "--engine", engine, "--skip-checks"]
        output = _run_child([*worker, "--flush"] if flush else worker, env=env)
        result = json.loads(output.strip().splitlines()[-1])
        result.update(database=databases.label, spec={"width": spec.width, "height": spec.height, "dpi": spec.dpi})
        return result


def store_corpus(corpus: Path, *, engine: str, flush: bool = False) -> dict[str, Any]:
    """In the child: import every issue folder of ``corpus``, timing each page's steps."""
    from django.conf import settings
    from django.core.management import call_command

    from articles.ingest.report import Outcome
    from articles.ingest.scans import iter_import_scans
    from articles.models import Page
    from articles.scans.engines import engine as load_engine
    from articles.scans.sources import find_sources

    settings.DEBUG = False
    if flush:
        call_command("flush", interactive=False, verbosity=0)  # the throwaway database only
    load_engine(engine)  # the models' load (about a second) is no page's time
    sources = find_sources(sorted(p for p in corpus.iterdir() if p.is_dir()))
    steps: list[tuple[str, float]] = []
    rss: list[float] = []

    def on_page(source: Any, number: int, stage: str) -> None:
        steps.append((stage, time.perf_counter()))
        if stage == "stored":
            rss.append(round(rss_mb(), 1))

    ocr = files = database = 0.0
    failed: list[str] = []
    own = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    issue_start = started
    for done in iter_import_scans(sources=sources, engine=engine, on_page=on_page):
        finished = time.perf_counter()
        reads = [t for stage, t in steps if stage == "read"]
        stores = [t for stage, t in steps if stage == "stored"]
        if done.result.outcome == Outcome.FAILED or not reads or not stores:
            failed.append(f"{done.result.path.name}: {done.result.message}")
        else:
            ocr += reads[-1] - issue_start
            files += stores[-1] - reads[-1]
            database += finished - stores[-1]
        steps.clear()
        issue_start = finished
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    count = Page.objects.count()
    per_page = max(1, count)
    return {
        "pages": count,
        "issues": len(sources) - len(failed),
        "failed": failed,
        "seconds": round(seconds, 1),
        "seconds_per_page": round(seconds / per_page, 2),
        "cpu_seconds_per_page": round(
            (after.ru_utime + after.ru_stime - own.ru_utime - own.ru_stime) / per_page, 2
        ),
        "ocr_seconds_per_page": round(ocr / per_page, 2),
        "files_seconds_per_page": round(files / per_page, 2),
        "database_seconds_per_page": round(database / per_page, 3),
        "rss_mb_after_each_page": rss,
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
        "load_average": round(os.getloadavg()[0], 1),
    }
