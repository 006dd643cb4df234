"""上传报纸 with scanned pages, in a real browser: a chief uploads two rendered page images,
confirms, the scans job reads them with the real OCR engine (RapidOCR; small pages, a few
seconds) and imports them, then corrects a character of an article looking at its page."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from articles.desk.roles import CHIEF_GROUP, setup_roles
from articles.scans.testpages import render_issue
from tests.browser.scanned_issue import FIXTURE, SMALL
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chief_uploads_scanned_pages_and_fixes_a_character_by_the_page(
    live_server, page, browser, screenshot, settings, tmp_path
):
    from django.contrib.auth.models import Group

    from articles.models import Article, Issue, Job, Page

    settings.MEDIA_ROOT = tmp_path / "media"
    setup_roles()
    UserFactory(username="zhubian", is_staff=True).groups.add(Group.objects.get(name=CHIEF_GROUP))
    rendering = render_issue(FIXTURE.read_text(encoding="utf-8"), spec=SMALL, seed=1)
    files = []
    for number, rendered in enumerate(rendering.pages, start=1):
        path = tmp_path / f"2026-03-18-p0{number}.png"
        rendered.image.save(path)
        files.append(str(path))
    assert len(files) == 2

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "zhubian")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.click("text=上传报纸")
    page.set_input_files("#id_files", files)
    page.click("input[value='上传并预览']")
    page.wait_for_selector("#confirm-form")
    assert Issue.objects.count() == 0
    screenshot(page, "scans-upload-preview")
    assert page.get_by_text("2 版").count() >= 1  # the two images are one issue of two pages
    page.check("input[name=publish]")  # a chief may publish on import
    page.click("#confirm-form input[name=confirm]")
    page.wait_for_load_state()
    job = Job.objects.get()
    assert job.kind == "import_scans"
    assert page.url.endswith(f"/admin/articles/job/{job.pk}/change/")
    call_command("jobs", "--work", "--until-idle")
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.state
    issue = Issue.objects.get()
    assert Page.objects.filter(issue=issue).count() == 2
    article = max(Article.objects.filter(issue=issue), key=lambda a: len(a.body))
    assert article.is_published  # the chief published on import

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    viewer = page.locator("#page-panel-viewer[data-ready='1']")
    viewer.wait_for()
    body = page.locator("#id_body")
    body_box, viewer_box = body.bounding_box(), viewer.bounding_box()
    assert viewer_box["x"] > body_box["x"] + body_box["width"]  # the page beside the text
    assert viewer_box["y"] < body_box["y"] + body_box["height"] and viewer_box["height"] > 300
    assert viewer.get_attribute("data-source") == "tiles"
    page.wait_for_selector("#page-panel-viewer .pv-paragraph")

    # Click the middle of a body line as the OCR read it; the caret goes into that line's text.
    value = body.input_value()
    data = json.loads(page.locator("#page-panel-data").text_content())
    line = next(
        line
        for p in data["pages"]
        for line in p["lines"]
        if "body" in line["fields"] and len(line["text"]) >= 6 and value.count(line["text"]) == 1
    )
    x, y, w, h = line["box"]
    page.evaluate(
        "b => document.getElementById('page-panel-viewer').pageViewer.fit(b, true)", line["box"]
    )
    point = page.evaluate(
        "c => document.getElementById('page-panel-viewer').pageViewer.toClient(c[0], c[1])",
        [x + w / 2, y + h / 2],
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(
        "t => document.getElementById('page-panel-viewer').dataset.currentLine === t",
        arg=line["text"],
    )
    focused, caret = body.evaluate("b => [document.activeElement === b, b.selectionStart]")
    start = value.index(line["text"])
    assert focused and start < caret < start + len(line["text"])
    screenshot(page, "scans-upload-correction-1366")

    # The fix: select the character after the caret and type another in its place.
    fixed_char = "术" if value[caret] == "技" else "技"
    expected = value[:caret] + fixed_char + value[caret + 1 :]
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.type(fixed_char)
    page.fill("#id_change_comment", "对照版面改一个字")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.body.replace("\r\n", "\n") == expected.replace("\r\n", "\n")
    fixed_line = expected[start : start + len(line["text"])]

    reader = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    try:
        anonymous = reader.new_page()
        anonymous.goto(f"{live_server.url}{article.get_absolute_url()}")
        assert fixed_line in anonymous.locator(".body").inner_text()
        anonymous.wait_for_function(
            "[...document.querySelectorAll('.clipping img')].every(i => i.complete)"
        )
        widths = anonymous.eval_on_selector_all(
            ".clipping img", "images => images.map(i => i.naturalWidth)"
        )
        assert widths and all(width > 0 for width in widths)
        screenshot(anonymous, "scans-upload-article-1366")
        anonymous.goto(f"{live_server.url}{issue.get_absolute_url()}")
        anonymous.locator("#page-viewer[data-open-page='1']").wait_for()
        anonymous.wait_for_function(
            "[...document.querySelectorAll('.page-thumbs img')].every(i => i.complete)"
        )
        thumbs = anonymous.eval_on_selector_all(
            ".page-thumbs img", "images => images.map(i => i.naturalWidth)"
        )
        assert len(thumbs) == 2 and all(width > 0 for width in thumbs)
        anonymous.click("[data-page-thumb='2']")
        anonymous.locator("#page-viewer[data-open-page='2']").wait_for()
    finally:
        reader.close()
