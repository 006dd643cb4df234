"""不是错误: an editor rejects one occurrence of a hint; it is not shown again for that text, it
stops counting at once (changelist, review queue) and stays so after edits elsewhere, a
recount and a re-import; a chief editor sees every rejection and may undo one."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.desk.editing import hint_rejections, queue
from articles.hints.detectors import (
    archive_context,
    clear_cache,
    hints_for_article,
    recount_rejected,
    refresh_hint_count,
    refresh_hint_counts,
)
from articles.hints.rules import MECHANICAL_KINDS
from articles.models import Article, HintRejection, Issue
from tests.admin.conftest import change_url
from tests.factories import ArticleFactory, IssueFactory, PersonFactory

pytestmark = pytest.mark.django_db

# 袁菁穗 is a known person: 袁青穗 (one look-alike off) is flagged wherever it is printed.
BODY = "会上，袁青穗强调发展。\n\n袁青穗（右）与村民交谈。"


@pytest.fixture
def known_name(db):
    PersonFactory(name="袁菁穗")
    clear_cache()


def _article(**kwargs) -> Article:
    article = ArticleFactory(body=BODY, ocr_text=BODY, status="imported", is_published=False, **kwargs)
    refresh_hint_count(article)
    return article


def _reject(client, article: Article, *, start: int, text: str = "袁青穗", suggestion: str = "袁菁穗"):
    return client.post(
        reverse("admin:articles_article_reject_hint", args=[article.pk]),
        {"field": "body", "kind": "lookalike_term", "text": text, "suggestion": suggestion, "start": start},
        HTTP_ACCEPT="application/json",
    )


def _shown(client, article: Article) -> list[tuple[int, str]]:
    return [(h.start, h.text) for h in client.get(change_url(article)).context["hints"]]


def test_a_rejected_occurrence_is_stored_hidden_and_stops_counting(editor_client, editor, known_name):
    article = _article()
    assert _shown(editor_client, article) == [(3, "袁青穗"), (13, "袁青穗")]
    # Two occurrences of one suspect count once; the second is a different sentence.
    response = _reject(editor_client, article, start=3)
    assert response.status_code == 200
    assert response.json()["ok"] is True
    rejection = HintRejection.objects.get()
    assert (rejection.article_id, rejection.rejected_by, rejection.kind) == (article.pk, editor, "lookalike_term")
    assert (rejection.suspect, rejection.suggestion) == ("袁青穗", "袁菁穗")
    assert rejection.context_before == "会上，" and rejection.context_after.startswith("强调发展")
    # Gone after a reload; the other occurrence is still there and still counts.
    assert _shown(editor_client, article) == [(13, "袁青穗")]
    article.refresh_from_db()
    assert article.ocr_hint_count == 1
    assert response.json()["hint_count"] == 1

    _reject(editor_client, article, start=13)
    article.refresh_from_db()
    assert _shown(editor_client, article) == []
    assert article.ocr_hint_count == 0
    assert article.version == 1  # a rejection changes no words: no new version


def test_the_review_queue_drops_a_rejected_article_at_once(editor_client, known_name):
    issue = IssueFactory()
    suspect = ArticleFactory(issue=issue, body="会上，袁青穗强调发展。", status="imported", is_published=False)
    other = ArticleFactory(
        issue=issue, body="会上，袁青穗发言，莫菁穗记录。", status="imported", is_published=False
    )
    PersonFactory(name="莫青穗")
    clear_cache()
    refresh_hint_counts(issue_ids=[issue.pk])
    suspect.refresh_from_db()
    other.refresh_from_db()
    assert (suspect.ocr_hint_count, other.ocr_hint_count) == (1, 2)
    _reject(editor_client, other, start=3)
    _reject(editor_client, other, start=9, text="莫菁穗", suggestion="莫青穗")
    ranked = [a.pk for a in queue.unproofread(limit=10)]
    assert ranked.index(suspect.pk) < ranked.index(other.pk)


def test_a_rejection_survives_edits_elsewhere_a_recount_and_normalising(editor_client, editor, known_name):
    article = _article()
    _reject(editor_client, article, start=3)
    # The article grows above the place and a half-width comma is typed right beside it.
    Article.objects.filter(pk=article.pk).update(body="第一段新加的文字。\n\n会上,袁青穗强调发展。\n\n袁青穗（右）与村民交谈。")
    article.refresh_from_db()
    refresh_hint_counts(issue_ids=[article.issue_id])
    article.refresh_from_db()
    assert article.ocr_hint_count == 1
    assert [h.text for h in editor_client.get(change_url(article)).context["hints"]] == ["袁青穗"]
    # Reworded right at the place: that is a new occurrence, shown and counted again.
    Article.objects.filter(pk=article.pk).update(body="会上，袁青穗指出。")
    article.refresh_from_db()
    assert refresh_hint_count(article) == 1


def test_rejections_are_read_in_one_query_for_a_batch(editor_client, known_name):
    issue = IssueFactory()
    articles = [_article(issue=issue) for _ in range(6)]
    for article in articles:
        _reject(editor_client, article, start=3)
    archive_context()  # warm, as the importer's run is
    with CaptureQueriesContext(connection) as queries:
        refresh_hint_counts(issue_ids=[issue.pk])
    reads = [q["sql"] for q in queries.captured_queries if "hintrejection" in q["sql"].lower()]
    assert len(reads) == 1
    with CaptureQueriesContext(connection) as queries:
        assert recount_rejected(article_ids=[a.pk for a in articles]) == 6
    assert len([q for q in queries.captured_queries if "hintrejection" in q["sql"].lower()]) == 1


def test_a_chief_sees_and_undoes_a_rejection_an_editor_cannot(editor_client, chief_client, known_name):
    article = _article()
    _reject(editor_client, article, start=3)
    rejection = HintRejection.objects.get()
    undo = reverse("admin:articles_article_undo_rejection", args=[article.pk, rejection.pk])
    page = chief_client.get(change_url(article)).content.decode()
    assert 'id="hint-rejections"' in page and undo in page
    assert undo not in editor_client.get(change_url(article)).content.decode()
    assert editor_client.post(undo).status_code == 403
    assert HintRejection.objects.exists()
    assert chief_client.post(undo).status_code == 302
    assert not HintRejection.objects.exists()
    article.refresh_from_db()
    assert article.ocr_hint_count == 1
    assert len(_shown(chief_client, article)) == 2


def test_typesetting_hints_and_stale_places_are_refused(editor_client, known_name):
    article = _article()
    assert _reject(editor_client, article, start=3, text="袁青", suggestion="袁菁").status_code == 400
    response = editor_client.post(
        reverse("admin:articles_article_reject_hint", args=[article.pk]),
        {"field": "body", "kind": sorted(MECHANICAL_KINDS)[0], "text": ",", "suggestion": "，", "start": 0},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert not HintRejection.objects.exists()


def test_rejecting_needs_the_change_permission(client, known_name):
    from tests.factories import UserFactory

    article = _article()
    client.force_login(UserFactory(username="visitor", is_staff=True))
    assert _reject(client, article, start=3).status_code == 403
    assert not HintRejection.objects.exists()


def test_a_reimport_in_place_keeps_the_rejection_and_the_dropped_count(seed_copy, editor):
    target = seed_copy[0]
    call_command("import_seeds", str(target), stdout=StringIO(), stderr=StringIO())
    article, _ = _reject_one_hint(editor)
    rejected = article.ocr_hint_count
    # A newer OCR run of the file: one more article at the end; the issue is untouched, so it
    # is replaced in place and the article keeps its id — and what the editor rejected.
    target.write_text(target.read_text(encoding="utf-8") + "\n本报讯 近日，区里召开新会议，部署下半年工作。\n", encoding="utf-8")
    out = StringIO()
    call_command("import_seeds", str(target), stdout=out, stderr=StringIO())
    assert "已重新导入 1" in out.getvalue()
    article.refresh_from_db()
    assert HintRejection.objects.filter(article=article).count() == 1
    assert article.ocr_hint_count == rejected


def test_every_rejection_is_listed_read_only_and_escaped(editor_client, chief_client, known_name):
    article = _article(headline="<b>标题</b>")
    _reject(editor_client, article, start=3)
    page = chief_client.get(reverse("admin:articles_hintrejection_changelist")).content.decode()
    assert "…会上，<mark>袁青穗</mark>强调发展。…" in page
    assert "&lt;b&gt;标题&lt;/b&gt;" in page and "<b>标题</b>" not in page
    assert reverse("admin:articles_article_change", args=[article.pk]) + "#hint-rejections" in page
    rejection = HintRejection.objects.get()
    assert chief_client.post(
        reverse("admin:articles_hintrejection_delete", args=[rejection.pk]), {"post": "yes"}
    ).status_code == 403
    assert HintRejection.objects.exists()


def test_the_archive_wide_recount_keeps_rejections_with_one_query_a_range(editor_client, known_name):
    from articles.desk.editing.hint_recount import recount_hints

    issue = IssueFactory()
    for n in range(3):
        ArticleFactory(issue=issue, body=f"第{n}篇没有疑似错误的文章。")
    article = _article(issue=issue)
    _reject(editor_client, article, start=3)
    Article.objects.filter(issue=issue).update(ocr_hint_count=5)  # stale counts
    with CaptureQueriesContext(connection) as queries:
        recount_hints()
    assert len([q for q in queries.captured_queries if "hintrejection" in q["sql"].lower()]) == 1
    article.refresh_from_db()
    assert article.ocr_hint_count == 1  # the other occurrence still counts
    _reject(editor_client, article, start=13)
    recount_hints()
    assert set(Article.objects.filter(issue=issue).values_list("ocr_hint_count", flat=True)) == {0}


def _reject_one_hint(editor, field: str = "") -> tuple[Article, HintRejection]:
    """Reject a hint whose suspect occurs once in its article; the article's count drops."""
    clear_cache()
    context = archive_context()
    article, hint = next(
        (a, h)
        for a in Article.objects.filter(ocr_hint_count__gt=0).order_by("position")
        for hints in [[h for h in hints_for_article(a, context) if h.kind not in MECHANICAL_KINDS]]
        for h in hints
        if field in ("", h.field)
        and sum((x.field, x.kind, x.text, x.suggestion) == (h.field, h.kind, h.text, h.suggestion) for x in hints) == 1
    )
    counted = article.ocr_hint_count
    rejection = hint_rejections.reject_hint(
        article=article, field=hint.field, kind=hint.kind, suspect=hint.text,
        suggestion=hint.suggestion, start=hint.start, user=editor,
    )
    article.refresh_from_db()
    assert article.ocr_hint_count == counted - 1
    return article, rejection


