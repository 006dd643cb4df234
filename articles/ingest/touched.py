"""Has anyone changed an issue since the importer wrote it?

A changed file may replace an issue only while nothing in it differs from what the importer
wrote: the issue's own fields (报头, 日期, 期号, 版次 …), its articles (any revision not written
by the importer — text, headlines, people, tags, publishing or withdrawing — and any split,
merge or deletion) and its photos (title, caption, the article they belong to,
photographers, an uploaded image). The issue's verbatim OCR text is kept, so "what the
importer wrote" is its parse again: no stored fingerprint is needed, and an issue imported
by an older version of the parser simply counts as changed (it is kept, never overwritten).
"""

from __future__ import annotations

from collections.abc import Iterable

from articles.ingest.people import PersonResolver
from articles.ingest.rows import issue_fields, photo_fields
from articles.models import Article, ArticleRevision, Issue, Photo
from articles.ocr.types import ParsedIssue

#: Every revision the importer writes has a batch starting with this.
IMPORT_BATCH_PREFIX = "import-"


def touched_articles(versions: dict[int, int]) -> list[int]:
    """Of these articles (id → current version), those someone other than the importer changed.

    Every change to an article goes through a service that bumps its version and records a
    revision; the importer's own revisions carry its batch prefix. An article is untouched
    when all its revisions are the importer's and its version is the latest of them.
    """
    latest: dict[int, int] = {}
    touched: set[int] = set()
    rows = ArticleRevision.objects.filter(article_id__in=list(versions)).values_list(
        "article_id", "version", "batch"
    )
    for article_id, version, batch in rows:
        if not batch.startswith(IMPORT_BATCH_PREFIX):
            touched.add(article_id)
        latest[article_id] = max(latest.get(article_id, 0), version)
    touched.update(pk for pk, version in versions.items() if version != latest.get(pk, 1))
    return sorted(touched)


def editor_changes(
    *, issue: Issue, parsed: ParsedIssue, people: PersonResolver, lock: bool = False
) -> list[str]:
    """What differs in ``issue`` from what the importer writes for ``parsed`` (the parse of
    the issue's own OCR text), in words for the import report; empty when nothing does.

    ``lock`` (inside the import's transaction) locks the articles, so an editor's save that
    comes in meanwhile waits for the import instead of being overwritten by it.
    """
    changes = [
        str(Issue._meta.get_field(name).verbose_name)
        for name, value in issue_fields(parsed).items()
        if getattr(issue, name) != value
    ]
    articles = Article.objects.filter(issue_id=issue.pk).order_by("position")
    if lock:
        articles = articles.select_for_update()
    rows = list(articles.values_list("pk", "position", "ocr_text", "version"))
    expected = [(index, pa.ocr_text) for index, pa in enumerate(parsed.articles, start=1)]
    if [(position, ocr_text) for _, position, ocr_text, _ in rows] != expected:
        changes.append("文章的拆分、合并或增删")
    edited = touched_articles({pk: version for pk, _, _, version in rows})
    if edited:
        shown = "、".join(f"#{pk}" for pk in edited[:5]) + (" 等" if len(edited) > 5 else "")
        changes.append(f"{len(edited)} 篇文章（{shown}）")
    if _photos_changed(issue, parsed, people):
        changes.append("图片")
    return changes


def _photos_changed(issue: Issue, parsed: ParsedIssue, people: PersonResolver) -> bool:
    stored = list(
        Photo.objects.filter(issue_id=issue.pk)
        .order_by("position", "pk")
        .values_list("pk", "position", "title", "caption", "article__position", "image")
    )
    wanted = [
        (
            index,
            fields["title"],
            fields["caption"],
            pp.article_index + 1 if pp.article_index is not None else None,
            "",
        )
        for index, pp in enumerate(parsed.photos, start=1)
        for fields in (photo_fields(pp),)
    ]
    if [row[1:] for row in stored] != wanted:
        return True
    credited: dict[int, set[int]] = {pk: set() for pk, *_ in stored}
    through = Photo.photographers.through.objects.filter(photo__issue_id=issue.pk)
    for photo_id, person_id in through.values_list("photo_id", "person_id"):
        credited[photo_id].add(person_id)
    for (pk, *_), pp in zip(stored, parsed.photos, strict=True):
        if credited[pk] != _ids(people, pp.photographers):
            return True
    return False


def _ids(people: PersonResolver, names: Iterable[str]) -> set[int | None]:
    return {people.lookup(name) for name in names if name}
