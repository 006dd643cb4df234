"""Atom feeds, sitemap.xml, robots.txt and the read-only JSON API."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 -- our own server's response in a test


def feed_titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse_xml(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_latest_feed_lists_published_articles_newest_first(client, archive):
    assert feed_titles(client, "/feeds/latest/") == ["两区经济形势分析会召开", "荆州区开展防汛演练", "冬季农田水利建设启动"]


def test_tag_and_person_feeds(client, archive):
    assert feed_titles(client, "/feeds/tags/防汛/") == ["荆州区开展防汛演练"]
    assert set(feed_titles(client, f"/feeds/people/{archive['wang'].pk}/")) == {"两区经济形势分析会召开", "冬季农田水利建设启动"}
    assert client.get("/feeds/people/999999/").status_code == 404


def test_sitemap_lists_public_pages_only(client, archive):
    index = parse_xml(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert any(url.endswith("/sitemap-articles.xml") for url in sections)
    urls = set()
    for section in ["articles", "issues", "people", "tags", "pages"]:
        root = parse_xml(client.get(f"/sitemap-{section}.xml").content)
        urls |= {loc.text.replace("http://testserver", "") for loc in root.iter(f"{SITEMAP}loc")}
    assert archive["economy"].get_absolute_url() in urls
    assert "/issues/2025-05-12/" in urls
    assert archive["zhu"].get_absolute_url() in urls
    assert archive["draft"].get_absolute_url() not in urls
    assert archive["secret_person"].get_absolute_url() not in urls
    assert "/issues/2025-06-01/" not in urls


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


# --- API ---------------------------------------------------------------------------------

def test_api_index_describes_endpoints(client):
    data = client.get("/api/").json()
    assert data["articles"].endswith("/api/articles/")
    assert "q" in data["filters"]["articles"]


def test_api_articles_share_the_page_filters(client, archive):
    data = client.get("/api/articles/?q=经济&year=2025").json()
    assert data["count"] == 2
    assert [a["headline"] for a in data["results"]] == ["两区经济形势分析会召开", "荆州区开展防汛演练"]
    first = data["results"][0]
    assert first["tags"] == ["经济"]
    assert {"name": "王思奇", "role": "correspondent", "title": "通讯员"}.items() <= first["people"][0].items()
    assert first["issue"]["date"] == "2025-05-12"
    tagged = client.get(f"/api/articles/?person={archive['yun'].pk}&role=photographer").json()
    assert [a["headline"] for a in tagged["results"]] == ["荆州区开展防汛演练"]


def test_api_pagination(client, archive):
    data = client.get("/api/articles/?page_size=2").json()
    assert (data["count"], data["pages"], len(data["results"])) == (3, 2, 2)
    assert data["previous"] is None and "page=2" in data["next"]
    second = client.get("/api/articles/?page_size=2&page=2").json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert client.get("/api/articles/?page=3&page_size=2").status_code == 404
    assert client.get("/api/articles/?page_size=1000").status_code == 400
    assert client.get("/api/articles/?page=abc").status_code == 400


def test_api_rejects_invalid_filters_with_reasons(client, archive):
    response = client.get("/api/articles/?date_from=2025-13-45&role=boss")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"date_from", "role"}
    assert client.get("/api/issues/?year=abc").status_code == 400
    assert client.get("/api/issues/?date_to=yesterday").status_code == 400
    assert client.get("/api/people/?role=boss").status_code == 400


def test_api_article_detail_has_text_photos_and_ocr(client, archive):
    data = client.get(f"/api/articles/{archive['flood'].pk}/").json()
    assert data["body"].startswith("5月11日上午")
    assert data["ocr_text"]
    assert data["photos"][0]["photographers"] == ["王芸"]
    assert data["issue"]["number"] == "第101期"
    assert client.get("/api/articles/999999/").status_code == 404


def test_api_issues_and_people(client, archive):
    issues = client.get("/api/issues/").json()
    assert [i["date"] for i in issues["results"]] == ["2024-12-20", "2025-05-12"]
    assert client.get("/api/issues/?year=2024").json()["count"] == 1
    issue = client.get(f"/api/issues/{archive['issue_2025'].pk}/").json()
    assert [a["headline"] for a in issue["articles"]] == ["两区经济形势分析会召开", "荆州区开展防汛演练"]
    people = client.get("/api/people/?name=朱翎").json()
    assert [p["name"] for p in people["results"]] == ["朱翊"]
    assert people["results"][0]["aliases"] == ["朱翎"]
    zhu = client.get(f"/api/people/{archive['zhu'].pk}/").json()
    assert zhu["titles"] == ["区委书记", "区长"]
    assert zhu["counts"] == {"correspondent": 0, "photographer": 0, "mentioned": 2}
    assert [p["name"] for p in client.get("/api/people/?role=photographer").json()["results"]] == ["王芸"]


def test_api_is_read_only(client, archive):
    assert client.post("/api/articles/", {}).status_code == 405


@pytest.mark.parametrize("url", ["/api/articles/", "/api/issues/", "/api/people/", "/api/articles/?q=经济"])
def test_api_lists_run_a_constant_number_of_queries(client, archive, django_assert_max_num_queries, url):
    # A search reads headline hits and the rest separately, each with its prefetches.
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
