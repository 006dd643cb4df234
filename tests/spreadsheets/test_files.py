"""Files Excel can open and files Excel writes: BOM, GB18030, XLSX, formulas, bad files."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from articles.models import Article
from articles.sheets.files.cells import neutralise_formula, restore_formula
from articles.sheets.files.reading import MAX_SPREADSHEET_BYTES, read_spreadsheet
from articles.sheets.files.writing import write_spreadsheet
from articles.sheets.services import import_spreadsheet
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = pytest.mark.django_db


def csv_rows(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_csv_export_has_a_bom_and_chinese_headers_excel_can_read(archive):
    data = export_bytes("articles", "csv")

    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(data)
    assert rows[0][:5] == ["编号", "源文件", "源文件版本", "出版日期", "版内顺序"]
    first = dict(zip(rows[0], next(r for r in rows if r[0] == str(archive.articles[0].pk)), strict=True))
    assert first["标题"] == "万玲玲带队到武汉市江岸区考察学习历史文化街区保护利用工作"
    assert first["作者"] == "王思奇(通讯员)"
    assert first["提及人物"] == "万玲玲(区委书记)|张远重"
    assert first["标签"] == "会议|经济"
    assert first["出版日期"] == "2025年8月26日"
    # The status column is the proofreading state, as the desk names it: the old combined
    # value "published" never meant anyone had read the text.
    assert first["状态"] == "未校对"
    assert first["公开"] == "是"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_import_accepts_utf8_with_or_without_bom_and_gb18030(archive, encoding):
    article = archive.articles[2]
    edited = edit_cells(export_bytes("articles"), "csv", {(article.pk, "标题"): "荆州区组织开展防汛抢险演练"})
    # What Excel writes when an editor saves as "CSV" on a Chinese Windows (GB18030), as
    # "CSV UTF-8" (BOM), or what a script writes (no BOM).
    text = edited.decode("utf-8-sig")
    data = text.encode(encoding)

    report = import_spreadsheet(model="articles", data=data, file_format="csv")

    assert report.problems == []
    article.refresh_from_db()
    assert article.headline == "荆州区组织开展防汛抢险演练"


def test_xlsx_export_opens_in_a_spreadsheet_program_with_chinese_and_control_characters(archive):
    data = export_bytes("articles", "xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(data))  # the full (not read-only) reader
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "文章"
    assert rows[0][0] == "编号"
    assert sheet["A1"].font.b  # bold header
    assert sheet.freeze_panes == "A2"
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id[archive.articles[0].pk]["标题"].startswith("万玲玲带队")
    assert isinstance(by_id[archive.articles[0].pk]["版本号"], int)
    # The OCR's control characters are escaped the way Excel itself writes them.
    assert "_x000C_换页" in by_id[archive.articles[1].pk]["正文"]


def test_xlsx_edited_and_saved_by_openpyxl_imports(archive):
    """A workbook re-saved by another program (shared strings, real date cells)."""
    article = archive.articles[0]
    workbook = openpyxl.load_workbook(io.BytesIO(export_bytes("articles", "xlsx")))
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == article.pk:
            import datetime as dt

            row[headers.index("消息日期（公历）")].value = dt.datetime(2025, 5, 12)
    out = io.BytesIO()
    workbook.save(out)

    report = import_spreadsheet(model="articles", data=out.getvalue(), file_format="xlsx")

    assert (report.updated, report.problems) == (1, [])
    article.refresh_from_db()
    assert article.dateline_date.isoformat() == "2025-05-12"
    assert article.date.isoformat() == "2025-05-12"  # the sort date follows the dateline


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=1", "'x", "普通"])
def test_formula_neutralisation_is_undone_exactly(value):
    escaped = neutralise_formula(value)

    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_formula(escaped) == value


def test_an_apostrophe_typed_by_an_editor_is_kept():
    assert restore_formula("'hello") == "'hello"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formula_cells_are_neutralised_in_the_exported_file(archive, file_format):
    data = export_bytes("articles", file_format)
    if file_format == "csv":
        cells = [c for row in csv_rows(data) for c in row]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # no formulas

    dangerous = [c for c in cells if c and c[0] in "=+-@\t\r"]
    assert dangerous == []
    assert "'=HYPERLINK(\"http://evil.example\",\"点击\")" in cells
    assert "'+86 716 电话" in cells
    assert "'-5℃ 寒潮" in cells
    assert "'@荆州" in cells
    assert "'\t缩进的署名" in cells
    assert "''引号开头" in cells


def test_formula_text_typed_into_a_cell_is_imported_as_text(archive):
    article = archive.articles[3]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "副题"): "=2+3"})

    assert import_spreadsheet(model="articles", data=data, file_format="csv").updated == 1
    article.refresh_from_db()
    assert article.subheadline == "=2+3"


def test_rows_keep_the_row_numbers_excel_shows_when_lines_are_blank(archive):
    data = export_bytes("articles")
    rows = csv_rows(data)
    rows.insert(2, [])  # a blank line after the first article: Excel row 3
    rows[4][rows[0].index("日期")] = "上周五"  # Excel row 5
    out = io.StringIO()
    csv.writer(out).writerows(rows)

    report = import_spreadsheet(model="articles", data=out.getvalue().encode(), file_format="csv")

    assert [(p.row, p.column) for p in report.problems] == [(5, "日期")]
    assert "上周五" in report.problems[0].message


def malformed_cases(archive) -> dict[str, tuple[bytes, str, str]]:
    good = export_bytes("articles")
    xlsx = export_bytes("articles", "xlsx")
    return {
        "wrong columns": (
            "编号,标题,作者们,版本号\n1,x,y,1\n".encode(), "csv", "不认识的列：“作者们”"
        ),
        "missing id column": ("标题,正文\nx,y\n".encode(), "csv", "缺少必需的列：“编号”、“版本号”"),
        "too large": (good + b" " * MAX_SPREADSHEET_BYTES, "csv", "文件过大"),
        "binary renamed .csv": (bytes(range(256)) * 40, "csv", "不是 CSV 文本文件"),
        "xlsx renamed .csv": (xlsx, "csv", "这是一个 Excel (.xlsx) 文件"),
        "csv renamed .xlsx": (good, "xlsx", "不是有效的 Excel (.xlsx) 文件"),
        "empty": (b"", "csv", "文件是空的"),
        "utf-16": ("编号,标题\n".encode("utf-16"), "csv", "UTF-16"),
        "semicolons": ("编号;标题;版本号\n1;x;1\n".encode(), "csv", "分号或制表符"),
        "unknown encoding": (b"\xef\xbb\xbf\xff\xfe\xfa bad", "csv", "无法识别文件编码"),
        "more cells than headers": ("编号,版本号\n1,1,surplus\n".encode(), "csv", "第 2 行的单元格比表头多"),
        "header only": ("\ufeff编号,版本号\r\n,\r\n".encode(), "csv", "只有表头，没有数据行"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "wrong columns", "missing id column", "too large", "binary renamed .csv",
        "xlsx renamed .csv", "csv renamed .xlsx", "empty", "utf-16", "semicolons",
        "unknown encoding", "more cells than headers", "header only",
    ],
)
def test_a_malformed_file_gets_one_clear_message_and_nothing_is_written(archive, case):
    data, file_format, expected = malformed_cases(archive)[case]
    before = list(Article.objects.values_list("pk", "version", "headline"))

    report = import_spreadsheet(model="articles", data=data, file_format=file_format)

    assert report.failed
    assert len(report.problems) == 1
    assert expected in report.problems[0].message
    assert report.problems[0].row is None
    assert list(Article.objects.values_list("pk", "version", "headline")) == before


def test_write_then_read_keeps_every_value(db):
    headers = ["编号", "文本"]
    values = ["中文", "=1", "a\nb", "\x00\x0c\x1f", "_x0041_", "_x005F_", "'", "", "\ufeff开头"]
    rows = [[i, v] for i, v in enumerate(values, start=1)]
    for file_format in ("csv", "xlsx"):
        out = io.BytesIO()
        write_spreadsheet(headers, rows, out, file_format=file_format)
        dataset = read_spreadsheet(out.getvalue(), file_format=file_format)
        read_back = [r[1] or "" for r in dataset]
        if file_format == "csv":
            read_back = [v.replace("\r\n", "\n") for v in read_back]
        assert read_back == values, file_format


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_takes_the_same_few_queries_however_many_articles(archive, file_format, django_assert_num_queries):
    from tests.factories import ArticleFactory, ArticlePersonFactory

    with django_assert_num_queries(4):  # articles, issues, people, tags
        export_bytes("articles", file_format)
    for n in range(20):
        extra = ArticleFactory(issue=archive.issues[0], position=10 + n)
        ArticlePersonFactory(article=extra, person=archive.people["王思奇"], role="correspondent")
        extra.tags.set(archive.tags.values())

    with django_assert_num_queries(4):
        data = export_bytes("articles", file_format)
    assert len(read_spreadsheet(data, file_format=file_format)) == 24


def test_export_of_chosen_columns(archive):
    from articles.sheets.services import export_spreadsheet

    for fields in (["headline"], ["id", "tags", "people"]):
        out = io.BytesIO()
        export_spreadsheet(model="articles", file_format="csv", stream=out, fields=fields)
        dataset = read_spreadsheet(out.getvalue(), file_format="csv")
        first = dict(zip(dataset.headers, dataset[0], strict=True))
        if fields == ["headline"]:
            assert first == {"标题": archive.articles[0].headline}
        else:
            assert first == {"编号": str(archive.articles[0].pk), "标签": "会议|经济", "提及人物": "万玲玲(区委书记)|张远重"}
