"""Review before publication holds for spreadsheets too: an editor's new words for a published
article wait for a chief (readers keep the approved words), whether the file comes through the
admin or ``csv_import --user``; a chief's import and an operator's go live."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.desk.editing.review import approve_draft, open_draft, submit_draft
from articles.models import Article, ArticleRevision
from articles.sheets.services import import_spreadsheet
from tests.factories import UserFactory
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = pytest.mark.django_db

Review = ArticleRevision.Review
NEW_HEADLINE = "万玲玲带队到江岸区考察"
NEW_BODY = "近日，荆州区委书记万玲玲带队考察。"


def public(article: Article) -> Article:
    """The article as readers get it: every page, feed and API reads the published row."""
    return Article.objects.published().get(pk=article.pk)


def test_an_editors_new_words_for_a_published_article_wait_and_the_rest_goes_live(archive, newsroom_editor):
    article = archive.articles[0]  # published
    old_headline, old_body = article.headline, article.body
    data = edit_cells(
        export_bytes("articles"),
        "csv",
        {(article.pk, "标题"): NEW_HEADLINE, (article.pk, "正文"): NEW_BODY, (article.pk, "标签"): "经济"},
    )

    report = import_spreadsheet(
        model="articles", data=data, file_format="csv", user=newsroom_editor, file_name="改稿.csv"
    )

    assert (report.updated, report.waiting_for_chief, report.problems) == (1, 1, [])
    assert any("1 篇已发布文章的文字修改待主编审核" in n and f"第 2 行（文章 {article.pk}）" in n for n in report.notes)
    readers = public(article)
    assert (readers.headline, readers.body) == (old_headline, old_body)
    # Tags are desk data: saved at once, as on the correction screen.
    assert list(readers.tags.values_list("name", flat=True)) == ["经济"]
    assert readers.version == 3  # the live change, then the correction on top
    live, pending = article.revisions.filter(version__gte=2).order_by("version")
    assert (live.version, live.review, live.snapshot["headline"], live.snapshot["tags"]) == (
        2, Review.LIVE, old_headline, ["经济"]
    )
    assert (pending.version, pending.review, pending.user) == (3, Review.PENDING, newsroom_editor)
    assert (pending.snapshot["headline"], pending.snapshot["body"]) == (NEW_HEADLINE, NEW_BODY)
    assert pending.snapshot["approved_text"]["headline"] == old_headline
    assert pending.comment == "表格导入 改稿.csv（文字待主编审核）"
    assert open_draft(article.pk) == pending


def test_a_chief_approves_the_spreadsheets_correction_in_one_click(archive, newsroom_editor, newsroom_chief):
    article = archive.articles[0]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE})
    import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_editor)
    pending = open_draft(article.pk)
    assert pending is not None and public(article).headline != NEW_HEADLINE

    approve_draft(article=Article.objects.get(pk=article.pk), revision_id=pending.pk, user=newsroom_chief)

    assert public(article).headline == NEW_HEADLINE
    pending.refresh_from_db()
    assert pending.review == Review.APPROVED


def test_words_only_make_one_pending_revision_and_no_live_one(archive, newsroom_editor):
    article = archive.articles[2]  # published, 已校对
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "栏目"): "防汛专栏"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_editor)

    assert (report.updated, report.waiting_for_chief) == (1, 1)
    readers = public(article)
    assert (readers.section, readers.version, readers.status) == ("", 2, Article.Status.CORRECTED)
    assert list(article.revisions.filter(version=2).values_list("review", flat=True)) == [Review.PENDING]


def test_a_new_correction_from_a_file_carries_the_open_one_and_replaces_it(archive, newsroom_editor):
    article = Article.objects.get(pk=archive.articles[0].pk)
    desk_draft = submit_draft(article=article, text={"body": NEW_BODY}, user=newsroom_editor, comment="改正文")
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_editor)

    assert report.problems == []
    desk_draft.refresh_from_db()
    assert desk_draft.review == Review.SUPERSEDED
    pending = open_draft(article.pk)
    # Both corrections wait together; readers still have neither.
    assert (pending.snapshot["headline"], pending.snapshot["body"]) == (NEW_HEADLINE, NEW_BODY)
    assert (public(article).headline, public(article).body) == (archive.articles[0].headline, archive.articles[0].body)


def test_an_editors_words_for_an_unpublished_article_are_written_at_once(archive, newsroom_editor):
    article = archive.articles[1]  # not published: readers see nothing of it
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): "内部稿件的新标题"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_editor)

    assert (report.updated, report.waiting_for_chief) == (1, 0)
    article.refresh_from_db()
    assert article.headline == "内部稿件的新标题"
    assert not article.revisions.filter(review=Review.PENDING).exists()


def test_a_chiefs_import_goes_live(archive, newsroom_chief):
    article = archive.articles[0]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_chief)

    assert (report.updated, report.waiting_for_chief) == (1, 0)
    assert public(article).headline == NEW_HEADLINE
    assert not article.revisions.filter(review=Review.PENDING).exists()


def test_a_dry_run_says_what_would_wait_and_writes_nothing(archive, newsroom_editor):
    article = archive.articles[0]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_editor, dry_run=True)

    assert (report.updated, report.waiting_for_chief) == (1, 1)
    assert public(article).version == 1
    assert not ArticleRevision.objects.filter(review=Review.PENDING).exists()


def test_a_file_with_a_waiting_row_and_a_bad_row_writes_nothing(archive, newsroom_editor):
    article, bad = archive.articles[0], archive.articles[2]
    data = edit_cells(
        export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE, (bad.pk, "日期"): "不是日期"}
    )

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_editor)

    assert [(p.row, p.column) for p in report.problems] == [(4, "日期")]
    assert report.waiting_for_chief == 0
    assert public(article).version == 1
    assert not ArticleRevision.objects.filter(review=Review.PENDING).exists()


def test_the_status_column_is_proofreading_an_editor_may_set_it_on_a_published_article(archive, newsroom_editor):
    article = archive.articles[0]  # published, stored with the old value "published" (未校对)
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "状态"): "已校对"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=newsroom_editor)

    assert (report.updated, report.waiting_for_chief, report.problems) == (1, 0, [])
    readers = public(article)
    assert (readers.status, readers.is_published) == (Article.Status.CORRECTED, True)


def test_a_file_exported_before_the_change_still_imports_as_unchanged(archive):
    """Old exports say 已发布 / 已导入 in the status column: unchanged rows stay unchanged."""
    stored = dict(Article.objects.values_list("pk", "status"))
    data = export_bytes("articles")
    assert "未校对".encode() in data and "需复查".encode() in data
    old_file = data.replace("未校对".encode(), "已发布".encode()).replace("需复查".encode(), "待审核".encode())

    report = import_spreadsheet(model="articles", data=old_file, file_format="csv")

    assert (report.updated, report.unchanged, report.problems) == (0, 4, [])
    assert dict(Article.objects.values_list("pk", "status")) == stored  # left as stored


# --- The command: who it runs as ---------------------------------------------------------


def run_import(path, *args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("csv_import", "articles", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_as_an_editor_files_the_words_for_review(archive, newsroom_editor, tmp_path):
    article = archive.articles[0]
    path = tmp_path / "文章.csv"
    path.write_bytes(edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE}))

    out = run_import(path, "--user", "bianji")

    assert "更新 1（其中 1 篇的文字修改待主编审核）" in out
    assert "1 waiting for a chief editor" in out
    assert public(article).headline != NEW_HEADLINE
    assert open_draft(article.pk).user == newsroom_editor


def test_the_command_without_a_user_is_an_operator_and_goes_live(archive, tmp_path):
    article = archive.articles[0]
    path = tmp_path / "文章.csv"
    path.write_bytes(edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE}))

    out = run_import(path)

    assert "待主编审核" not in out
    assert public(article).headline == NEW_HEADLINE


@pytest.mark.parametrize(
    ("username", "message"),
    [("nobody", "没有名为“nobody”的有效用户"), ("reader", "用户“reader”没有修改文章的权限")],
)
def test_the_command_refuses_an_unknown_user_or_one_who_may_not_change_articles(archive, tmp_path, username, message):
    UserFactory(username="reader", is_staff=False)
    article = archive.articles[0]
    path = tmp_path / "文章.csv"
    path.write_bytes(edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): NEW_HEADLINE}))
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="没有写入任何数据"):
        call_command("csv_import", "articles", str(path), "--user", username, stdout=StringIO(), stderr=err)

    assert message in err.getvalue()
    assert public(article).headline != NEW_HEADLINE
