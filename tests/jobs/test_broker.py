"""A broker that goes away and comes back loses no job.

These tests run a Redis server of their own (without persistence, like the machine's), so
they can stop and restart it without touching anybody else's.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from articles.jobs.importing import enqueue_import
from articles.models import Issue, Job
from tests.jobs.conftest import wait_for


class RedisServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        wait_for(lambda: self._ping(client), what="redis-server to start", timeout=10)
        client.close()

    @staticmethod
    def _ping(client: redis.Redis) -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None

    def waiting(self, queue: str) -> int:
        client = redis.Redis(port=self.port)
        try:
            return client.llen(queue)
        finally:
            client.close()


@pytest.fixture
def private_redis(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def test_job_queued_while_the_broker_is_down_runs_once_it_is_back(
    shared, make_workers, celery_on, issue_files, private_redis
):
    workers = make_workers(**celery_on(private_redis.url))
    private_redis.stop()
    started = time.monotonic()
    job = enqueue_import(paths=issue_files(3))
    assert time.monotonic() - started < 5  # whoever enqueued is not kept waiting
    job.refresh_from_db()
    assert (job.state, job.dispatched_at) == (Job.State.QUEUED, None)

    private_redis.start()
    workers.celery()  # its sweep sends what never reached the broker
    done = wait_for(lambda: (j := Job.objects.get(pk=job.pk)).finished and j,
                    what="the job to end", workers=workers)
    assert done.state == Job.State.DONE, done.error
    assert Issue.objects.count() == 3


def test_queued_job_survives_a_broker_restart_that_empties_its_queue(
    shared, make_workers, celery_on, issue_files, private_redis, queue_name
):
    workers = make_workers(**celery_on(private_redis.url))
    job = enqueue_import(paths=issue_files(2))
    job.refresh_from_db()
    assert job.dispatched_at is not None
    assert private_redis.waiting(queue_name) == 1

    private_redis.stop()  # no persistence: the message is gone
    private_redis.start()
    assert private_redis.waiting(queue_name) == 0

    workers.celery()  # its sweep sees a job sent long ago, an empty queue: sends it again
    done = wait_for(lambda: (j := Job.objects.get(pk=job.pk)).finished and j,
                    what="the job to end", workers=workers)
    assert done.state == Job.State.DONE, done.error
    assert (done.attempts, Issue.objects.count()) == (1, 2)
