"""Uploaded issue files on the server: where they wait, and removing them once they are done.

The admin's 上传报纸 page stores each upload in a folder of its own under MEDIA_ROOT (every
worker can read it) and parses it for a preview. A confirmed upload's files are removed when
its import job ends; an upload nobody confirmed is removed once it is older than
``UPLOAD_MAX_AGE`` — by the next upload, the workers' periodic sweep, or
``manage.py cleanup_uploads``. A folder an unfinished job still reads is never touched.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from articles.models import Job

UPLOADS_FOLDER = "job-uploads"
UPLOAD_MAX_AGE = timedelta(hours=24)
_FINISHED = (Job.State.DONE, Job.State.FAILED, Job.State.CANCELLED)


def uploads_root() -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOADS_FOLDER


def _upload_folder(path: Path | str) -> Path | None:
    """The upload folder holding ``path``, or None when the file is not an upload (a file
    ``import_seeds`` named on the command line is the editor's own and stays where it is)."""
    root = uploads_root().resolve()
    for folder in Path(path).resolve().parents:  # a file, or a folder of scanned pages, inside it
        if folder.parent == root:
            return folder
    return None


def folders_in_use() -> set[Path]:
    """Upload folders that an unfinished job (queued, running) will still read."""
    folders: set[Path] = set()
    for params in Job.objects.exclude(state__in=_FINISHED).values_list("params", flat=True):
        for path in (params or {}).get("paths", []):
            folder = _upload_folder(path)
            if folder is not None:
                folders.add(folder)
    return folders


def remove_job_uploads(*, paths: Iterable[Path | str]) -> int:
    """Remove the upload folders these files were stored in (a finished job's); returns how many.

    Files outside the uploads folder are left alone.
    """
    folders = {folder for path in paths if (folder := _upload_folder(path)) is not None}
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return len(folders)


def remove_stale_uploads(*, older_than: timedelta = UPLOAD_MAX_AGE) -> list[str]:
    """Remove upload folders older than ``older_than`` that no unfinished job reads; returns
    their names. A preview that was never confirmed ends here."""
    root = uploads_root()
    if not root.is_dir():
        return []
    cutoff = time.time() - older_than.total_seconds()
    busy = folders_in_use()
    removed = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.resolve() in busy or folder.stat().st_mtime > cutoff:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed
