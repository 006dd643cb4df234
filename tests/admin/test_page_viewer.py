"""The correction screen with a scanned page: the page beside the text, its lines and regions for
the script, a crop for each hint; text-only articles keep the screen as it was."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.models import PageLine
from tests.admin.conftest import change_url
from tests.factories import ArticleFactory, IssueFactory
from tests.scans.pagedata import LineData, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    """Page images in a folder of this test's own (other test runs clean the shared one)."""
    settings.MEDIA_ROOT = tmp_path / "media"

HEAD = PageLine.LineRole.HEADLINE
BODY_TEXT = "本报讯（通讯吴申畅）近日，全区\n苎麻种植面积扩大。"


def _panel(response) -> dict:
    match = re.search(r'<script id="page-panel-data" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "no page panel"
    return json.loads(match.group(1))


def _scanned_article(extra_lines: int = 0):
    issue = IssueFactory()
    article = ArticleFactory(issue=issue, headline="苎麻产业助农增收", body=BODY_TEXT, ocr_text=BODY_TEXT, is_published=False, status="imported")
    lines = [
        LineData("苎麻产业助农增收", (100, 100, 800, 80), article=article, role=HEAD),
        # 12 characters over 600 px: 通讯 are the 5th and 6th.
        LineData("本报讯（通讯吴申畅）近日", (100, 220, 600, 50), article=article, paragraph=0),
        LineData("，全区", (100, 280, 150, 50), article=article, paragraph=0),
        LineData("苎麻种植面积扩大。", (100, 340, 450, 50), article=article, paragraph=1),
    ]
    lines += [LineData(f"其他文字第{n}行", (700, 400 + 60 * n, 300, 50)) for n in range(extra_lines)]
    page = make_page(issue, lines=lines)
    return article, page


def test_screen_shows_the_page_beside_the_text(chief_client):
    article, page = _scanned_article()
    response = chief_client.get(change_url(article))
    html = response.content.decode()
    assert 'id="page-panel-viewer"' in html and "openseadragon.min.js" in html and "desk-page-panel.js" in html
    assert 'class="text-pair with-page"' in html
    data = _panel(response)
    [shown] = data["pages"]
    assert shown["number"] == 1 and shown["image"] == f"/pages/{page.pk}/image/"
    assert [line["text"] for line in shown["lines"]] == ["苎麻产业助农增收", "本报讯（通讯吴申畅）近日", "，全区", "苎麻种植面积扩大。"]
    assert shown["lines"][0]["fields"][0] == "headline" and shown["lines"][1]["fields"] == ["body"]
    regions = {(r["kind"], r["paragraph"]): r["box"] for r in shown["regions"]}
    assert regions[("article", None)] == [100, 100, 800, 290]
    assert regions[("paragraph", 1)] == [100, 340, 450, 50]
    # The staff may open the page image of this unpublished issue.
    assert chief_client.get(shown["image"]).status_code == 200


def test_each_hint_gets_the_crop_of_its_printed_line(chief_client):
    article, page = _scanned_article()
    data = _panel(chief_client.get(change_url(article)))
    crops = [crop for crop in data["hints"] if crop and crop["text"] == "通讯"]
    assert crops, data["hints"]
    crop = crops[0]
    # The line (100, 220, 600, 50) with a margin of 18 px; 50 px a character, 通 from x = 300.
    assert crop["url"] == f"/pages/{page.pk}/crop/82,202,636,86.jpg"
    assert crop["mark"] == [218, 18, 100, 50]
    response = chief_client.get(crop["url"])
    assert response.status_code == 200
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (636, 86)


def test_text_only_article_screen_is_unchanged(chief_client):
    article = ArticleFactory(body=BODY_TEXT)
    html = chief_client.get(change_url(article)).content.decode()
    assert "page-panel" not in html and "pages.css" not in html and "with-page" not in html
    assert 'id="ocr-diff"' in html


def test_page_data_is_escaped(chief_client):
    issue = IssueFactory()
    article = ArticleFactory(issue=issue, body="正文</script><script>alert(1)</script>")
    make_page(issue, lines=[LineData("</script><script>alert(1)</script>", (10, 10, 500, 40), article=article, paragraph=0)])
    html = chief_client.get(change_url(article)).content.decode()
    panel = html[html.index('id="page-panel-data"'):]
    assert "<script>alert(1)" not in panel[: panel.index("</script>")]
    assert _panel(chief_client.get(change_url(article)))["pages"][0]["lines"][0]["text"] == "</script><script>alert(1)</script>"


def test_query_count_does_not_grow_with_lines(chief_client):
    small, _ = _scanned_article()
    chief_client.get(change_url(small))  # warm the hint context
    with CaptureQueriesContext(connection) as few:
        chief_client.get(change_url(small))
    big, _ = _scanned_article(extra_lines=20)
    PageLine.objects.filter(article__isnull=True, page__issue=big.issue).update(article=big, paragraph=1)
    with CaptureQueriesContext(connection) as many:
        response = chief_client.get(change_url(big))
    assert len(_panel(response)["pages"][0]["lines"]) == 24
    assert len(many) == len(few), [q["sql"][:80] for q in many.captured_queries]


def test_bench_admin_times_the_screen_with_a_page(capsys, settings):
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["localhost"]
    article, _ = _scanned_article()
    call_command("bench_admin", "--repeat", "1", "--open", "1", "--json")
    pages = {p["name"]: p for p in json.loads(capsys.readouterr().out)["pages"]}
    assert pages[f"校对页（带版面）#{article.pk}"]["status"] == 200
    assert pages["文章剪报"]["status"] == 200


def test_an_article_continued_overleaf_shows_both_pages(chief_client):
    article, _ = _scanned_article()
    make_page(article.issue, number=2, lines=[LineData("农户增收明显。", (80, 60, 350, 50), article=article, paragraph=1)])
    response = chief_client.get(change_url(article))
    assert [p["number"] for p in _panel(response)["pages"]] == [1, 2]
    html = response.content.decode()
    assert '<select id="page-panel-page">' in html and "第 2 版</option>" in html
