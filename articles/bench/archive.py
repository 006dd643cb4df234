"""Fill the database with a synthetic archive, fast (for the admin, search and CSV benchmarks).

The articles come from :mod:`articles.bench.synthetic` (the seeds' material recombined), so no OCR
parsing is needed: every generated issue is stored as the importer would store it — the issue
with its verbatim OCR text, articles with their OCR lines and working body, people with their
roles and titles, photos with photographers, tags, and the first "OCR 导入" revision — but in
batches of many issues per transaction and per ``bulk_create``. The search index is kept by
the database itself (triggers on SQLite, an expression index on PostgreSQL), so bulk inserts
are searchable at once.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.utils import timezone

from articles.bench.synthetic import LOOKALIKES, MASTHEAD, CorpusGenerator, Layout
from articles.ingest.bulk import plain_multirow_insert, relax_commit_durability
from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Photo, Tag
from articles.ocr.types import Role
from articles.revisions import article_snapshot, build_revision
from people.models import Person, PersonAlias

# Issues per transaction: big enough that per-batch overhead vanishes, small enough that a
# batch's rows (a few MB) never make memory grow with the archive.
DEFAULT_BATCH_ISSUES = 100


@dataclass(slots=True)
class ArchiveSummary:
    issues: int = 0
    articles: int = 0
    photos: int = 0
    credits: int = 0
    people: int = 0
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


ArchiveProgress = Callable[[ArchiveSummary], None]
# What one batch wrote: (issues, articles, photos, credits).
BatchCounts = tuple[int, int, int, int]
BatchDone = Callable[[int, BatchCounts], None]


# Archive issues are named archive-s<seed>_<index>.txt: runs with the same seed continue the
# numbering, and nobody mistakes them for imported files.
ARCHIVE_SOURCE_PREFIX = "archive-"


def archive_source_prefix(seed: int) -> str:
    return f"{ARCHIVE_SOURCE_PREFIX}s{seed}_"


def build_archive(
    *,
    articles: int,
    seed: int = 1,
    publish: bool = False,
    batch_issues: int = DEFAULT_BATCH_ISSUES,
    workers: int | None = None,
    progress: ArchiveProgress | None = None,
    first_issue: int | None = None,
    skip_batches: Collection[int] = (),
    on_batch: BatchDone | None = None,
) -> ArchiveSummary:
    """Add ``articles`` synthetic articles (in whole issues, the last one trimmed).

    Runs again append: issue numbering continues after the archive issues of the same
    ``seed`` already present, so nothing existing is touched. On PostgreSQL the batches are
    written by ``workers`` processes at once (default: one per CPU) — the database spends
    most of its time computing search vectors, and that work parallelises. SQLite has a
    single writer, so there it is always one process.

    A background job fixes ``first_issue`` (where its numbering starts) when it is queued, so
    that a resumed run plans the same batches; it passes the batches already written as
    ``skip_batches`` and hears of each batch written through ``on_batch(index, counts)``.
    """
    if articles < 1 or batch_issues < 1:
        raise ValueError("articles and batch_issues must be positive")
    started = time.perf_counter()
    # Eight pages share a date, so 200,000 articles span 2000–2018, all in the past.
    generator = CorpusGenerator(seed=seed, pages=8, max_paragraphs=5)
    first = next_issue_index(seed) if first_issue is None else first_issue
    context = _BatchContext(
        generator=generator,
        publish=publish,
        person_ids=_ensure_people(generator),
        tag_ids=_ensure_tags(generator),
    )
    summary = ArchiveSummary(people=len(context.person_ids))
    batches = plan_batches(generator, articles, first=first, batch_issues=batch_issues)
    todo = [(n, batch) for n, batch in enumerate(batches) if n not in skip_batches]
    workers = archive_workers(workers)

    def account(index: int, counts: BatchCounts) -> None:
        summary.issues += counts[0]
        summary.articles += counts[1]
        summary.photos += counts[2]
        summary.credits += counts[3]
        summary.seconds = time.perf_counter() - started
        if progress is not None:
            progress(summary)
        if on_batch is not None:
            on_batch(index, counts)

    if workers == 1 or len(todo) <= 1:
        for index, batch in todo:
            account(index, _write_batch(batch, context))
    else:
        global _WORKER_CONTEXT  # handed to the forked workers, read-only there
        _WORKER_CONTEXT = context
        # Forked children must not share the parent's database connection.
        connections.close_all()
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for index, counts in pool.imap_unordered(_write_batch_in_worker, todo):
                account(index, counts)
        _WORKER_CONTEXT = None
    analyse_tables()
    summary.seconds = time.perf_counter() - started
    return summary


# Every table build_archive writes (the search index's expression statistics come with
# articles_article on PostgreSQL; on SQLite the FTS table keeps its own counts).
ARCHIVE_TABLES = (
    Issue, Article, ArticlePerson, Article.tags.through, Photo, Photo.photographers.through,
    ArticleRevision, Person, PersonAlias,
)


def analyse_tables() -> None:
    """``ANALYZE`` the tables just filled, so the first queries on the archive plan well.

    Autovacuum would get there eventually, but until it does the planner knows nothing of the
    new rows — on PostgreSQL not even the statistics of the search index's expression, which
    decide whether a search walks or goes through the index — and a benchmark run in between
    measures plans nobody meets later.
    """
    with connection.cursor() as cursor:
        for model in ARCHIVE_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def archive_workers(requested: int | None) -> int:
    """How many processes write at once: 1 on SQLite, else as asked (default: CPU count)."""
    if connection.vendor == "sqlite" or connection.in_atomic_block:
        # One writer on SQLite; inside a caller's transaction the rows must be in it too.
        return 1
    if requested is None:
        return max(1, min(4, os.cpu_count() or 1))
    return max(1, requested)


@dataclass(frozen=True, slots=True)
class _BatchContext:
    generator: CorpusGenerator
    publish: bool
    person_ids: dict[str, int]
    tag_ids: dict[str, int]


_WORKER_CONTEXT: _BatchContext | None = None


def _write_batch_in_worker(numbered: tuple[int, list[tuple[int, int]]]) -> tuple[int, BatchCounts]:
    assert _WORKER_CONTEXT is not None
    index, batch = numbered
    try:
        return index, _write_batch(batch, _WORKER_CONTEXT)
    finally:
        connections.close_all()


def next_issue_index(seed: int) -> int:
    """Where a new run's issue numbering starts: after the seed's archive issues present."""
    return Issue.objects.filter(source_name__startswith=archive_source_prefix(seed)).count()


def plan_batches(
    generator: CorpusGenerator, articles: int, *, first: int, batch_issues: int = DEFAULT_BATCH_ISSUES
) -> list[list[tuple[int, int]]]:
    """The run's transactions: each a list of (issue index, article count)."""
    plan = _plan(generator, articles, first=first)
    return [plan[i : i + batch_issues] for i in range(0, len(plan), batch_issues)]


