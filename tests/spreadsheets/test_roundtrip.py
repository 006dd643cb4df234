"""Export → import is lossless; editing cells changes exactly those cells, with history."""

from __future__ import annotations

import pytest

from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Photo, Tag
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.services import import_spreadsheet
from people.models import Person
from tests.spreadsheets.conftest import edit_cells, export_bytes

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]


def database_state() -> dict:
    """Everything a spreadsheet import could touch, to compare before and after."""
    return {
        "articles": list(
            Article.objects.order_by("pk").values(
                "pk", "issue_id", "position", "kicker", "headline", "subheadline", "section",
                "byline", "dateline", "dateline_date", "date", "body", "status",
                "is_published", "version",
            )
        ),
        "credits": list(
            ArticlePerson.objects.order_by("pk").values_list(
                "article_id", "person_id", "role", "title", "position"
            )
        ),
        "tags": sorted(Article.tags.through.objects.values_list("article_id", "tag_id")),
        "people": list(Person.objects.order_by("pk").values_list("pk", "name", "note")),
        "photos": list(
            Photo.objects.order_by("pk").values_list("pk", "article_id", "title", "caption", "position")
        ),
        "issues": list(Issue.objects.order_by("pk").values_list("pk", "issue_date", "masthead", "number")),
        "tag_rows": list(Tag.objects.order_by("pk").values_list("pk", "name", "slug")),
        "revisions": ArticleRevision.objects.count(),
    }


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("model", ["articles", "people", "photos", "issues", "tags"])
def test_importing_an_unchanged_export_changes_nothing(archive, model, file_format):
    before = database_state()
    data = export_bytes(model, file_format)

    report = import_spreadsheet(model=model, data=data, file_format=file_format)

    assert report.problems == []
    assert (report.new, report.updated) == (0, 0)
    assert report.unchanged == {
        "articles": 4, "people": 5, "photos": 2, "issues": 2, "tags": 3
    }[model]
    assert database_state() == before


@pytest.mark.parametrize("file_format", FORMATS)
def test_formula_like_and_control_characters_survive_the_round_trip(archive, file_format):
    tricky = archive.articles[1]
    data = export_bytes("articles", file_format)
    dataset = read_spreadsheet(data, file_format=file_format)
    row = next(r for r in dataset.dict if str(r["编号"]) == str(tricky.pk))

    assert row["标题"] == tricky.headline  # =HYPERLINK(… comes back as text, unchanged
    assert row["副题"] == "+86 716 电话"
    assert row["引题"] == "-5℃ 寒潮"
    assert row["栏目"] == "@荆州"
    assert row["署名原文"] == "\t缩进的署名"
    assert row["消息日期"] == "'引号开头"
    assert row["正文"] == tricky.body  # \x0c, \x01, \x1b, \r and a literal _x0041_
    assert import_spreadsheet(model="articles", data=data, file_format=file_format).updated == 0


