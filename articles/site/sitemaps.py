"""sitemap.xml: every public article, issue, person and tag (split into pages of 10,000)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.site.display import issue_url
from articles.site.filters import public_articles, public_issues, public_people, public_tags


class ArticleSitemap(Sitemap):
    limit = 10000
    changefreq = "monthly"

    def items(self):
        return public_articles().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class IssueSitemap(Sitemap):
    limit = 10000
    changefreq = "yearly"

    def items(self):
        return public_issues().only("pk", "issue_date", "date_precision").order_by("pk")

    def location(self, item):
        return issue_url(item)


class PersonSitemap(Sitemap):
    limit = 10000

    def items(self):
        return public_people().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    def items(self):
        return public_tags().order_by("pk")


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["articles:home", "articles:issue_archive", "articles:article_list", "people:list", "articles:photo_list", "articles:tag_list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "issues": IssueSitemap,
    "people": PersonSitemap,
    "tags": TagSitemap,
}
