"""A real PostgreSQL primary and streaming replica, started for these tests on this machine.

They run whatever database the rest of the suite uses (SQLite or PostgreSQL): the pair is
two clusters of their own in a temporary folder, on free ports, made with the machine's
PostgreSQL server programs (``initdb``, ``pg_basebackup -R``) and removed afterwards. As root
(CI) the clusters run as the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command

from tests.jobs.databases import database_as

DB_NAME = "newsroom"


def server_bin() -> Path:
    """The newest PostgreSQL server programs on the machine."""
    found = sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "pg_basebackup").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    if initdb is None:
        pytest.fail("PostgreSQL server programs (initdb, pg_ctl, pg_basebackup) are not installed")
    return Path(initdb).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    bin: Path
    data: Path
    port: int
    owner: str | None  # run as this user (when we are root)

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode:
            raise RuntimeError(f"{program} failed: {result.stdout}\n{result.stderr}\n{self.log()}")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=40 "
            "-c hot_standby_feedback=on"
        )
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self._logfile()),
                 "-w", "-t", "60", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def _logfile(self) -> Path:
        return self.data.parent / f"{self.data.name}.log"

    def log(self) -> str:
        try:
            return self._logfile().read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def url(self, dbname: str = DB_NAME) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def settings(self) -> dict[str, Any]:
        return {
            "ENGINE": "django.db.backends.postgresql", "NAME": DB_NAME, "USER": "postgres",
            "HOST": "127.0.0.1", "PORT": str(self.port), "OPTIONS": {"options": "-c jit=off"},
        }


@dataclass
class Pair:
    primary: Cluster
    replica: Cluster

    def sql(self, cluster: Cluster, query: str) -> Any:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            row = conn.execute(query).fetchone()
            return row[0] if row else None

    def caught_up(self) -> bool:
        target = self.sql(self.primary, "SELECT pg_current_wal_lsn()::text")
        return bool(self.sql(
            self.replica, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"
        ))

    def wait_caught_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.caught_up():
            if time.monotonic() > deadline:
                raise AssertionError(f"replica never caught up\n{self.replica.log()}")
            time.sleep(0.05)


@pytest.fixture(scope="module")
def pg_pair() -> Iterator[Pair]:
    owner = "postgres" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="newsroom-replica-"))
    if owner:
        user = pwd.getpwnam(owner)
        os.chown(base, user.pw_uid, user.pw_gid)
    bin_dir = server_bin()
    primary = Cluster(bin_dir, base / "primary", free_port(), owner)
    replica = Cluster(bin_dir, base / "replica", free_port(), owner)
    try:
        primary.run("initdb", "-D", str(primary.data), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync")
        primary.start()
        with psycopg.connect(primary.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DB_NAME}")
        primary.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                    "-D", str(replica.data), "-R", "-X", "stream", "-c", "fast", "--no-sync")
        replica.start()
        pair = Pair(primary, replica)
        assert pair.sql(replica, "SELECT pg_is_in_recovery()") is True
        yield pair
    finally:
        for cluster in (replica, primary):
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def replicated(pg_pair, django_db_setup, django_db_blocker) -> Iterator[Pair]:
    """Django's ``default`` is the pair's primary and ``replica1`` its replica (this module)."""
    with (
        django_db_blocker.unblock(),
        database_as("default", pg_pair.primary.settings()),
        database_as("replica1", pg_pair.replica.settings()),
    ):
        call_command("migrate", verbosity=0, interactive=False)
        pg_pair.wait_caught_up()
        yield pg_pair
