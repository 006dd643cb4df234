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
    # The diff against the OCR now marks the corrected character.
    assert page.locator("#ocr-diff del").first.inner_text() == "芒"
    assert page.locator("#ocr-diff ins").first.inner_text() == "苎"
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
