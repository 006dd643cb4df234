"""A name printed with a look-alike surname (划 for 刘, 玉 for 王) is imported as the person it
most likely is, keeps its printed spelling as an alias, and the article carries a hint there
that the editor accepts or not — the text stays as printed."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.hints.detectors import archive_context, clear_cache, hints_for_article
from articles.hints.rules import MECHANICAL_KINDS, Kind, count_hints
from articles.models import Article, ArticlePerson
from people.models import Person, PersonAlias

pytestmark = pytest.mark.django_db

# Invented text: a byline and a body each naming someone whose surname the OCR misread.
ISSUE = """石首新闻

2024年7月9日 星期二

高陵镇开展夏季消防演练

本报讯（记者 划晓明 通讯员 玉思雨）7
月8日，高陵镇开展消防应急疏散演练，镇村
干部和志愿者80余人参加。

演练结束后，镇长玉建国对演练进行点评，要
求各村把消防安全责任落实到户。

调关镇桃子熟了

7月7日，调关镇桃花村划佳林的桃园里，游
客们一边采摘一边品尝，笑声不断。

“今年桃子个大味甜，每斤能卖8元。”划佳
林介绍，他种植的20亩桃树今年预计收入1
5万元。
"""

MISREAD = {"划晓明": "刘晓明", "玉思雨": "王思雨", "玉建国": "王建国", "划佳林": "刘佳林"}


@pytest.fixture(autouse=True)
def _fresh_hint_context():
    clear_cache()
    yield
    clear_cache()


def import_issue(tmp_path: Path, text: str = ISSUE, name: str = "shishou-0709.txt") -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_seeds", str(path), stdout=out, stderr=out)


def credited(article: Article) -> dict[str, str]:
    return {
        c.person.name: c.role
        for c in ArticlePerson.objects.filter(article=article).select_related("person")
    }


def test_a_misread_surname_is_credited_to_the_person_under_the_likely_name(tmp_path):
    import_issue(tmp_path)
    drill, peaches = Article.objects.order_by("position")
    assert credited(drill) == {
        "刘晓明": "correspondent", "王思雨": "correspondent", "王建国": "mentioned",
    }
    assert credited(peaches) == {"刘佳林": "mentioned"}
    # Nobody is created under the printed spelling; it is kept as an alias of the person.
    assert not Person.objects.filter(name__in=MISREAD).exists()
    assert dict(PersonAlias.objects.values_list("name", "person__name")) == MISREAD
    # The text stays as printed: the editor puts it right.
    assert "划佳林" in peaches.body and "刘佳林" not in peaches.body
    assert "划晓明" in drill.byline and "玉建国" in drill.body


def test_an_existing_person_under_the_likely_name_gets_the_credit(tmp_path):
    farmer = Person.objects.create(name="刘佳林")
    import_issue(tmp_path)
    peaches = Article.objects.get(headline="调关镇桃子熟了")
    assert list(ArticlePerson.objects.filter(article=peaches).values_list("person_id", flat=True)) == [
        farmer.pk
    ]
    assert PersonAlias.objects.get(name="划佳林").person == farmer
    assert Person.objects.filter(name__endswith="佳林").count() == 1


def test_the_article_carries_a_misread_name_hint_where_the_name_is_printed(tmp_path):
    import_issue(tmp_path)
    drill, peaches = Article.objects.order_by("position")
    hints = [h for h in hints_for_article(peaches, archive_context(fresh=True)) if h.kind == Kind.MISREAD_NAME]
    first = peaches.body.index("划佳林")
    second = peaches.body.index("划佳林", first + 1)  # the lines broken inside it are joined
    assert [(h.field, h.start, h.end, h.text, h.suggestion) for h in hints] == [
        ("body", first, first + 3, "划佳林", "刘佳林"), ("body", second, second + 3, "划佳林", "刘佳林"),
    ]
    flagged = {
        (h.field, h.text, h.suggestion)
        for h in hints_for_article(drill, archive_context(fresh=True))
        if h.kind == Kind.MISREAD_NAME
    }
    assert flagged == {
        ("byline", "划晓明", "刘晓明"), ("byline", "玉思雨", "王思雨"), ("body", "玉建国", "王建国"),
    }
    # The import counted them (they rank the review queue), as the correction screen does.
    for article in (drill, peaches):
        fields = {name: getattr(article, name) or "" for name in ("kicker", "headline", "subheadline", "byline", "body")}
        assert article.ocr_hint_count == count_hints(fields, archive_context(fresh=True))
    assert drill.ocr_hint_count >= 3 and peaches.ocr_hint_count >= 1
    assert Kind.MISREAD_NAME not in MECHANICAL_KINDS  # never normalised in bulk


def test_the_editor_sees_the_hint_in_place_and_the_person_is_found_by_either_spelling(
    tmp_path, client, superuser
):
    import_issue(tmp_path)
    peaches = Article.objects.get(headline="调关镇桃子熟了")
    client.force_login(superuser)
    page = client.get(reverse("admin:articles_article_change", args=[peaches.pk])).content.decode()
    assert "人名的姓疑被误识为形近字" in page
    assert 'data-text="划佳林" data-suggestion="刘佳林"' in page
    found = client.get(reverse("admin:people_person_changelist"), {"q": "划佳林"}).content.decode()
    assert "刘佳林" in found
    # Nothing was put right by itself; the editor accepts the hint where it stands.
    at = peaches.body.index("划佳林")
    response = client.post(
        reverse("admin:articles_article_fix_hint", args=[peaches.pk]),
        {"start": at, "end": at + 3, "text": "划佳林", "suggestion": "刘佳林", "version": peaches.version},
    )
    assert response.status_code == 302
    peaches.refresh_from_db()
    assert peaches.body.count("刘佳林") == 1 and peaches.body.count("划佳林") == 1


def test_a_later_issue_printing_the_name_right_is_the_same_person(tmp_path):
    import_issue(tmp_path)
    later = ISSUE.replace("划佳林", "刘佳林").replace("2024年7月9日", "2024年7月16日")
    import_issue(tmp_path, later, name="shishou-0716.txt")
    assert Person.objects.filter(name="刘佳林").count() == 1
    assert ArticlePerson.objects.filter(person__name="刘佳林").count() == 2
