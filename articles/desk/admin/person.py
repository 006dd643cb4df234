"""The person admin: who appears where, with which titles; merging people and linking mentions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from articles.desk.admin.common import count_of
from articles.desk.editing import people as people_services
from articles.desk.editing.common import EditingError
from articles.models import ArticlePerson, ArticleRevision
from articles.sheets.admin import PersonImportExportMixin
from people.models import Person, PersonAlias


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1
    verbose_name_plural = "别名（其他写法，如 OCR 误识）"


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(label="保留的人物", queryset=Person.objects.none(), widget=forms.RadioSelect)

    def __init__(self, *args: Any, people: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = people


@admin.register(Person)
class PersonAdmin(PersonImportExportMixin, admin.ModelAdmin):
    list_display = ("name", "article_count", "alias_list", "note")
    search_fields = ("name", "aliases__name")
    list_per_page = 100
    inlines = (PersonAliasInline,)
    readonly_fields = ("titles_over_time", "mention_tools")
    fields = ("name", "note", "titles_over_time", "mention_tools")
    actions = ("merge_people",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super().get_queryset(request)
            .annotate(article_total=count_of(ArticlePerson.objects.all(), "person", "article", distinct=True))
            .prefetch_related("aliases")
        )

    @admin.display(description="文章数", ordering="article_total")
    def article_count(self, person: Person) -> int:
        return person.article_total

    @admin.display(description="别名")
    def alias_list(self, person: Person) -> str:
        return "、".join(a.name for a in person.aliases.all())

    @admin.display(description="历年职务/身份")
    def titles_over_time(self, person: Person) -> str:
        rows = (
            ArticlePerson.objects.filter(person=person)
            .select_related("article")
            .only("title", "role", "article__id", "article__date", "article__headline", "article__kicker")
            .order_by("article__date", "article_id")
        )
        roles = dict(ArticlePerson.Role.choices)
        return format_html(
            '<table class="titles-over-time"><thead><tr><th>日期</th><th>职务/身份</th><th>角色</th><th>文章</th></tr></thead><tbody>{}</tbody></table>',
            format_html_join(
                "", '<tr><td>{}</td><td>{}</td><td>{}</td><td><a href="{}">{}</a></td></tr>',
                (
                    (c.article.date or "", c.title or "—", roles.get(c.role, c.role),
                     reverse("admin:articles_article_change", args=[c.article_id]), c.article.title or f"#{c.article_id}")
                    for c in rows
                ),
            ),
        )

    @admin.display(description="关联提及")
    def mention_tools(self, person: Person) -> str:
        if not person.pk:
            return "保存后可在档案中查找并关联此人被提及的文章。"
        return format_html('<a class="button" href="{}">查找并关联提及此人的文章</a>',
                           reverse("admin:people_person_link_mentions", args=[person.pk]))

    def get_urls(self) -> list:
        return [
            path("<int:person_id>/link-mentions/", self.admin_site.admin_view(self.link_mentions_view),
                 name="people_person_link_mentions"),
            path("<int:person_id>/relink/", self.admin_site.admin_view(self.relink_view), name="people_person_relink"),
            *super().get_urls(),
        ]

    def relink_view(self, request: HttpRequest, person_id: int) -> HttpResponse:
        """After a find & replace corrected this person's name: link the articles to the new one."""
        person = get_object_or_404(Person, pk=person_id)
        if not self.has_change_permission(request, person) or not request.user.has_perm("articles.change_article"):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        batch, new_name = data.get("batch", ""), data.get("to", "").strip()[:50]
        batch_ids = ArticleRevision.objects.filter(batch=batch).values_list("article_id", flat=True) if batch else []
        if request.method == "POST":
            chosen = [int(i) for i in request.POST.getlist("article") if i.isdigit()]
            try:
                count = people_services.relink_person(
                    old=person, new_name=new_name, article_ids=set(chosen) & set(batch_ids), user=request.user
                )
            except EditingError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"已把 {count} 篇文章的人物“{person.name}”改为“{new_name}”，并记入修改历史。")
                return HttpResponseRedirect(reverse("admin:articles_article_find_replace"))
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": person,
            "title": f"改关联人物：{person}", "person": person, "new_name": new_name, "batch": batch,
            "articles": people_services.articles_crediting(person=person, article_ids=batch_ids),
            "existing": Person.objects.filter(name=new_name).first(),
        }
        return TemplateResponse(request, "admin/people/person/relink.html", context)

    def response_add(self, request: HttpRequest, obj: Person, post_url_continue: str | None = None) -> HttpResponse:
        if "_link_mentions" in request.POST:
            return HttpResponseRedirect(reverse("admin:people_person_link_mentions", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def link_mentions_view(self, request: HttpRequest, person_id: int) -> HttpResponse:
        person = get_object_or_404(Person, pk=person_id)
        if not self.has_change_permission(request, person) or not request.user.has_perm("articles.change_article"):
            raise PermissionDenied
        if request.method == "POST":
            count = people_services.link_mentions(
                person=person, article_ids=[int(i) for i in request.POST.getlist("article") if i.isdigit()],
                user=request.user, title=request.POST.get("title", "")[:100],
            )
            messages.success(request, f"已把“{person}”关联到 {count} 篇文章（角色：提及）。")
            return HttpResponseRedirect(reverse("admin:people_person_change", args=[person.pk]))
        articles = people_services.unlinked_mentions(person=person)
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": person,
            "title": f"关联提及：{person}", "person": person, "articles": articles,
        }
        return TemplateResponse(request, "admin/people/person/link_mentions.html", context)

    @admin.action(description="合并所选人物（选两人）", permissions=["change"])
    def merge_people(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        people = queryset.order_by("name")
        if people.count() != 2:
            self.message_user(request, "请恰好选择两个人物进行合并。", messages.WARNING)
            return None
        form = MergeForm(request.POST if "apply_merge" in request.POST else None, people=people)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            other = next(p for p in people if p.pk != keep.pk)
            try:
                result = people_services.merge_people(keep=keep, other=other, user=request.user)
            except EditingError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            self.message_user(
                request, f"已把“{other.name}”合并到“{keep.name}”（{result.articles} 篇文章），“{other.name}”成为别名。",
                messages.SUCCESS,
            )
            # The text may still spell the merged-away name: offer to correct it (preview first).
            fix_text = reverse("admin:articles_article_find_replace") + "?" + urlencode(
                {"find": other.name, "replacement": keep.name}
            )
            self.message_user(request, format_html(
                '正文里可能还写着“{}”。<a href="{}" id="fix-text-offer">查找并改为“{}”（先预览，再选择要改的地方）</a>',
                other.name, fix_text, keep.name,
            ), messages.INFO)
            return None
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": "合并人物",
            "form": form, "people": people, "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "contexts": [(p, people_services.sentences_naming(person=p)) for p in people],
        }
        return TemplateResponse(request, "admin/people/person/merge.html", context)
