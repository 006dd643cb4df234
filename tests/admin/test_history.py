"""History, side-by-side compare and one-step revert (people and tags included)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.desk.editing.common import ensure_baseline_revision
from articles.models import ArticleRevision
from articles.revisions import record_revision
from tests.factories import PersonFactory, TagFactory

pytestmark = pytest.mark.django_db


def _edit(article, user, **fields):
    ensure_baseline_revision(article)
    for name, value in fields.items():
        setattr(article, name, value)
    article.version += 1
    article.save()
    return record_revision(article=article, user=user, comment="测试修改")


def test_revert_restores_text_headline_status_people_and_tags(editor_client, editor, rich_article):
    ensure_baseline_revision(rich_article)
    original = rich_article.revisions.get(version=1)
    # Someone rewrites everything: text, headline, status, people and tags.
    rich_article.credits.all().delete()
    rich_article.credits.create(person=PersonFactory(name="朱翎"), role="mentioned", title="局长")
    rich_article.tags.set([TagFactory(name="错误标签")])
    _edit(rich_article, editor, body="完全不同的正文", headline="错误标题", status="corrected")

    url = reverse("admin:articles_article_revert", args=[rich_article.pk, original.pk])
    confirm = editor_client.get(url)
    assert confirm.status_code == 200 and "确认恢复" in confirm.content.decode()
    assert editor_client.post(url).status_code == 302

    rich_article.refresh_from_db()
    assert rich_article.body.startswith("本报讯（通讯员王思奇）")
    assert rich_article.headline == "荆州区召开经济形势分析会"
    assert rich_article.status == "imported"
    assert set(rich_article.tags.values_list("name", flat=True)) == {"经济", "会议"}
    assert set(rich_article.credits.values_list("person__name", "role", "title")) == {
        ("王思奇", "correspondent", "通讯员"),
        ("万玲玲", "mentioned", "区委书记"),
    }
    # The revert is itself a revision, so the rewritten version can be restored too.
    latest = rich_article.revisions.order_by("-version").first()
    assert latest.version == rich_article.version == 3
    assert "恢复到版本 1" in latest.comment
    assert rich_article.revisions.filter(snapshot__body="完全不同的正文").exists()


def test_history_lists_versions_and_compare_shows_side_by_side(editor_client, editor, rich_article):
    _edit(rich_article, editor, body=rich_article.body.replace("近日", "5月11日"))
    history = editor_client.get(reverse("admin:articles_article_history", args=[rich_article.pk]))
    page = history.content.decode()
    assert history.status_code == 200
    assert "bianji" in page and "测试修改" in page
    old, new = rich_article.revisions.order_by("version")
    compare = editor_client.get(
        reverse("admin:articles_article_compare", args=[rich_article.pk]), {"a": old.pk, "b": new.pk}
    )
    page = compare.content.decode()
    assert compare.status_code == 200
    assert "<del class=\"diff-del\">近</del>" in page  # character level: 日 is kept
    assert "<ins class=\"diff-ins\">5月11</ins>" in page


def test_compare_against_current_lists_tag_change(editor_client, editor, rich_article):
    ensure_baseline_revision(rich_article)
    first = rich_article.revisions.get()
    rich_article.tags.add(TagFactory(name="新增标签"))
    _edit(rich_article, editor)
    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[rich_article.pk]), {"a": first.pk, "b": "current"}
    )
    assert "新增标签" in response.content.decode()
    assert [c.label for c in response.context["changes"]] == ["标签"]


def test_revert_to_other_articles_revision_is_404(editor_client, rich_article, article):
    ensure_baseline_revision(article)
    foreign = ArticleRevision.objects.get(article=article)
    url = reverse("admin:articles_article_revert", args=[rich_article.pk, foreign.pk])
    assert editor_client.post(url).status_code == 404


def test_editor_revert_keeps_publication_chief_revert_restores_it(editor_client, chief_client, editor, rich_article):
    ensure_baseline_revision(rich_article)
    unpublished = rich_article.revisions.get()
    _edit(rich_article, editor, body="发布时的正文", status="corrected", is_published=True)
    url = reverse("admin:articles_article_revert", args=[rich_article.pk, unpublished.pk])
    assert editor_client.post(url).status_code == 302
    rich_article.refresh_from_db()
    # The editor's restore of a published article's words waits for a chief; the status
    # (proofreading) is restored at once, and the article stays public.
    assert rich_article.body == "发布时的正文" and rich_article.is_published and rich_article.status == "imported"
    pending = rich_article.revisions.get(review="pending")
    assert pending.snapshot["body"].startswith("本报讯") and pending.user == editor
    assert chief_client.post(url).status_code == 302
    rich_article.refresh_from_db()
    assert not rich_article.is_published and rich_article.status == "imported"
    assert rich_article.body.startswith("本报讯")
    # The chief's restore settled the editor's pending one: nothing is left waiting.
    assert not rich_article.revisions.filter(review="pending").exists()


def test_restore_comment_is_in_local_time_like_the_table(editor_client, editor, rich_article):
    import datetime as dt

    from django.utils import timezone

    ensure_baseline_revision(rich_article)
    first = rich_article.revisions.get()
    # 23:30 UTC is 07:30 the next morning in 北京时间 (Asia/Shanghai): the day differs too.
    first.created_at = dt.datetime(2025, 5, 10, 23, 30, tzinfo=dt.UTC)
    first.save(update_fields=["created_at"])
    _edit(rich_article, editor, body="改过的正文")
    editor_client.post(reverse("admin:articles_article_revert", args=[rich_article.pk, first.pk]))
    latest = rich_article.revisions.order_by("-id").first()
    assert latest.comment == "恢复到版本 1（2025-05-11 07:30）"
    history = editor_client.get(reverse("admin:articles_article_history", args=[rich_article.pk])).content.decode()
    assert timezone.localtime(first.created_at).strftime("%Y-%m-%d %H:%M") in history
