"""Forms of the editors' desk (admin correction screen and its tools)."""

from __future__ import annotations

from typing import Any

from django import forms

from articles.desk.editing.common import EditingError
from articles.desk.editing.find_replace import compile_pattern
from articles.desk.editing.versions import (
    MERGEABLE_FIELDS,
    UNTRACKED_FIELDS,
    Conflict,
    SavePlan,
    plan_save,
)
from articles.models import Article, Tag

# The conflict box's separate button, and the version it was shown for.
OVERWRITE_BUTTON = "_overwrite"
OVERWRITE_VERSION = "overwrite_version"

#: The proofreading states as the desk names them. Whether readers see the article is the
#: 公开 checkbox alone, so no state here means "published".
PROOFREADING_CHOICES = [
    (Article.Status.IMPORTED.value, "未校对"),
    (Article.Status.NEEDS_REVIEW.value, "需复查"),
    (Article.Status.CORRECTED.value, "已校对"),
]
PROOFREADING_LABELS = {**dict(PROOFREADING_CHOICES), Article.Status.PUBLISHED.value: "未校对"}


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
        self.plan: SavePlan | None = None
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if "status" in self.fields:
            status = self.fields["status"]
            status.label = "校对状态"
            status.choices = PROOFREADING_CHOICES
            status.help_text = "校对进度，与读者能否看到无关（那由“公开”决定）：已发布的文章也可以是“未校对”。"
            if self.initial.get("status") == Article.Status.PUBLISHED:
                self.initial["status"] = Article.Status.IMPORTED.value
        if "is_published" in self.fields:
            self.fields["is_published"].help_text = (
                "勾选后读者可见。只有主编可以发布或撤回；编辑对已发布文章的文字修改要经主编批准才公开。"
            )

    def clean_body(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; the archive's texts (and the OCR text
        # the body is compared with) use LF, so an unchanged paragraph must stay unchanged.
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")

    def _overwrite_version(self) -> int | None:
        """The version shown beside the overwrite button, when that button was pressed."""
        if OVERWRITE_BUTTON not in self.data:
            return None
        try:
            return int(self.data.get(OVERWRITE_VERSION, ""))
        except ValueError:
            return -1  # never a real version: refused as a stale overwrite

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.instance.pk or self.errors:
            return cleaned
        expected = cleaned.get("expected_version")
        if expected is None:
            expected = self.instance.version
        submitted = {
            name: cleaned[name] for name in (*MERGEABLE_FIELDS, *UNTRACKED_FIELDS) if name in cleaned
        }
        # Runs inside the admin's transaction: the row stays locked until the save commits.
        outcome = plan_save(
            article_id=self.instance.pk, opened_version=expected, submitted=submitted,
            overwrite_version=self._overwrite_version(), may_publish=self.can_publish,
        )
        if isinstance(outcome, Conflict):
            # The refused text stays in the form, still marked with the version the editor
            # opened: pressing 保存 again is refused again, never a silent overwrite.
            self.conflict = outcome
            raise forms.ValidationError(outcome.message, code="stale")
        self.plan = outcome
        for name in outcome.keep_theirs:
            # Only the other editor changed this field: their value stays.
            cleaned[name] = outcome.their_value(name)
        cleaned["expected_version"] = outcome.on_version
        # The inline formsets (people, photos) are validated after this form and see the plan.
        self.instance.desk_save_plan = outcome
        return cleaned


class FindReplaceForm(forms.Form):
    find = forms.CharField(label="查找", max_length=200, help_text="例如 芒麻")
    replacement = forms.CharField(label="替换为", max_length=200, required=False, strip=False, help_text="例如 苎麻")
    regex = forms.BooleanField(
        label="正则表达式", required=False, help_text="勾选后“查找”按正则表达式匹配，“替换为”可用 \\1 引用分组。太慢的表达式（超过 10 秒）会被停止并提示。"
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
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
    """Choose a tag, or (when adding) type a new one: an archive starts with no tags at all."""

    tag = forms.ModelChoiceField(label="已有标签", queryset=Tag.objects.order_by("name"), required=False, empty_label="（请选择）")
    new_tag = forms.CharField(
        label="或新建标签", max_length=50, required=False, help_text="输入新标签的名称；已有同名标签时直接使用它。",
    )

    def __init__(self, *args: Any, adding: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adding = adding
        if not adding:
            del self.fields["new_tag"]
            self.fields["tag"].label = "标签"
            self.fields["tag"].required = True
        elif not Tag.objects.exists():
            del self.fields["tag"]
            self.fields["new_tag"].label = "新标签"
            self.fields["new_tag"].required = True
            self.fields["new_tag"].help_text = "还没有任何标签：输入第一个标签的名称，例如“防汛”。"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        tag, name = cleaned.get("tag"), (cleaned.get("new_tag") or "").strip()
        if self.adding and tag is None and not name:
            raise forms.ValidationError("请选择一个已有标签，或输入新标签的名称。")
        if tag is not None and name:
            raise forms.ValidationError("已有标签和新标签只能填一个。")
        cleaned["chosen"] = tag if tag is not None else name
        return cleaned
