"""bench_import on a tiny corpus: a fresh throwaway database per size, figures reported."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.bench.import_bench import ImportRun
from articles.bench.synthetic import CorpusGenerator
from articles.models import Article, Issue
from articles.ocr import parse_issue

pytestmark = pytest.mark.django_db


def test_generated_issues_parse_into_their_articles_and_bylines():
    generator = CorpusGenerator(seed=11)
    matching = found_names = printed_names = 0
    for index in range(12):
        issue = generator.issue(index)
        parsed = parse_issue(issue.render())
        matching += len(parsed.articles) == len(issue.articles)
        found = {m.name for a in parsed.articles for m in a.correspondents}
        printed = {n for a in issue.articles for n in a.correspondents}
        found_names += len(found & printed)
        printed_names += len(printed)
        bodies = "".join(a.body for a in parsed.articles)
        assert issue.articles[-1].paragraphs[-1][-20:].replace("，", ",") in bodies.replace("，", ",")
    assert matching >= 10
    # Most byline names come back (several names wrapped across a narrow column's line
    # break are the hard case).
    assert found_names >= printed_names * 0.6


def test_bench_import_reports_speed_and_memory_per_corpus_size_without_touching_the_database():
    Issue.objects.create(source_name="mine.txt", content_hash="x" * 64, ocr_text="我的数据")
    out = StringIO()
    call_command(
        "bench_import", "--issues", "4", "--rss-at", "2", "--json", stdout=out, stderr=StringIO()
    )
    runs = json.loads(out.getvalue())
    assert [run["issues"] for run in runs] == [2, 4]
    for run in runs:
        assert run["failed"] == 0
        assert run["articles"] >= run["issues"] * 2
        assert run["issues_per_second"] > 0
        # The path import_seeds runs: a parse-only pass timed, and the hint counts made.
        assert run["dry_run_seconds"] > 0 and run["dry_run_ratio"] > 0
        assert run["hints"] > 0
        assert 20 < run["peak_rss_mb"] < 1000
    # The benchmark imported into a database of its own: ours is as it was.
    assert list(Issue.objects.values_list("source_name", flat=True)) == ["mine.txt"]
    assert not Article.objects.exists()


def test_bench_import_prints_a_table_and_whether_the_target_was_met(monkeypatch):
    from articles.management.commands import bench_import

    def fake_benchmark(*, sizes, seed, report):
        return [
            ImportRun(
                issues=n, articles=n * 7, failed=0, seconds=n / 60, peak_rss_mb=70.0, database="SQLite",
                dry_run_seconds=n / 150,
            )
            for n in sizes
        ]

    monkeypatch.setattr(bench_import, "run_import_benchmark", fake_benchmark)
    out = StringIO()
    call_command("bench_import", "--issues", "2000", "--rss-at", "500", stdout=out, stderr=StringIO())
    lines = out.getvalue().splitlines()
    assert "期/秒" in lines[0] and "峰值内存" in lines[0]
    assert lines[1].split()[:3] == ["SQLite", "500", "3500"]
    assert lines[2].split()[:3] == ["SQLite", "2000", "14000"]
    assert "演练(秒)" in lines[0] and "倍数" in lines[0]
    assert lines[-1] == "2000 期：60.0 期/秒，达到目标 50 期/秒；用时为演练（只解析）的 2.5 倍，达到目标 ≤3 倍"


def test_bench_import_rejects_bad_sizes():
    with pytest.raises(CommandError):
        call_command("bench_import", "--issues", "0", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError):
        call_command("bench_import", "--rss-at", "many", stdout=StringIO(), stderr=StringIO())
