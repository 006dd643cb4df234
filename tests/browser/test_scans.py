"""A real browser and a scanned issue: the editor corrects an OCR misread looking at the printed
page beside the text; readers then see the page on the article and the issue pages."""

from __future__ import annotations

import json

import pytest

from articles.desk.roles import CHIEF_GROUP, setup_roles
from articles.models import Article, Page
from tests.browser.scanned_issue import import_rendered_issue
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    """Page images in a folder of this test's own (other test runs clean the shared one)."""
    settings.MEDIA_ROOT = tmp_path / "media"

# The render prints 技术人员; the "OCR" reads 拔术人员 (one look-alike character wrong).
PRINTED, MISREAD = "技术人员", "拔术人员"


def _log_in(page, live_server, next_url: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", "zhubian")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")


def _loaded(page, selector: str) -> list[int]:
    """naturalWidth of each image matching ``selector`` once the page has loaded them."""
    page.wait_for_function(
        "s => [...document.querySelectorAll(s)].every(i => i.complete)", arg=selector
    )
    return page.eval_on_selector_all(selector, "images => images.map(i => i.naturalWidth)")


def test_editor_fixes_a_misread_by_the_page_and_readers_see_the_page(live_server, page, browser, phone_page, screenshot, tmp_path):
    from django.contrib.auth.models import Group

    setup_roles()
    UserFactory(username="zhubian", is_staff=True).groups.add(Group.objects.get(name=CHIEF_GROUP))
    result = import_rendered_issue(tmp_path / "scans", publish=True, misreads={PRINTED: MISREAD})
    assert result.outcome == "created", result.message
    assert Page.objects.filter(issue_id=result.issue_id).count() == 2
    article = Article.objects.get(issue_id=result.issue_id, body__contains=MISREAD)

    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, live_server, f"/admin/articles/article/{article.pk}/change/")
    viewer = page.locator("#page-panel-viewer[data-ready='1']")
    viewer.wait_for()
    # The clipping beside the text: the page viewer to the right of the editor, on the same row,
    # drawing the page's zoom tiles.
    body_box = page.locator("#id_body").bounding_box()
    viewer_box = viewer.bounding_box()
    assert viewer_box["x"] > body_box["x"] + body_box["width"]
    assert viewer_box["y"] < body_box["y"] + body_box["height"] and viewer_box["height"] > 300
    assert viewer.get_attribute("data-source") == "tiles"
    page.wait_for_selector("#page-panel-viewer .pv-paragraph")

    # Click the misread character on the printed line.
    data = json.loads(page.locator("#page-panel-data").text_content())
    line = next(line for p in data["pages"] for line in p["lines"] if MISREAD in line["text"])
    x, y, w, h = line["box"]
    per_char = w / len(line["text"])
    wrong = line["text"].index(MISREAD)
    # It is in the first paragraph, which the viewer shows when the screen opens.
    assert page.evaluate("box => document.getElementById('page-panel-viewer').pageViewer.inView(box)", line["box"])
    point = page.evaluate(
        "c => document.getElementById('page-panel-viewer').pageViewer.toClient(c[0], c[1])",
        [x + (wrong + 0.5) * per_char, y + h / 2],
    )
    page.mouse.click(point["x"], point["y"])
    body = page.locator("#id_body")
    page.wait_for_function("t => document.getElementById('page-panel-viewer').dataset.currentLine === t", arg=line["text"])
    value = body.input_value()
    caret = body.evaluate("b => [document.activeElement === b, b.selectionStart]")
    assert caret == [True, value.index(line["text"]) + wrong]  # the caret before 拔
    assert page.locator("#page-panel-viewer .pv-current").count() == 1
    screenshot(page, "scans-correction-screen-1366")

    # The fix: select the character after the caret and type the printed one.
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.type(PRINTED[0])
    page.fill("#id_change_comment", "对照版面：拔术改为技术")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert PRINTED in article.body and MISREAD not in article.body

    # Readers (no login): the article shows its clipping, the issue its pages.
    reader = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    try:
        anonymous = reader.new_page()
        # The site's Content-Security-Policy allows no inline style or script: the viewer needs none.
        anonymous.add_init_script(
            "window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
            " e => window.cspViolations.push(e.violatedDirective + ' ' + e.sourceFile))"
        )
        anonymous.goto(f"{live_server.url}{article.get_absolute_url()}?q=技术")
        assert PRINTED in anonymous.locator(".body").inner_text()
        assert all(width > 0 for width in _loaded(anonymous, ".clipping img"))
        assert anonymous.locator(".clipping svg rect").count() >= 1  # the search hit on the clipping
        screenshot(anonymous, "scans-article-1366")
        anonymous.click(".clipping figcaption a")
        issue_viewer = anonymous.locator("#page-viewer[data-open-page='1']")
        issue_viewer.wait_for()
        anonymous.wait_for_selector("#page-viewer .pv-hits")
        assert issue_viewer.get_attribute("data-source") == "tiles"
        assert _loaded(anonymous, ".page-thumbs img") and len(_loaded(anonymous, ".page-thumbs img")) == 2
        screenshot(anonymous, "scans-issue-1366")
        anonymous.click("[data-page-thumb='2']")
        anonymous.locator("#page-viewer[data-open-page='2']").wait_for()
        assert anonymous.evaluate("window.cspViolations") == []
        # Back on page 1, a click on the other article's box on the page opens that article.
        anonymous.click("[data-page-thumb='1']")
        anonymous.locator("#page-viewer[data-open-page='1']").wait_for()
        data = json.loads(anonymous.locator("#page-viewer-data").text_content())
        other = next(b for b in data["pages"][0]["boxes"] if b["href"] != article.get_absolute_url())
        bx, by, bw, bh = other["box"]
        anonymous.evaluate("b => document.getElementById('page-viewer').pageViewer.fit(b, true)", other["box"])
        spot = anonymous.evaluate(
            "c => document.getElementById('page-viewer').pageViewer.toClient(c[0], c[1])", [bx + bw / 2, by + bh / 2]
        )
        anonymous.mouse.click(spot["x"], spot["y"])
        anonymous.wait_for_url(f"**{other['href']}")
    finally:
        reader.close()

    phone_page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert all(width > 0 for width in _loaded(phone_page, ".clipping img"))
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "scans-article-390")
    phone_page.goto(f"{live_server.url}{article.issue.get_absolute_url()}")
    phone_page.locator("#page-viewer[data-open-page='1']").wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "scans-issue-390")


