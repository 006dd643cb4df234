"""The bulk write of imported articles: one transaction, a handful of queries per thousand
rows, people with their roles and titles, tags, a version bump and an ``ArticleRevision`` for
every changed article (django-import-export's ``use_bulk`` would drop all three).

New words for a published article from someone who may not publish are not written to the
row: they become a pending revision, as a correction on the desk does, and readers keep the
approved words until a chief approves them. Such an article goes up two versions when the
row also changed otherwise (the live change, then the correction on top), as on the desk.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, ArticlePerson, ArticleRevision, Tag
from articles.revisions import (
    article_snapshot,
    build_pending_revision,
    build_revision,
    close_drafts,
    open_drafts,
    text_from,
)
from articles.sheets.refs import Credit, TagRef
from people.models import Person


@dataclass(slots=True)
class ArticleChange:
    """One new or changed article from a spreadsheet, ready to be written."""

    row: int  # the library's row number
    article: Article
    is_new: bool
    expected_version: int | None
    fields: set[str]  # model attnames to write
    credits: dict[str, tuple[Credit, ...]]  # every role, as it should be after the import
    tags: tuple[TagRef, ...]
    credits_changed: bool
    tags_changed: bool
    #: new words that wait for a chief (field → value), not written to the row
    waiting_text: dict[str, Any] = field(default_factory=dict)
    #: the words readers see, put back on ``article`` before the row is written
    approved_text: dict[str, Any] = field(default_factory=dict)

    @property
    def live(self) -> bool:
        """Does the row itself change (anything but words that wait)?"""
        return self.is_new or bool(self.fields) or self.credits_changed or self.tags_changed or not self.waiting_text

    def final_version(self) -> int:
        """The article's version once written: one step for the row, one for waiting words."""
        if self.is_new:
            return 1
        return (self.expected_version or 0) + int(self.live) + int(bool(self.waiting_text))


class VersionConflict(Exception):
    """Articles were edited by someone else between reading and writing them."""

    def __init__(self, rows: dict[int, tuple[int, int]]) -> None:
        super().__init__(f"{len(rows)} articles changed meanwhile")
        self.rows = rows  # row number → (expected version, version now)


_POSITION_PARKING = 1_000_000_000  # above any real position; see _park_moved_positions


def save_imported_articles(
    *,
    changes: Sequence[ArticleChange],
    user: AbstractBaseUser | None,
    comment: str = "表格导入",
    batch: str | None = None,
    chunk_size: int = 1000,
) -> str:
    """Write new and changed articles in bulk, with people, tags and a revision for each.

    Must run inside a transaction. Raises VersionConflict (nothing written by the caller's
    transaction then) when an article was saved by someone else since it was read. Returns
    the revision batch id (to undo the whole import at once). A change's ``waiting_text`` is
    filed as a pending revision (replacing the article's open one), its row keeps the
    ``approved_text``.
    """
    batch = batch or f"sheet-{uuid.uuid4().hex[:12]}"
    now = timezone.now()
    _create_missing_people_and_tags(changes)

    updates = [c for c in changes if not c.is_new]
    conflicts: dict[int, tuple[int, int]] = {}
    for start in range(0, len(updates), chunk_size):
        chunk = updates[start : start + chunk_size]
        current = dict(
            Article.objects.select_for_update()
            .filter(pk__in=[c.article.pk for c in chunk])
            .values_list("pk", "version")
        )
        for change in chunk:
            version_now = current.get(change.article.pk)
            if version_now != change.expected_version:
                conflicts[change.row] = (change.expected_version or 0, version_now or 0)
    if conflicts:
        raise VersionConflict(conflicts)

    new_articles = [c.article for c in changes if c.is_new]
    for article in new_articles:
        article.version = 1
        article.created_at = article.updated_at = now
    Article.objects.bulk_create(new_articles, batch_size=chunk_size)

    if updates:
        _park_moved_positions(updates, chunk_size=chunk_size)
        for change in updates:
            for name, value in change.approved_text.items():
                setattr(change.article, name, value)
            change.article.version = change.final_version()
            change.article.updated_at = now
        _update_changed_columns(updates)

    _replace_credits(changes, chunk_size=chunk_size)
    _replace_tags(changes, chunk_size=chunk_size)

    revisions = []
    waiting = [c for c in updates if c.waiting_text]
    drafts = _open_drafts_of(waiting, chunk_size=chunk_size)
    for change in changes:
        credits = _credit_rows(change)
        for credit_row, credit in zip(credits, _all_credits(change), strict=True):
            credit_row.person = Person(pk=credit_row.person_id, name=credit.name)
        snapshot = article_snapshot(
            change.article, credits=credits, tag_names=[t.name for t in change.tags]
        )
        if change.live:
            revision = build_revision(
                change.article, user=user, comment=comment, batch=batch, snapshot=snapshot
            )
            revision.version = change.final_version() - int(bool(change.waiting_text))
            revisions.append(revision)
        if change.waiting_text:
            draft = drafts.get(change.article.pk)
            revisions.append(
                build_pending_revision(
                    change.article,
                    text=change.waiting_text,
                    working=text_from(draft.snapshot) if draft is not None else None,
                    user=user,
                    comment=f"{comment}（文字待主编审核）",
                    batch=batch,
                    snapshot=snapshot,
                )
            )
    ArticleRevision.objects.bulk_create(revisions, batch_size=chunk_size)
    # A newer correction replaces the open one (its words are carried over, see above).
    close_drafts(list(drafts.values()), state=ArticleRevision.Review.SUPERSEDED, user=user)
    return batch


