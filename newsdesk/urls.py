from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from . import users_admin, views  # users_admin: Chief editors manage accounts, not superusers

admin.site.site_header = _("Newsdesk 編集")
admin.site.site_title = _("Newsdesk 編集")
admin.site.index_title = _("編集デスク")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
    path("", include("articles.urls")),
]

# A database failure outside a view (a middleware saving the session) answers 503 too.
handler500 = "newsdesk.resilience.server_error"
