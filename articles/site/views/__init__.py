"""The readers' site, one module per group of pages (people pages: ``articles.site.people_views``).

Everything public starts from ``Article.objects.published()`` (through ``articles.site.filters``);
staff may preview an unpublished article or issue by its URL.
"""

from articles.site.views.articles import ArticleDetailView, ArticleListView
from articles.site.views.base import PublicPageMixin
from articles.site.views.home import HomeView
from articles.site.views.issues import IssueArchiveView, IssueByDateView, IssueDetailView
from articles.site.views.photos import PhotoListView, TagDetailView, TagListView
from articles.site.views.robots import robots_txt

__all__ = [
    "ArticleDetailView",
    "ArticleListView",
    "HomeView",
    "IssueArchiveView",
    "IssueByDateView",
    "IssueDetailView",
    "PhotoListView",
    "PublicPageMixin",
    "TagDetailView",
    "TagListView",
    "robots_txt",
]
