"""上传报纸: upload OCR files, see the parse, import them as a job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.desk.admin import upload
from articles.models import Article, Issue, Job
from tests.conftest import SEEDS_DIR
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "admin:articles_issue_upload"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _seed(n: int) -> SimpleUploadedFile:
    path = sorted(SEEDS_DIR.glob("*.txt"))[n]
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def _preview(client: Client, files: list[SimpleUploadedFile]):
    return client.post(reverse(URL), {"files": files})


def _token(response) -> str:
    return response.context["token"]


def test_preview_shows_both_seed_issues_and_writes_nothing(editor_client):
    response = _preview(editor_client, [_seed(0), _seed(1)])
    assert response.status_code == 200
    reports = response.context["reports"]
    assert [r["source"] for r in reports] == [p.name for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]]
    page = response.content.decode()
    for report in reports:
        assert report["articles"], report["source"]
        headlines = [a["headline"] for a in report["articles"] if a["headline"]]
        assert headlines and all(h in page for h in headlines)
        if report["masthead"]:
            assert report["masthead"] in page
    assert "确认导入 2 个文件" in page
    assert "2025年5月；" in page and "2025-05-01" not in page  # dated to the month: no invented day
    assert ">None<" not in page
    assert Issue.objects.count() == 0 and Article.objects.count() == 0 and Job.objects.count() == 0


def test_confirm_queues_a_job_that_imports_both_issues(editor_client):
    token = _token(_preview(editor_client, [_seed(0), _seed(1)]))
    response = editor_client.post(reverse(URL), {"confirm": "1", "token": token})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:articles_job_change", args=[job.pk]
    )
    call_command("jobs", "--work", "--until-idle")
    job.refresh_from_db()
    assert job.done == 2 and job.failed == 0
    assert Issue.objects.count() == 2
    assert not Article.objects.filter(is_published=True).exists()
    # The job page shows each file.
    page = editor_client.get(response["Location"]).content.decode()
    assert _seed(0).name in page and _seed(1).name in page
    # The same upload cannot be confirmed twice.
    editor_client.post(reverse(URL), {"confirm": "1", "token": token})
    assert Job.objects.count() == 1


def test_bad_files_are_named_with_reason_and_the_others_still_import(editor_client):
    binary = SimpleUploadedFile("scan.txt", b"\x00\x01\x02\xff\xfe" * 200)
    empty = SimpleUploadedFile("empty.txt", b"")
    response = _preview(editor_client, [binary, _seed(2), empty])
    bad = {b["source"]: b["reason"] for b in response.context["bad_files"]}
    assert set(bad) == {"scan.txt", "empty.txt"}
    assert "空" in bad["empty.txt"] and "不是文本文件" in bad["scan.txt"]
    page = response.content.decode()
    assert "scan.txt" in page and "empty.txt" in page
    assert [r["source"] for r in response.context["reports"]] == [_seed(2).name]
    editor_client.post(reverse(URL), {"confirm": "1", "token": _token(response)})
    call_command("jobs", "--work", "--until-idle")
    assert Issue.objects.count() == 1


def test_too_large_and_too_many_files_are_refused_with_a_message(editor_client, monkeypatch):
    monkeypatch.setattr(upload, "MAX_FILE_BYTES", 10)
    response = _preview(editor_client, [_seed(0)])
    assert "文件太大" in response.content.decode()
    monkeypatch.setattr(upload, "MAX_FILES", 1)
    response = _preview(editor_client, [_seed(0), _seed(1)])
    assert "一次最多上传 1 个文件" in response.content.decode()
    assert Issue.objects.count() == 0


def test_an_editor_cannot_publish_on_import(editor_client):
    response = _preview(editor_client, [_seed(0)])
    assert 'name="publish"' not in response.content.decode()
    forged = editor_client.post(
        reverse(URL), {"confirm": "1", "token": _token(response), "publish": "1"}
    )
    assert forged.status_code == 403
    assert not Job.objects.exists()


def test_a_chief_may_publish_on_import(chief_client):
    response = _preview(chief_client, [_seed(0)])
    assert 'name="publish"' in response.content.decode()
    chief_client.post(reverse(URL), {"confirm": "1", "token": _token(response), "publish": "1"})
    call_command("jobs", "--work", "--until-idle")
    assert Article.objects.filter(is_published=True).exists()


def test_nobody_confirms_another_users_upload(editor_client, other_editor_client):
    token = _token(_preview(editor_client, [_seed(0)]))
    other_editor_client.post(reverse(URL), {"confirm": "1", "token": token})
    assert not Job.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "non_staff", "staff_without_permission"])
def test_no_access_without_permission(who, roles):
    client = Client()
    if who != "anonymous":
        client.force_login(UserFactory(username=who, is_staff=who != "non_staff"))
    response = client.get(reverse(URL))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    response = client.post(reverse(URL), {"files": [_seed(0)]})
    assert response.status_code in (302, 403)
    assert Issue.objects.count() == 0


def test_markup_in_a_file_never_becomes_markup(editor_client):
    text = "荆州区新闻\n2024年5月24日\n<script>alert(1)</script>标题<b>粗</b>\n本报讯（通讯员<i>王</i>）正文<img src=x onerror=alert(1)>。\n"
    response = _preview(editor_client, [SimpleUploadedFile("<b>evil</b>.txt", text.encode())])
    page = response.content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>粗</b>" not in page
    assert "&lt;script&gt;alert(1)" in page or "&lt;img" in page


def test_the_issue_changelist_and_the_index_link_to_the_upload(editor_client):
    target = reverse(URL)
    assert target in editor_client.get(reverse("admin:articles_issue_changelist")).content.decode()
    assert target in editor_client.get(reverse("admin:index")).content.decode()
