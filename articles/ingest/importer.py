"""Load OCR issue files into the database: one transaction per file, safe to re-run.

The parsing itself is done by the pure ``articles.ocr`` package; this module only reads
files, decides what to do with a file seen before, and writes rows in bulk.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import uuid
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, Value
from django.utils import timezone

from articles.ingest.decoding import OcrDecodeError, decode_ocr_bytes
from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Photo
from articles.ocr import parse_issue
from articles.ocr.types import ParsedIssue, PersonMention, Role
from articles.revisions import article_snapshot, build_revision
from people.models import Person, PersonAlias

# One issue of a local paper is tens of kilobytes of text; anything this large is not an issue.
MAX_FILE_BYTES = 20 * 1024 * 1024


class Outcome(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"  # changed file, nothing edited yet: re-imported in place
    NEW_VERSION = "new_version"  # changed file, editors had touched the old one
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(slots=True)
class FileResult:
    path: Path
    outcome: Outcome
    message: str = ""
    parsed: ParsedIssue | None = None
    issue_id: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return len(self.parsed.articles) if self.parsed else 0


class ImportFileError(Exception):
    """A file could not be imported; the message names the reason in one line."""


def read_issue_file(path: Path) -> tuple[bytes, str, str, tuple[str, ...]]:
    """Return (raw bytes, text, encoding, notes) or raise ImportFileError with the reason."""
    if not path.exists():
        raise ImportFileError("文件不存在 (no such file)")
    if path.is_dir():
        raise ImportFileError("这是一个目录，不是文件 (is a directory; pass the files in it)")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"文件过大 ({size / 1024 / 1024:.1f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB) "
            "(file too large for one issue)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"无法读取 ({exc.strerror or exc})") from exc
    try:
        decoded = decode_ocr_bytes(data)
    except OcrDecodeError as exc:
        raise ImportFileError(str(exc)) from exc
    return data, decoded.text, decoded.encoding, decoded.notes


def content_hash(text: str) -> str:
    """Hash of the decoded text, so the same issue saved as GB18030 or with a BOM is the same."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def relax_commit_durability() -> None:
    """Let PostgreSQL acknowledge this transaction's commit before its WAL reaches the disk.

    A commit otherwise waits for an fsync (milliseconds, often more than writing the issue).
    The transaction stays atomic: a crash within the WAL writer's delay (well under a
    second) can lose the last files imported — whole, never half — and re-running the
    import, which is safe by design, brings them back. Call inside ``transaction.atomic()``.
    """
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


@dataclass(slots=True)
class PreparedFile:
    """A file read, decoded and parsed — everything about it that needs no database."""

    path: Path
    parsed: ParsedIssue | None = None
    text: str = ""
    encoding: str = ""
    notes: tuple[str, ...] = ()
    digest: str = ""
    error: str = ""


def prepare_file(path: Path, *, known_people: Collection[str]) -> PreparedFile:
    """Read and parse one file; a file that cannot be read comes back with ``error`` set."""
    try:
        _, text, encoding, notes = read_issue_file(path)
    except ImportFileError as exc:
        return PreparedFile(path=path, error=str(exc))
    parsed = parse_issue(text, known_people=known_people)
    return PreparedFile(
        path=path, parsed=parsed, text=text, encoding=encoding, notes=tuple(notes),
        digest=content_hash(text),
    )


