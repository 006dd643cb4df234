"""Chinese full-text search: exact-substring semantics, ranking, highlighting, freshness."""

import datetime as dt
import html
import re

import pytest
from django.db import connection

from articles import search
from articles.models import Article
from articles.search import SearchQuery
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def found(query_text: str, queryset=None, *, scan: bool = False) -> set[int]:
    query = SearchQuery.parse(query_text)
    assert query is not None
    queryset = queryset if queryset is not None else Article.objects.all()
    return set(search.filter_matching(queryset, query, scan=scan).values_list("pk", flat=True))


def substring_truth(query_text: str) -> set[int]:
    """What LIKE '%q%' on the whitespace-free NFKC text says (the semantics we promise)."""
    query = SearchQuery.parse(query_text)
    result = set()
    for article in Article.objects.all():
        text = "|".join(
            search.normalise(part)
            for part in (article.kicker, article.headline, article.subheadline, article.body)
        )
        if all(term in text for term in query.terms):
            result.add(article.pk)
    return result


@pytest.fixture
def corpus():
    return {
        "economy": ArticleFactory(headline="两区经济形势分析会召开", body="会议强调推动经济持续健康发展。"),
        "scattered": ArticleFactory(headline="经验交流", body="救济物资发放到位，经过三天。"),
        "date": ArticleFactory(headline="防汛演练", body="5月11日，荆州区开展防汛演练。"),
        "fullwidth": ArticleFactory(headline="春耕", body="５月１１日上午，春耕生产全面铺开。"),
        "name": ArticleFactory(headline="调研", body="区委书记朱翊到川店镇调研。"),
        "broken": ArticleFactory(headline="招商", body="全力推进招商引\n资工作，项目落地。"),
        "single": ArticleFactory(headline="水", body="长江水位上涨。"),
        "latin": ArticleFactory(headline="APP上线", body="“荆州区发布”App 正式上线。"),
        "draft": ArticleFactory(headline="经济草稿", body="未发布的经济稿件。", is_published=False),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("经济", {"economy", "draft"}),
        ("经", {"economy", "scattered", "draft"}),
        ("济", {"economy", "scattered", "draft"}),
        ("水", {"single"}),
        ("朱翊", {"name"}),
        ("区委书记朱翊", {"name"}),
        ("5月11日", {"date", "fullwidth"}),
        ("５月11日", {"date", "fullwidth"}),
        ("11", {"date", "fullwidth"}),
        ("招商引资", {"broken"}),
        ("经济 健康", {"economy"}),
        ("持续健康发展", {"economy"}),
        ("app", {"latin"}),
        ("荆州区开展防汛", {"date"}),
    ],
)
def test_query_finds_exactly_the_articles_containing_it(corpus, query, expected):
    ids = {corpus[name].pk for name in expected}
    assert found(query) == ids
    assert found(query) == substring_truth(query)
    # PostgreSQL's walk for common terms tests each article's text instead of the index.
    assert found(query, scan=True) == ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("产业升级", {"ideographic space", "line break", "spaces", "plain", "compat digit"}),
        ("11日", {"compat digit", "fullwidth digits", "squared"}),
        ("不断", {"compat ideograph"}),
        ("abc产业", {"fullwidth latin"}),
    ],
)
def test_walk_and_index_agree_on_normalised_text(query, expected):
    """The walk's cheap test (verbatim, or whitespace dropped) defers to full NFKC when needed."""
    articles = {
        "ideographic space": ArticleFactory(headline="会议", body="推动产业\u3000升级。"),
        "line break": ArticleFactory(headline="会议", body="推动产业\n升级。"),
        "spaces": ArticleFactory(headline="会议", body="推动产 业升 级。"),
        "plain": ArticleFactory(headline="产业升级", body="会议召开。"),
        "apart": ArticleFactory(headline="会议", body="产业和升级。"),
        "compat digit": ArticleFactory(headline="会议", body="\u246a日召开，推动产业升级。"),
        "fullwidth digits": ArticleFactory(headline="１１日召开", body="会议。"),
        "squared": ArticleFactory(headline="会议", body="\u33ea召开。"),
        "compat ideograph": ArticleFactory(headline="会议", body="\uf967断推进。"),
        "fullwidth latin": ArticleFactory(headline="会议", body="ＡＢＣ产业园。"),
    }
    ids = {articles[name].pk for name in expected}
    assert substring_truth(query) == ids
    assert found(query) == ids
    assert found(query, scan=True) == ids


