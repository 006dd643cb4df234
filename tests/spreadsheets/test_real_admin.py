"""The project's own admin (articles/admin.py, people/admin.py) with the spreadsheet mixins:
buttons on its changelists, export following its filters, import preview and confirmation."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.resources.articles import ArticleResource
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = pytest.mark.django_db

CHANGELISTS = {
    "articles": "/admin/articles/article/",
    "issues": "/admin/articles/issue/",
    "photos": "/admin/articles/photo/",
    "tags": "/admin/articles/tag/",
    "people": "/admin/people/person/",
}
ROWS = {"articles": 4, "people": 5, "photos": 2, "issues": 2, "tags": 3}


@pytest.mark.parametrize("model", list(CHANGELISTS))
def test_every_changelist_has_import_and_export_and_an_unchanged_export_imports_as_unchanged(
    client, archive, superuser, model
):
    changelist = CHANGELISTS[model]
    client.force_login(superuser)

    page = client.get(changelist).content.decode()
    assert changelist + "import/" in page
    assert changelist + "export/" in page

    preview = client.post(
        changelist + "import/",
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile(f"{model}.csv", export_bytes(model))},
    )
    assert f"新建 0 条，更新 0 条，未变 {ROWS[model]} 条" in preview.content.decode()


def test_export_follows_the_article_changelist_filters(client, archive, superuser, django_assert_max_num_queries):
    client.force_login(superuser)
    fields = {f"articleresource_{f}": "on" for f in ArticleResource().get_export_order()}

    with django_assert_max_num_queries(15):
        response = client.post(
            CHANGELISTS["articles"] + "export/?is_published__exact=0", {"resource": "0", "format": "0", **fields}
        )

    rows = read_spreadsheet(b"".join(response.streaming_content), file_format="csv")
    assert [str(r[0]) for r in rows] == [str(archive.articles[1].pk)]


def test_import_through_the_real_admin_writes_after_confirmation(client, archive, superuser):
    article = archive.articles[3]
    data = edit_cells(export_bytes("articles"), "csv", {(article.pk, "标签"): "防汛"})
    client.force_login(superuser)

    preview = client.post(
        CHANGELISTS["articles"] + "import/",
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("a.csv", data)},
    )
    assert "更新 1 条" in preview.content.decode()
    assert not article.tags.exists()
    form = preview.context["confirm_form"]
    done = client.post(
        CHANGELISTS["articles"] + "process_import/", {n: form.initial.get(n, "") for n in form.fields}
    )

    assert done.status_code == 302
    assert list(article.tags.values_list("name", flat=True)) == ["防汛"]
    assert article.revisions.order_by("-pk").first().user == superuser
