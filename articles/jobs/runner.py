"""Run one job: claim it, keep its heartbeat, call its kind's function, record how it ended.

The same function runs a job on a Celery worker and on the local worker. A second call for a
job that is running or finished does nothing, so a redelivered message is harmless.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections

from articles.jobs import kinds, records
from articles.jobs.context import JobCancelled, JobContext, printable
from articles.models import Job

log = logging.getLogger(__name__)


class _Heartbeat(threading.Thread):
    """While one long item runs, keeps the job's heartbeat and progress fresh (a progress bar
    moves, items finished so far are safe) and notices a cancel or a lost lease."""

    def __init__(self, ctx: JobContext) -> None:
        super().__init__(name=f"job-{ctx.job.pk}-heartbeat", daemon=True)
        self.ctx = ctx
        self._halt = threading.Event()

    def run(self) -> None:
        try:
            while not self._halt.wait(float(settings.JOBS_HEARTBEAT_SECONDS)):
                try:
                    self.ctx.flush()
                except records.LeaseLost:
                    return  # the job's own thread stops at its next item
                except DatabaseError:
                    log.warning("job %s: heartbeat failed", self.ctx.job.pk, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections only

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=30)


def _reason(exc: BaseException) -> str:
    """One line a person can act on, then where it happened (for whoever fixes the code)."""
    where = "".join(traceback.format_exception(exc, limit=-3)).strip()
    return printable(f"{type(exc).__name__}: {exc}\n\n{where}")


def run_job(*, job_id: int) -> str | None:
    """Run or resume the job; returns its final state, or None if it was not ours to run."""
    job = records.claim(job_id=job_id)
    if job is None:
        log.info("job %s: finished, cancelled or running elsewhere; nothing to do", job_id)
        return None
    ctx = JobContext(job)
    beat = _Heartbeat(ctx)
    beat.start()
    state, error, result = Job.State.DONE, "", {}
    try:
        result = kinds.resolve(job.kind)(ctx) or ctx.result
    except JobCancelled:
        state, result = Job.State.CANCELLED, ctx.result
    except records.LeaseLost:
        log.warning("job %s: taken over by another worker; this run stops", job_id)
        return None
    except Exception as exc:
        log.exception("job %s failed", job_id)
        state, error, result = Job.State.FAILED, _reason(exc), ctx.result
    finally:
        beat.stop()
        records.release(job)
    return _finish(ctx, state=state, result=result, error=error)


def _finish(ctx: JobContext, *, state: str, result: dict[str, Any], error: str) -> str | None:
    try:
        ctx.flush()
        if records.finish(job=ctx.job, state=state, result=result, error=error):
            return state
    except records.LeaseLost:
        pass
    log.warning("job %s: taken over by another worker before it could finish", ctx.job.pk)
    return None
