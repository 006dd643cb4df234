"""A real browser: an editor logs in, corrects a word on the correction screen, sees it in history."""

from __future__ import annotations

import pytest

from articles.desk.roles import EDITOR_GROUP, setup_roles
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_corrects_a_word_and_sees_it_in_history(live_server, page, screenshot):
    from django.contrib.auth.models import Group

    setup_roles()
    editor = UserFactory(username="bianji", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    article = ArticleFactory(
        headline="苎麻产业助农增收",
        body="今年，全区芒麻种植面积扩大。",
        ocr_text="今年，全区芒麻种植面积扩大。",
        status="imported",
        is_published=False,
    )

    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
    page.fill("#id_username", "bianji")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")

    body = page.locator("#id_body")
    body.wait_for()
    assert "芒麻" in page.locator("#ocr-diff").inner_text()  # the OCR original beside the editor
    body.fill(body.input_value().replace("芒麻", "苎麻"))
    page.fill("#id_change_comment", "芒麻改为苎麻")
    page.click("input[name=_continue]")

    page.wait_for_selector(".messagelist .success")
    # The diff against the OCR now marks the corrected character, in the body's paragraph.
    assert page.locator("#ocr-diff .ocr-block[data-para] del").first.inner_text() == "芒"
    assert page.locator("#ocr-diff .ocr-block[data-para] ins").first.inner_text() == "苎"
    screenshot(page, "editor-correction-screen")

    page.click("a.historylink")
    page.wait_for_selector("#revision-list")
    history = page.locator("#revision-list").inner_text()
    assert "芒麻改为苎麻" in history and "bianji" in history
    page.click("input[type=submit][value='比较所选版本']")
    page.wait_for_selector(".compare-body")
    assert page.locator(".compare-body del").first.inner_text() == "芒"
    assert page.locator(".compare-body ins").first.inner_text() == "苎"
    screenshot(page, "editor-history-compare")
    article.refresh_from_db()
    assert article.body == "今年，全区苎麻种植面积扩大。"


def _log_in(page, live_server, username: str, article_id: int) -> None:
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article_id}/change/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.locator("#id_body").wait_for()


def test_second_click_on_save_never_overwrites_and_overwrite_is_explicit(live_server, browser, page, screenshot):
    from django.contrib.auth.models import Group

    setup_roles()
    for name in ("bianji", "bianji2"):
        UserFactory(username=name, is_staff=True).groups.add(Group.objects.get(name=EDITOR_GROUP))
    article = ArticleFactory(
        headline="苎麻产业助农增收", body="今年，全区芒麻种植面积扩大。\n\n农户增收。",
        ocr_text="今年，全区芒麻种植面积扩大。\n\n农户增收。", status="imported", is_published=False,
    )
    other_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    try:
        _log_in(page, live_server, "bianji", article.pk)
        _log_in(other, live_server, "bianji2", article.pk)  # both have version 1 open

        page.fill("#id_body", "今年，全区苎麻种植面积扩大。\n\n农户增收。")
        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist .success")

        other.fill("#id_body", "今年，全区芒麻种植面积扩大。\n\n农户增收明显。")
        other.click("input[name=_continue]")
        other.wait_for_selector("#conflict")
        screenshot(other, "editor-conflict")
        other.click("input[name=_continue]")  # the same button again
        other.wait_for_selector("#conflict")
        article.refresh_from_db()
        assert article.body == "今年，全区苎麻种植面积扩大。\n\n农户增收。" and article.version == 2

        other.click("input[name=_overwrite]")
        other.wait_for_selector(".messagelist .warning")
        article.refresh_from_db()
        assert article.body == "今年，全区芒麻种植面积扩大。\n\n农户增收明显。" and article.version == 3
    finally:
        other_context.close()
