"""上传报纸 in a real browser: an editor uploads two OCR files, sees the parse, confirms, and
lands on the job's page, which the worker then completes."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from articles.desk.roles import EDITOR_GROUP, setup_roles
from tests.browser.test_sheets_preview import log_in
from tests.conftest import SEEDS_DIR
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_uploads_two_issues_and_follows_the_job(
    live_server, transactional_db, page, screenshot, settings, tmp_path
):
    from django.contrib.auth.models import Group

    from articles.models import Issue, Job

    settings.MEDIA_ROOT = tmp_path / "media"
    setup_roles()
    UserFactory(username="bianji", is_staff=True).groups.add(Group.objects.get(name=EDITOR_GROUP))
    seeds = sorted(SEEDS_DIR.glob("*.txt"))[:2]

    log_in(page, live_server.url, "/admin/")
    page.click("text=上传报纸")
    page.set_input_files("#id_files", [str(p) for p in seeds])
    page.click("input[value='上传并预览']")
    page.wait_for_selector(".upload-report")
    assert page.locator(".upload-report").count() == 2
    for seed in seeds:
        assert page.locator(".upload-report h2", has_text=seed.name).count() == 1
    assert page.locator("input[name=publish]").count() == 0  # an editor does not publish
    screenshot(page, "upload-preview")
    assert Issue.objects.count() == 0

    page.click("#confirm-form input[name=confirm]")
    page.wait_for_load_state()
    job = Job.objects.get()
    assert page.url.endswith(f"/admin/articles/job/{job.pk}/change/")
    assert page.locator(".job-progress").count() >= 1
    call_command("jobs", "--work", "--until-idle")
    page.reload()
    for seed in seeds:
        assert page.get_by_text(seed.name).count() >= 1
    screenshot(page, "upload-job")
    assert Issue.objects.count() == 2
