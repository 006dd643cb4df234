"""Real workers for the jobs tests: a database they share with the test, Celery on the
machine's Redis (database 9, a queue of the test's own), and clean-up of every process."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connections

from tests.conftest import REPO_DIR, SEEDS_DIR
from tests.jobs.databases import database_as, url_of

# Broker URLs: the machine's Redis and RabbitMQ; a database number and queue names nobody
# else uses, so these tests never see another's messages.
REDIS_URL = os.environ.get("JOBS_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
AMQP_URL = os.environ.get("JOBS_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")


@dataclass
class SharedDatabase:
    url: str
    vendor: str


@pytest.fixture(scope="module")
def shared_db(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[SharedDatabase]:
    """A database of its own, migrated, that worker processes open too (SQLite: a file)."""
    current = dict(connections["default"].settings_dict)
    configured = dict(django_settings.DATABASES["default"])
    if current["ENGINE"].endswith("sqlite3"):
        shared = {**configured, "NAME": str(tmp_path_factory.mktemp("jobs-db") / "shared.sqlite3")}
    else:
        shared = {**current, "NAME": f"{current['NAME']}_shared"}
    with django_db_blocker.unblock():
        if shared["ENGINE"].endswith("postgresql"):
            _recreate_pg_database(shared["NAME"])
        try:
            with database_as("default", shared):
                call_command("migrate", verbosity=0, interactive=False)
                yield SharedDatabase(url=url_of(shared), vendor=connections["default"].vendor)
        finally:
            if shared["ENGINE"].endswith("postgresql"):
                with connections["default"].cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{shared["NAME"]}" WITH (FORCE)')


def _recreate_pg_database(name: str) -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture
def shared(shared_db) -> Iterator[SharedDatabase]:
    """The shared database, emptied after the test."""
    yield shared_db
    # What these tests create (cheaper than a flush, which rebuilds permissions too).
    from django.contrib.auth import get_user_model

    from articles.models import Issue, Job
    from people.models import Person

    for model in (Job, Issue, Person, get_user_model()):
        model.objects.all().delete()


@dataclass
class Workers:
    """Worker processes started by a test; each in its own process group, all ended after."""

    env: dict[str, str]
    logs: Path
    procs: list[subprocess.Popen] = field(default_factory=list)

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (self.logs / f"{len(self.procs)}-{name}.log").open("w")
        proc = subprocess.Popen(
            command, cwd=REPO_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        log.close()
        self.procs.append(proc)
        return proc

    def celery(self, *, pool: str = "solo") -> subprocess.Popen:
        return self._start("celery", [
            sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--pool", pool,
            "--concurrency", "1", "--loglevel", "info", "--without-gossip", "--without-mingle",
            "--without-heartbeat", "--hostname", f"test-{uuid.uuid4().hex[:8]}@%h",
        ])

    def local(self) -> subprocess.Popen:
        return self._start("local", [sys.executable, "manage.py", "jobs", "--work"])

    def kill9(self, proc: subprocess.Popen) -> None:
        """kill -9 the worker and everything it started (its background parser too)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)  # reaped: no zombie left to look alive

    def stop_all(self) -> None:
        """End every worker and whatever it started (a parser process); its jobs are over."""
        for proc in self.procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def output(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.logs.glob("*.log"))
        )


def worker_env(shared: SharedDatabase, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "DATABASE_URL": shared.url,
        "PYTHONPATH": str(REPO_DIR),
        # Quick heartbeats and sweeps, so the tests see progress and recovery in seconds.
        "JOBS_HEARTBEAT_SECONDS": "0.3",
        "JOBS_SWEEP_SECONDS": "0.5",
        "JOBS_STALE_SECONDS": "60",
        "JOBS_REDISPATCH_SECONDS": "2",
        "CELERY_BROKER_URL": "",
        **extra,
    }


@pytest.fixture
def queue_name() -> str:
    return f"test-jobs-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def make_workers(shared, tmp_path) -> Iterator[Callable[..., Workers]]:
    """``make_workers(broker=...)``: a Workers set for the shared database; all stopped after."""
    made: list[Workers] = []
    (tmp_path / "logs").mkdir()

    def make(**extra: str) -> Workers:
        workers = Workers(env=worker_env(shared, **extra), logs=tmp_path / "logs")
        made.append(workers)
        return workers

    yield make
    for workers in made:
        workers.stop_all()


@pytest.fixture
def celery_on(settings, queue_name) -> Callable[[str], dict[str, str]]:
    """Point this test process and its workers at a broker with the test's own queue."""

    def use(broker: str) -> dict[str, str]:
        settings.CELERY_BROKER_URL = broker
        settings.CELERY_TASK_DEFAULT_QUEUE = queue_name
        settings.JOBS_REDISPATCH_SECONDS = 2
        return {"CELERY_BROKER_URL": broker, "CELERY_QUEUE": queue_name}

    return use


@pytest.fixture
def forget_queue(queue_name) -> Iterator[None]:
    yield
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        client.delete(queue_name, *client.scan_iter(match=f"_kombu.binding*{queue_name}"))
        # A killed worker's unacknowledged message would come back to this queue hours later.
        for tag, payload in client.hgetall("unacked").items():
            if queue_name.encode() in payload:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)
        client.close()
    except Exception:  # noqa: S110 (nothing to tidy if Redis is gone)
        pass


def wait_for(
    predicate: Callable[[], Any], *, what: str, timeout: float = 40, workers: Workers | None = None
) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}\n{workers.output() if workers else ''}")


# ---------------------------------------------------------------- issue files


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]


@pytest.fixture
def issue_files(tmp_path) -> Callable[[int], list[Path]]:
    """``issue_files(n)``: n distinct issue files made from the seeds."""
    folder = tmp_path / "issues"
    folder.mkdir()
    texts = seed_texts()

    def make(count: int) -> list[Path]:
        paths = []
        for n in range(count):
            path = folder / f"issue_{n:03d}.txt"
            path.write_text(variant_text(texts, n), encoding="utf-8")
            paths.append(path)
        return paths

    return make


def variant_text(texts: list[str], n: int) -> str:
    """Seed n % 5 with a line of its own: a distinct issue with the seed's articles."""
    return texts[n % len(texts)] + f"\n（本期第 {n} 号副本）\n"


@pytest.fixture(autouse=True)
def _no_stray_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
