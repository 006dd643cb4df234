"""The readers' site benchmark (``manage.py bench_site``): page and search times, and a load test.

* Page times are measured in-process through Django's full request handling (middleware,
  views, templates, database) with the test client, so they are server time without network.
* Searches are timed twice on the same data in the same run: through the bigram index
  (``articles.search``) and as a plain ``icontains`` over headline and body, each as the
  list page needs it (what it says of the total, and the first page in the default order).
* Deep pages are reached as readers reach them, by following "next" links (through the API,
  100 matches a link), and timed on the site and the API; ``--walk-to-end`` follows them to the
  last match and checks that as many matches were met as a full count finds.
* The load test starts gunicorn (2 workers, production settings) and drives the article list
  with ``wrk`` (or a small threaded Python client when ``wrk`` is not installed).
"""

from __future__ import annotations

import http.client
import math
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.test import Client

from articles import search
from articles.site.filters import public_articles

PAGE_SIZE = 20


@dataclass(slots=True)
class Timing:
    label: str
    samples_ms: list[float]
    queries: int = 0
    shown: str = ""
    status: int | None = None
    first_page: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p90(self) -> float:
        return self.percentile(0.9)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    def percentile(self, share: float) -> float:
        """The sample below which ``share`` of them fall (nearest rank: a measured time)."""
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(len(ordered) * share) - 1))]


@dataclass(slots=True)
class LoadResult:
    tool: str
    seconds: float
    connections: int
    requests: int
    requests_per_second: float
    errors: int
    non_2xx: int
    latency_p50_ms: float | None = None
    latency_p99_ms: float | None = None
    notes: list[str] = field(default_factory=list)


