"""Restructuring anything published or withdrawn is the chief's call (编辑 may not, 主编 may)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, DeletedArticle, Photo
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue_articles(rich_article):
    """In one issue: a draft (rich_article), a published article and a withdrawn one."""
    issue = rich_article.issue
    published = ArticleFactory(issue=issue, headline="已发布的文章", body="已发布的正文。")
    withdrawn = ArticleFactory(
        issue=issue, headline="已撤回的文章", body="撤回稿的正文。", is_published=False, status="corrected",
        published_at=timezone.now() - dt.timedelta(days=3),
    )
    return {"draft": rich_article, "published": published, "withdrawn": withdrawn}


def state(article: Article) -> tuple:
    article.refresh_from_db()
    return (article.is_published, article.status, article.body, article.headline, article.kicker, article.version)


# (tool url name, source, chosen other article or split point)
REFUSED = [
    ("merge", "published", "withdrawn"),  # would publish the withdrawn text
    ("merge", "draft", "published"),  # would delete a published article
    ("move_headline", "withdrawn", "published"),  # would publish the withdrawn headline
    ("move_headline", "draft", "published"),
    ("split", "published", None),  # would cut the public text
    ("split", "withdrawn", None),
]


@pytest.mark.parametrize(("tool", "source", "other"), REFUSED, ids=["-".join(filter(None, c)) for c in REFUSED])
def test_editor_cannot_restructure_published_or_withdrawn(editor_client, issue_articles, tool, source, other):
    article = issue_articles[source]
    before = {name: state(a) for name, a in issue_articles.items()}
    data = {"other": issue_articles[other].pk} if other else {"at": 3}
    response = editor_client.post(reverse(f"admin:articles_article_{tool}", args=[article.pk]), data)
    assert response.status_code == 200
    assert "只有主编可以操作" in response.content.decode()
    assert {name: state(a) for name, a in issue_articles.items()} == before
    assert Article.objects.filter(issue=article.issue).count() == 3


@pytest.mark.parametrize(("tool", "source", "other"), REFUSED, ids=["-".join(filter(None, c)) for c in REFUSED])
def test_chief_may_restructure_published_or_withdrawn(chief_client, issue_articles, tool, source, other):
    article = issue_articles[source]
    data = {"other": issue_articles[other].pk} if other else {"at": 3}
    response = chief_client.post(reverse(f"admin:articles_article_{tool}", args=[article.pk]), data)
    assert response.status_code == 302


def test_editor_tool_page_says_chief_only_and_offers_no_button(editor_client, chief_client, issue_articles):
    url = reverse("admin:articles_article_split", args=[issue_articles["published"].pk])
    page = editor_client.get(url).content.decode()
    assert 'id="chief-only"' in page and 'value="确定"' not in page
    assert 'value="确定"' in chief_client.get(url).content.decode()


def test_editor_may_still_restructure_drafts(editor_client, issue_articles):
    draft = issue_articles["draft"]
    other = ArticleFactory(issue=draft.issue, headline="另一篇草稿", is_published=False, status="imported")
    response = editor_client.post(reverse("admin:articles_article_merge", args=[draft.pk]), {"other": other.pk})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=other.pk).exists()


def test_editor_cannot_detach_photo_of_published_article(editor_client, chief_client, issue_articles):
    photo = PhotoFactory(issue=issue_articles["published"].issue, article=issue_articles["published"])
    editor_client.post(reverse("admin:articles_photo_detach", args=[photo.pk]))
    assert Photo.objects.get(pk=photo.pk).article_id == issue_articles["published"].pk
    # The bulk action skips it too, and says so.
    response = editor_client.post(
        reverse("admin:articles_photo_changelist"), {"action": "detach", "_selected_action": [photo.pk]}, follow=True
    )
    assert "只有主编可以移除" in response.content.decode()
    assert Photo.objects.get(pk=photo.pk).article_id == issue_articles["published"].pk
    chief_client.post(reverse("admin:articles_photo_detach", args=[photo.pk]))
    assert Photo.objects.get(pk=photo.pk).article_id is None


def test_editor_cannot_move_a_photo_onto_a_published_article(editor_client, issue_articles):
    photo = issue_articles["draft"].photos.get()
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    response = editor_client.post(url, {
        "issue": photo.issue_id, "article": issue_articles["published"].pk, "position": photo.position,
        "title": photo.title, "caption": photo.caption,
    })
    assert response.status_code == 200 and "只有主编可以操作" in response.content.decode()
    assert Photo.objects.get(pk=photo.pk).article_id == issue_articles["draft"].pk


def test_chief_merge_keeps_the_merged_articles_history(chief_client, chief, issue_articles):
    published, draft = issue_articles["published"], issue_articles["draft"]
    chief_client.post(reverse("admin:articles_article_merge", args=[draft.pk]), {"other": published.pk})
    record = DeletedArticle.objects.get(original_id=published.pk)
    assert record.was_published and record.deleted_by == chief
    assert record.snapshot["body"] == "已发布的正文。" and record.reason == f"并入文章 #{draft.pk}"
