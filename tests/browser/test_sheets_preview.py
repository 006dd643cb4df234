"""The import preview in a real browser at 1,366 pixels (the editors' laptops): each changed row
lists only its changed columns, a headline reads on one line, the diff colours are plain to
see, and nothing runs off the side of the page. Screenshot in test-artifacts/."""

from __future__ import annotations

import pytest

from articles.desk.roles import EDITOR_GROUP, setup_roles
from tests.factories import ArticleFactory, IssueFactory, TagFactory, UserFactory
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPH = "今年以来，全区苎麻种植面积扩大到三万亩，带动农户增收。区农业农村局组织技术人员深入田间地头，指导农户科学管护。"


@pytest.fixture
def desk(live_server, transactional_db):
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    cache.clear()
    setup_roles()
    UserFactory(username="bianji", is_staff=True).groups.add(Group.objects.get(name=EDITOR_GROUP))
    TagFactory(name="农业", slug="nongye")
    issue = IssueFactory(source_name="000_58fc3eb21ba78fc6.txt")
    articles = [
        ArticleFactory(
            issue=issue, position=n, headline=headline, body="\n".join([PARAGRAPH] * 8), is_published=published,
            status="imported",
        )
        for n, (headline, published) in enumerate(
            [
                ("万玲玲带队到武汉市江岸区考察学习历史文化街区保护利用工作", True),
                ("荆州区召开两区经济形势分析会", True),
                ("荆州区组织开展防汛演练", False),
                ("苎麻产业助农增收", True),
                ("区人大常委会视察农村人居环境整治工作", False),
            ],
            start=1,
        )
    ]
    return {"url": live_server.url, "articles": articles}


def log_in(page, base: str, path: str) -> None:
    page.goto(f"{base}/admin/login/?next={path}")
    page.fill("#id_username", "bianji")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_the_import_preview_is_readable_at_1366_pixels(desk, page, screenshot):
    first, second, third, fourth, _ = desk["articles"]
    data = edit_cells(
        export_bytes("articles"),
        "csv",
        {
            (first.pk, "标题"): "万玲玲带队到江岸区考察学习历史文化街区保护利用工作",
            (second.pk, "标签"): "农业",
            (second.pk, "状态"): "已校对",
            (third.pk, "正文"): third.body.replace("三万亩", "三万余亩", 1),
            (third.pk, "栏目"): "乡村振兴",
            (fourth.pk, "副题"): "种植面积扩大到三万亩",
        },
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, desk["url"], "/admin/articles/article/import/")
    page.set_input_files(
        "input[name=import_file]", files=[{"name": "文章.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.select_option("select[name=format]", label="csv")
    page.click("form[enctype='multipart/form-data'] input[type=submit]")
    page.wait_for_selector(".sheet-change")

    shot = screenshot(page, "sheets-import-preview-1366")

    assert shot.exists()
    sections = page.locator(".sheet-change")
    assert sections.count() == 4
    # Each row lists only what changes in it.
    headers = [sections.nth(i).locator("th").all_inner_texts() for i in range(4)]
    assert headers == [["标题"], ["标签", "状态"], ["栏目", "正文"], ["副题"]]
    # The editor's new words for published articles are marked as waiting for a chief.
    assert [sections.nth(i).locator(".waits").count() for i in range(4)] == [1, 0, 0, 1]
    # Nothing runs off the side of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # A headline reads on one line in a wide cell (the 21-column table gave it one character).
    headline_cell = sections.nth(0).locator("td").bounding_box()
    assert headline_cell["width"] > 600
    assert headline_cell["height"] < 60
    # The diff is plain to see: strong backgrounds, struck-through deletions.
    ins = page.locator(".sheet-change ins").first.evaluate("e => getComputedStyle(e).backgroundColor")
    deleted = page.locator(".sheet-change del").first.evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).textDecorationLine]"
    )
    assert ins == "rgb(171, 242, 188)"
    assert deleted == ["rgb(255, 193, 192)", "line-through"]
    # A state is shown replaced as a whole, not diffed character by character.
    assert sections.nth(1).locator("td").nth(1).inner_text() == "未校对 → 已校对"
    # The long body shows the corrected place with some context, not the whole article.
    body_cell = sections.nth(2).locator("td").nth(1).inner_text()
    assert "余" in body_cell and "…" in body_cell and len(body_cell) < 120
