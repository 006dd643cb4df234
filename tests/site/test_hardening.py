"""What an attacker or a bad OCR file could do to the readers' site: markup in feeds, names of
unpublished material in filter chips, control characters and absurd lines in stored text."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection

from articles.models import ArticlePerson
from tests.factories import (
    ArticleFactory,
    ArticlePersonFactory,
    IssueFactory,
    PersonFactory,
    PhotoFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">点我</a>'


def text(response) -> str:
    return response.content.decode()


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 -- our own server's response in a test


# --- Issue 9, item 1: nothing in a feed becomes markup ---------------------------------------

@pytest.mark.parametrize("feed", ["latest", "tag", "person"])
def test_feed_summaries_and_titles_are_plain_text(client, archive, feed):
    article = archive["economy"]
    article.headline = "<b>标题</b>" + HOSTILE
    article.body = HOSTILE + "\n\n正文。"
    article.section = "<i>要闻</i>"
    article.save()
    url = {
        "latest": "/feeds/latest/",
        "tag": f"/feeds/tags/{archive['economy_tag'].slug}/",
        "person": f"/feeds/people/{archive['wang'].pk}/",
    }[feed]
    response = client.get(url)
    assert response.status_code == 200
    entry = next(e for e in parse_xml(response.content).iter(f"{ATOM}entry") if "标题" in e.find(f"{ATOM}title").text)
    summary = entry.find(f"{ATOM}summary")
    # A feed reader shows a text construct as it is: the tags stay letters, never elements.
    assert summary.get("type", "text") == "text"
    assert summary.text.startswith(HOSTILE)
    title = entry.find(f"{ATOM}title")
    assert title.get("type", "text") == "text"
    assert title.text == "<b>标题</b>" + HOSTILE
    assert not any(e.get("type") in {"html", "xhtml"} for e in entry.iter())


# --- Issue 9, item 2: filter chips show nothing only unpublished material names ----------------

def test_article_list_chips_do_not_name_draft_only_people_tags_or_issues(client, archive):
    secret_tag = TagFactory(name="内部机密标签", slug="neibu")
    archive["draft"].tags.add(secret_tag)
    secret_person = archive["secret_person"]
    draft_issue = archive["draft_issue"]
    for query, secret in [
        (f"person={secret_person.pk}", "秘密人物"),
        (f"person={secret_person.pk}&role=correspondent", "秘密人物"),
        ("tag=neibu", "内部机密标签"),
        (f"issue={draft_issue.pk}", str(draft_issue)),
    ]:
        page = text(client.get(f"/articles/?{query}"))
        assert secret not in page, query
        assert "没有找到" in page or "共 <strong>0</strong> 篇" in page, query
    # Treated like an unknown value: the chip shows the value itself, as for an id that never existed.
    page = text(client.get(f"/articles/?person={secret_person.pk}"))
    assert f"人物：{secret_person.pk}" in page


def test_article_list_chips_still_name_public_people_tags_and_issues(client, archive):
    page = text(client.get(f"/articles/?person={archive['zhu'].pk}&tag=防汛&issue={archive['issue_2025'].pk}"))
    assert "人物：朱翊" in page
    assert "标签：防汛" in page
    assert f"期：{archive['issue_2025']}" in page


def test_photo_gallery_does_not_name_a_draft_only_photographer(client, archive):
    page = text(client.get(f"/photos/?photographer={archive['secret_person'].pk}"))
    assert "秘密人物" not in page
    assert "王芸 摄" in text(client.get(f"/photos/?photographer={archive['yun'].pk}"))


# --- Issue 9, item 14: photo facets follow the other active filter -----------------------------

def _two_photographers():
    lin = PersonFactory(name="林摄影")
    he = PersonFactory(name="何摄影")
    for year, person, count in [(2023, lin, 2), (2022, he, 3)]:
        issue = IssueFactory(issue_date=dt.date(year, 3, 1))
        article = ArticleFactory(issue=issue, position=1, headline=f"{year}年图片新闻")
        for n in range(count):
            photo = PhotoFactory(issue=issue, article=article, position=n + 1, caption=f"{year} 图{n}")
            photo.photographers.add(person)
    return lin, he


def test_photo_year_facet_counts_only_the_chosen_photographers_photos(client, archive):
    lin, _he = _two_photographers()
    context = client.get(f"/photos/?photographer={lin.pk}").context
    assert [(row["year"], row["n"]) for row in context["years"]] == [(2023, 2)]


def test_photo_photographer_facet_counts_only_the_chosen_year(client, archive):
    _lin, _he = _two_photographers()
    context = client.get("/photos/?year=2022").context
    assert [(row["person__name"], row["n"]) for row in context["top_photographers"]] == [("何摄影", 3)]
    unfiltered = client.get("/photos/").context
    assert {row["person__name"] for row in unfiltered["top_photographers"]} == {"林摄影", "何摄影", "王芸"}


# --- Issue 9, item 12: no stored text breaks a page, feed, sitemap or API response -------------

CONTROL = "\v\f\x01\x08\x0e\x1f\x7f\x85\u2028\ufffe"


def _nasty(label: str) -> str:
    nul = "\x00" if connection.vendor == "sqlite" else ""  # PostgreSQL cannot store a NUL at all
    return f"{label}{CONTROL}{nul}尾"


@pytest.fixture
def nasty_archive(archive):
    long_line = "经济" * 50_000  # one 100,000-character line, no break anywhere
    issue = IssueFactory(
        issue_date=dt.date(2025, 7, 1),
        masthead=_nasty("报头"),
        number=_nasty("期号")[:50],
        page=_nasty("版")[:20],
        lunar_date=_nasty("农历")[:30],
    )
    person = PersonFactory(name=_nasty("控制符人物"))
    tag = TagFactory(name=_nasty("控制符标签"), slug="kongzhifu")
    article = ArticleFactory(
        issue=issue,
        position=1,
        kicker=_nasty("引题"),
        headline=_nasty("控制符标题"),
        subheadline=_nasty("副题"),
        section=_nasty("栏目"),
        byline=_nasty("署名"),
        dateline=_nasty("电头"),
        body=_nasty("正文") + "\n\n" + long_line + "\n\n" + _nasty("末段"),
        ocr_text=_nasty("原文") + long_line,
    )
    article.tags.add(tag, TagFactory(name=_nasty("网址有控制符"), slug="kong\vzhi\ufffe"))
    ArticlePersonFactory(article=article, person=person, role=ArticlePerson.Role.CORRESPONDENT, title=_nasty("职务"))
    photo = PhotoFactory(issue=issue, article=article, title=_nasty("图题"), caption=_nasty("图片说明") + long_line)
    photo.photographers.add(person)
    return {"issue": issue, "person": person, "tag": tag, "article": article}


def test_control_characters_and_huge_lines_never_make_a_server_error(client, nasty_archive):
    article, person, tag, issue = (nasty_archive[k] for k in ("article", "person", "tag", "issue"))
    urls = [
        "/", "/issues/", "/issues/2025/", "/issues/2025-07-01/", issue.get_absolute_url(),
        "/articles/", "/articles/?q=控制符", "/articles/?q=经济", f"/articles/?person={person.pk}",
        "/articles/?tag=kongzhifu", f"/articles/?issue={issue.pk}", "/tags/kong%0Bzhi%EF%BF%BE/", article.get_absolute_url(),
        article.get_absolute_url() + "?q=正文", "/people/", person.get_absolute_url(), "/photos/",
        f"/photos/?photographer={person.pk}", "/tags/", tag.get_absolute_url(),
        "/api/articles/", "/api/articles/?q=控制符", f"/api/articles/{article.pk}/", "/api/issues/",
        f"/api/issues/{issue.pk}/", "/api/people/", f"/api/people/{person.pk}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    for url in ["/api/articles/", f"/api/articles/{article.pk}/", f"/api/issues/{issue.pk}/", f"/api/people/{person.pk}/"]:
        client.get(url).json()  # valid JSON


def test_feeds_and_sitemaps_with_control_characters_are_well_formed_xml(client, nasty_archive):
    article, person, tag = (nasty_archive[k] for k in ("article", "person", "tag"))
    for url in ["/feeds/latest/", f"/feeds/tags/{tag.slug}/", "/feeds/tags/kong%0Bzhi%EF%BF%BE/", f"/feeds/people/{person.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        root = parse_xml(response.content)
        titles = [e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry")]
        # The characters XML cannot carry are dropped; the words around them stay.
        assert titles[0].startswith("控制符标题") and titles[0].endswith("尾"), url
    feed_title = parse_xml(client.get(f"/feeds/people/{person.pk}/").content).find(f"{ATOM}title").text
    assert "控制符人物" in feed_title
    for section in ["pages", "articles", "issues", "people", "tags"]:
        response = client.get(f"/sitemap-{section}.xml")
        assert response.status_code == 200, section
        parse_xml(response.content)
    parse_xml(client.get("/sitemap.xml").content)
    assert article.get_absolute_url() in client.get("/sitemap-articles.xml").content.decode()