class PersonResolver:
    """Maps names (and OCR aliases) to Person rows, creating missing people in bulk.

    Every known name and alias is loaded once, with the first file (one query each, a few
    thousand short rows): after that a file whose people are all known costs no query at all.
    """

    def __init__(self) -> None:
        self._cache: dict[str, int] | None = None
        self._people: dict[int, Person] = {}  # id -> an unsaved stand-in carrying the name

    def _load(self) -> dict[str, int]:
        cache = dict(PersonAlias.objects.values_list("name", "person_id"))
        people = list(Person.objects.values_list("name", "id"))
        # A person's own name wins over somebody else's alias of the same spelling.
        cache.update(people)
        self._people = {pk: Person(pk=pk, name=name) for name, pk in people}
        return cache

    def person(self, pk: int) -> Person:
        """The person with this id, by their own name (not the alias the text used)."""
        person = self._people.get(pk)
        if person is None:  # created by someone else since the names were loaded
            person = self._people[pk] = Person.objects.only("id", "name").get(pk=pk)
        return person

    def resolve(self, names: Iterable[str]) -> dict[str, int]:
        if self._cache is None:
            self._cache = self._load()
        missing = {n for n in names if n} - self._cache.keys()
        if missing:
            Person.objects.bulk_create(
                [Person(name=n) for n in sorted(missing)], ignore_conflicts=True
            )
            for name, pk in Person.objects.filter(name__in=missing).values_list("name", "id"):
                self._cache[name] = pk
                self._people[pk] = Person(pk=pk, name=name)
        return self._cache

    def forget(self) -> None:
        """Drop cached ids (after a rolled-back transaction they may not exist)."""
        self._cache = None
        self._people = {}


