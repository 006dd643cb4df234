import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.bench.admin_bench import run_admin_bench
from articles.models import Article


class Command(BaseCommand):
    help = "测量后台文章列表（各种筛选，每页 100 篇）和校对页的耗时与 SQL 查询数。"

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5, help="每个页面测量次数（默认 5）")
        parser.add_argument("--open", type=int, default=5, help="测量多少篇文章的校对页（默认 5）")
        parser.add_argument("--build", type=int, default=0, help="文章少于此数时先用 build_archive 补足")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--limit-ms", type=float, default=0, help="有页面中位数超过此值时以失败退出")

    def handle(self, *args, **options):
        if options["repeat"] < 1:
            raise CommandError("--repeat 必须是正整数")
        have = Article.objects.count()
        if options["build"] > have:
            from articles.bench.archive import build_archive

            self.stderr.write(f"档案只有 {have} 篇文章，补足到 {options['build']} 篇……")
            build_archive(articles=options["build"] - have)
        total = Article.objects.count()
        if not total:
            raise CommandError("数据库里没有文章：先运行 build_archive --articles N，或加 --build N")
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        results = run_admin_bench(repeat=options["repeat"], articles_to_open=options["open"])
        if options["json"]:
            self.stdout.write(json.dumps(
                {"articles": total, "database": engine, "pages": [r.__dict__ for r in results]},
                ensure_ascii=False, indent=1,
            ))
        else:
            self.stdout.write(f"{total} 篇文章，数据库 {engine}，每页测 {options['repeat']} 次")
            self.stdout.write("| 页面 | 中位数 ms | 最慢 ms | SQL 查询数 |")
            self.stdout.write("| --- | ---: | ---: | ---: |")
            for r in results:
                self.stdout.write(f"| {r.name} | {r.median_ms:.0f} | {r.worst_ms:.0f} | {r.queries} |")
        bad = [r for r in results if r.status != 200]
        if bad:
            raise CommandError("页面出错：" + "、".join(f"{r.name}（{r.status}）" for r in bad))
        slow = [r for r in results if options["limit_ms"] and r.median_ms > options["limit_ms"]]
        if slow:
            raise CommandError("超过时限：" + "、".join(f"{r.name} {r.median_ms:.0f} ms" for r in slow))
