"""The desk's smaller tools: split with a link and an undo, merging people with context,
re-linking people after a name is replaced, tags from the bulk action, the OCR comparison."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, ArticlePerson, DeletedArticle, Tag
from people.models import Person
from tests.admin.conftest import change_url, form_data
from tests.factories import ArticleFactory, ArticlePersonFactory, PersonFactory, TagFactory

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_split_message_links_the_new_article_and_the_split_can_be_undone(editor_client, rich_article):
    body, ocr = rich_article.body, rich_article.ocr_text
    after = ArticleFactory(issue=rich_article.issue, position=rich_article.position + 1, is_published=False)
    response = editor_client.post(
        reverse("admin:articles_article_split", args=[rich_article.pk]),
        {"at": body.index("万玲玲"), "headline": "万玲玲主持会议"}, follow=True,
    )
    new = Article.objects.get(headline="万玲玲主持会议")
    message = next(m for m in messages_of(response) if "已拆分" in m)
    assert f'href="{change_url(new)}"' in message and f"#{new.pk}" in message
    html = response.content.decode()
    assert 'id="split-undo"' in html and 'form="undo-split-form"' in html

    undo = reverse("admin:articles_article_undo_split", args=[rich_article.pk, new.revisions.get().batch])
    assert editor_client.post(undo).status_code == 302
    rich_article.refresh_from_db()
    after.refresh_from_db()
    assert rich_article.body == body and rich_article.ocr_text == ocr  # exactly as before
    assert not Article.objects.filter(pk=new.pk).exists()
    assert after.position == rich_article.position + 1  # the gap is closed
    assert DeletedArticle.objects.filter(original_id=new.pk, reason__contains="撤销拆分").exists()
    assert 'id="split-undo"' not in editor_client.get(change_url(rich_article)).content.decode()


def test_split_cannot_be_undone_once_a_part_changed(editor_client, rich_article):
    editor_client.post(
        reverse("admin:articles_article_split", args=[rich_article.pk]), {"at": rich_article.body.index("万玲玲")}
    )
    new = Article.objects.exclude(pk=rich_article.pk).get(issue=rich_article.issue)
    batch = new.revisions.get().batch
    editor_client.post(change_url(new), form_data(editor_client, new, headline="编辑补的标题"))
    assert 'id="split-undo"' not in editor_client.get(change_url(rich_article)).content.decode()
    response = editor_client.post(
        reverse("admin:articles_article_undo_split", args=[rich_article.pk, batch]), follow=True
    )
    assert any("不能自动撤销" in m for m in messages_of(response))
    assert Article.objects.filter(pk=new.pk).exists()


def test_merge_people_screen_shows_each_spelling_in_its_sentences(editor_client):
    right, wrong = PersonFactory(name="朱翊"), PersonFactory(name="朱翎")
    ArticlePersonFactory(article=ArticleFactory(body="区委常委朱翊出席会议。会议强调安全。"), person=right)
    ArticlePersonFactory(article=ArticleFactory(body="会议由朱翎主持。其他内容。"), person=wrong)
    url = reverse("admin:people_person_changelist")
    page = editor_client.post(url, {"action": "merge_people", "_selected_action": [right.pk, wrong.pk]})
    html = page.content.decode()
    assert "区委常委<mark>朱翊</mark>出席会议。" in html
    assert "会议由<mark>朱翎</mark>主持。" in html
    assert "会议强调安全" not in html  # the sentence, not the whole article

    done = editor_client.post(
        url, {"action": "merge_people", "_selected_action": [right.pk, wrong.pk], "keep": right.pk, "apply_merge": "1"},
        follow=True,
    )
    offer = next(m for m in messages_of(done) if "fix-text-offer" in m)
    assert reverse("admin:articles_article_find_replace") in offer and "%E6%9C%B1%E7%BF%8E" in offer  # find=朱翎


def test_after_replacing_a_name_the_articles_can_follow_with_their_person(editor_client):
    old = PersonFactory(name="黄勇彪")
    kept = ArticleFactory(body="记者黄勇彪报道。", is_published=False)
    other = ArticleFactory(body="另一篇提到黄勇彪。", is_published=False)
    for article in (kept, other):
        ArticlePersonFactory(article=article, person=old, role="correspondent", title="记者")
    url = reverse("admin:articles_article_find_replace")
    matches = editor_client.get(url, {"find": "黄勇彪", "replacement": "黄永彪"}).context["matches"]
    chosen = [m.key for m in matches if m.article_id == kept.pk]
    response = editor_client.post(
        url, {"find": "黄勇彪", "replacement": "黄永彪", "match": chosen, "apply": "1"}, follow=True
    )
    offer = next(m for m in messages_of(response) if "relink-offer" in m)
    relink = offer.split('href="')[1].split('"')[0].replace("&amp;", "&")
    page = editor_client.get(relink)
    assert [a.pk for a in page.context["articles"]] == [kept.pk]  # only the articles of this replacement
    editor_client.post(relink.split("?")[0], {"batch": page.context["batch"], "to": "黄永彪", "article": [kept.pk, other.pk]})
    new = Person.objects.get(name="黄永彪")
    assert ArticlePerson.objects.filter(article=kept, person=new, role="correspondent", title="记者").exists()
    assert ArticlePerson.objects.filter(article=other, person=old).exists()  # not part of the replacement
    assert "人物改为" in kept.revisions.order_by("-id").first().comment


def test_bulk_tag_can_create_the_first_tag(editor_client):
    articles = [ArticleFactory(), ArticleFactory()]
    ids = [a.pk for a in articles]
    url = reverse("admin:articles_article_changelist")
    page = editor_client.post(url, {"action": "add_tag", "_selected_action": ids})
    html = page.content.decode()
    assert 'name="new_tag"' in html and 'name="tag"' not in html  # no empty list to choose from
    editor_client.post(url, {"action": "add_tag", "_selected_action": ids, "new_tag": "防汛", "apply_tag": "1"})
    tag = Tag.objects.get(name="防汛")
    assert set(tag.articles.values_list("pk", flat=True)) == set(ids) and tag.slug == "防汛"
    # With tags, both: choose one, or type another.
    page = editor_client.post(url, {"action": "add_tag", "_selected_action": ids}).content.decode()
    assert 'name="tag"' in page and 'name="new_tag"' in page
    refused = editor_client.post(url, {"action": "add_tag", "_selected_action": ids, "apply_tag": "1"})
    assert "请选择一个已有标签" in refused.content.decode()
    TagFactory(name="民生")
    editor_client.post(url, {"action": "add_tag", "_selected_action": ids[:1], "new_tag": "民生", "apply_tag": "1"})
    assert Tag.objects.filter(name="民生").count() == 1 and Tag.objects.get(name="民生").articles.count() == 1


def test_ocr_comparison_shows_headline_and_byline_as_their_parts_not_deleted(editor_client):
    article = ArticleFactory(
        kicker="引题文字", headline="荆州区召开会议", byline="本报讯（通讯员王思奇）",
        body="近日，荆州区召开会议。\n会议强调安全。",
        ocr_text="引题文字\n荆州区召开会议\n本报讯（通讯员王思奇）近日，荆州\n区召开会议。\n会议强调安\n全。",
        is_published=False,
    )
    response = editor_client.get(change_url(article))
    blocks = response.context["ocr_blocks"]
    assert [(b.label, b.paragraph) for b in blocks] == [("引题", None), ("标题", None), ("署名", None), ("", 0), ("", 1)]
    assert all("diff-del" not in b.html and "diff-ins" not in b.html for b in blocks)  # line wraps are not changes
    html = response.content.decode()
    assert 'data-para="1"' in html and '<span class="ocr-part-label">署名</span>' in html
    # A real correction still shows, in its paragraph.
    Article.objects.filter(pk=article.pk).update(body="近日，荆州区召开会议。\n会议强调安全生产。")
    blocks = editor_client.get(change_url(article)).context["ocr_blocks"]
    assert '<ins class="diff-ins">生产</ins>' in blocks[-1].html


def test_ocr_comparison_escapes_markup_and_survives_huge_lines(editor_client):
    article = ArticleFactory(body="正文<script>x</script>", ocr_text="正文<script>x</script>\x0b" + "长" * 100_000,
                             is_published=False)
    response = editor_client.get(change_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x</script>" not in html.split('id="ocr-diff"')[1].split("</fieldset>")[0]
