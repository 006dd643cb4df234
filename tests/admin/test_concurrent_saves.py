"""Two editors on one article: a second click never overwrites, fields that don't overlap merge."""

from __future__ import annotations

import re

import pytest

from articles.models import ArticlePerson
from tests.admin.conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def as_browser_resends(response) -> dict:
    """The refused page's form as a browser would post it again: what was typed, and every
    hidden input the page renders (the version the editor opened, the version shown)."""
    data = response.context["adminform"].form.data
    resent = {key: data.getlist(key) for key in data}
    html = response.content.decode()
    for name in ("expected_version", "overwrite_version"):
        found = re.search(f'name="{name}" value="(\\d+)"', html)
        if found:
            resent[name] = [found.group(1)]
    return resent


def refused(response) -> bool:
    return response.status_code == 200 and "保存被拒绝" in response.content.decode()


def test_pressing_save_again_after_a_refusal_never_overwrites(editor_client, other_editor_client, rich_article):
    theirs = form_data(editor_client, rich_article, body=rich_article.body + "甲编辑补充。")
    mine = form_data(other_editor_client, rich_article, body=rich_article.body + "乙编辑补充。")
    assert editor_client.post(change_url(rich_article), theirs).status_code == 302

    first = other_editor_client.post(change_url(rich_article), mine)
    assert refused(first)
    # The editor presses 保存 on the refused page: the same button, pressed twice.
    second = other_editor_client.post(change_url(rich_article), as_browser_resends(first))
    assert refused(second)
    rich_article.refresh_from_db()
    assert rich_article.body.endswith("甲编辑补充。") and rich_article.version == 2
    assert "乙编辑补充" in second.content.decode()  # still nothing typed is lost


def test_overwriting_is_a_separate_button_shown_with_the_diff(editor_client, other_editor_client, other_editor, rich_article):
    theirs = form_data(editor_client, rich_article, body=rich_article.body + "甲编辑补充。")
    mine = form_data(other_editor_client, rich_article, body=rich_article.body + "乙编辑补充。")
    editor_client.post(change_url(rich_article), theirs)
    page = other_editor_client.post(change_url(rich_article), mine)
    html = page.content.decode()
    assert 'name="_overwrite"' in html and 'name="overwrite_version" value="2"' in html
    assert 'id="conflict-diff"' in html and "甲编辑补充" in html  # the diff is on the same page
    # Enter in a text field submits the form's first button: that must be 保存, not the overwrite.
    assert html.index('name="_save"') < html.index('name="_overwrite"')

    response = other_editor_client.post(change_url(rich_article), {**as_browser_resends(page), "_overwrite": "1"})
    assert response.status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.body.endswith("乙编辑补充。") and rich_article.version == 3
    assert rich_article.revisions.get(version=3).user == other_editor
    assert rich_article.revisions.filter(version=2, snapshot__body__endswith="甲编辑补充。").exists()


def test_overwrite_of_a_version_the_editor_was_not_shown_is_refused(editor_client, other_editor_client, rich_article):
    mine = form_data(other_editor_client, rich_article, body=rich_article.body + "乙编辑补充。")
    editor_client.post(change_url(rich_article), form_data(editor_client, rich_article, body="甲第一次。"))
    page = other_editor_client.post(change_url(rich_article), mine)  # shown version 2
    editor_client.post(change_url(rich_article), form_data(editor_client, rich_article, body="甲第二次。"))
    response = other_editor_client.post(change_url(rich_article), {**as_browser_resends(page), "_overwrite": "1"})
    assert refused(response) and "没有覆盖" in response.content.decode()
    rich_article.refresh_from_db()
    assert rich_article.body == "甲第二次。" and rich_article.version == 3


def test_headline_only_save_merges_with_the_other_editors_body_change(
    editor_client, other_editor_client, other_editor, rich_article
):
    theirs = form_data(editor_client, rich_article, body=rich_article.body + "甲编辑补充。")
    mine = form_data(other_editor_client, rich_article, headline="乙编辑改的标题")
    assert editor_client.post(change_url(rich_article), theirs).status_code == 302

    response = other_editor_client.post(change_url(rich_article), mine)
    assert response.status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.headline == "乙编辑改的标题"
    assert rich_article.body.endswith("甲编辑补充。")  # the other editor's body is kept
    assert rich_article.version == 3
    latest = rich_article.revisions.get(version=3)
    assert latest.user == other_editor and latest.comment == "修改：标题"  # only what this editor changed
    assert rich_article.credits.count() == 2 and rich_article.tags.count() == 2


def test_browser_line_breaks_do_not_count_as_a_body_change(editor_client, other_editor_client, rich_article):
    rich_article.body = "第一段。\n\n第二段。"
    rich_article.save()
    theirs = form_data(editor_client, rich_article, body="第一段。\n\n第二段，甲改。")
    mine = form_data(other_editor_client, rich_article, headline="乙的标题")
    mine["body"] = mine["body"].replace("\n", "\r\n")  # as a browser submits a textarea
    editor_client.post(change_url(rich_article), theirs)
    assert other_editor_client.post(change_url(rich_article), mine).status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.body == "第一段。\n\n第二段，甲改。" and rich_article.headline == "乙的标题"


def _retitle(data: dict, old: str, new: str) -> dict:
    data = dict(data)
    for key, value in list(data.items()):
        if key.startswith("credits") and key.endswith("-title") and value == old:
            data[key] = new
    return data


def test_other_editors_people_change_is_kept_by_a_headline_save(editor_client, other_editor_client, rich_article):
    theirs = _retitle(form_data(editor_client, rich_article), "区委书记", "市委常委、区委书记")
    mine = form_data(other_editor_client, rich_article, headline="乙编辑改的标题")
    assert editor_client.post(change_url(rich_article), theirs).status_code == 302
    assert other_editor_client.post(change_url(rich_article), mine).status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.headline == "乙编辑改的标题"
    assert ArticlePerson.objects.filter(article=rich_article, title="市委常委、区委书记").exists()


def test_both_editors_changing_people_is_refused(editor_client, other_editor_client, rich_article):
    theirs = _retitle(form_data(editor_client, rich_article), "区委书记", "甲写的职务")
    mine = _retitle(form_data(other_editor_client, rich_article), "区委书记", "乙写的职务")
    editor_client.post(change_url(rich_article), theirs)
    response = other_editor_client.post(change_url(rich_article), mine)
    assert refused(response) and "人物" in response.context["conflict"].overlapping
    assert ArticlePerson.objects.filter(article=rich_article, title="甲写的职务").exists()


def test_other_editors_photo_caption_is_never_reverted(editor_client, other_editor_client, rich_article):
    theirs = form_data(editor_client, rich_article)
    for key in list(theirs):
        if key.endswith("-caption"):
            theirs[key] = "甲改的图片说明。"
    mine = form_data(other_editor_client, rich_article, headline="乙编辑改的标题")
    assert editor_client.post(change_url(rich_article), theirs).status_code == 302
    response = other_editor_client.post(change_url(rich_article), mine)
    # No snapshot records photos, so the stale caption cannot be told from a new one: refused.
    assert refused(response)
    assert rich_article.photos.get().caption == "甲改的图片说明。"


def test_saved_body_keeps_lf_line_breaks(editor_client, rich_article):
    data = form_data(editor_client, rich_article, body="第一段。\r\n\r\n第二段。")
    assert editor_client.post(change_url(rich_article), data).status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.body == "第一段。\n\n第二段。"
