"""Two imports at once (an import job in parts, on two workers) never store one text twice."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from articles.ingest.loader import IssueLoader
from articles.ingest.report import Outcome
from articles.ingest.writer import IssueWriter
from articles.models import Issue
from tests.conftest import SEEDS_DIR
from tests.factories import IssueFactory


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two writers at once: SQLite's in-memory test database (shared cache) refuses the "
    "second connection's reads outright instead of letting it wait",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_text_under_two_names_imported_at_once_is_one_issue(tmp_path: Path, monkeypatch):
    """The first import has written its issue but not committed when the second looks for
    the text: the second must wait and then find it, not add a copy."""
    seed = sorted(SEEDS_DIR.glob("*.txt"))[0]
    first_file, second_file = tmp_path / "part1-a.txt", tmp_path / "part2-b.txt"
    shutil.copyfile(seed, first_file)
    shutil.copyfile(seed, second_file)

    written = threading.Event()  # the first import's issue is in, uncommitted
    second_started = threading.Event()
    create = IssueWriter.create

    def create_then_linger(self, prepared, **kwargs):
        result = create(self, prepared, **kwargs)
        if threading.current_thread().name == "first":
            written.set()
            second_started.wait(10)
            time.sleep(3.0)  # the second is now past its look-up, at its insert
        return result

    monkeypatch.setattr(IssueWriter, "create", create_then_linger)
    outcomes: dict[str, object] = {}

    def run(name: str, path: Path) -> None:
        try:
            if name == "second":
                written.wait(10)
                second_started.set()
            outcomes[name] = IssueLoader().import_path(path)
        except Exception as exc:  # reported by the assertions below
            outcomes[name] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("first", first_file), name="first"),
        threading.Thread(target=run, args=("second", second_file), name="second"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    first, second = outcomes["first"], outcomes["second"]
    assert getattr(first, "outcome", first) == Outcome.CREATED
    assert getattr(second, "outcome", second) == Outcome.UNCHANGED
    assert "part1-a.txt" in second.message  # "内容与已导入的 part1-a.txt 相同，跳过"
    assert list(Issue.objects.values_list("source_name", flat=True)) == ["part1-a.txt"]


@pytest.mark.django_db
def test_issues_without_a_content_hash_are_not_held_to_one():
    """Issues made by hand (no file, no hash) are not texts the constraint is about."""
    IssueFactory(content_hash="")
    IssueFactory(content_hash="")
    IssueFactory(content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(content_hash="a" * 64)
