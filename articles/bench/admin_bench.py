"""Timing of the editors' desk on a big archive: changelist (each filter, 100 a page) and the
correction screen, measured through Django's test client as a logged-in chief editor.

Each page is fetched once to warm caches (the hint context, the connection), then ``repeat``
times; the report gives the median and worst wall-clock time and the number of SQL queries.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.desk.roles import CHIEF_GROUP, setup_roles
from articles.models import Article, ArticleRegion, PageLine, Tag

BENCH_USERNAME = "bench-chief"


@dataclass(frozen=True)
class PageTiming:
    name: str
    url: str
    median_ms: float
    worst_ms: float
    queries: int
    status: int


def _client() -> Client:
    setup_roles()
    user, _ = get_user_model().objects.get_or_create(username=BENCH_USERNAME, defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=CHIEF_GROUP))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _measure(client: Client, name: str, url: str, repeat: int) -> PageTiming:
    client.get(url, secure=True)  # warm-up
    times, queries, status = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, secure=True)
            if response.streaming:  # a file: the time includes sending it
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured), response.status_code
    return PageTiming(name, url, statistics.median(times), max(times), queries, status)


def admin_pages(*, articles_to_open: int = 5) -> list[tuple[str, str]]:
    changelist = reverse("admin:articles_article_changelist")
    tag = Tag.objects.order_by("pk").first()
    section = Article.objects.exclude(section="").values_list("section", flat=True).first()
    count = Article.objects.count()
    pages = [
        ("文章列表（无筛选）", changelist),
        ("状态=已导入", f"{changelist}?status__exact=imported"),
        ("状态=已发布", f"{changelist}?status__exact=published"),
        ("公开=否", f"{changelist}?is_published__exact=0"),
        ("有疑似错误", f"{changelist}?hints=yes"),
        ("按疑似错误数排序", f"{changelist}?o=-6"),
        ("第 500 页", f"{changelist}?p=500"),
    ]
    if tag is not None:
        pages.append((f"标签={tag.name}", f"{changelist}?tag={tag.pk}"))
    if section:
        pages.append((f"栏目={section}", f"{changelist}?section={section}"))
    pages.append(("状态+公开+有提示", f"{changelist}?status__exact=imported&is_published__exact=0&hints=yes"))
    step = max(1, count // max(1, articles_to_open))
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[::step][:articles_to_open])
    for pk in ids:
        pages.append((f"校对页 #{pk}", reverse("admin:articles_article_change", args=[pk])))
    return pages + scanned_pages(articles_to_open=articles_to_open)


def scanned_pages(*, articles_to_open: int = 5) -> list[tuple[str, str]]:
    """The correction screen of articles that came in as scans (the page beside the text), and
    what its viewer then asks for: the page's zoom descriptor, a full-size tile and the
    article's clipping — each already made (tiles at import, crops on their first request,
    which the warm-up is)."""
    ids = list(
        PageLine.objects.filter(article__isnull=False)
        .order_by("article_id")
        .values_list("article_id", flat=True)
        .distinct()[:articles_to_open]
    )
    pages = [(f"校对页（带版面）#{pk}", reverse("admin:articles_article_change", args=[pk])) for pk in ids]
    region = (
        ArticleRegion.objects.filter(article_id__in=ids, kind=ArticleRegion.Kind.ARTICLE)
        .select_related("page")
        .order_by("article_id")
        .first()
    )
    if region is not None:
        page = region.page
        box = f"{region.x},{region.y},{region.w},{region.h}"
        if page.tiles:
            top = math.ceil(math.log2(max(page.width, page.height, 1)))
            pages.append(("版面瓦片描述", reverse("articles:page_tiles", args=[page.pk, "page.dzi"])))
            pages.append(("版面瓦片（原尺寸一块）", reverse("articles:page_tiles", args=[page.pk, f"page_files/{top}/0_0.jpg"])))
        pages.append(("文章剪报", reverse("articles:page_crop", args=[page.pk, box])))
    return pages


def run_admin_bench(
    *, repeat: int = 5, articles_to_open: int = 5, progress: Callable[[PageTiming], None] | None = None
) -> list[PageTiming]:
    client = _client()
    results = []
    for name, url in admin_pages(articles_to_open=articles_to_open):
        timing = _measure(client, name, url, repeat)
        results.append(timing)
        if progress:
            progress(timing)
    return results
