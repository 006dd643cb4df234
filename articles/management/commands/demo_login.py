import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles.desk.roles import CHIEF_GROUP, setup_roles

DEMO_USERNAME = "zhubian"


class Command(BaseCommand):
    help = "创建并打印一个演示用的主编登录（仅限 DEBUG 且使用 SQLite 的本地开发环境）。"

    def handle(self, *args, **options):
        engine = settings.DATABASES["default"]["ENGINE"]
        if not settings.DEBUG or engine != "django.db.backends.sqlite3":
            raise CommandError("demo_login 只能在本地开发环境使用（需要 DEBUG=1 且数据库为 SQLite）。")
        setup_roles()
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=CHIEF_GROUP))
        self.stdout.write(f"演示主编登录：用户名 {DEMO_USERNAME}  密码 {password}  （/admin/）")
