import json

from django.core.management.base import BaseCommand

from articles.hints.detectors import find_hints_in_archive


class Command(BaseCommand):
    help = "列出全库文章的疑似 OCR 错误（只是报告，不改动任何数据）。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="输出 JSON 列表")
        # Kept so existing scripts still run: the report never updates anything now.
        parser.add_argument("--no-update", action="store_true", help="已无作用：本命令从不修改数据")

    def handle(self, *args, **options):
        rows = find_hints_in_archive()
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            self.stdout.write(f"#{row['article']} {row['field_label']} · {row['label']}：“{row['text']}” → “{row['suggestion']}”（{row['message']}）")
        self.stdout.write(f"共 {len(rows)} 处疑似错误，涉及 {len({r['article'] for r in rows})} 篇文章。")