def _timed(function: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    function()  # warm caches: we measure the steady state a reader meets
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def time_page(client: Client, url: str, repeat: int) -> Timing:
    def fetch():
        return client.get(url, secure=True, HTTP_HOST="localhost")

    # A wrapper on the connection wrapper counts across the reconnects between requests.
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = fetch()
    samples, response = _timed(fetch, repeat)
    return Timing(label=url, samples_ms=samples, queries=len(executed), status=response.status_code)


def _icontains_condition(query: search.SearchQuery, *, title_only: bool) -> Q:
    condition = Q()
    for term in query.terms:
        term_q = Q(kicker__icontains=term) | Q(headline__icontains=term) | Q(subheadline__icontains=term)
        if not title_only:
            term_q |= Q(body__icontains=term)
        condition &= term_q
    return condition


def search_work(text: str, *, indexed: bool) -> Callable[[], tuple[str, list[int]]]:
    """What the list page asks of the database for a search: what it says of the total, page 1.

    ``indexed``: exactly the page's own code path (filters, headline-first order, the count
    through the index or none). Otherwise a plain ``icontains`` over headlines and body,
    ordered the same way and counted exactly.
    """
    from articles.site.filters import ArticleFilter
    from articles.site.pagination import SearchPaginator

    query = search.SearchQuery.parse(text)
    if query is None:
        raise ValueError(f"nothing searchable in {text!r}")

    def run_indexed() -> tuple[str, list[int]]:
        filterset = ArticleFilter({"q": text}, queryset=public_articles())
        paginator = SearchPaginator(filterset.ordered(), PAGE_SIZE, filterset=filterset)
        page = paginator.get_page(1)
        return shown_count(paginator), [article.pk for article in page.object_list]

    def run_plain() -> tuple[str, list[int]]:
        matching = public_articles().filter(_icontains_condition(query, title_only=False))
        ordered = matching.annotate(
            headline_hit=Case(
                When(_icontains_condition(query, title_only=True), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        ).order_by("-headline_hit", "-date", "issue_id", "position")
        return f"{matching.count():,}", list(ordered.values_list("pk", flat=True)[:PAGE_SIZE])

    return run_indexed if indexed else run_plain


def shown_count(paginator) -> str:
    """What the page says of the total: the count, "超过 1,000", or "从略" (not counted)."""
    if paginator.exact:
        return f"{paginator.count:,}"
    if paginator.more_than_lower_bound:
        return f"超过 {paginator.lower_bound:,}"
    return "从略"


def time_search(text: str, repeat: int, *, indexed: bool) -> Timing:
    samples, (shown, ids) = _timed(search_work(text, indexed=indexed), repeat)
    return Timing(label=text, samples_ms=samples, shown=shown, first_page=ids)


# --- Following "next" links: deep pages and the last match -------------------------------

@dataclass(slots=True)
class Walk:
    """Where following a search's ``next`` links through the API got to."""

    rows: int = 0  # matches seen
    requests: int = 0
    seconds: float = 0.0
    next_url: str | None = None  # the link after ``rows`` matches (None at the end)
    last_url: str | None = None  # the last page fetched
    last_rows: int = 0  # the matches on it


def follow_next(client: Client, term: str, *, rows: int | None, page_size: int = 100) -> Walk:
    """Follow the API's ``next`` links for ``term`` until ``rows`` matches (None: to the end)."""
    walk = Walk()
    url: str | None = "/api/articles/?" + urlencode({"q": term, "page_size": page_size})
    started = time.perf_counter()
    while url and (rows is None or walk.rows < rows):
        response = client.get(url, secure=True, HTTP_HOST="localhost")
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        data = response.json()
        walk.rows += len(data["results"])
        walk.requests += 1
        walk.last_url, walk.last_rows = url, len(data["results"])
        url = _relative(data["next"]) if data["next"] else None
    walk.next_url = url
    walk.seconds = time.perf_counter() - started
    return walk


def _relative(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def deep_urls(walk: Walk, term: str) -> tuple[str, str] | None:
    """The site's and the API's page that starts after ``walk.rows`` matches, by its link."""
    if walk.next_url is None:
        return None
    return _at(term, walk.rows, parse_qs(urlsplit(walk.next_url).query)["after"][0])


def last_urls(walk: Walk, term: str) -> tuple[str, str] | None:
    """The site's and the API's page (20 a page) that start where the walk's last page does."""
    assert walk.last_url is not None
    after = parse_qs(urlsplit(walk.last_url).query).get("after")
    if not after:
        return None  # one page of results: page 1 is the last
    return _at(term, walk.rows - walk.last_rows, after[0])


def _at(term: str, rows_before: int, after: str) -> tuple[str, str]:
    query = {"q": term, "page": rows_before // PAGE_SIZE + 1, "after": after}
    return "/articles/?" + urlencode(query), "/api/articles/?" + urlencode(query)


def sample_filters() -> dict[str, str]:
    """A realistic filtered list: the latest year and the archive's busiest section."""
    articles = public_articles().order_by()
    latest = articles.filter(date__isnull=False).order_by("-date").values_list("date", flat=True).first()
    section = (
        articles.exclude(section="")
        .values("section")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("section", flat=True)
        .first()
    )
    filters = {}
    if latest:
        filters["year"] = str(latest.year)
    if section:
        filters["section"] = section
    return filters


# --- Load test -----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _python_load(port: int, path: str, seconds: float, connections: int) -> LoadResult:
    """A small closed-loop HTTP/1.1 keep-alive client: one thread per connection."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    totals = {"requests": 0, "errors": 0, "non_2xx": 0}
    latencies: list[float] = []

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local_latencies, done, errors, bad = [], 0, 0, 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if not 200 <= response.status < 300:
                    bad += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            done += 1
            local_latencies.append((time.perf_counter() - start) * 1000)
        conn.close()
        with lock:
            totals["requests"] += done
            totals["errors"] += errors
            totals["non_2xx"] += bad
            latencies.extend(local_latencies)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return LoadResult(
        tool="python",
        seconds=elapsed,
        connections=connections,
        requests=totals["requests"],
        requests_per_second=totals["requests"] / elapsed,
        errors=totals["errors"],
        non_2xx=totals["non_2xx"],
        latency_p50_ms=latencies[len(latencies) // 2] if latencies else None,
        latency_p99_ms=latencies[int(len(latencies) * 0.99)] if latencies else None,
    )


def _parse_wrk(output: str, seconds: float, connections: int) -> LoadResult:
    def number(pattern: str, default: float = 0.0) -> float:
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    def latency(label: str) -> float | None:
        match = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)\b", output)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return LoadResult(
        tool="wrk",
        seconds=seconds,
        connections=connections,
        requests=int(number(r"(\d+) requests in")),
        requests_per_second=number(r"Requests/sec:\s+([\d.]+)"),
        errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        non_2xx=int(number(r"Non-2xx or 3xx responses: (\d+)")),
        latency_p50_ms=latency("50"),
        latency_p99_ms=latency("99"),
    )


def run_load(*, path: str, seconds: int, connections: int, workers: int = 2) -> LoadResult:
    """gunicorn with production settings (DEBUG off, hashed static files) under load."""
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on the loopback: no TLS proxy in front of this measurement.
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_ACCESS_LOG": os.devnull,
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("TESTING", None)
    database = settings.DATABASES["default"]
    if "DATABASE_URL" not in env and database["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{database['NAME']}"
    command = [
        sys.executable, "-m", "gunicorn", "newsroom.wsgi",
        "-c", str(Path(settings.BASE_DIR) / "gunicorn.conf.py"),
        "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
    ]
    # The production storage serves hashed, compressed files from a manifest collectstatic writes.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=settings.BASE_DIR, env=env, check=True
    )
    server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # noqa: S603 -- our own argv
    try:
        _wait_for(port)
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(10):
            warm.request("GET", path, headers={"Host": "127.0.0.1"})
            response = warm.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status} before the load test")
        warm.close()
        wrk = shutil.which("wrk")
        if wrk:
            output = subprocess.run(  # noqa: S603 -- our own argv
                [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
                 f"http://127.0.0.1:{port}{path}"],
                capture_output=True, text=True, check=True,
            ).stdout
            return _parse_wrk(output, seconds, connections)
        return _python_load(port, path, seconds, connections)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