def test_nfkc_sensitive_ranges_are_current():
    """The walk's list of characters NFKC may turn into word characters is generated data."""
    assert search.parsed_sensitive_ranges() == search.nfkc_sensitive_ranges()


def test_scattered_characters_are_not_a_match(corpus):
    # 经 and 济 both occur in "scattered" (经验, 救济), but never side by side.
    assert corpus["scattered"].pk not in found("经济")
    assert corpus["economy"].pk not in found("济经")


def test_three_character_terms_need_contiguous_bigrams(corpus):
    # 健康发 and 康发展 ... each bigram of 经济健康 exists in "economy" but not contiguously.
    assert found("经济健康") == substring_truth("经济健康") == set()
    assert found("推动经济持续") == {corpus["economy"].pk}


def test_phrase_across_punctuation_is_two_terms(corpus):
    assert found("“荆州区发布”") == {corpus["latin"].pk}
    assert found("荆州区，防汛") == {corpus["date"].pk}


def test_punctuation_only_query_is_no_query():
    assert SearchQuery.parse("，。！？") is None
    assert SearchQuery.parse("   ") is None
    assert SearchQuery.parse("") is None


def test_sql_metacharacters_are_plain_text(corpus):
    for text in ["' OR 1=1 --", '"经济"', "经济*", "NEAR(经济)", "经济 AND 水", "%_\\"]:
        query = SearchQuery.parse(text)
        if query is not None:
            assert found(text) == substring_truth(text)


def test_published_filter_composes_with_search(corpus):
    assert found("经济", Article.objects.published()) == {corpus["economy"].pk}


def test_corrected_text_is_found_immediately_after_save(corpus):
    article = corpus["single"]
    article.body = "长江水位平稳，荆江大堤安然度汛。"
    article.save()
    assert found("荆江大堤") == {article.pk}
    assert found("上涨") == set()


def test_queryset_update_and_delete_keep_the_index_current(corpus):
    Article.objects.filter(pk=corpus["name"].pk).update(
        headline="乡村振兴座谈会", body="区委书记朱翊出席座谈会。"
    )
    assert found("乡村振兴") == {corpus["name"].pk}
    assert found("调研") == set()
    corpus["date"].delete()
    assert found("防汛演练") == set()


def test_bulk_create_is_indexed(issue):
    Article.objects.bulk_create(
        [Article(issue=issue, position=i, headline=f"稻虾共作{i}", body="稻虾", ocr_text="") for i in range(3)]
    )
    assert len(found("稻虾共作")) == 3


def test_headline_hit_annotation(corpus):
    query = SearchQuery.parse("经济")
    rows = dict(
        search.annotate_headline_hit(search.filter_matching(Article.objects.all(), query), query)
        .values_list("pk", "headline_hit")
    )
    assert rows == {corpus["economy"].pk: True, corpus["draft"].pk: True}
    body_only = ArticleFactory(headline="会议", body="推动经济发展")
    rows = dict(
        search.annotate_headline_hit(Article.objects.filter(pk=body_only.pk), query).values_list(
            "pk", "headline_hit"
        )
    )
    assert rows == {body_only.pk: False}


def test_database_tokenisation_matches_python():
    """The SQL function that feeds the index cuts text exactly as the query side does."""
    samples = ["两区经济形势 分析会", "５月１１日上午", "招商引\n资", "APP上线，Ok!", "水", "二〇二五年", "a"]
    function = "newsroom_search_bigrams" if connection.vendor == "postgresql" else "newsroom_search_text"
    with connection.cursor() as cursor:
        for sample in samples:
            cursor.execute(f"SELECT {function}(%s)", [sample])
            database_tokens = sorted(cursor.fetchone()[0].split())
            assert database_tokens == sorted(search.bigrams(sample)), sample


