"""The spreadsheet benchmark behind ``manage.py bench_spreadsheets``.

Exports a whole archive (articles with their people and tags) to CSV and XLSX, imports a file
of edited article rows back (with people, tags and a revision per article), and runs a plain
django-import-export ``ModelResource`` on the same data in the same run, so the figures come
with the library's own as a yardstick.

The archive is built here with ``bulk_create`` from the seeds' text (deterministic), inside a
transaction the command rolls back at the end, so the database is left as it was. With
``use_existing`` the articles already in the database are used instead (e.g. after
``build_archive``).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import time
import timeit
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from import_export import resources

from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Tag
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.files.writing import write_spreadsheet
from articles.sheets.services import export_spreadsheet, import_spreadsheet
from people.models import Person

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
ARTICLES_PER_ISSUE = 8

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
GIVEN = "思奇玲远重厚强惊华迁元金红芸翊明伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英"
TITLES = ("", "", "", "通讯员", "记者", "区委书记", "区长", "副区长", "镇长", "主任")
SECTIONS = ("", "", "清廉荆州区", "要闻", "基层动态", "民生")
TAG_WORDS = "经济会议防汛招商教育医疗交通农业文旅党建环保民生安全科技就业养老"


# --- Building a synthetic archive --------------------------------------------------------


def _seed_material() -> tuple[list[str], list[str]]:
    """Headline-like lines and body paragraphs cut from the seeds (OCR line breaks joined)."""
    headlines: list[str] = []
    paragraphs: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for block in re.split(r"\n\s*\n", text):
            lines = [line.strip().lstrip("#").strip() for line in block.splitlines() if line.strip()]
            if not lines:
                continue
            if len(lines) == 1 and 8 <= len(lines[0]) <= 40:
                headlines.append(lines[0])
            joined = "".join(lines)
            if len(joined) >= 40:
                paragraphs.append(joined[:600])
    return headlines or ["两区经济形势分析会召开"], paragraphs or ["本报讯 近日，荆州区召开会议。"]


def build_bench_archive(*, articles: int, seed: int = 5) -> None:
    """``articles`` articles (8 per issue) with about 2.5 people and 1.5 tags each."""
    rng = random.Random(seed)
    headlines, paragraphs = _seed_material()
    issue_count = -(-articles // ARTICLES_PER_ISSUE)
    start = dt.date(1990, 1, 1)
    Issue.objects.bulk_create(
        [
            Issue(
                masthead="荆州区新闻",
                issue_date=start + dt.timedelta(days=i),
                date_source=Issue.DateSourceChoices.MASTHEAD,
                date_precision=Issue.PrecisionChoices.DAY,
                number=str(i + 1),
                source_name=f"bench_{i:06d}.txt",
                content_hash=f"{i:064x}",
                ocr_text="",
            )
            for i in range(issue_count)
        ],
        batch_size=2000,
    )
    issues = list(Issue.objects.filter(source_name__startswith="bench_").order_by("source_name").values_list("pk", "issue_date"))
    names = sorted({a + b + c for a in SURNAMES for b in GIVEN for c in ("", *GIVEN[:6])})
    rng.shuffle(names)
    names = names[:3000]
    Person.objects.bulk_create([Person(name=n) for n in names], batch_size=2000, ignore_conflicts=True)
    person_ids = list(Person.objects.filter(name__in=names).values_list("pk", flat=True))
    tag_names = sorted({TAG_WORDS[i : i + 2] + suffix for i in range(0, len(TAG_WORDS), 2) for suffix in ("", "工作", "建设", "服务", "一线")})
    Tag.objects.bulk_create([Tag(name=n, slug=f"bench-{i}") for i, n in enumerate(tag_names)], ignore_conflicts=True)
    tag_ids = list(Tag.objects.filter(name__in=tag_names).values_list("pk", flat=True))

    made = 0
    for issue_id, issue_date in issues:
        batch = []
        for position in range(1, ARTICLES_PER_ISSUE + 1):
            if made + len(batch) >= articles:
                break
            body = "\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(1, 2))))
            batch.append(
                Article(
                    issue_id=issue_id,
                    position=position,
                    headline=rng.choice(headlines),
                    section=rng.choice(SECTIONS),
                    byline="本报讯（通讯员王思奇）" if rng.random() < 0.5 else "",
                    dateline=f"{issue_date.month}月{issue_date.day}日",
                    dateline_date=issue_date,
                    date=issue_date,
                    body=body,
                    ocr_text=body,
                    status=Article.Status.PUBLISHED,
                    is_published=True,
                )
            )
        Article.objects.bulk_create(batch)
        made += len(batch)
        if made >= articles:
            break
    _add_credits_and_tags(rng, person_ids, tag_ids)


def _add_credits_and_tags(rng: random.Random, person_ids: list[int], tag_ids: list[int]) -> None:
    through = Article.tags.through
    credits: list[ArticlePerson] = []
    links: list[Any] = []
    roles = (
        (ArticlePerson.Role.CORRESPONDENT, 1, 2),
        (ArticlePerson.Role.PHOTOGRAPHER, 0, 1),
        (ArticlePerson.Role.MENTIONED, 0, 3),
    )
    for article_id in Article.objects.filter(issue__source_name__startswith="bench_").values_list("pk", flat=True).iterator():
        for role, low, high in roles:
            for position, person_id in enumerate(rng.sample(person_ids, rng.randint(low, high))):
                credits.append(
                    ArticlePerson(article_id=article_id, person_id=person_id, role=role, title=rng.choice(TITLES), position=position)
                )
        links.extend(through(article_id=article_id, tag_id=t) for t in rng.sample(tag_ids, rng.randint(0, 3)))
        if len(credits) > 20_000:
            ArticlePerson.objects.bulk_create(credits, batch_size=5000)
            through.objects.bulk_create(links, batch_size=5000)
            credits, links = [], []
    ArticlePerson.objects.bulk_create(credits, batch_size=5000)
    through.objects.bulk_create(links, batch_size=5000)


# --- The library's plain resource, as a yardstick ----------------------------------------


class PlainArticleResource(resources.ModelResource):
    """What django-import-export gives out of the box: the same columns (people and tags as
    many-to-many fields, the issue as an id). It cannot import people with their roles (the
    ``people`` many-to-many has a through model), so its import leaves them out."""

    class Meta:
        model = Article
        fields = (
            "id", "issue", "position", "section", "kicker", "headline", "subheadline", "byline",
            "people", "tags", "dateline", "dateline_date", "date", "status", "is_published",
            "body", "version",
        )


class PlainArticleImportResource(PlainArticleResource):
    class Meta(PlainArticleResource.Meta):
        fields = tuple(f for f in PlainArticleResource.Meta.fields if f != "people")
        skip_unchanged = True
        report_skipped = True


# --- Measuring ---------------------------------------------------------------------------


@dataclass
class Measure:
    label: str
    seconds: float
    queries: int
    rows: int
    size: int = 0
    note: str = ""
    cpu_seconds: float = 0.0  # this process only (not the database server's)


@dataclass
class BenchResult:
    articles: int
    vendor: str
    measures: list[Measure] = field(default_factory=list)

    def get(self, label: str) -> Measure:
        return next(m for m in self.measures if m.label == label)


class _QueryCounter:
    """Counts queries without keeping them (Django's debug log stops at 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def _measure(label: str, rows: int, work: Callable[[], Any]) -> tuple[Measure, Any]:
    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        started, cpu_started = time.perf_counter(), time.process_time()
        outcome = work()
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return Measure(label, seconds, counter.count, rows, cpu_seconds=cpu_seconds), outcome


def _our_export(file_format: str, queryset: QuerySet | None = None) -> bytes:
    out = io.BytesIO()
    export_spreadsheet(model="articles", file_format=file_format, stream=out, queryset=queryset)
    return out.getvalue()


def _plain_export(file_format: str, queryset: QuerySet) -> bytes:
    dataset = PlainArticleResource().export(queryset)
    data = dataset.export(file_format)
    return data.encode("utf-8") if isinstance(data, str) else data


def _edited_rows(data: bytes, tag_names: list[str]) -> bytes:
    """Every row's headline changed; every 10th row's tags and every 20th row's mentioned
    people changed too (people from other rows, so they exist)."""
    dataset = read_spreadsheet(data, file_format="csv")
    headers = list(dataset.headers)
    at = {h: i for i, h in enumerate(headers)}
    rows = [list(r) for r in dataset]
    people_pool = [r[at["作者"]] for r in rows[:200] if r[at["作者"]]]
    for n, row in enumerate(rows):
        row[at["标题"]] = f"{row[at['标题']]}（校）"
        if n % 10 == 0 and tag_names:
            row[at["标签"]] = "|".join(sorted({*filter(None, str(row[at["标签"]]).split("|")), tag_names[n % len(tag_names)]}))
        if n % 20 == 0 and people_pool:
            row[at["提及人物"]] = people_pool[n % len(people_pool)]
    out = io.BytesIO()
    write_spreadsheet(headers, rows, out, file_format="csv")
    return out.getvalue()


def run_bench(
    *,
    import_rows: int,
    baseline: bool = True,
    baseline_xlsx_limit: int | None = None,
    log: Callable[[str], None] = print,
) -> BenchResult:
    """Measure on the articles in the database; returns every figure."""
    total = Article.objects.count()
    result = BenchResult(articles=total, vendor=connection.vendor)
    everything = Article.objects.all()
    sample_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:1000])

    for file_format in ("csv", "xlsx"):
        measure, data = _measure(f"export {file_format}", total, lambda f=file_format: _our_export(f))
        measure.size = len(data)
        result.measures.append(measure)
        log(_line(measure))
        sample = Article.objects.filter(pk__in=sample_ids)
        small, _ = _measure(
            f"export {file_format} (part)", len(sample_ids), lambda f=file_format, q=sample: _our_export(f, q)
        )
        result.measures.append(small)
        log(_line(small))
        if baseline:
            plain_qs = everything.order_by("pk")
            rows = total
            if file_format == "xlsx" and baseline_xlsx_limit and total > baseline_xlsx_limit:
                rows = baseline_xlsx_limit
                plain_qs = Article.objects.filter(pk__in=list(Article.objects.order_by("pk").values_list("pk", flat=True)[:rows])).order_by("pk")
            plain, data = _measure(f"plain export {file_format}", rows, lambda f=file_format, q=plain_qs: _plain_export(f, q))
            plain.size = len(data)
            result.measures.append(plain)
            log(_line(plain))
        del data

    # Import: the first ``import_rows`` articles, exported, edited as an editor would, back.
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:import_rows])
    chosen = Article.objects.filter(pk__in=ids)
    tag_names = list(Tag.objects.order_by("pk").values_list("name", flat=True)[:50])
    edited = _edited_rows(_our_export("csv", chosen), tag_names)
    revisions_before = ArticleRevision.objects.count()
    measure, report = _measure(
        "import csv (edited rows)", len(ids),
        lambda: import_spreadsheet(model="articles", data=edited, file_format="csv", file_name="bench.csv"),
    )
    measure.size = len(edited)
    new_revisions = ArticleRevision.objects.count() - revisions_before
    measure.note = (
        f"updated {report.updated}, unchanged {report.unchanged}, errors {len(report.problems)}, "
        f"revisions written {new_revisions}"
    )
    result.measures.append(measure)
    log(_line(measure))
    if report.problems:
        raise RuntimeError(f"bench import failed: {[str(p) for p in report.problems[:5]]}")

    if baseline:
        # The same edit again (so every row is a change) through the plain resource.
        plain_rows = PlainArticleImportResource().export(Article.objects.filter(pk__in=ids).order_by("pk"))
        title = plain_rows.headers.index("headline")
        for row_index in range(len(plain_rows)):
            row = list(plain_rows[row_index])
            row[title] = f"{row[title]}（再校）"
            plain_rows[row_index] = row
        plain_revisions_before = ArticleRevision.objects.count()
        measure, plain_report = _measure(
            "plain import csv (edited rows)", len(ids),
            lambda: PlainArticleImportResource().import_data(plain_rows, dry_run=False, raise_errors=True),
        )
        measure.note = (
            f"updated {plain_report.totals['update']}, people not importable, "
            f"revisions written {ArticleRevision.objects.count() - plain_revisions_before}"
        )
        result.measures.append(measure)
        log(_line(measure))
    return result


