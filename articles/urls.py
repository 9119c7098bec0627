from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        import datetime

        return datetime.date.fromisoformat(value)

    def to_url(self, value):
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("category/<str:slug>/", views.CategoryArticleListView.as_view(), name="category"),
    path("tag/<str:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("source/<str:slug>/", views.SourceArticleListView.as_view(), name="source"),
    path("digest/", views.DigestView.as_view(), name="digest"),
    path("digest/<isodate:day>/", views.DigestView.as_view(), name="digest_day"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("lang/<str:code>/", views.switch_language, name="switch_language"),
]
