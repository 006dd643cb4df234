"""`manage.py jobs`: list with progress, one job's items, --watch, --cancel, --work."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.jobs import records
from articles.jobs.importing import enqueue_import
from articles.models import Issue, Job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_heartbeat_thread_writes(settings):
    settings.JOBS_HEARTBEAT_SECONDS = 3600


def jobs(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("jobs", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_work_until_idle_runs_queued_jobs_and_the_list_shows_them(seed_paths):
    job = enqueue_import(paths=[*seed_paths, Path("/nonexistent/missing.txt")])
    _, err = jobs("--work", "--until-idle")
    assert f"任务 #{job.pk}：已完成" in err
    assert Issue.objects.count() == 5

    out, _ = jobs()
    assert f"#{job.pk}  已完成  [####################]  100%  6/6  出错 1" in out
    assert "命令行" in out  # started from the shell


def test_one_job_lists_failures_first_with_reasons_and_the_result(seed_paths):
    job = enqueue_import(paths=[*seed_paths[:2], Path("/nonexistent/missing.txt")])
    jobs("--work", "--until-idle")
    out, _ = jobs(str(job.pk))
    lines = out.splitlines()
    assert lines[1] == "✗ 3. missing.txt  失败：文件不存在 (no such file)"
    assert lines[2].startswith(f"  1. {seed_paths[0].name}  已导入：")
    assert lines[-1].startswith("结果：已导入 2；失败 1；文章 ")


def test_watch_ends_with_an_error_when_items_failed(seed_paths):
    job = enqueue_import(paths=[Path("/nonexistent/missing.txt")])
    jobs("--work", "--until-idle")
    with pytest.raises(CommandError, match="出错 1 项"):
        jobs(str(job.pk), "--watch", "--interval", "0.01")
    ok = enqueue_import(paths=seed_paths[:1])
    jobs("--work", "--until-idle")
    out, _ = jobs(str(ok.pk), "--watch", "--interval", "0.01")
    assert "已完成" in out


def test_watch_list_returns_once_nothing_is_running(seed_paths):
    records.create_job(kind="import_files", title="旧任务", params={})
    Job.objects.update(state=Job.State.DONE)
    out, _ = jobs("--watch", "--interval", "0.01")
    assert "旧任务" in out


def test_cancel_from_the_command_line(seed_paths):
    job = enqueue_import(paths=seed_paths)
    out, _ = jobs(str(job.pk), "--cancel")
    assert out.strip() == f"#{job.pk}：已取消"
    with pytest.raises(CommandError, match="没有任务"):
        jobs("999999", "--cancel")
    with pytest.raises(CommandError, match="需要任务号"):
        jobs("--cancel")


def test_no_jobs_yet():
    assert jobs()[0].strip() == "没有任务。"
    with pytest.raises(CommandError, match="没有任务 #5"):
        jobs("5")


def test_import_seeds_background_queues_jobs_that_a_worker_runs(seed_paths):
    out = StringIO()
    call_command("import_seeds", *map(str, seed_paths), "--background", "--parts", "2", stdout=out)
    queued = list(Job.objects.order_by("pk"))
    assert len(queued) == 2
    assert Issue.objects.count() == 0  # nothing imported in the shell that queued it
    for job in queued:
        assert f"任务 #{job.pk} 已排队" in out.getvalue()
    assert "manage.py jobs --watch" in out.getvalue()

    jobs("--work", "--until-idle")
    assert Issue.objects.count() == 5
    assert {job.state for job in Job.objects.all()} == {"done"}


def test_import_seeds_background_refuses_a_dry_run(seed_paths):
    with pytest.raises(CommandError, match="--background"):
        call_command("import_seeds", str(seed_paths[0]), "--background", "--dry-run")
