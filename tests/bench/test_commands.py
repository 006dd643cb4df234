"""generate_corpus and build_archive: the benchmark fixtures other areas rely on."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles import search
from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Photo
from people.models import Person

pytestmark = pytest.mark.django_db


def run(name: str, *args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue()


def test_generate_corpus_writes_n_issue_files(tmp_path):
    out = run("generate_corpus", "7", "--out", str(tmp_path / "corpus"), "--seed", "4")
    files = sorted((tmp_path / "corpus").iterdir())
    assert len(files) == 7
    assert all(f.suffix == ".txt" and "本报讯" in f.read_text(encoding="utf-8") for f in files)
    assert "生成 7 个文件" in out


def test_generate_corpus_refuses_a_non_positive_count(tmp_path):
    with pytest.raises(CommandError):
        call_command("generate_corpus", "0", "--out", str(tmp_path), stdout=StringIO())


def test_build_archive_adds_exactly_the_articles_asked_for_with_people_photos_and_history():
    out = run("build_archive", "--articles", "200")
    assert Article.objects.count() == 200
    assert "200 篇文章" in out
    issues = Issue.objects.count()
    assert 200 / 12 <= issues <= 200 / 3 + 1
    assert Issue.objects.values("issue_date", "page").distinct().count() == issues
    assert Photo.objects.exists()
    assert ArticlePerson.objects.filter(role="correspondent").count() >= 150
    assert ArticlePerson.objects.filter(role="mentioned").exclude(title="").exists()
    assert Person.objects.count() > 1000
    assert Article.objects.filter(tags__isnull=False).distinct().count() > 50
    # Every article is stored as the importer stores one: OCR lines, body, first revision.
    assert ArticleRevision.objects.filter(comment="OCR 导入").count() == 200
    article = Article.objects.order_by("pk").first()
    assert article.ocr_text and article.body
    assert article.revisions.get().snapshot["body"] == article.body
    assert Article.objects.published().count() == 0


def test_build_archive_is_searchable_at_once_and_can_publish():
    run("build_archive", "--articles", "60", "--publish")
    assert Article.objects.published().count() == 60
    article = Article.objects.order_by("pk")[10]
    word = article.body[:6]
    query = search.SearchQuery.parse(word)
    found = search.filter_matching(Article.objects.all(), query)
    assert article in found


def test_build_archive_run_twice_appends_without_touching_existing_rows():
    run("build_archive", "--articles", "40")
    first = list(Article.objects.order_by("pk").values_list("pk", "body"))
    run("build_archive", "--articles", "40")
    assert Article.objects.count() == 80
    assert list(Article.objects.order_by("pk").values_list("pk", "body"))[:40] == first


@pytest.mark.django_db(transaction=True)
def test_build_archive_in_several_processes_writes_each_issue_once():
    # On PostgreSQL the batches go to two writer processes; SQLite always writes in one.
    run("build_archive", "--articles", "120", "--batch", "3", "--workers", "2")
    assert Article.objects.count() == 120
    names = sorted(Issue.objects.values_list("source_name", flat=True))
    # Issues 0 … n-1 of the seed, each exactly once, whichever process wrote it.
    assert names == [f"archive-s1_{index:06d}.txt" for index in range(len(names))]
    assert ArticleRevision.objects.count() == 120


def test_build_archive_leaves_the_tables_analysed():
    """The planner knows the new rows at once (the search index's statistics included)."""
    run("build_archive", "--articles", "60", "--publish")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tablename, attname FROM pg_stats WHERE tablename IN (%s, %s)",
                           ["articles_article", "articles_search_gin"])
            analysed = {row[0] for row in cursor.fetchall()}
            assert analysed == {"articles_article", "articles_search_gin"}
        else:
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            analysed = {row[0] for row in cursor.fetchall()}
            assert {"articles_article", "articles_issue", "articles_articleperson"} <= analysed


def test_bench_site_follows_next_links_to_the_last_match(tmp_path, settings):
    """The benchmark reaches deep pages the way readers do, and checks every match is met."""
    settings.STATIC_ROOT = tmp_path
    run("build_archive", "--articles", "300", "--publish")
    out = run("bench_site", "--repeat", "1", "--baseline-repeat", "1", "--load-seconds", "0",
              "--terms", "会,发展", "--deep-rows", "100", "--walk-to-end")
    assert "| API q=会 |" in out
    for term in ("会", "发展"):
        exact = search.filter_matching(Article.objects.published(), search.SearchQuery.parse(term)).count()
        assert exact > 100
        assert f"{term}：沿 API 的 next 链接（每页 100 篇）翻到最后一篇" in out
        assert f"{exact:,} 篇（= 完整计数）" in out
        assert f"| {term} | 第 6 页 |" in out
