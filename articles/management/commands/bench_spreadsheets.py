from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from articles.bench.sheets_bench import build_bench_archive, machine_load, run_bench, summary_lines
from articles.models import Article


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "表格导入导出的性能测试：导出全部文章（含人物、标签）为 CSV 和 XLSX，导入编辑过的文章行，"
        "并与 django-import-export 的普通 ModelResource 对比。默认在一个事务中生成合成数据，"
        "结束后回滚，不改变数据库。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=100_000, help="合成文章数（默认 100000）")
        parser.add_argument("--import-rows", type=int, default=10_000, help="导入的编辑行数（默认 10000）")
        parser.add_argument(
            "--use-existing",
            action="store_true",
            help="不生成合成数据，用数据库中已有的文章（例如 build_archive 生成的）",
        )
        parser.add_argument(
            "--builder",
            choices=("archive", "simple"),
            default="archive",
            help="合成数据：archive 用 build_archive 的生成器（含 OCR 原文、修改记录），"
            "simple 用本命令自带的 bulk_create 生成器（更快）",
        )
        parser.add_argument("--no-baseline", action="store_true", help="不运行普通 ModelResource 的对比")
        parser.add_argument(
            "--baseline-xlsx-limit",
            type=int,
            default=None,
            help="普通 ModelResource 导出 XLSX 时最多导出多少行（openpyxl 很慢），比率按每行折算",
        )

    def handle(self, *args, **options) -> None:
        try:
            with transaction.atomic():
                if not options["use_existing"]:
                    if options["articles"] < 1:
                        raise CommandError("--articles 至少为 1")
                    self.stdout.write(f"building {options['articles']:,} synthetic articles…")
                    if options["builder"] == "archive":
                        from articles.bench.archive import build_archive

                        # One process: forked writers would commit outside this transaction.
                        build_archive(articles=options["articles"], publish=True, workers=1)
                    else:
                        build_bench_archive(articles=options["articles"])
                if not Article.objects.exists():
                    raise CommandError("数据库中没有文章")
                self.stdout.write(f"before: {machine_load()}")
                result = run_bench(
                    import_rows=options["import_rows"],
                    baseline=not options["no_baseline"],
                    baseline_xlsx_limit=options["baseline_xlsx_limit"],
                    log=lambda line: self.stdout.write(line),
                )
                self.stdout.write("")
                for line in summary_lines(result):
                    self.stdout.write(line)
                raise _Rollback  # leave the database as it was
        except _Rollback:
            pass
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
