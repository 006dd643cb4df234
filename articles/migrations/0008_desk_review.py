# Review before publication: pending revisions (an editor's correction to a published article
# waits for a chief), notes on articles, and the status that no longer says "published".

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, OuterRef


def separate_status_from_publication(apps, schema_editor):
    """Whether an article is public is ``is_published`` alone; ``status`` is proofreading.

    A "published" status never recorded that anyone read the text (publishing overwrote
    "corrected"), so an article keeps 已校对 only if its history shows it was marked so once.
    """
    Article = apps.get_model("articles", "Article")
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    marked = ArticleRevision.objects.filter(article_id=OuterRef("pk"), snapshot__status="corrected")
    Article.objects.filter(status="published").filter(Exists(marked)).update(status="corrected")
    Article.objects.filter(status="published").update(status="imported")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_desk_deleted_article"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="articlerevision",
            name="review",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "直接生效"),
                    ("pending", "待主编审核"),
                    ("approved", "已批准"),
                    ("returned", "已退回"),
                    ("superseded", "已被后来的修改取代"),
                    ("withdrawn", "已撤回"),
                ],
                default="",
                help_text="编辑对已发布文章的文字修改先存为“待主编审核”，主编批准后读者才看到。",
                max_length=12,
                verbose_name="审核",
            ),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="review_note",
            field=models.TextField(blank=True, help_text="主编退回修改时写给编辑的说明。", verbose_name="审核意见"),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="审核时间"),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reviewed_revisions",
                to=settings.AUTH_USER_MODEL,
                verbose_name="审核人",
            ),
        ),
        migrations.AddIndex(
            model_name="articlerevision",
            index=models.Index(
                condition=models.Q(("review", "pending")), fields=["created_at"], name="revision_pending_idx"
            ),
        ),
        migrations.CreateModel(
            name="ArticleNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="时间")),
                ("text", models.TextField(max_length=2000, verbose_name="内容")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to="articles.article",
                        verbose_name="文章",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="article_notes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="留言人",
                    ),
                ),
            ],
            options={
                "verbose_name": "文章留言",
                "verbose_name_plural": "文章留言",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["article", "-created_at"], name="articlenote_article_idx")],
            },
        ),
        migrations.RunPython(separate_status_from_publication, migrations.RunPython.noop),
    ]
