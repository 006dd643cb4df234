"""A test-only admin site with the spreadsheet mixins, the way the real ModelAdmins use them
(the mixin first among the bases), so the admin's import and export are tested through real
admin URLs whatever state ``articles/admin.py`` is in."""

from django.contrib import admin
from django.urls import path

from articles.models import Article, Issue, Photo, Tag
from articles.sheets.admin import (
    ArticleImportExportMixin,
    IssueImportExportMixin,
    PersonImportExportMixin,
    PhotoImportExportMixin,
    TagImportExportMixin,
)
from people.models import Person

site = admin.AdminSite(name="admin")


@admin.register(Article, site=site)
class ArticleAdmin(ArticleImportExportMixin, admin.ModelAdmin):
    list_display = ("headline", "status", "is_published")
    list_filter = ("status", "is_published")
    search_fields = ("headline", "body")


@admin.register(Issue, site=site)
class IssueAdmin(IssueImportExportMixin, admin.ModelAdmin):
    pass


@admin.register(Photo, site=site)
class PhotoAdmin(PhotoImportExportMixin, admin.ModelAdmin):
    pass


@admin.register(Tag, site=site)
class TagAdmin(TagImportExportMixin, admin.ModelAdmin):
    pass


@admin.register(Person, site=site)
class PersonAdmin(PersonImportExportMixin, admin.ModelAdmin):
    search_fields = ("name",)


urlpatterns = [path("admin/", site.urls)]