def test_highlight_marks_the_original_text_allowing_whitespace():
    query = SearchQuery.parse("招商引资")
    html = search.highlight("推进招商引\n资工作<b>", query)
    assert html == "推进<mark>招商引\n资</mark>工作&lt;b&gt;"


def test_highlight_fullwidth_digits():
    query = SearchQuery.parse("5月11日")
    assert search.highlight("５月１１日上午", query) == "<mark>５月１１日</mark>上午"


def test_snippet_centres_on_the_first_match_and_escapes():
    text = "开头" * 100 + "<script>经济</script>" + "结尾" * 100
    result = search.snippet(text, SearchQuery.parse("经济"), length=60)
    assert "<mark>经济</mark>" in result
    assert "<script>" not in result
    assert result.startswith("…") and result.endswith("…")
    assert len(re.sub("<[^>]+>", "", result)) < 100


# --- Every match reachable: numbered pages while counted, keyset links beyond ------------------

PAGE = 4  # rows per page in these tests (the site shows 20)
LINK_RE = re.compile(r'<a rel="(next|prev)" href="([^"]+)"')


@pytest.fixture
def flood_archive():
    """23 published matches of 防汛抗旱 over a few dates (ties, undated ones), headline hits
    among them, plus articles that must never be listed: non-matching ones and a draft."""
    from tests.factories import IssueFactory

    issues = [IssueFactory(issue_date=dt.date(2024, 7, day)) for day in (1, 2, 3)]
    undated = IssueFactory(issue_date=None)
    matches = []
    for n in range(23):
        issue = undated if n % 7 == 3 else issues[n % 3]
        in_headline = n % 5 == 0
        matches.append(ArticleFactory(
            issue=issue,
            position=100 + n,
            headline=f"防汛抗旱第{n}报" if in_headline else f"会议{n}",
            body="全区部署防汛抗旱工作。" if not in_headline or n % 2 else "会议召开。",
            date=issue.issue_date,
        ))
    ArticleFactory(issue=issues[0], position=1, headline="防汛抗旱草稿", body="防汛抗旱", is_published=False)
    for n in range(5):
        ArticleFactory(issue=issues[n % 3], position=200 + n, headline="春耕", body="春耕生产。")
    return matches


def expected_order(matches, query_text: str, sort: str) -> list[int]:
    """The order the pages must show, as the database itself orders dates (NULLs included)."""
    query = SearchQuery.parse(query_text)
    ids = [a.pk for a in matches]
    if sort == "oldest":
        return list(Article.objects.filter(pk__in=ids).order_by("date", "issue_id", "position").values_list("pk", flat=True))
    newest = list(Article.objects.filter(pk__in=ids).order_by("-date", "issue_id", "position").values_list("pk", flat=True))
    if sort == "newest":
        return newest
    hits = {a.pk for a in matches if all(term in search.normalise(a.headline) for term in query.terms)}
    return [pk for pk in newest if pk in hits] + [pk for pk in newest if pk not in hits]


def follow(client, url: str, direction: str, *, limit: int = 50):
    """The pages met following rel=next (or rel=prev) links from ``url``: (ids, response, url)."""
    pages = []
    while url and len(pages) < limit:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(([a.pk for a in response.context["articles"]], response, url))
        links = dict(LINK_RE.findall(response.content.decode()))
        url = html.unescape(f"/articles/{links[direction]}") if direction in links else None
    return pages


@pytest.fixture
def small_pages(monkeypatch):
    """Four rows a page, and "common" above five matches: the big-archive paths on a small one."""
    from articles.site.views import ArticleListView

    monkeypatch.setattr(ArticleListView, "paginate_by", PAGE)
    monkeypatch.setattr("articles.search.COMMON_ABOVE", 5)


