"""Atom feeds: the latest published articles, per tag and per person."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from articles.models import ArticlePerson
from articles.site.filters import clean_text, public_articles, public_people, public_tags

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = "荆州区新闻档案 · 最新文章"
    subtitle = "《荆州区新闻》数字档案最新公开的文章"
    language = "zh-hans"

    def link(self):
        return reverse("articles:article_list")

    def articles(self, obj):
        return public_articles()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .select_related("issue")
            .defer("ocr_text", "issue__ocr_text", "issue__unplaced", "issue__import_errors")
            .order_by("-date", "issue_id", "position")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title or "（无标题）"

    def item_description(self, item):
        return item.body[:300]

    def item_pubdate(self, item):
        if item.published_at:
            return item.published_at
        if item.date:
            return timezone.make_aware(dt.datetime.combine(item.date, dt.time()))
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.section] if item.section else []


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=clean_text(slug, 80))

    def title(self, obj):
        return f"荆州区新闻档案 · 标签：{obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return public_articles().filter(tags=obj)


class PersonFeed(LatestArticlesFeed):
    def get_object(self, request, pk):
        return get_object_or_404(public_people(), pk=pk)

    def title(self, obj):
        return f"荆州区新闻档案 · 人物：{obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return public_articles().filter(
            pk__in=ArticlePerson.objects.filter(person=obj).values("article_id")
        )