class IssueLoader:
    """Imports issue files. One instance may import many files; each file is atomic."""

    def __init__(self, *, publish: bool = False, dry_run: bool = False) -> None:
        self.publish = publish
        self.dry_run = dry_run
        self.people = PersonResolver()
        self._known_names: set[str] | None = None
        self._learned: list[str] | None = None  # only collected for a background parser

    def known_people(self) -> set[str]:
        # Names already in the archive help the parser find mentions without a title.
        if self._known_names is None:
            self._known_names = set(Person.objects.values_list("name", flat=True))
        return self._known_names

    def track_learned_names(self) -> list[str]:
        """From now on, log each name an imported file adds to :meth:`known_people`, in order.

        A background parser is told these, so it knows what this loader knows.
        """
        self.known_people()
        self._learned = []
        return self._learned

    def import_path(self, path: Path) -> FileResult:
        return self.import_prepared(prepare_file(path, known_people=self.known_people()))

    def import_prepared(self, prepared: PreparedFile) -> FileResult:
        """Store a file already read and parsed (by :func:`prepare_file`)."""
        path = prepared.path
        if prepared.parsed is None:
            return FileResult(path=path, outcome=Outcome.FAILED, message=prepared.error)
        parsed, text, digest = prepared.parsed, prepared.text, prepared.digest
        encoding = prepared.encoding
        result = FileResult(
            path=path, outcome=Outcome.CREATED, parsed=parsed, notes=list(prepared.notes)
        )
        # One query for both questions: was this file imported before, and is this content
        # already in the archive (perhaps under another name)?
        seen = list(
            Issue.objects.filter(Q(source_name=path.name) | Q(content_hash=digest))
            .order_by("-source_version", "pk")
            .only("id", "content_hash", "source_name", "source_version", "date_source")
        )
        previous = next((i for i in seen if i.source_name == path.name), None)
        same = next((i for i in seen if i.content_hash == digest), None)
        if same is not None:
            result.outcome, result.issue_id = Outcome.UNCHANGED, same.pk
            if same.source_name != path.name:
                result.message = f"内容与已导入的 {same.source_name} 相同，跳过"
            return result
        if self.dry_run:
            if previous is not None:
                result.outcome = (
                    Outcome.NEW_VERSION if self._edited(previous) else Outcome.REPLACED
                )
            return result
        try:
            with transaction.atomic():
                relax_commit_durability()
                version = 1
                if previous is not None:
                    if self._edited(previous):
                        version = previous.source_version + 1
                        result.outcome = Outcome.NEW_VERSION
                        result.message = (
                            f"文件已改变，且旧版已被编辑修改：作为第 {version} 版导入，旧版保留"
                        )
                    else:
                        previous.delete()
                        version = previous.source_version
                        result.outcome = Outcome.REPLACED
                        result.message = "文件已改变，旧版未经编辑：已重新导入"
                issue = self._write(
                    parsed, source_name=path.name, text=text, digest=digest,
                    encoding=encoding, version=version,
                )
        except Exception:
            # The rolled-back transaction may have created people that no longer exist.
            self.people.forget()
            self._known_names = None
            raise
        result.issue_id = issue.pk
        return result

    @staticmethod
    def _edited(issue: Issue) -> bool:
        """Has an editor touched this issue or any of its articles since it was imported?"""
        if issue.date_source == Issue.DateSourceChoices.EDITOR:
            return True
        return Article.objects.filter(issue_id=issue.pk, version__gt=1).exists()

    def _write(
        self, parsed: ParsedIssue, *, source_name: str, text: str, digest: str,
        encoding: str, version: int,
    ) -> Issue:
        now = timezone.now()
        issue = Issue.objects.create(
            masthead=(parsed.masthead or "")[:100],
            issue_date=parsed.date,
            date_source=parsed.date_source.value if parsed.date_source else "",
            date_precision=parsed.date_precision.value if parsed.date_precision else "",
            lunar_date=(parsed.lunar_date or "")[:30],
            number=(parsed.number or "")[:50],
            source_name=source_name,
            source_version=version,
            content_hash=digest,
            source_encoding=encoding,
            ocr_text=text,
            unplaced=parsed.unplaced,
            import_errors=parsed.errors,
            imported_at=now,
        )
        articles = [
            Article(
                issue=issue,
                position=index,
                kicker=(pa.kicker or "")[:300],
                headline=(pa.headline or "")[:300],
                subheadline=(pa.subheadline or "")[:300],
                section=(pa.section or "")[:100],
                byline=(pa.byline or "")[:300],
                dateline=(pa.dateline or "")[:50],
                dateline_date=pa.dateline_date,
                date=pa.dateline_date or parsed.date,
                ocr_text=pa.ocr_text,
                body=pa.body,
                status=Article.Status.PUBLISHED if self.publish else Article.Status.IMPORTED,
                is_published=self.publish,
                published_at=now if self.publish else None,
            )
            for index, pa in enumerate(parsed.articles, start=1)
        ]
        with plain_multirow_insert(articles, "position"):
            Article.objects.bulk_create(articles)

        photo_credits: dict[int, list[str]] = {}
        for pp in parsed.photos:
            if pp.article_index is not None:
                photo_credits.setdefault(pp.article_index, []).extend(pp.photographers)
        all_names = {m.name for pa in parsed.articles for m in (*pa.correspondents, *pa.people)}
        all_names.update(n for pp in parsed.photos for n in pp.photographers)
        person_ids = self.people.resolve(all_names)
        if self._known_names is not None:
            if self._learned is not None:
                self._learned.extend(sorted(all_names - self._known_names))
            self._known_names.update(all_names)

        credits: list[ArticlePerson] = []
        for index, (article, pa) in enumerate(zip(articles, parsed.articles, strict=True)):
            credits.extend(
                _credits_for(
                    article, pa.correspondents, pa.people, photo_credits.get(index, []), person_ids
                )
            )
        ArticlePerson.objects.bulk_create(credits)

        photos = [
            Photo(
                issue=issue,
                article=articles[pp.article_index] if pp.article_index is not None else None,
                position=index,
                title=(pp.title or "")[:200],
                caption=pp.caption,
                ocr_text=pp.ocr_text,
            )
            for index, pp in enumerate(parsed.photos, start=1)
        ]
        with plain_multirow_insert(photos, "position"):
            Photo.objects.bulk_create(photos)
        through = Photo.photographers.through
        through.objects.bulk_create(
            [
                through(photo_id=photo.pk, person_id=person_ids[name])
                for photo, pp in zip(photos, parsed.photos, strict=True)
                for name in dict.fromkeys(pp.photographers)
            ]
        )

        # The first revision is the article as imported, so editors can always diff and revert
        # to what the OCR gave.
        batch = f"import-{uuid.uuid4().hex[:12]}"
        by_article: dict[int, list[ArticlePerson]] = {}
        for credit in credits:
            credit.person = self.people.person(credit.person_id)
            by_article.setdefault(credit.article_id, []).append(credit)
        revisions = [
            build_revision(
                article,
                user=None,
                comment="OCR 导入",
                batch=batch,
                snapshot=article_snapshot(
                    article, credits=by_article.get(article.pk, []), tag_names=()
                ),
            )
            for article in articles
        ]
        with plain_multirow_insert(revisions, "version"):
            ArticleRevision.objects.bulk_create(revisions)
        return issue


