"""Scanned pages: an issue's page images, each OCR line with its box, and articles' regions."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from . import Article, Issue, Photo


class Page(models.Model):
    """One printed page of an issue, as scanned (or as a PDF page rendered to an image)."""

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="pages", verbose_name="所属期"
    )
    number = models.PositiveSmallIntegerField("版次", help_text="本期第几版，从 1 起。")
    image = models.ImageField(
        "版面图片",
        upload_to="pages/%Y/%m/",
        help_text="上传的版面原图（PNG/JPEG），PDF 的一页则转为 PNG。",
    )
    width = models.PositiveIntegerField("宽（像素）")
    height = models.PositiveIntegerField("高（像素）")
    dpi = models.PositiveSmallIntegerField("分辨率（dpi）", null=True, blank=True)
    engine = models.CharField(
        "OCR 引擎", max_length=20, help_text="识别这一版所用的 OCR 引擎，例如 rapidocr、tesseract。"
    )
    skew = models.FloatField("倾斜校正（度）", default=0, help_text="识别前把版面转正的角度。")
    image_sha256 = models.CharField("图片指纹", max_length=64, db_index=True, editable=False)
    tiles = models.CharField(
        "缩放瓦片",
        max_length=255,
        blank=True,
        help_text="版面缩放查看用的瓦片描述文件（Deep Zoom）的存储路径；导入时生成，空表示尚未生成。",
    )
    thumbnail = models.ImageField("缩略图", upload_to="pages/thumbs/%Y/%m/", blank=True)
    created_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_unique_issue_number"),
        ]

    def __str__(self) -> str:
        return f"{self.issue} 第 {self.number} 版"

    @property
    def dzi_url(self) -> str:
        """Where a zoomable viewer finds the page's Deep Zoom descriptor ("" before tiles exist)."""
        return default_storage.url(self.tiles) if self.tiles else ""


class PageLine(models.Model):
    """One line of OCR text as the engine read it, where it stands on the page. Never edited."""

    class LineRole(models.TextChoices):
        HEADLINE = "headline", "标题"
        BYLINE = "byline", "署名"
        BODY = "body", "正文"
        CAPTION = "caption", "图片说明"
        CREDIT = "credit", "摄影署名"
        FURNITURE = "furniture", "报头与版面装饰"
        UNPLACED = "unplaced", "未归位"

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="lines", verbose_name="版面"
    )
    order = models.PositiveIntegerField(
        "阅读顺序", help_text="这一行在本版阅读顺序中的位置，从 0 起。"
    )
    text = models.TextField("OCR 文字", help_text="OCR 读出的原文，永不修改。")
    x = models.PositiveIntegerField("左")
    y = models.PositiveIntegerField("上")
    w = models.PositiveIntegerField("宽")
    h = models.PositiveIntegerField("高")
    confidence = models.FloatField("识别置信度", null=True, blank=True)
    block = models.PositiveIntegerField("版块", default=0, help_text="阅读顺序中的区块（栏）编号。")
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="page_lines",
        verbose_name="所属文章",
    )
    photo = models.ForeignKey(
        Photo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="page_lines",
        verbose_name="所属图片",
    )
    role = models.CharField("作用", max_length=20, choices=LineRole.choices)
    paragraph = models.PositiveSmallIntegerField(
        "段落", null=True, blank=True, help_text="这一行属于导入时正文的第几段（从 0 起）。"
    )

    class Meta:
        verbose_name = "版面文字行"
        verbose_name_plural = "版面文字行"
        ordering = ["page", "order"]
        indexes = [
            models.Index(fields=["page", "order"], name="pageline_page_order_idx"),
            models.Index(fields=["article", "paragraph"], name="pageline_article_para_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:30]


class ArticleRegion(models.Model):
    """Where on one page a part of an article (or a photo) was printed: the union of its lines' boxes."""

    class Kind(models.TextChoices):
        HEADLINE_GROUP = "headline_group", "标题组"
        BYLINE = "byline", "署名"
        PARAGRAPH = "paragraph", "段落"
        PHOTO = "photo", "图片"
        ARTICLE = "article", "整篇剪报"

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="regions",
        verbose_name="文章",
    )
    photo = models.ForeignKey(
        Photo,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="regions",
        verbose_name="图片",
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="regions", verbose_name="版面"
    )
    kind = models.CharField("部分", max_length=20, choices=Kind.choices)
    paragraph = models.PositiveSmallIntegerField("段落", null=True, blank=True)
    x = models.PositiveIntegerField("左")
    y = models.PositiveIntegerField("上")
    w = models.PositiveIntegerField("宽")
    h = models.PositiveIntegerField("高")

    class Meta:
        verbose_name = "版面区域"
        verbose_name_plural = "版面区域"
        indexes = [
            models.Index(fields=["article", "page"], name="region_article_page_idx"),
            models.Index(fields=["page", "kind"], name="region_page_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} @ {self.page}"
