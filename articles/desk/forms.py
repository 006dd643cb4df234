"""Forms of the editors' desk (admin correction screen and its tools)."""

from __future__ import annotations

from typing import Any

from django import forms

from articles.desk.editing import Conflict, lock_and_check_version
from articles.models import Article, Tag


class ArticleAdminForm(forms.ModelForm):
    """The correction screen's form, with the version the editor opened (optimistic lock)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_comment = forms.CharField(
        label="修改说明",
        required=False,
        max_length=200,
        help_text="可选，记入修改历史；不填时自动列出改动的字段。",
        widget=forms.TextInput(attrs={"size": 60}),
    )

    #: set by the admin for editors who may not publish
    can_publish: bool = True

    class Meta:
        model = Article
        fields = (
            "issue", "position", "kicker", "headline", "subheadline", "section", "byline", "dateline",
            "dateline_date", "date", "body", "status", "is_published", "tags",
        )
        widgets = {
            "body": forms.Textarea(attrs={"rows": 30, "cols": 60, "class": "editor-body", "lang": "zh-Hans"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: Conflict | None = None
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if "status" in self.fields and not self.can_publish:
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] != Article.Status.PUBLISHED
                or (self.instance.pk and self.instance.status == Article.Status.PUBLISHED)
            ]

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if (
            not self.can_publish
            and status == Article.Status.PUBLISHED
            and not (self.instance.pk and self.initial.get("status") == Article.Status.PUBLISHED)
        ):
            raise forms.ValidationError("只有主编可以把文章设为“已发布”。")
        return status

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk:
            expected = cleaned.get("expected_version")
            if expected is None:
                expected = self.instance.version
            # Runs inside the admin's transaction: the row stays locked until the save commits.
            self.conflict = lock_and_check_version(article_id=self.instance.pk, expected_version=expected)
            if self.conflict is not None:
                # The refused text stays in the form; the next save is a deliberate overwrite
                # of the version the editor has now seen.
                data = self.data.copy()
                data[self.add_prefix("expected_version")] = str(self.conflict.current_version)
                self.data = data
                raise forms.ValidationError(self.conflict.message, code="stale")
        return cleaned


class FindReplaceForm(forms.Form):
    find = forms.CharField(label="查找", max_length=200, help_text="例如 芒麻")
    replacement = forms.CharField(label="替换为", max_length=200, required=False, strip=False, help_text="例如 苎麻")
    regex = forms.BooleanField(
        label="正则表达式", required=False, help_text="勾选后“查找”按正则表达式匹配，“替换为”可用 \\1 引用分组。"
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        from articles.desk.editing import EditingError, compile_pattern

        if cleaned.get("find"):
            try:
                compile_pattern(find=cleaned["find"], regex=cleaned.get("regex", False))
            except EditingError as exc:
                self.add_error("find", str(exc))
        return cleaned


class SplitForm(forms.Form):
    at = forms.IntegerField(label="拆分位置", min_value=1, help_text="在正文第几个字符之后拆开（在正文框中点选位置会自动填写）。")
    headline = forms.CharField(label="新文章标题", max_length=300, required=False)


class ArticleChoiceForm(forms.Form):
    """Pick another article of the same issue (merge, move headline group)."""

    other = forms.ModelChoiceField(label="另一篇文章", queryset=Article.objects.none())

    def __init__(self, *args: Any, article: Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = (
            Article.objects.filter(issue_id=article.issue_id).exclude(pk=article.pk).order_by("position")
        )
        self.fields["other"].label_from_instance = lambda a: f"#{a.pk} 第{a.position}篇 · {a.title or a.body[:20]}"


class BulkTagForm(forms.Form):
    tag = forms.ModelChoiceField(label="标签", queryset=Tag.objects.all())