def _open_drafts_of(changes: Sequence[ArticleChange], *, chunk_size: int) -> dict[int, ArticleRevision]:
    drafts: dict[int, ArticleRevision] = {}
    for start in range(0, len(changes), chunk_size):
        drafts.update(open_drafts(c.article.pk for c in changes[start : start + chunk_size]))
    return drafts


def _update_changed_columns(updates: Sequence[ArticleChange]) -> None:
    """One ``UPDATE … WHERE id = %s`` per article, sent with executemany and grouped by the
    columns that changed, so each row writes only its own changes.

    Django's ``bulk_update`` builds a ``CASE WHEN id = … THEN …`` per column and row: for
    10,000 rows that is most of an import's time, and it rewrites every column any row
    changed in every row.
    """
    groups: dict[tuple[str, ...], list[Article]] = {}
    for change in updates:
        columns = tuple(sorted(change.fields | {"version", "updated_at"}))
        groups.setdefault(columns, []).append(change.article)
    table = connection.ops.quote_name(Article._meta.db_table)
    pk = connection.ops.quote_name(Article._meta.pk.column)
    with connection.cursor() as cursor:
        for columns, articles in groups.items():
            fields = [Article._meta.get_field(name) for name in columns]
            assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608 (names from the model)
                [
                    [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields] + [a.pk]
                    for a in articles
                ],
            )


def _create_missing_people_and_tags(changes: Sequence[ArticleChange]) -> None:
    """People and tags the editor allowed to be created: in bulk, then ids filled in."""
    new_names = {
        credit.name
        for change in changes
        for role_credits in change.credits.values()
        for credit in role_credits
        if credit.person_id is None
    }
    new_tags = {t.name for change in changes for t in change.tags if t.tag_id is None}
    person_ids = create_people(new_names)
    tag_ids = create_tags(new_tags)
    if not person_ids and not tag_ids:
        return
    for change in changes:
        change.credits = {
            role: tuple(
                c if c.person_id is not None else Credit(c.name, c.title, person_ids[c.name])
                for c in role_credits
            )
            for role, role_credits in change.credits.items()
        }
        change.tags = tuple(
            t if t.tag_id is not None else TagRef(t.name, tag_ids[t.name]) for t in change.tags
        )


def create_people(names: Iterable[str]) -> dict[str, int]:
    """Create people by name (an existing name is reused); returns name → id."""
    names = sorted(set(names))
    if not names:
        return {}
    Person.objects.bulk_create([Person(name=n) for n in names], ignore_conflicts=True)
    ids: dict[str, int] = {}
    for start in range(0, len(names), 1000):
        ids.update(
            Person.objects.filter(name__in=names[start : start + 1000]).values_list("name", "pk")
        )
    return ids


def create_tags(names: Iterable[str]) -> dict[str, int]:
    """Create tags by name with a unique Chinese slug; returns name → id."""
    names = sorted(set(names))
    if not names:
        return {}
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    wanted = [n for n in names if n not in existing]
    slugs = {slugify(n, allow_unicode=True) or "tag" for n in wanted}
    taken = set(Tag.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    tags = []
    for name in wanted:
        base = slugify(name, allow_unicode=True) or "tag"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        tags.append(Tag(name=name, slug=slug[:80]))
    Tag.objects.bulk_create(tags)
    existing.update(Tag.objects.filter(name__in=wanted).values_list("name", "pk"))
    return existing


def _park_moved_positions(updates: Sequence[ArticleChange], *, chunk_size: int) -> None:
    """Articles swapping places in an issue would trip the unique (issue, position) check
    half-way through one UPDATE; park the moved ones on free positions first."""
    moved = [c.article for c in updates if {"position", "issue_id"} & c.fields]
    if not moved:
        return
    parked = [
        Article(pk=a.pk, position=_POSITION_PARKING + a.pk) for a in moved  # unique per article
    ]
    Article.objects.bulk_update(parked, ["position"], batch_size=chunk_size)


def _all_credits(change: ArticleChange) -> list[Credit]:
    return [c for role in _ROLE_ORDER for c in change.credits.get(role, ())]


_ROLE_ORDER = tuple(ArticlePerson.Role.values)


def _credit_rows(change: ArticleChange) -> list[ArticlePerson]:
    return [
        ArticlePerson(
            article_id=change.article.pk,
            person_id=credit.person_id,
            role=role,
            title=credit.title,
            position=position,
        )
        for role in _ROLE_ORDER
        for position, credit in enumerate(change.credits.get(role, ()))
    ]


def _replace_credits(changes: Sequence[ArticleChange], *, chunk_size: int) -> None:
    changed = [c for c in changes if c.credits_changed]
    for start in range(0, len(changed), chunk_size):
        chunk = changed[start : start + chunk_size]
        ArticlePerson.objects.filter(
            article_id__in=[c.article.pk for c in chunk if not c.is_new]
        ).delete()
        ArticlePerson.objects.bulk_create(
            [row for c in chunk for row in _credit_rows(c)], batch_size=chunk_size
        )


def _replace_tags(changes: Sequence[ArticleChange], *, chunk_size: int) -> None:
    through = Article.tags.through
    changed = [c for c in changes if c.tags_changed]
    for start in range(0, len(changed), chunk_size):
        chunk = changed[start : start + chunk_size]
        through.objects.filter(article_id__in=[c.article.pk for c in chunk if not c.is_new]).delete()
        through.objects.bulk_create(
            [through(article_id=c.article.pk, tag_id=t.tag_id) for c in chunk for t in c.tags],
            batch_size=chunk_size,
        )
