"""Deciding what to do with each file, and doing it in one transaction per file.

A file seen before is skipped (same content), replaced in place (changed file, nobody has
touched the issue) or imported as a new version beside the old one (changed file, the old
one was touched: nothing anyone did is ever overwritten). A new version is never made
public by the import, even with ``publish``: the old version keeps its public articles and
any withdrawal stands, so readers see one copy of each article until a chief editor
compares and publishes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.hints.running import ImportHints
from articles.ingest.bulk import relax_commit_durability, retry_when_locked
from articles.ingest.files import PreparedFile, count_hints_of, prepare_file
from articles.ingest.people import PersonResolver
from articles.ingest.rejections import rejections_of
from articles.ingest.report import FileResult, Outcome
from articles.ingest.rows import people_named
from articles.ingest.touched import IMPORT_BATCH_PREFIX, editor_changes
from articles.ingest.writer import IssueWriter, Written
from articles.models import Article, ArticleRevision, Issue
from articles.ocr import parse_issue
from people.models import Person


class IssueLoader:
    """Imports issue files. One instance may import many files; each file is atomic."""

    def __init__(
        self, *, publish: bool = False, dry_run: bool = False, paths: Iterable[Path] = ()
    ) -> None:
        self.publish = publish
        self.dry_run = dry_run
        #: the run's files, when known in advance (the hint sample skips those already in)
        self.source_names = sorted({path.name for path in paths})
        self.people = PersonResolver()
        self.writer = IssueWriter(people=self.people)
        self._known_names: set[str] | None = None
        self._learned: list[str] | None = None  # only collected for a background parser
        self._hints: ImportHints | None = None
        #: how many times the known names were dropped, to be read again from the database
        self.reloads = 0

    def known_people(self) -> set[str]:
        # Names already in the archive help the parser find mentions without a title.
        if self._known_names is None:
            self._known_names = set(Person.objects.values_list("name", flat=True))
        return self._known_names

    def hints(self) -> ImportHints | None:
        """The run's hint knowledge (built once, from the archive as the run starts);
        None on a dry run, which stores no counts."""
        if self._hints is None and not self.dry_run:
            self._hints = ImportHints.from_archive(archived=self._archived_digests())
        return self._hints

    def _archived_digests(self) -> set[str]:
        """Content hashes of the issues imported before under this run's file names."""
        digests: set[str] = set()
        for start in range(0, len(self.source_names), 500):
            names = self.source_names[start : start + 500]
            digests.update(
                Issue.objects.filter(source_name__in=names).values_list("content_hash", flat=True)
            )
        return digests

    def restart_hints(self) -> None:
        """Forget the run's hint knowledge; the next file rebuilds it from the archive."""
        self._hints = None

    def track_learned_names(self) -> list[str]:
        """From now on, log each name an imported file adds to :meth:`known_people`, in order.

        A background parser is told these, so it knows what this loader knows.
        """
        self.known_people()
        self._learned = []
        return self._learned

    def prepare(self, path: Path) -> PreparedFile:
        return prepare_file(path, known_people=self.known_people(), hints=self.hints())

    def import_path(self, path: Path) -> FileResult:
        return self.import_prepared(self.prepare(path))

    def import_prepared(
        self, prepared: PreparedFile, *, with_issue: Callable[[Issue], None] | None = None
    ) -> FileResult:
        """Store a file already read and parsed (by :func:`prepare_file`).

        ``with_issue`` writes what else belongs to a new or re-imported issue (a scan's
        pages) in the issue's own transaction.

        SQLite lets one process write at a time: while another import holds the lock the
        file waits and is tried again (see ``retry_when_locked``). Two imports of one file
        at once: the second's insert fails on the unique (file, version) pair, and its
        second try finds the first's issue.
        """
        if prepared.parsed is None:
            return FileResult(path=prepared.path, outcome=Outcome.FAILED, message=prepared.error)
        hints = self.hints()
        if hints is not None and len(prepared.hint_counts) != len(prepared.parsed.articles):
            count_hints_of(prepared, hints)  # prepared elsewhere (e.g. from scans) without counts
        try:
            return retry_when_locked(lambda: self._store(prepared, with_issue), on_retry=self._forget)
        except IntegrityError:
            self._forget()
            return retry_when_locked(lambda: self._store(prepared, with_issue), on_retry=self._forget)

    def _forget(self) -> None:
        # The rolled-back transaction may have created people that no longer exist.
        self.people.forget()
        self._known_names = None
        self.reloads += 1

    def _store(
        self, prepared: PreparedFile, with_issue: Callable[[Issue], None] | None = None
    ) -> FileResult:
        path, parsed = prepared.path, prepared.parsed
        assert parsed is not None
        result = FileResult(
            path=path, outcome=Outcome.CREATED, parsed=parsed, notes=list(prepared.notes),
            hints=sum(prepared.hint_counts),
        )
        # One query for both questions: was this file imported before, and is this content
        # already in the archive (perhaps under another name)?
        seen = issues_seen(source_name=path.name, digest=prepared.digest)
        previous = next((i for i in seen if i.source_name == path.name), None)
        same = next((i for i in seen if i.content_hash == prepared.digest), None)
        if same is not None:
            result.outcome, result.issue_id, result.hints = Outcome.UNCHANGED, same.pk, 0
            if same.source_name != path.name:
                result.message = f"内容与已导入的 {same.source_name} 相同，跳过"
            if self.publish and not self.dry_run:
                self._publish_untouched(same.pk, prepared, result)
            return result
        if self.dry_run:
            if previous is not None:
                result.outcome = Outcome.NEW_VERSION if self._changes(previous.pk) else Outcome.REPLACED
            return result
        try:
            with transaction.atomic():
                relax_commit_durability()
                written = self._write(prepared, previous, result)
                self.people.keep_misread_spellings(parsed.misread_names())
                if with_issue is not None:
                    with_issue(written.issue)
        except Exception:
            self._forget()
            raise
        names = people_named(parsed)
        if self._known_names is not None:
            if self._learned is not None:
                self._learned.extend(sorted(names - self._known_names))
            self._known_names.update(names)
        result.issue_id, result.published = written.issue.pk, written.published
        return result

    def _changes(self, issue_id: int, *, lock: bool = False) -> list[str]:
        issue = Issue.objects.get(pk=issue_id)
        return editor_changes(
            issue=issue, parsed=parse_issue(issue.ocr_text), people=self.people, lock=lock
        )

    def _write(
        self, prepared: PreparedFile, previous: SeenIssue | None, result: FileResult
    ) -> Written:
        if previous is None:
            return self.writer.create(
                prepared, source_name=prepared.path.name, version=1, publish=self.publish
            )
        changes = self._changes(previous.pk, lock=True)
        if not changes:
            result.outcome = Outcome.REPLACED
            issue = Issue.objects.get(pk=previous.pk)
            written = self.writer.replace(issue, prepared, publish=self.publish)
            result.message = f"文件已改变，旧版未经改动：已重新导入（{written.kept} 篇文章网址不变）"
            return written
        version = previous.source_version + 1
        result.outcome = Outcome.NEW_VERSION
        result.message = (
            f"文件已改变，旧版有改动（{'；'.join(changes)}）：作为第 {version} 版导入，旧版保留"
        )
        if self.publish:
            result.message += "；新版未公开，请主编比对后在后台发布"
        return self.writer.create(
            prepared, source_name=prepared.path.name, version=version, publish=False,
            rejections=rejections_of(issue_id=previous.pk),
        )

    def _publish_untouched(self, issue_id: int, prepared: PreparedFile, result: FileResult) -> None:
        """``publish`` on a file imported before: publish its articles if nobody has touched
        the issue and it is the file's only version; otherwise say why not and what to do."""
        unpublished = Article.objects.filter(issue_id=issue_id, is_published=False)
        if not unpublished.exists():
            return
        issue = Issue.objects.get(pk=issue_id)
        if Issue.objects.filter(source_name=issue.source_name).exclude(pk=issue_id).exists():
            result.message = _joined(
                result.message, "同一文件另有其他版本，未自动发布：请主编比对后在后台发布"
            )
            return
        with transaction.atomic():
            relax_commit_durability()
            # The stored text is this file's text (same content hash): its parse is this one.
            assert prepared.parsed is not None
            changes = editor_changes(
                issue=issue, parsed=prepared.parsed, people=self.people, lock=True
            )
            if changes:
                result.message = _joined(
                    result.message,
                    f"本期已有改动（{'；'.join(changes)}），未自动发布：请主编在后台发布",
                )
                return
            result.published = publish_imported(issue_id=issue_id)
        result.message = _joined(result.message, f"已发布本期 {result.published} 篇未公开的文章")


