"""The public site: pages, feeds, sitemaps, structured data, the API and the page cache."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = _("読者向けサイト")