ESTIMATES = {
    # The planner's estimate says huge: walked, never counted ("篇数从略").
    "walked uncounted": 10**7,
    # The estimate says small (as after a VACUUM, or wrongly): counted through the index,
    # 23 > 5 so "超过 5 篇", walked or not as is cheaper.
    "counted": 3,
    # "Common", but a quarter of the real matches (a phrase's bigrams taken as independent, or
    # dead rows): pages from the estimate would leave most matches unreachable.
    "underestimated": 6,
}


@pytest.mark.parametrize("state", list(ESTIMATES))
@pytest.mark.parametrize("query_text", ["防汛", "防汛抗旱"])
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_the_last_match_is_reached_by_following_next_links_in_the_ui(
    client, flood_archive, small_pages, monkeypatch, state, query_text, sort
):
    monkeypatch.setattr("articles.search.estimate_candidates", lambda queryset, query, **kwargs: ESTIMATES[state])
    expected = expected_order(flood_archive, query_text, sort)
    first = f"/articles/?q={query_text}&sort={sort}"
    pages = follow(client, first, "next")
    listed = [pk for ids, *_ in pages for pk in ids]
    assert listed == expected  # every match once, in order, the last one included
    assert [len(ids) for ids, *_ in pages] == [PAGE] * 5 + [3]
    # The page says what it knows, never an estimate; no "of N pages" it cannot know.
    body = pages[0][1].content.decode()
    if state == "walked uncounted":
        assert "篇数从略" in body and "超过" not in body
    else:  # counted, whatever the estimate said
        assert "超过 <strong>5</strong> 篇" in body
    assert "第 1 页" in body and "第 1 / " not in body
    assert "第 6 页" in pages[-1][1].content.decode()
    # Back again by "previous" links, page by page, to the plain first page.
    back = follow(client, pages[-1][2], "prev")
    assert [ids for ids, *_ in back] == [ids for ids, *_ in reversed(pages)]
    assert "after=" not in back[-1][2] and "before=" not in back[-1][2]  # the plain first page


def test_a_small_result_is_counted_and_numbered(client, flood_archive, small_pages, monkeypatch):
    monkeypatch.setattr("articles.search.COMMON_ABOVE", 100)
    pages = follow(client, "/articles/?q=防汛", "next")
    assert [pk for ids, *_ in pages for pk in ids] == expected_order(flood_archive, "防汛", "relevance")
    body = pages[0][1].content.decode()
    assert "共 <strong>23</strong> 篇" in body and "第 1 / 6 页" in body
    # A page number alone still works (by offset) within the counted range.
    assert [a.pk for a in client.get("/articles/?q=防汛&page=6").context["articles"]] == pages[-1][0]


