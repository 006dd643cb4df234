"""Writing a parsed issue: a new issue, or an untouched one replaced in place (ids kept).

All writes are bulk (a handful of queries per file) and happen inside the caller's
transaction, hint counts included, so a file is either wholly in the archive — counted —
or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.utils import timezone

from articles.hints.detectors import recount_rejected
from articles.ingest.bulk import RowInserter
from articles.ingest.files import PreparedFile
from articles.ingest.people import Credit, PersonResolver, credits_for
from articles.ingest.rejections import carry_rejections, rejections_of
from articles.ingest.rows import article_fields, issue_fields, people_named, photo_fields
from articles.ingest.touched import IMPORT_BATCH_PREFIX
from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Photo
from articles.ocr.types import ParsedIssue
from articles.revisions import article_snapshot, build_revision

# Positions are unique per issue: kept articles park here while they are renumbered.
_PARKED = 1_000_000
# Below this share of shared character bigrams an old and a new article are not the same one.
_SAME_ARTICLE = 0.3

# The rows of a file, without the ORM's per-value work (see RowInserter).
_ISSUES = RowInserter.for_objects(Issue)
_ARTICLES = RowInserter.for_objects(Article)
_PHOTOS = RowInserter.for_objects(Photo)
_REVISIONS = RowInserter.for_objects(ArticleRevision)
_CREDITS = RowInserter(ArticlePerson, ["article_id", "person_id", "role", "title", "position"])
_PHOTOGRAPHERS = RowInserter(Photo.photographers.through, ["photo_id", "person_id"])


@dataclass(slots=True)
class Written:
    issue: Issue
    published: int
    kept: int = 0  # articles replaced in place (same id)


class IssueWriter:
    def __init__(self, *, people: PersonResolver) -> None:
        self.people = people

    def create(
        self, prepared: PreparedFile, *, source_name: str, version: int, publish: bool,
        rejections: Sequence[dict[str, Any]] = (),
    ) -> Written:
        """A new issue with its articles, people, photos and first revisions.

        ``rejections``: what editors marked "不是错误" in the version before (see
        ``articles.ingest.rejections``), kept wherever the new text shows the same place."""
        parsed = prepared.parsed
        assert parsed is not None
        now = timezone.now()
        issue = Issue(
            **issue_fields(parsed),
            **self._source(prepared),
            source_name=source_name,
            source_version=version,
            imported_at=now,
        )
        _ISSUES.insert_objects([issue])
        articles = [
            self._article(issue, index, prepared, publish=publish, now=now)
            for index in range(len(parsed.articles))
        ]
        _ARTICLES.insert_objects(articles)
        carry_rejections(rejections=rejections, articles=articles)
        self._children(issue, parsed, articles, revised=set())
        return Written(issue=issue, published=len(articles) if publish else 0)

    def replace(self, issue: Issue, prepared: PreparedFile, *, publish: bool) -> Written:
        """Re-import a changed file over an issue nobody has touched, keeping ids.

        Each new article takes the id of the old one it is most like (so its address
        stays the same), keeps being public if it was, and gets a revision "OCR 重新导入" on
        top of its history; old articles no longer in the file are deleted, new ones added.
        """
        parsed = prepared.parsed
        assert parsed is not None
        now = timezone.now()
        old = list(
            Article.objects.filter(issue_id=issue.pk).values_list(
                "pk", "ocr_text", "is_published", "published_at", "version"
            )
        )
        matches = match_articles([row[1] for row in old], [pa.ocr_text for pa in parsed.articles])
        kept_rows = {new: old[index] for new, index in matches.items()}
        gone = [row[0] for index, row in enumerate(old) if index not in matches.values()]
        # What editors rejected in an article that is going stays with the text, not the id.
        orphaned = rejections_of(article_ids=gone)
        if gone:
            Article.objects.filter(pk__in=gone).delete()
        Photo.objects.filter(issue_id=issue.pk).delete()
        kept_ids = [row[0] for row in kept_rows.values()]
        ArticlePerson.objects.filter(article_id__in=kept_ids).delete()
        Article.objects.filter(pk__in=kept_ids).update(position=F("position") + _PARKED)

        fields = {**issue_fields(parsed), **self._source(prepared), "imported_at": now}
        for name, value in fields.items():
            setattr(issue, name, value)
        Issue.objects.filter(pk=issue.pk).update(**fields)

        articles, updated, published = [], [], 0
        for index in range(len(parsed.articles)):
            row = kept_rows.get(index)
            was_public = bool(row and row[2])
            article = self._article(issue, index, prepared, publish=publish or was_public, now=now)
            if row is not None:
                article.pk = row[0]
                article.version = row[4] + 1
                article.updated_at = now
                if was_public:
                    article.published_at = row[3]
                updated.append(article)
            published += article.is_published and not was_public
            articles.append(article)
        if updated:
            Article.objects.bulk_update(updated, [*_REPLACED_FIELDS, "updated_at"])
            # A kept article keeps what editors marked "不是错误": its count leaves them out.
            recount_rejected(article_ids=[a.pk for a in updated])
        added = [a for a in articles if a.pk is None]
        _ARTICLES.insert_objects(added)
        carry_rejections(rejections=orphaned, articles=added)
        self._children(issue, parsed, articles, revised={a.pk for a in updated})
        return Written(issue=issue, published=published, kept=len(updated))

    # ------------------------------------------------------------------ shared steps

    @staticmethod
    def _source(prepared: PreparedFile) -> dict[str, Any]:
        parsed = prepared.parsed
        assert parsed is not None
        return {
            "content_hash": prepared.digest,
            "source_encoding": prepared.encoding,
            "ocr_text": prepared.text,
            "unplaced": parsed.unplaced,
            "import_errors": parsed.errors,
        }

    @staticmethod
    def _article(
        issue: Issue, index: int, prepared: PreparedFile, *, publish: bool, now: Any
    ) -> Article:
        parsed = prepared.parsed
        assert parsed is not None
        counts = prepared.hint_counts
        return Article(
            issue=issue,
            position=index + 1,
            **article_fields(parsed.articles[index], parsed),
            status=Article.Status.PUBLISHED if publish else Article.Status.IMPORTED,
            is_published=publish,
            published_at=now if publish else None,
            ocr_hint_count=counts[index] if index < len(counts) else 0,
        )

    def _children(
        self, issue: Issue, parsed: ParsedIssue, articles: list[Article], *, revised: set[int]
    ) -> None:
        """People, photos and the importer's revision of each article."""
        photo_credits: dict[int, list[str]] = {}
        for pp in parsed.photos:
            if pp.article_index is not None:
                photo_credits.setdefault(pp.article_index, []).extend(pp.photographers)
        person_ids = self.people.resolve(people_named(parsed))

        credits: list[list[Credit]] = [
            credits_for(
                pa.correspondents, pa.people, photo_credits.get(index, []), person_ids,
                self.people.person,
            )
            for index, pa in enumerate(parsed.articles)
        ]
        _CREDITS.insert([
            (article.pk, credit.person_id, credit.role, credit.title, credit.position)
            for article, article_credits in zip(articles, credits, strict=True)
            for credit in article_credits
        ])

        photos = [
            Photo(
                issue=issue,
                article=articles[pp.article_index] if pp.article_index is not None else None,
                position=index,
                **photo_fields(pp),
            )
            for index, pp in enumerate(parsed.photos, start=1)
        ]
        _PHOTOS.insert_objects(photos)
        _PHOTOGRAPHERS.insert([
            (photo.pk, person_ids[name])
            for photo, pp in zip(photos, parsed.photos, strict=True)
            for name in dict.fromkeys(pp.photographers)
        ])

        # The importer's revision is the article as the OCR gave it, so editors can always
        # diff and revert to it (on a re-import, on top of the earlier import's).
        batch = f"{IMPORT_BATCH_PREFIX}{uuid.uuid4().hex[:12]}"
        revisions = [
            build_revision(
                article,
                user=None,
                comment="OCR 重新导入（文件已改变）" if article.pk in revised else "OCR 导入",
                batch=batch,
                # Credit carries what a snapshot reads of an ArticlePerson.
                snapshot=article_snapshot(article, credits=article_credits, tag_names=()),  # type: ignore[arg-type]
            )
            for article, article_credits in zip(articles, credits, strict=True)
        ]
        _REVISIONS.insert_objects(revisions)


