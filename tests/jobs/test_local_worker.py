"""The local worker (`manage.py jobs --work`, what `make run` starts when no broker is set)."""

from __future__ import annotations

from articles.jobs.importing import enqueue_import
from articles.models import Issue, Job
from tests.jobs.conftest import wait_for


def test_local_worker_runs_a_queued_import_and_resumes_it_after_kill_9(
    shared, make_workers, issue_files
):
    workers = make_workers()  # no CELERY_BROKER_URL
    paths = issue_files(12)
    job = enqueue_import(paths=paths)
    assert Job.objects.get(pk=job.pk).dispatched_at is None  # nothing to send it to

    first = workers.local()
    wait_for(lambda: (j := Job.objects.get(pk=job.pk)).state == Job.State.RUNNING and j.done,
             what="the first files in", workers=workers)
    workers.kill9(first)
    assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING

    workers.local()
    done = wait_for(lambda: (j := Job.objects.get(pk=job.pk)).finished and j,
                    what="the job to end", workers=workers)
    assert done.state == Job.State.DONE, done.error
    assert (done.done, done.failed, done.attempts) == (12, 0, 2)
    assert done.result["outcomes"] == {"created": 12}
    assert sorted(Issue.objects.values_list("source_name", flat=True)) == [p.name for p in paths]
