"""The page models and the test helper that stores a page without OCR."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from articles.models import ArticleRegion, Page, PageLine
from tests.factories import ArticleFactory, IssueFactory
from tests.scans.pagedata import LineData, make_page

pytestmark = pytest.mark.django_db


def test_make_page_stores_image_lines_and_regions():
    issue = IssueFactory()
    article = ArticleFactory(issue=issue)
    page = make_page(
        issue,
        lines=[
            LineData("标题", (100, 100, 400, 50), article=article, role=PageLine.LineRole.HEADLINE),
            LineData("正文一", (100, 200, 300, 30), article=article, paragraph=0),
            LineData("正文二", (100, 240, 320, 30), article=article, paragraph=1),
        ],
    )
    assert page.image.width == 1200 and page.image.height == 1700
    assert [line.text for line in page.lines.all()] == ["标题", "正文一", "正文二"]
    whole = ArticleRegion.objects.get(article=article, kind=ArticleRegion.Kind.ARTICLE)
    assert (whole.x, whole.y, whole.w, whole.h) == (100, 100, 400, 170)
    assert article.page_lines.filter(paragraph=1).get().text == "正文二"
    assert page.dzi_url == ""
    assert list(issue.pages.all()) == [page]


def test_page_numbers_are_unique_within_an_issue():
    issue = IssueFactory()
    make_page(issue, number=1)
    with pytest.raises(IntegrityError):
        Page.objects.create(issue=issue, number=1, width=1, height=1, engine="rapidocr", image="x.png")
