"""Views per story in the admin's article list (ranking/), for editors only: readers' pages never show them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ranking.rankings import with_view_counts


class ViewCountsMixin:
    """Adds `views_week` and `views_total` to the article list (the change form does without them)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name and match.url_name.endswith("_changelist"):
            queryset = with_view_counts(queryset)
        return queryset

    @admin.display(description=_("閲覧 7日"), ordering="views_week")
    def views_week(self, article):
        return getattr(article, "views_week", None)

    @admin.display(description=_("閲覧 累計"), ordering="views_total")
    def views_total(self, article):
        return getattr(article, "views_total", None)