@pytest.mark.parametrize("file_format", FORMATS)
def test_editing_three_cells_makes_exactly_three_changes_with_history(archive, file_format, superuser):
    first, _, third, fourth = archive.articles
    before = database_state()
    revisions_before = {a.pk: a.revisions.count() for a in archive.articles}
    data = edit_cells(
        export_bytes("articles", file_format),
        file_format,
        {
            (first.pk, "标题"): "万玲玲带队考察历史文化街区（校对后）",
            (third.pk, "标签"): "防汛|会议",
            (fourth.pk, "作者"): "王思奇(特约记者)|朱翎",  # 朱翎 is an alias of 朱翊
        },
    )

    preview = import_spreadsheet(model="articles", data=data, file_format=file_format, dry_run=True)
    assert (preview.updated, preview.unchanged, preview.problems) == (3, 1, [])
    assert database_state() == before  # a dry run writes nothing

    report = import_spreadsheet(model="articles", data=data, file_format=file_format, user=superuser)

    assert (report.new, report.updated, report.unchanged, report.problems) == (0, 3, 1, [])
    for article in archive.articles:
        article.refresh_from_db()
    assert first.headline == "万玲玲带队考察历史文化街区（校对后）"
    assert sorted(third.tags.values_list("name", flat=True)) == ["会议", "防汛"]
    assert [(c.person.name, c.title) for c in fourth.credits.order_by("position")] == [
        ("王思奇", "特约记者"),
        ("朱翊", ""),
    ]
    # Each changed article: version bumped, one new revision with the new content and who.
    for article, expected_version in ((first, 2), (third, 2), (fourth, 2), (archive.articles[1], 1)):
        assert article.version == expected_version
    for article in (first, third, fourth):
        assert article.revisions.count() == revisions_before[article.pk] + 1
        latest = article.revisions.order_by("-created_at", "-pk").first()
        assert latest.version == 2
        assert latest.user == superuser
        assert latest.batch
    assert first.revisions.order_by("-pk").first().snapshot["headline"].endswith("（校对后）")
    assert third.revisions.order_by("-pk").first().snapshot["tags"] == ["会议", "防汛"]
    assert [
        (p["name"], p["role"], p["title"]) for p in fourth.revisions.order_by("-pk").first().snapshot["people"]
    ] == [("王思奇", "correspondent", "特约记者"), ("朱翊", "correspondent", "")]
    assert archive.articles[1].revisions.count() == revisions_before[archive.articles[1].pk]
    # Untouched: everything else, including the other roles of the changed articles.
    assert list(first.credits.filter(role="mentioned").values_list("person__name", "title")) == [
        ("万玲玲", "区委书记"),
        ("张远重", ""),
    ]

    # And the file imported a second time changes nothing more.
    again = import_spreadsheet(
        model="articles",
        data=export_bytes("articles", file_format),
        file_format=file_format,
    )
    assert (again.updated, again.unchanged) == (0, 4)


def test_editing_people_photos_issues_and_tags(archive):
    person = archive.people["王芸"]
    data = edit_cells(export_bytes("people"), "csv", {(person.pk, "别名"): "王云|王纭", (person.pk, "备注"): "摄影记者"})
    assert import_spreadsheet(model="people", data=data, file_format="csv").updated == 1
    person.refresh_from_db()
    assert person.note == "摄影记者"
    assert sorted(person.aliases.values_list("name", flat=True)) == ["王云", "王纭"]

    photo = archive.photos[1]
    data = edit_cells(
        export_bytes("photos"), "csv", {(photo.pk, "摄影"): "王云", (photo.pk, "所配文章"): "2"}
    )
    assert import_spreadsheet(model="photos", data=data, file_format="csv").updated == 1
    photo.refresh_from_db()
    assert photo.article == archive.articles[1]  # the 2nd article of the photo's issue
    assert list(photo.photographers.all()) == [person]  # found by the alias just added

    tag = archive.tags["防汛"]
    data = edit_cells(export_bytes("tags"), "csv", {(tag.pk, "标签"): "防汛抗旱"})
    assert import_spreadsheet(model="tags", data=data, file_format="csv").updated == 1
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("防汛抗旱", "防汛")


def test_an_issue_date_set_in_a_spreadsheet_is_marked_as_set_by_an_editor(archive):
    issue = archive.issues[1]
    data = export_bytes("issues")
    dataset = read_spreadsheet(data, file_format="csv")
    rows = [list(r) for r in dataset]
    for row in rows:
        if row[0] == issue.source_name:
            row[dataset.headers.index("出版日期")] = "2025/6/15"
            row[dataset.headers.index("日期精度")] = "日"
    import io

    from tests.spreadsheets.conftest import write_spreadsheet

    out = io.BytesIO()
    write_spreadsheet(dataset.headers, rows, out, file_format="csv")
    report = import_spreadsheet(model="issues", data=out.getvalue(), file_format="csv")

    assert (report.updated, report.problems) == (1, [])
    issue.refresh_from_db()
    assert issue.issue_date.isoformat() == "2025-06-15"
    assert issue.date_source == Issue.DateSourceChoices.EDITOR
