# Scanned pages (issue 13): page images of an issue, OCR lines with their boxes, and the
# regions of the page each article (or photo) was printed in.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_desk_review"),
    ]

    operations = [
        migrations.CreateModel(
            name="Page",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "number",
                    models.PositiveSmallIntegerField(help_text="本期第几版，从 1 起。", verbose_name="版次"),
                ),
                (
                    "image",
                    models.ImageField(
                        help_text="上传的版面原图（PNG/JPEG），PDF 的一页则转为 PNG。",
                        upload_to="pages/%Y/%m/",
                        verbose_name="版面图片",
                    ),
                ),
                ("width", models.PositiveIntegerField(verbose_name="宽（像素）")),
                ("height", models.PositiveIntegerField(verbose_name="高（像素）")),
                (
                    "dpi",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="分辨率（dpi）"),
                ),
                (
                    "engine",
                    models.CharField(
                        help_text="识别这一版所用的 OCR 引擎，例如 rapidocr、tesseract。",
                        max_length=20,
                        verbose_name="OCR 引擎",
                    ),
                ),
                (
                    "skew",
                    models.FloatField(
                        default=0, help_text="识别前把版面转正的角度。", verbose_name="倾斜校正（度）"
                    ),
                ),
                (
                    "image_sha256",
                    models.CharField(db_index=True, editable=False, max_length=64, verbose_name="图片指纹"),
                ),
                (
                    "tiles",
                    models.CharField(
                        blank=True,
                        help_text="版面缩放查看用的瓦片描述文件（Deep Zoom）的存储路径；导入时生成，空表示尚未生成。",
                        max_length=255,
                        verbose_name="缩放瓦片",
                    ),
                ),
                (
                    "thumbnail",
                    models.ImageField(blank=True, upload_to="pages/thumbs/%Y/%m/", verbose_name="缩略图"),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="导入时间"),
                ),
                (
                    "issue",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pages",
                        to="articles.issue",
                        verbose_name="所属期",
                    ),
                ),
            ],
            options={
                "verbose_name": "版面",
                "verbose_name_plural": "版面",
                "ordering": ["issue", "number"],
            },
        ),
        migrations.CreateModel(
            name="ArticleRegion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("headline_group", "标题组"),
                            ("byline", "署名"),
                            ("paragraph", "段落"),
                            ("photo", "图片"),
                            ("article", "整篇剪报"),
                        ],
                        max_length=20,
                        verbose_name="部分",
                    ),
                ),
                ("paragraph", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="段落")),
                ("x", models.PositiveIntegerField(verbose_name="左")),
                ("y", models.PositiveIntegerField(verbose_name="上")),
                ("w", models.PositiveIntegerField(verbose_name="宽")),
                ("h", models.PositiveIntegerField(verbose_name="高")),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regions",
                        to="articles.article",
                        verbose_name="文章",
                    ),
                ),
                (
                    "photo",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regions",
                        to="articles.photo",
                        verbose_name="图片",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regions",
                        to="articles.page",
                        verbose_name="版面",
                    ),
                ),
            ],
            options={
                "verbose_name": "版面区域",
                "verbose_name_plural": "版面区域",
            },
        ),
        migrations.CreateModel(
            name="PageLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        help_text="这一行在本版阅读顺序中的位置，从 0 起。", verbose_name="阅读顺序"
                    ),
                ),
                ("text", models.TextField(help_text="OCR 读出的原文，永不修改。", verbose_name="OCR 文字")),
                ("x", models.PositiveIntegerField(verbose_name="左")),
                ("y", models.PositiveIntegerField(verbose_name="上")),
                ("w", models.PositiveIntegerField(verbose_name="宽")),
                ("h", models.PositiveIntegerField(verbose_name="高")),
                ("confidence", models.FloatField(blank=True, null=True, verbose_name="识别置信度")),
                (
                    "block",
                    models.PositiveIntegerField(
                        default=0, help_text="阅读顺序中的区块（栏）编号。", verbose_name="版块"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("headline", "标题"),
                            ("byline", "署名"),
                            ("body", "正文"),
                            ("caption", "图片说明"),
                            ("credit", "摄影署名"),
                            ("furniture", "报头与版面装饰"),
                            ("unplaced", "未归位"),
                        ],
                        max_length=20,
                        verbose_name="作用",
                    ),
                ),
                (
                    "paragraph",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="这一行属于导入时正文的第几段（从 0 起）。",
                        null=True,
                        verbose_name="段落",
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="page_lines",
                        to="articles.article",
                        verbose_name="所属文章",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="articles.page",
                        verbose_name="版面",
                    ),
                ),
                (
                    "photo",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="page_lines",
                        to="articles.photo",
                        verbose_name="所属图片",
                    ),
                ),
            ],
            options={
                "verbose_name": "版面文字行",
                "verbose_name_plural": "版面文字行",
                "ordering": ["page", "order"],
            },
        ),
        migrations.AddConstraint(
            model_name="page",
            constraint=models.UniqueConstraint(fields=("issue", "number"), name="page_unique_issue_number"),
        ),
        migrations.AddIndex(
            model_name="articleregion",
            index=models.Index(fields=["article", "page"], name="region_article_page_idx"),
        ),
        migrations.AddIndex(
            model_name="articleregion",
            index=models.Index(fields=["page", "kind"], name="region_page_kind_idx"),
        ),
        migrations.AddIndex(
            model_name="pageline",
            index=models.Index(fields=["page", "order"], name="pageline_page_order_idx"),
        ),
        migrations.AddIndex(
            model_name="pageline",
            index=models.Index(fields=["article", "paragraph"], name="pageline_article_para_idx"),
        ),
    ]
