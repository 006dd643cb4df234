"""The chief editor (主编) deletes articles and issues; their history is kept, never lost."""

from __future__ import annotations

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from articles.desk.editing.common import ensure_baseline_revision
from articles.models import Article, ArticleRevision, DeletedArticle, Issue
from articles.revisions import record_revision
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def edited(article: Article, user, body: str) -> Article:
    """An article with a history: its baseline and one editor's correction."""
    ensure_baseline_revision(article)
    article.body = body
    article.version += 1
    article.save()
    record_revision(article=article, user=user, comment="校对")
    return article


def test_chief_deletes_an_article_with_history_and_the_history_is_kept(chief_client, chief, editor, rich_article):
    edited(rich_article, editor, "校对后的正文。")
    url = reverse("admin:articles_article_delete", args=[rich_article.pk])
    confirm = chief_client.get(url)
    assert confirm.status_code == 200 and not confirm.context["perms_lacking"]
    assert 'id="deletion-note"' in confirm.content.decode()
    assert chief_client.post(url, {"post": "yes"}).status_code == 302

    assert not Article.objects.filter(pk=rich_article.pk).exists()
    record = DeletedArticle.objects.get(original_id=rich_article.pk)
    assert record.deleted_by == chief and record.title == "荆州区召开经济形势分析会"
    assert record.snapshot["body"] == "校对后的正文。" and record.snapshot["ocr_text"] == rich_article.ocr_text
    assert {p["name"] for p in record.snapshot["people"]} == {"王思奇", "万玲玲"}
    assert [(r["version"], r["user"], r["comment"]) for r in record.revisions] == [
        (1, "", "修改前的原状"), (2, "bianji", "校对"),
    ]
    # The record can be read in the admin, by editors too; nobody may change or delete it.
    page = chief_client.get(reverse("admin:articles_deletedarticle_change", args=[record.pk])).content.decode()
    assert "校对后的正文。" in page and "修改前的原状" in page
    assert chief_client.post(reverse("admin:articles_deletedarticle_delete", args=[record.pk]), {"post": "yes"}).status_code == 403


def test_chief_deletes_an_issue_with_edited_articles(chief_client, editor, rich_article):
    sibling = edited(ArticleFactory(issue=rich_article.issue, headline="同期文章"), editor, "改过的同期文章。")
    edited(rich_article, editor, "校对后的正文。")
    url = reverse("admin:articles_issue_delete", args=[rich_article.issue_id])
    assert chief_client.post(url, {"post": "yes"}).status_code == 302
    assert not Issue.objects.filter(pk=rich_article.issue_id).exists()
    records = {r.original_id: r for r in DeletedArticle.objects.all()}
    assert set(records) == {rich_article.pk, sibling.pk}
    assert records[sibling.pk].revisions[-1]["snapshot"]["body"] == "改过的同期文章。"
    assert records[sibling.pk].reason.startswith("随整期删除")
    assert not ArticleRevision.objects.filter(article_id__in=records).exists()


def test_chief_bulk_deletes_articles_from_the_list(chief_client, editor):
    articles = [edited(ArticleFactory(), editor, f"第{i}篇。") for i in range(3)]
    ids = [a.pk for a in articles[:2]]
    response = chief_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert set(DeletedArticle.objects.values_list("original_id", flat=True)) == set(ids)
    assert Article.objects.filter(pk=articles[2].pk).exists()


def test_editor_still_cannot_delete(editor_client, editor, rich_article):
    edited(rich_article, editor, "校对后的正文。")
    url = reverse("admin:articles_article_delete", args=[rich_article.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=rich_article.pk).exists() and not DeletedArticle.objects.exists()
    assert editor_client.get(reverse("admin:articles_deletedarticle_changelist")).status_code == 200
