"""Jobs in the admin: progress bars, per-item reasons, cancelling, the live progress feed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.desk.roles import CHIEF_GROUP, EDITOR_GROUP, setup_roles
from articles.jobs import records
from articles.models import Job, JobItem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_job_changelist")


def staff(username: str, group: str) -> tuple[object, Client]:
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def people():
    setup_roles()
    return {
        "editor": staff("bianji", EDITOR_GROUP),
        "other": staff("bianji2", EDITOR_GROUP),
        "chief": staff("zhubian", CHIEF_GROUP),
    }


def running_job(user, *, title: str = "导入 9 个 OCR 文件") -> Job:
    job = records.create_job(kind="import_files", title=title, params={}, started_by=user, total=9)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, done=5, failed=1,
                                         current="issue_005.txt", attempts=1)
    JobItem.objects.bulk_create([
        JobItem(job=job, position=0, name="a.txt", outcome="created", message="10 篇文章"),
        JobItem(job=job, position=1, name="<b>坏</b>.txt", outcome="failed", ok=False,
                message="无法识别的编码 <script>alert(1)</script>"),
    ])
    job.refresh_from_db()
    return job


def test_job_list_shows_progress_and_escapes_what_files_say(people):
    user, client = people["editor"]
    running_job(user, title="导入 <i>x</i>.txt")
    page = client.get(LIST).content.decode()
    assert '<progress max="9" value="5">' in page
    assert "5 / 9" in page
    assert "导入 &lt;i&gt;x&lt;/i&gt;.txt" in page
    assert "<i>x</i>" not in page


def test_job_page_lists_failed_items_first_with_their_reasons(people):
    user, client = people["editor"]
    job = running_job(user)
    page = client.get(reverse("admin:articles_job_change", args=[job.pk])).content.decode()
    failed = page.index("&lt;b&gt;坏&lt;/b&gt;.txt")
    assert failed < page.index("a.txt")
    assert "无法识别的编码 &lt;script&gt;" in page and "<script>alert" not in page
    assert "已导入" in page and "失败" in page  # outcomes in words
    assert "issue_005.txt" in page  # what it is doing now
    assert "取消任务" in page


def test_only_the_starter_or_a_superuser_may_cancel(people):
    user, _ = people["editor"]
    _, other_client = people["other"]
    job = running_job(user)
    url = reverse("admin:articles_job_cancel", args=[job.pk])
    page = other_client.get(reverse("admin:articles_job_change", args=[job.pk])).content.decode()
    assert "取消任务" not in page
    other_client.post(url)
    job.refresh_from_db()
    assert job.cancel_requested is False


def test_cancel_button_stops_a_running_job_and_cancels_a_queued_one(people):
    user, client = people["editor"]
    job = running_job(user)
    response = client.post(reverse("admin:articles_job_cancel", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.cancel_requested) == (Job.State.RUNNING, True)
    assert "正在取消" in client.get(LIST).content.decode()

    queued = records.create_job(kind="import_files", title="x", params={}, started_by=user)
    client.post(reverse("admin:articles_job_cancel", args=[queued.pk]))
    queued.refresh_from_db()
    assert queued.state == Job.State.CANCELLED


def test_cancel_needs_post(people):
    user, client = people["editor"]
    job = running_job(user)
    assert client.get(reverse("admin:articles_job_cancel", args=[job.pk])).status_code == 405


def test_cancel_action_on_the_list(people):
    user, client = people["editor"]
    mine = running_job(user)
    theirs = running_job(people["chief"][0])
    client.post(LIST, {"action": "cancel_selected", "_selected_action": [mine.pk, theirs.pk]})
    assert Job.objects.get(pk=mine.pk).cancel_requested is True
    assert Job.objects.get(pk=theirs.pk).cancel_requested is False


def test_progress_feed_for_the_live_bars(people):
    user, client = people["editor"]
    job = running_job(user)
    data = client.get(reverse("admin:articles_job_progress"), {"ids": f"{job.pk},x"}).json()
    assert data == {"jobs": [{
        "id": job.pk, "state": "running", "state_label": "运行中", "finished": False, "done": 5,
        "total": 9, "failed": 1, "percent": 55, "current": "issue_005.txt",
        "cancel_requested": False,
    }]}
    assert Client().get(reverse("admin:articles_job_progress")).status_code == 302  # login


def test_jobs_are_not_for_the_public_nor_editable():
    setup_roles()
    job = records.create_job(kind="import_files", title="x", params={})
    reader = UserFactory(username="reader", is_staff=False)
    client = Client()
    client.force_login(reader)
    assert client.get(LIST).status_code == 302
    _editor, editor_client = staff("bianji", EDITOR_GROUP)
    page = editor_client.get(reverse("admin:articles_job_change", args=[job.pk])).content.decode()
    assert 'name="_save"' not in page
    assert editor_client.get(reverse("admin:articles_job_add")).status_code == 403


def test_job_list_costs_the_same_queries_for_many_jobs(people):
    user, client = people["editor"]
    running_job(user)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(15):
        running_job(people["chief"][0])
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)
