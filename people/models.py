from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Person(models.Model):
    """Someone the paper names: a correspondent, a photographer or a person mentioned."""

    name = models.CharField(
        "姓名",
        max_length=50,
        unique=True,
        help_text="规范写法。OCR 误识的写法请作为“别名”添加，合并人物时旧名会自动成为别名。",
    )
    note = models.TextField("备注", blank=True, help_text="供编辑参考的说明，例如身份、单位。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "人物"
        verbose_name_plural = "人物"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])


class PersonAlias(models.Model):
    """Another spelling of a person's name, usually an OCR variant (朱翎 for 朱翊)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="aliases", verbose_name="人物"
    )
    name = models.CharField(
        "别名", max_length=50, unique=True, help_text="同一人物的其他写法，例如 OCR 误识的名字。"
    )

    class Meta:
        verbose_name = "别名"
        verbose_name_plural = "别名"
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), name="personalias_lower_name")]

    def __str__(self) -> str:
        return self.name
