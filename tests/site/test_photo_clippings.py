"""An article's photos on its page: the picture with its caption, cut from the scan."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from articles.models import ArticleRegion, PageLine
from tests.factories import ArticleFactory, IssueFactory, PhotoFactory
from tests.scans.pagedata import LineData, make_page

pytestmark = pytest.mark.django_db

CAPTION = PageLine.LineRole.CAPTION


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _issue_with_photos():
    """A published story and a draft, each with a photo whose region (as the importer stores
    it) is its picture and its caption."""
    issue = IssueFactory()
    story = ArticleFactory(issue=issue, position=1, headline="苎麻产业助农增收", body="全区苎麻种植面积扩大。")
    draft = ArticleFactory(issue=issue, position=2, headline="未公开稿件", body="草稿。", is_published=False, status="imported")
    photo = PhotoFactory(issue=issue, article=story, caption="农户在收割苎麻。")
    hidden = PhotoFactory(issue=issue, article=draft, caption="草稿配图。")
    page = make_page(
        issue,
        lines=[
            LineData("苎麻产业助农增收", (100, 100, 800, 80), article=story, role=PageLine.LineRole.HEADLINE),
            LineData("全区苎麻种植面积扩大。", (100, 220, 550, 50), article=story, paragraph=0),
            LineData("农户在收割苎麻。", (100, 760, 400, 40), photo=photo, role=CAPTION),
            LineData("草稿配图。", (100, 1500, 300, 40), photo=hidden, role=CAPTION),
        ],
    )
    ArticleRegion.objects.filter(kind=ArticleRegion.Kind.PHOTO).delete()
    ArticleRegion.objects.bulk_create(
        [
            ArticleRegion(page=page, article=story, photo=photo, kind="photo", x=100, y=320, w=700, h=480),
            ArticleRegion(page=page, article=draft, photo=hidden, kind="photo", x=100, y=1100, w=700, h=440),
        ]
    )
    return story, page


def test_article_page_shows_its_photo_cut_from_the_page_after_its_text(client):
    story, page = _issue_with_photos()
    html = client.get(story.get_absolute_url()).content.decode()
    text_crop = f"/pages/{page.pk}/crop/100,100,800,170.jpg"
    photo_crop = f"/pages/{page.pk}/crop/100,320,700,480.jpg"
    assert html.index(f'src="{text_crop}"') < html.index(f'src="{photo_crop}"')
    assert "本文配图（第 1 版）" in html and "第 1 版配图" in html
    response = client.get(photo_crop)
    assert response.status_code == 200
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (700, 480)


def test_a_drafts_photo_is_not_cut_for_readers(client):
    _, page = _issue_with_photos()
    assert client.get(f"/pages/{page.pk}/crop/100,1100,700,440.jpg").status_code == 404
