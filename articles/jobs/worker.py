"""The local worker: runs queued jobs from the database, one at a time, with no broker.

``manage.py jobs --work`` (started by ``make run``) is all a single machine needs. It runs the
same job code as a Celery worker; its queue is the Job table, so a job queued while it was
stopped runs when it starts, and a job it was running when killed is resumed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection

from articles.jobs import records, runner, uploads

log = logging.getLogger(__name__)


def work(
    *,
    stop: threading.Event | None = None,
    poll_seconds: float = 1.0,
    until_idle: bool = False,
    on_job: Callable[[int, str | None], None] | None = None,
) -> int:
    """Run jobs until ``stop`` is set (or, with ``until_idle``, none is left); returns how many."""
    stop = stop or threading.Event()
    ran = 0
    next_sweep = 0.0
    while not stop.is_set():
        if not connection.in_atomic_block:  # never end a transaction of whoever called us
            close_old_connections()  # a long-lived process: drop connections the server closed
        try:
            if time.monotonic() >= next_sweep:
                requeued = records.requeue_orphans()
                uploads.remove_stale_uploads()  # previews nobody confirmed
                if requeued:
                    log.warning("resuming jobs whose worker died: %s", requeued)
                next_sweep = time.monotonic() + float(settings.JOBS_SWEEP_SECONDS)
            finished = _run_next()
        except DatabaseError:
            if until_idle:
                raise
            log.exception("local worker: database unavailable; retrying")
            stop.wait(max(poll_seconds, 2.0))
            continue
        if finished is not None:
            ran += 1
            if on_job is not None:
                on_job(*finished)
        elif until_idle:
            break
        else:
            stop.wait(poll_seconds)
    return ran


def _run_next() -> tuple[int, str | None] | None:
    for job_id in records.next_queued():
        state = runner.run_job(job_id=job_id)
        if state is not None:
            return job_id, state
    return None
