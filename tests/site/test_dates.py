"""Dates as precisely as the archive knows them, on every page, feed and API response.

An issue whose masthead gave only the month is stored on the 1st of it; readers must see
"2023年5月", never an invented "2023年5月1日", and an article's own dateline day wherever it has
one (pages, citation, feed entries, the API).
"""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import ArticlePerson, Issue
from tests.factories import (
    ArticleFactory,
    ArticlePersonFactory,
    IssueFactory,
    PersonFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
INVENTED = ("2023年5月1日", "2023-05-01", "5月1日", "2021年1月1日", "2021-01-01")


@pytest.fixture
def month_issue(db):
    """An issue dated only to May 2023, with a dateline article, an undated one and a photo."""
    issue = IssueFactory(
        issue_date=dt.date(2023, 5, 1),
        date_precision=Issue.PrecisionChoices.MONTH,
        date_source=Issue.DateSourceChoices.INFERRED,
    )
    # As the importer stores them: published online long after the paper's date.
    imported = timezone.make_aware(dt.datetime(2025, 12, 1, 9, 30))
    dated = ArticleFactory(
        issue=issue,
        position=1,
        headline="推进产业整体转型升级",
        dateline="5月24日",
        dateline_date=dt.date(2023, 5, 24),
        date=dt.date(2023, 5, 24),
        published_at=imported,
        body="本报讯（通讯员邓慕秋）5月24日，荆州区召开产业转型升级推进会。",
    )
    undated = ArticleFactory(
        issue=issue,
        position=2,
        headline="探索发展新模式 共享发展新机遇",
        published_at=imported,
        body="本报讯（通讯员冯程程）近日，荆州区与多家企业开展合作洽谈。",
    )
    writer = PersonFactory(name="冯程程")
    ArticlePersonFactory(article=undated, person=writer, role=ArticlePerson.Role.CORRESPONDENT, title="通讯员")
    photographer = PersonFactory(name="邓慕秋")
    ArticlePersonFactory(article=dated, person=photographer, role=ArticlePerson.Role.CORRESPONDENT, title="通讯员")
    photo = PhotoFactory(issue=issue, article=dated, caption="推进会现场。（邓慕秋 摄）")
    photo.photographers.add(photographer)
    return {"issue": issue, "dated": dated, "undated": undated, "writer": writer, "photographer": photographer}


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def meta_of(body: str, headline: str) -> str:
    """The meta line of the list item whose headline is ``headline``."""
    item = re.search(rf"<li class=\"article-item\">(?:(?!</li>).)*?{re.escape(headline)}(?:(?!</li>).)*</li>", body, re.S)
    assert item, headline
    return re.search(r'<p class="meta">(.*?)</p>', item.group(0), re.S).group(1)


def invented_days_in(body: str) -> list[str]:
    return [day for day in INVENTED if day in body]


# --- Pages ---------------------------------------------------------------------------------

def test_article_of_a_month_issue_shows_the_month_and_cites_it(client, month_issue):
    body = text(client.get(month_issue["undated"].get_absolute_url()))
    assert invented_days_in(body) == []
    assert '<time datetime="2023-05">2023年5月</time>' in body
    citation = re.search(r'<p id="citation">(.*?)</p>', body, re.S).group(1)
    assert "[N]. 荆州区新闻, 2023-05." in citation


def test_article_with_a_dateline_is_dated_and_cited_by_it(client, month_issue):
    body = text(client.get(month_issue["dated"].get_absolute_url()))
    meta = re.search(r'<p class="meta">(.*?)</p>', body, re.S).group(1)
    assert '<time datetime="2023-05-24">2023年5月24日</time>' in meta
    assert "刊于《荆州区新闻》" in meta and "2023年5月<" in meta
    citation = re.search(r'<p id="citation">(.*?)</p>', body, re.S).group(1)
    assert "[N]. 荆州区新闻, 2023-05-24." in citation
    assert invented_days_in(body) == []


@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/?year=2023"])
def test_list_items_show_one_labelled_date_or_two_told_apart(client, month_issue, url):
    body = text(client.get(url))
    assert invented_days_in(body) == []
    # The date is the issue's: shown once, as "刊于 …".
    undated = meta_of(body, "探索发展新模式")
    assert len(re.findall(r"<time ", undated)) == 1
    assert re.search(r'刊于 <time datetime="2023-05">2023年5月</time>', undated)
    # The dateline's day, then the issue it was printed in, labelled.
    dated = meta_of(body, "推进产业整体转型升级")
    assert re.search(r'<time datetime="2023-05-24">2023年5月24日</time></span> · <a [^>]*>刊于 <time datetime="2023-05">', dated)


def test_day_issue_list_item_shows_its_date_once(client, archive):
    body = text(client.get("/articles/"))
    meta = meta_of(body, "两区经济形势分析会召开")
    assert meta.count("2025年5月12日") == 1
    assert "刊于" in meta


def test_issue_pages_show_the_month_and_have_no_day_address(client, month_issue):
    body = text(client.get(month_issue["issue"].get_absolute_url()))
    assert '<time datetime="2023-05">2023年5月</time>' in body
    assert invented_days_in(body) == []
    # The 1st is no day of this issue: it has no /issues/2023-05-01/ address.
    assert client.get("/issues/2023-05-01/").status_code == 404


def test_an_issue_dated_only_to_the_year_is_not_filed_under_january(client, db):
    year_issue = IssueFactory(issue_date=dt.date(2021, 1, 1), date_precision=Issue.PrecisionChoices.YEAR)
    ArticleFactory(issue=year_issue, headline="年度工作回顾")
    january = IssueFactory(issue_date=dt.date(2021, 1, 15))
    ArticleFactory(issue=january, headline="一月新闻")
    archive_page = client.get("/issues/2021/")
    assert [(month, [i.pk for i in issues]) for month, issues in archive_page.context["months"]] == [
        (1, [january.pk]),
        (None, [year_issue.pk]),
    ]
    assert "<h2>月份不详</h2>" in text(archive_page)
    home = client.get("/")
    assert home.context["years"] == [(2021, [(1, 1), (None, 1)])]
    assert "月份不详" in text(home)
    assert invented_days_in(text(client.get("/articles/"))) == []


def title_rows(body: str) -> list[list[str]]:
    table = re.search(r'<table class="titles">.*?<tbody>(.*?)</tbody>', body, re.S).group(1)
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def test_person_page_dates_titles_and_articles_at_their_precision(client, month_issue):
    body = text(client.get(month_issue["writer"].get_absolute_url()))
    assert invented_days_in(body) == []
    month = '<time datetime="2023-05">2023年5月</time>'
    assert title_rows(body) == [["通讯员", month, month, "1"]]
    assert '<time datetime="2023-05">5月</time>' in body  # the article, under the 2023 heading
    dated = text(client.get(month_issue["photographer"].get_absolute_url()))
    day = '<time datetime="2023-05-24">2023年5月24日</time>'
    assert title_rows(dated) == [["通讯员", day, day, "1"]]
    assert '<time datetime="2023-05-24">5月24日</time>' in dated


def test_person_titles_span_takes_a_day_over_the_month_it_falls_in(client, month_issue):
    # The writer is also credited in a later day-precise article: first = the month, last = that day.
    june = IssueFactory(issue_date=dt.date(2023, 6, 2))
    later = ArticleFactory(issue=june, headline="六月新闻")
    ArticlePersonFactory(article=later, person=month_issue["writer"], role=ArticlePerson.Role.CORRESPONDENT, title="通讯员")
    body = text(client.get(month_issue["writer"].get_absolute_url()))
    assert title_rows(body) == [
        ["通讯员", '<time datetime="2023-05">2023年5月</time>', '<time datetime="2023-06-02">2023年6月2日</time>', "2"]
    ]


def test_photo_gallery_dates_a_photo_by_its_article(client, month_issue):
    body = text(client.get("/photos/"))
    meta = re.search(r'<p class="meta">(.*?)</p>', body, re.S).group(1)
    assert '<time datetime="2023-05-24">2023年5月24日</time>' in meta
    assert "刊于 <time datetime=\"2023-05\">2023年5月</time>" in meta
    assert invented_days_in(body) == []


# --- Feeds and API -------------------------------------------------------------------------

def feed_entries(client, url="/feeds/latest/") -> dict[str, ET.Element]:
    root = ET.fromstring(client.get(url).content)  # noqa: S314 -- our own server's response
    return {entry.find(f"{ATOM}title").text: entry for entry in root.iter(f"{ATOM}entry")}


def test_feed_entries_are_dated_by_the_paper_not_the_import(client, month_issue):
    entries = feed_entries(client)
    dated = entries["推进产业整体转型升级"].find(f"{ATOM}published").text
    assert dt.datetime.fromisoformat(dated) == timezone.make_aware(dt.datetime(2023, 5, 24))
    # Only the month is known: the entry is dated at its start, not when it was imported.
    undated = entries["探索发展新模式 共享发展新机遇"].find(f"{ATOM}published").text
    assert dt.datetime.fromisoformat(undated) == timezone.make_aware(dt.datetime(2023, 5, 1))
    assert not any(entry.find(f"{ATOM}published").text.startswith("2025-12-01") for entry in entries.values())


def test_api_says_how_precise_an_articles_date_is(client, month_issue):
    undated = client.get(f"/api/articles/{month_issue['undated'].pk}/").json()
    assert undated["date"] == "2023-05-01"  # unchanged for existing clients
    assert (undated["date_precision"], undated["date_text"], undated["date_label"]) == ("month", "2023-05", "2023年5月")
    assert (undated["issue"]["date_precision"], undated["issue"]["date_text"]) == ("month", "2023-05")
    dated = client.get(f"/api/articles/{month_issue['dated'].pk}/").json()
    assert (dated["date"], dated["date_precision"], dated["date_text"], dated["date_label"]) == (
        "2023-05-24", "day", "2023-05-24", "2023年5月24日",
    )
    listed = {a["headline"]: a for a in client.get("/api/articles/").json()["results"]}
    assert listed["探索发展新模式 共享发展新机遇"]["date_text"] == "2023-05"
    assert listed["探索发展新模式 共享发展新机遇"]["issue"]["date_precision"] == "month"
    (issue,) = client.get("/api/issues/").json()["results"]
    assert (issue["date"], issue["date_precision"], issue["date_text"]) == ("2023-05-01", "month", "2023-05")
