import json

from django.core.management.base import BaseCommand, CommandError

from articles.desk.editing.hint_recount import RangeCount, enqueue_hint_recount, recount_hints
from articles.hints.detectors import find_hints_in_archive


class Command(BaseCommand):
    help = (
        "列出全库文章的疑似 OCR 错误（只是报告，不改动任何数据）；"
        "--recount 重新统计并保存每篇文章的疑似错误数（审稿队列和筛选按它排序），"
        "加 --background 则排入后台任务。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="输出 JSON 列表")
        # Kept so existing scripts still run: the report never updates anything now.
        parser.add_argument("--no-update", action="store_true", help="已无作用：本命令从不修改数据")
        parser.add_argument(
            "--recount", action="store_true",
            help="不列出：按现在的规则重新统计每篇文章的疑似错误数并保存（规则、术语表或人名更新后用）",
        )
        parser.add_argument(
            "--background", action="store_true",
            help="与 --recount 一起：排入后台任务，打印任务编号后立即返回（manage.py jobs 查看进度）",
        )

    def handle(self, *args, **options):
        if options["background"] and not options["recount"]:
            raise CommandError("--background 只能与 --recount 一起使用")
        if options["recount"]:
            self._recount(background=options["background"])
            return
        rows = find_hints_in_archive()
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            self.stdout.write(f"#{row['article']} {row['field_label']} · {row['label']}：“{row['text']}” → “{row['suggestion']}”（{row['message']}）")
        self.stdout.write(f"共 {len(rows)} 处疑似错误，涉及 {len({r['article'] for r in rows})} 篇文章。")

    def _recount(self, *, background: bool) -> None:
        if background:
            job = enqueue_hint_recount()
            self.stdout.write(f"已排入后台任务 #{job.pk}：{job.title}（manage.py jobs {job.pk} --watch 查看进度）")
            return

        def progress(done: int, total: int, part: RangeCount) -> None:
            if total <= 20 or done % max(1, total // 20) == 0 or done == total:
                self.stderr.write(f"[{done}/{total}] 本段 {part.articles} 篇，{part.changed} 篇计数有变")

        total = recount_hints(progress=progress)
        self.stdout.write(f"已重新统计 {total.articles} 篇文章：{total.changed} 篇计数有变，共 {total.hints} 处疑似错误。")
