"""Split, merge, move a headline group, detach a photo; bulk workflow and tags; people desk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, ArticlePerson, Issue
from people.models import PersonAlias
from tests.factories import (
    ArticleFactory,
    ArticlePersonFactory,
    PersonFactory,
    PhotoFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def test_split_at_chosen_point_keeps_issue_ocr(editor_client, rich_article):
    issue_text = rich_article.issue.ocr_text
    body = rich_article.body
    at = body.index("万玲玲")
    after = ArticleFactory(issue=rich_article.issue, position=rich_article.position + 1)
    response = editor_client.post(
        reverse("admin:articles_article_split", args=[rich_article.pk]), {"at": at, "headline": "万玲玲主持会议"}
    )
    assert response.status_code == 302
    rich_article.refresh_from_db()
    new = Article.objects.get(headline="万玲玲主持会议")
    assert rich_article.body == body[:at].rstrip()
    assert new.body == "万玲玲主持会议。"
    assert new.issue_id == rich_article.issue_id and new.position == rich_article.position + 1
    assert new.ocr_text.startswith("万玲玲")  # the OCR text is split at the matching place
    after.refresh_from_db()
    assert after.position == rich_article.position + 2
    assert Issue.objects.get(pk=rich_article.issue_id).ocr_text == issue_text
    assert "拆分" in rich_article.revisions.order_by("-version").first().comment


def test_merge_moves_text_people_tags_photos(editor_client, rich_article):
    other = ArticleFactory(issue=rich_article.issue, body="第二篇正文。", headline="第二篇", is_published=False, status="imported")
    ArticlePersonFactory(article=other, person=PersonFactory(name="吴申畅"), role="correspondent")
    other.tags.add(TagFactory(name="农业"))
    photo = PhotoFactory(issue=rich_article.issue, article=other)
    response = editor_client.post(reverse("admin:articles_article_merge", args=[rich_article.pk]), {"other": other.pk})
    assert response.status_code == 302
    rich_article.refresh_from_db()
    assert rich_article.body.endswith("第二篇正文。")
    assert not Article.objects.filter(pk=other.pk).exists()
    assert "吴申畅" in set(rich_article.credits.values_list("person__name", flat=True))
    assert "农业" in set(rich_article.tags.values_list("name", flat=True))
    photo.refresh_from_db()
    assert photo.article_id == rich_article.pk
    assert "合并" in rich_article.revisions.order_by("-version").first().comment


def test_merge_refuses_other_issue(editor_client, rich_article):
    stranger = ArticleFactory()
    response = editor_client.post(reverse("admin:articles_article_merge", args=[rich_article.pk]), {"other": stranger.pk})
    assert response.status_code == 200  # not offered: another issue
    assert Article.objects.filter(pk=stranger.pk).exists()


def test_move_headline_group_swaps_with_article_in_same_issue(editor_client, rich_article):
    other = ArticleFactory(issue=rich_article.issue, headline="别人的标题", kicker="别人的引题", is_published=False, status="imported")
    response = editor_client.post(reverse("admin:articles_article_move_headline", args=[rich_article.pk]), {"other": other.pk})
    assert response.status_code == 302
    rich_article.refresh_from_db()
    other.refresh_from_db()
    assert rich_article.headline == "别人的标题" and rich_article.kicker == "别人的引题"
    assert other.headline == "荆州区召开经济形势分析会" and other.kicker == ""
    assert other.revisions.exists() and rich_article.revisions.exists()


def test_detach_photo_records_history(editor_client, rich_article):
    photo = rich_article.photos.get()
    editor_client.post(reverse("admin:articles_photo_detach", args=[photo.pk]))
    photo.refresh_from_db()
    rich_article.refresh_from_db()
    assert photo.article is None and photo.issue_id == rich_article.issue_id
    assert "移除配图" in rich_article.revisions.order_by("-version").first().comment


def test_bulk_add_and_remove_tag(editor_client, editor):
    articles = [ArticleFactory() for _ in range(3)]
    tag = TagFactory(name="防汛")
    url = reverse("admin:articles_article_changelist")
    ids = [a.pk for a in articles[:2]]
    page = editor_client.post(url, {"action": "add_tag", "_selected_action": ids})
    assert page.status_code == 200 and "批量添加标签" in page.content.decode()
    editor_client.post(url, {"action": "add_tag", "_selected_action": ids, "tag": tag.pk, "apply_tag": "1"})
    assert set(tag.articles.values_list("pk", flat=True)) == set(ids)
    assert articles[0].revisions.order_by("-version").first().comment == "批量添加标签：防汛"
    editor_client.post(url, {"action": "remove_tag", "_selected_action": ids[:1], "tag": tag.pk, "apply_tag": "1"})
    assert set(tag.articles.values_list("pk", flat=True)) == {ids[1]}


def test_tags_from_the_printed_column_labels(editor_client):
    """The seeds have no tags; their column labels (栏目) make useful ones in one action."""
    clean = [ArticleFactory(section="清廉荆州区") for _ in range(2)]
    farm = ArticleFactory(section="乡村振兴")
    plain = ArticleFactory(section="")
    url = reverse("admin:articles_article_changelist")
    chosen = [a.pk for a in (*clean, farm, plain)]
    page = editor_client.post(url, {"action": "tags_from_sections", "_selected_action": chosen}, follow=True)
    assert "已按栏目添加标签：“乡村振兴”（1 篇）、“清廉荆州区”（2 篇）" in page.content.decode()
    assert set(Article.objects.filter(tags__name="清廉荆州区").values_list("pk", flat=True)) == {a.pk for a in clean}
    assert list(farm.tags.values_list("name", flat=True)) == ["乡村振兴"]
    assert not plain.tags.exists()
    assert farm.revisions.order_by("-version").first().comment == "批量添加标签：乡村振兴"
    # Again: nothing changes twice.
    editor_client.post(url, {"action": "tags_from_sections", "_selected_action": chosen})
    assert farm.revisions.count() == 2


def test_index_shows_counts_per_status(editor_client):
    ArticleFactory(status="imported", is_published=False)
    ArticleFactory(status="imported", is_published=False)
    ArticleFactory(status="corrected", is_published=False)
    # Published and never proofread: counted as public AND as 未校对 (the old combined
    # "published" status says nothing about proofreading).
    ArticleFactory(status="published")
    ArticleFactory(status="imported", is_published=True)
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert 'data-status="unproofread">4<' in page
    assert 'data-status="corrected">1<' in page
    assert 'data-status="public">2<' in page
    assert 'data-status="pending">0<' in page


def test_person_list_counts_and_titles_over_time(editor_client):
    person = PersonFactory(name="万玲玲")
    for year, title in ((2023, "区长"), (2025, "区委书记")):
        import datetime as dt

        article = ArticleFactory(date=dt.date(year, 5, 1))
        ArticlePersonFactory(article=article, person=person, title=title)
    page = editor_client.get(reverse("admin:people_person_changelist")).content.decode()
    assert "万玲玲" in page
    response = editor_client.get(reverse("admin:people_person_change", args=[person.pk]))
    text = response.content.decode()
    assert text.index("区长") < text.index("区委书记")


def test_merge_people_moves_links_and_keeps_alias(editor_client, editor):
    keep, other = PersonFactory(name="朱翊"), PersonFactory(name="朱翎")
    a1, a2 = ArticleFactory(), ArticleFactory()
    ArticlePersonFactory(article=a1, person=other, title="局长")
    ArticlePersonFactory(article=a2, person=other)
    ArticlePersonFactory(article=a2, person=keep)  # both names on one article
    url = reverse("admin:people_person_changelist")
    editor_client.post(url, {"action": "merge_people", "_selected_action": [keep.pk, other.pk],
                             "keep": keep.pk, "apply_merge": "1"})
    assert PersonAlias.objects.get(name="朱翎").person == keep
    assert set(ArticlePerson.objects.filter(person=keep).values_list("article_id", flat=True)) == {a1.pk, a2.pk}
    assert ArticlePerson.objects.get(article=a1, person=keep).title == "局长"
    rev = a1.revisions.order_by("-version").first()
    assert rev.comment == "合并人物：朱翎 → 朱翊" and rev.user == editor


def test_link_mentions_across_archive(editor_client):
    person = PersonFactory(name="袁菁穗")
    PersonAlias.objects.create(person=person, name="袁青穗")
    hit, alias_hit, linked = (
        ArticleFactory(body="袁菁穗出席会议。"), ArticleFactory(body="袁青穗讲话。"), ArticleFactory(body="袁菁穗调研。")
    )
    ArticlePersonFactory(article=linked, person=person)
    ArticleFactory(body="无关。")
    url = reverse("admin:people_person_link_mentions", args=[person.pk])
    page = editor_client.get(url)
    assert {a.pk for a in page.context["articles"]} == {hit.pk, alias_hit.pk}
    editor_client.post(url, {"article": [hit.pk, alias_hit.pk], "title": "副区长"})
    assert ArticlePerson.objects.filter(person=person, role="mentioned", title="副区长").count() == 2
    assert "关联人物" in hit.revisions.order_by("-version").first().comment


def test_counts_on_issue_tag_and_person_lists(editor_client):
    issue = ArticleFactory().issue
    ArticleFactory(issue=issue)
    tag = TagFactory(name="计数标签")
    person = PersonFactory(name="计数人")
    for article in issue.articles.all():
        article.tags.add(tag)
        ArticlePersonFactory(article=article, person=person, role="mentioned")
        ArticlePersonFactory(article=article, person=person, role="correspondent")  # same article twice
    issues = editor_client.get(reverse("admin:articles_issue_changelist"))
    assert issues.context["cl"].result_list.get(pk=issue.pk).article_total == 2
    tags = editor_client.get(reverse("admin:articles_tag_changelist"))
    assert tags.context["cl"].result_list.get(pk=tag.pk).article_total == 2
    people = editor_client.get(reverse("admin:people_person_changelist"))
    assert people.context["cl"].result_list.get(pk=person.pk).article_total == 2


def test_add_person_then_link_mentions(editor_client):
    ArticleFactory(body="新任局长陈晓燕出席。")
    page = editor_client.get(reverse("admin:people_person_add")).content.decode()
    assert "保存并查找提及此人的文章" in page
    response = editor_client.post(reverse("admin:people_person_add"), {
        "name": "陈晓燕", "note": "", "_link_mentions": "1",
        "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000",
    })
    person = PersonFactory._meta.model.objects.get(name="陈晓燕")
    assert response["Location"] == reverse("admin:people_person_link_mentions", args=[person.pk])
    assert len(editor_client.get(response["Location"]).context["articles"]) == 1


def test_hint_counts_are_right_after_a_split_made_through_the_service(editor):
    """The services store the counts with the rows they change (no view needed to refresh them)."""
    from articles.desk.editing.restructure import merge_articles, move_headline_group, split_article
    from articles.hints.detectors import clear_cache

    PersonFactory(name="袁菁穗")
    clear_cache()
    article = ArticleFactory(
        headline="会议召开", body="会议还部署了下一阶段工作。\n\n会上，袁青穗强调发展。",
        status="imported", is_published=False, ocr_hint_count=1,
    )
    new = split_article(article=article, at=article.body.index("会上"), user=editor, may_publish=False)
    article.refresh_from_db()
    new.refresh_from_db()
    assert (article.ocr_hint_count, new.ocr_hint_count) == (0, 1)  # the suspect went with the tail
    # A suspect in a headline goes with its headline group, and comes back with a merge.
    Article.objects.filter(pk=article.pk).update(headline="袁青穗调研")
    article.refresh_from_db()
    move_headline_group(source=article, target=new, user=editor, may_publish=False)
    article.refresh_from_db()
    new.refresh_from_db()
    assert (article.ocr_hint_count, new.ocr_hint_count) == (0, 2)
    merge_articles(target=article, other=new, user=editor, may_publish=False)
    article.refresh_from_db()
    assert article.headline == "袁青穗调研" and article.ocr_hint_count == 2
