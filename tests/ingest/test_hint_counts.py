"""OCR-hint counts are stored with each file's articles: right after crashes, re-runs and
concurrent imports; a locked SQLite database is waited for; the parser process never
outlives the import."""

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import OperationalError

from articles.ingest import bulk
from articles.ingest.writer import IssueWriter
from articles.models import Article, Issue
from people.models import Person

pytestmark = pytest.mark.django_db


def run_import(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def counts() -> dict[tuple[str, int], int]:
    return {
        (source, position): count
        for source, position, count in Article.objects.values_list(
            "issue__source_name", "position", "ocr_hint_count"
        )
    }


def fail_on_call(monkeypatch, failing: set[int], exc: BaseException) -> None:
    """Make ``IssueWriter.create`` raise ``exc`` on these calls (1-based)."""
    original = IssueWriter.create
    calls = []

    def create(self, *args, **kwargs):
        calls.append(1)
        if len(calls) in failing:
            raise exc
        return original(self, *args, **kwargs)

    monkeypatch.setattr(IssueWriter, "create", create)


def test_counts_are_right_after_the_import_dies_midway_and_is_run_again(seed_paths, monkeypatch):
    run_import(*map(str, seed_paths))
    uninterrupted = counts()
    # Counted (some articles flagged), and only likely real errors count: half-width
    # punctuation alone no longer flags most of the seeds.
    assert 0 < sum(c > 0 for c in uninterrupted.values()) < len(uninterrupted) // 2
    Issue.objects.all().delete()
    Person.objects.all().delete()

    # The process dies while writing the third file: two files are in, their counts with them.
    with monkeypatch.context() as patch:
        fail_on_call(patch, {3}, KeyboardInterrupt())
        with pytest.raises(KeyboardInterrupt):
            run_import(*map(str, seed_paths))
    assert Issue.objects.count() == 2
    assert counts() == {k: v for k, v in uninterrupted.items() if k[0] in {p.name for p in seed_paths[:2]}}

    output = run_import(*map(str, seed_paths))
    assert "未改变，跳过 2" in output
    assert counts() == uninterrupted


def test_a_locked_database_is_waited_for_and_the_file_imported(seed_paths, monkeypatch):
    monkeypatch.setattr(bulk, "LOCK_RETRY_DELAYS", (0.0, 0.0, 0.0))
    fail_on_call(monkeypatch, {1, 2}, OperationalError("database is locked"))
    output = run_import(str(seed_paths[3]))
    assert "已导入 1" in output
    assert Article.objects.filter(ocr_hint_count__gt=0).exists()


def test_a_database_locked_through_every_retry_fails_only_that_file_clearly(seed_paths, monkeypatch):
    monkeypatch.setattr(bulk, "LOCK_RETRY_DELAYS", (0.0, 0.0))
    fail_on_call(monkeypatch, {1, 2, 3}, OperationalError("database is locked"))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(seed_paths[0]), str(seed_paths[1]), stdout=out, stderr=err)
    assert "数据库被另一个进程占用" in err.getvalue() and "稍后重新运行" in err.getvalue()
    assert list(Issue.objects.values_list("source_name", flat=True)) == [seed_paths[1].name]


# ------------------------------------------------------------------ separate processes

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def child_env(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
    }


def migrated(database: Path) -> Path:
    subprocess.run(
        [sys.executable, MANAGE, "migrate", "--no-input", "-v", "0", "--skip-checks"],
        env=child_env(database), check=True, capture_output=True, timeout=300,
    )
    return database


@pytest.fixture
def sqlite_file(tmp_path):
    """A migrated SQLite database file of the test's own (not the test database)."""
    return migrated(tmp_path / "import.sqlite3")


@pytest.fixture
def corpus(tmp_path):
    from articles.bench.synthetic import write_corpus

    folder = tmp_path / "corpus"
    write_corpus(folder, 24, seed=3)  # enough files for the background parser
    return sorted(folder.iterdir())


def query(database: Path, sql: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_two_imports_at_once_on_one_sqlite_file_both_finish(sqlite_file, corpus):
    command = [sys.executable, MANAGE, "import_seeds", *map(str, corpus)]
    runs = [
        subprocess.Popen(command, env=child_env(sqlite_file), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=600) for run in runs]
    for run, (_out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
    assert query(sqlite_file, "SELECT COUNT(*), COUNT(DISTINCT source_name) FROM articles_issue") == [(24, 24)]
    unflagged = query(
        sqlite_file, "SELECT COUNT(*) FROM articles_article WHERE ocr_hint_count = 0"
    )[0][0]
    assert unflagged < query(sqlite_file, "SELECT COUNT(*) FROM articles_article")[0][0]  # counted


KILLED_IMPORT = """
import multiprocessing, sys, time
import django
django.setup()
from pathlib import Path
from articles.ingest.service import iter_import_files
results = iter_import_files(paths=[Path(p) for p in sys.argv[1:]], background_parser=True)
for done, result in enumerate(results, start=1):
    if done == 3:
        print(*[child.pid for child in multiprocessing.active_children()], flush=True)
        time.sleep(600)
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"  # dead, waiting to be reaped by whoever adopted it


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_kill_9_midway_stops_the_parser_and_a_rerun_counts_every_file(sqlite_file, corpus, tmp_path):
    importer = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, *map(str, corpus)],
        env=child_env(sqlite_file), cwd=settings.BASE_DIR, stdout=subprocess.PIPE, text=True,
    )
    parsers = [int(pid) for pid in importer.stdout.readline().split()]
    assert parsers, "the import used no background parser"
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait(timeout=30)
    deadline = time.monotonic() + 15
    while not all(map(_gone, parsers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    orphans = [pid for pid in parsers if not _gone(pid)]
    for pid in orphans:  # never leave one behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not orphans, "the parser process outlived the killed import"
    assert query(sqlite_file, "SELECT COUNT(*) FROM articles_issue") == [(3,)]

    rerun = subprocess.run(
        [sys.executable, MANAGE, "import_seeds", *map(str, corpus)],
        env=child_env(sqlite_file), capture_output=True, text=True, timeout=600, check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    # The same counts as one uninterrupted import into an empty database.
    fresh = migrated(tmp_path / "fresh.sqlite3")
    subprocess.run(
        [sys.executable, MANAGE, "import_seeds", *map(str, corpus)],
        env=child_env(fresh), capture_output=True, text=True, timeout=600, check=True,
    )
    order = "SELECT i.source_name, a.position, a.ocr_hint_count FROM articles_article a JOIN articles_issue i ON a.issue_id = i.id ORDER BY 1, 2"
    assert query(sqlite_file, order) == query(fresh, order)
