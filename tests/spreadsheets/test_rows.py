"""Row-level rules of the article sheet: new rows, read-only columns, places in an issue,
who may add and publish."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission

from articles.models import Article
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.files.writing import write_spreadsheet
from articles.sheets.services import import_spreadsheet
from tests.factories import UserFactory
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = pytest.mark.django_db


def with_new_row(data: bytes, values: dict[str, str]) -> bytes:
    dataset = read_spreadsheet(data, file_format="csv")
    rows = [list(r) for r in dataset]
    rows.append([values.get(h, "") for h in dataset.headers])
    out = io.BytesIO()
    write_spreadsheet(dataset.headers, rows, out, file_format="csv")
    return out.getvalue()


def desk_editor():
    user = UserFactory(username="desk", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    return user


def test_a_row_without_an_id_is_a_new_article_with_people_tags_and_history(archive, superuser):
    data = with_new_row(
        export_bytes("articles"),
        {
            "源文件": archive.issues[1].source_name,
            "版内顺序": "3",
            "标题": "新增的短讯",
            "作者": "王思奇(通讯员)",
            "标签": "防汛",
            "状态": "已校对",
            "公开": "否",
            "正文": "荆州区开展防汛检查。",
        },
    )

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=superuser)

    assert (report.new, report.updated, report.unchanged, report.problems) == (1, 0, 4, [])
    article = Article.objects.get(headline="新增的短讯")
    assert (article.issue, article.position, article.version) == (archive.issues[1], 3, 1)
    assert article.date == archive.issues[1].issue_date  # the sort date follows the issue
    assert [(c.person.name, c.role, c.title) for c in article.credits.all()] == [
        ("王思奇", "correspondent", "通讯员")
    ]
    assert list(article.tags.values_list("name", flat=True)) == ["防汛"]
    revision = article.revisions.get()
    assert (revision.version, revision.user, revision.snapshot["tags"]) == (1, superuser, ["防汛"])


def test_staff_without_the_add_permission_cannot_add_rows(archive):
    data = with_new_row(
        export_bytes("articles"),
        {"源文件": archive.issues[1].source_name, "版内顺序": "3", "状态": "已导入", "公开": "否", "正文": "x"},
    )

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=desk_editor())

    assert [(p.row, p.column) for p in report.problems] == [(6, "")]
    assert "没有新建文章的权限" in report.problems[0].message
    assert Article.objects.count() == 4


def test_only_those_who_may_publish_can_change_the_published_column(archive):
    article = archive.articles[1]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "公开"): "是"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=desk_editor())

    assert [(p.column, p.message) for p in report.problems] == [("公开", "只有主编可以发布或撤回文章")]
    article.refresh_from_db()
    assert article.is_published is False


def test_an_edited_read_only_column_is_an_error_not_silently_ignored(archive):
    article = archive.articles[0]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "出版日期"): "2025年9月1日"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv")

    assert [p.column for p in report.problems] == ["出版日期"]
    assert "只供查看" in report.problems[0].message


def test_a_changed_version_number_is_refused(archive):
    article = archive.articles[0]
    data = edit_cells(
        export_bytes("articles"), "csv", {(article.pk, "版本号"): "7", (article.pk, "标题"): "x"}
    )

    report = import_spreadsheet(model="articles", data=data, file_format="csv")

    assert [p.column for p in report.problems] == ["版本号"]
    assert "请不要修改版本号" in report.problems[0].message


def test_two_rows_on_the_same_place_of_an_issue_are_named(archive):
    first, second, *_ = archive.articles
    data = edit_cells(export_bytes("articles"), "csv", {(second.pk, "版内顺序"): str(first.position)})

    report = import_spreadsheet(model="articles", data=data, file_format="csv")

    assert [p.column for p in report.problems] == ["版内顺序"]
    assert "已被文章" in report.problems[0].message or "重复" in report.problems[0].message
    second.refresh_from_db()
    assert second.position == 2


def test_articles_may_swap_places(archive):
    first, second, *_ = archive.articles
    data = edit_cells(
        export_bytes("articles"), "csv", {(first.pk, "版内顺序"): "2", (second.pk, "版内顺序"): "1"}
    )

    report = import_spreadsheet(model="articles", data=data, file_format="csv")

    assert (report.updated, report.problems) == (2, [])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, second.position) == (2, 1)


def test_an_id_that_does_not_exist_is_a_row_error(archive):
    data = edit_cells(export_bytes("articles"), "csv", {(archive.articles[3].pk, "编号"): "999999"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv")

    assert [(p.row, p.column) for p in report.problems] == [(5, "编号")]
    assert "编号 999999 不存在" in report.problems[0].message


@pytest.mark.parametrize("who", ["editor", "chief"])
def test_the_status_column_never_writes_published_not_even_for_a_chief(archive, who):
    """The status column is the proofreading state: the desk reads "published" as 未校对."""
    user = desk_editor() if who == "editor" else UserFactory(username="chief", is_staff=True, is_superuser=True)
    article = archive.articles[2]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "状态"): "已发布"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=user)

    assert [(p.row, p.column) for p in report.problems] == [(4, "状态")]
    assert "“已发布”不是校对状态" in report.problems[0].message
    assert "“公开”列" in report.problems[0].message
    article.refresh_from_db()
    assert article.status == Article.Status.CORRECTED


def test_a_publisher_may_publish_from_a_spreadsheet_with_the_public_column(archive):
    publisher = UserFactory(username="chief", is_staff=True, is_superuser=True)
    article = archive.articles[1]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "公开"): "是"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", user=publisher)

    assert (report.updated, report.problems) == (1, [])
    article.refresh_from_db()
    # Published, and still as far in proofreading as it was.
    assert (article.is_published, article.status) == (True, Article.Status.NEEDS_REVIEW)
    assert article.published_at is not None


def test_the_same_article_twice_in_a_file_is_a_row_error(archive):
    dataset = read_spreadsheet(export_bytes("articles"), file_format="csv")
    rows = [list(r) for r in dataset]
    twice = list(rows[0])
    twice[dataset.headers.index("标题")] = "第二次的标题"
    rows.append(twice)
    out = io.BytesIO()
    write_spreadsheet(dataset.headers, rows, out, file_format="csv")

    report = import_spreadsheet(model="articles", data=out.getvalue(), file_format="csv")

    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (6, "编号", "与第 2 行是同一条记录：每条记录只能出现一次")
    ]
    archive.articles[0].refresh_from_db()
    assert archive.articles[0].headline.startswith("万玲玲带队")
