"""The correction screen: what it shows, saving with history, and the optimistic lock."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import ArticlePerson, ArticleRevision
from tests.admin.conftest import change_url, form_data, make_archive
from tests.factories import ArticleFactory, PersonFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_screen_shows_body_beside_ocr_with_character_diff(editor_client, rich_article):
    rich_article.ocr_text = "本报讯（通讯员王思奇）近日，荆州区召开经济形势分析<会。"
    rich_article.save()
    response = editor_client.get(change_url(rich_article))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="ocr-diff"' in page
    # The OCR's stray "<" is escaped and marked as removed, character by character.
    assert '<del class="diff-del">&lt;</del>' in page
    assert "万玲玲" in page and "区委书记" in page  # people inline with titles
    assert "经济" in page and "会议现场" in page  # tags and photos on the same page
    photo = rich_article.photos.get()
    # Each photo has a one-click "detach" button wired to its own small form.
    assert f'form="detach-photo-{photo.pk}"' in page and f'id="detach-photo-{photo.pk}"' in page
    assert rich_article.issue.source_name in page or str(rich_article.issue) in page


def test_save_records_revision_with_user_and_changed_fields(editor_client, editor, rich_article):
    data = form_data(editor_client, rich_article, body=rich_article.body.replace("近日", "5月11日"))
    response = editor_client.post(change_url(rich_article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    rich_article.refresh_from_db()
    assert "5月11日" in rich_article.body
    assert rich_article.version == 2
    latest = rich_article.revisions.order_by("-version").first()
    assert latest.user == editor
    assert latest.version == 2
    assert "正文" in latest.comment
    # The state before the edit is kept as well, so the edit can be reverted.
    assert rich_article.revisions.filter(version=1).exists()
    # People and tags survived the save untouched.
    assert set(rich_article.tags.values_list("name", flat=True)) == {"经济", "会议"}
    assert rich_article.credits.count() == 2


def test_second_save_of_stale_version_is_refused_and_both_texts_kept(
    editor_client, other_editor_client, rich_article
):
    # Both editors open the article at version 1.
    first = form_data(editor_client, rich_article, body=rich_article.body + "甲编辑补充。")
    second = form_data(other_editor_client, rich_article, body=rich_article.body + "乙编辑补充。")
    assert editor_client.post(change_url(rich_article), first).status_code == 302

    response = other_editor_client.post(change_url(rich_article), second)
    assert response.status_code == 200  # the form comes back, nothing saved
    page = response.content.decode()
    assert "保存被拒绝" in page
    assert "bianji" in page  # who changed it
    assert "甲编辑补充" in page  # what they changed is shown
    assert "乙编辑补充" in page  # what this editor typed is still in the form
    rich_article.refresh_from_db()
    assert rich_article.body.endswith("甲编辑补充。")
    assert rich_article.version == 2

    # Having seen the other change, the editor may overwrite it deliberately, with the
    # separate button shown beside the diff (pressing 保存 again is refused: test_concurrent_saves).
    overwrite = dict(second, _overwrite="1", overwrite_version=str(response.context["conflict"].current_version))
    assert other_editor_client.post(change_url(rich_article), overwrite).status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.body.endswith("乙编辑补充。")
    # Both texts are in the history.
    bodies = [r.snapshot["body"] for r in rich_article.revisions.all()]
    assert any(b.endswith("甲编辑补充。") for b in bodies)
    assert any(b.endswith("乙编辑补充。") for b in bodies)


def test_editor_cannot_set_published_status(editor_client, rich_article):
    data = form_data(editor_client, rich_article, status="published")
    response = editor_client.post(change_url(rich_article), data)
    assert response.status_code == 200
    rich_article.refresh_from_db()
    assert rich_article.status == "imported"
    assert not rich_article.is_published


def test_chief_can_publish_from_form(chief_client, rich_article):
    data = form_data(chief_client, rich_article, is_published="on")
    assert chief_client.post(change_url(rich_article), data).status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.is_published and rich_article.published_at is not None
    # Publishing says nothing about proofreading: the article is still 未校对.
    assert rich_article.status == "imported"


def test_people_inline_edit_is_recorded(editor_client, rich_article):
    data = form_data(editor_client, rich_article)
    prefix = "credits"
    for key, value in list(data.items()):
        if key.startswith(prefix) and key.endswith("-title") and value == "区委书记":
            data[key] = "市委常委、区委书记"
    assert editor_client.post(change_url(rich_article), data).status_code == 302
    assert ArticlePerson.objects.filter(article=rich_article, title="市委常委、区委书记").exists()
    latest = ArticleRevision.objects.filter(article=rich_article).order_by("-version").first()
    assert "人物" in latest.comment


@pytest.mark.parametrize("count", [3, 30])
def test_change_form_query_count_is_constant(editor_client, django_assert_max_num_queries, count):
    articles = make_archive(count)
    with django_assert_max_num_queries(30):
        response = editor_client.get(change_url(articles[-1]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 40])
@pytest.mark.parametrize(
    "query", ["", "?status__exact=published", "?hints=yes", "?is_published__exact=1", "?tag=1", "?q=两区"]
)
def test_changelist_query_count_is_constant(editor_client, django_assert_max_num_queries, count, query):
    make_archive(count)
    with django_assert_max_num_queries(20):
        response = editor_client.get(reverse("admin:articles_article_changelist") + query)
    assert response.status_code == 200



def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_people_tags_or_archive(editor_client):
    small = make_archive(2)
    changelist = reverse("admin:articles_article_changelist") + "?hints=no"
    _queries(editor_client, change_url(small[1]))  # warm the hint cache (names, look-alikes)
    first_small = _queries(editor_client, change_url(small[0]))
    list_small = _queries(editor_client, changelist)
    big = make_archive(25)
    for i in range(8):  # many more people than the small article has
        big[0].credits.create(person=PersonFactory(name=f"赵{i}丙"), role="photographer")
    big[0].tags.add(*[TagFactory(name=f"多{i}") for i in range(8)])
    assert _queries(editor_client, change_url(big[0])) == first_small
    assert _queries(editor_client, changelist) == list_small


def test_changelist_offers_tools_and_spreadsheet_buttons(editor_client, rich_article):
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    for label in ("下一篇待审文章", "全库查找替换", "导入", "导出", "有疑似错误"):
        assert label in page


def test_tag_and_section_filters(editor_client):
    tagged = ArticleFactory(headline="有标签的文章", section="清廉荆州区")
    ArticleFactory(headline="别的文章", section="经济")
    tag = TagFactory(name="防汛")
    tagged.tags.add(tag)
    url = reverse("admin:articles_article_changelist")
    page = editor_client.get(url, {"tag": tag.pk}).content.decode()
    assert "有标签的文章" in page and "别的文章" not in page
    page = editor_client.get(url, {"section": "清廉荆州区"}).content.decode()
    assert "有标签的文章" in page and "别的文章" not in page
    assert "经济" in page  # the section appears among the filter choices


def test_pages_keep_order_and_do_not_overlap(editor_client):
    import datetime as dt

    issue = make_archive(1)[0].issue
    for i in range(150):
        ArticleFactory(issue=issue, headline=f"分页文章{i:03d}", date=dt.date(2020, 1, 1) + dt.timedelta(days=i))
    url = reverse("admin:articles_article_changelist")
    first = list(editor_client.get(url).context["cl"].result_list)
    second = list(editor_client.get(url, {"p": 2}).context["cl"].result_list)
    assert len(first) == 100 and len(second) == 51
    assert not {a.pk for a in first} & {a.pk for a in second}
    dates = [a.date for a in first + second]
    assert dates == sorted(dates, reverse=True)
