"""Every value the archive can hold survives export → import (issue 9, items 12 and 13): long
texts, control characters, NULs, names with brackets or separators; and what an XLSX file
cannot carry (a cell over Excel's 32,767-character limit) is named, never silently lost."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article, ArticlePerson, Photo
from articles.sheets.files.cells import EXCEL_CELL_LIMIT
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.files.writing import write_spreadsheet
from articles.sheets.services import export_spreadsheet, import_spreadsheet
from people.models import Person
from tests.factories import (
    ArticleFactory,
    ArticlePersonFactory,
    PersonAliasFactory,
    PersonFactory,
    TagFactory,
)
from tests.spreadsheets.conftest import edit_cells, export_bytes
from tests.spreadsheets.test_roundtrip import database_state

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]


def controls() -> str:
    """Every C0 control, DEL, NEL, the line separator and the two XML non-characters; NUL
    only where the database can store it (PostgreSQL text cannot)."""
    chars = "".join(chr(c) for c in range(1, 32)) + "\x7f\x85\u2028\ufffe\uffff"
    return ("\x00" if connection.vendor == "sqlite" else "") + chars


def long_line(length: int = 100_000) -> str:
    return ("荆州区" * (length // 3 + 1))[:length]


# --- Item 12: control characters, NULs and 100k-character lines in any field ---------------


@pytest.fixture
def tricky(archive):
    """The archive with OCR debris in every text field a sheet carries."""
    debris = controls()
    article = archive.articles[0]
    for name in ("kicker", "headline", "subheadline", "byline"):
        setattr(article, name, f"={name}{debris}")
    article.section = f"栏目{debris}"[:100]
    article.dateline = f"日期{debris}"[:50]
    article.body = f"{debris}\n{long_line()}\n_x0041_ ' \r\n末尾{debris}"
    article.save()
    photo = archive.photos[0]
    photo.title = f"标题{debris}"[:200]
    photo.caption = f"-说明{debris}{long_line()}"
    photo.save()
    issue = archive.issues[0]
    issue.masthead = f"荆州区新闻{debris}"[:100]
    issue.lunar_date = f"农历{debris}"[:30]
    issue.number, issue.page = f"@{debris}"[:50], f"+{debris}"[:20]
    issue.save()
    person = archive.people["王芸"]
    person.note = f"备注{debris}{long_line()}"
    person.save()
    tag = archive.tags["会议"]
    tag.name = f"会{debris}议"[:50]
    tag.save()
    return archive


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("model", ["articles", "people", "photos", "issues", "tags"])
def test_control_characters_nuls_and_long_lines_in_any_field_round_trip(tricky, model, file_format):
    before = database_state()

    data = export_bytes(model, file_format)
    report = import_spreadsheet(model=model, data=data, file_format=file_format)

    assert report.problems == []
    assert (report.new, report.updated) == (0, 0)
    assert database_state() == before


@pytest.mark.parametrize("file_format", FORMATS)
def test_an_article_made_of_control_characters_re_imports(archive, file_format):
    """A file mostly of control characters is no binary file when they are in the cells."""
    Article.objects.filter(pk=archive.articles[3].pk).update(body=controls() * 100)
    before = database_state()

    report = import_spreadsheet(model="articles", data=export_bytes("articles", file_format), file_format=file_format)

    assert (report.problems, report.unchanged) == ([], 4)
    assert database_state() == before


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_cell_edited_beside_control_characters_changes_only_that_cell(tricky, file_format):
    article = tricky.articles[0]
    body = Article.objects.get(pk=article.pk).body
    data = edit_cells(export_bytes("articles", file_format), file_format, {(article.pk, "栏目"): "要闻"})

    report = import_spreadsheet(model="articles", data=data, file_format=file_format)

    assert (report.updated, report.problems) == (1, [])
    article.refresh_from_db()
    assert (article.section, article.body) == ("要闻", body)


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("column", ["标题", "正文"])
def test_a_nul_typed_into_a_cell_is_a_row_error_on_every_database(archive, file_format, column):
    article = archive.articles[2]
    before = database_state()
    data = edit_cells(
        export_bytes("articles", file_format), file_format, {(article.pk, column): "空\x00字符"}
    )

    report = import_spreadsheet(model="articles", data=data, file_format=file_format)

    assert [(p.column, "空字符（NUL）" in p.message) for p in report.problems] == [(column, True)]
    assert database_state() == before


def test_a_nul_in_a_new_persons_name_is_a_row_error(archive):
    article = archive.articles[3]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "作者"): "新\x00人"})

    report = import_spreadsheet(model="articles", data=data, file_format="csv", create_missing=True)

    assert [p.column for p in report.problems] == ["作者"]
    assert "空字符（NUL）" in report.problems[0].message
    assert not Person.objects.filter(name__startswith="新").exists()


# --- Item 13: long bodies, brackets in names, Excel's cell limit ----------------------------


def test_a_body_over_the_csv_field_limit_re_imports_from_csv(archive, tmp_path):
    article = archive.articles[2]
    Article.objects.filter(pk=article.pk).update(body=long_line(200_000))
    path = tmp_path / "articles.csv"
    call_command("csv_export", "articles", "-o", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    path.write_bytes(edit_cells(path.read_bytes(), "csv", {(article.pk, "栏目"): "长文"}))

    out = io.StringIO()
    call_command("csv_import", "articles", str(path), stdout=out, stderr=io.StringIO())

    assert "new 0, updated 1, unchanged 3, errors 0" in out.getvalue()
    article.refresh_from_db()
    assert (article.section, article.body) == ("长文", long_line(200_000))


NAMES = ["王(小)明", "李|四", "赵（", "钱）二", "孙\\五", "周｜(六)"]


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_a_person_whose_name_has_brackets_or_separators_round_trips(archive, file_format, name):
    person = PersonFactory(name=name)
    article = ArticleFactory(issue=archive.issues[1], position=9)
    ArticlePersonFactory(article=article, person=person, role=ArticlePerson.Role.CORRESPONDENT, title="记者(特约)")
    ArticlePersonFactory(article=article, person=archive.people["王芸"], role=ArticlePerson.Role.CORRESPONDENT, position=1)
    ArticlePersonFactory(article=article, person=person, role=ArticlePerson.Role.MENTIONED, title="")
    archive.photos[0].photographers.add(person)
    PersonAliasFactory(person=person, name=f"{name}别名")
    before = database_state()

    for model in ("articles", "photos", "people"):
        report = import_spreadsheet(model=model, data=export_bytes(model, file_format), file_format=file_format)
        assert (report.problems, report.updated) == ([], 0), model
    assert database_state() == before

    # An editor moving the person to another role keeps who it is.
    data = edit_cells(export_bytes("articles", file_format), file_format, {(article.pk, "摄影"): export_cell(article, "作者", file_format)})
    report = import_spreadsheet(model="articles", data=data, file_format=file_format)
    assert (report.problems, report.updated) == ([], 1)
    assert list(
        article.credits.filter(role=ArticlePerson.Role.PHOTOGRAPHER).values_list("person__name", "title")
    ) == [(name, "记者(特约)"), ("王芸", "")]


def export_cell(article: Article, column: str, file_format: str) -> str:
    dataset = read_spreadsheet(export_bytes("articles", file_format), file_format=file_format)
    row = next(r for r in dataset.dict if str(r["编号"]) == str(article.pk))
    return row[column]


@pytest.mark.parametrize("file_format", FORMATS)
def test_tags_and_titles_with_separators_or_stray_brackets_round_trip(archive, file_format):
    article = archive.articles[0]
    odd = [TagFactory(name=n, slug=f"odd-{i}") for i, n in enumerate(["防汛|抗旱", "会议(", "）经济", "a\\b"])]
    article.tags.add(*odd)
    ArticlePerson.objects.filter(article=article, role=ArticlePerson.Role.MENTIONED, position=0).update(
        title="区委书记(兼|代"
    )
    before = database_state()

    report = import_spreadsheet(model="articles", data=export_bytes("articles", file_format), file_format=file_format)

    assert (report.problems, report.updated) == ([], 0)
    assert database_state() == before


def xlsx_cells(data: bytes) -> dict[int, dict[str, object]]:
    """The exported workbook as Excel reads it: row id → {header: value}."""
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    return {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


@pytest.mark.parametrize("body", [long_line(40_000), "𠀀" * 20_000], ids=["40,000 characters", "astral"])
def test_an_xlsx_cell_over_excels_limit_is_cut_named_and_kept_on_import(archive, tmp_path, body):
    article = archive.articles[2]
    Article.objects.filter(pk=article.pk).update(body=body)
    path = tmp_path / "articles.xlsx"
    err = io.StringIO()

    call_command("csv_export", "articles", "-o", str(path), stdout=io.StringIO(), stderr=err)

    cell = xlsx_cells(path.read_bytes())[article.pk]["正文"]
    assert len(cell.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT  # what Excel can hold
    assert cell.startswith(body[:1000])
    assert f"此格原文共 {len(body)} 字" in cell
    row = next(n for n, pk in enumerate(Article.objects.values_list("pk", flat=True), start=2) if pk == article.pk)
    assert f"第 {row} 行（编号 {article.pk}）“正文”列：原文 {len(body):,} 字，超出 Excel 单元格上限" in err.getvalue()
    assert "1 格超出 Excel 单元格上限" in err.getvalue()

    # Imported back (an unchanged file, then one with another cell of the row edited): the
    # stored text stays whole.
    report = import_spreadsheet(model="articles", data=path.read_bytes(), file_format="xlsx")
    assert (report.problems, report.updated) == ([], 0)
    edited = edit_cells(path.read_bytes(), "xlsx", {(article.pk, "标题"): "新标题"})
    report = import_spreadsheet(model="articles", data=edited, file_format="xlsx")
    assert (report.problems, report.updated) == ([], 1)
    article.refresh_from_db()
    assert (article.headline, article.body) == ("新标题", body)


def test_a_cut_cell_whose_text_was_edited_is_refused(archive):
    article = archive.articles[2]
    Article.objects.filter(pk=article.pk).update(body=long_line(40_000))
    data = export_bytes("articles", "xlsx")
    cut = xlsx_cells(data)[article.pk]["正文"]

    edited = edit_cells(data, "xlsx", {(article.pk, "正文"): "改过的" + cut[3:]})
    report = import_spreadsheet(model="articles", data=edited, file_format="xlsx")

    assert [p.column for p in report.problems] == ["正文"]
    assert "超出 Excel 单元格上限而截短" in report.problems[0].message
    article.refresh_from_db()
    assert article.body == long_line(40_000)


def test_cells_cut_for_excel_are_listed_for_every_sheet(archive):
    Photo.objects.filter(pk=archive.photos[1].pk).update(caption=long_line(33_000))
    Person.objects.filter(pk=archive.people["王芸"].pk).update(note=long_line(50_000))

    for model, key, column in (
        ("photos", archive.photos[1].pk, "图片说明"),
        ("people", archive.people["王芸"].pk, "备注"),
    ):
        written = export_spreadsheet(model=model, file_format="xlsx", stream=io.BytesIO())
        assert [(c.key, c.column) for c in written.cut_cells] == [(key, column)]
        written = export_spreadsheet(model=model, file_format="csv", stream=io.BytesIO())
        assert written.cut_cells == []  # CSV carries the whole text


def test_write_then_read_keeps_long_text_in_csv_and_cuts_it_visibly_in_xlsx(db):
    text = long_line(150_000)
    for file_format in FORMATS:
        out = io.BytesIO()
        written = write_spreadsheet(["编号", "正文"], [[1, text]], out, file_format=file_format)
        value = read_spreadsheet(out.getvalue(), file_format=file_format)[0][1]
        if file_format == "csv":
            assert (value, written.cut_cells) == (text, [])
        else:
            assert value.startswith(text[:30_000]) and "此格原文共 150000 字" in value
            assert [(c.row, c.column, c.key, c.length) for c in written.cut_cells] == [(2, "正文", 1, 150_000)]


def test_a_cut_cell_without_a_key_column_is_named_by_row_and_column(db):
    written = write_spreadsheet(["正文"], [[long_line(40_000)]], io.BytesIO(), file_format="xlsx")

    assert [str(c) for c in written.cut_cells] == [
        "第 2 行“正文”列：原文 40,000 字，超出 Excel 单元格上限 32,767 字，只导出了开头（导入时这一格保持不变）"
    ]
