# The chief editors' deletes keep each deleted article's last state and history.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_site_publication_generation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DeletedArticle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("original_id", models.PositiveIntegerField(db_index=True, verbose_name="原文章编号")),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="标题")),
                ("issue_label", models.CharField(blank=True, max_length=300, verbose_name="所属期")),
                ("was_published", models.BooleanField(default=False, verbose_name="删除时公开")),
                ("reason", models.CharField(blank=True, max_length=300, verbose_name="说明")),
                ("deleted_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="删除时间")),
                (
                    "snapshot",
                    models.JSONField(
                        help_text="正文、标题组、人物、标签、OCR 原文、所属期与配图。", verbose_name="删除前的内容"
                    ),
                ),
                (
                    "revisions",
                    models.JSONField(
                        default=list, help_text="删除前的全部修改记录（快照、修改人、时间、说明）。", verbose_name="修改历史"
                    ),
                ),
                (
                    "deleted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="deleted_articles",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="删除人",
                    ),
                ),
            ],
            options={
                "verbose_name": "已删除的文章",
                "verbose_name_plural": "已删除的文章",
                "ordering": ["-deleted_at", "-id"],
            },
        ),
    ]
