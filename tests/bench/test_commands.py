"""generate_corpus and build_archive: the benchmark fixtures other areas rely on."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

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
