"""The synthetic corpus generator: deterministic, varied, made of the seeds' own material."""

import datetime as dt
import re
from collections import Counter

import pytest

from articles.bench.synthetic import (
    CorpusGenerator,
    Layout,
    load_material,
    lunar_date_text,
    write_corpus,
)


@pytest.fixture(scope="module")
def generator() -> CorpusGenerator:
    return CorpusGenerator(seed=7)


def test_same_seed_gives_the_same_issues_and_another_seed_others(generator):
    again = CorpusGenerator(seed=7)
    other = CorpusGenerator(seed=8)
    assert [generator.issue(i).render() for i in range(10)] == [again.issue(i).render() for i in range(10)]
    assert [generator.issue(i).render() for i in range(10)] != [other.issue(i).render() for i in range(10)]


def test_a_small_corpus_is_the_start_of_a_large_one(tmp_path):
    write_corpus(tmp_path / "small", 3, seed=3)
    write_corpus(tmp_path / "large", 6, seed=3)
    small = sorted((tmp_path / "small").iterdir())
    large = sorted((tmp_path / "large").iterdir())
    assert [p.name for p in small] == [p.name for p in large[:3]]
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in large[:3]]


def test_issues_have_distinct_dates_varied_sizes_and_every_seed_layout(generator):
    issues = list(generator.issues(60))
    dates = [issue.date for issue in issues]
    assert len(set(dates)) == len(dates)
    assert dates == sorted(dates)
    assert len({len(issue.articles) for issue in issues}) >= 5
    assert {issue.layout for issue in issues} == set(Layout)
    assert any(issue.photos for issue in issues)


def test_articles_recombine_the_seeds_paragraphs_and_bylines(generator):
    material = load_material()
    seed_text = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in sorted(material_dir().glob("*.txt"))
    )
    articles = [a for issue in generator.issues(20) for a in issue.articles]
    assert len({a.headline for a in articles}) >= 20
    # Paragraph text comes from the seeds: the longest name-free stretch of a paragraph is
    # printed somewhere in a seed (modulo the seeds' line breaks and punctuation widths).
    flat_seeds = squash(seed_text)
    for article in articles[:30]:
        longest = max(re.split("|".join(material.seed_names | {n for a in articles for n in names_of(a)}) + r"|\d+", article.paragraphs[-1]), key=len)
        assert squash(longest)[:12] in flat_seeds
    bylines = {a.byline for a in articles}
    assert any(b.startswith("本报讯（通讯员") for b in bylines)
    assert all(a.correspondents or a.byline == "本报讯" for a in articles)
    # Thousands of recombined people, not only the seeds' few dozen names.
    names = {n for a in articles for n in a.correspondents}
    assert len(names - material.seed_names) > 10


def test_wrapped_issues_print_the_article_text_in_narrow_columns(generator):
    issue = next(i for i in generator.issues(40) if i.layout is Layout.WRAPPED)
    text = issue.render()
    widths = Counter(len(line) for line in text.splitlines() if line.strip())
    assert widths.most_common(1)[0][0] == issue.wrap_width
    article = issue.articles[0]
    assert squash(article.paragraphs[-1]) in squash(text)
    assert article.byline in text.replace("\n", "")


def test_markdown_issues_carry_the_masthead_and_the_lunar_date(generator):
    issue = next(i for i in generator.issues(40) if i.layout is Layout.MARKDOWN)
    text = issue.render()
    assert text.startswith("# 荆州区新闻\n")
    assert issue.lunar_date and issue.lunar_date in text
    assert "## " + squash(issue.articles[0].headline) in squash_lines(text)


def test_lunar_dates_are_printed_as_on_seed_001():
    assert lunar_date_text(dt.date(2025, 8, 26)) == "乙巳年七月初四"
    assert lunar_date_text(dt.date(2024, 2, 10)) == "甲辰年正月初一"


def test_render_chunks_attribute_every_article_its_own_text(generator):
    issue = generator.issue(5)
    chunks = issue.render_chunks()
    assert "".join(text for _, text in chunks) == issue.render()
    for index, article in enumerate(issue.articles):
        own = "".join(text for owner, text in chunks if owner == index)
        assert squash(article.paragraphs[0])[:30] in squash(own)


def material_dir():
    from articles.bench.synthetic import SEEDS_DIR

    return SEEDS_DIR


def names_of(article):
    return [*article.correspondents, *(m.name for m in article.people)]


def squash_lines(text: str) -> str:
    return "\n".join(squash(line).replace("##", "## ", 1) for line in text.splitlines())


def squash(text: str) -> str:
    """Compare text across layouts: no whitespace, one width of punctuation."""
    table = str.maketrans({",": "，", "(": "（", ")": "）", ";": "；", ":": "：", '"': "“", "”": "“"})
    return re.sub(r"\s+", "", text).translate(table)