@contextmanager
def plain_multirow_insert(objs: list[Any], field: str) -> Iterator[None]:
    """On PostgreSQL, make ``bulk_create`` write ``INSERT … VALUES (…), (…)``, not UNNEST.

    Django 5.2 bulk-inserts there through ``UNNEST(%s::text[], …)``, and with Django's
    client-side parameter binding psycopg quotes every element of those arrays in Python,
    one regex substitution per quote character. For OCR text and JSON snapshots that cost
    more than all the rest of the writing (measured: 10 → 6.5 ms of CPU per issue). Django
    keeps plain multi-row VALUES when a value is an expression, so ``field`` is wrapped in
    ``Value`` for the insert and restored after.
    """
    if connection.vendor != "postgresql" or len(objs) < 2:
        yield
        return
    values = [getattr(obj, field) for obj in objs]
    for obj, value in zip(objs, values, strict=True):
        setattr(obj, field, Value(value))
    try:
        yield
    finally:
        for obj, value in zip(objs, values, strict=True):
            setattr(obj, field, value)


def _credits_for(
    article: Article,
    correspondents: list[PersonMention],
    mentioned: list[PersonMention],
    photographers: list[str],
    person_ids: dict[str, int],
) -> list[ArticlePerson]:
    seen: set[tuple[int, str]] = set()
    rows: list[ArticlePerson] = []
    groups: list[tuple[Role, list[PersonMention]]] = [
        (Role.CORRESPONDENT, correspondents),
        (Role.PHOTOGRAPHER, [PersonMention(n, Role.PHOTOGRAPHER) for n in photographers]),
        (Role.MENTIONED, mentioned),
    ]
    for role, mentions in groups:
        for position, mention in enumerate(mentions):
            key = (person_ids[mention.name], role.value)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                ArticlePerson(
                    article=article,
                    person_id=key[0],
                    role=role.value,
                    title=mention.title[:100],
                    position=position,
                )
            )
    return rows


def issue_report(result: FileResult) -> dict[str, Any]:
    """The ``--dry-run --json`` shape for one file (a contract other tools read)."""
    parsed = result.parsed
    report: dict[str, Any] = {
        "source": result.path.name,
        "masthead": None,
        "date": None,
        "date_precision": None,
        "articles": [],
        "photos": [],
        "unplaced": [],
        "errors": [result.message] if result.outcome == Outcome.FAILED else [],
    }
    if parsed is None:
        return report
    report.update(
        masthead=parsed.masthead,
        date=parsed.date.isoformat() if parsed.date else None,
        date_precision=parsed.date_precision.value if parsed.date_precision else None,
        date_source=parsed.date_source.value if parsed.date_source else None,
        lunar_date=parsed.lunar_date,
        outcome=result.outcome.value,
        articles=[
            {
                "kicker": pa.kicker,
                "headline": pa.headline,
                "subheadline": pa.subheadline,
                "section": pa.section,
                "byline": pa.byline,
                "correspondents": [m.name for m in pa.correspondents],
                "dateline": pa.dateline,
                "body": pa.body,
                "people": list(dict.fromkeys(m.name for m in pa.people)),
            }
            for pa in parsed.articles
        ],
        photos=[
            {"title": pp.title, "caption": pp.caption, "photographers": pp.photographers}
            for pp in parsed.photos
        ],
        unplaced=parsed.unplaced,
        errors=[*parsed.errors, *result.notes],
    )
    return report


