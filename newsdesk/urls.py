from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from core import views

admin.site.site_header = _("Newsdesk 編集")
admin.site.site_title = _("Newsdesk 編集")
admin.site.index_title = _("編集デスク")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
]
# The reader's site: Japanese at its own paths, English under /en/ (reader/languages.py).
urlpatterns += i18n_patterns(path("", include("reader.urls")), prefix_default_language=False)

# A database failure outside a view (a middleware saving the session) answers 503 too.
handler500 = "core.resilience.server_error"
