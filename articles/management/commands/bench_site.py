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

    def handle(self, *args, **options) -> None:
        if options["repeat"] < 1 or options["baseline_repeat"] < 1 or options["load_seconds"] < 0:
            raise CommandError("--repeat、--baseline-repeat 必须为正整数，--load-seconds 不能为负")
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
        pages += [(f"搜索页 q={term}（默认排序）", "/articles/?" + urlencode({"q": term})) for term in terms]
        first = public_articles().order_by("-date").first()
        pages += [("文章页", first.get_absolute_url()), ("首页", "/"), ("人物列表", "/people/")]
        out("\n| 页面 | URL | 中位数 ms | p90 ms | SQL 次数 | 状态 |\n|---|---|---:|---:|---:|---:|")
        for label, url in pages:
            timing = site_bench.time_page(client, url, repeat)
            out(f"| {label} | `{url}` | {timing.median:.1f} | {timing.p90:.1f} | {timing.queries} | {timing.status} |")

        out("\n| 搜索词 | 命中篇数 | 页面显示 | 索引 中位数 ms | icontains 中位数 ms | 倍数 |\n|---|---:|---:|---:|---:|---:|")
        for term in terms:
            indexed = site_bench.time_search(term, repeat, indexed=True)
            plain = site_bench.time_search(term, options["baseline_repeat"], indexed=False)
            # Same first page; the same count unless the page showed an estimate ("约").
            exact = search.filter_matching(public_articles(), search.SearchQuery.parse(term)).count()
            if indexed.first_page != plain.first_page or exact != plain.rows:
                raise CommandError(f"{term}：索引与 icontains 的结果不一致（{exact} / {plain.rows} 篇）")
            out(
                f"| {term}（{len(term)} 字） | {plain.rows:,} | {indexed.rows:,} | {indexed.median:.1f} | {plain.median:.1f} | "
                f"{plain.median / indexed.median:.0f}× |"
            )

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
