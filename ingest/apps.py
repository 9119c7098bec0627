"""The inbox: sources' feeds polled politely, article pages fetched safely and extracted clean, drafts started."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = _("入稿候補")

    def ready(self):
        from ingest import jobs  # noqa: F401  (registers the polling jobs with the engine)
