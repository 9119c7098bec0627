"""The public site: pages, feeds, sitemaps, structured data, the API and the page cache."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = _("読者向けサイト")

    def ready(self):
        from articles import changes
        from reader import purging, renewal

        # Stored pages, here and in the edge caches, follow every change readers could see.
        changes.public_content_changed.connect(renewal.renew_now_and_after_commit, dispatch_uid="reader-page-cache")
        changes.public_content_changed.connect(purging.purge_after_commit, dispatch_uid="reader-edge-purge")
