"""The import benchmark: a synthetic corpus through the real importer into a throwaway database.

Each corpus size runs in its own child process (``manage.py bench_import --worker``) against a
fresh database — a new SQLite file, or a new PostgreSQL database next to the configured one —
so the peak RSS reported is that run's alone, and no user's data is ever read or touched. The
child runs :func:`articles.ingest.service.run_import` — the very function ``import_seeds``
calls, OCR-hint counts included — first as a dry run (parse only, what ``--dry-run``
costs), then for real, and keeps nothing per file, so memory must stay flat as the corpus
grows.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from articles.bench.synthetic import write_corpus

WORKER_TIMEOUT_SECONDS = 3600


class BenchmarkError(Exception):
    """The benchmark could not run; the message says why in one line."""


@dataclass(slots=True)
class ImportRun:
    issues: int
    articles: int
    failed: int
    seconds: float
    peak_rss_mb: float
    database: str
    parser_peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0
    writer_cpu_seconds: float = 0.0
    parser_cpu_seconds: float = 0.0
    server_cpu_seconds: float | None = None
    load_average: float = 0.0
    corpus_mb: float = 0.0
    generate_seconds: float = 0.0
    #: the same files parsed only (``import_seeds --dry-run``), in the same process before
    dry_run_seconds: float = 0.0
    #: OCR-hint suspects counted while importing (the review queue's input)
    hints: int = 0

    @property
    def dry_run_ratio(self) -> float:
        """How many times the parse-only time the real import takes."""
        return self.seconds / self.dry_run_seconds if self.dry_run_seconds else 0.0

    @property
    def issues_per_second(self) -> float:
        return self.issues / self.seconds if self.seconds else 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def cpu_bound_issues_per_second(self) -> float:
        """What two idle cores would give, from the CPU each process of the import used.

        The writer, the background parser and (on PostgreSQL) the database backend run at
        once; on two cores the pace is set by the busiest of them or by half their sum,
        whichever is slower. On a shared machine wall time measures the neighbours too.
        """
        server = self.server_cpu_seconds or 0.0
        parts = (self.writer_cpu_seconds, self.parser_cpu_seconds, server)
        bound = max(*parts, sum(parts) / 2)
        return self.issues / bound if bound else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        data = asdict(self)
        data["issues_per_second"] = round(self.issues_per_second, 1)
        data["articles_per_second"] = round(self.articles_per_second, 1)
        data["cpu_bound_issues_per_second"] = round(self.cpu_bound_issues_per_second, 1)
        data["dry_run_ratio"] = round(self.dry_run_ratio, 2)
        return data


def run_import_benchmark(
    *, sizes: list[int], seed: int = 1, report: Callable[[str], None] | None = None
) -> list[ImportRun]:
    """Generate and import a corpus of each size, each in a fresh database and process."""
    if not sizes or min(sizes) < 1:
        raise BenchmarkError("corpus sizes must be positive")
    say = report or (lambda _message: None)
    runs = []
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp, ThrowawayDatabases(
        Path(tmp)
    ) as databases:
        say(f"已建立并迁移临时{databases.label}数据库（不会读写现有数据）")
        for size in sizes:
            corpus = Path(tmp) / f"corpus-{size}"
            started = time.perf_counter()
            summary = write_corpus(corpus, size, seed=seed)
            generated = time.perf_counter() - started
            say(f"{size} 期：已生成语料（{summary.articles} 篇文章，{generated:.1f} 秒），正在导入…")
            database_url, flush = databases.fresh(f"n{size}")
            env = {**os.environ, "DATABASE_URL": database_url}
            worker = ["bench_import", "--worker", str(corpus), "--skip-checks"]
            output = _run_child([*worker, "--flush"] if flush else worker, env=env)
            result = json.loads(output.strip().splitlines()[-1])
            run = ImportRun(
                issues=result["issues"],
                articles=result["articles"],
                failed=result["failed"],
                seconds=result["seconds"],
                peak_rss_mb=result["peak_rss_mb"],
                parser_peak_rss_mb=result["parser_peak_rss_mb"],
                cpu_seconds=result["cpu_seconds"],
                writer_cpu_seconds=result["writer_cpu_seconds"],
                parser_cpu_seconds=result["parser_cpu_seconds"],
                server_cpu_seconds=result["server_cpu_seconds"],
                load_average=result["load_average"],
                dry_run_seconds=result["dry_run_seconds"],
                hints=result["hints"],
                database=databases.label,
                corpus_mb=round(summary.bytes / 1024 / 1024, 1),
                generate_seconds=round(generated, 2),
            )
            if run.failed:
                raise BenchmarkError(f"{run.failed} 个合成文件导入失败：{result.get('first_error', '')}")
            say(
                f"{size} 期：{run.issues_per_second:.1f} 期/秒（演练解析 {run.dry_run_seconds:.1f} 秒，"
                f"导入为其 {run.dry_run_ratio:.1f} 倍），峰值内存 {run.peak_rss_mb} MB"
            )
            runs.append(run)
    return runs


def import_corpus(corpus: Path, *, flush: bool = False) -> dict[str, float | int | str]:
    """In the child: parse ``corpus`` (dry run), then import it, both through ``run_import``
    exactly as ``import_seeds`` calls it; measure both."""
    from django.core.management import call_command

    from articles.ingest.service import run_import

    # DEBUG keeps every query's SQL (with its megabytes of OCR text) in memory: not an import.
    settings.DEBUG = False
    if flush:
        # Only ever the throwaway database this process was started on (see ThrowawayDatabases).
        call_command("flush", interactive=False, verbosity=0)
    paths = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    started = time.perf_counter()
    run_import(paths=paths, dry_run=True)
    dry_run_seconds = time.perf_counter() - started
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)  # the dry run's parser
    server_pid = _server_pid()
    server_before = _process_cpu_seconds(server_pid)
    own_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    summary = run_import(paths=paths)
    seconds = time.perf_counter() - started
    failed = len(summary.failed)
    first_error = (
        f"{summary.failed[0].path.name}: {summary.failed[0].message}" if summary.failed else ""
    )
    own = resource.getrusage(resource.RUSAGE_SELF)
    parser = resource.getrusage(resource.RUSAGE_CHILDREN)  # the background parser, joined
    writer_cpu = own.ru_utime + own.ru_stime - own_before.ru_utime - own_before.ru_stime
    parser_cpu = (
        parser.ru_utime + parser.ru_stime - children_before.ru_utime - children_before.ru_stime
    )
    server_after = _process_cpu_seconds(server_pid)
    server_cpu = (
        server_after - server_before
        if server_after is not None and server_before is not None
        else None
    )
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return {
        "issues": summary.files - failed,
        "articles": summary.articles,
        "hints": summary.hints,
        "dry_run_seconds": round(dry_run_seconds, 3),
        "failed": failed,
        "first_error": first_error,
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(own.ru_maxrss / scale, 1),
        "parser_peak_rss_mb": round(parser.ru_maxrss / scale, 1),
        # CPU used by the importer's processes and by its PostgreSQL backend (when that runs
        # on this machine), and how busy the machine was: on a shared machine wall time also
        # measures the neighbours.
        "cpu_seconds": round(writer_cpu + parser_cpu, 2),
        "writer_cpu_seconds": round(writer_cpu, 2),
        "parser_cpu_seconds": round(parser_cpu, 2),
        "server_cpu_seconds": round(server_cpu, 2) if server_cpu is not None else None,
        "load_average": round(os.getloadavg()[0], 1),
    }


def _server_pid() -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _process_cpu_seconds(pid: int | None) -> float | None:
    """user+system CPU of a local process (the PostgreSQL backend), or None if not readable."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None  # another machine, or not Linux
    # Fields 14 and 15 of /proc/<pid>/stat (utime, stime); index 11, 12 after the ")".
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ThrowawayDatabases:
    """Empty migrated databases of the configured kind, none of them the user's; all dropped.

    The schema is migrated once. On SQLite each :meth:`fresh` database is a copy of the
    migrated file; on PostgreSQL the one throwaway database is emptied (TRUNCATE, by the
    worker before it starts the clock) between runs, because every CREATE/DROP DATABASE
    waits for a checkpoint of the whole server.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.vendor = connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            raise BenchmarkError(f"不支持的数据库：{self.vendor}")
        self.label = "SQLite" if self.vendor == "sqlite" else "PostgreSQL"
        self.params = settings.DATABASES["default"]
        self._prefix = f"{self.params['NAME']}_bench_{os.getpid()}"[:50]
        self._created: list[str] = []
        self._template_url = ""
        self._used = False

    def __enter__(self) -> ThrowawayDatabases:
        try:
            self._template_url = self._create("template")
            _run_child(
                ["migrate", "--no-input", "-v", "0", "--skip-checks"],
                env={**os.environ, "DATABASE_URL": self._template_url},
            )
        except BaseException:
            self._drop_all()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._drop_all()

    def fresh(self, name: str) -> tuple[str, bool]:
        """(DATABASE_URL, whether it must be emptied first) of an empty migrated database."""
        if self.vendor == "sqlite":
            path = self.workdir / f"{name}.sqlite3"
            shutil.copyfile(self.workdir / "template.sqlite3", path)
            return f"sqlite:///{path}", False
        used, self._used = self._used, True
        return self._template_url, used

    def _create(self, name: str) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{self.workdir / f'{name}.sqlite3'}"
        database = f"{self._prefix}_{name}"
        # CREATE/DROP DATABASE cannot run in a transaction: use the maintenance connection.
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
                cursor.execute(f'CREATE DATABASE "{database}"')
        except Exception as exc:
            raise BenchmarkError(f"无法创建临时数据库 {database}（需要 CREATEDB 权限）：{exc}") from exc
        self._created.append(database)
        params = self.params
        user = quote(params.get("USER") or "", safe="")
        password = quote(params.get("PASSWORD") or "", safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = params.get("HOST") or "localhost"
        port = f":{params['PORT']}" if params.get("PORT") else ""
        return f"postgres://{auth}{host}{port}/{database}"

    def _drop_all(self) -> None:
        if not self._created:
            return
        with connection._nodb_cursor() as cursor:
            for database in self._created:
                cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self._created = []


def _run_child(args: list[str], *, env: dict[str, str]) -> str:
    manage = Path(settings.BASE_DIR) / "manage.py"
    completed = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(manage), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=WORKER_TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode != 0:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-3:]
        raise BenchmarkError(f"manage.py {args[0]} 失败：{' | '.join(tail)}")
    return completed.stdout
