"""The desk's job kinds run through the runner: archive-wide find & replace, hint recount."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from articles.desk.editing import find_replace, find_replace_job, hint_recount
from articles.desk.editing.common import EditingError
from articles.desk.roles import CHIEF_GROUP, EDITOR_GROUP, setup_roles
from articles.hints.detectors import clear_cache
from articles.jobs import context, records, runner
from articles.models import Article, ArticleRevision, Job
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet(settings, monkeypatch):
    # The heartbeat thread has its own connection, which cannot see this test's transaction.
    settings.JOBS_HEARTBEAT_SECONDS = 3600
    monkeypatch.setattr(context, "FLUSH_SECONDS", 0)  # progress (and cancel) seen at every item
    clear_cache()
    yield
    clear_cache()


def member(group: str, username: str):
    setup_roles()
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    return user


def run(job: Job) -> Job:
    runner.run_job(job_id=job.pk)
    job.refresh_from_db()
    return job


@pytest.fixture
def one_article_per_part(monkeypatch):
    """Ranges of one article id each, so a handful of articles make several parts."""
    monkeypatch.setattr(find_replace_job, "MIN_RANGE", 1)
    monkeypatch.setattr(find_replace_job, "TARGET_PARTS", 10**6)


@pytest.fixture
def archive():
    draft = {"is_published": False, "status": "imported"}
    return [
        ArticleFactory(body="发展芒麻产业，芒麻种植面积扩大。", headline="一", **draft),
        ArticleFactory(body="没有相关内容。", headline="二", **draft),
        ArticleFactory(body="芒麻收购价格上涨。", headline="三", **draft),
        ArticleFactory(body="芒麻加工厂投产。", headline="四", is_published=True, status="published"),
    ]


def test_find_replace_job_replaces_every_match_part_by_part_under_one_batch(archive, one_article_per_part):
    chief = member(CHIEF_GROUP, "zhubian")
    job = find_replace_job.enqueue_find_replace(find="芒麻", replacement="苎麻", regex=False, user=chief)
    job = run(job)

    assert job.state == Job.State.DONE
    assert (job.done, job.total, job.failed) == (4, 4, 0)
    items = {item.name: item for item in job.items.all()}
    first, _, _, fourth = archive
    assert items[f"文章 #{first.pk}–#{first.pk}"].outcome == "replaced"
    assert "替换 2 处，1 篇文章" in items[f"文章 #{first.pk}–#{first.pk}"].message
    assert items[f"文章 #{archive[1].pk}–#{archive[1].pk}"].outcome == "none"
    assert (job.result["replaced"], job.result["articles"], job.result["pending"]) == (4, 3, 0)
    # A chief's change to a published article reaches readers at once.
    assert Article.objects.get(pk=fourth.pk).body == "苎麻加工厂投产。"
    assert not Article.objects.filter(body__contains="芒麻").exists()
    # One batch for the whole job: one undo takes it all back.
    batches = set(ArticleRevision.objects.filter(comment__startswith="查找替换").values_list("batch", flat=True))
    assert batches == {job.result["batch"]}
    find_replace.undo_batch(batch=job.result["batch"], user=chief)
    assert Article.objects.filter(body__contains="芒麻").count() == 3


def test_an_editors_job_leaves_published_words_waiting_for_a_chief(archive, one_article_per_part):
    editor = member(EDITOR_GROUP, "bianji")
    published = archive[3]
    job = run(find_replace_job.enqueue_find_replace(find="芒麻", replacement="苎麻", regex=False, user=editor))

    assert job.state == Job.State.DONE
    assert job.result["pending"] == 1
    # Readers still see the approved words; the replacement waits as a pending revision.
    assert Article.objects.get(pk=published.pk).body == "芒麻加工厂投产。"
    pending = ArticleRevision.objects.get(article=published, review="pending")
    assert pending.snapshot["body"] == "苎麻加工厂投产。" and pending.user == editor
    assert "等主编审核" in job.items.get(name=f"文章 #{published.pk}–#{published.pk}").message
    # The drafts were the editor's to change.
    assert Article.objects.get(pk=archive[0].pk).body == "发展苎麻产业，苎麻种植面积扩大。"


def test_a_job_whose_starter_lost_their_account_changes_nothing(archive, one_article_per_part):
    editor = member(EDITOR_GROUP, "bianji")
    job = find_replace_job.enqueue_find_replace(find="芒麻", replacement="苎麻", regex=False, user=editor)
    editor.is_active = False
    editor.save()
    job = run(job)
    assert job.state == Job.State.FAILED and "停用" in job.error
    assert Article.objects.filter(body__contains="芒麻").count() == 3


def test_cancel_stops_find_replace_between_parts(archive, one_article_per_part, monkeypatch):
    chief = member(CHIEF_GROUP, "zhubian")
    job = find_replace_job.enqueue_find_replace(find="芒麻", replacement="苎麻", regex=False, user=chief)
    real = find_replace_job._replace_range

    def cancelled_after_first(**kwargs):
        outcome = real(**kwargs)
        records.request_cancel(job_id=job.pk)  # someone presses 取消 while the first part runs
        return outcome

    monkeypatch.setattr(find_replace_job, "_replace_range", cancelled_after_first)
    job = run(job)
    assert job.state == Job.State.CANCELLED
    assert job.done == 1 and job.result["replaced"] == 2
    assert Article.objects.get(pk=archive[0].pk).body == "发展苎麻产业，苎麻种植面积扩大。"
    assert Article.objects.filter(body__contains="芒麻").count() == 2  # the later parts untouched


def test_a_replacement_that_contains_the_term_is_not_queued(archive):
    with pytest.raises(EditingError):
        find_replace_job.enqueue_find_replace(find="芒麻", replacement="芒麻草", regex=False, user=None)
    assert not Job.objects.exists()


def test_find_replace_page_queues_the_job_and_links_to_it(client, archive):
    editor = member(EDITOR_GROUP, "bianji")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_find_replace"),
        {"find": "芒麻", "replacement": "苎麻", "apply_all": "1"},
    )
    job = Job.objects.get()
    assert (job.kind, job.started_by, job.state) == ("find_replace", editor, Job.State.QUEUED)
    assert response.status_code == 302 and response.url == reverse("admin:articles_job_change", args=[job.pk])
    assert Article.objects.filter(body__contains="芒麻").count() == 3  # nothing before it runs


# ---------------------------------------------------------------- hint recount


@pytest.fixture
def stale_counts():
    articles = [ArticleFactory(body=f"第{n}篇：今天召开全区经济工作会议。") for n in range(5)]
    Article.objects.update(ocr_hint_count=99)  # what an old rule left behind
    return articles


def test_hint_recount_job_recounts_every_article_range_by_range(stale_counts, monkeypatch):
    monkeypatch.setattr(hint_recount, "RANGE_IDS", 2)
    job = run(hint_recount.enqueue_hint_recount())
    assert job.state == Job.State.DONE
    assert (job.done, job.total) == (3, 3)  # ids n..n+4 in ranges of two
    counts = list(Article.objects.values_list("ocr_hint_count", flat=True))
    assert 99 not in counts
    assert job.result["articles"] == 5 and job.result["changed"] == 5
    assert job.result["hints"] == sum(counts)
    first = job.items.get(position=0)
    assert first.outcome == "changed" and first.message.startswith("2 篇，2 篇计数有变")


def test_cancel_stops_the_hint_recount_between_ranges(stale_counts, monkeypatch):
    monkeypatch.setattr(hint_recount, "RANGE_IDS", 2)
    job = hint_recount.enqueue_hint_recount()
    real = hint_recount.recount_range

    def cancelled_after_first(**kwargs):
        part = real(**kwargs)
        records.request_cancel(job_id=job.pk)
        return part

    monkeypatch.setattr(hint_recount, "recount_range", cancelled_after_first)
    job = run(job)
    assert job.state == Job.State.CANCELLED and job.done == 1
    assert sorted(Article.objects.values_list("ocr_hint_count", flat=True)).count(99) == 3


def test_ocr_hints_recount_background_queues_the_job(stale_counts, capsys):
    call_command("ocr_hints", "--recount", "--background")
    job = Job.objects.get()
    assert job.kind == "hint_recount" and f"#{job.pk}" in capsys.readouterr().out
    assert set(Article.objects.values_list("ocr_hint_count", flat=True)) == {99}  # queued only
    call_command("ocr_hints", "--recount")  # in this process
    assert 99 not in set(Article.objects.values_list("ocr_hint_count", flat=True))