ProgressCallback = Callable[[int, int, FileResult], None]


# A background parser pays off once there are enough files to keep both processes busy.
BACKGROUND_PARSER_MIN_FILES = 20
# Files parsed ahead of the one being written: enough to never wait, few enough to hold.
PARSE_AHEAD = 4


def iter_import_files(
    *,
    paths: Iterable[Path],
    publish: bool = False,
    dry_run: bool = False,
    background_parser: bool | None = None,
) -> Iterator[FileResult]:
    """Import each file in its own transaction, yielding its result as soon as it is done.

    Nothing is kept between files, so importing a corpus of any size needs the same memory.
    A failing file never stops the others. With ``background_parser`` (default: when there
    are many files and more than one CPU) a second process reads and parses the next files
    while this one writes: parsing and writing are each about half the work.
    """
    paths = list(paths)
    loader = IssueLoader(publish=publish, dry_run=dry_run)
    if background_parser is None:
        background_parser = (
            len(paths) >= BACKGROUND_PARSER_MIN_FILES and (os.cpu_count() or 1) > 1
        )
    if background_parser:
        yield from _import_with_background_parser(loader, paths)
        return
    for path in paths:
        try:
            yield loader.import_path(path)
        except Exception as exc:
            yield _failed(path, exc)


def _failed(path: Path, exc: Exception) -> FileResult:
    return FileResult(
        path=path, outcome=Outcome.FAILED, message=f"导入失败 ({type(exc).__name__}: {exc})"
    )


_parser_known_people: set[str] = set()


def _start_background_parser(known_people: set[str]) -> None:
    global _parser_known_people  # this process's own copy: it only ever parses
    _parser_known_people = known_people


def _prepare_in_background(path: Path, learned: list[str]) -> PreparedFile:
    # The names the files written so far added, as the writing loader knows them.
    _parser_known_people.update(learned)
    return prepare_file(path, known_people=_parser_known_people)


def _import_with_background_parser(loader: IssueLoader, paths: list[Path]) -> Iterator[FileResult]:
    """One parser process, files handed over in order: the writer never waits for a parse.

    The result is exactly the one-process import's. A file is parsed ahead knowing the people
    of every file written before it was handed over; should one of the few files written
    since (at most PARSE_AHEAD) have added a name this file prints, it is parsed again here
    with everything known, as the one-process import would have parsed it. The child is
    forked and never touches the database; it exits without closing anything.
    """
    learned = loader.track_learned_names()
    known = set(loader.known_people())
    told = 0  # how much of ``learned`` the parser process has been sent
    diverged = False  # after a failed write the loader re-reads names: parse here from then on
    remaining = iter(paths)
    pending: deque[tuple[Path, Future[PreparedFile], int]] = deque()
    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_background_parser,
        initargs=(known,),
    ) as pool:

        def submit_next() -> None:
            nonlocal told
            path = next(remaining, None)
            if path is not None:
                future = pool.submit(_prepare_in_background, path, learned[told:])
                told = len(learned)
                pending.append((path, future, told))

        for _ in range(PARSE_AHEAD):
            submit_next()
        while pending:
            path, future, known_upto = pending.popleft()
            try:
                prepared = future.result()
                unseen = learned[known_upto:]
                if prepared.parsed is not None and (
                    diverged or any(name in prepared.text for name in unseen)
                ):
                    prepared.parsed = parse_issue(
                        prepared.text, known_people=loader.known_people()
                    )
                result = loader.import_prepared(prepared)
            except Exception as exc:
                diverged = True
                result = _failed(path, exc)
            submit_next()
            yield result


def import_files(
    *,
    paths: list[Path],
    publish: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> list[FileResult]:
    """Import each file in its own transaction; a failing file never stops the others."""
    results: list[FileResult] = []
    for done, result in enumerate(
        iter_import_files(paths=paths, publish=publish, dry_run=dry_run), start=1
    ):
        results.append(result)
        if progress is not None:
            progress(done, len(paths), result)
    return results

