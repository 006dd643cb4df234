"""Chinese full-text search: exact-substring semantics, ranking, highlighting, freshness."""

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
