"""A big spreadsheet import as a job: checked part by part, then written part by part."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.jobs import context, records, runner
from articles.models import Article, ArticleRevision, Job, Tag
from articles.sheets import admin as sheets_admin
from articles.sheets import jobs as sheet_jobs
from articles.sheets.files.writing import write_spreadsheet
from tests.factories import ArticleFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_parts(settings, monkeypatch):
    settings.JOBS_HEARTBEAT_SECONDS = 3600  # the heartbeat's connection cannot see the test's rows
    monkeypatch.setattr(context, "FLUSH_SECONDS", 0)
    monkeypatch.setattr(sheet_jobs, "PART_ROWS", 2)


@pytest.fixture
def boss():
    return UserFactory(username="guanli", is_superuser=True)


def tags_csv(rows: list[tuple[str, str, str]]) -> bytes:
    out = io.BytesIO()
    write_spreadsheet(["编号", "标签", "网址名"], [list(r) for r in rows], out, file_format="csv")
    return out.getvalue()


def queue_tags(user, rows) -> Job:
    return sheet_jobs.enqueue_sheet_import(
        model="tags", data=tags_csv(rows), file_format="csv", file_name="标签.csv",
        create_missing=False, user=user,
    )


def run(job: Job) -> Job:
    runner.run_job(job_id=job.pk)
    job.refresh_from_db()
    return job


FIVE_NEW = [("", f"新标签{n}", f"xin{n}") for n in range(5)]


def test_big_sheet_job_checks_then_imports_each_part(boss):
    job = run(queue_tags(boss, FIVE_NEW))
    assert job.state == Job.State.DONE
    assert (job.done, job.total, job.failed) == (6, 6, 0)  # 3 parts checked, then 3 written
    names = list(job.items.order_by("position").values_list("name", flat=True))
    assert names == [
        "检查第 2–3 行", "检查第 4–5 行", "检查第 6–6 行", "导入第 2–3 行", "导入第 4–5 行", "导入第 6–6 行",
    ]
    assert job.items.get(position=3).message == "新建 2，更新 0，未变 0"
    assert job.result["new"] == 5 and job.result["outcomes"] == {"checked": 3, "imported": 3}
    assert sorted(Tag.objects.values_list("name", flat=True)) == [f"新标签{n}" for n in range(5)]


def test_a_bad_row_anywhere_means_nothing_is_written_and_says_which_row(boss):
    taken = TagFactory(name="经济", slug="jingji")
    rows = [*FIVE_NEW[:3], ("", "经济", "jingji-2"), FIVE_NEW[4]]  # row 5 in Excel repeats a name
    job = run(queue_tags(boss, rows))
    assert job.state == Job.State.FAILED and "没有写入任何数据" in job.error
    bad = job.items.get(ok=False)
    assert bad.name == "检查第 4–5 行" and "第 5 行" in bad.message and f"编号 {taken.pk}" in bad.message
    assert list(Tag.objects.values_list("name", flat=True)) == ["经济"]
    assert not job.items.filter(name__startswith="导入").exists()


def test_cancel_stops_between_parts_and_keeps_whole_parts(boss, monkeypatch):
    job = queue_tags(boss, FIVE_NEW)
    real = sheet_jobs._import_part

    def cancelled_while_writing(ctx, dataset, rows, user, *, dry_run):
        report = real(ctx, dataset, rows, user, dry_run=dry_run)
        if not dry_run:
            records.request_cancel(job_id=job.pk)  # pressed while the first part is written
        return report

    monkeypatch.setattr(sheet_jobs, "_import_part", cancelled_while_writing)
    job = run(job)
    assert job.state == Job.State.CANCELLED
    assert job.done == 4 and job.result["new"] == 2
    assert Tag.objects.count() == 2


def test_an_editors_sheet_job_leaves_published_words_for_a_chief(monkeypatch):
    from django.contrib.auth.models import Group

    from articles.desk.roles import EDITOR_GROUP, setup_roles
    from tests.spreadsheets.conftest import edit_cells, export_bytes

    setup_roles()
    editor = UserFactory(username="bianji")
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    article = ArticleFactory(body="旧的文字。", is_published=True, status="published")
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "正文"): "新的文字。"})
    job = run(sheet_jobs.enqueue_sheet_import(
        model="articles", data=data, file_format="csv", file_name="文章.csv", create_missing=False, user=editor,
    ))
    assert job.state == Job.State.DONE, job.error
    assert job.result["waiting_for_chief"] == 1
    assert Article.objects.get(pk=article.pk).body == "旧的文字。"
    assert ArticleRevision.objects.get(article=article, review="pending").snapshot["body"] == "新的文字。"


def test_the_import_page_sends_a_big_file_to_a_job_and_links_to_it(client, boss, monkeypatch):
    monkeypatch.setattr(sheets_admin, "BIG_IMPORT_BYTES", 10)
    client.force_login(boss)
    response = client.post(
        reverse("admin:articles_tag_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("标签.csv", tags_csv(FIVE_NEW))},
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:articles_job_change", args=[job.pk])
    assert (job.kind, job.started_by, job.state) == ("sheet_import", boss, Job.State.QUEUED)
    assert not Tag.objects.exists()  # queued, not run in the request
    job = run(job)
    assert Tag.objects.count() == 5


def test_a_small_file_still_gets_the_preview(client, boss):
    client.force_login(boss)
    response = client.post(
        reverse("admin:articles_tag_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("标签.csv", tags_csv(FIVE_NEW))},
    )
    assert response.status_code == 200 and "confirm_form" in response.context
    assert not Job.objects.exists()
