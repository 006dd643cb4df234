"""Find and replace across the archive: preview, apply only the chosen, history, undo."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, ArticleRevision
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = "admin:articles_article_find_replace"


@pytest.fixture
def archive():
    # Drafts: an editor's replacement goes straight into them (published ones: test_review).
    draft = {"is_published": False, "status": "imported"}
    return [
        ArticleFactory(body="发展芒麻产业，芒麻种植面积扩大。", headline="芒麻一", **draft),
        ArticleFactory(body="芒麻收购价格上涨。", headline="芒麻二", **draft),
        ArticleFactory(body="没有相关内容。", headline="无关", **draft),
    ]


def test_preview_lists_every_match_in_context(editor_client, archive):
    response = editor_client.get(reverse(URL), {"find": "芒麻", "replacement": "苎麻"})
    matches = response.context["matches"]
    assert len(matches) == 3
    page = response.content.decode()
    assert "<mark>芒麻</mark>种植面积扩大" in page
    # Previewing changes nothing.
    assert Article.objects.filter(body__contains="苎麻").count() == 0


def test_apply_changes_only_chosen_matches_and_undo(editor_client, editor, archive):
    first, second, untouched = archive
    matches = editor_client.get(reverse(URL), {"find": "芒麻", "replacement": "苎麻"}).context["matches"]
    chosen = [m.key for m in matches if not (m.article_id == first.pk and m.start > 5)]  # skip first's second match
    response = editor_client.post(reverse(URL), {"find": "芒麻", "replacement": "苎麻", "match": chosen, "apply": "1"})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    untouched.refresh_from_db()
    assert first.body == "发展苎麻产业，芒麻种植面积扩大。"
    assert second.body == "苎麻收购价格上涨。"
    assert untouched.version == 1 and not untouched.revisions.exists()
    revision = first.revisions.order_by("-version").first()
    assert revision.user == editor and "芒麻 → 苎麻" in revision.comment and revision.batch.startswith("fr-")
    assert first.revisions.filter(snapshot__body="发展芒麻产业，芒麻种植面积扩大。").exists()

    page = editor_client.get(reverse(URL)).content.decode()
    assert "芒麻 → 苎麻" in page
    undo = editor_client.post(reverse("admin:articles_article_undo_batch", args=[revision.batch]))
    assert undo.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.body == "发展芒麻产业，芒麻种植面积扩大。"
    assert second.body == "芒麻收购价格上涨。"
    assert ArticleRevision.objects.filter(batch=f"undo-{revision.batch}").count() == 2
    assert "已撤销" in editor_client.get(reverse(URL)).content.decode()


def test_regex_replacement_with_groups(editor_client, archive):
    ArticleFactory(body="5月 11日上午，6月 2日下午", is_published=False)
    params = {"find": r"(\d+)月 (\d+)日", "replacement": r"\1月\2日", "regex": "on"}
    matches = editor_client.get(reverse(URL), params).context["matches"]
    assert [m.replacement for m in matches] == ["5月11日", "6月2日"]
    editor_client.post(reverse(URL), {**params, "match": [m.key for m in matches], "apply": "1"})
    assert Article.objects.filter(body="5月11日上午，6月2日下午").exists()


def test_bad_regex_is_reported(editor_client):
    response = editor_client.get(reverse(URL), {"find": "(未闭合", "regex": "on"})
    assert "正则表达式有误" in response.content.decode()


def test_article_edited_after_preview_is_skipped(editor_client, archive):
    first = archive[0]
    matches = editor_client.get(reverse(URL), {"find": "芒麻", "replacement": "苎麻"}).context["matches"]
    Article.objects.filter(pk=first.pk).update(body="芒麻" + first.body, version=5)
    editor_client.post(reverse(URL), {"find": "芒麻", "replacement": "苎麻", "match": [m.key for m in matches], "apply": "1"})
    first.refresh_from_db()
    assert first.body == "芒麻发展芒麻产业，芒麻种植面积扩大。"


def test_undo_skips_article_edited_since(editor_client, archive):
    from articles.desk.editing.find_replace import apply_replacements, find_matches, undo_batch

    matches = find_matches(find="芒麻", replacement="苎麻")
    result = apply_replacements(find="芒麻", replacement="苎麻", regex=False, chosen=[m.key for m in matches], user=None)
    second = archive[1]
    Article.objects.filter(pk=second.pk).update(version=99)
    outcome = undo_batch(batch=result.batch, user=None)
    assert outcome.restored == 1 and outcome.skipped == ["芒麻二"]
    assert Article.objects.get(pk=archive[0].pk).body == "发展芒麻产业，芒麻种植面积扩大。"


def test_catastrophic_regex_is_stopped_and_reported_as_too_slow(editor_client):
    # Nested alternatives backtrack exponentially: unbounded, this one keeps a worker busy for
    # many seconds per article (and a few more characters make it hours).
    stuck = ArticleFactory(body="a" * 38, headline="回溯")
    response = editor_client.get(reverse(URL), {"find": "(a|aa)+b", "replacement": "x", "regex": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "正则表达式太慢" in page and "回溯" in page
    assert response.context["matches"] == []
    stuck.refresh_from_db()
    assert stuck.version == 1


def test_issue_example_regex_does_not_freeze_the_site(editor_client):
    import time

    ArticleFactory(body="荆州区召开经济形势分析会议暨动员")
    started = time.monotonic()
    response = editor_client.get(reverse(URL), {"find": "(.*.*)*@", "replacement": "", "regex": "on"})
    assert response.status_code == 200 and response.context["matches"] == []
    assert time.monotonic() - started < 5  # a backtracking engine spends a minute or more on these 16 characters


def test_apply_with_a_too_slow_regex_changes_nothing(archive):
    from articles.desk.editing.common import EditingError
    from articles.desk.editing.find_replace import apply_replacements

    stuck = ArticleFactory(body="a" * 38)
    with pytest.raises(EditingError, match="太慢"):
        apply_replacements(find="(a|aa)+b", replacement="x", regex=True, chosen=[f"{stuck.pk}:0:38"], user=None)
    stuck.refresh_from_db()
    assert stuck.body == "a" * 38 and not stuck.revisions.exists()
