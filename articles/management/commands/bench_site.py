from urllib.parse import urlencode

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client

from articles import search
from articles.bench import site_bench
from articles.site.filters import public_articles


class Command(BaseCommand):
    help = (
        "读者网站性能测试：筛选列表页与 1、2、4 字搜索的服务器耗时中位数（与普通 icontains 搜索对比），"
        "以及 gunicorn（2 个 worker）下文章列表的并发压力测试。请先用 build_archive --publish 生成数据。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=15, help="每项测量次数（默认 15，取中位数）")
        parser.add_argument(
            "--terms", default="经,经济,经济发展", help="逗号分隔的搜索词（默认 1、2、4 字：经,经济,经济发展）"
        )
        parser.add_argument("--baseline-repeat", type=int, default=3, help="icontains 对照的测量次数（默认 3）")
        parser.add_argument("--load-seconds", type=int, default=30, help="压力测试秒数（默认 30；0 表示跳过）")
        parser.add_argument("--connections", type=int, default=32, help="压力测试并发连接数（默认 32）")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker 数（默认 2）")
        parser.add_argument(
            "--deep-rows", type=int, default=8000,
            help="沿“下一页”链接翻过这么多篇后计时深页（默认 8000，即第 401 页；0 表示跳过）",
        )
        parser.add_argument(
            "--walk-to-end", action="store_true",
            help="沿 API 的 next 链接翻到最后一篇，核对篇数与完整计数一致，并计时末页（常用字需要几分钟）",
        )

    def handle(self, *args, **options) -> None:
        if options["repeat"] < 1 or options["baseline_repeat"] < 1 or options["load_seconds"] < 0 or options["deep_rows"] < 0:
            raise CommandError("--repeat、--baseline-repeat 必须为正整数，--load-seconds、--deep-rows 不能为负")
        total = public_articles().count()
        if not total:
            raise CommandError("数据库中没有公开的文章：先运行 build_archive --articles N --publish")
        # Production serves hashed static files; the pages need the manifest to render.
        call_command("collectstatic", interactive=False, verbosity=0)
        repeat = options["repeat"]
        out = self.stdout.write
        out(f"数据库：{connection.vendor}，公开文章 {total:,} 篇；每项 {repeat} 次取中位数（毫秒）")

        client = Client()
        filters = site_bench.sample_filters()
        pages = [
            ("文章列表（无筛选）", "/articles/"),
            ("筛选列表页", "/articles/?" + urlencode(filters)),
            ("筛选列表页第 5 页", "/articles/?" + urlencode({**filters, "page": 5})),
        ]
        terms = [term.strip() for term in options["terms"].split(",") if term.strip()]
        for term in terms:
            pages += [
                (f"搜索页 q={term}（默认排序）", "/articles/?" + urlencode({"q": term})),
                (f"API q={term}", "/api/articles/?" + urlencode({"q": term})),
            ]
        first = public_articles().order_by("-date").first()
        pages += [("文章页", first.get_absolute_url()), ("首页", "/"), ("人物列表", "/people/")]
        out("\n| 页面 | URL | 中位数 ms | p95 ms | SQL 次数 | 状态 |\n|---|---|---:|---:|---:|---:|")
        for label, url in pages:
            timing = site_bench.time_page(client, url, repeat)
            out(f"| {label} | `{url}` | {timing.median:.1f} | {timing.p95:.1f} | {timing.queries} | {timing.status} |")

        out("\n| 搜索词 | 命中篇数 | 页面显示 | 索引 中位数 ms | 索引 p95 ms | icontains 中位数 ms | 倍数 |\n|---|---:|---:|---:|---:|---:|---:|")
        exact_counts = {}
        for term in terms:
            indexed = site_bench.time_search(term, repeat, indexed=True)
            plain = site_bench.time_search(term, options["baseline_repeat"], indexed=False)
            # Same first page, and (where the page counted) the same count.
            exact = search.filter_matching(public_articles(), search.SearchQuery.parse(term)).count()
            exact_counts[term] = exact
            if indexed.first_page != plain.first_page or f"{exact:,}" != plain.shown:
                raise CommandError(f"{term}：索引与 icontains 的结果不一致（{exact} / {plain.shown} 篇）")
            if indexed.shown[:1].isdigit() and indexed.shown != plain.shown:
                raise CommandError(f"{term}：页面显示 {indexed.shown} 篇，实有 {plain.shown} 篇")
            out(
                f"| {term}（{len(term)} 字） | {plain.shown} | {indexed.shown} | {indexed.median:.1f} | {indexed.p95:.1f} | {plain.median:.1f} | "
                f"{plain.median / indexed.median:.0f}× |"
            )

        if options["deep_rows"] or options["walk_to_end"]:
            self._deep_pages(client, terms, repeat, options, exact_counts)

        if options["load_seconds"]:
            result = site_bench.run_load(
                path="/articles/",
                seconds=options["load_seconds"],
                connections=options["connections"],
                workers=options["workers"],
            )
            out(
                f"\n压力测试（{result.tool}，gunicorn {options['workers']} workers，{result.connections} 连接，"
                f"{result.seconds:.0f} 秒，/articles/）：{result.requests:,} 次请求，"
                f"{result.requests_per_second:.1f} 次/秒，错误 {result.errors}，非 2xx {result.non_2xx}"
                + (f"，延迟 p50 {result.latency_p50_ms:.0f} ms、p99 {result.latency_p99_ms:.0f} ms" if result.latency_p50_ms else "")
            )
            if result.errors or result.non_2xx:
                raise CommandError("压力测试出现错误")

    def _deep_pages(self, client, terms, repeat, options, exact_counts) -> None:
        """Pages far down a search, reached by following "next" links as a reader would."""
        out = self.stdout.write
        deep = options["deep_rows"]
        out(
            "\n| 搜索词 | 深页（沿链接） | 页面 ms | API ms | SQL 次数（页面 / API） |\n|---|---|---:|---:|---:|"
        )
        notes = []
        for term in terms:
            targets = []
            if deep:
                walk = site_bench.follow_next(client, term, rows=deep)
                urls = site_bench.deep_urls(walk, term)
                if urls:
                    targets.append((f"第 {walk.rows // site_bench.PAGE_SIZE + 1} 页", *urls))
            if options["walk_to_end"]:
                walk = site_bench.follow_next(client, term, rows=None)
                if walk.rows != exact_counts[term]:
                    raise CommandError(f"{term}：沿链接翻到底见到 {walk.rows} 篇，完整计数为 {exact_counts[term]} 篇")
                notes.append(
                    f"{term}：沿 API 的 next 链接（每页 100 篇）翻到最后一篇：{walk.requests} 次请求、"
                    f"{walk.rows:,} 篇（= 完整计数），{walk.seconds:.1f} 秒，平均每次 {walk.seconds / walk.requests * 1000:.0f} ms"
                )
                last = site_bench.last_urls(walk, term)
                if last:
                    page = (walk.rows - walk.last_rows) // site_bench.PAGE_SIZE + 1
                    targets.append((f"最后 {walk.last_rows} 篇（页面第 {page} 页起）", *last))
            for label, site_url, api_url in targets:
                on_site = site_bench.time_page(client, site_url, repeat)
                on_api = site_bench.time_page(client, api_url, repeat)
                out(
                    f"| {term} | {label} | {on_site.median:.1f} | {on_api.median:.1f} | {on_site.queries} / {on_api.queries} |"
                )
        for note in notes:
            out(f"\n{note}")
