"""What a job kind's function is handed: its parameters, progress, per-item results, cancel.

A kind's function looks like::

    def run(ctx: JobContext) -> dict:
        ctx.set_total(len(items))
        for position, item in enumerate(items):
            if position in ctx.recorded:      # done before an interruption: skip
                continue
            ctx.working_on(item.name)
            ...                               # the work, committed
            ctx.record(position=position, name=item.name, outcome="created")
        return {"summary": ...}

``record`` is called only once an item's work is committed; rows are written in small
batches, so a runner killed in between redoes at most a few items, which is why every kind
must make redoing an item harmless (the importer's content hash does). ``record`` raises
``JobCancelled`` when someone pressed cancel: the function may catch it to tidy up, then
re-raise.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from articles.jobs import records
from articles.models import Job, JobItem

# Progress reaches the database at most this often (and at every failure): live enough for
# a progress bar, cheap next to importing a file.
FLUSH_SECONDS = 0.5


# An item's message is a line or two; a file that makes a parser repeat itself must not make
# a row of megabytes.
MESSAGE_CHARS = 2000


def printable(text: str) -> str:
    """Text a database column takes: PostgreSQL refuses NUL, which a file's text may hold."""
    return text.replace("\x00", "\ufffd")


class JobCancelled(Exception):
    """Someone asked this job to stop; raised at the next item boundary."""


class JobContext:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.params: dict[str, Any] = dict(job.params or {})
        self.attempt = job.attempts
        self.result: dict[str, Any] = {}  # a function that is cancelled can leave its summary here
        rows = list(JobItem.objects.filter(job=job).values_list("position", "ok"))
        self._recorded = {position for position, _ in rows}
        self._failed = sum(1 for _, ok in rows if not ok)
        self._pending: list[JobItem] = []
        self._current = ""
        self._last_flush = time.monotonic()
        self._cancel = threading.Event()
        self._lost = threading.Event()
        self._lock = threading.Lock()  # the heartbeat thread flushes too

    # -- what the kind's function uses

    @property
    def recorded(self) -> frozenset[int]:
        """Positions of the items finished in an earlier run of this job (or this one)."""
        return frozenset(self._recorded)

    @property
    def resumed(self) -> bool:
        return self.attempt > 1

    def set_total(self, total: int) -> None:
        self.job.total = total
        records.set_total(job=self.job, total=total)

    def working_on(self, name: str) -> None:
        self._current = printable(name)

    def record(
        self, *, position: int, name: str, outcome: str, ok: bool = True, message: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        with self._lock:
            if position in self._recorded:
                return
            self._recorded.add(position)
            self._failed += not ok
            self._pending.append(
                JobItem(
                    job_id=self.job.pk, position=position, name=printable(name)[:500],
                    outcome=outcome[:30], ok=ok, message=printable(message)[:MESSAGE_CHARS],
                    data=data or {},
                )
            )
        self.checkpoint(force=not ok)

    def checkpoint(self, *, force: bool = False) -> None:
        """Write progress if due; raise JobCancelled if a cancel was asked for."""
        if self._lost.is_set():
            raise records.LeaseLost(self.job.pk)
        if force or time.monotonic() - self._last_flush >= FLUSH_SECONDS:
            self.flush()
        if self._cancel.is_set():
            raise JobCancelled(self.job.pk)

    def item_totals(self, keys: tuple[str, ...]) -> dict[str, Any]:
        """A job's result from its recorded items: how many of each outcome, and the sum of
        each numeric ``data`` key over them (all items, also those of an earlier attempt)."""
        self.flush()
        totals = dict.fromkeys(keys, 0)
        outcomes: dict[str, int] = {}
        for outcome, data in self.job.items.values_list("outcome", "data"):
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            for key in keys:
                totals[key] += (data or {}).get(key) or 0
        return {"outcomes": outcomes, **totals}

    # -- for the runner and its heartbeat

    def flush(self) -> None:
        """Write the finished items and the counters (also the heartbeat: see the runner)."""
        with self._lock:
            try:
                cancel = records.save_progress(
                    job=self.job, items=self._pending, done=len(self._recorded),
                    failed=self._failed, current=self._current,
                )
            except records.LeaseLost:
                self._lost.set()
                raise
            self._pending = []
            self._last_flush = time.monotonic()
        if cancel:
            self._cancel.set()

    @property
    def done(self) -> int:
        return len(self._recorded)

    @property
    def failed(self) -> int:
        return self._failed
