"""Readers and scanned pages: the issue's pages and viewer, an article's clipping, search hits
on the page, and what a reader may never see (pages of unpublished issues, drafts' boxes)."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.models import PageLine
from tests.factories import ArticleFactory, IssueFactory, UserFactory
from tests.scans.pagedata import LineData, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    """Page images in a folder of this test's own (other test runs clean the shared one)."""
    settings.MEDIA_ROOT = tmp_path / "media"

HEAD = PageLine.LineRole.HEADLINE


def _scanned_issue(pages: int = 1):
    """An issue of ``pages`` pages: a published article and a draft on page 1."""
    issue = IssueFactory()
    story = ArticleFactory(issue=issue, position=1, headline="苎麻产业助农增收", body="全区苎麻种植面积扩大。\n\n农户增收明显。")
    draft = ArticleFactory(issue=issue, position=2, headline="未公开的稿件标题", body="草稿正文保密内容。", is_published=False, status="imported")
    first = make_page(
        issue,
        number=1,
        lines=[
            LineData("苎麻产业助农增收", (100, 100, 800, 80), article=story, role=HEAD),
            LineData("全区苎麻种植面积扩大。", (100, 220, 550, 50), article=story, paragraph=0),
            LineData("农户增收明显。", (100, 280, 350, 50), article=story, paragraph=1),
            LineData("未公开的稿件标题", (100, 900, 800, 80), article=draft, role=HEAD),
            LineData("草稿正文保密内容。", (100, 1000, 450, 50), article=draft, paragraph=0),
        ],
    )
    others = [make_page(issue, number=n, lines=[LineData("第二版报头", (100, 100, 500, 60))]) for n in range(2, pages + 1)]
    return issue, story, draft, [first, *others]


