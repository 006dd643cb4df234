"""Atom feeds: the latest published articles, per tag and per person.

Everything in a feed is plain text: titles and summaries come from OCR files and editors, and a
feed reader renders an ``html`` summary as markup. Characters XML 1.0 cannot carry (control
characters an OCR file may hold) are dropped instead of failing the whole feed.
"""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from articles.models import ArticlePerson
from articles.site.display import article_date, article_title
from articles.site.filters import clean_text, public_articles, public_people, public_tags

FEED_SIZE = 30

# Not a Char in XML 1.0: C0 controls except tab/LF/CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    return _NOT_XML.sub("", value)


class _XmlSafeGenerator(SimplerXMLGenerator):
    """Writes every text and attribute value without the characters XML cannot carry."""

    def characters(self, content):
        super().characters(xml_safe(content) if content else content)

    def startElement(self, name, attrs):
        super().startElement(name, {key: xml_safe(str(value)) for key, value in (attrs or {}).items()})


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose summaries are text constructs (Django's default, ``type="html"``, is markup)."""

    def write(self, outfile, encoding):
        handler = _XmlSafeGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestArticlesFeed(Feed):
    feed_type = PlainTextAtom1Feed
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
        # Named as the site names it: an untitled article by its opening words.
        return article_title(item)

    def item_description(self, item):
        return item.body[:300]

    def item_pubdate(self, item):
        # The paper's date (the dateline's day, else the issue's), not when it was imported or
        # published online: an archive's entry is as old as the article. Atom needs an instant,
        # so an issue known only to the month is dated at the month's start.
        return article_date(item).start() or item.created_at

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
