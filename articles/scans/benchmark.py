"""The OCR benchmark: render the seeds as pages, read them back, score every step.

For each seed issue: render its pages (clean, then with scan noise), OCR each page, order
the lines, parse the text, and compare — characters with the drawn lines (CER), line order
with the drawn order, articles and titles with the seed's own parse. Time is measured per
page (wall and CPU, including the engine's child process for Tesseract), memory as the
process's resident set after every page, so a leak shows as a slope.
"""

from __future__ import annotations

import gc
import json
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from articles.ocr import parse_issue

from .compose import PageSpec
from .engines import engine
from .reading import Reading, read_order
from .scoring import ArticleScore, CharErrors, char_errors, reading_order, score_articles
from .testpages import RenderedPage, Rendering, render_issue
from .types import OcrLine, PageTruth

BARS = {"cer_clean": 0.01, "cer_noisy": 0.03, "articles_found": 0.95, "titles_right": 0.9}


@dataclass(slots=True)
class PageRun:
    issue: str
    page: int
    noisy: bool
    chars: int
    errors: int
    folded_errors: int
    order: float
    wall_seconds: float
    cpu_seconds: float
    rss_mb: float


@dataclass(slots=True)
class Condition:
    """Totals for one condition (clean or noisy)."""

    cer: CharErrors = field(default_factory=CharErrors)
    articles: ArticleScore = field(default_factory=ArticleScore)
    ideal: ArticleScore = field(default_factory=ArticleScore)  # the render's own text parsed
    order: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "cer": round(self.cer.rate, 5),
            "cer_width_folded": round(self.cer.folded_rate, 5),
            "chars": self.cer.chars,
            "reading_order": round(sum(self.order) / len(self.order), 4) if self.order else None,
            "articles_expected": self.articles.expected,
            "articles_found": round(self.articles.found_rate, 4),
            "titles_right": round(self.articles.titles_rate, 4),
            "ideal_articles_found": round(self.ideal.found_rate, 4),
            "ideal_titles_right": round(self.ideal.titles_rate, 4),
            "misses": self.articles.misses,
        }


@dataclass(slots=True)
class BenchReport:
    engine: str
    spec: PageSpec
    pages: list[PageRun] = field(default_factory=list)
    clean: Condition = field(default_factory=Condition)
    noisy: Condition = field(default_factory=Condition)
    rss_pages: list[float] = field(default_factory=list)  # RSS after each page of the soak run
    soak_seconds: list[tuple[float, float]] = field(default_factory=list)  # (wall, CPU) per page
    peak_rss_mb: float = 0.0
    child_peak_rss_mb: float = 0.0

    def seconds_per_page(self) -> tuple[float, float]:
        """Mean (wall, CPU) seconds per page over every page read."""
        times = [(r.wall_seconds, r.cpu_seconds) for r in self.pages] + self.soak_seconds
        if not times:
            return 0.0, 0.0
        return sum(w for w, _ in times) / len(times), sum(c for _, c in times) / len(times)

    def passed(self) -> dict[str, bool]:
        return {
            "cer_clean": self.clean.cer.rate <= BARS["cer_clean"],
            "cer_noisy": self.noisy.cer.rate <= BARS["cer_noisy"] or not self.noisy.cer.chars,
            "articles_found": min(self.clean.articles.found_rate, self.noisy.articles.found_rate)
            >= BARS["articles_found"],
            "titles_right": min(self.clean.articles.titles_rate, self.noisy.articles.titles_rate)
            >= BARS["titles_right"],
        }

    def as_dict(self) -> dict[str, object]:
        wall, cpu = self.seconds_per_page()
        return {
            "engine": self.engine,
            "spec": asdict(self.spec),
            "page_size_px": [self.spec.width, self.spec.height],
            "seconds_per_page": round(wall, 2),
            "cpu_seconds_per_page": round(cpu, 2),
            "clean": self.clean.as_dict(),
            "noisy": self.noisy.as_dict(),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "child_peak_rss_mb": round(self.child_peak_rss_mb, 1),
            "rss_mb_after_pages": [round(r, 1) for r in self.rss_pages],
            "soak_seconds": [[round(w, 2), round(c, 2)] for w, c in self.soak_seconds],
            "bars": BARS,
            "passed": self.passed(),
            "pages": [asdict(p) for p in self.pages],
        }


def rss_mb() -> float:
    """Resident set size of this process now, in MB (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


Progress = Callable[[PageRun], None]


def run_benchmark(
    issues: list[tuple[str, str]],
    *,
    engine_name: str,
    spec: PageSpec,
    seed: int = 1,
    noisy: bool = True,
    soak_pages: int = 0,
    progress: Progress | None = None,
    keep: Path | None = None,
    accuracy: bool = True,
) -> BenchReport:
    """``issues`` are (name, OCR text) pairs; ``soak_pages`` more pages are read afterwards
    (the rendered pages again, in turn) to see the memory stay flat. With ``keep``, each
    page's OCR lines and text are written there (``<issue>-<clean|noisy>-<page>.json``)."""
    ocr = engine(engine_name)
    report = BenchReport(engine_name, spec)
    for name, text in issues if accuracy else ():
        reference = parse_issue(text)
        for condition, is_noisy in ((report.clean, False), (report.noisy, True)):
            if is_noisy and not noisy:
                continue
            rendering = render_issue(text, spec=spec, seed=seed, noisy=is_noisy)
            texts = []
            for page in rendering.pages:
                run, page_text = _read(ocr, name, page, is_noisy, condition, keep)
                report.pages.append(run)
                texts.append(page_text)
                if progress is not None:
                    progress(run)
            condition.articles.add(score_articles(reference, parse_issue("\n".join(texts))))
            condition.ideal.add(score_articles(reference, parse_issue(rendering.text())))
            del rendering
            gc.collect()
    for _, page in zip(range(soak_pages), _cycle(issues, spec, seed), strict=False):
        started, cpu = time.perf_counter(), _cpu()
        ocr.read(page.image)
        report.soak_seconds.append((time.perf_counter() - started, _cpu() - cpu))
        page.image.close()
        report.rss_pages.append(rss_mb())
    report.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.child_peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return report


def _kept_path(keep: Path, name: str, noisy: bool, number: int) -> Path:
    return keep / f"{name}-{'noisy' if noisy else 'clean'}-{number}.json"


def _read(
    ocr, name: str, page: RenderedPage, noisy: bool, condition: Condition, keep: Path | None
) -> tuple[PageRun, str]:
    started, cpu = time.perf_counter(), _cpu()
    lines = ocr.read(page.image)
    reading = read_order(lines, page.image.width, page.image.height)
    wall, cpu = time.perf_counter() - started, _cpu() - cpu
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        record = {
            "lines": [{**line.as_json(), "angle": line.angle} for line in lines],
            "text": reading.text(),
            "truth": page.truth.as_json(),
        }
        target = _kept_path(keep, name, noisy, page.truth.number)
        target.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return _score_page(name, page.truth, reading, noisy, condition, wall, cpu), reading.text()


def _score_page(
    name: str, truth: PageTruth, reading: Reading, noisy: bool, condition: Condition, wall: float, cpu: float
) -> PageRun:
    # Characters are scored on the lines as the reading step leaves them: those are the
    # lines an import stores and an editor sees.
    lines = reading.lines()
    errors = char_errors(truth, lines)
    order = reading_order(truth, lines)
    condition.cer.add(errors)
    condition.order.append(order)
    return PageRun(
        issue=name,
        page=truth.number,
        noisy=noisy,
        chars=errors.chars,
        errors=errors.errors,
        folded_errors=errors.folded_errors,
        order=round(order, 4),
        wall_seconds=round(wall, 2),
        cpu_seconds=round(cpu, 2),
        rss_mb=round(rss_mb(), 1),
    )


def rescore_kept(
    issues: list[tuple[str, str]],
    keep: Path,
    *,
    spec: PageSpec,
    seed: int = 1,
    noisy: bool = True,
    progress: Progress | None = None,
) -> BenchReport:
    """Score again the OCR lines a run kept (``keep``), with no OCR: the reading step, the
    parser and the scores run as they are now, on what the engine read then. Seconds of
    minutes — for working on reading order and parsing; the page times are the kept run's
    to report, not these (they are zero here).

    Each kept page holds the ground truth of its render; pages kept without it are rendered
    again (same text, spec and seed: the same pages) and the truth is added to the file."""
    report = BenchReport("kept", spec)
    for name, text in issues:
        reference = parse_issue(text)
        for condition, is_noisy in ((report.clean, False), (report.noisy, True)):
            if is_noisy and not noisy:
                continue
            paths = sorted(
                keep.glob(f"{name}-{'noisy' if is_noisy else 'clean'}-*.json"),
                key=lambda p: int(p.stem.rsplit("-", 1)[1]),
            )
            if not paths:
                raise FileNotFoundError(f"{keep} 中没有 {name} 的{'噪声' if is_noisy else '干净'}版面")
            records = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
            if any("truth" not in r for r in records):
                rendering = render_issue(text, spec=spec, seed=seed, noisy=is_noisy)
                for path, record, page in zip(paths, records, rendering.pages, strict=True):
                    record["truth"] = page.truth.as_json()
                    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
                del rendering
            texts, truths = [], []
            for record in records:
                truth = PageTruth.from_json(record["truth"])
                lines = [
                    OcrLine(text=line["text"], box=tuple(line["box"]), confidence=line["confidence"],
                            angle=line.get("angle", 0.0))  # type: ignore[arg-type]
                    for line in record["lines"]
                ]
                reading = read_order(lines, truth.width, truth.height)
                run = _score_page(name, truth, reading, is_noisy, condition, 0.0, 0.0)
                report.pages.append(run)
                texts.append(reading.text())
                truths.append(truth)
                if progress is not None:
                    progress(run)
            condition.articles.add(score_articles(reference, parse_issue("\n".join(texts))))
            condition.ideal.add(score_articles(reference, parse_issue("\n".join(t.text() for t in truths))))
    return report


def _cycle(issues: list[tuple[str, str]], spec: PageSpec, seed: int) -> Iterator[RenderedPage]:
    """Rendered pages one issue at a time, round and round (never all held at once)."""
    if not issues:
        return
    while True:
        for _, text in issues:
            rendering: Rendering = render_issue(text, spec=spec, seed=seed)
            yield from rendering.pages
