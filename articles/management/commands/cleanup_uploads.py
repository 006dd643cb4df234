from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser

from articles.jobs.uploads import UPLOAD_MAX_AGE, remove_stale_uploads


class Command(BaseCommand):
    help = (
        "删除后台“上传报纸”中预览后未确认导入的文件（默认超过 24 小时的；"
        "任务进程也会定期自动清理）。正在导入的文件不会被删除。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours", type=float, default=UPLOAD_MAX_AGE.total_seconds() / 3600,
            help="删除早于这么多小时的上传（默认 24）",
        )

    def handle(self, *args, **options):
        removed = remove_stale_uploads(older_than=timedelta(hours=options["hours"]))
        self.stdout.write(f"已删除 {len(removed)} 个未确认的上传。")
