"""A second process that reads, decodes, parses and hint-counts the next files while this one
writes: parsing and writing are each about half of an import's work.

The child is forked, never touches the database and exits without closing anything. It dies
with the import: killed at once (Linux) or within a second (elsewhere) when the importing
process goes away, however it goes — a ``kill -9`` included.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from articles.hints.running import ImportHints
from articles.ingest.files import PreparedFile, prepare_file
from articles.ingest.loader import IssueLoader
from articles.ingest.report import FileResult, failed
from articles.ingest.rows import people_named
from articles.ocr import parse_issue

# A background parser pays off once there are enough files to keep both processes busy.
BACKGROUND_PARSER_MIN_FILES = 20
# Files parsed ahead of the one being written: enough to never wait, few enough to hold.
PARSE_AHEAD = 4
# How often the child checks that the import is still there where the kernel cannot tell it.
PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1

_parser_known_people: set[str] = set()
_parser_hints: ImportHints | None = None
_parser_predicts = False


def die_with_parent(parent_pid: int) -> None:
    """Make this (forked) process end when ``parent_pid`` does."""
    if sys.platform.startswith("linux"):
        # Should prctl be missing, the watchdog below still covers it.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent was gone before the signal was armed
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _start_background_parser(
    known_people: set[str], hints: ImportHints | None, parent_pid: int, predicts: bool
) -> None:
    global _parser_known_people, _parser_hints, _parser_predicts  # this process's own copies
    die_with_parent(parent_pid)
    _parser_known_people = known_people
    _parser_hints = hints
    _parser_predicts = predicts


def _prepare_in_background(path: Path, learned: list[str]) -> PreparedFile:
    # The names the files written so far added, as the writing loader knows them.
    _parser_known_people.update(learned)
    prepared = prepare_file(path, known_people=_parser_known_people, hints=_parser_hints)
    if _parser_predicts and prepared.parsed is not None:
        # The writer will most likely write this file and so learn its people before the
        # next one: parse that one knowing them already (the writer checks the guess).
        _parser_known_people.update(people_named(prepared.parsed))
    return prepared


def import_with_background_parser(loader: IssueLoader, paths: list[Path]) -> Iterator[FileResult]:
    """One parser process, files handed over in order: the writer never waits for a parse.

    The result is exactly the one-process import's. A file is parsed ahead knowing the people
    of every file written before it was handed over and, on a real import, also those of
    every file the child parsed before it, as if each of them were written (the writer may
    not have got to them yet). A file is parsed again here, as the one-process import would
    have parsed it, should that guess be wrong for a name it prints: a name the writer
    knows and the child did not (a file written from a parse of its own here), or one the
    child assumed and the writer never learned (a file that failed, or was in the archive
    already). Hint counts depend on the text only, and the child learns every file in order
    as a one-process import does, so its counts stand. Should the child die, the rest is
    imported here.
    """
    learned = loader.track_learned_names()
    known = set(loader.known_people())
    hints = loader.hints()  # built before the fork: the child carries on from a copy
    # A dry run writes nothing and so learns no names: the child must not assume any.
    predicts = not loader.dry_run
    told = 0  # how much of ``learned`` the parser process has been sent
    assumed: set[str] = set()  # every name the child took from its own parses so far
    unconfirmed: set[str] = set()  # those of them the writer does not know (yet)
    diverged = False  # once the loader re-reads names (after a rollback): parse here from then on
    remaining = iter(paths)
    pending: deque[tuple[Path, Future[PreparedFile], int]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_background_parser,
        initargs=(known, hints, os.getpid(), predicts),
    )
    try:

        def submit_next() -> None:
            nonlocal told
            path = next(remaining, None)
            if path is None:
                return
            try:
                future = pool.submit(_prepare_in_background, path, learned[told:])
            except BrokenProcessPool as exc:  # it died since: this file is imported here
                future = Future()
                future.set_exception(exc)
            told = len(learned)
            pending.append((path, future, told))

        for _ in range(PARSE_AHEAD):
            submit_next()
        while pending:
            path, future, known_upto = pending.popleft()
            try:
                prepared = future.result()
            except BrokenProcessPool:
                # Its hint knowledge went with it: start again from the archive as it is now.
                loader.restart_hints()
                rest = [path, *(p for p, _, _ in pending), *remaining]
                pending.clear()
                for left in rest:
                    yield _import_here(loader, left)
                return
            except Exception as exc:  # the parse itself failed: that file only
                submit_next()
                yield failed(path, exc)
                continue
            reloads = loader.reloads
            parsed_there = prepared.parsed
            try:
                # Where the child's known names and this loader's differ: the names learned
                # here since it was told that it did not assume, and the ones it assumed
                # that were never learned here.
                unseen = [name for name in learned[known_upto:] if name not in assumed]
                if parsed_there is not None and (
                    diverged
                    or any(name in prepared.text for name in unseen)
                    or any(name in prepared.text for name in unconfirmed)
                ):
                    prepared.parsed = parse_issue(prepared.text, known_people=loader.known_people())
                result = loader.import_prepared(prepared)
            except Exception as exc:
                result = failed(path, exc)
            diverged = diverged or loader.reloads != reloads
            if predicts and parsed_there is not None and not diverged:
                names = people_named(parsed_there)  # what the child added after this file
                assumed.update(names)
                writer_knows = loader.known_people()
                unconfirmed = {n for n in (*unconfirmed, *names) if n not in writer_knows}
            submit_next()
            yield result
    finally:
        # Also on close() (a cancelled job): files not yet handed over are dropped at once.
        pool.shutdown(wait=True, cancel_futures=True)


def _import_here(loader: IssueLoader, path: Path) -> FileResult:
    try:
        return loader.import_path(path)
    except Exception as exc:
        return failed(path, exc)