def issue_source_name(seed: int, index: int) -> str:
    """The stored name of the seed's issue ``index`` (as ``CorpusGenerator`` names its files)."""
    return f"{archive_source_prefix(seed)}{index:06d}.txt"


def _plan(generator: CorpusGenerator, articles: int, *, first: int) -> list[tuple[int, int]]:
    """(issue index, article count) for each issue: whole issues, the last one trimmed."""
    plan = []
    remaining = articles
    index = first
    while remaining > 0:
        count = min(generator.article_count(index), remaining)
        plan.append((index, count))
        remaining -= count
        index += 1
    return plan


def _ensure_people(generator: CorpusGenerator) -> dict[str, int]:
    """Every name the generator can print, created once up front (plus some OCR aliases)."""
    names = list(generator.people)
    Person.objects.bulk_create([Person(name=n) for n in names], ignore_conflicts=True, batch_size=2000)
    ids = dict(Person.objects.filter(name__in=names).values_list("name", "id"))
    # Some people also have an OCR variant of their name as an alias (朱翎 for 朱翊), so the
    # people admin and merge tools have aliases to show.
    taken = set(ids) | set(PersonAlias.objects.values_list("name", flat=True))
    aliases: list[PersonAlias] = []
    for name in names[::25]:
        at = next((i for i, ch in enumerate(name) if i and ch in LOOKALIKES), None)
        if at is None:
            continue
        alias = name[:at] + LOOKALIKES[name[at]] + name[at + 1 :]
        if alias not in taken:
            taken.add(alias)
            aliases.append(PersonAlias(person_id=ids[name], name=alias))
    PersonAlias.objects.bulk_create(aliases, ignore_conflicts=True)
    return ids


def _ensure_tags(generator: CorpusGenerator) -> dict[str, int]:
    names = list(generator.material.tag_names)
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "id"))
    used_slugs = set(Tag.objects.values_list("slug", flat=True))
    Tag.objects.bulk_create(
        [Tag(name=n, slug=n) for n in names if n not in existing and n not in used_slugs],
        ignore_conflicts=True,
    )
    return dict(Tag.objects.filter(name__in=names).values_list("name", "id"))


