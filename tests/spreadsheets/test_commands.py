"""``csv_export`` / ``csv_import`` as other tools call them: counts, row-numbered errors, exit
status, atomicity, unknown names and the option to create them."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticlePerson, ArticleRevision, Tag
from articles.sheets.files.reading import read_spreadsheet
from people.models import Person
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args: str) -> tuple[CommandError, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(*args, stdout=out, stderr=err)
    return failure.value, out.getvalue(), err.getvalue()


def articles_state() -> list:
    return [
        list(Article.objects.order_by("pk").values_list("pk", "headline", "version")),
        sorted(ArticlePerson.objects.values_list("article_id", "person_id", "role", "title")),
        sorted(Article.tags.through.objects.values_list("article_id", "tag_id")),
        Person.objects.count(),
        Tag.objects.count(),
        ArticleRevision.objects.count(),
    ]


@pytest.mark.parametrize("model", ["articles", "people", "photos", "issues", "tags"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_of_the_file_reports_everything_unchanged(archive, tmp_path, model, file_format):
    path = tmp_path / f"{model}.{file_format}"

    _, err = run("csv_export", model, "-o", str(path))
    assert "已导出" in err
    if file_format == "csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    else:
        assert openpyxl.load_workbook(path).active.max_row > 1

    out, err = run("csv_import", model, str(path), "--format", file_format)

    expected = {"articles": 4, "people": 5, "photos": 2, "issues": 2, "tags": 3}[model]
    assert f"new 0, updated 0, unchanged {expected}, errors 0" in out
    assert err == ""


def test_export_to_standard_output_is_csv(archive):
    out, _ = run("csv_export", "tags")

    assert out.splitlines()[0].lstrip("\ufeff") == "编号,标签,网址名,文章数"
    assert len(out.splitlines()) == 1 + Tag.objects.count()


def test_an_unknown_model_name_is_refused(tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("csv_export", "authors", stdout=io.StringIO(), stderr=io.StringIO())


def test_import_prints_counts_and_writes_the_changes(archive, tmp_path):
    article = archive.articles[0]
    path = tmp_path / "edited.csv"
    path.write_bytes(edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): "新的标题"}))

    out, _ = run("csv_import", "articles", str(path))

    assert "new 0, updated 1, unchanged 3, errors 0" in out
    article.refresh_from_db()
    assert (article.headline, article.version) == ("新的标题", 2)
    assert article.revisions.order_by("-pk").first().comment == "表格导入 edited.csv"


def test_dry_run_reports_without_writing(archive, tmp_path):
    article = archive.articles[0]
    path = tmp_path / "edited.csv"
    path.write_bytes(edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): "新的标题"}))
    before = articles_state()

    out, _ = run("csv_import", "articles", str(path), "--dry-run")

    assert "未写入" in out
    assert "updated 1" in out
    assert articles_state() == before


def test_one_bad_row_writes_nothing_and_every_bad_row_is_listed_with_row_and_column(archive, tmp_path):
    first, second, third, fourth = archive.articles
    data = export_bytes("articles")
    rows = read_spreadsheet(data, file_format="csv")
    excel_row = {str(r[0]): number for number, r in enumerate(rows, start=2)}
    path = tmp_path / "edited.csv"
    path.write_bytes(
        edit_cells(
            data,
            "csv",
            {
                (first.pk, "标题"): "这一行本身没有错",
                (second.pk, "日期"): "2025-13-45",
                (third.pk, "状态"): "待定",
                (fourth.pk, "公开"): "也许",
            },
        )
    )
    before = articles_state()

    failure, out, err = run_failing("csv_import", "articles", str(path))

    assert failure.returncode == 1
    assert "没有写入任何数据" in str(failure)
    assert "new 0, updated 1, unchanged 0, errors 3" in out
    lines = err.splitlines()
    assert len(lines) == 3
    assert f"第 {excel_row[str(second.pk)]} 行 “日期”列" in lines[0] and "2025-13-45" in lines[0]
    assert f"第 {excel_row[str(third.pk)]} 行 “状态”列" in lines[1] and "待定" in lines[1]
    assert f"第 {excel_row[str(fourth.pk)]} 行 “公开”列" in lines[2] and "也许" in lines[2]
    assert articles_state() == before


def test_unknown_people_and_tags_are_row_errors(archive, tmp_path):
    article = archive.articles[3]
    path = tmp_path / "edited.csv"
    path.write_bytes(
        edit_cells(
            export_bytes("articles"),
            "csv",
            {(article.pk, "作者"): "王思奇|李不存在(记者)", (article.pk, "标签"): "经济|新标签"},
        )
    )
    before = articles_state()

    _, _, err = run_failing("csv_import", "articles", str(path))

    assert "“作者”列：人物 “李不存在” 不存在" in err
    assert "“标签”列：标签 “新标签” 不存在" in err
    assert articles_state() == before


def test_unknown_people_and_tags_are_created_when_asked(archive, tmp_path):
    article = archive.articles[3]
    path = tmp_path / "edited.csv"
    path.write_bytes(
        edit_cells(
            export_bytes("articles"),
            "csv",
            {(article.pk, "作者"): "王思奇|李不存在(记者)", (article.pk, "标签"): "经济|新标签"},
        )
    )

    out, _ = run("csv_import", "articles", str(path), "--create-missing")

    assert "updated 1" in out
    assert [(c.person.name, c.title) for c in article.credits.order_by("position")] == [
        ("王思奇", ""),
        ("李不存在", "记者"),
    ]
    assert sorted(article.tags.values_list("name", flat=True)) == ["新标签", "经济"]
    assert Tag.objects.get(name="新标签").slug == "新标签"
    snapshot = article.revisions.order_by("-pk").first().snapshot
    assert snapshot["tags"] == ["新标签", "经济"]
    assert [p["name"] for p in snapshot["people"]] == ["王思奇", "李不存在"]


def test_a_photo_with_an_unknown_photographer_is_a_row_error(archive, tmp_path):
    photo = archive.photos[0]
    path = tmp_path / "photos.csv"
    path.write_bytes(edit_cells(export_bytes("photos"), "csv", {(photo.pk, "摄影"): "无名氏"}))

    _, _, err = run_failing("csv_import", "photos", str(path))

    assert "“摄影”列：人物 “无名氏” 不存在" in err
    assert list(photo.photographers.values_list("name", flat=True)) == ["王芸"]


def test_an_article_edited_since_the_export_is_not_overwritten(archive, tmp_path):
    article = archive.articles[0]
    data = export_bytes("articles")
    # Someone saves the article in the admin after the export…
    Article.objects.filter(pk=article.pk).update(headline="别人改的标题", version=2)
    article.refresh_from_db()
    from articles.revisions import record_revision

    record_revision(article=article, user=None, comment="后台编辑")
    # …and the spreadsheet changes the same article.
    path = tmp_path / "stale.csv"
    path.write_bytes(edit_cells(data, "csv", {(article.pk, "正文"): "表格里改的正文"}))

    _, _, err = run_failing("csv_import", "articles", str(path))

    assert "“版本号”列：这篇文章在你导出之后已被修改" in err
    article.refresh_from_db()
    assert article.headline == "别人改的标题"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "不是 CSV 文本文件"),
        ("编号,标题,版本号\n1,x,1\n".encode("utf-16"), "UTF-16"),
        ("编号,作者们\n1,x\n".encode(), "不认识的列"),
    ],
)
def test_a_malformed_file_fails_with_one_clear_message(archive, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    failure, _, err = run_failing("csv_import", "articles", str(path))

    assert message in err
    assert failure.returncode == 1


def test_a_file_over_20_mb_is_refused_before_it_is_read(archive, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(export_bytes("articles"))
        handle.truncate(21 * 1024 * 1024)

    with pytest.raises(CommandError, match="文件过大"):
        call_command("csv_import", "articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_missing_file_or_unknown_extension_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("csv_import", "articles", str(tmp_path / "nope.csv"))
    odd = tmp_path / "data.txt"
    odd.write_text("编号\n")
    with pytest.raises(CommandError, match="--format csv"):
        call_command("csv_import", "articles", str(odd))


def test_rows_left_alone_keep_what_others_saved_after_the_export(archive, tmp_path):
    saved_meanwhile, edited = archive.articles[0], archive.articles[2]
    data = export_bytes("articles")
    Article.objects.filter(pk=saved_meanwhile.pk).update(headline="别人改的标题", version=2)
    saved_meanwhile.refresh_from_db()
    from articles.revisions import record_revision

    record_revision(article=saved_meanwhile, user=None, comment="后台编辑")
    path = tmp_path / "edited.csv"
    path.write_bytes(edit_cells(data, "csv", {(edited.pk, "栏目"): "防汛"}))

    out, _ = run("csv_import", "articles", str(path))

    assert "new 0, updated 1, unchanged 3, errors 0" in out
    assert "导出后已有人修改过这篇文章" in out
    saved_meanwhile.refresh_from_db()
    edited.refresh_from_db()
    assert (saved_meanwhile.headline, saved_meanwhile.version) == ("别人改的标题", 2)
    assert edited.section == "防汛"
