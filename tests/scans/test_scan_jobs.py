"""Scans as a background job: progress page by page, from the command and from the admin upload."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.desk.roles import CHIEF_GROUP, EDITOR_GROUP, setup_roles
from articles.jobs import context, records
from articles.jobs.scans import enqueue_scans, issue_name
from articles.models import Article, Issue, Job, JobItem, Page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "admin:articles_issue_upload"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.JOBS_HEARTBEAT_SECONDS = 3600  # the heartbeat's connection cannot see the test's rows


def _client(group: str, username: str) -> Client:
    setup_roles()
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def _uploads(folder) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(path.name.replace("2024-03-18-page", "2024-03-18"), path.read_bytes(), "image/png")
        for path in sorted(folder.glob("*.png"))
    ]


def test_the_job_reports_progress_page_by_page(small_pages, monkeypatch):
    seen: list[tuple[int, str]] = []
    save_progress = records.save_progress

    def watch(**kwargs):
        seen.append((kwargs["done"], kwargs["current"]))
        return save_progress(**kwargs)

    monkeypatch.setattr(records, "save_progress", watch)
    monkeypatch.setattr(context, "FLUSH_SECONDS", 0)  # every step reaches the database
    out = io.StringIO()
    call_command("import_scans", str(small_pages), "--background", stdout=out)
    job = Job.objects.get()
    assert f"任务 #{job.pk} 已排队" in out.getvalue()
    assert job.kind == "import_scans" and job.total == 2  # pages, not issues
    call_command("jobs", "--work", "--until-idle")
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.failed) == (Job.State.DONE, 2, 2, 0)
    # Page 1 counted once read, while page 2 was the one being worked on.
    assert (1, "2024-03-18 第 2 版") in seen
    items = list(JobItem.objects.filter(job=job).order_by("position").values_list("name", "outcome"))
    assert items == [("2024-03-18 第 1 版", "read"), ("2024-03-18 第 2 版（本期）", "created")]
    assert job.result["imported_issues"] == 1 and job.result["pages"] == 2 and job.result["articles"] == 2
    assert Page.objects.filter(issue__source_name="2024-03-18").count() == 2


def test_two_page_images_uploaded_from_the_admin_become_one_issue_of_two_pages(small_pages):
    editor = _client(EDITOR_GROUP, "bianji")
    preview = editor.post(reverse(URL), {"files": _uploads(small_pages)})
    page = preview.content.decode()
    assert "将识别 2 版" in page and "2024-03-18-01.png" in page
    assert 'name="publish"' not in page  # an editor is not offered publishing
    assert not Job.objects.exists() and not Issue.objects.exists()  # no OCR in the request
    confirmed = editor.post(reverse(URL), {"confirm": "1", "token": preview.context["token"]})
    job = Job.objects.get()
    assert confirmed.status_code == 302 and job.kind == "import_scans" and job.total == 2
    call_command("jobs", "--work", "--until-idle")
    issue = Issue.objects.get()
    assert issue.source_name == "2024-03-18"
    assert [p.number for p in issue.pages.all()] == [1, 2]
    assert issue.articles.count() == 2 and not Article.objects.filter(is_published=True).exists()


def test_an_editor_cannot_publish_scans_through_the_upload(small_pages):
    editor = _client(EDITOR_GROUP, "bianji")
    preview = editor.post(reverse(URL), {"files": _uploads(small_pages)})
    forged = editor.post(reverse(URL), {"confirm": "1", "token": preview.context["token"], "publish": "1"})
    assert forged.status_code == 403 and not Job.objects.exists()
    with pytest.raises(PermissionDenied):
        enqueue_scans(paths=[small_pages], publish=True, started_by=_user(EDITOR_GROUP))


def _user(group: str):
    user = UserFactory(username=f"u-{group}", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_chief_may_publish_scans_through_the_upload(small_pages):
    chief = _client(CHIEF_GROUP, "zhubian")
    preview = chief.post(reverse(URL), {"files": _uploads(small_pages)})
    assert 'name="publish"' in preview.content.decode()
    chief.post(reverse(URL), {"confirm": "1", "token": preview.context["token"], "publish": "1"})
    job = Job.objects.get()
    assert job.params["publish"] is True and job.title.endswith("，并发布")


def test_an_unreadable_scan_is_named_and_the_other_pages_still_come_in(small_pages):
    editor = _client(EDITOR_GROUP, "bianji")
    broken = SimpleUploadedFile("2024-03-18-03.png", b"not a picture at all", "image/png")
    preview = editor.post(reverse(URL), {"files": [*_uploads(small_pages), broken]})
    bad = {b["source"]: b["reason"] for b in preview.context["bad_files"]}
    assert list(bad) == ["2024-03-18-03.png"] and "不是可读取的图像" in bad["2024-03-18-03.png"]
    (scan,) = preview.context["scan_reports"]
    assert scan["pages"] == 2 and scan["source"] == "2024-03-18"


def test_an_issue_of_page_images_is_named_after_what_their_names_share():
    assert issue_name(["2024-03-18-1", "2024-03-18-2"]) == "2024-03-18"
    assert issue_name(["paper-page-01", "paper-page-02"]) == "paper"
    assert issue_name(["front"]) == "front"
