"""Reader pages: what they show, what they hide, and how many queries they cost."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def text(response) -> str:
    return response.content.decode()


def listed_headlines(response) -> list[str]:
    return [a.headline for a in response.context["articles"]]


def public_urls(archive) -> list[str]:
    return [
        "/",
        "/issues/",
        "/issues/2025/",
        "/issues/2025-05-12/",
        archive["issue_2025"].get_absolute_url(),
        "/articles/",
        "/articles/?q=经济&year=2025&section=要闻&has_photo=false&sort=newest",
        f"/articles/?person={archive['zhu'].pk}&role=mentioned&tag=防汛",
        archive["economy"].get_absolute_url(),
        archive["flood"].get_absolute_url(),
        "/people/",
        "/people/?role=photographer&name=王",
        archive["zhu"].get_absolute_url(),
        archive["yun"].get_absolute_url(),
        "/photos/",
        f"/photos/?photographer={archive['yun'].pk}&year=2025",
        "/tags/",
        archive["economy_tag"].get_absolute_url(),
    ]


def test_every_public_page_renders_in_chinese(client, archive):
    for url in public_urls(archive):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="zh-Hans">' in text(response), url


@pytest.mark.parametrize("index", range(18))
def test_every_page_runs_a_constant_number_of_queries(client, archive, django_assert_max_num_queries, index):
    # Add more of everything: the query count must not grow with the data.
    for n in range(5):
        extra = ArticleFactory(issue=archive["issue_2025"], position=10 + n, headline=f"经济新闻{n}")
        extra.tags.add(archive["economy_tag"])
        extra.credits.create(person=archive["zhu"], role="mentioned", title="区委书记")
    url = public_urls(archive)[index]
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_drafts_never_appear_on_any_public_page(client, archive):
    secrets = ["草稿经济新闻", "尚未公开", "秘密人物", "内部栏目", "未公开的图片说明", ">内部<"]
    for url in [*public_urls(archive), "/articles/?q=经济", "/articles/?q=草稿", "/feeds/latest/",
                "/api/articles/?q=草稿", "/api/people/", "/api/issues/", "/sitemap-articles.xml",
                "/sitemap-people.xml", "/sitemap-tags.xml", "/sitemap-issues.xml", "/photos/"]:
        body = text(client.get(url))
        for secret in secrets:
            assert secret not in body, (url, secret)


def test_draft_urls_are_404_for_readers(client, archive):
    for url in [
        archive["draft"].get_absolute_url(),
        archive["draft_issue"].get_absolute_url(),
        "/issues/2025-06-01/",
        archive["secret_person"].get_absolute_url(),
        archive["secret_tag"].get_absolute_url(),
        f"/feeds/people/{archive['secret_person'].pk}/",
        "/feeds/tags/内部/",
        f"/api/articles/{archive['draft'].pk}/",
        f"/api/issues/{archive['draft_issue'].pk}/",
        f"/api/people/{archive['secret_person'].pk}/",
    ]:
        assert client.get(url).status_code == 404, url


def test_staff_may_preview_a_draft(client, archive, staff_user):
    client.force_login(staff_user)
    response = client.get(archive["draft"].get_absolute_url())
    assert response.status_code == 200
    assert "预览：本文尚未公开" in text(response)
    assert response["Cache-Control"] == "private"
    assert client.get(archive["draft_issue"].get_absolute_url()).status_code == 200
    # Lists stay what readers see, even for staff.
    assert "草稿经济新闻" not in text(client.get("/articles/?q=经济"))


def test_home_shows_latest_issue_counts_search_and_months(client, archive):
    response = client.get("/")
    body = text(response)
    assert "2025年5月12日" in body  # latest public issue (the draft issue of June is not public)
    assert response.context["article_count"] == 3
    assert response.context["issue_count"] == 2
    assert response.context["years"] == [(2025, [(5, 1)]), (2024, [(12, 1)])]
    assert 'name="q"' in body
    assert reverse("articles:issue_year", args=[2024]) in body


def test_issue_archive_groups_a_year_by_month(client, archive):
    IssueFactory(issue_date=dt.date(2025, 3, 2))  # no articles: not public
    response = client.get("/issues/2025/")
    months = response.context["months"]
    assert [(month, [i.pk for i in issues]) for month, issues in months] == [(5, [archive["issue_2025"].pk])]
    assert response.context["years"] == [(2025, 1), (2024, 1)]
    assert client.get("/issues/1800/").status_code == 404
    assert client.get("/issues/3000/").status_code == 404


def test_issue_page_is_a_front_page_with_neighbours(client, archive):
    response = client.get("/issues/2025-05-12/")
    body = text(response)
    assert [a.headline for a in response.context["articles"]] == ["两区经济形势分析会召开", "荆州区开展防汛演练"]
    assert "聚焦高质量发展" in body and "第101期" in body and "乙巳年四月十五" in body
    assert "防汛演练现场。（王芸 摄）" in body
    assert archive["yun"].get_absolute_url() in body
    assert response.context["previous_issue"] == archive["issue_2024"]
    assert response.context["next_issue"] is None  # June's issue has only a draft
    assert "/issues/2024-12-20/" in body


def test_two_issues_on_one_day_offer_a_choice(client, archive):
    other = IssueFactory(issue_date=dt.date(2025, 5, 12), page="第2版")
    ArticleFactory(issue=other, headline="第二版文章")
    response = client.get("/issues/2025-05-12/")
    assert response.status_code == 200
    assert other.get_absolute_url() in text(response)
    assert archive["issue_2025"].get_absolute_url() in text(response)


def test_article_page_shows_everything_a_reader_needs(client, archive):
    response = client.get(archive["flood"].get_absolute_url())
    body = text(response)
    assert "<h1>荆州区开展防汛演练</h1>" in body
    assert "2025年5月12日" in body
    assert "<p>5月11日上午，全区组织开展防汛应急演练，推动经济社会安全发展。</p>" in body
    assert "防汛演练现场。（王芸 摄）" in body
    assert archive["zhu"].get_absolute_url() in body and "区长" in body
    assert archive["flood_tag"].get_absolute_url() in body
    assert "<summary>查看 OCR 原文</summary>" in body
    assert "引用本文" in body and "[N]. 荆州区新闻, 2025-05-12" in body
    assert response.context["previous_article"]["pk"] == archive["economy"].pk
    assert response.context["next_article"] is None
    # Shares 朱翊 with the economy article.
    assert [a.pk for a in response.context["related"]] == [archive["economy"].pk]


def test_article_page_byline_links_people_and_paragraphs(client, archive):
    response = client.get(archive["economy"].get_absolute_url())
    body = text(response)
    assert f'通讯员<a href="{archive["wang"].get_absolute_url()}">王思奇</a>' in body
    assert body.count("<p>") >= 2
    assert "<p>区委书记朱翊出席会议并讲话。</p>" in body
    related = [a.pk for a in response.context["related"]]
    assert related[0] in {archive["old"].pk, archive["flood"].pk}
    assert archive["draft"].pk not in related


def test_article_page_highlights_the_search_that_led_there(client, archive):
    body = text(client.get(archive["economy"].get_absolute_url() + "?q=经济"))
    assert "两区<mark>经济</mark>形势分析会召开" in body


def test_article_page_sends_last_modified_and_answers_conditional_get(client, archive):
    url = archive["economy"].get_absolute_url()
    response = client.get(url)
    assert response.has_header("Last-Modified") and response.has_header("ETag")
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_pages_send_security_headers(client, archive):
    response = client.get("/articles/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# --- Article list: filters, sort, facets -------------------------------------------------

def test_list_defaults_to_newest_first(client, archive):
    response = client.get("/articles/")
    assert listed_headlines(response) == ["两区经济形势分析会召开", "荆州区开展防汛演练", "冬季农田水利建设启动"]
    assert listed_headlines(client.get("/articles/?sort=oldest"))[0] == "冬季农田水利建设启动"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2024", {"冬季农田水利建设启动"}),
        ("date_from=2025-01-01", {"两区经济形势分析会召开", "荆州区开展防汛演练"}),
        ("date_to=2024-12-31", {"冬季农田水利建设启动"}),
        ("section=乡村振兴", {"冬季农田水利建设启动"}),
        ("tag=经济", {"两区经济形势分析会召开", "冬季农田水利建设启动"}),
        ("has_photo=true", {"荆州区开展防汛演练"}),
        ("has_photo=false", {"两区经济形势分析会召开", "冬季农田水利建设启动"}),
        ("q=防汛", {"荆州区开展防汛演练"}),
        ("q=经济&tag=经济&year=2025", {"两区经济形势分析会召开"}),
    ],
)
def test_each_filter_narrows_the_list(client, archive, query, expected):
    assert set(listed_headlines(client.get(f"/articles/?{query}"))) == expected


def test_issue_and_person_role_filters(client, archive):
    zhu, wang, yun = archive["zhu"], archive["wang"], archive["yun"]
    assert set(listed_headlines(client.get(f"/articles/?issue={archive['issue_2024'].pk}"))) == {"冬季农田水利建设启动"}
    assert set(listed_headlines(client.get(f"/articles/?person={zhu.pk}"))) == {"两区经济形势分析会召开", "荆州区开展防汛演练"}
    assert set(listed_headlines(client.get(f"/articles/?person={wang.pk}&role=correspondent"))) == {
        "两区经济形势分析会召开",
        "冬季农田水利建设启动",
    }
    assert listed_headlines(client.get(f"/articles/?person={wang.pk}&role=mentioned")) == []
    assert listed_headlines(client.get(f"/articles/?person={yun.pk}&role=photographer")) == ["荆州区开展防汛演练"]


def test_search_ranks_headline_hits_first_then_newest(client, archive):
    ArticleFactory(issue=IssueFactory(issue_date=dt.date(2025, 9, 1)), headline="秋收进度", body="全区经济运行平稳。")
    response = client.get("/articles/?q=经济")
    assert response.context["sort"] == "relevance"
    assert listed_headlines(response) == ["两区经济形势分析会召开", "秋收进度", "荆州区开展防汛演练", "冬季农田水利建设启动"]
    assert listed_headlines(client.get("/articles/?q=经济&sort=newest"))[0] == "秋收进度"


def test_search_results_have_highlighted_snippets(client, archive):
    body = text(client.get("/articles/?q=防汛演练"))
    assert "荆州区开展<mark>防汛演练</mark>" in body
    assert "组织开展<mark>防汛</mark>应急演练" not in body  # 防汛应急演练 is not 防汛演练
    assert "全区组织开展防汛应急演练" in body


def test_search_with_spaces_requires_every_term(client, archive):
    assert listed_headlines(client.get("/articles/?q=经济+朱翊")) == ["两区经济形势分析会召开"]


def test_facets_count_the_current_result(client, archive):
    facets = client.get("/articles/").context["facets"]
    assert facets["years"] == [{"year": 2025, "n": 2}, {"year": 2024, "n": 1}]
    assert facets["sections"] == [{"section": "要闻", "n": 2}, {"section": "乡村振兴", "n": 1}]
    assert {(row["tag__name"], row["n"]) for row in facets["tags"]} == {("经济", 2), ("防汛", 1)}
    # Ties are ordered by name; 王芸 photographed one article.
    people = sorted((row["person__name"], row["n"]) for row in facets["people"])
    assert people == sorted([("朱翊", 2), ("王思奇", 2), ("王芸", 1)])
    assert facets["people"][-1]["person__name"] == "王芸"
    narrowed = client.get("/articles/?year=2024").context["facets"]
    assert narrowed["years"] == [{"year": 2024, "n": 1}]
    assert [(row["tag__name"], row["n"]) for row in narrowed["tags"]] == [("经济", 1)]
    assert [(row["person__name"], row["n"]) for row in narrowed["people"]] == [("王思奇", 1)]
    assert "秘密人物" not in str(facets) and "内部" not in str(facets)


def test_facet_links_add_to_the_current_filters_and_reset_the_page(client, archive):
    body = text(client.get("/articles/?q=经济&page=1"))
    assert 'href="?q=%E7%BB%8F%E6%B5%8E&amp;year=2024"' in body
    assert "page=" not in re.search(r'href="(\?q=[^"]*year=2024[^"]*)"', body).group(1)


def test_active_filters_are_shown_with_remove_links(client, archive):
    body = text(client.get(f"/articles/?q=经济&person={archive['zhu'].pk}"))
    assert "关键词：经济" in body and "人物：朱翊" in body
    assert f'href="?person={archive["zhu"].pk}"' in body  # removes q, keeps person


def test_pagination_is_shareable_and_forgiving(client, archive):
    for n in range(25):
        ArticleFactory(issue=archive["issue_2024"], position=100 + n, headline=f"旧闻{n:02d}")
    first = client.get("/articles/?year=2024")
    assert len(first.context["articles"]) == 20
    second = client.get("/articles/?year=2024&page=2")
    assert len(second.context["articles"]) == 6
    assert 'href="?page=2&amp;year=2024"' in text(first)
    assert client.get("/articles/?page=abc").status_code == 200
    assert client.get("/articles/?page=99999").context["page_obj"].number == 2


def test_invalid_filters_are_reported_and_ignored(client, archive):
    response = client.get("/articles/?date_from=2025-13-45&year=abc&q=防汛")
    assert response.status_code == 200
    assert "部分条件无效" in text(response)
    assert listed_headlines(response) == ["荆州区开展防汛演练"]


def test_corrected_article_is_found_on_the_site_immediately(client, archive):
    article = archive["old"]
    article.body = "各乡镇冬修水利，荆江大堤加固工程完工。"
    article.save()
    assert listed_headlines(client.get("/articles/?q=荆江大堤")) == ["冬季农田水利建设启动"]


# --- People, photos, tags ------------------------------------------------------------------

def test_people_list_filters_by_role_and_name_or_alias(client, archive):
    names = lambda r: [p.name for p in r.context["people"]]  # noqa: E731
    assert names(client.get("/people/")) == sorted(["朱翊", "王思奇", "王芸"])
    assert names(client.get("/people/?role=photographer")) == ["王芸"]
    assert names(client.get("/people/?role=correspondent")) == ["王思奇"]
    assert names(client.get("/people/?name=朱翎")) == ["朱翊"]  # alias
    assert names(client.get("/people/?role=nonsense")) == names(client.get("/people/"))
    body = text(client.get("/people/"))
    assert "提及 2" in body


@pytest.mark.parametrize("drafts_subtracted", [2000, 0])  # few drafts / too many to subtract
def test_people_list_counts_only_published_credits(client, archive, django_assert_max_num_queries, monkeypatch, drafts_subtracted):
    from articles.models import ArticlePerson
    from tests.factories import ArticlePersonFactory

    monkeypatch.setattr("articles.site.people_views.DRAFTS_SUBTRACTED", drafts_subtracted)
    ArticlePersonFactory(article=archive["draft"], person=archive["zhu"], role=ArticlePerson.Role.MENTIONED)
    ArticlePersonFactory(article=archive["draft"], person=archive["wang"], role=ArticlePerson.Role.PHOTOGRAPHER)
    with django_assert_max_num_queries(10):
        response = client.get("/people/")
    counts = {person.name: person.role_counts for person in response.context["people"]}
    assert counts["朱翊"] == {ArticlePerson.Role.MENTIONED: 2}
    assert counts["王思奇"] == {ArticlePerson.Role.CORRESPONDENT: 2}  # the draft's photo credit is not shown


def test_person_page_titles_over_time_and_work_by_year(client, archive):
    response = client.get(archive["zhu"].get_absolute_url())
    titles = [(row["title"], row["first"].value, row["last"].value) for row in response.context["titles"]]
    assert titles == [("区委书记", dt.date(2025, 5, 12), dt.date(2025, 5, 12)), ("区长", dt.date(2025, 5, 12), dt.date(2025, 5, 12))]
    body = text(response)
    assert "提及的文章" in body and "2025年" in body and "朱翎" in body
    wang = client.get(archive["wang"].get_absolute_url())
    sections = {role: years for role, _label, years, _total in wang.context["sections"]}
    assert [year for year, _ in sections["correspondent"]] == [2025, 2024]
    yun = client.get(archive["yun"].get_absolute_url())
    assert yun.context["photo_count"] == 1
    assert "拍摄的图片" in text(yun)


def test_photo_gallery_filters_by_photographer_and_year(client, archive):
    assert [p.caption for p in client.get("/photos/").context["photos"]] == ["防汛演练现场。（王芸 摄）"]
    assert len(client.get("/photos/?year=2024").context["photos"]) == 0
    assert len(client.get(f"/photos/?photographer={archive['yun'].pk}").context["photos"]) == 1
    assert len(client.get(f"/photos/?photographer={archive['secret_person'].pk}").context["photos"]) == 0
    assert client.get("/photos/?year=abc&photographer=-1").status_code == 200


def test_tag_pages(client, archive):
    response = client.get("/tags/")
    assert [(t.name, t.n) for t in response.context["tags"]] == [("经济", 2), ("防汛", 1)]
    tag_page = client.get(archive["economy_tag"].get_absolute_url())
    assert set(listed_headlines(tag_page)) == {"两区经济形势分析会召开", "冬季农田水利建设启动"}
    assert client.get("/tags/不存在/").status_code == 404


def test_unpublishing_removes_an_article_everywhere(client, archive):
    Article.objects.filter(pk=archive["flood"].pk).update(is_published=False)
    assert client.get(archive["flood"].get_absolute_url()).status_code == 404
    assert "荆州区开展防汛演练" not in text(client.get("/articles/"))
    assert client.get(archive["yun"].get_absolute_url()).status_code == 404
    assert client.get(archive["flood_tag"].get_absolute_url()).status_code == 404


def test_the_planners_estimate_never_becomes_the_count_or_the_pages(client, archive, monkeypatch):
    # The estimate only chooses how to search (walking the newest articles for a "common"
    # term): three real matches are three, on one page, not 3,500 pages of an estimated 70,000.
    monkeypatch.setattr("articles.search.estimate_candidates", lambda queryset, query, **kwargs: 70_000)
    response = client.get("/articles/?q=经济")
    assert "共 <strong>3</strong> 篇" in text(response)
    assert response.context["paginator"].num_pages == 1
    assert len(response.context["articles"]) == 3
    monkeypatch.setattr("articles.search.estimate_candidates", lambda queryset, query, **kwargs: 40)
    assert "共 <strong>3</strong> 篇" in text(client.get("/articles/?q=经济"))  # small: exact


def test_facets_of_a_big_result_count_the_newest_articles_and_say_so(client, archive, monkeypatch):
    monkeypatch.setattr("articles.site.views.articles.FACET_SAMPLE", 2)
    response = client.get("/articles/")
    assert response.context["facets"]["years"] == [{"year": 2025, "n": 2}]
    assert "以下按最新的 2 篇统计" in text(response)


def test_home_statistics_are_computed_once_per_publication_generation(client, archive):
    client.force_login(UserFactory(username="desk", is_staff=True))  # staff: the page itself is not cached
    with CaptureQueriesContext(connection) as cold:
        assert client.get("/").context["article_count"] == 3
    with CaptureQueriesContext(connection) as warm:
        assert client.get("/").context["article_count"] == 3
    assert len(warm) < len(cold)  # the whole-archive aggregates were not run again
    ArticleFactory(issue=archive["issue_2024"], position=50, headline="新文章")
    assert client.get("/").context["article_count"] == 4  # a new generation: counted at once


def test_a_search_with_many_matches_asks_to_narrow_down_instead_of_faceting(client, archive, monkeypatch):
    from articles.site.views import ArticleListView

    monkeypatch.setattr(ArticleListView, "search_facet_limit", 2)
    response = client.get("/articles/?q=经济")
    assert response.context["facets"] is None
    assert "加上年份、栏目等条件后显示分类统计" in text(response)
    assert client.get("/articles/?q=经济&year=2024").context["facets"]["years"] == [{"year": 2024, "n": 1}]