@dataclass(frozen=True, slots=True)
class SeenIssue:
    """What the import needs to know of an issue already in the archive."""

    pk: int
    content_hash: str
    source_name: str
    source_version: int


def issues_seen(*, source_name: str, digest: str) -> list[SeenIssue]:
    """The issues imported from this file name or with this content, newest version first.

    Asked once per file, so in plain SQL: the ORM would build the same query again each time.
    """
    quote = connection.ops.quote_name
    meta = Issue._meta
    pk, content_hash, name, version = (
        quote(meta.get_field(field).column)
        for field in ("id", "content_hash", "source_name", "source_version")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk}, {content_hash}, {name}, {version} FROM {quote(meta.db_table)} "  # noqa: S608 -- names from the model, values are parameters
            f"WHERE {name} = %s OR {content_hash} = %s ORDER BY {version} DESC, {pk}",
            [source_name, digest],
        )
        return [SeenIssue(*row) for row in cursor.fetchall()]


def publish_imported(*, issue_id: int) -> int:
    """Publish the untouched, unpublished articles of an issue, as the import would have.

    Like ``import_seeds --publish`` on a new file, this is the importer's own act: the
    importer's revision is updated to say so instead of adding one, so the article still
    counts as untouched (a later changed file may replace it in place).
    """
    now = timezone.now()
    articles = list(Article.objects.filter(issue_id=issue_id, is_published=False).only("id", "version"))
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(
        is_published=True, status=Article.Status.PUBLISHED, published_at=now, updated_at=now
    )
    revisions = list(
        ArticleRevision.objects.filter(
            article_id__in=[a.pk for a in articles], batch__startswith=IMPORT_BATCH_PREFIX
        ).only("id", "article_id", "version", "snapshot")
    )
    versions = {a.pk: a.version for a in articles}
    current = [r for r in revisions if r.version == versions[r.article_id]]
    for revision in current:
        revision.snapshot = {
            **revision.snapshot, "is_published": True, "status": Article.Status.PUBLISHED.value
        }
    ArticleRevision.objects.bulk_update(current, ["snapshot"])
    return len(articles)


def _joined(first: str, second: str) -> str:
    return f"{first}；{second}" if first else second
