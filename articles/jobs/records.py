"""The Job and JobItem rows: create, claim, progress, finish, cancel, and find orphans.

A job is run by whoever *claims* it: a conditional update that moves it to RUNNING and bumps
``attempts``. Every later write of that runner is conditional on the same ``attempts``
(the lease), so a runner that was given up for dead and comes back can never overwrite the
job of the runner that took over.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from articles.models import Job, JobItem

State = Job.State
FINISHED = (State.DONE, State.FAILED, State.CANCELLED)

# Jobs this process is running right now (any thread): a job marked as run by this very
# process but not in here was left behind by a runner that died in it.
_RUNNING_HERE: set[int] = set()


class LeaseLost(Exception):
    """Another runner has taken this job over (this one was given up for dead)."""


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def stale_after() -> timedelta:
    return timedelta(seconds=float(settings.JOBS_STALE_SECONDS))


def create_job(
    *, kind: str, title: str, params: dict[str, Any], started_by: Any = None, total: int = 0
) -> Job:
    return Job.objects.create(
        kind=kind, title=title[:300], params=params, started_by=started_by, total=total
    )


def process_alive(pid: int) -> bool:
    """Is there a live (not zombie) process with this id on this machine?"""
    stat = Path(f"/proc/{pid}/stat")
    if Path("/proc/self/stat").exists():
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        except (OSError, IndexError):
            pass
        else:
            return state not in {"Z", "X"}  # a killed worker not yet reaped is a zombie
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # somebody else's process
    return True


def runner_is_gone(job: Job, *, now: datetime | None = None) -> bool:
    """Has the runner of this RUNNING job died? Silent too long, or a dead process here."""
    now = now or timezone.now()
    if job.heartbeat_at is None or job.heartbeat_at < now - stale_after():
        return True
    host, _, pid = job.worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine: only its silence tells
    if int(pid) == os.getpid():
        return job.pk not in _RUNNING_HERE
    return not process_alive(int(pid))


def claim(*, job_id: int) -> Job | None:
    """Take the job for this process, or None when it is finished or someone runs it."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in FINISHED:
            return None
        if job.state == State.RUNNING and not runner_is_gone(job, now=now):
            return None
        if job.cancel_requested:
            Job.objects.filter(pk=job.pk).update(
                state=State.CANCELLED, finished_at=now, current=""
            )
            return None
        job.state = State.RUNNING
        job.attempts += 1
        job.worker = worker_identity()[:200]
        job.heartbeat_at = now
        job.started_at = job.started_at or now
        job.error = ""
        job.save(
            update_fields=["state", "attempts", "worker", "heartbeat_at", "started_at", "error"]
        )
    _RUNNING_HERE.add(job.pk)
    return job


def release(job: Job) -> None:
    """This process no longer runs the job (finished, or its runner gave up)."""
    _RUNNING_HERE.discard(job.pk)


def _leased(job: Job) -> QuerySet[Job]:
    return Job.objects.filter(pk=job.pk, attempts=job.attempts, state=State.RUNNING)


def _cancel_requested(job: Job) -> bool:
    return bool(
        Job.objects.filter(pk=job.pk).values_list("cancel_requested", flat=True).first()
    )


def save_progress(
    *, job: Job, items: list[JobItem], done: int, failed: int, current: str
) -> bool:
    """Store finished items and the counters; returns whether a cancel was asked for.

    Raises LeaseLost if another runner owns the job now (nothing is written then).
    """
    with transaction.atomic():
        fields: dict[str, Any] = {
            "done": done, "failed": failed, "current": current[:300],
            "heartbeat_at": timezone.now(),
        }
        if not _leased(job).update(**fields):
            raise LeaseLost(job.pk)
        # A resumed job may record again an item whose row the dead runner already wrote.
        JobItem.objects.bulk_create(items, ignore_conflicts=True)
        return _cancel_requested(job)


def set_total(*, job: Job, total: int) -> None:
    if not _leased(job).update(total=total, heartbeat_at=timezone.now()):
        raise LeaseLost(job.pk)


def finish(*, job: Job, state: str, result: dict[str, Any], error: str = "") -> bool:
    """Record the end of the job; False when the lease was lost meanwhile."""
    return bool(
        _leased(job).update(
            state=state, result=result, error=error[:5000], current="",
            finished_at=timezone.now(), heartbeat_at=timezone.now(),
        )
    )


def request_cancel(*, job_id: int) -> str | None:
    """Cancel a queued job at once; ask a running one to stop after its current item.

    Returns the job's state afterwards (None for an unknown job).
    """
    now = timezone.now()
    with transaction.atomic():
        Job.objects.filter(pk=job_id, state=State.QUEUED).update(
            state=State.CANCELLED, cancel_requested=True, finished_at=now, current=""
        )
        Job.objects.filter(pk=job_id, state=State.RUNNING).update(cancel_requested=True)
        return Job.objects.filter(pk=job_id).values_list("state", flat=True).first()


def requeue_orphans() -> list[int]:
    """Put jobs whose runner died back in the queue (they resume where they stopped)."""
    now = timezone.now()
    requeued = []
    running = Job.objects.filter(state=State.RUNNING).only(
        "id", "worker", "heartbeat_at", "attempts"
    )
    for job in running:
        if runner_is_gone(job, now=now) and Job.objects.filter(
            pk=job.pk, state=State.RUNNING, attempts=job.attempts
        ).update(state=State.QUEUED, current="", dispatched_at=None):
            requeued.append(job.pk)
    return requeued


def next_queued(*, limit: int = 20) -> list[int]:
    return list(
        Job.objects.filter(state=State.QUEUED)
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def mark_dispatched(*, job_ids: list[int]) -> None:
    Job.objects.filter(pk__in=job_ids, state=State.QUEUED).update(dispatched_at=timezone.now())


def mark_undispatched(*, job_ids: list[int]) -> None:
    Job.objects.filter(pk__in=job_ids, state=State.QUEUED).update(dispatched_at=None)


def undispatched(*, older_than: timedelta) -> list[int]:
    """Queued jobs whose message never reached the broker (it was down, or the sender died)."""
    before = timezone.now() - older_than
    return list(
        Job.objects.filter(state=State.QUEUED, dispatched_at__isnull=True, created_at__lt=before)
        .order_by("created_at", "id")
        .values_list("id", flat=True)
    )


def waiting_since(*, older_than: timedelta) -> list[int]:
    """Queued jobs sent a while ago and still not started."""
    before = timezone.now() - older_than
    return list(
        Job.objects.filter(state=State.QUEUED, dispatched_at__lt=before)
        .order_by("created_at", "id")
        .values_list("id", flat=True)
    )


def recent_jobs(*, limit: int = 20, unfinished_only: bool = False) -> list[Job]:
    jobs = Job.objects.select_related("started_by").order_by("-created_at", "-id")
    if unfinished_only:
        jobs = jobs.filter(Q(state=State.QUEUED) | Q(state=State.RUNNING))
    return list(jobs[:limit])


def job_with_items(*, job_id: int, limit: int = 200) -> tuple[Job, list[JobItem], int]:
    """A job, its items (failures first) up to ``limit``, and how many items it has."""
    job = Job.objects.select_related("started_by").get(pk=job_id)
    items = list(job.items.order_by("ok", "position")[:limit])
    return job, items, job.items.count()
