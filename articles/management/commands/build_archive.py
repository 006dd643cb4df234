from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.bench.archive import DEFAULT_BATCH_ISSUES, ArchiveSummary, build_archive
from articles.bench.archive_job import enqueue_build_archive


class Command(BaseCommand):
    help = (
        "向当前数据库追加一个合成档案（由种子文件的段落、标题、署名、人名重新组合），"
        "供后台、搜索、表格导出等性能测试使用。再次运行会继续追加，不改动已有数据。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=100_000, help="文章篇数（默认 100000）")
        parser.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的档案（默认 1）")
        parser.add_argument("--publish", action="store_true", help="文章直接公开（否则为“已导入”状态）")
        parser.add_argument(
            "--batch", type=int, default=DEFAULT_BATCH_ISSUES, help="每个事务写入的期数（默认 %(default)s）"
        )
        parser.add_argument(
            "--workers", type=int, default=None,
            help="PostgreSQL 上同时写入的进程数（默认为 CPU 数，最多 4）；SQLite 总是 1",
        )
        parser.add_argument(
            "--background", action="store_true",
            help="不在本进程生成：排入后台任务，打印任务编号后立即返回（manage.py jobs 查看进度）",
        )

    def handle(self, *args, **options) -> None:
        if options["articles"] < 1 or options["batch"] < 1 or (options["workers"] or 1) < 1:
            raise CommandError("--articles、--batch 和 --workers 必须是正整数")
        target = options["articles"]
        if options["background"]:
            job = enqueue_build_archive(
                articles=target, seed=options["seed"], publish=options["publish"],
                batch_issues=options["batch"], workers=options["workers"],
            )
            self.stdout.write(f"已排入后台任务 #{job.pk}：{job.title}（manage.py jobs {job.pk} --watch 查看进度）")
            return
        step = max(1, target // 20)
        reported = 0

        def progress(summary: ArchiveSummary) -> None:
            nonlocal reported
            if summary.articles - reported >= step or summary.articles >= target:
                reported = summary.articles
                self.stderr.write(
                    f"[{summary.articles}/{target}] {summary.issues} 期，"
                    f"{summary.seconds:.1f} 秒，{summary.articles_per_second:,.0f} 篇/秒"
                )

        summary = build_archive(
            articles=target, seed=options["seed"], publish=options["publish"],
            batch_issues=options["batch"], workers=options["workers"], progress=progress,
        )
        self.stdout.write(
            f"已生成 {summary.issues} 期、{summary.articles} 篇文章、{summary.photos} 张图片、"
            f"{summary.credits} 条人物关联（人物 {summary.people} 位），"
            f"用时 {summary.seconds:.1f} 秒（{summary.articles_per_second:,.0f} 篇/秒）"
        )