def test_a_far_page_costs_what_the_first_costs(client, flood_archive, small_pages, monkeypatch):
    """Following links, page N runs the same queries as page 1, none of them with an OFFSET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("articles.search.estimate_candidates", lambda queryset, query, **kwargs: 10**7)
    pages = follow(client, "/articles/?q=防汛抗旱", "next")
    urls = [url for *_, url in pages]
    counts = []
    for url in urls[1:]:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
        assert not any("OFFSET" in q["sql"].upper() for q in queries.captured_queries), url
    with CaptureQueriesContext(connection) as first:
        client.get(urls[0])
    # At most two narrow queries more, where a page starts in the headline hits and runs on into
    # the other matches, or reaches the undated articles: the same for page 6 as for page 6,000.
    assert max(counts) <= len(first) + 2


def test_changing_a_filter_leaves_the_keyset_place_behind(client, flood_archive, small_pages, monkeypatch):
    monkeypatch.setattr("articles.search.estimate_candidates", lambda queryset, query, **kwargs: 10**7)
    _, second, url = follow(client, "/articles/?q=防汛", "next", limit=2)[1]
    assert "after=" in url
    sort_link = re.search(r'<a href="([^"]*sort=newest[^"]*)"', second.content.decode()).group(1)
    assert "after=" not in sort_link and "page=" not in sort_link


def test_a_mangled_keyset_place_is_ignored_for_the_page_number(client, flood_archive, small_pages):
    second = [a.pk for a in client.get("/articles/?q=防汛&page=2").context["articles"]]
    assert second == expected_order(flood_archive, "防汛", "relevance")[PAGE : 2 * PAGE]
    for bad in ["x", "1.2024-13-40.1.1", "2.2024-07-01.1.1", "1.-.1", "0.2024-07-01.1.99999999999999999999"]:
        response = client.get(f"/articles/?q=防汛&page=2&after={bad}")
        assert response.status_code == 200
        assert [a.pk for a in response.context["articles"]] == second
    # Numbers beyond the first COMMON_ABOVE matches are reached by links, not typed: the
    # last numbered page, as for any page number past the end.
    assert [a.pk for a in client.get("/articles/?q=防汛&page=9").context["articles"]] == second


# --- The same through the JSON API -------------------------------------------------------------

def api_follow(client, url: str, direction: str, *, limit: int = 50) -> list[dict]:
    pages = []
    while url and len(pages) < limit:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        data = response.json()
        pages.append(data)
        url = data[direction]
    return pages


@pytest.mark.parametrize("state", list(ESTIMATES))
@pytest.mark.parametrize("query_text", ["防汛", "防汛抗旱"])
def test_the_last_match_is_reached_by_following_next_links_in_the_api(
    client, flood_archive, small_pages, monkeypatch, state, query_text
):
    monkeypatch.setattr("articles.search.estimate_candidates", lambda queryset, query, **kwargs: ESTIMATES[state])
    pages = api_follow(client, f"/api/articles/?q={query_text}&page_size={PAGE}", "next")
    assert [row["id"] for page in pages for row in page["results"]] == expected_order(flood_archive, query_text, "relevance")
    assert [page["page"] for page in pages] == [1, 2, 3, 4, 5, 6]
    # The README's contract, extended: count is a lower bound unless count_exact; pages unknown.
    first = pages[0]
    assert set(first) == {"count", "count_exact", "page", "pages", "next", "previous", "results"}
    assert first["count_exact"] is False and first["pages"] is None
    # What is known for certain: more than five (counted), or this page and one more (walked).
    assert first["count"] == (PAGE + 1 if state == "walked uncounted" else 6)
    back = api_follow(client, pages[-2]["next"], "previous")  # from the last page's own URL
    assert [row["id"] for page in reversed(back) for row in page["results"]] == [
        row["id"] for page in pages for row in page["results"]
    ]


def test_the_api_counts_a_small_result_exactly(client, flood_archive, monkeypatch):
    data = client.get("/api/articles/?q=防汛&page_size=4").json()
    assert (data["count"], data["count_exact"], data["pages"]) == (23, True, 6)
    assert client.get("/api/articles/?q=防汛&page_size=4&page=6").json()["next"] is None
    assert client.get("/api/articles/?q=防汛&page_size=4&page=7").status_code == 404


def test_the_api_refuses_a_mangled_place_and_unnumbered_depths(client, flood_archive, small_pages, monkeypatch):
    monkeypatch.setattr("articles.search.estimate_candidates", lambda queryset, query, **kwargs: 10**7)
    assert client.get("/api/articles/?q=防汛&page=2&after=nonsense").status_code == 400
    assert client.get("/api/articles/?q=防汛&after=1.2024-07-01.1.1").status_code == 400  # no page
    # Beyond the numbered range a page is reached by its link, not its number.
    assert client.get("/api/articles/?q=防汛&page_size=4&page=3").status_code == 404
    assert client.get("/api/articles/?q=防汛&page_size=4&page=2").status_code == 200


def test_keyset_places_round_trip_and_reject_garbage():
    for place in [
        search.Cursor(hit=True, date=dt.date(2025, 5, 12), issue_id=812, position=3),
        search.Cursor(hit=False, date=None, issue_id=1, position=0),
    ]:
        assert search.Cursor.decode(place.encode()) == place
    for bad in [None, "", "1.2025-05-12.8", "3.2025-05-12.8.1", "1.2025-02-30.8.1", "1.-.a.1", "1.-.１.1"]:
        assert search.Cursor.decode(bad) is None
