from django.contrib import admin
from django.urls import include, path, re_path

from . import views

admin.site.site_header = "Newsdesk 編集"
admin.site.site_title = "Newsdesk 編集"
admin.site.index_title = "編集デスク"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
    path("", include("articles.urls")),
]
