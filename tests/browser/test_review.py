"""A real browser: an editor's correction of a published article waits; a chief approves it.

Also the correction screen's layout at 1,366 pixels and on a phone (screenshots in
test-artifacts/): hints high up, the text beside the OCR scrolling together, photos inside
the page, and the changelist's last columns in view.
"""

from __future__ import annotations

import re

import pytest

from articles.desk.roles import CHIEF_GROUP, EDITOR_GROUP, setup_roles
from tests.factories import ArticleFactory, IssueFactory, PhotoFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = [
    "今年以来，全区苎麻种植面积扩大到三万亩，带动农户增收。" * 12,
    "区农业农村局组织技术人员深入田间地头，指导农户科学管护。" * 12,
    "据介绍，苎麻加工企业已与合作社签订收购协议，保障销路。" * 12,
    "下一步，全区将继续做强苎麻产业链，打造特色品牌。" * 12,
    "农户表示，种植苎麻收益稳定，明年还将扩大种植。" * 12,
]
APPROVED_BODY = "\n".join(PARAGRAPHS)


@pytest.fixture
def desk(live_server, transactional_db):
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    cache.clear()
    setup_roles()
    for name, group in (("bianji", EDITOR_GROUP), ("zhubian", CHIEF_GROUP)):
        UserFactory(username=name, is_staff=True).groups.add(Group.objects.get(name=group))
    issue = IssueFactory()
    article = ArticleFactory(
        issue=issue, headline="苎麻产业助农增收", byline="本报讯（通讯员王思奇）", body=APPROVED_BODY,
        ocr_text="苎麻产业助农增收\n本报讯（通讯员王思奇）" + APPROVED_BODY.replace("三万", "三 万"),
        status="imported", is_published=True,
    )
    PhotoFactory(
        issue=issue, article=article, title="田间管护", caption="技术人员在苎麻基地指导农户管护。" * 4 + "（王芸 摄）",
    )
    ArticleFactory(issue=issue, headline="另一篇未校对的文章", status="imported", is_published=True, ocr_hint_count=3)
    return {"url": live_server.url, "article": article}


def log_in(page, base: str, username: str, path: str) -> None:
    page.goto(f"{base}/admin/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_load_state()


def reader_text(browser, url: str) -> str:
    context = browser.new_context(locale="zh-CN")
    try:
        reader = context.new_page()
        reader.goto(url)
        return reader.locator("main").inner_text() if reader.locator("main").count() else reader.content()
    finally:
        context.close()


def test_editors_correction_waits_until_a_chief_approves_it(desk, browser, page, screenshot):
    base, article = desk["url"], desk["article"]
    page.set_viewport_size({"width": 1366, "height": 900})
    change = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, base, "bianji", change)
    assert "保存后先交主编审核" in page.locator("#review-notice").inner_text()
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("三万亩", "三万余亩"))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "待主编审核" in page.locator(".messagelist").inner_text()
    assert "三万余亩" in page.locator("#pending-review").inner_text()
    screenshot(page, "review-editor-pending-1366")

    # Readers still see the approved words, on the page and in search.
    public = f"{base}/articles/{article.pk}/"
    assert "三万亩" in reader_text(browser, public) and "三万余亩" not in reader_text(browser, public)
    assert f"/articles/{article.pk}/" not in reader_text(browser, f"{base}/articles/?q=三万余亩")

    chief_context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    try:
        chief = chief_context.new_page()
        log_in(chief, base, "zhubian", "/admin/articles/article/review/")
        item = chief.locator(".queue-item").first
        assert "三万余亩" in item.locator(".pending-changes").inner_text()  # the diff beside the button
        # Pending corrections first, then the unproofread articles.
        text = chief.locator("#content-main").inner_text()
        assert text.index("三万余亩") < text.index("另一篇未校对的文章")
        screenshot(chief, "review-queue-1366")
        chief.set_viewport_size({"width": 390, "height": 844})
        assert chief.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(chief, "review-queue-phone")
        chief.set_viewport_size({"width": 1366, "height": 900})
        item.get_by_role("button", name="批准并公开").click()
        chief.wait_for_selector(".messagelist .success")
        assert "已批准并公开" in chief.locator(".messagelist").inner_text()
        assert chief.locator("#no-pending").is_visible()
    finally:
        chief_context.close()

    assert "三万余亩" in reader_text(browser, public)
    article.refresh_from_db()
    assert "三万余亩" in article.body


