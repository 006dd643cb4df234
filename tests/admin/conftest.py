"""Editors, chief editors, an archive and the correction form as a browser posts it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles.desk.roles import CHIEF_GROUP, EDITOR_GROUP, setup_roles
from articles.hints.detectors import clear_cache
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    ArticlePersonFactory,
    IssueFactory,
    PersonFactory,
    PhotoFactory,
    TagFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fresh_hint_cache():
    # Hints cache the archive's names for a few minutes; each test has its own archive.
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def roles(db):
    setup_roles()


def _user_in(group: str, username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(roles):
    return _user_in(EDITOR_GROUP, "bianji")


@pytest.fixture
def other_editor(roles):
    return _user_in(EDITOR_GROUP, "bianji2")


@pytest.fixture
def chief(roles):
    return _user_in(CHIEF_GROUP, "zhubian")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor) -> Client:
    return _client_for(editor)


@pytest.fixture
def other_editor_client(other_editor) -> Client:
    return _client_for(other_editor)


@pytest.fixture
def chief_client(chief) -> Client:
    return _client_for(chief)


@pytest.fixture
def rich_article(db):
    """An unpublished article with people (roles, titles), tags and a photo."""
    issue = IssueFactory()
    article = ArticleFactory(
        issue=issue,
        headline="荆州区召开经济形势分析会",
        body="本报讯（通讯员王思奇）近日，荆州区召开经济形势分析会。万玲玲主持会议。",
        status="imported",
        is_published=False,
    )
    ArticlePersonFactory(article=article, person=PersonFactory(name="王思奇"), role="correspondent", title="通讯员")
    ArticlePersonFactory(article=article, person=PersonFactory(name="万玲玲"), role="mentioned", title="区委书记")
    article.tags.add(TagFactory(name="经济"), TagFactory(name="会议"))
    PhotoFactory(issue=issue, article=article, caption="会议现场。（王芸 摄）")
    return article


def make_archive(count: int, **kwargs):
    """``count`` articles, each with two people, two tags and a photo (for query counts)."""
    issue = IssueFactory()
    tags = [TagFactory(name=f"标签{i}") for i in range(3)]
    articles = []
    for i in range(count):
        article = ArticleFactory(issue=issue, **kwargs)
        ArticlePersonFactory(article=article, person=PersonFactory(name=f"张{i}甲"), role="mentioned", title="局长")
        ArticlePersonFactory(article=article, person=PersonFactory(name=f"李{i}乙"), role="correspondent")
        article.tags.add(*tags[: 1 + i % 3])
        PhotoFactory(issue=issue, article=article)
        articles.append(article)
    return articles


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(client, article: Article, **changes) -> dict:
    """The correction form as the browser would post it, from the rendered page."""
    response = client.get(change_url(article))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            value = ""
        if name == "tags":
            data[name] = [t.pk for t in value] if value else []
        elif hasattr(value, "pk"):
            data[name] = value.pk
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, management[name].value())
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form.initial.get(name, inline_form[name].value())
                if hasattr(value, "pk"):
                    value = value.pk
                if value is None or value is False:
                    continue
                data[inline_form.add_prefix(name)] = value
    data.update(changes)
    return data
