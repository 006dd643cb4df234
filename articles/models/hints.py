"""Hints editors have judged: an occurrence marked "不是错误" stays rejected and stops counting."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from . import Article


class HintRejection(models.Model):
    """One occurrence of an OCR hint that an editor said is not an error.

    The ``fingerprint`` (``articles.hints.occurrences``) names the place — the field, the
    hint, and the few characters around it — so edits elsewhere in the article leave it
    rejected, while the same suspect somewhere else is still shown. The other columns are
    what the editor saw, for the chief who reviews (and may undo) the decision.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="hint_rejections", verbose_name="文章"
    )
    field = models.CharField("字段", max_length=20)
    kind = models.CharField("提示类型", max_length=30)
    suspect = models.CharField("疑似错误", max_length=200)
    suggestion = models.CharField("建议改为", max_length=200, blank=True)
    context_before = models.CharField("前文", max_length=100, blank=True)
    context_after = models.CharField("后文", max_length=100, blank=True)
    fingerprint = models.CharField(
        "位置指纹", max_length=40, help_text="疑似错误连同前后几个字：正文其他地方改动后仍能认出这一处。"
    )
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hint_rejections",
        verbose_name="判定人",
    )
    rejected_at = models.DateTimeField("判定时间", default=timezone.now)

    class Meta:
        verbose_name = "不是错误的提示"
        verbose_name_plural = "不是错误的提示"
        ordering = ["-rejected_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="hint_rejection_once_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.suspect}”→“{self.suggestion}”（文章 #{self.article_id}）"