def test_correction_screen_layout_at_1366_and_on_a_phone(desk, browser, page, phone_page, screenshot):
    base, article = desk["url"], desk["article"]
    page.set_viewport_size({"width": 1366, "height": 900})
    change = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, base, "zhubian", change)

    # Nothing pushes the page wider than the screen; the photo's button is a real button.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    detach = page.get_by_role("button", name="从本文移除").bounding_box()
    assert detach["width"] >= 60
    # Hints are near the top, not 1,100 px down in a separate scroll.
    assert page.locator("#hints-panel").bounding_box()["y"] < 400
    # The text and the OCR original side by side; the headline group and byline are shown as
    # their own parts, not as text deleted from the body.
    text_box, ocr_box = page.locator("#id_body").bounding_box(), page.locator("#ocr-diff").bounding_box()
    assert abs(text_box["y"] - ocr_box["y"]) < 10 and ocr_box["x"] > text_box["x"] + text_box["width"] - 1
    labels = page.locator("#ocr-diff .ocr-part-label").all_inner_texts()
    assert labels == ["标题", "署名"]
    assert page.locator("#ocr-diff .ocr-part del").count() == 0
    assert page.locator("#ocr-diff .ocr-block[data-para='0'] del").first.inner_text() == " "  # "三 万"

    # They scroll together: the text scrolled to its fourth paragraph brings the OCR's fourth.
    page.evaluate(
        """() => { const body = document.getElementById('id_body');
                   const lines = body.value.split('\\n');
                   body.focus(); body.setSelectionRange(0, 0);
                   body.scrollTop = body.scrollHeight * lines.slice(0, 3).join('\\n').length / body.value.length; }"""
    )
    page.wait_for_timeout(300)
    at_top = page.evaluate(
        """() => { const o = document.getElementById('ocr-diff'); const top = o.scrollTop + o.firstElementChild.offsetTop;
                   let current = null;
                   o.querySelectorAll('.ocr-block[data-para]').forEach(b => { if (b.offsetTop <= top + 4) current = b; });
                   return current ? Number(current.dataset.para) : -1; }"""
    )
    assert at_top in (2, 3)
    page.evaluate("() => { document.getElementById('id_body').scrollTop = 0; document.documentElement.scrollTop = 0; }")
    page.wait_for_timeout(200)
    screenshot(page, "correction-screen-1366")

    phone_page.goto(f"{base}/admin/login/?next={change}")
    phone_page.fill("#id_username", "zhubian")
    phone_page.fill("#id_password", "correct-horse-battery")
    phone_page.click("input[type=submit]")
    phone_page.wait_for_load_state()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "correction-screen-phone")

    # The changelist keeps its last columns (version, last change) in view at 1,366 px.
    page.goto(f"{base}/admin/articles/article/")
    results = page.locator("#changelist .results")
    assert results.evaluate("r => r.scrollWidth <= r.clientWidth")
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert "版本" in headers and "更新时间" in headers
    assert re.search(r"\d\d-\d\d \d\d:\d\d", page.locator("#result_list td.field-changed_at").first.inner_text())
    screenshot(page, "changelist-1366")


def test_leaving_with_unsaved_typing_asks_first(desk, page):
    base, article = desk["url"], desk["article"]
    log_in(page, base, "bianji", f"/admin/articles/article/{article.pk}/change/")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", stay)
    page.locator("#id_body").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("还没保存的字")
    page.click("a.historylink", no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.locator("#id_body").input_value().endswith("还没保存的字")
    # Saving is not leaving: no question, and the words are kept (as a pending correction).
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert dialogs == ["beforeunload"]
