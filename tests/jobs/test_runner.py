"""The job runner in this process: records, reasons, resume, cancel, leases, orphans."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone

from articles.ingest.service import import_files
from articles.jobs import context, importing, kinds, queue, records, runner
from articles.jobs.importing import enqueue_import, save_uploads
from articles.models import Article, Issue, Job, JobItem
from people.models import Person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_heartbeat_thread_writes(settings):
    # The heartbeat thread has its own connection, which cannot see this test's transaction.
    settings.JOBS_HEARTBEAT_SECONDS = 3600


@pytest.fixture
def test_kind(monkeypatch):
    """Register a job kind of the test's own (kinds are found by dotted name)."""

    def register(name: str, function: str) -> None:
        monkeypatch.setitem(kinds.KINDS, name, kinds.Kind(function, name))

    return register


def run(job: Job) -> Job:
    runner.run_job(job_id=job.pk)
    job.refresh_from_db()
    return job


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_import_job_records_each_file_and_says_why_a_file_failed(seed_paths, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    job = run(enqueue_import(paths=[*seed_paths, empty, tmp_path, binary]))

    assert job.state == Job.State.DONE
    assert (job.done, job.total, job.failed) == (8, 8, 3)
    failed = {item.name: item.message for item in job.items.filter(ok=False)}
    assert set(failed) == {"empty.txt", tmp_path.name, "scan.txt"}
    assert all(message.strip() for message in failed.values())
    assert "目录" in failed[tmp_path.name]
    assert job.result["outcomes"] == {"created": 5, "failed": 3}
    assert job.result["articles"] == Article.objects.count() > 0
    # Hint counts as the import service gives them (`import_seeds` does the same).
    stored = sorted(Article.objects.values_list("issue__source_name", "position", "ocr_hint_count"))
    assert job.result["hints"] == sum(count for *_, count in stored) > 0
    Issue.objects.all().delete()
    Person.objects.all().delete()
    import_files(paths=seed_paths)
    assert sorted(
        Article.objects.values_list("issue__source_name", "position", "ocr_hint_count")
    ) == stored


def test_running_a_finished_job_again_does_nothing(seed_paths):
    job = run(enqueue_import(paths=seed_paths[:1]))
    assert runner.run_job(job_id=job.pk) is None  # a redelivered message
    job.refresh_from_db()
    assert (job.state, job.attempts, Issue.objects.count()) == (Job.State.DONE, 1, 1)


def test_resumed_job_skips_the_files_it_had_recorded(seed_paths):
    job = enqueue_import(paths=seed_paths)
    # An earlier run recorded the first two files (and died): they are not imported again.
    JobItem.objects.bulk_create(
        JobItem(job=job, position=n, name=p.name, outcome="created") for n, p in enumerate(seed_paths[:2])
    )
    Job.objects.filter(pk=job.pk).update(attempts=1)
    job = run(job)
    assert (job.state, job.done, job.attempts) == (Job.State.DONE, 5, 2)
    assert sorted(Issue.objects.values_list("source_name", flat=True)) == [p.name for p in seed_paths[2:]]


def test_file_imported_but_not_recorded_before_a_crash_counts_as_imported_once(seed_paths):
    job = enqueue_import(paths=seed_paths[:2])
    claimed = records.claim(job_id=job.pk)
    records.release(claimed)
    run_started = claimed.started_at
    # The dead run had committed the first file, not its record.
    from articles.ingest.service import import_files

    import_files(paths=seed_paths[:1])
    assert Issue.objects.get().imported_at >= run_started
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    job = run(job)
    assert job.attempts == 2
    assert job.result["outcomes"] == {"created": 2}
    first = job.items.get(position=0)
    assert "中断前已导入" in first.message
    assert Issue.objects.count() == 2


def test_cancel_stops_a_running_import_after_the_current_file(seed_paths, monkeypatch):
    job = enqueue_import(paths=seed_paths)
    real = importing.iter_import_files

    def cancelled_midway(**kwargs):
        for n, result in enumerate(real(**kwargs)):
            if n == 1:
                records.request_cancel(job_id=job.pk)  # someone presses 取消
            yield result

    monkeypatch.setattr(importing, "iter_import_files", cancelled_midway)
    monkeypatch.setattr(context, "FLUSH_SECONDS", 0)
    job = run(job)
    assert job.state == Job.State.CANCELLED
    assert job.done == 2 and Issue.objects.count() == 2
    assert job.result["outcomes"] == {"created": 2}
    assert job.result["hints"] == sum(Article.objects.values_list("ocr_hint_count", flat=True)) > 0


def test_cancelling_a_queued_job_is_immediate_and_it_never_runs(seed_paths):
    job = enqueue_import(paths=seed_paths)
    assert records.request_cancel(job_id=job.pk) == Job.State.CANCELLED
    assert runner.run_job(job_id=job.pk) is None
    assert Issue.objects.count() == 0


def test_unknown_kind_is_refused_when_enqueued_and_fails_with_a_reason_when_run():
    with pytest.raises(kinds.UnknownJobKind):
        queue.enqueue(kind="no_such_kind", title="x", params={})
    job = run(records.create_job(kind="no_such_kind", title="x", params={}))
    assert job.state == Job.State.FAILED
    assert "未知的任务类型" in job.error


def explode(ctx):
    ctx.set_total(2)
    ctx.record(position=0, name="第一项", outcome="done")
    raise ValueError("第二项的数据坏了")


def test_a_crashing_job_fails_with_why_and_keeps_what_it_did(test_kind):
    test_kind("explode", "tests.jobs.test_runner.explode")
    job = run(queue.enqueue(kind="explode", title="会出错的任务", params={}))
    assert job.state == Job.State.FAILED
    assert job.error.startswith("ValueError: 第二项的数据坏了")
    assert list(job.items.values_list("name", flat=True)) == ["第一项"]
    assert job.finished_at is not None


def taken_over(ctx):
    ctx.record(position=0, name="一", outcome="done")
    # Meanwhile this runner was given up for dead and another one claimed the job.
    Job.objects.filter(pk=ctx.job.pk).update(attempts=F("attempts") + 1, worker="elsewhere:1")
    ctx.record(position=1, name="二", outcome="done")
    ctx.flush()
    return {"never": "written"}


def test_a_runner_that_lost_its_lease_writes_nothing_more(test_kind):
    test_kind("taken_over", "tests.jobs.test_runner.taken_over")
    job = queue.enqueue(kind="taken_over", title="被接管", params={})
    assert runner.run_job(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.state, job.worker, job.result) == (Job.State.RUNNING, "elsewhere:1", {})
    assert not job.items.exists()


def test_claim_takes_over_only_jobs_whose_runner_is_gone():
    here = socket.gethostname()
    now = timezone.now()
    alive = records.create_job(kind="import_files", title="a", params={})
    Job.objects.filter(pk=alive.pk).update(
        state=Job.State.RUNNING, worker=f"{here}:{os.getppid()}", heartbeat_at=now, attempts=1
    )
    assert records.claim(job_id=alive.pk) is None

    dead = records.create_job(kind="import_files", title="b", params={})
    Job.objects.filter(pk=dead.pk).update(
        state=Job.State.RUNNING, worker=f"{here}:{dead_pid()}", heartbeat_at=now, attempts=1
    )
    claimed = records.claim(job_id=dead.pk)
    records.release(claimed)
    assert claimed.attempts == 2

    remote = records.create_job(kind="import_files", title="c", params={})
    Job.objects.filter(pk=remote.pk).update(
        state=Job.State.RUNNING, worker="another-machine:1234", heartbeat_at=now, attempts=1
    )
    assert records.claim(job_id=remote.pk) is None
    Job.objects.filter(pk=remote.pk).update(heartbeat_at=now - timedelta(minutes=5))
    claimed = records.claim(job_id=remote.pk)
    records.release(claimed)
    assert claimed.attempts == 2


def test_sweep_puts_jobs_of_dead_workers_back_in_the_queue():
    here = socket.gethostname()
    orphan = records.create_job(kind="import_files", title="a", params={})
    Job.objects.filter(pk=orphan.pk).update(
        state=Job.State.RUNNING, worker=f"{here}:{dead_pid()}", heartbeat_at=timezone.now()
    )
    healthy = records.create_job(kind="import_files", title="b", params={})
    Job.objects.filter(pk=healthy.pk).update(
        state=Job.State.RUNNING, worker="another-machine:1", heartbeat_at=timezone.now()
    )
    assert queue.sweep() == {"requeued": [orphan.pk], "sent": []}
    assert Job.objects.get(pk=orphan.pk).state == Job.State.QUEUED
    assert Job.objects.get(pk=healthy.pk).state == Job.State.RUNNING


def test_enqueue_while_the_broker_is_unreachable_returns_quickly_and_keeps_the_job(
    settings, seed_paths, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_import(paths=seed_paths)
    assert time.monotonic() - started < 5
    job.refresh_from_db()
    assert (job.state, job.dispatched_at) == (Job.State.QUEUED, None)
    assert records.undispatched(older_than=timedelta(0)) == [job.pk]


def test_publishing_import_needs_the_publish_permission(seed_paths):
    editor = UserFactory(username="bianji")
    with pytest.raises(PermissionDenied):
        enqueue_import(paths=seed_paths, publish=True, started_by=editor)
    chief = UserFactory(username="zhubian", is_superuser=True)
    job = enqueue_import(paths=seed_paths, publish=True, started_by=chief)
    assert job.params["publish"] is True and job.started_by == chief
    assert enqueue_import(paths=seed_paths, started_by=editor).params["publish"] is False


def test_paths_are_stored_absolute_and_once(seed_paths, monkeypatch):
    monkeypatch.chdir(seed_paths[0].parent)
    job = enqueue_import(paths=[Path(seed_paths[0].name), seed_paths[0]])
    assert job.params["paths"] == [str(seed_paths[0])]
    assert job.total == 1


def test_uploads_are_kept_under_media_with_their_names(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    saved = save_uploads(files=[
        SimpleUploadedFile("../../第1期.txt", "荆州区新闻".encode()),
        SimpleUploadedFile("第1期.txt", b"x"),
    ])
    assert [p.name for p in saved] == ["第1期.txt", "第1期-2.txt"]
    assert all(p.is_relative_to(tmp_path / "job-uploads") for p in saved)
    assert saved[0].read_text(encoding="utf-8") == "荆州区新闻"


def test_an_import_split_in_parts_imports_every_file_once(seed_paths):
    jobs = importing.enqueue_import_parts(paths=[*seed_paths, seed_paths[0]], parts=2)
    assert [job.total for job in jobs] == [3, 2]
    assert [p for job in jobs for p in job.params["paths"]] == [str(p) for p in seed_paths]
    for job in jobs:
        run(job)
    assert Issue.objects.count() == 5
    assert len(importing.enqueue_import_parts(paths=seed_paths[:1], parts=4)) == 1


def odd_text(ctx):
    ctx.working_on("坏\x00文件.txt")
    ctx.record(position=0, name="坏\x00文件.txt", outcome="failed", ok=False,
               message="第 3 行：\x00\x01" + "很长" * 100_000)
    raise ValueError("含 \x00 的原因")


def test_nul_and_huge_text_from_a_file_never_break_the_job_record(test_kind):
    test_kind("odd_text", "tests.jobs.test_runner.odd_text")
    job = run(queue.enqueue(kind="odd_text", title="奇怪的文件", params={}))
    assert job.state == Job.State.FAILED
    assert "\x00" not in job.error and "含 \ufffd 的原因" in job.error
    item = job.items.get()
    assert item.name == "坏\ufffd文件.txt"
    assert item.message.startswith("第 3 行：\ufffd\x01") and len(item.message) == 2000