def test_a_new_version_of_a_touched_issue_keeps_what_editors_rejected(seed_copy, editor):
    target = seed_copy[0]
    call_command("import_seeds", str(target), stdout=StringIO(), stderr=StringIO())
    article, rejection = _reject_one_hint(editor)
    Issue.objects.update(number="第 9 期")  # an editor's change: the next file is a new version
    target.write_text(target.read_text(encoding="utf-8") + "\n本报讯 近日，区里召开新会议，部署下半年工作。\n", encoding="utf-8")
    out = StringIO()
    call_command("import_seeds", str(target), stdout=out, stderr=StringIO())
    assert "已作为新版本导入 1" in out.getvalue()
    twin = Article.objects.get(issue__source_version=2, ocr_text=article.ocr_text)
    carried = HintRejection.objects.get(article=twin)
    assert (carried.fingerprint, carried.rejected_by, carried.rejected_at) == (
        rejection.fingerprint, editor, rejection.rejected_at,
    )
    assert twin.ocr_hint_count == article.ocr_hint_count  # not counted again in the new version
    # The old version keeps its own decision.
    assert HintRejection.objects.filter(article=article).count() == 1


def test_a_rejection_follows_its_words_into_an_article_the_reimport_writes_anew(tmp_path, editor, known_name):
    target = tmp_path / "2024-03-01.txt"
    target.write_text("本报讯 区里召开春耕动员会。\n\n会上，袁青穗强调发展。\n", encoding="utf-8")
    call_command("import_seeds", str(target), stdout=StringIO(), stderr=StringIO())
    article, rejection = _reject_one_hint(editor, field="body")
    assert rejection.suspect == "袁青穗" and article.ocr_hint_count == 0
    # A newer OCR run reads the page differently: the article around the place is new words,
    # like no old article, so the (untouched) issue is replaced in place with an article
    # written anew — which still prints the place the editor judged.
    target.write_text(
        "本报讯 昨天下午天气晴好，村民们趁着墒情在田间抢种玉米，农技员到地头指导。\n\n"
        "会上，袁青穗强调发展。\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_seeds", str(target), stdout=out, stderr=StringIO())
    assert "已重新导入 1" in out.getvalue()
    assert not Article.objects.filter(pk=article.pk).exists()
    fresh = Article.objects.get()
    assert HintRejection.objects.get(article=fresh).fingerprint == rejection.fingerprint
    assert fresh.ocr_hint_count == 0
    assert [h.text for h in hints_for_article(fresh, archive_context())] == ["袁青穗"]
