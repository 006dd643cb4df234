"""Re-importing a changed or already-imported file: nobody's work is lost, addresses survive,
a withdrawal stands, and readers see one copy of each article."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Issue, Photo
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NEW_ARTICLE = "\n本报讯 近日，区里召开新会议，部署下半年工作。\n"


def run_import(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def change(path) -> None:
    """The file as a newer OCR run gives it: one more short article at the end."""
    path.write_text(path.read_text(encoding="utf-8") + NEW_ARTICLE, encoding="utf-8")


def test_reimport_of_an_untouched_issue_keeps_its_articles_addresses(seed_copy, client):
    target = seed_copy[0]
    run_import("--publish", str(target))
    issue = Issue.objects.get()
    before = dict(Article.objects.values_list("pk", "ocr_text"))
    change(target)
    output = run_import("--publish", str(target))
    assert "已重新导入 1" in output and "网址不变" in output
    assert list(Issue.objects.values_list("pk", flat=True)) == [issue.pk]
    assert "区里召开新会议" in Issue.objects.get().ocr_text
    after = dict(Article.objects.values_list("pk", "ocr_text"))
    # Every article of the old file is still there under its id, so its page still answers.
    assert set(before) <= set(after)
    for pk, ocr_text in before.items():
        assert after[pk] == ocr_text
        assert client.get(f"/articles/{pk}/").status_code == 200
    assert len(after) == len(before) + 1
    kept = Article.objects.get(pk=min(before))
    assert [r.comment for r in kept.revisions.order_by("version")] == ["OCR 导入", "OCR 重新导入（文件已改变）"]


def _caption(issue: Issue) -> None:
    Photo.objects.filter(pk=issue.photos.order_by("position").first().pk).update(caption="编辑改写的图片说明")


def _photographer(issue: Issue) -> None:
    issue.photos.order_by("position").first().photographers.add(PersonFactory(name="沈摄影"))


EDITS = {
    "photo caption": (_caption, lambda issue: issue.photos.filter(caption="编辑改写的图片说明").exists()),
    "photographer": (_photographer, lambda issue: issue.photos.filter(photographers__name="沈摄影").exists()),
    "issue number": (
        lambda issue: Issue.objects.filter(pk=issue.pk).update(number="第 1234 期"),
        lambda issue: issue.number == "第 1234 期",
    ),
    "issue page": (
        lambda issue: Issue.objects.filter(pk=issue.pk).update(page="第 3 版"),
        lambda issue: issue.page == "第 3 版",
    ),
    "issue date": (
        lambda issue: Issue.objects.filter(pk=issue.pk).update(issue_date=dt.date(2025, 5, 2)),
        lambda issue: issue.issue_date == dt.date(2025, 5, 2),
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_reimport_never_reverts_an_editors_change_to_the_issue_or_its_photos(seed_copy, edit):
    make, still_there = EDITS[edit]
    target = seed_copy[0]
    run_import(str(target))
    make(Issue.objects.get())
    change(target)
    output = run_import(str(target))
    assert "已作为新版本导入 1" in output and "旧版有改动" in output
    old, new = Issue.objects.filter(source_name=target.name).order_by("source_version")
    assert (old.source_version, new.source_version) == (1, 2)
    assert still_there(old)
    assert "区里召开新会议" in new.ocr_text


def test_a_chiefs_withdrawal_stands_and_readers_see_one_copy(seed_copy):
    from articles.desk.editing.bulk import bulk_set_status

    target = seed_copy[0]
    run_import("--publish", str(target))
    withdrawn = Article.objects.exclude(headline="").order_by("position").first()
    bulk_set_status(article_ids=[withdrawn.pk], action="unpublish", user=None)
    change(target)
    output = run_import("--publish", str(target))
    assert "已作为新版本导入 1" in output and "新版未公开" in output
    public = list(Article.objects.published().values_list("ocr_text", flat=True))
    assert withdrawn.ocr_text not in public  # in neither version
    assert len(public) == len(set(public)) == Article.objects.filter(issue__source_version=1).count() - 1


def test_an_edited_issue_reimported_with_publish_keeps_one_public_copy_of_each_article(seed_copy):
    target = seed_copy[1]
    run_import("--publish", str(target))
    edited = Article.objects.exclude(headline="").order_by("position").first()
    Article.objects.filter(pk=edited.pk).update(body="【已校对】" + edited.body, version=2)
    change(target)
    run_import("--publish", str(target))
    public = list(Article.objects.published().values_list("ocr_text", flat=True))
    assert len(public) == len(set(public))
    assert Article.objects.published().get(pk=edited.pk).body.startswith("【已校对】")
    assert not Article.objects.published().filter(issue__source_version=2).exists()


def test_publish_on_an_imported_file_publishes_its_untouched_articles(seed_paths):
    run_import(str(seed_paths[0]))
    assert not Article.objects.published().exists()
    output = run_import("--publish", str(seed_paths[0]))
    assert Article.objects.published().count() == Article.objects.count() > 0
    assert "已发布本期" in output and f"公开 {Article.objects.count()} 篇" in output
    # The importer's own act: its revision says so, and the issue still counts as untouched.
    article = Article.objects.order_by("pk").first()
    assert article.version == 1
    assert article.revisions.get().snapshot["is_published"] is True


def test_publish_on_an_imported_file_leaves_a_touched_issue_to_the_chief(seed_paths):
    run_import(str(seed_paths[0]))
    Issue.objects.update(number="第 9 期")
    output = run_import("--publish", str(seed_paths[0]))
    assert not Article.objects.published().exists()
    assert "未自动发布" in output and "请主编在后台发布" in output


def test_publish_never_puts_a_second_version_beside_the_first(seed_copy):
    target = seed_copy[0]
    run_import("--publish", str(target))
    Issue.objects.update(page="第 2 版")
    change(target)
    run_import(str(target))  # version 2, unpublished
    output = run_import("--publish", str(target))
    assert "另有其他版本" in output
    assert not Article.objects.published().filter(issue__source_version=2).exists()
