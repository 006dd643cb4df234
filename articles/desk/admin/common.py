"""What the desk's ModelAdmins share: the publish check, the ids-first paginator, counts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.desk.editing.review import PUBLISH_PERMISSION
from articles.models import Article


def can_publish(request: HttpRequest) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


class IdsFirstPaginator(Paginator):
    """Picks the page's primary keys first, then reads only those rows.

    ``OFFSET 49900`` over whole rows visits every skipped row; over ids alone the database
    walks an index (see migration 0004), so page 500 costs about what page 1 does.
    """

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


def count_of(queryset: QuerySet, link: str, counted: str = "pk", *, distinct: bool = False) -> Any:
    """A correlated COUNT for each row of a changelist page.

    Unlike ``annotate(Count(...))``, which groups the whole joined table before LIMIT, the
    database evaluates this only for the 100 rows it returns.
    """
    counts = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count(counted, distinct=distinct))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class DeskPages:
    """Helpers for the article admin's own pages (history, tools); mixed into ArticleAdmin."""

    def _article_for_change(self, request: HttpRequest, object_id: int) -> Article:
        article = get_object_or_404(Article.objects.select_related("issue"), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request: HttpRequest, title: str, article: Article | None = None, **kwargs: Any) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title,
                "original": article, "article": article, **kwargs}
