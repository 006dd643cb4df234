"""Uploaded issue files do not pile up on the server: a preview nobody confirms is removed after
a day (next upload, the workers' sweep, ``manage.py cleanup_uploads``); a confirmed upload's
files go when its import job ends; files a job still needs, or that are not uploads, stay."""

from __future__ import annotations

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.jobs import importing, queue
from articles.jobs.uploads import uploads_root
from articles.models import Issue, Job
from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.django_db

URL = "admin:articles_issue_upload"
DAY = 24 * 3600


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _seed(n: int) -> SimpleUploadedFile:
    path = sorted(SEEDS_DIR.glob("*.txt"))[n]
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def _preview(client: Client, n: int) -> tuple[str, Path]:
    """Upload one seed for a preview; its token and the folder its file is stored in."""
    before = set(uploads_root().iterdir()) if uploads_root().exists() else set()
    response = client.post(reverse(URL), {"files": [_seed(n)]})
    (folder,) = set(uploads_root().iterdir()) - before
    return response.context["token"], folder


def _age(folder: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(folder, (then, then))


def _folders() -> set[str]:
    return {p.name for p in uploads_root().iterdir()} if uploads_root().exists() else set()


def test_cleanup_uploads_removes_previews_older_than_a_day_only(editor_client):
    _, old = _preview(editor_client, 0)
    _, fresh = _preview(editor_client, 1)
    _age(old, DAY + 60)
    _age(fresh, DAY - 600)
    out = StringIO()
    call_command("cleanup_uploads", stdout=out)
    assert "已删除 1 个" in out.getvalue()
    assert _folders() == {fresh.name}


def test_the_next_upload_and_the_workers_sweep_clean_up_too(editor_client):
    _, old = _preview(editor_client, 0)
    _age(old, DAY + 60)
    _, new = _preview(editor_client, 1)  # the next upload sweeps the day-old one away
    assert _folders() == {new.name}
    _age(new, DAY + 60)
    queue.sweep()
    assert _folders() == set()


def test_confirming_a_removed_preview_says_so_and_imports_nothing(editor_client):
    token, old = _preview(editor_client, 0)
    _age(old, DAY + 60)
    call_command("cleanup_uploads", stdout=StringIO())
    response = editor_client.post(reverse(URL), {"confirm": "1", "token": token}, follow=True)
    assert "找不到这次上传" in response.content.decode()
    assert Job.objects.count() == 0


def test_a_confirmed_uploads_files_go_when_its_job_ends_not_before(editor_client):
    token, folder = _preview(editor_client, 0)
    editor_client.post(reverse(URL), {"confirm": "1", "token": token})
    job = Job.objects.get()
    # Queued for longer than a day (no worker running): the sweep leaves its files alone.
    _age(folder, DAY + 60)
    call_command("cleanup_uploads", stdout=StringIO())
    assert folder.is_dir()
    call_command("jobs", "--work", "--until-idle", stdout=StringIO())
    job.refresh_from_db()
    assert job.state == Job.State.DONE and Issue.objects.count() == 1
    assert not folder.exists()


def test_files_that_are_not_uploads_are_never_removed(seed_copy):
    target = seed_copy[0]
    importing.enqueue_import(paths=[target])
    call_command("jobs", "--work", "--until-idle", stdout=StringIO())
    assert Issue.objects.count() == 1
    assert target.is_file()