def _line(m: Measure) -> str:
    size = f", {m.size / 1024 / 1024:.1f} MB" if m.size else ""
    note = f" — {m.note}" if m.note else ""
    return (
        f"{m.label}: {m.rows:,} rows in {m.seconds:.2f} s (cpu {m.cpu_seconds:.2f} s), "
        f"{m.queries} queries{size}{note}"
    )


def machine_load() -> str:
    """How busy the machine was: the load average and a fixed piece of work's time (an
    idle core runs ``sum(range(10**6))`` in about 12 ms)."""
    best = min(timeit.repeat("sum(range(10**6))", number=1, repeat=5))
    try:
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return f"load average {load}; sum(range(10**6)) {best * 1000:.0f} ms"


def summary_lines(result: BenchResult) -> Iterator[str]:
    yield f"{result.articles:,} articles on {result.vendor}; {machine_load()}"
    for m in result.measures:
        yield _line(m)
    for ours, plain in (
        ("export csv", "plain export csv"),
        ("export xlsx", "plain export xlsx"),
        ("import csv (edited rows)", "plain import csv (edited rows)"),
    ):
        try:
            a, b = result.get(ours), result.get(plain)
        except StopIteration:
            continue
        per_row_a, per_row_b = a.seconds / max(a.rows, 1), b.seconds / max(b.rows, 1)
        yield f"ratio {ours}: plain ModelResource takes {per_row_b / per_row_a:.1f}× as long per row"