_REPLACED_FIELDS = (
    "position", "kicker", "headline", "subheadline", "section", "byline", "dateline",
    "dateline_date", "date", "ocr_text", "body", "status", "is_published", "published_at",
    "version", "ocr_hint_count",
)


def _bigram_set(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def match_articles(old: list[str], new: list[str]) -> dict[int, int]:
    """Pair new articles with old ones (new index → old index) by their OCR text.

    Identical text pairs first; then, most similar first, pairs sharing at least
    ``_SAME_ARTICLE`` of their character bigrams (an article whose OCR was corrected, or
    that grew or lost a paragraph); nearer positions break ties. The rest stay unpaired.
    """
    pairs: dict[int, int] = {}
    by_text: dict[str, list[int]] = {}
    for index, text in enumerate(old):
        by_text.setdefault(text, []).append(index)
    for index, text in enumerate(new):
        if by_text.get(text):
            pairs[index] = by_text[text].pop(0)
    free_old = [i for i in range(len(old)) if i not in pairs.values()]
    free_new = [i for i in range(len(new)) if i not in pairs]
    if not free_old or not free_new:
        return pairs
    old_grams = {i: _bigram_set(old[i]) for i in free_old}
    scored = []
    for n in free_new:
        grams = _bigram_set(new[n])
        for o in free_old:
            shared = len(grams & old_grams[o]) / len(grams | old_grams[o])
            if shared >= _SAME_ARTICLE:
                scored.append((-shared, abs(n - o), n, o))
    taken_old: set[int] = set()
    for _, _, n, o in sorted(scored):
        if n not in pairs and o not in taken_old:
            pairs[n] = o
            taken_old.add(o)
    return pairs
