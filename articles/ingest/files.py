"""Reading an OCR file — regular files only, never more than the cap — and parsing it.

Everything here needs no database, so the importer's background parser process runs it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from articles.hints.running import ImportHints
from articles.ingest.decoding import OcrDecodeError, decode_ocr_bytes
from articles.ingest.rows import article_fields, people_named
from articles.ocr import parse_issue
from articles.ocr.types import ParsedIssue

# One issue of a local paper is tens of kilobytes of text; anything this large is not an issue.
MAX_FILE_BYTES = 20 * 1024 * 1024
MB = 1024 * 1024


class ImportFileError(Exception):
    """A file could not be imported; the message names the reason in one line."""


def _open_error(path: Path, exc: OSError) -> ImportFileError:
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return ImportFileError("符号链接指向的文件不存在 (broken symbolic link)")
        return ImportFileError("文件不存在 (no such file)")
    if exc.errno == errno.ELOOP:
        return ImportFileError("符号链接循环，无法找到文件 (symbolic link loop)")
    if exc.errno == errno.EISDIR:
        return _directory_error()
    if exc.errno == errno.ENOTDIR:
        return ImportFileError("路径中有一段不是目录 (not a directory in path)")
    return ImportFileError(f"无法读取 ({exc.strerror or exc})")


def _directory_error() -> ImportFileError:
    return ImportFileError("这是一个目录，不是文件 (is a directory; pass the files in it)")


def read_capped(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ImportFileError.

    Opened without blocking (a FIFO with no writer would otherwise wait forever) and checked
    on the open descriptor, so a device (/dev/zero), pipe or socket is refused before one
    byte is read; the read itself stops one byte past the cap, whatever the size claims.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(path, exc) from exc
    except ValueError as exc:  # a NUL in the name
        raise ImportFileError(f"文件名无效 ({exc})") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise _directory_error()
        raise ImportFileError("不是普通文件（设备、管道或套接字）(not a regular file)")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ImportFileError(f"无法读取 ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise ImportFileError(
            f"文件过大（超过上限 {limit // MB} MB）(file too large for one issue)"
        )
    return data


def read_issue_file(path: Path) -> tuple[bytes, str, str, tuple[str, ...]]:
    """Return (raw bytes, text, encoding, notes) or raise ImportFileError with the reason."""
    data = read_capped(path)
    try:
        decoded = decode_ocr_bytes(data)
    except OcrDecodeError as exc:
        raise ImportFileError(str(exc)) from exc
    return data, decoded.text, decoded.encoding, decoded.notes


def content_hash(text: str) -> str:
    """Hash of the decoded text, so the same issue saved as GB18030 or with a BOM is the same."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class PreparedFile:
    """A file read, decoded and parsed — everything about it that needs no database."""

    path: Path
    parsed: ParsedIssue | None = None
    text: str = ""
    encoding: str = ""
    notes: tuple[str, ...] = ()
    digest: str = ""
    error: str = ""
    #: each article's OCR-hint count, in order (empty when hints were not asked for)
    hint_counts: list[int] = field(default_factory=list)


def prepare_file(
    path: Path, *, known_people: Collection[str], hints: ImportHints | None = None
) -> PreparedFile:
    """Read and parse one file; a file that cannot be read comes back with ``error`` set.

    With ``hints``, each article's hint count is computed too (see :func:`count_hints_of`).
    """
    try:
        _, text, encoding, notes = read_issue_file(path)
    except ImportFileError as exc:
        return PreparedFile(path=path, error=str(exc))
    parsed = parse_issue(text, known_people=known_people)
    prepared = PreparedFile(
        path=path, parsed=parsed, text=text, encoding=encoding, notes=tuple(notes),
        digest=content_hash(text),
    )
    if hints is not None:
        count_hints_of(prepared, hints)
    return prepared


def count_hints_of(prepared: PreparedFile, hints: ImportHints) -> None:
    """Learn the file's names and text, then count each article's hints (text only: the same
    whichever names its parse knew)."""
    parsed = prepared.parsed
    assert parsed is not None
    fields = [article_fields(pa, parsed) for pa in parsed.articles]
    hints.learn(
        digest=prepared.digest, names=people_named(parsed), bodies=[f["body"] for f in fields],
        misread=parsed.misread_names(),
    )
    prepared.hint_counts = [hints.count(f) for f in fields]
