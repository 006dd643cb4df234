"""Import and export in the admin, through the admin's URLs: buttons, permissions, the
preview diff before anything is written, confirmation, and export of the filtered list."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, ArticleRevision
from articles.sheets.files.reading import MAX_SPREADSHEET_BYTES, read_spreadsheet
from articles.sheets.resources.articles import ArticleResource
from people.models import Person
from tests.factories import UserFactory
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.spreadsheets.admin_site")]

CHANGELIST = "/admin/articles/article/"
IMPORT = CHANGELIST + "import/"
PROCESS_IMPORT = CHANGELIST + "process_import/"
EXPORT = CHANGELIST + "export/"
CSV, XLSX = "0", "1"  # the admin's format choices, in SPREADSHEET_FORMATS order


def staff_with(*codenames: str, username: str = "desk"):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def editor(db):
    return staff_with("view_article", "change_article", "add_article", username="editor")


@pytest.fixture
def chief(newsroom_chief):
    return newsroom_chief


def upload(client, data: bytes, *, name: str = "文章.csv", file_format: str = CSV, **extra):
    return client.post(
        IMPORT,
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, data), **extra},
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(PROCESS_IMPORT, data)


def export_form_data(file_format: str = CSV) -> dict[str, str]:
    fields = ArticleResource().get_export_order()
    return {"resource": "0", "format": file_format, **{f"articleresource_{f}": "on" for f in fields}}


# --- Buttons and permissions ------------------------------------------------------------------


def test_the_changelist_has_import_and_export_buttons(client, archive, editor):
    client.force_login(editor)

    page = client.get(CHANGELIST).content.decode()

    assert f'href=\'{IMPORT}\'' in page or f'href="{IMPORT}"' in page
    assert EXPORT in page


def test_staff_who_may_only_view_can_export_but_not_import(client, archive):
    viewer = staff_with("view_article")
    client.force_login(viewer)

    page = client.get(CHANGELIST).content.decode()
    assert EXPORT in page
    assert IMPORT not in page
    assert client.get(IMPORT).status_code == 403
    assert upload(client, export_bytes("articles")).status_code == 403
    assert client.post(PROCESS_IMPORT, {"import_file_name": "x", "original_file_name": "x.csv", "format": CSV}).status_code == 403
    assert client.post(EXPORT, export_form_data()).status_code == 200


def test_people_who_are_not_staff_are_sent_to_the_login_page(client, archive):
    client.force_login(UserFactory(username="reader", is_staff=False))

    for url in (IMPORT, EXPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_staff_without_permission_on_the_model_cannot_export(client, archive):
    client.force_login(staff_with("view_person"))

    assert client.post(EXPORT, export_form_data()).status_code == 403


# --- Import: preview, diff, confirm ----------------------------------------------------------


def test_the_preview_shows_the_changes_as_a_diff_and_writes_nothing(client, archive, chief):
    first, *_ = archive.articles
    data = edit_cells(export_bytes("articles"), "csv", {(first.pk, "标题"): "万玲玲带队到江岸区考察"})
    client.force_login(chief)

    preview = upload(client, data)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "尚未写入" in page
    assert "更新 1 条，未变 3 条" in page
    assert "<del" in page and "武汉市" in page  # the removed words, struck through
    assert first.headline not in Article.objects.values_list("headline", flat=True).exclude(pk=first.pk)
    first.refresh_from_db()
    assert first.headline.startswith("万玲玲带队到武汉市")  # not written yet
    assert first.version == 1

    done = confirm(client, preview)

    assert done.status_code == 302
    first.refresh_from_db()
    assert (first.headline, first.version) == ("万玲玲带队到江岸区考察", 2)
    revision = first.revisions.order_by("-pk").first()
    assert revision.user == chief
    assert revision.comment == "表格导入 文章.csv"
    messages = [str(m) for m in client.get(done["Location"]).context["messages"]]
    assert messages == ["导入完成：新建 0，更新 1，未变 3 条文章。"]


def test_an_editors_new_words_for_a_published_article_wait_for_a_chief(client, archive, newsroom_editor):
    first, *_ = archive.articles  # published
    old_headline = first.headline
    data = edit_cells(
        export_bytes("articles"), "csv", {(first.pk, "标题"): "万玲玲带队到江岸区考察", (first.pk, "标签"): "经济"}
    )
    client.force_login(newsroom_editor)

    preview = upload(client, data)

    page = preview.content.decode()
    assert "其中 1 篇已发布文章的文字修改将存为待主编审核" in page
    change = page[page.index('<section class="sheet-change update">') :]
    change = change[: change.index("</section>")]
    assert f"第 2 行 · 编号 {first.pk}" in change and "文字待主编审核" in change
    # Only the changed columns, each with its header.
    assert re.findall(r'<th scope="row">([^<]*)</th>', change) == ["标题", "标签"]

    done = confirm(client, preview)

    first.refresh_from_db()
    assert (first.headline, first.version) == (old_headline, 3)
    assert list(first.tags.values_list("name", flat=True)) == ["经济"]
    pending = first.revisions.get(review=ArticleRevision.Review.PENDING)
    assert (pending.snapshot["headline"], pending.user) == ("万玲玲带队到江岸区考察", newsroom_editor)
    messages = [str(m) for m in client.get(done["Location"]).context["messages"]]
    assert messages[0] == "导入完成：新建 0，更新 1，未变 3 条文章。"
    assert "其中 1 篇已发布文章的文字修改已存为待主编审核" in messages[1]


def test_the_preview_shows_a_long_texts_change_with_its_context_not_the_whole_text(client, archive, editor):
    article = archive.articles[1]
    long_body = "会议强调，要推动经济持续健康发展。" * 200
    Article.objects.filter(pk=article.pk).update(body=long_body)
    data = edit_cells(
        export_bytes("articles"), "csv", {(article.pk, "正文"): long_body.replace("健康", "高质量", 1)}
    )
    client.force_login(editor)

    page = upload(client, data).content.decode()

    change = page[page.index('<section class="sheet-change update">') :]
    change = change[: change.index("</section>")]
    assert "<del>健康</del><ins>高质量</ins>" in change
    assert '<span class="skipped">…</span>' in change
    assert len(change) < 1_000  # not the article's 3,400 characters


def test_row_errors_are_listed_with_row_and_column_and_nothing_can_be_confirmed(client, archive, editor):
    first, second, *_ = archive.articles
    data = export_bytes("articles")
    row_of = {str(r[0]): n for n, r in enumerate(read_spreadsheet(data, file_format="csv"), start=2)}
    data = edit_cells(
        data, "csv", {(first.pk, "作者"): "不存在的人", (second.pk, "消息日期（公历）"): "昨天"}
    )
    client.force_login(editor)

    preview = upload(client, data)

    page = preview.content.decode()
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert "有 2 行需要修改，没有写入任何数据" in page
    assert f"<td>第 {row_of[str(first.pk)]} 行</td><td>作者</td>" in page
    assert "“不存在的人” 不存在" in page
    assert f"<td>第 {row_of[str(second.pk)]} 行</td><td>消息日期（公历）</td>" in page
    assert ArticleRevision.objects.count() == len(archive.articles)


def test_the_create_option_is_carried_to_the_confirmation(client, archive, editor):
    article = archive.articles[3]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "提及人物"): "新人物(村支书)"})
    client.force_login(editor)

    preview = upload(client, data, create_missing="on")
    assert "将被新建" in preview.content.decode()
    assert not Person.objects.filter(name="新人物").exists()

    confirm(client, preview)

    assert [(c.person.name, c.title) for c in article.credits.all()] == [("新人物", "村支书")]


def test_gb18030_and_xlsx_uploads_are_read(client, archive, editor):
    article = archive.articles[1]  # unpublished: the editor's new words are written at once
    client.force_login(editor)
    csv_text = edit_cells(export_bytes("articles"), "csv", {(article.pk, "栏目"): "防汛专栏"}).decode("utf-8-sig")
    gb18030 = csv_text.encode("gb18030")

    preview = upload(client, gb18030)
    assert "更新 1 条" in preview.content.decode()

    xlsx = edit_cells(export_bytes("articles", "xlsx"), "xlsx", {(article.pk, "栏目"): "防汛专栏"})
    preview = upload(client, xlsx, name="文章.xlsx", file_format=XLSX)
    assert "更新 1 条" in preview.content.decode()
    confirm(client, preview)
    article.refresh_from_db()
    assert article.section == "防汛专栏"


@pytest.mark.parametrize(
    ("data", "file_format", "message"),
    [
        (bytes(range(256)) * 16, CSV, "不是 CSV 文本文件"),
        ("编号,版本号,作者们\n1,1,x\n".encode(), CSV, "不认识的列"),
        (b"not a zip file at all", XLSX, "不是有效的 Excel (.xlsx) 文件"),
        ("编号,版本号\n".encode(), CSV, "只有表头，没有数据行"),
    ],
)
def test_a_malformed_upload_gets_a_clear_message(client, archive, editor, data, file_format, message):
    client.force_login(editor)

    page = upload(client, data, file_format=file_format).content.decode()

    assert message in page
    assert "确认导入" not in page


def test_an_upload_over_the_size_limit_is_refused(client, archive, editor):
    client.force_login(editor)

    page = upload(client, b"a" * (MAX_SPREADSHEET_BYTES + 1)).content.decode()

    assert "文件过大" in page


# --- Export of the filtered changelist -------------------------------------------------------


def test_export_is_the_filtered_changelist_with_a_constant_number_of_queries(
    client, archive, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    needs_review = archive.articles[1]

    with django_assert_max_num_queries(12):
        response = client.post(EXPORT + "?status__exact=needs_review", export_form_data())

    data = b"".join(response.streaming_content)
    assert response["Content-Disposition"].endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_spreadsheet(data, file_format="csv")
    assert [str(r[0]) for r in rows] == [str(needs_review.pk)]

    everything = client.post(EXPORT, export_form_data())
    assert len(read_spreadsheet(b"".join(everything.streaming_content), file_format="csv")) == 4


def test_export_as_xlsx_follows_the_search_too(client, archive, editor):
    client.force_login(editor)

    response = client.post(EXPORT + "?q=防汛", export_form_data(XLSX))

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    headline = rows[0].index("标题")
    assert [r[headline] for r in rows[1:]] == ["荆州区组织开展防汛演练"]


def test_export_of_selected_columns_only(client, archive, editor):
    client.force_login(editor)
    data = {"resource": "0", "format": CSV, "articleresource_id": "on", "articleresource_headline": "on"}

    response = client.post(EXPORT, data)

    rows = read_spreadsheet(b"".join(response.streaming_content), file_format="csv")
    assert rows.headers == ["编号", "标题"]


def test_an_xlsx_export_names_the_cells_excel_cannot_hold(client, archive, editor):
    long_article = archive.articles[2]
    Article.objects.filter(pk=long_article.pk).update(body="荆州区" * 15_000)
    client.force_login(editor)

    response = client.post(EXPORT, export_form_data(XLSX))
    b"".join(response.streaming_content)
    page = client.get(CHANGELIST).content.decode()

    assert "导出的 Excel 文件中有 1 格超出 Excel 单元格上限" in page
    assert f"（编号 {long_article.pk}）“正文”列：原文 45,000 字" in page
    csv_export = client.post(EXPORT, export_form_data(CSV))
    b"".join(csv_export.streaming_content)
    assert "超出 Excel 单元格上限" not in client.get(CHANGELIST).content.decode()


# --- The pages in Chinese --------------------------------------------------------------------


def visible_words(html: str) -> set[str]:
    """Latin-letter words a reader of the page's content would see (tags, scripts and styles
    left out)."""
    start = html.index('id="content"')
    content = html[html.index(">", start) + 1 :]
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", content)
    return set(re.findall(r"[A-Za-z][A-Za-z ]*[A-Za-z]", text))


def test_the_export_page_is_in_chinese_with_the_files_column_names(client, archive, editor):
    client.force_login(editor)

    page = client.get(EXPORT).content.decode()

    labels = re.findall(r'<label for="id_articleresource_\w+">([^<]*)</label>', page)
    assert labels == [f.column_name for f in ArticleResource().get_export_fields()]
    assert labels[:3] == ["编号", "源文件", "源文件版本"] and "标题" in labels
    assert '<label for="select-all-toggle"><strong>全选</strong></label>' in page
    assert 'id="select-all-toggle"' in page  # the label belongs to its checkbox
    assert "CSV（Excel、WPS 可直接打开）" in page and "Excel 工作簿（xlsx）" in page
    assert 'value="导出"' in page
    # Product names only: no "Select all", "Headline (标题)", "This exporter will export…".
    assert visible_words(page) <= {"CSV", "Excel", "WPS", "xlsx"}


def test_the_chinese_export_page_still_exports_the_chosen_columns(client, archive, editor):
    client.force_login(editor)
    fields = {"resource": "0", "format": XLSX, "articleresource_id": "on", "articleresource_body": "on"}

    response = client.post(EXPORT, fields)

    rows = read_spreadsheet(b"".join(response.streaming_content), file_format="xlsx")
    assert rows.headers == ["编号", "正文"]
    assert len(rows) == 4
