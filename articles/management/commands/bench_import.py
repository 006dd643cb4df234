import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.bench.import_bench import BenchmarkError, import_corpus, run_import_benchmark

TARGET_ISSUES_PER_SECOND = 50
# The real import may take at most this many times the parse-only (--dry-run) time.
TARGET_DRY_RUN_RATIO = 3


class Command(BaseCommand):
    help = (
        "导入性能测试：生成合成语料，在临时数据库（与当前数据库同类：SQLite 或 PostgreSQL）中"
        "用 import_seeds 所用的同一导入程序（含 OCR 疑似错误计数）先演练（只解析）再逐个文件导入，"
        "报告 期/秒、篇/秒、总用时、导入与演练用时之比和峰值内存。不会读写现有数据。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--issues", type=int, default=2000, help="语料期数（默认 2000）")
        parser.add_argument(
            "--rss-at", default="500,2000",
            help="另外测量峰值内存的语料期数，逗号分隔（默认 500,2000）；每个规模单独一个进程",
        )
        parser.add_argument("--seed", type=int, default=1, help="语料随机种子（默认 1）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        # Internal: the child process that imports one corpus and prints its figures.
        parser.add_argument("--worker", type=Path, help="（内部使用）导入该目录中的语料并输出 JSON")
        parser.add_argument("--flush", action="store_true", help="（内部使用）导入前清空临时数据库")

    def handle(self, *args, **options) -> None:
        if options["worker"] is not None:
            self.stdout.write(json.dumps(import_corpus(options["worker"], flush=options["flush"])))
            return
        try:
            sizes = {int(n) for n in options["rss_at"].split(",") if n.strip()}
        except ValueError as exc:
            raise CommandError(f"--rss-at 应为逗号分隔的整数：{options['rss_at']}") from exc
        sizes.add(options["issues"])
        if min(sizes) < 1:
            raise CommandError("期数必须是正整数")
        try:
            runs = run_import_benchmark(
                sizes=sorted(sizes), seed=options["seed"], report=self.stderr.write
            )
        except BenchmarkError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps([run.as_dict() for run in runs], ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            "数据库        期数   文章数   用时(秒)   期/秒    篇/秒  演练(秒)  倍数   峰值内存(MB) 解析进程(MB)"
            "  写入CPU(秒) 解析CPU(秒) 数据库CPU(秒) 按CPU计(期/秒)  负载"
        )
        for run in runs:
            self.stdout.write(
                f"{run.database:<12} {run.issues:>5} {run.articles:>8} {run.seconds:>10.1f} "
                f"{run.issues_per_second:>7.1f} {run.articles_per_second:>8.1f} "
                f"{run.dry_run_seconds:>9.1f} {run.dry_run_ratio:>5.1f} "
                f"{run.peak_rss_mb:>13.1f} {run.parser_peak_rss_mb:>12.1f} "
                f"{run.writer_cpu_seconds:>12.1f} {run.parser_cpu_seconds:>11.1f} "
                f"{run.server_cpu_seconds if run.server_cpu_seconds is not None else '-':>13} "
                f"{run.cpu_bound_issues_per_second:>14.1f} {run.load_average:>5.1f}"
            )
        main = next(run for run in runs if run.issues == options["issues"])
        verdict = "达到" if main.issues_per_second >= TARGET_ISSUES_PER_SECOND else "未达到"
        line = (
            f"{main.issues} 期：{main.issues_per_second:.1f} 期/秒，{verdict}目标 "
            f"{TARGET_ISSUES_PER_SECOND} 期/秒"
        )
        if main.dry_run_seconds:
            ratio = "达到" if main.dry_run_ratio <= TARGET_DRY_RUN_RATIO else "未达到"
            line += (
                f"；用时为演练（只解析）的 {main.dry_run_ratio:.1f} 倍，{ratio}目标 "
                f"≤{TARGET_DRY_RUN_RATIO} 倍"
            )
        self.stdout.write(line)
        if main.load_average > 2:
            self.stdout.write(
                f"注意：测量时系统负载 {main.load_average}（2 核），用时包含其他进程的争用；"
                "“按CPU计”一栏由导入各进程（写入、解析、本机 PostgreSQL 后端）实际用的 CPU 推算"
                "空闲 2 核机器上的速度。"
            )
