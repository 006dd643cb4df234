from django.core.management.base import BaseCommand

from articles.desk.roles import setup_roles


class Command(BaseCommand):
    help = "创建或更新编辑部角色：编辑、主编（可重复运行）。"

    def handle(self, *args, **options):
        for group, count in setup_roles().items():
            self.stdout.write(f"{group}：{count} 项权限")
