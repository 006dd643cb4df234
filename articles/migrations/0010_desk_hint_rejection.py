# Hints an editor marked "不是错误": one row per occurrence, so it stays rejected and stops counting.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_scans_pages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HintRejection",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("field", models.CharField(max_length=20, verbose_name="字段")),
                ("kind", models.CharField(max_length=30, verbose_name="提示类型")),
                ("suspect", models.CharField(max_length=200, verbose_name="疑似错误")),
                ("suggestion", models.CharField(blank=True, max_length=200, verbose_name="建议改为")),
                ("context_before", models.CharField(blank=True, max_length=100, verbose_name="前文")),
                ("context_after", models.CharField(blank=True, max_length=100, verbose_name="后文")),
                (
                    "fingerprint",
                    models.CharField(
                        help_text="疑似错误连同前后几个字：正文其他地方改动后仍能认出这一处。",
                        max_length=40,
                        verbose_name="位置指纹",
                    ),
                ),
                ("rejected_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="判定时间")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hint_rejections",
                        to="articles.article",
                        verbose_name="文章",
                    ),
                ),
                (
                    "rejected_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="hint_rejections",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="判定人",
                    ),
                ),
            ],
            options={
                "verbose_name": "不是错误的提示",
                "verbose_name_plural": "不是错误的提示",
                "ordering": ["-rejected_at", "-id"],
                "constraints": [
                    models.UniqueConstraint(fields=("article", "fingerprint"), name="hint_rejection_once_per_place")
                ],
            },
        ),
    ]
