"""Who may do what: anonymous visitors, editors (编辑) and chief editors (主编)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from articles.desk.editing.common import ensure_baseline_revision
from articles.models import Article, Issue
from tests.factories import ArticleFactory, PersonFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(rich_article):
    ensure_baseline_revision(rich_article)
    photo = rich_article.photos.get()
    return {
        "article": rich_article,
        "revision": rich_article.revisions.get(),
        "photo": photo,
        "person": PersonFactory(name="袁菁穗"),
        "sibling": ArticleFactory(issue=rich_article.issue, is_published=False, status="imported"),
    }


# (name, method, url builder, editor allowed, chief allowed)
PAGES = [
    ("index", "get", lambda t: reverse("admin:index"), True, True),
    ("changelist", "get", lambda t: reverse("admin:articles_article_changelist"), True, True),
    ("change", "get", lambda t: reverse("admin:articles_article_change", args=[t["article"].pk]), True, True),
    ("history", "get", lambda t: reverse("admin:articles_article_history", args=[t["article"].pk]), True, True),
    ("revert", "get", lambda t: reverse("admin:articles_article_revert", args=[t["article"].pk, t["revision"].pk]), True, True),
    ("split", "get", lambda t: reverse("admin:articles_article_split", args=[t["article"].pk]), True, True),
    ("merge", "get", lambda t: reverse("admin:articles_article_merge", args=[t["article"].pk]), True, True),
    ("move", "get", lambda t: reverse("admin:articles_article_move_headline", args=[t["article"].pk]), True, True),
    ("find_replace", "get", lambda t: reverse("admin:articles_article_find_replace"), True, True),
    ("next_review", "get", lambda t: reverse("admin:articles_article_next_review"), True, True),
    ("issue_change", "get", lambda t: reverse("admin:articles_issue_change", args=[t["article"].issue_id]), True, True),
    ("issue_delete", "get", lambda t: reverse("admin:articles_issue_delete", args=[t["article"].issue_id]), False, True),
    ("article_delete", "get", lambda t: reverse("admin:articles_article_delete", args=[t["article"].pk]), False, True),
    ("person_change", "get", lambda t: reverse("admin:people_person_change", args=[t["person"].pk]), True, True),
    ("link_mentions", "get", lambda t: reverse("admin:people_person_link_mentions", args=[t["person"].pk]), True, True),
    ("person_delete", "get", lambda t: reverse("admin:people_person_delete", args=[t["person"].pk]), False, True),
    ("tag_add", "get", lambda t: reverse("admin:articles_tag_add"), True, True),
    ("photo_change", "get", lambda t: reverse("admin:articles_photo_change", args=[t["photo"].pk]), True, True),
    ("revision_list", "get", lambda t: reverse("admin:articles_articlerevision_changelist"), True, True),
]


@pytest.mark.parametrize(("name", "method", "url", "editor_ok", "chief_ok"), PAGES, ids=[p[0] for p in PAGES])
def test_page_matrix(client, editor_client, chief_client, targets, name, method, url, editor_ok, chief_ok):
    address = url(targets)
    anonymous = client.get(address)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    for who, user_client, allowed in (("editor", editor_client, editor_ok), ("chief", chief_client, chief_ok)):
        response = user_client.get(address)
        if allowed:
            assert response.status_code in (200, 302), f"{who} {name}: {response.status_code}"
            if response.status_code == 302:
                assert "/admin/login/" not in response["Location"]
        else:
            assert response.status_code == 403, f"{who} {name}: {response.status_code}"


def _action(client, action: str, ids: list[int], **extra):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": ids, **extra},
    )


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_only_chief_may_publish_or_unpublish(editor_client, chief_client, rich_article, action):
    if action == "unpublish":
        Article.objects.filter(pk=rich_article.pk).update(is_published=True, status="published")
    before = Article.objects.get(pk=rich_article.pk).is_published
    # Editors are not even offered the action; posting it anyway changes nothing.
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'value="{action}"' not in page
    _action(editor_client, action, [rich_article.pk])
    assert Article.objects.get(pk=rich_article.pk).is_published == before
    assert f'value="{action}"' in chief_client.get(reverse("admin:articles_article_changelist")).content.decode()
    _action(chief_client, action, [rich_article.pk])
    assert Article.objects.get(pk=rich_article.pk).is_published == (action == "publish")


def test_editor_may_mark_reviewed_and_tag(editor_client, rich_article):
    response = _action(editor_client, "mark_reviewed", [rich_article.pk])
    assert response.status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.status == "corrected"


def test_anonymous_posts_are_refused(client, rich_article):
    for url in (
        reverse("admin:articles_article_fix_hint", args=[rich_article.pk]),
        reverse("admin:articles_article_undo_batch", args=["fr-x"]),
        reverse("admin:articles_photo_detach", args=[rich_article.photos.get().pk]),
        reverse("admin:articles_article_changelist"),
    ):
        response = client.post(url, {"action": "publish", "_selected_action": [rich_article.pk]})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    rich_article.refresh_from_db()
    assert not rich_article.is_published and rich_article.photos.exists()


def test_staff_without_role_cannot_change_articles(rich_article):
    from django.test import Client

    from tests.factories import UserFactory

    nobody = UserFactory(username="nobody", is_staff=True)
    client = Client()
    client.force_login(nobody)
    assert client.get(reverse("admin:articles_article_change", args=[rich_article.pk])).status_code == 403
    assert client.post(reverse("admin:articles_article_split", args=[rich_article.pk]), {"at": 5}).status_code == 403
    assert client.get(reverse("admin:articles_article_find_replace")).status_code == 403


def test_editor_cannot_delete_issue_chief_can(editor_client, chief_client, rich_article):
    url = reverse("admin:articles_issue_delete", args=[rich_article.issue_id])
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Issue.objects.filter(pk=rich_article.issue_id).exists()
    assert chief_client.post(url, {"post": "yes"}).status_code == 302
    assert not Issue.objects.filter(pk=rich_article.issue_id).exists()


def test_setup_roles_is_idempotent(db):
    call_command("setup_roles")
    first = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    call_command("setup_roles")
    second = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert first == second
    assert set(first) == {"编辑", "主编"}
    assert "publish_article" in first["主编"] and "publish_article" not in first["编辑"]
    assert "delete_issue" in first["主编"] and "delete_issue" not in first["编辑"]
    assert first["编辑"] < first["主编"]


def test_demo_login_refuses_outside_debug_sqlite(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_login")


def test_demo_login_prints_working_chief_login(db, settings, capsys):
    from django.test import Client

    settings.DEBUG = True
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        from django.core.management.base import CommandError

        with pytest.raises(CommandError):
            call_command("demo_login")
        return
    call_command("demo_login")
    out = capsys.readouterr().out
    username = out.split("用户名 ")[1].split()[0]
    password = out.split("密码 ")[1].split()[0]
    client = Client()
    assert client.login(username=username, password=password)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username=username).has_perm("articles.publish_article")


def test_editor_may_detach_photo(editor_client, rich_article):
    photo = PhotoFactory(issue=rich_article.issue, article=rich_article)
    assert editor_client.post(reverse("admin:articles_photo_detach", args=[photo.pk])).status_code == 302
    photo.refresh_from_db()
    assert photo.article is None
