"""Review before publication: an editor's correction to a published article waits for a chief."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.desk.editing.review import approve_draft
from articles.models import Article, ArticleNote, ArticleRevision
from tests.admin.conftest import change_url, form_data
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db

APPROVED = "苎麻产业助农增收"
CORRECTED = "苎麻产业助农增收见成效"
APPROVED_BODY = "今年，全区苎麻种植面积扩大。\n\n农户增收。"


@pytest.fixture(autouse=True)
def _no_cached_pages():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(db):
    return ArticleFactory(headline=APPROVED, body=APPROVED_BODY, ocr_text=APPROVED_BODY, status="imported", is_published=True)


def reader_sees(article: Article, words: str) -> dict[str, bool]:
    """Whether ``words`` reach a reader on each public path (a fresh anonymous client), and
    whether searching for them finds the article (the search page repeats the query itself)."""
    reader = Client()
    found = {}
    for name, url in {
        "page": article.get_absolute_url(),
        "home": "/",
        "list": "/articles/",
        "feed": "/feeds/latest/",
        "api": f"/api/articles/{article.pk}/",
        "api_list": "/api/articles/",
    }.items():
        response = reader.get(url)
        assert response.status_code == 200, (name, response.status_code)
        found[name] = words in response.content.decode("utf-8")
    results = reader.get("/articles/", {"q": words})
    found["search"] = f'href="{article.get_absolute_url()}?q=' in results.content.decode("utf-8")
    api = reader.get("/api/articles/", {"q": words}).json()
    found["api_search"] = any(r["id"] == article.pk for r in api["results"])
    return found


def submit(client, article, **changes):
    response = client.post(change_url(article), form_data(client, article, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


def test_editors_correction_of_a_published_article_waits_and_readers_keep_the_approved_text(
    editor_client, editor, published
):
    submit(editor_client, published, headline=CORRECTED, body=APPROVED_BODY + "\n\n测试用的新段落。")
    published.refresh_from_db()
    assert published.headline == APPROVED and "测试用的新段落" not in published.body
    assert published.version == 2  # concurrent saves still see the change
    pending = ArticleRevision.objects.get(article=published, review="pending")
    assert pending.user == editor and pending.version == 2
    assert pending.snapshot["headline"] == CORRECTED
    assert "标题" in pending.comment and "正文" in pending.comment
    # No public path shows the pending words: pages, feeds, API, search results and snippets.
    assert not any(reader_sees(published, "测试用的新段落").values())
    assert not any(reader_sees(published, "见成效").values())
    assert all(reader_sees(published, APPROVED).values())

    # The editor's screen shows what waits for review, in the form and in the banner.
    page = editor_client.get(change_url(published))
    assert page.context["adminform"].form.initial["headline"] == CORRECTED
    html = page.content.decode()
    assert 'id="pending-review"' in html and "读者看到的仍是已批准的文字" in html
    assert 'form="approve-form"' not in html  # only a chief approves


def test_saving_says_it_waits_for_a_chief(editor_client, published):
    response = editor_client.post(
        change_url(published), form_data(editor_client, published, body="新的正文。"), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("待主编审核" in m and "读者看到的仍是已批准的文字" in m for m in messages)
    assert not any("成功" in m for m in messages)


def test_chief_approves_in_one_click_and_readers_see_it(editor_client, chief_client, chief, published):
    submit(editor_client, published, headline=CORRECTED)
    pending = ArticleRevision.objects.get(article=published, review="pending")

    screen = chief_client.get(change_url(published)).content.decode()
    assert 'form="approve-form"' in screen and "见成效" in screen  # the diff beside the button
    response = chief_client.post(reverse("admin:articles_article_approve", args=[published.pk, pending.pk]))
    assert response.status_code == 302
    published.refresh_from_db()
    pending.refresh_from_db()
    assert published.headline == CORRECTED and published.version == 3
    assert pending.review == "approved" and pending.reviewed_by == chief
    assert all(reader_sees(published, "见成效").values())
    latest = published.revisions.order_by("-id").first()
    assert latest.review == "" and "批准" in latest.comment and latest.user == chief


def test_only_a_chief_may_approve_or_send_back(editor_client, other_editor_client, published):
    submit(editor_client, published, headline=CORRECTED)
    pending = ArticleRevision.objects.get(article=published, review="pending")
    for name in ("approve", "return"):
        url = reverse(f"admin:articles_article_{name}", args=[published.pk, pending.pk])
        assert other_editor_client.post(url, {"note": "不行"}).status_code == 403
        assert editor_client.get(url).status_code == 403
    published.refresh_from_db()
    assert published.headline == APPROVED
    assert ArticleRevision.objects.get(pk=pending.pk).review == "pending"


def test_chief_sends_back_with_a_note_and_the_editor_sees_it(editor_client, chief_client, published):
    submit(editor_client, published, headline=CORRECTED)
    pending = ArticleRevision.objects.get(article=published, review="pending")
    url = reverse("admin:articles_article_return", args=[published.pk, pending.pk])

    empty = chief_client.post(url, {"note": "  "}, follow=True)
    assert any("写明原因" in str(m) for m in empty.context["messages"])
    assert ArticleRevision.objects.get(pk=pending.pk).review == "pending"

    chief_client.post(url, {"note": "标题里“见成效”没有依据，请核对原文。"})
    published.refresh_from_db()
    pending.refresh_from_db()
    assert published.headline == APPROVED and pending.review == "returned"
    assert pending.review_note == "标题里“见成效”没有依据，请核对原文。"
    assert ArticleNote.objects.filter(article=published, text__contains="没有依据").exists()
    screen = editor_client.get(change_url(published))
    html = screen.content.decode()
    assert 'id="returned-review"' in html and "没有依据" in html
    # The form is back on the approved words; the returned ones stay in the history.
    assert screen.context["adminform"].form.initial["headline"] == APPROVED
    assert published.revisions.filter(snapshot__headline=CORRECTED).exists()


def test_a_chiefs_own_correction_goes_live(chief_client, published):
    submit(chief_client, published, headline=CORRECTED)
    published.refresh_from_db()
    assert published.headline == CORRECTED
    assert not ArticleRevision.objects.filter(article=published, review="pending").exists()
    assert all(reader_sees(published, "见成效").values())


def test_a_chief_saving_the_pending_words_approves_them(editor_client, chief_client, chief, published):
    submit(editor_client, published, headline=CORRECTED)
    submit(chief_client, published)  # the chief's form shows the pending words: saved as they are
    published.refresh_from_db()
    assert published.headline == CORRECTED
    assert ArticleRevision.objects.get(article=published, snapshot__headline=CORRECTED, review="approved").reviewed_by == chief


def test_editors_correction_of_a_draft_goes_in_at_once(editor_client, rich_article):
    submit(editor_client, rich_article, headline="改过的标题")
    rich_article.refresh_from_db()
    assert rich_article.headline == "改过的标题"
    assert not ArticleRevision.objects.filter(article=rich_article).exclude(review="").exists()


def test_a_second_correction_replaces_the_pending_one(editor_client, other_editor_client, published):
    submit(editor_client, published, headline=CORRECTED)
    first = ArticleRevision.objects.get(article=published, review="pending")
    # The next editor works on the pending words (the form shows them) and adds to them.
    submit(other_editor_client, published, body=APPROVED_BODY + "\n\n补充一段。")
    first.refresh_from_db()
    second = ArticleRevision.objects.get(article=published, review="pending")
    assert first.review == "superseded"
    assert second.snapshot["headline"] == CORRECTED and second.snapshot["body"].endswith("补充一段。")
    published.refresh_from_db()
    assert published.headline == APPROVED and published.version == 3


def test_setting_the_words_back_withdraws_the_pending_correction(editor_client, published):
    submit(editor_client, published, headline=CORRECTED)
    submit(editor_client, published, headline=APPROVED)
    assert not ArticleRevision.objects.filter(article=published, review="pending").exists()
    assert ArticleRevision.objects.get(article=published, snapshot__headline=CORRECTED).review == "withdrawn"


def test_status_and_tags_of_a_published_article_save_at_once_words_wait(editor_client, published):
    tag = TagFactory(name="产业")
    submit(editor_client, published, status="corrected", tags=[tag.pk])
    published.refresh_from_db()
    assert published.status == "corrected" and list(published.tags.values_list("name", flat=True)) == ["产业"]
    assert not ArticleRevision.objects.filter(article=published, review="pending").exists()

    submit(editor_client, published, headline=CORRECTED, tags=[])
    published.refresh_from_db()
    assert published.headline == APPROVED and not published.tags.exists()
    assert ArticleRevision.objects.get(article=published, review="pending").snapshot["tags"] == []


def test_editors_cannot_move_a_published_article_or_change_its_captions(editor_client, published):
    from tests.factories import PhotoFactory

    photo = PhotoFactory(issue=published.issue, article=published, caption="原来的图片说明。")
    form = editor_client.get(change_url(published)).context["adminform"].form
    assert {"issue", "position", "date"}.isdisjoint(form.fields)
    data = form_data(editor_client, published, headline=CORRECTED)
    data["photos-0-caption"] = "编辑改的图片说明。"
    editor_client.post(change_url(published), data)
    photo.refresh_from_db()
    assert photo.caption == "原来的图片说明。"


def test_a_chief_who_opened_before_a_pending_correction_does_not_publish_it_unseen(
    editor_client, chief_client, published
):
    chiefs_form = form_data(chief_client, published, body=APPROVED_BODY + "\n\n主编补充。")
    submit(editor_client, published, headline=CORRECTED)
    response = chief_client.post(change_url(published), chiefs_form)
    assert response.status_code == 200 and "未经审阅就公开" in response.content.decode()
    published.refresh_from_db()
    assert published.headline == APPROVED and "主编补充" not in published.body


def test_approval_keeps_changes_made_to_the_row_since_and_refuses_a_clash(editor_client, chief, published):
    submit(editor_client, published, body=APPROVED_BODY + "\n\n编辑补充。")
    pending = ArticleRevision.objects.get(article=published, review="pending")
    # Someone changed another field of the row meanwhile (e.g. a spreadsheet import).
    Article.objects.filter(pk=published.pk).update(section="经济")
    approve_draft(article=published, revision_id=pending.pk, user=chief)
    published.refresh_from_db()
    assert published.section == "经济" and published.body.endswith("编辑补充。")

    submit(editor_client, published, body="编辑的第二次修改。")
    pending = ArticleRevision.objects.get(article=published, review="pending")
    Article.objects.filter(pk=published.pk).update(body="别处改过的正文。")
    from articles.desk.editing.common import EditingError

    with pytest.raises(EditingError, match="正文又被改动过"):
        approve_draft(article=published, revision_id=pending.pk, user=chief)
    assert Article.objects.get(pk=published.pk).body == "别处改过的正文。"


def test_hint_fix_by_an_editor_on_a_published_article_waits(editor_client, published):
    Article.objects.filter(pk=published.pk).update(body="荆州区 召开会议。")
    published.refresh_from_db()
    response = editor_client.post(
        reverse("admin:articles_article_fix_hint", args=[published.pk]),
        {"start": 3, "end": 4, "field": "body", "text": " ", "suggestion": "", "version": published.version},
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.body == "荆州区 召开会议。"
    assert ArticleRevision.objects.get(article=published, review="pending").snapshot["body"] == "荆州区召开会议。"


def test_find_and_replace_by_an_editor_waits_on_published_articles_and_undo_withdraws(editor_client, chief_client, published):
    draft = ArticleFactory(body="全区苎麻种植。", is_published=False, status="imported")
    url = reverse("admin:articles_article_find_replace")
    matches = editor_client.get(url, {"find": "苎麻", "replacement": "芒麻"}).context["matches"]
    editor_client.post(url, {"find": "苎麻", "replacement": "芒麻", "match": [m.key for m in matches], "apply": "1"})
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.body == APPROVED_BODY and draft.body == "全区芒麻种植。"
    pending = ArticleRevision.objects.get(article=published, review="pending")
    assert "芒麻" in pending.snapshot["body"] and pending.batch.startswith("fr-")

    # A second search finds the pending words, not only the row's.
    again = editor_client.get(url, {"find": "芒麻种植面积", "replacement": "x"}).context["matches"]
    assert [m.article_id for m in again] == [published.pk]

    editor_client.post(reverse("admin:articles_article_undo_batch", args=[pending.batch]))
    pending.refresh_from_db()
    assert pending.review == "withdrawn"
    draft.refresh_from_db()
    assert draft.body == "全区苎麻种植。"


def test_review_queue_lists_pending_corrections_first_then_unproofread_by_hints(editor_client, chief_client, published):
    few = ArticleFactory(headline="提示少的文章", status="imported", is_published=False, ocr_hint_count=1)
    many = ArticleFactory(headline="提示多的文章", status="published", ocr_hint_count=9)
    ArticleFactory(headline="已经校对", status="corrected", ocr_hint_count=20)
    submit(editor_client, published, headline=CORRECTED)

    page = chief_client.get(reverse("admin:articles_article_review_queue"))
    html = page.content.decode()
    assert html.index("见成效") < html.index("提示多的文章") < html.index("提示少的文章")
    assert "已经校对" not in html
    assert "批准并公开" in html and "退回给编辑" in html
    assert [a.pk for a in page.context["unproofread"]][:2] == [many.pk, few.pk]
    assert "批准并公开" not in editor_client.get(reverse("admin:articles_article_review_queue")).content.decode()

    pending = ArticleRevision.objects.get(review="pending")
    queue_url = reverse("admin:articles_article_review_queue")
    response = chief_client.post(
        reverse("admin:articles_article_approve", args=[published.pk, pending.pk]), {"next": queue_url}
    )
    assert response["Location"] == queue_url
    # Chiefs are sent to pending corrections first; editors to the likeliest-wrong article.
    submit(editor_client, published, headline="再改一次")
    nxt = reverse("admin:articles_article_next_review")
    assert chief_client.get(nxt)["Location"] == change_url(published)
    assert editor_client.get(nxt)["Location"] == change_url(many)


def test_index_counts_pending_corrections(editor_client, published):
    submit(editor_client, published, headline=CORRECTED)
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert 'data-status="pending">1<' in page
    assert reverse("admin:articles_article_review_queue") in page


def test_changelist_marks_and_filters_pending(editor_client, published):
    other = ArticleFactory(headline="没有待审")
    submit(editor_client, published, headline=CORRECTED)
    changelist = reverse("admin:articles_article_changelist")
    page = editor_client.get(changelist, {"pending": "yes"})
    assert [a.pk for a in page.context["cl"].result_list] == [published.pk]
    assert "pending-badge" in page.content.decode()
    todo = editor_client.get(changelist, {"proofreading": "todo"}).context["cl"].result_list
    assert {a.pk for a in todo} == {published.pk, other.pk}  # the old "published" status is 未校对


def test_publishing_does_not_touch_proofreading_and_vice_versa(chief_client, rich_article):
    changelist = reverse("admin:articles_article_changelist")
    chief_client.post(changelist, {"action": "publish", "_selected_action": [rich_article.pk]})
    rich_article.refresh_from_db()
    assert rich_article.is_published and rich_article.status == "imported"
    chief_client.post(changelist, {"action": "mark_reviewed", "_selected_action": [rich_article.pk]})
    rich_article.refresh_from_db()
    assert rich_article.is_published and rich_article.status == "corrected"
    chief_client.post(changelist, {"action": "unpublish", "_selected_action": [rich_article.pk]})
    rich_article.refresh_from_db()
    assert not rich_article.is_published and rich_article.status == "corrected"


def test_the_form_offers_proofreading_states_only(chief_client):
    legacy = ArticleFactory(status="published", is_published=True)
    form = chief_client.get(change_url(legacy)).context["adminform"].form
    assert [label for _, label in form.fields["status"].choices] == ["未校对", "需复查", "已校对"]
    assert form.initial["status"] == "imported"
    refused = chief_client.post(change_url(legacy), form_data(chief_client, legacy, status="published"))
    assert refused.status_code == 200


def test_migration_separates_status_from_publication(db):
    import importlib

    from django.apps import apps

    from articles.revisions import record_revision

    migration = importlib.import_module("articles.migrations.0008_desk_review")
    was_marked = ArticleFactory(status="corrected")
    record_revision(article=was_marked, user=None, comment="标记为已校对")
    Article.objects.filter(pk=was_marked.pk).update(status="published")
    never = ArticleFactory(status="published")
    migration.separate_status_from_publication(apps, None)
    assert Article.objects.get(pk=was_marked.pk).status == "corrected"
    assert Article.objects.get(pk=never.pk).status == "imported"
    assert Article.objects.filter(is_published=True).count() == 2  # nobody's visibility changed


def test_notes_for_hand_offs(editor_client, other_editor_client, published):
    url = reverse("admin:articles_article_add_note", args=[published.pk])
    editor_client.post(url, {"text": "第三段人名待核对 <b>王思奇</b>"})
    assert editor_client.post(url, {"text": "   "}).status_code == 302
    assert ArticleNote.objects.count() == 1
    html = other_editor_client.get(change_url(published)).content.decode()
    assert "第三段人名待核对 &lt;b&gt;王思奇&lt;/b&gt;" in html and "bianji" in html
    assert other_editor_client.get(url).status_code == 403


def test_deleting_an_article_keeps_its_notes_and_pending_correction(editor_client, chief_client, published):
    from articles.models import DeletedArticle

    submit(editor_client, published, headline=CORRECTED)
    editor_client.post(reverse("admin:articles_article_add_note", args=[published.pk]), {"text": "交接：标题待核"})
    chief_client.post(reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"})
    record = DeletedArticle.objects.get(original_id=published.pk)
    assert [n["text"] for n in record.snapshot["notes"]] == ["交接：标题待核"]
    assert any(r["review"] == "pending" and r["snapshot"]["headline"] == CORRECTED for r in record.revisions)


def test_an_editors_restore_says_the_words_wait(editor_client, editor, published):
    from articles.desk.editing.common import ensure_baseline_revision

    ensure_baseline_revision(published)
    first = published.revisions.get()
    Article.objects.filter(pk=published.pk).update(headline="主编后来改的标题", version=2)
    from articles.revisions import record_revision

    record_revision(article=Article.objects.get(pk=published.pk), user=None, comment="主编修改")
    response = editor_client.post(reverse("admin:articles_article_revert", args=[published.pk, first.pk]), follow=True)
    assert any("文字已提交主编审核" in str(m) for m in response.context["messages"])
    assert Article.objects.get(pk=published.pk).headline == "主编后来改的标题"


def test_the_saved_at_once_part_is_described_against_what_readers_see(editor_client, published):
    submit(editor_client, published, headline=CORRECTED)
    submit(editor_client, published, status="corrected")  # the form still shows the pending headline
    live = published.revisions.filter(review="").order_by("-id").first()
    assert live.comment == "修改：状态"  # not the headline: that one still waits
    assert ArticleRevision.objects.get(article=published, review="pending").snapshot["headline"] == CORRECTED


def test_photo_captions_of_a_published_article_are_the_chiefs(editor_client, chief_client, published):
    from tests.factories import PhotoFactory

    photo = PhotoFactory(issue=published.issue, article=published, caption="原来的图片说明。")
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    form = editor_client.get(url).context["adminform"].form
    assert "caption" not in form.fields and "title" not in form.fields
    assert "caption" in chief_client.get(url).context["adminform"].form.fields


def test_a_chiefs_find_and_replace_never_publishes_pending_words_and_undo_restores_them(
    editor_client, chief_client, editor, published
):
    submit(editor_client, published, headline=CORRECTED)  # waits for review
    url = reverse("admin:articles_article_find_replace")
    matches = chief_client.get(url, {"find": "农户增收", "replacement": "农民增收"}).context["matches"]
    chief_client.post(url, {"find": "农户增收", "replacement": "农民增收", "match": [m.key for m in matches], "apply": "1"})
    published.refresh_from_db()
    assert published.headline == APPROVED and published.body == APPROVED_BODY  # nothing went live unseen
    pending = ArticleRevision.objects.get(article=published, review="pending")
    assert pending.snapshot["headline"] == CORRECTED and pending.snapshot["body"].endswith("农民增收。")

    chief_client.post(reverse("admin:articles_article_undo_batch", args=[pending.batch]))
    published.refresh_from_db()
    assert published.headline == APPROVED and published.body == APPROVED_BODY
    again = ArticleRevision.objects.get(article=published, review="pending")
    assert again.snapshot["headline"] == CORRECTED and again.snapshot["body"] == APPROVED_BODY
    assert again.user == editor  # the editor's correction waits again, as theirs


def test_a_chiefs_hint_fix_joins_a_pending_correction(editor_client, chief_client, published):
    submit(editor_client, published, body="荆州区 召开会议。")
    published.refresh_from_db()
    chief_client.post(
        reverse("admin:articles_article_fix_hint", args=[published.pk]),
        {"start": 3, "end": 4, "field": "body", "text": " ", "suggestion": "", "version": published.version},
    )
    published.refresh_from_db()
    assert published.body == APPROVED_BODY
    assert ArticleRevision.objects.get(article=published, review="pending").snapshot["body"] == "荆州区召开会议。"
