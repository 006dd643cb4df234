"""``build_archive --background``: the synthetic archive written by a job, batch by batch."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from articles.bench import archive, archive_job
from articles.jobs import context, records, runner
from articles.models import Article, Issue, Job, JobItem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet(settings, monkeypatch):
    settings.JOBS_HEARTBEAT_SECONDS = 3600  # the heartbeat's connection cannot see the test's rows
    monkeypatch.setattr(context, "FLUSH_SECONDS", 0)


def run(job: Job) -> Job:
    runner.run_job(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_archive_job_writes_each_batch_and_records_it():
    job = archive_job.enqueue_build_archive(articles=40, batch_issues=2, publish=True)
    assert job.total >= 2
    job = run(job)
    assert job.state == Job.State.DONE
    assert job.done == job.total and job.failed == 0
    assert Article.objects.count() == 40 == job.result["articles"]
    assert Article.objects.filter(is_published=True).count() == 40
    first = job.items.get(position=0)
    assert (first.name, first.outcome) == ("第 1–2 期", "written")
    assert first.message.startswith("2 期，")
    assert job.result["issues"] == Issue.objects.count()


def test_cancel_stops_between_batches_and_keeps_whole_batches(monkeypatch):
    job = archive_job.enqueue_build_archive(articles=40, batch_issues=1)
    real = archive._write_batch

    def cancelled_after_first(plan, batch_context):
        counts = real(plan, batch_context)
        records.request_cancel(job_id=job.pk)
        return counts

    monkeypatch.setattr(archive, "_write_batch", cancelled_after_first)
    job = run(job)
    assert job.state == Job.State.CANCELLED
    assert job.done == 1 and Issue.objects.count() == 1
    assert Article.objects.count() == job.result["articles"] > 0


def test_resumed_job_neither_repeats_nor_skips_a_batch_written_before_a_crash():
    job = archive_job.enqueue_build_archive(articles=40, batch_issues=1)
    # The dead run had recorded batch 0 and committed batch 1 without recording it.
    archive.build_archive(articles=40, batch_issues=1, first_issue=0, skip_batches=range(2, 10**6))
    first_batch = Article.objects.filter(issue__source_name=archive.issue_source_name(1, 0)).count()
    JobItem.objects.create(
        job=job, position=0, name="第 1–1 期", outcome="written", data={"issues": 1, "articles": first_batch}
    )
    Job.objects.filter(pk=job.pk).update(attempts=1)
    job = run(job)
    assert job.state == Job.State.DONE and job.attempts == 2
    assert job.items.get(position=1).outcome == "found"
    assert Article.objects.count() == 40  # nothing written twice
    names = list(Issue.objects.order_by("source_name").values_list("source_name", flat=True))
    assert len(names) == len(set(names)) == job.total


def test_build_archive_background_queues_and_prints_the_job(capsys):
    call_command("build_archive", "--articles", "10", "--background")
    job = Job.objects.get()
    assert job.kind == "build_archive" and f"#{job.pk}" in capsys.readouterr().out
    assert not Article.objects.exists()
