"""What readers read is the paper's text: no importer markup in the OCR original, no
placeholder titles in feeds."""

import re
import xml.etree.ElementTree as ET

import pytest

from articles.models import Article
from articles.site.display import printed_text
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
OCR = (
    "#### 着力推进全区干部队伍提能善为\n"
    "## 区委常委会(扩大)会议召开\n"
    "**本报讯**\n"
    "本报讯(通讯员王思奇)近日,区委常委会(扩大)会议召开。\n"
    "会议强调,要把“#1号工程”放在首位。"
)
OPENING = "近日，荆州区委书记万玲玲主持召开两区经济形势分析会议，分析研判当前经济形势。"


def test_ocr_original_shows_the_printed_text_without_import_markup(client):
    article = ArticleFactory(headline="区委常委会(扩大)会议召开", ocr_text=OCR)
    body = client.get(article.get_absolute_url()).content.decode()
    shown = re.search(r'<details class="ocr">.*?<pre lang="zh-Hans">(.*?)</pre>', body, re.S).group(1)
    assert shown.splitlines() == [
        "着力推进全区干部队伍提能善为",
        "区委常委会(扩大)会议召开",
        "本报讯",
        "本报讯(通讯员王思奇)近日,区委常委会(扩大)会议召开。",
        # A # inside a line is the paper's own.
        "会议强调,要把“#1号工程”放在首位。",
    ]
    # The verbatim OCR text is kept as it was, and the API hands it out verbatim.
    assert Article.objects.get(pk=article.pk).ocr_text == OCR
    assert client.get(f"/api/articles/{article.pk}/").json()["ocr_text"] == OCR


def test_printed_text_keeps_layout_and_never_makes_markup():
    assert printed_text("  ## 标题\n\n正文第一行\n###\n<b>粗</b>") == "  标题\n\n正文第一行\n\n<b>粗</b>"
    assert printed_text("") == ""


def test_untitled_feed_entry_is_named_by_its_opening_words(client):
    ArticleFactory(headline="", kicker="", subheadline="", body=OPENING)
    root = ET.fromstring(client.get("/feeds/latest/").content)  # noqa: S314 -- our own server's response
    (title,) = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert "无标题" not in title
    assert title.startswith(OPENING[:20]) and len(title) < len(OPENING)
    # The same words the site lists it by.
    listed = client.get("/articles/").content.decode()
    assert f">{title}</a></h3>" in listed


def test_untitled_article_is_named_by_its_opening_words_on_person_and_photo_pages(client):
    from articles.models import ArticlePerson
    from tests.factories import ArticlePersonFactory, PersonFactory, PhotoFactory

    article = ArticleFactory(headline="", kicker="", subheadline="", body=OPENING)
    person = PersonFactory(name="万玲玲")
    ArticlePersonFactory(article=article, person=person, role=ArticlePerson.Role.MENTIONED, title="区委书记")
    PhotoFactory(issue=article.issue, article=article)
    for url in (person.get_absolute_url(), "/photos/"):
        page = client.get(url).content.decode()
        assert "无标题" not in page, url
        assert f'<a href="{article.get_absolute_url()}">{OPENING[:20]}' in page, url
