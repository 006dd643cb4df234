"""What every desk service shares: the editor-facing error, baselines, and the publish rule."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, ArticlePerson, ArticleRevision, Tag
from articles.revisions import article_snapshot, build_revision, record_revision

HEADLINE_FIELDS = ("kicker", "headline", "subheadline")


class EditingError(Exception):
    """An editor's request that cannot be carried out; the message is for the editor."""


def ensure_baseline_revision(article: Article) -> None:
    """Make sure the article's current state is in the history before it is changed.

    Articles created outside the importer (or before history existed) have no revision for
    their current version; without one the first edit could never be reverted.
    """
    if not ArticleRevision.objects.filter(article_id=article.pk, version=article.version).exists():
        record_revision(article=article, user=None, comment="修改前的原状")


def bulk_snapshots(articles: list[Article]) -> dict[int, dict[str, Any]]:
    """``article_snapshot`` of many articles in a constant number of queries."""
    ids = [a.pk for a in articles]
    credits: dict[int, list[ArticlePerson]] = {}
    for c in ArticlePerson.objects.filter(article_id__in=ids).select_related("person").order_by("role", "position"):
        credits.setdefault(c.article_id, []).append(c)
    tags: dict[int, list[str]] = {}
    for article_id, name in Article.tags.through.objects.filter(article_id__in=ids).values_list(
        "article_id", "tag__name"
    ):
        tags.setdefault(article_id, []).append(name)
    return {
        a.pk: article_snapshot(a, credits=credits.get(a.pk, []), tag_names=tags.get(a.pk, [])) for a in articles
    }


def bulk_record(articles: list[Article], *, user: AbstractBaseUser | None, comment: str, batch: str) -> None:
    """One revision per article in a constant number of queries (bulk paths)."""
    snapshots = bulk_snapshots(articles)
    ArticleRevision.objects.bulk_create(
        [build_revision(a, user=user, comment=comment, batch=batch, snapshot=snapshots[a.pk]) for a in articles]
    )


def ensure_baselines(articles: list[Article]) -> None:
    """``ensure_baseline_revision`` for many articles at once."""
    have = set(
        ArticleRevision.objects.filter(article_id__in=[a.pk for a in articles]).values_list("article_id", "version")
    )
    missing = [a for a in articles if (a.pk, a.version) not in have]
    if missing:
        bulk_record(missing, user=None, comment="修改前的原状", batch="")


def bump(article: Article) -> None:
    """Count a change that touched only related rows (a photo, a credit) as a new version."""
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1, updated_at=timezone.now())
    article.version += 1


def is_public_or_withdrawn(article: Article) -> bool:
    """Readers see the article now, or saw it until a chief withdrew it (``published_at`` stays).

    Either way what happens to its text and to its being public is the chief's decision.
    """
    return (
        article.is_published
        or article.status == Article.Status.PUBLISHED
        or article.published_at is not None
    )


def require_publish_permission(articles: Iterable[Article], *, may_publish: bool, action: str) -> None:
    """Refuse ``action`` for someone without the publish permission if it touches public text.

    Restructuring moves text between articles, so it can publish a draft's words, cut a
    published article or delete one: for anything published or withdrawn, only a chief may.
    """
    if may_publish:
        return
    public = [a for a in articles if is_public_or_withdrawn(a)]
    if public:
        names = "、".join(f"#{a.pk}（{a.title or '无标题'}）" for a in public)
        raise EditingError(
            f"{action}涉及已发布或已撤回的文章 {names}，会改变读者看到的内容，只有主编可以操作。"
            "可请主编处理，或只对未发布的文章操作。"
        )


def tag_named(name: str) -> Tag:
    """The tag called ``name``, created (with a free web name) if there is none yet."""
    name = name.strip()[: Tag._meta.get_field("name").max_length]
    if not name:
        raise EditingError("标签名不能为空")
    tag = Tag.objects.filter(name=name).first()
    if tag is None:
        base = slugify(name, allow_unicode=True) or "tag"
        slug, n = base, 1
        while Tag.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        tag = Tag.objects.create(name=name, slug=slug)
    return tag
