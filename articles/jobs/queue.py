"""Enqueue jobs, send them to Celery, and sweep up what a broker or a worker lost.

With ``CELERY_BROKER_URL`` set, a new job is sent to the broker once its row is committed.
Nothing is lost when that fails or the broker forgets its queue (Redis without persistence
restarted, say): the row stays ``queued`` and the sweep that every worker runs sends it
again. A worker killed mid-job leaves its job ``running`` with a dead process or a silent
heartbeat; the sweep puts it back in the queue and the next runner resumes it. A message
sent twice costs one no-op claim. Without a broker the local worker reads the queue from the
database itself (``articles.jobs.worker``).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from articles.jobs import kinds, records, uploads
from articles.models import Job

log = logging.getLogger(__name__)

TASK_NAME = "articles.jobs.run"
# A web request that enqueues while the broker is down waits about a second, not minutes.
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.25, "interval_max": 0.5}
# A job created this recently may still be on its way to the broker from the process that
# created it: the sweep leaves it alone.
SEND_GRACE = timedelta(seconds=5)


def broker_url() -> str:
    return getattr(settings, "CELERY_BROKER_URL", "") or ""


def queue_name() -> str:
    return settings.CELERY_TASK_DEFAULT_QUEUE


def uses_celery() -> bool:
    return bool(broker_url())


def enqueue(
    *, kind: str, title: str, params: dict[str, Any], started_by: Any = None, total: int = 0
) -> Job:
    """Record a job and, with a broker, send it once the row is committed."""
    kinds.resolve(kind)  # an unknown kind fails here, in front of whoever asked for it
    with transaction.atomic():
        job = records.create_job(
            kind=kind, title=title, params=params, started_by=started_by, total=total
        )
        if uses_celery():
            transaction.on_commit(lambda: dispatch(job_ids=[job.pk]))
    return job


def _celery_app() -> Any:
    from celery import current_app  # the project's app (newsroom.celery) once Django runs

    return current_app


def dispatch(*, job_ids: list[int]) -> list[int]:
    """Send "run job N" for each job; returns the ids sent. A broker that is down is logged,
    not raised: the jobs stay queued, unsent, and a later sweep sends them."""
    if not job_ids or not uses_celery():
        return []
    app = _celery_app()
    # Marked first, so a sweep running meanwhile does not send them a second time.
    records.mark_dispatched(job_ids=job_ids)
    sent: list[int] = []
    try:
        with app.connection_for_write(broker_url(), connect_timeout=3) as connection:
            for job_id in job_ids:
                app.send_task(
                    TASK_NAME, args=[job_id], queue=queue_name(), connection=connection,
                    retry=True, retry_policy=PUBLISH_RETRY, ignore_result=True,
                )
                sent.append(job_id)
    except Exception:  # kombu raises OperationalError, OSError, ConnectionError… alike
        unsent = [j for j in job_ids if j not in sent]
        records.mark_undispatched(job_ids=unsent)
        log.warning(
            "broker unreachable: jobs %s stay queued and are sent when it is back", unsent,
            exc_info=True,
        )
    return sent


def waiting_messages() -> int | None:
    """Messages waiting in the jobs queue on the broker; None when it cannot be asked."""
    app = _celery_app()
    try:
        with app.connection_for_write(broker_url(), connect_timeout=3) as connection:
            channel = connection.default_channel
            try:
                _, count, _ = channel.queue_declare(queue=queue_name(), passive=True)
            except Exception as exc:  # a queue the broker has forgotten is an empty one
                if "NOT_FOUND" in str(exc) or "no queue" in str(exc).lower():
                    return 0
                raise
            return int(count)
    except Exception:
        log.warning("cannot ask the broker how many jobs wait", exc_info=True)
        return None


def sweep() -> dict[str, list[int]]:
    """Recover what was lost; safe to run from many workers at once.

    * jobs whose runner died go back to the queue (and are resumed by the next runner);
    * with a broker: queued jobs never sent are sent, and queued jobs sent a while ago are
      sent again if the broker's queue is empty (it lost them: a restart without persistence).
    """
    orphans = records.requeue_orphans()
    uploads.remove_stale_uploads()
    if not uses_celery():
        return {"requeued": orphans, "sent": []}
    unsent = records.undispatched(older_than=SEND_GRACE)
    late = records.waiting_since(older_than=timedelta(seconds=settings.JOBS_REDISPATCH_SECONDS))
    lost = late if late and waiting_messages() == 0 else []
    sent = dispatch(job_ids=list(dict.fromkeys([*orphans, *unsent, *lost])))
    return {"requeued": orphans, "sent": sent}
