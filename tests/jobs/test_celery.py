"""Import jobs on real Celery workers (`celery -A newsroom worker`): progress, per-file reasons,
and kill -9 in the middle of an import."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connections
from kombu import Connection

from articles.ingest.service import iter_import_files
from articles.jobs.importing import enqueue_import
from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Job
from people.models import Person
from tests.jobs.conftest import AMQP_URL, REDIS_URL, seed_texts, wait_for

pytestmark = pytest.mark.usefixtures("forget_queue")


def job_state(pk: int) -> Job:
    return Job.objects.get(pk=pk)


def finished(pk: int, workers) -> Job:
    return wait_for(lambda: (j := job_state(pk)).finished and j, what=f"job {pk} to end",
                    workers=workers)


def test_celery_worker_imports_files_with_live_progress_and_reasons(
    shared, make_workers, celery_on, issue_files
):
    workers = make_workers(**celery_on(REDIS_URL))
    paths = [*issue_files(25), Path("/nonexistent/missing.txt")]
    workers.celery()
    job = enqueue_import(paths=paths)

    # Watch it run: the bar moves while files go in, with the file being worked on.
    seen = []
    while not (now := job_state(job.pk)).finished:
        seen.append((now.state, now.done, now.total, now.current))
        assert len(seen) < 2000, workers.output()
        time.sleep(0.02)
    midway = [s for s in seen if s[0] == Job.State.RUNNING and 0 < s[1] < 26]
    assert midway, seen
    assert all(total == 26 and current for _, _, total, current in midway)
    assert [done for _, done, _, _ in seen] == sorted(done for _, done, _, _ in seen)

    assert now.state == Job.State.DONE, now.error
    assert (now.done, now.total, now.failed, now.attempts) == (26, 26, 1, 1)
    items = {item.name: item for item in now.items.all()}
    assert items["missing.txt"].ok is False
    assert "文件不存在" in items["missing.txt"].message
    assert {items[p.name].outcome for p in paths[:25]} == {"created"}
    assert now.result["outcomes"] == {"created": 25, "failed": 1}
    assert now.result["articles"] == Article.objects.count()
    assert Issue.objects.count() == 25


def test_jobs_run_on_rabbitmq_too(shared, make_workers, celery_on, issue_files, queue_name):
    workers = make_workers(**celery_on(AMQP_URL))
    workers.celery()
    try:
        job = enqueue_import(paths=issue_files(3))
        done = finished(job.pk, workers)
        assert (done.state, done.done, Issue.objects.count()) == (Job.State.DONE, 3, 3)
    finally:
        workers.stop_all()
        with Connection(AMQP_URL) as connection:  # the test's own queue, gone with it
            connection.default_channel.queue_delete(queue_name)


@contextmanager
def stuck_in_a_transaction(shared):
    """PostgreSQL: hold the revisions table (the last one an issue writes), so the worker's
    next file stops halfway through its transaction; yields once the worker waits on it."""
    if shared.vendor != "postgresql":
        yield
        return
    with psycopg.connect(shared.url) as conn:
        conn.execute("LOCK TABLE articles_articlerevision IN ACCESS EXCLUSIVE MODE")
        wait_for(lambda: _pg_lock_waiters() > 0, what="the worker to wait inside its transaction")
        yield
        conn.rollback()


def _pg_lock_waiters() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def issue_shape(issue: Issue) -> tuple[int, int, int, int]:
    """Articles, photos, credits and revisions (one per article: imported once)."""
    return (
        issue.articles.count(),
        issue.photos.count(),
        ArticlePerson.objects.filter(article__issue=issue).count(),
        ArticleRevision.objects.filter(article__issue=issue).count(),
    )


def hint_counts() -> dict[tuple[str, int], int]:
    return {
        (source, position): count
        for source, position, count in Article.objects.values_list(
            "issue__source_name", "position", "ocr_hint_count"
        )
    }


@pytest.mark.parametrize(
    "pool",
    [
        # The whole worker dies (a machine lost): the next worker's sweep resumes the job.
        "solo",
        # Its pool process dies: acks_late + reject_on_worker_lost hand the message back.
        "prefork",
    ],
)
def test_kill_9_mid_import_resumes_job_with_every_issue_whole_and_none_twice(
    shared, make_workers, celery_on, issue_files, pool
):
    workers = make_workers(**celery_on(REDIS_URL))
    # A solo worker imports 20 files or more with a background parser process (killed too).
    count = 24 if pool == "solo" else 14
    paths = issue_files(count)
    first = workers.celery(pool=pool)
    job = enqueue_import(paths=paths)
    running = wait_for(lambda: (j := job_state(job.pk)).state == Job.State.RUNNING and j.done and j,
                       what="the first files in", workers=workers)
    assert running.done < count

    with stuck_in_a_transaction(shared):
        if pool == "solo":
            workers.kill9(first)
        else:
            _, _, pool_pid = job_state(job.pk).worker.rpartition(":")
            assert pool_pid.isdigit() and int(pool_pid) != first.pid
            os.kill(int(pool_pid), signal.SIGKILL)

    if pool == "solo":
        interrupted = job_state(job.pk)
        assert interrupted.state == Job.State.RUNNING  # its worker is gone, it says so later
        assert Issue.objects.count() < count
        workers.celery()

    done = finished(job.pk, workers)
    assert done.state == Job.State.DONE, done.error
    failures = list(done.items.filter(ok=False).values_list("name", "message"))
    assert (done.done, done.total, done.failed, done.attempts) == (count, count, 0, 2), failures

    # Every file once: one item each, one issue each, nothing imported twice.
    assert sorted(done.items.values_list("position", flat=True)) == list(range(count))
    assert done.result["outcomes"] == {"created": count}
    assert sorted(Issue.objects.values_list("source_name", flat=True)) == [p.name for p in paths]
    assert len(set(Issue.objects.values_list("content_hash", flat=True))) == count

    # Every issue whole: the same shape as every other copy of the same seed.
    shapes: dict[int, Counter] = {}
    for issue in Issue.objects.all():
        n = int(issue.source_name[6:9])
        shapes.setdefault(n % len(seed_texts()), Counter())[issue_shape(issue)] += 1
    assert all(len(counter) == 1 for counter in shapes.values()), shapes

    # Hint counts right: the same as the same files imported in one go, uninterrupted.
    after_kill = hint_counts()
    assert done.result["hints"] == sum(after_kill.values()) > 0
    Issue.objects.all().delete()
    Person.objects.all().delete()
    assert all(r.outcome == "created" for r in iter_import_files(paths=paths, background_parser=False))
    assert hint_counts() == after_kill
