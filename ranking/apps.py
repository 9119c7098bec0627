from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RankingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ranking"
    verbose_name = _("人気記事")

    def ready(self):
        from ranking import counting  # noqa: F401  (registers its periodic job with the engine)
