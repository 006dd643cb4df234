"""A real browser: an editor fixes a look-alike name from its hint in place, keeps typing, saves."""

from __future__ import annotations

import pytest

from articles.desk.roles import EDITOR_GROUP, setup_roles
from articles.hints.detectors import clear_cache
from tests.factories import ArticleFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_hint_fix_goes_into_the_form_and_nothing_typed_is_lost(live_server, page):
    from django.contrib.auth.models import Group

    setup_roles()
    editor = UserFactory(username="bianji", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    PersonFactory(name="袁菁穗")
    clear_cache()  # the known names are cached between requests; this test adds one
    article = ArticleFactory(
        headline="会议召开", body="会上，袁青穗强调发展。", ocr_text="会上，袁青穗强调发展。",
        status="imported", is_published=False,
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
    page.fill("#id_username", "bianji")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")

    body = page.locator("#id_body")
    body.wait_for()
    # The editor types first (before the suspect, so the hint's offsets are stale) ...
    body.fill("昨天" + body.input_value())
    page.fill("#id_headline", "全区会议召开")
    place = page.locator(".hint-place", has_text="袁青穗")
    assert place.locator("mark.hint-suspect").inner_text() == "袁青穗"
    place.locator("button.hint-apply").click()  # ... then accepts the fix: no reload
    assert body.input_value() == "昨天会上，袁菁穗强调发展。"
    body.press("End")
    body.type("散会。")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article.refresh_from_db()
    assert article.body == "昨天会上，袁菁穗强调发展。散会。"
    assert article.headline == "全区会议召开"
