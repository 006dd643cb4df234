import time

from django.core.management.base import BaseCommand, CommandError

from articles.hints.glyphs import DATA_FILE, build_table, write_table


class Command(BaseCommand):
    help = "用中文字体绘制常用汉字并比较字形，重建形近字表（articles/data/glyph_similar.json）。"

    def add_arguments(self, parser):
        parser.add_argument("--font", help="字体文件（默认 Noto Sans CJK）")
        parser.add_argument("--chars", help="只比较这些字（测试用）")
        parser.add_argument("--output", help="输出文件（默认覆盖仓库中的数据文件）")

    def handle(self, *args, **options):
        from pathlib import Path

        started = time.monotonic()
        chars = list(dict.fromkeys(options["chars"])) if options["chars"] else None
        try:
            table = build_table(font_path=options["font"], chars=chars, progress=self.stdout.write)
        except (FileNotFoundError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        output = Path(options["output"]) if options["output"] else DATA_FILE
        write_table(table, output)
        self.stdout.write(f"已写入 {output}：{len(table)} 个字，用时 {time.monotonic() - started:.1f} 秒")
