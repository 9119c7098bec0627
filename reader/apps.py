"""The public site: pages, feeds, sitemaps, structured data, the API and the page cache."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = _("読者向けサイト")

    def ready(self):
        from articles import changes
        from reader import generations

        # Stored pages follow every change readers could see.
        changes.public_content_changed.connect(generations.public_content_changed, dispatch_uid="reader-page-cache")
