"""A day at the desk in a real browser.

An editor opens the review queue, takes the likeliest-wrong article, sees each hint's suspect
selected in the text being edited, fixes a real misreading in place, marks a false one
"不是错误" (gone after a reload, the count down), keeps typing and saves — nothing typed is
lost, and since the article is public the correction waits for a chief, unseen by readers. A
chief approves it with the diff in one click and readers see it; then uploads two new issue
files, checks the parse, confirms, and finds the new issues listed once the job has run.

Screenshots (test-artifacts/desk-day-*.png) at 1,366 px and 390 px: the correction screen
with its hints in place, the review queue and the upload preview.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from articles.desk.roles import CHIEF_GROUP, EDITOR_GROUP, setup_roles
from articles.hints.detectors import clear_cache, refresh_hint_counts
from tests.browser.test_review import log_in, reader_text
from tests.factories import ArticleFactory, IssueFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 袁菁穗 and 李菁华 are known people. 袁青穗 is a misreading of the first; 李青华, a farmer
# quoted in the same article, is a different person: the look-alike hint on him is false.
BODY = (
    "3月16日，区委副书记袁青穗到城东街道调研春耕备耕工作。\n"
    "在新华村，种粮大户李青华介绍了今年的育秧计划。\n"
    "袁菁穗要求，各地要抓早抓实，确保不误农时。"
)
WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}

ISSUES = {
    "chengdong_0318.txt": (
        "城东新闻\n2026年3月18日 星期三 第 1201 期\n\n"
        "城东街道启动春季植树活动\n"
        "本报讯（通讯员 林晓雯）3月17日，城东街道组织干部群众在沿河绿道开展义务植树，"
        "共栽下香樟、桂花等苗木一千二百余株。\n\n"
        "街道负责人表示，将建立管护台账，确保栽一棵活一棵。\n"
    ),
    "chengdong_0325.txt": (
        "城东新闻\n2026年3月25日 星期三 第 1202 期\n\n"
        "社区食堂让老人吃上热乎饭\n"
        "本报讯（通讯员 周雨桐）3月24日，东湖社区老年食堂正式开餐，"
        "辖区六十岁以上老人凭卡就餐可享受优惠。\n\n"
        "社区还组织志愿者为行动不便的老人送餐上门。\n"
    ),
}


@pytest.fixture
def day(live_server, transactional_db, settings, tmp_path):
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    setup_roles()
    for name, group in (("bianji", EDITOR_GROUP), ("zhubian", CHIEF_GROUP)):
        UserFactory(username=name, is_staff=True).groups.add(Group.objects.get(name=group))
    PersonFactory(name="袁菁穗")
    PersonFactory(name="李菁华")
    issue = IssueFactory()
    # Published and not yet proofread, as `make run` leaves the seeds.
    likeliest = ArticleFactory(
        issue=issue, position=2, headline="袁青穗调研春耕备耕", body=BODY, ocr_text=BODY,
        status="imported", is_published=True,
    )
    ArticleFactory(
        issue=issue, position=1, headline="城东街道召开安全生产会",
        body="会议强调，要压实安全生产责任。袁青穗出席。", status="imported", is_published=True,
    )
    ArticleFactory(issue=issue, position=3, headline="文明实践站开放", status="imported", is_published=True)
    clear_cache()
    refresh_hint_counts(issue_ids=[issue.pk])
    likeliest.refresh_from_db()
    files = []
    for name, text in ISSUES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return {"url": live_server.url, "article": likeliest, "files": files}


def shoot(page, screenshot, name: str) -> None:
    """``name`` at 1,366 px and at phone width (then back to 1,366)."""
    page.set_viewport_size(WIDE)
    screenshot(page, f"desk-day-{name}-1366")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(100)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    screenshot(page, f"desk-day-{name}-phone")
    page.set_viewport_size(WIDE)


def selected(page, field: str = "#id_body") -> str:
    return page.locator(field).evaluate("f => f.value.slice(f.selectionStart, f.selectionEnd)")


def test_a_day_at_the_desk(day, browser, page, screenshot):
    from articles.models import Article, HintRejection, Issue

    base, article = day["url"], day["article"]
    assert article.ocr_hint_count == 3  # 袁青穗 in the headline and the body, 李青华
    page.set_viewport_size(WIDE)

    # --- the editor: the queue, the likeliest-wrong article first ---
    log_in(page, base, "bianji", "/admin/articles/article/review/")
    first = page.locator("#unproofread-list tbody tr").first
    assert article.headline in first.inner_text()
    shoot(page, screenshot, "review-queue")
    first.get_by_role("link").click()
    page.wait_for_selector("#hint-list")
    body = page.locator("#id_body")

    # Each hint in its sentence; clicking it selects the suspect in the text being edited.
    real = page.locator(".hint-place[data-field=body]", has_text="袁青穗")
    false = page.locator(".hint-place", has_text="李青华")
    assert page.locator("#hint-total").inner_text() == "3"
    false.locator(".hint-show").click()
    assert selected(page) == "李青华"
    real.locator(".hint-show").click()
    assert selected(page) == "袁青穗"
    assert body.evaluate("f => document.activeElement === f")
    shoot(page, screenshot, "correction")

    # The editor types first (the hints' offsets go stale), then fixes the real one in place.
    body.press("Control+Home")
    body.type("（记者 关山）")
    real.locator(".hint-apply").click()
    assert selected(page) == "袁菁穗"  # the change, selected where it was made
    assert "区委副书记袁菁穗到城东街道" in body.input_value()
    # ... and says the other is not an error: stored at once, without leaving the page.
    false.locator(".hint-reject").click()
    page.wait_for_selector(".hint-place:has-text('李青华')", state="detached")
    assert "不是错误" in page.locator("#hint-status").inner_text()
    assert page.locator("#hint-total").inner_text() == "2"
    assert body.input_value().startswith("（记者 关山）3月16日")  # the typing is still there
    body.press("Control+End")
    body.type("会后，调研组还察看了育秧工厂。")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "待主编审核" in page.locator(".messagelist").inner_text()

    # After the reload: the rejected hint is gone, the count dropped, nothing typed was lost.
    assert page.locator(".hint-place", has_text="李青华").count() == 0
    assert HintRejection.objects.filter(article=article, suspect="李青华").count() == 1
    article.refresh_from_db()
    assert article.ocr_hint_count == 2  # readers' text: 袁青穗 twice until approved; 李青华 no more
    draft = body.input_value()
    assert draft.startswith("（记者 关山）") and draft.endswith("会后，调研组还察看了育秧工厂。")
    assert "袁菁穗到城东街道" in draft
    public = f"{base}/articles/{article.pk}/"
    seen = reader_text(browser, public)
    assert "袁青穗到城东街道" in seen and "育秧工厂" not in seen

    # --- the chief: approve with the diff in one click ---
    chief_context = browser.new_context(locale="zh-CN", viewport=WIDE)
    try:
        chief = chief_context.new_page()
        chief.set_default_timeout(10_000)
        log_in(chief, base, "zhubian", "/admin/articles/article/review/")
        item = chief.locator(".queue-item").first
        assert "育秧工厂" in item.locator(".pending-changes").inner_text()
        item.get_by_role("button", name="批准并公开").click()
        chief.wait_for_selector(".messagelist .success")
        seen = reader_text(browser, public)
        assert "袁菁穗到城东街道" in seen and "育秧工厂" in seen

        # --- then two new issues from the upload page ---
        chief.goto(f"{base}/admin/")
        chief.click("text=上传报纸")
        chief.set_input_files("#id_files", [str(p) for p in day["files"]])
        chief.click("input[value='上传并预览']")
        chief.wait_for_selector(".upload-report")
        assert chief.locator(".upload-report").count() == 2
        preview = chief.locator("#content").inner_text()
        for headline in ("城东街道启动春季植树活动", "社区食堂让老人吃上热乎饭"):
            assert headline in preview
        assert "2026年3月18日" in preview and "2026年3月25日" in preview
        shoot(chief, screenshot, "upload-preview")
        assert Issue.objects.count() == 1  # a preview writes nothing
        chief.click("#confirm-form input[name=confirm]")
        chief.wait_for_load_state()
        assert "/admin/articles/job/" in chief.url
        call_command("jobs", "--work", "--until-idle")
        chief.reload()
        assert "已完成" in chief.locator("#content").inner_text()
        chief.goto(f"{base}/admin/articles/issue/")
        listed = chief.locator("#result_list").inner_text()
        for name in ISSUES:
            assert name in listed
    finally:
        chief_context.close()
    assert Issue.objects.count() == 3
    assert Article.objects.filter(headline="社区食堂让老人吃上热乎饭").exists()
