from django.urls import path, re_path

from articles.site import feeds, views
from articles.site.views import scans

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("issues/", views.IssueArchiveView.as_view(), name="issue_archive"),
    path("issues/<int:year>/", views.IssueArchiveView.as_view(), name="issue_year"),
    re_path(r"^issues/(?P<date>\d{4}-\d{2}-\d{2})/$", views.IssueByDateView.as_view(), name="issue_by_date"),
    path("issues/id/<int:pk>/", views.IssueDetailView.as_view(), name="issue_detail"),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("pages/<int:pk>/image/", scans.page_image, name="page_image"),
    path("pages/<int:pk>/thumbnail/", scans.page_thumbnail, name="page_thumbnail"),
    path("pages/<int:pk>/tiles/<path:path>", scans.page_tiles, name="page_tiles"),
    re_path(r"^pages/(?P<pk>\d+)/crop/(?P<box>\d{1,5},\d{1,5},\d{1,5},\d{1,5})\.jpg$", scans.page_crop, name="page_crop"),
    path("photos/", views.PhotoListView.as_view(), name="photo_list"),
    path("tags/", views.TagListView.as_view(), name="tag_list"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="feed_latest"),
    path("feeds/tags/<str:slug>/", feeds.TagFeed(), name="feed_tag"),
    path("feeds/people/<int:pk>/", feeds.PersonFeed(), name="feed_person"),
]