def test_hint_shows_the_crop_of_its_printed_line_and_a_page_without_tiles_still_shows(live_server, page, screenshot):
    from django.contrib.auth.models import Group

    from articles.models import PageLine
    from tests.factories import ArticleFactory, IssueFactory
    from tests.scans.pagedata import LineData, make_page

    setup_roles()
    UserFactory(username="zhubian", is_staff=True).groups.add(Group.objects.get(name=CHIEF_GROUP))
    issue = IssueFactory()
    text = "本报讯（通讯吴申畅）近日，全区苎麻种植面积扩大。"
    article = ArticleFactory(issue=issue, body=text, ocr_text=text, is_published=False, status="imported")
    make_page(issue, lines=[
        LineData("苎麻产业", (100, 100, 400, 80), article=article, role=PageLine.LineRole.HEADLINE),
        LineData("本报讯（通讯吴申畅）近日", (100, 220, 600, 50), article=article, paragraph=0),
        LineData("，全区苎麻种植面积扩大。", (100, 280, 600, 50), article=article, paragraph=0),
    ])
    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, live_server, f"/admin/articles/article/{article.pk}/change/")
    page.locator("#page-panel-viewer[data-ready='1']").wait_for()
    # No zoom tiles were made for this page: the viewer shows the page image itself.
    assert page.locator("#page-panel-viewer").get_attribute("data-source") == "image"
    item = page.locator("#hint-list li.hint-place", has_text="通讯").first
    crop = item.locator(".hint-crop img")
    crop.wait_for()
    assert crop.evaluate("i => i.complete ? i.naturalWidth : new Promise(r => i.onload = () => r(i.naturalWidth))") == 636
    assert item.locator(".hint-crop rect").get_attribute("x") == "218"
    item.scroll_into_view_if_needed()
    screenshot(page, "scans-hint-crop-1366")
