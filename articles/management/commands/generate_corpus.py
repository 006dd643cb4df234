import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.bench.synthetic import write_corpus


class Command(BaseCommand):
    help = (
        "生成 N 份合成的 OCR 报纸文本（重新组合种子文件的段落、标题、署名、图片说明、人名和日期，"
        "沿用种子的排版风格），供导入性能测试使用。同一 --seed 总是生成同样的文件。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="生成的期数（文件数）")
        parser.add_argument("--out", type=Path, required=True, help="输出目录（不存在则创建）")
        parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
        parser.add_argument("--first", type=int, default=0, help="从第几期开始编号（默认 0）")

    def handle(self, *args, **options) -> None:
        count, out = options["count"], options["out"]
        if count < 1 or options["first"] < 0:
            raise CommandError("期数必须是正整数，--first 不能为负")
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out}: 不是目录")
        started = time.perf_counter()
        summary = write_corpus(out, count, seed=options["seed"], first=options["first"])
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"已在 {out} 生成 {summary.files} 个文件（{summary.articles} 篇文章、{summary.photos} 张图片，"
            f"{summary.bytes / 1024 / 1024:.1f} MB），用时 {seconds:.1f} 秒"
        )
