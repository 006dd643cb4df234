"""The import's hint knowledge grows file by file; what it finds must be exactly what a context
built at once from the same names and texts finds (no database)."""

from collections import Counter

import pytest

from articles.hints import context as context_module
from articles.hints.context import HintContext
from articles.hints.glyphs import similar_pairs
from articles.hints.rules import HINT_FIELDS, find_hints
from articles.hints.text import ngram_counts
from articles.ingest.rows import article_fields, people_named
from articles.ocr import parse_issue


@pytest.fixture(scope="module")
def issues():
    from tests.conftest import SEEDS_DIR

    parsed = [parse_issue(path.read_text(encoding="utf-8")) for path in sorted(SEEDS_DIR.glob("*.txt"))]
    return [(people_named(p), [article_fields(a, p) for a in p.articles]) for p in parsed]


def texts_of(issues) -> list[str]:
    return [fields[name] for _, articles in issues for fields in articles for name in HINT_FIELDS if fields[name]]


def hints_found(context: HintContext, texts: list[str]) -> list[list[tuple]]:
    return [[(h.kind, h.start, h.end, h.suggestion) for h in find_hints(text, context)] for text in texts]


def test_a_context_learning_file_by_file_finds_what_one_built_at_once_finds(issues):
    lookalikes = similar_pairs()
    growing = HintContext(terms=frozenset({"苎麻", "荆州日报"}), lookalikes=lookalikes, ngrams=Counter())
    growing.variants()
    growing.rare_tables(5)  # built early, then kept up to date
    for names, articles in issues:
        growing.add_people(names)
        growing.add_texts([fields["body"] for fields in articles])
    names = {n for names, _ in issues for n in names if len(n) >= 2}
    bodies = [fields["body"] for _, articles in issues for fields in articles]
    at_once = HintContext(
        terms=frozenset({"苎麻", "荆州日报"} | names), people=frozenset(names),
        lookalikes=lookalikes, ngrams=ngram_counts(bodies),
    )
    assert growing.ngrams == at_once.ngrams
    assert growing.variants() == at_once.variants()
    assert growing._twins == at_once._twins
    grown, built = growing.rare_tables(5), at_once.rare_tables(5)
    assert (grown.candidates, grown.bigrams, grown.slots) == (built.candidates, built.bigrams, built.slots)
    texts = texts_of(issues)
    found = hints_found(growing, texts)
    assert found == hints_found(at_once, texts)
    assert any(found)  # not an empty comparison


def test_the_rare_string_rule_finds_the_same_without_its_trigram_index(issues, monkeypatch):
    bodies = [fields["body"] for _, articles in issues for fields in articles]
    texts = texts_of(issues)
    indexed = HintContext(lookalikes=similar_pairs(), ngrams=ngram_counts(bodies))
    assert indexed.rare_tables(5).slots is not None
    monkeypatch.setattr(context_module, "_TRIGRAM_INDEX_MAX_NGRAMS", 0)
    plain = HintContext(lookalikes=similar_pairs(), ngrams=ngram_counts(bodies))
    assert plain.rare_tables(5).slots is None
    assert hints_found(indexed, texts) == hints_found(plain, texts)
