from django.urls import path

from articles.site import api

app_name = "api"

urlpatterns = [
    path("", api.index, name="index"),
    path("articles/", api.article_list, name="article_list"),
    path("articles/<int:pk>/", api.article_detail, name="article_detail"),
    path("issues/", api.issue_list, name="issue_list"),
    path("issues/<int:pk>/", api.issue_detail, name="issue_detail"),
    path("people/", api.person_list, name="person_list"),
    path("people/<int:pk>/", api.person_detail, name="person_detail"),
]