def _viewer_data(response) -> dict:
    match = re.search(r'<script id="page-viewer-data" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "no viewer data on the page"
    return json.loads(match.group(1))


def test_issue_page_shows_thumbnails_and_viewer_with_published_articles_only(client):
    issue, story, draft, pages = _scanned_issue(pages=2)
    response = client.get(issue.get_absolute_url())
    html = response.content.decode()
    assert 'id="page-viewer"' in html and "openseadragon.min.js" in html
    assert html.count("data-page-thumb=") == 2
    assert f'/pages/{pages[1].pk}/thumbnail/' in html
    data = _viewer_data(response)
    assert [p["number"] for p in data["pages"]] == [1, 2]
    boxes = data["pages"][0]["boxes"]
    # The published article's clipping, linking to it; nothing of the draft.
    assert [b["href"] for b in boxes] == [story.get_absolute_url()]
    assert boxes[0]["box"] == [100, 100, 800, 230]
    assert "未公开" not in html and draft.get_absolute_url() not in html


def test_text_only_issue_has_no_viewer(client):
    article = ArticleFactory()
    html = client.get(article.issue.get_absolute_url()).content.decode()
    assert "page-viewer" not in html and "pages.css" not in html
    html = client.get(article.get_absolute_url()).content.decode()
    assert "clipping" not in html


def test_article_page_shows_its_clipping_cropped_to_its_region(client):
    _, story, _, pages = _scanned_issue()
    html = client.get(story.get_absolute_url()).content.decode()
    crop = f"/pages/{pages[0].pk}/crop/100,100,800,230.jpg"
    assert f'src="{crop}"' in html
    # The link opens the issue's zoomable page at the clipping.
    assert "#page=1&amp;box=100,100,800,230" in html
    response = client.get(crop)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (800, 230)
    # The crop is of the page: the headline's grey bar fills its top rows, the margin is white.
    gray = image.convert("L")
    assert gray.getpixel((400, 40)) < 200 and gray.getpixel((790, 225)) > 240


def test_search_hit_is_marked_on_the_clipping(client):
    _, story, _, _ = _scanned_issue()
    html = client.get(story.get_absolute_url(), {"q": "种植"}).content.decode()
    # "全区苎麻种植面积扩大。" is 11 characters over 550 px: 种植 is characters 4–5.
    assert '<rect x="200" y="120" width="100" height="50"/>' in html
    assert "hits=300,220,100,50" in html
    assert "<rect" not in client.get(story.get_absolute_url()).content.decode()


def test_a_draft_on_a_published_page_leaks_no_clipping_or_crop(client):
    _, _, draft, pages = _scanned_issue()
    assert client.get(draft.get_absolute_url()).status_code == 404
    # Its clipping box cannot be cropped by a reader, nor any box they make up.
    assert client.get(f"/pages/{pages[0].pk}/crop/100,900,800,150.jpg").status_code == 404
    assert client.get(f"/pages/{pages[0].pk}/crop/0,0,600,600.jpg").status_code == 404
    # The page image itself is the printed page of a published issue.
    assert client.get(f"/pages/{pages[0].pk}/image/").status_code == 200


def test_pages_of_an_unpublished_issue_are_for_staff_only(client):
    issue = IssueFactory()
    draft = ArticleFactory(issue=issue, is_published=False, status="imported")
    page = make_page(issue, lines=[LineData("草稿", (100, 100, 300, 40), article=draft, paragraph=0)])
    urls = [f"/pages/{page.pk}/image/", f"/pages/{page.pk}/thumbnail/", f"/pages/{page.pk}/crop/100,100,300,40.jpg"]
    for url in urls:
        assert client.get(url).status_code == 404, url
    client.force_login(UserFactory(username="staff", is_staff=True))
    for url in urls:
        assert client.get(url).status_code == 200, url
    thumb = Image.open(io.BytesIO(b"".join(client.get(urls[1]).streaming_content)))
    assert thumb.size == (300, round(1700 * 300 / 1200))


def test_tiles_are_served_only_by_their_pattern(client):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    issue, _, _, pages = _scanned_issue()
    page = pages[0]
    base = f"pages/tiles/ab/{page.image_sha256}"
    default_storage.save(f"{base}/page.dzi", ContentFile(b"<Image/>"))
    default_storage.save(f"{base}/page_files/0/0_0.jpg", ContentFile(b"jpeg"))
    page.tiles = f"{base}/page.dzi"
    page.save(update_fields=["tiles"])
    data = _viewer_data(client.get(issue.get_absolute_url()))
    assert data["pages"][0]["dzi"] == f"/pages/{page.pk}/tiles/page.dzi"
    assert client.get(f"/pages/{page.pk}/tiles/page.dzi").status_code == 200
    assert client.get(f"/pages/{page.pk}/tiles/page_files/0/0_0.jpg").status_code == 200
    assert client.get(f"/pages/{page.pk}/tiles/../../../settings.py").status_code == 404
    assert client.get(f"/pages/{page.pk}/tiles/page_files/0/x.jpg").status_code == 404


def test_titles_and_line_text_are_escaped(client):
    issue = IssueFactory()
    evil = ArticleFactory(issue=issue, headline="</script><script>alert(1)</script>", body="<b>粗</b>正文")
    make_page(issue, lines=[LineData("</script><img src=x onerror=alert(1)>", (100, 100, 600, 40), article=evil, paragraph=0)])
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "onerror=alert" not in html
    assert _viewer_data(client.get(issue.get_absolute_url(), {"v": 1}))["pages"][0]["boxes"][0]["label"] == evil.headline
    html = client.get(evil.get_absolute_url(), {"q": "img"}).content.decode()
    assert "<img src=x" not in html and "<rect" in html


@pytest.mark.parametrize("view", ["issue", "article"])
def test_query_count_does_not_grow_with_pages(client, django_assert_num_queries, view):
    def url(issue, story):
        return issue.get_absolute_url() if view == "issue" else story.get_absolute_url() + "?q=苎麻"

    issue, story, _, _ = _scanned_issue(pages=1)
    cache.clear()
    with CaptureQueriesContext(connection) as one_page:
        assert client.get(url(issue, story)).status_code == 200
    issue, story, _, _ = _scanned_issue(pages=4)
    # The story is on page 1 and page 3 of this issue.
    make_page(issue, number=9, lines=[LineData("农户增收明显。", (50, 50, 350, 50), article=story, paragraph=1)])
    cache.clear()
    with django_assert_num_queries(len(one_page)):
        response = client.get(url(issue, story))
    html = response.content.decode()
    assert html.count("data-page-thumb=") == 5 if view == "issue" else html.count('class="clipping"') == 2


def test_robots_keep_crawlers_off_the_zoom_tiles(client):
    assert "Disallow: /pages/*/tiles/" in client.get("/robots.txt").content.decode()


def test_a_missing_page_file_is_a_404_not_an_error(client):
    from django.core.files.storage import default_storage

    _, story, _, pages = _scanned_issue()
    default_storage.delete(pages[0].image.name)
    for url in (f"/pages/{pages[0].pk}/image/", f"/pages/{pages[0].pk}/thumbnail/", f"/pages/{pages[0].pk}/crop/100,100,800,230.jpg"):
        assert client.get(url).status_code == 404, url
    assert client.get(story.get_absolute_url()).status_code == 200


def _with_tiles(page):
    """Deep Zoom tiles for a test page, written the way the importer writes them."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from articles.scans import tiles

    folder = f"pages/tiles/{page.image_sha256[:2]}/{page.image_sha256}"
    with default_storage.open(page.image.name, "rb") as source, Image.open(source) as image:
        for relative, content in tiles.deep_zoom(image):
            default_storage.save(f"{folder}/{relative}", ContentFile(content))
    page.tiles = f"{folder}/{tiles.DESCRIPTOR}"
    page.save(update_fields=["tiles"])


def test_clipping_is_pieced_from_the_zoom_tiles_like_the_image(client):
    from django.core.files.storage import default_storage
    from PIL import ImageChops, ImageStat

    from articles.site import page_images

    _, _, _, pages = _scanned_issue()
    page = pages[0]
    box = (100, 100, 800, 230)
    from_image = Image.open(io.BytesIO(page_images.cut(page, box, 800))).convert("L")
    _with_tiles(page)
    default_storage.delete(page.image.name)  # the tiles alone must do
    response = client.get(f"/pages/{page.pk}/crop/100,100,800,230.jpg")
    assert response.status_code == 200
    from_tiles = Image.open(io.BytesIO(b"".join(response.streaming_content))).convert("L")
    assert from_tiles.size == (800, 230)
    assert ImageStat.Stat(ImageChops.difference(from_image, from_tiles)).mean[0] < 3
    # A smaller crop of a big box comes from a lower level, and is the same picture.
    small = Image.open(io.BytesIO(page_images.cut(page, (0, 0, 1200, 1700), 300))).convert("L")
    assert small.size == (300, 425) and small.getpixel((100, 35)) < 220
