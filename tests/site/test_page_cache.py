"""The shared pages (home, the bare article list, issue pages) come from the cache, and any
publish, unpublish or correction shows at once — whichever path, process or node made it."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from articles.desk.editing import bulk, fixes
from articles.models import Article, Photo, Tag
from articles.site import generation
from people.models import Person
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

SHARED = ["/", "/articles/", "/issues/2025-05-12/"]


def text(response) -> str:
    return response.content.decode()


def shared_pages(client, archive) -> dict[str, str]:
    urls = [*SHARED, archive["issue_2025"].get_absolute_url()]
    return {url: text(client.get(url)) for url in urls}


def test_shared_pages_cost_one_query_once_cached(client, archive):
    for url in [*SHARED, archive["issue_2025"].get_absolute_url()]:
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert second.status_code == 200
        assert second.content == first.content, url
        assert len(queries) == 1, (url, [q["sql"] for q in queries])  # the generation, nothing else
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
        assert second["ETag"] == first["ETag"]


def test_a_conditional_get_of_a_cached_page_is_a_304(client, archive):
    etag = client.get("/articles/")["ETag"]
    assert client.get("/articles/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_correction_through_the_desk_shows_at_once(client, archive):
    shared_pages(client, archive)  # all cached
    economy = archive["economy"]
    fixes.apply_text_fix(
        article=economy, expected_version=economy.version, start=0, end=2, expected="两区",
        replacement="全区", user=None, comment="更正标题", field="headline",
    )
    for url, page in shared_pages(client, archive).items():
        assert "全区经济形势分析会召开" in page, url
        assert "两区经济形势分析会召开" not in page, url


def test_publish_and_unpublish_show_at_once(client, archive):
    chief = UserFactory(username="chief")
    draft = ArticleFactory(
        issue=archive["issue_2025"], position=3, headline="刚刚发布的新闻", is_published=False, status="corrected"
    )
    assert all("刚刚发布的新闻" not in page for page in shared_pages(client, archive).values())
    assert bulk.bulk_set_status(article_ids=[draft.pk], action="publish", user=chief) == 1
    for url, page in shared_pages(client, archive).items():
        assert "刚刚发布的新闻" in page, url
    assert "<strong>4</strong> 篇文章" in text(client.get("/"))
    bulk.bulk_set_status(article_ids=[draft.pk, archive["flood"].pk], action="unpublish", user=chief)
    for url, page in shared_pages(client, archive).items():
        assert "刚刚发布的新闻" not in page, url
        assert "荆州区开展防汛演练" not in page, url
    assert "<strong>2</strong> 篇文章" in text(client.get("/"))


def _rename_person(archive):
    Person.objects.filter(pk=archive["wang"].pk).update(name="王思齐")
    return "王思齐"


def _retag(archive):
    Tag.objects.filter(pk=archive["economy_tag"].pk).update(name="经济发展")
    return "经济发展"


def _recaption(archive):
    Photo.objects.filter(pk=archive["photo"].pk).update(caption="演练现场新说明")
    return "演练现场新说明"


def _raw_sql(archive):
    # No Python at all between the change and the page: as if another web node or psql made it.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET headline = %s WHERE id = %s", ["直接改的标题", archive["flood"].pk])
    return "直接改的标题"


def _delete(archive):
    Article.objects.filter(pk=archive["flood"].pk).delete()
    return None


@pytest.mark.parametrize("change", [_rename_person, _retag, _recaption, _raw_sql, _delete])
def test_a_change_by_any_path_shows_at_once(client, archive, change):
    before = shared_pages(client, archive)
    assert all("荆州区开展防汛演练" in before[url] for url in ["/", "/articles/", "/issues/2025-05-12/"])
    expected = change(archive)
    after = shared_pages(client, archive)
    if expected is None:
        assert all("荆州区开展防汛演练" not in page for page in after.values())
    else:
        assert any(expected in page for page in after.values())
    assert after != before


def test_staff_previews_are_never_cached_for_readers(client, archive):
    staff = UserFactory(username="desk", is_staff=True)
    draft_issue_url = "/issues/2025-06-01/"
    issue_url = "/issues/2025-05-12/"
    ArticleFactory(issue=archive["issue_2025"], position=9, headline="尚在编辑的稿件", is_published=False, status="corrected")
    client.force_login(staff)
    assert "草稿经济新闻" in text(client.get(draft_issue_url))
    assert "尚在编辑的稿件" in text(client.get(issue_url))
    client.get("/")
    client.get("/articles/")
    client.logout()
    assert client.get(draft_issue_url).status_code == 404
    for url in [issue_url, "/", "/articles/"]:
        page = text(client.get(url))
        assert "尚在编辑的稿件" not in page and "草稿经济新闻" not in page, url
    # …and the reader's cached page is not what staff get afterwards.
    client.force_login(staff)
    assert "尚在编辑的稿件" in text(client.get(issue_url))


def test_filtered_searched_and_later_pages_are_not_served_from_the_cache(client, archive):
    for url in ["/articles/?page=2", "/articles/?q=经济", "/articles/?year=2024", "/?q=x"]:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) > 1, url


def test_the_stamp_changes_with_every_change_and_a_rollback_restores_it(archive):
    start = generation.current()
    archive["economy"].save()
    after_save = generation.current()
    assert after_save != start
    Person.objects.filter(pk=archive["wang"].pk).update(name="王思齐")
    after_update = generation.current()
    assert after_update not in {start, after_save}
    with pytest.raises(RuntimeError), transaction.atomic():
        Tag.objects.create(name="回滚的标签", slug="huigun")
        assert generation.current() != after_update
        raise RuntimeError
    assert generation.current() == after_update  # the data is as it was, so is the stamp


def _committed_total() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT SUM(n) FROM {generation.TABLE}")  # noqa: S608 -- a constant
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time by design")
@pytest.mark.django_db(transaction=True)
def test_a_long_transaction_does_not_make_other_writers_wait_for_the_generation():
    start = _committed_total()
    outcome = {}

    def editor_saves():
        try:
            with transaction.atomic():
                with connections["default"].cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '3s'")
                Tag.objects.create(name="另一位编辑的标签", slug="lingyiwei")
            outcome["ok"] = True
        except Exception as error:  # reported to the main thread
            outcome["error"] = error
        finally:
            connections["default"].close()

    with transaction.atomic():  # a long import: holds its generation row until it commits
        Tag.objects.create(name="导入中的标签", slug="daoruzhong")
        worker = threading.Thread(target=editor_saves)
        worker.start()
        worker.join(10)
        assert outcome == {"ok": True}
    assert _committed_total() == start + 2  # both changes counted, neither waited
