"""The search index holds the same tokens however they are made.

On PostgreSQL the server computes each written article's vector (``newsroom_search_vector``,
the GIN index's expression); since migration 0011 with cheaper definitions, which must give
exactly what the definitions they replaced gave — the index built with those stays in use —
and what the query side cuts in Python (``search.bigrams``). On SQLite the FTS5 triggers call
the Python tokeniser itself; the stored tokens are compared with the same reference.
"""

from __future__ import annotations

import pytest
from django.db import connection

from articles import search
from articles.models import Article
from articles.ocr import parse_issue
from articles.search.postgres import _PG_WORD
from tests.conftest import SEEDS_DIR
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# (kicker, headline, subheadline, body): what OCR text throws at the tokeniser.
EDGE_CASES: list[tuple[str, str, str, str]] = [
    ("", "", "", ""),
    ("", "经", "", "济"),
    ("", "经济", "", "一二三"),
    ("栏目", "两区经济形势 分析会", "副题", "一二三四。五，六七八！"),
    ("", "５月１１日上午", "", "招商引\n资 二〇二五年 APP上线，Ok!"),
    ("", "\u3000经济\u3000发展", "", "经\u00a0济 发\u2002展 ﾃｽﾄ ｶﾞ"),  # ideographic/no-break spaces, half-width kana
    ("", "Ⅻ ①② ㈱ ﬁle", "", "e\u0301 cafe\u0301 Ａ１ｂ２"),  # compatibility forms, combining accents
    ("", "\u1100\u1161\u11a8 한국", "", "\u1112\u1161\u11ab\u1100\u116e\u11a8 어"),  # conjoining jamo
    ("", "𠀀𠀁 𪚥", "", "𠀀a𠀁 ext-B 字"),
    ("#经济", "a|b", "——", "—— ——经济—— |发展| #"),
    (" ", " 经济 ", "\t", "\n\n经\n济\n"),
]


def python_vector(kicker: str, headline: str, subheadline: str, body: str) -> set[str]:
    """The index's tokens as the query side makes them: headline bigrams, again '#'-prefixed
    (a headline hit), and the body's bigrams."""
    title = search.bigrams("|".join([kicker, headline, subheadline]))
    return {*title, *(f"#{token}" for token in title), *search.bigrams(body)}


def seed_articles() -> list[tuple[str, str, str, str]]:
    """Every article of the seed issues, as the importer stores it."""
    samples = []
    for path in sorted(SEEDS_DIR.glob("*.txt"))[:3]:
        for article in parse_issue(path.read_text(encoding="utf-8")).articles:
            samples.append(
                (article.kicker or "", article.headline or "", article.subheadline or "", article.body)
            )
    return samples


# The definitions 0011 replaced (regex captures: 2-3x the server CPU), as the reference.
_PREVIOUS_DEFINITIONS = (
    "CREATE FUNCTION pg_temp.previous_norm(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ "
    "SELECT regexp_replace(translate(normalize(t, NFKC), "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '[ \\t\\n\\r\\f\\v]+', '', 'g') $$",
    "CREATE FUNCTION pg_temp.previous_bigrams(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ "
    "SELECT regexp_replace(s, '([" + _PG_WORD + "])([" + _PG_WORD + "])', '\\1\\2 ', 'g') "
    "|| ' ' || regexp_replace(regexp_replace(s, '(^| )[" + _PG_WORD + "]', '\\1', 'g'), "
    "'([" + _PG_WORD + "])([" + _PG_WORD + "])', '\\1\\2 ', 'g') "
    "FROM (SELECT regexp_replace(pg_temp.previous_norm(t), '[^" + _PG_WORD + "]+', ' ', 'g') AS s) "
    "AS normalised $$",
    "CREATE FUNCTION pg_temp.previous_vector(kicker text, headline text, subheadline text, body text) "
    "RETURNS tsvector LANGUAGE plpgsql IMMUTABLE AS $$ "
    "DECLARE title text := pg_temp.previous_bigrams(concat_ws('|', kicker, headline, subheadline)); "
    "BEGIN RETURN array_to_tsvector(array_remove(regexp_split_to_array("
    "title || ' ' || regexp_replace(title, '([^ ]+)', '#\\1', 'g') || ' ' "
    "|| coalesce(pg_temp.previous_bigrams(body), ''), ' +'), '')); END $$",
)


@pytest.mark.parametrize("source", ["edge cases", "seed articles"])
def test_index_vectors_are_the_query_sides_tokens(source):
    samples = EDGE_CASES if source == "edge cases" else seed_articles()
    assert samples
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in _PREVIOUS_DEFINITIONS:
                cursor.execute(sql)
            for sample in samples:
                cursor.execute(
                    "SELECT tsvector_to_array(newsroom_search_vector(%s, %s, %s, %s)), "
                    "tsvector_to_array(pg_temp.previous_vector(%s, %s, %s, %s)), "
                    "newsroom_search_norm(%s) = pg_temp.previous_norm(%s)",
                    [*sample, *sample, sample[3], sample[3]],
                )
                made_now, made_before, same_norm = cursor.fetchone()
                assert set(made_now) == set(made_before) == python_vector(*sample), sample
                assert same_norm, sample  # the walk's normalised text is unchanged too
        else:
            for sample in samples:
                kicker, headline, subheadline, body = sample
                article = ArticleFactory(
                    kicker=kicker, headline=headline, subheadline=subheadline, body=body
                )
                cursor.execute(
                    "SELECT newsroom_search_text(kicker, headline, subheadline), "
                    "newsroom_search_text(body) FROM articles_article WHERE id = %s",
                    [article.pk],
                )
                title, text = cursor.fetchone()
                title_tokens = title.split()
                stored = {*title_tokens, *(f"#{t}" for t in title_tokens), *text.split()}
                assert stored == python_vector(*sample), sample


def test_articles_written_are_found_through_the_index():
    """A search answered from the index finds what the text holds, whatever its Unicode form
    (conjoining jamo and half-width forms take the NFKC path of the index's function)."""
    composed = ArticleFactory(headline="消息", body="\u1112\u1161\u11ab\u1100\u116e\u11a8 访问")
    fullwidth = ArticleFactory(headline="５月１１日", body="ﾃｽﾄ")
    ArticleFactory(headline="无关", body="其他")

    def found(term: str) -> set[int]:
        query = search.SearchQuery.parse(term)
        return set(search.filter_matching(Article.objects.all(), query).values_list("pk", flat=True))

    assert found("한국") == {composed.pk}
    assert found("5月11日") == {fullwidth.pk}
    assert found("テスト") == {fullwidth.pk}
