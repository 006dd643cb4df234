from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.views.static import serve

admin.site.site_header = "荆州区新闻 · 编辑部"
admin.site.site_title = "荆州区新闻档案"
admin.site.index_title = "编辑工作台"

urlpatterns = [
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
