"""A small archive with everything a spreadsheet carries: people with titles and aliases,
tags, photos, and the text OCR leaves behind (control characters, formula-like cells)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest

from articles.models import Article, ArticlePerson, Issue, Photo, Tag
from articles.revisions import record_revision
from articles.sheets.files.reading import read_spreadsheet
from articles.sheets.files.writing import write_spreadsheet
from articles.sheets.services import export_spreadsheet
from people.models import Person
from tests.factories import (
    ArticleFactory,
    ArticlePersonFactory,
    IssueFactory,
    PersonAliasFactory,
    PersonFactory,
    PhotoFactory,
    TagFactory,
    UserFactory,
)


@dataclass
class Archive:
    issues: list[Issue]
    articles: list[Article]
    people: dict[str, Person]
    tags: dict[str, Tag]
    photos: list[Photo]


@pytest.fixture
def archive(db) -> Archive:
    issues = [
        IssueFactory(source_name="000_58fc3eb21ba78fc6.txt", issue_date=dt.date(2025, 8, 26)),
        IssueFactory(
            source_name="001_11da812821fa9147.txt",
            issue_date=dt.date(2025, 5, 1),
            date_precision=Issue.PrecisionChoices.MONTH,
        ),
    ]
    people = {
        name: PersonFactory(name=name) for name in ("万玲玲", "王思奇", "张远重", "王芸", "朱翊")
    }
    PersonAliasFactory(person=people["朱翊"], name="朱翎")
    tags = {name: TagFactory(name=name, slug=name) for name in ("经济", "会议", "防汛")}
    articles = [
        ArticleFactory(
            issue=issues[0],
            position=1,
            section="清廉荆州区",
            kicker="两区经济形势分析会召开",
            headline="万玲玲带队到武汉市江岸区考察学习历史文化街区保护利用工作",
            byline="本报讯（通讯员王思奇）",
            dateline="5月11日",
            dateline_date=dt.date(2025, 5, 11),
            body="本报讯（通讯员王思奇）近日，荆州区委书记万玲玲主持召开会议。\n\n会议强调，要推动经济持续健康发展。",
        ),
        ArticleFactory(
            issue=issues[0],
            position=2,
            headline="=HYPERLINK(\"http://evil.example\",\"点击\")",
            subheadline="+86 716 电话",
            kicker="-5℃ 寒潮",
            section="@荆州",
            byline="\t缩进的署名",
            dateline="'引号开头",
            body="OCR 留下的控制字符：\x0c换页\x01\x1b，还有\r回车和 _x0041_ 字样。",
            status=Article.Status.NEEDS_REVIEW,
            is_published=False,
        ),
        ArticleFactory(
            issue=issues[1],
            position=1,
            headline="荆州区组织开展防汛演练",
            body="荆州区组织开展防汛演练。（王芸 摄）",
            status=Article.Status.CORRECTED,
        ),
        ArticleFactory(issue=issues[1], position=2, headline="", kicker="", body="只有正文的短讯。"),
    ]
    ArticlePersonFactory(
        article=articles[0], person=people["王思奇"], role=ArticlePerson.Role.CORRESPONDENT,
        title="通讯员", position=0,
    )
    ArticlePersonFactory(
        article=articles[0], person=people["万玲玲"], role=ArticlePerson.Role.MENTIONED,
        title="区委书记", position=0,
    )
    ArticlePersonFactory(
        article=articles[0], person=people["张远重"], role=ArticlePerson.Role.MENTIONED,
        position=1,
    )
    ArticlePersonFactory(
        article=articles[2], person=people["王芸"], role=ArticlePerson.Role.PHOTOGRAPHER,
        position=0,
    )
    articles[0].tags.set([tags["经济"], tags["会议"]])
    articles[2].tags.set([tags["防汛"]])
    for article in articles:
        record_revision(article=article, user=None, comment="OCR 导入")
    photos = [
        PhotoFactory(issue=issues[1], article=articles[2], position=1, title="防汛演练"),
        PhotoFactory(issue=issues[0], article=None, position=1, caption="=1+1 不是公式"),
    ]
    photos[0].photographers.set([people["王芸"]])
    return Archive(issues, articles, people, tags, photos)


def _member_of(group: str, username: str):
    from django.contrib.auth.models import Group

    from articles.desk.roles import setup_roles

    setup_roles()
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def newsroom_editor(db):
    """A member of the 编辑 group: corrects, may not publish."""
    from articles.desk.roles import EDITOR_GROUP

    return _member_of(EDITOR_GROUP, "bianji")


@pytest.fixture
def newsroom_chief(db):
    """A member of the 主编 group: may publish."""
    from articles.desk.roles import CHIEF_GROUP

    return _member_of(CHIEF_GROUP, "zhubian")


def export_bytes(model: str, file_format: str = "csv", queryset=None) -> bytes:
    out = io.BytesIO()
    export_spreadsheet(model=model, file_format=file_format, stream=out, queryset=queryset)
    return out.getvalue()


def edit_cells(data: bytes, file_format: str, edits: dict[tuple[int, str], object]) -> bytes:
    """Change cells of an exported file, as an editor would in Excel.

    ``edits`` maps (row id, column header) → new value; the row id is the 编号 column.
    """
    dataset = read_spreadsheet(data, file_format=file_format)
    headers = list(dataset.headers)
    rows = [list(r) for r in dataset]
    for (row_id, column), value in edits.items():
        for row in rows:
            if str(row[headers.index("编号")]) == str(row_id):
                row[headers.index(column)] = value
                break
        else:
            raise AssertionError(f"no row {row_id}")
    out = io.BytesIO()
    write_spreadsheet(headers, rows, out, file_format=file_format)
    return out.getvalue()
