"""The Celery side: one task that runs a job, and a sweeper in every worker.

``acks_late`` + ``reject_on_worker_lost``: the message is acknowledged only after the job
ran, and a pool process killed mid-job hands its message back to the broker. A whole worker
killed (or its machine lost) is noticed by the sweep of the workers left (or the next one
started), which puts the job back in the queue; it resumes from its recorded items.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import shared_task
from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from django.db import close_old_connections, connections

from articles.jobs import queue, runner

log = logging.getLogger(__name__)


@shared_task(
    name=queue.TASK_NAME, acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def run(job_id: int) -> str | None:
    return runner.run_job(job_id=job_id)


_stop_sweeping = threading.Event()


def _sweep_forever() -> None:
    try:
        while True:
            close_old_connections()
            try:
                found = queue.sweep()
                if any(found.values()):
                    log.warning("jobs sweep: %s", found)
            except Exception:
                log.exception("jobs sweep failed; trying again later")
            if _stop_sweeping.wait(float(settings.JOBS_SWEEP_SECONDS)):
                return
    finally:
        connections.close_all()


@worker_ready.connect
def start_sweeper(**_: Any) -> None:
    """Sweep at once (a worker started after a crash resumes what it left) and then often."""
    _stop_sweeping.clear()
    threading.Thread(target=_sweep_forever, name="jobs-sweeper", daemon=True).start()


@worker_shutdown.connect
def stop_sweeper(**_: Any) -> None:
    _stop_sweeping.set()