def _write_batch(plan: list[tuple[int, int]], context: _BatchContext) -> BatchCounts:
    """Write the planned issues in one transaction; (issues, articles, photos, credits)."""
    batch = [context.generator.issue(index, max_articles=count) for index, count in plan]
    publish = context.publish
    person_ids, tag_ids = context.person_ids, context.tag_ids
    now = timezone.now()
    status = Article.Status.PUBLISHED if publish else Article.Status.IMPORTED
    rendered = [issue.render_chunks() for issue in batch]
    with transaction.atomic():
        relax_commit_durability()  # a crash loses whole batches at most; re-run to refill
        issues = []
        for synthetic, chunks in zip(batch, rendered, strict=True):
            text = "".join(t for _, t in chunks)
            markdown = synthetic.layout is Layout.MARKDOWN
            issues.append(
                Issue(
                    masthead=MASTHEAD if markdown else "",
                    issue_date=synthetic.date,
                    date_source=Issue.DateSourceChoices.MASTHEAD if markdown else Issue.DateSourceChoices.INFERRED,
                    date_precision=Issue.PrecisionChoices.DAY,
                    lunar_date=synthetic.lunar_date or "",
                    number=synthetic.number,
                    page=str(synthetic.page),
                    source_name=ARCHIVE_SOURCE_PREFIX + synthetic.file_name,
                    content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    ocr_text=text,
                    imported_at=now,
                )
            )
        Issue.objects.bulk_create(issues)

        rows: list[tuple[Article, list[ArticlePerson], list[str]]] = []
        photos: list[tuple[Photo, list[str]]] = []
        for issue, synthetic, chunks in zip(issues, batch, rendered, strict=True):
            ocr_lines: dict[int, list[str]] = {}
            photo_texts: list[str] = []
            for owner, text in chunks:
                if owner is None:
                    if "摄" in text:
                        photo_texts.append(text.strip())
                else:
                    ocr_lines.setdefault(owner, []).append(text)
            for position, sa in enumerate(synthetic.articles, start=1):
                article = Article(
                    issue=issue,
                    position=position,
                    kicker=sa.kicker or "",
                    headline=sa.headline[:300],
                    subheadline=sa.subheadline or "",
                    section=sa.section or "",
                    byline=sa.byline[:300],
                    dateline=sa.dateline or "",
                    dateline_date=sa.dateline_date,
                    date=sa.dateline_date or synthetic.date,
                    ocr_text="".join(ocr_lines.get(position - 1, ())).strip("\n"),
                    body=sa.body,
                    status=status,
                    is_published=publish,
                    published_at=now if publish else None,
                )
                credits = [
                    ArticlePerson(
                        article=article, person_id=person_ids[name], role=Role.CORRESPONDENT.value,
                        title=sa.correspondent_title, position=at,
                    )
                    for at, name in enumerate(sa.correspondents)
                ]
                credits += [
                    ArticlePerson(
                        article=article, person_id=person_ids[m.name], role=Role.MENTIONED.value,
                        title=m.title[:100], position=at,
                    )
                    for at, m in enumerate(sa.people)
                    if m.name in person_ids
                ]
                rows.append((article, _unique_credits(credits), sa.tags))
            for position, sp in enumerate(synthetic.photos, start=1):
                ocr = photo_texts[position - 1] if position <= len(photo_texts) else sp.caption
                photos.append(
                    (Photo(issue=issue, position=position, caption=sp.caption, ocr_text=ocr), sp.photographers)
                )

        articles = [a for a, _, _ in rows]
        with plain_multirow_insert(articles, "position"):
            Article.objects.bulk_create(articles, batch_size=500)
        credits = [c for a, cs, _ in rows for c in cs]
        for credit in credits:
            credit.article_id = credit.article.pk
        ArticlePerson.objects.bulk_create(credits, batch_size=2000)
        tag_through = Article.tags.through
        tag_through.objects.bulk_create(
            [tag_through(article_id=a.pk, tag_id=tag_ids[t]) for a, _, tags in rows for t in tags if t in tag_ids],
            batch_size=2000,
        )
        photo_rows = [p for p, _ in photos]
        with plain_multirow_insert(photo_rows, "position"):
            Photo.objects.bulk_create(photo_rows, batch_size=500)
        photo_through = Photo.photographers.through
        photo_through.objects.bulk_create(
            [
                photo_through(photo_id=p.pk, person_id=person_ids[n])
                for p, names in photos
                for n in dict.fromkeys(names)
                if n in person_ids
            ],
            batch_size=2000,
        )
        # The first revision is the article as imported, as the importer writes it.
        names_by_id = {pk: name for name, pk in person_ids.items()}
        revision_batch = f"import-{uuid.uuid4().hex[:12]}"
        revisions = []
        for article, article_credits, tags in rows:
            for credit in article_credits:
                credit.person = Person(pk=credit.person_id, name=names_by_id[credit.person_id])
            revisions.append(
                build_revision(
                    article, user=None, comment="OCR 导入", batch=revision_batch,
                    snapshot=article_snapshot(article, credits=article_credits, tag_names=tags),
                )
            )
        with plain_multirow_insert(revisions, "version"):
            ArticleRevision.objects.bulk_create(revisions, batch_size=500)
    return len(issues), len(rows), len(photos), len(credits)


def _unique_credits(credits: list[ArticlePerson]) -> list[ArticlePerson]:
    seen: set[tuple[int, str]] = set()
    unique = []
    for credit in credits:
        key = (credit.person_id, credit.role)
        if key not in seen:
            seen.add(key)
            unique.append(credit)
    return unique
