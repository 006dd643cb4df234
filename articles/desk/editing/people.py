"""The people desk: merging two records of one person and linking a person's mentions."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.desk.editing.common import EditingError, ensure_baseline_revision
from articles.models import Article, ArticlePerson, ArticleRevision, Photo
from articles.revisions import build_revision
from people.models import Person, PersonAlias


@dataclass(frozen=True)
class MergeResult:
    articles: int
    batch: str


@transaction.atomic
def merge_people(*, keep: Person, other: Person, user: AbstractBaseUser | None) -> MergeResult:
    """Move every link of ``other`` to ``keep``; ``other``'s name becomes an alias of ``keep``.

    Each article whose people change gets a revision (one batch), so the merge shows in its
    history and a revert of that article restores the credit under the surviving name.
    """
    if keep.pk == other.pk:
        raise EditingError("请选择两个不同的人物")
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    other = Person.objects.select_for_update().get(pk=other.pk)
    article_ids = sorted(set(ArticlePerson.objects.filter(person=other).values_list("article_id", flat=True)))
    articles = list(Article.objects.select_for_update().filter(pk__in=article_ids))
    for article in articles:
        ensure_baseline_revision(article)
    for credit in ArticlePerson.objects.filter(person=other):
        if ArticlePerson.objects.filter(article_id=credit.article_id, person=keep, role=credit.role).exists():
            credit.delete()  # already credited under the surviving name
        else:
            credit.person = keep
            credit.save(update_fields=["person"])
    for photo in Photo.objects.filter(photographers=other):
        photo.photographers.remove(other)
        photo.photographers.add(keep)
    PersonAlias.objects.filter(person=other).update(person=keep)
    old_name = other.name
    note = other.note
    other.delete()
    PersonAlias.objects.filter(name=old_name).delete()
    PersonAlias.objects.create(person=keep, name=old_name)
    if note and note not in keep.note:
        keep.note = f"{keep.note}\n{note}".strip()
        keep.save(update_fields=["note", "updated_at"])
    batch = f"pm-{uuid.uuid4().hex[:12]}"
    for article in articles:
        article.version += 1
    if articles:
        Article.objects.bulk_update(articles, ["version"])
        comment = f"合并人物：{old_name} → {keep.name}"
        ArticleRevision.objects.bulk_create(
            [build_revision(a, user=user, comment=comment, batch=batch) for a in articles]
        )
    return MergeResult(articles=len(articles), batch=batch)


def person_spellings(person: Person) -> list[str]:
    return [person.name, *person.aliases.values_list("name", flat=True)]


def unlinked_mentions(*, person: Person, limit: int = 500) -> list[Article]:
    """Articles whose text names the person (or an alias) without crediting them."""
    spellings = [s for s in person_spellings(person) if s]
    query = Q()
    for spelling in spellings:
        query |= Q(body__contains=spelling)
    return list(
        Article.objects.filter(query)
        .exclude(credits__person=person)
        .select_related("issue")
        .order_by("-date", "pk")[:limit]
    )


@transaction.atomic
def link_mentions(
    *, person: Person, article_ids: Iterable[int], user: AbstractBaseUser | None, title: str = ""
) -> int:
    """Credit ``person`` as mentioned in the chosen articles; returns how many were linked."""
    spellings = person_spellings(person)
    articles = [
        a for a in Article.objects.select_for_update().filter(pk__in=list(article_ids))
        if any(s in a.body for s in spellings)
    ]
    linked = []
    for article in articles:
        if ArticlePerson.objects.filter(article=article, person=person, role=ArticlePerson.Role.MENTIONED).exists():
            continue
        ensure_baseline_revision(article)
        top = article.credits.aggregate(m=Max("position"))["m"] or 0
        ArticlePerson.objects.create(
            article=article, person=person, role=ArticlePerson.Role.MENTIONED, title=title, position=top + 1
        )
        article.version += 1
        linked.append(article)
    if linked:
        Article.objects.bulk_update(linked, ["version"])
        batch = f"lm-{uuid.uuid4().hex[:12]}"
        ArticleRevision.objects.bulk_create(
            [build_revision(a, user=user, comment=f"关联人物：{person.name}", batch=batch) for a in linked]
        )
    return len(linked)


# --------------------------------------------------------------------------- context for choosing

_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")


@dataclass(frozen=True)
class NameInContext:
    article: Article
    sentence: SafeString  # escaped, the name marked


def sentences_naming(*, person: Person, limit: int = 4) -> list[NameInContext]:
    """A few sentences that name ``person`` (articles crediting them first), to tell which of
    two spellings is right before merging. Three queries whatever the archive's size."""
    credited = list(
        ArticlePerson.objects.filter(person=person).order_by("-article__date").values_list("article_id", flat=True)[:limit]
    )
    naming = list(
        Article.objects.filter(body__contains=person.name).exclude(pk__in=credited)
        .order_by("-date").values_list("pk", flat=True)[: max(0, limit - len(credited))]
    )
    articles = Article.objects.filter(pk__in=[*credited, *naming]).only("id", "headline", "kicker", "subheadline", "body", "date")
    found = []
    for article in sorted(articles, key=lambda a: (a.pk not in credited, -(a.date.toordinal() if a.date else 0))):
        sentence = next((m.group(0) for m in _SENTENCE.finditer(article.body) if person.name in m.group(0)), "")
        if not sentence:
            found.append(NameInContext(article, mark_safe("<span class=\"help\">（正文中没有这个写法，只在署名或人物关联里）</span>")))
            continue
        marked = escape(sentence[:200]).replace(escape(person.name), f"<mark>{escape(person.name)}</mark>")
        found.append(NameInContext(article, mark_safe(marked)))  # noqa: S308 - escaped above
    return found


# --------------------------------------------------------------------------- re-linking after a rename


def person_named(name: str) -> Person | None:
    """The person this name (or an alias) belongs to, if any."""
    name = name.strip()
    return Person.objects.filter(Q(name=name) | Q(aliases__name=name)).distinct().first() if name else None


def articles_crediting(*, person: Person, article_ids: Iterable[int]) -> list[Article]:
    return list(
        Article.objects.filter(pk__in=list(article_ids), credits__person=person).distinct().order_by("pk")
    )


@transaction.atomic
def relink_person(
    *, old: Person, new_name: str, article_ids: Iterable[int], user: AbstractBaseUser | None
) -> int:
    """In the chosen articles, credit ``new_name`` (created if new) where ``old`` was credited.

    For after a find & replace that corrected a name in the text: the people linked to those
    articles follow the text. Returns how many articles changed; each gets a revision.
    """
    new_name = new_name.strip()
    if not new_name or new_name == old.name:
        raise EditingError("请给出新的人名")
    new, _ = Person.objects.get_or_create(name=new_name[:50])
    crediting = ArticlePerson.objects.filter(article_id__in=list(article_ids), person=old).values("article_id")
    articles = list(Article.objects.select_for_update().filter(pk__in=crediting).order_by("pk"))
    for article in articles:
        ensure_baseline_revision(article)
        for credit in ArticlePerson.objects.filter(article=article, person=old):
            if ArticlePerson.objects.filter(article=article, person=new, role=credit.role).exists():
                credit.delete()
            else:
                credit.person = new
                credit.save(update_fields=["person"])
        article.version += 1
    if articles:
        Article.objects.bulk_update(articles, ["version"])
        batch = f"rl-{uuid.uuid4().hex[:12]}"
        ArticleRevision.objects.bulk_create(
            [build_revision(a, user=user, comment=f"人物改为：{old.name} → {new.name}", batch=batch) for a in articles]
        )
    return len(articles)
