"""Background jobs on Celery: renditions, e-mail, periodic work, and the failed jobs editors can retry."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("バックグラウンドジョブ")

    def ready(self):
        from django.db.models.signals import post_save

        from images.models import Image
        from jobs import mail, periodic, renditions  # noqa: F401  (each registers its jobs with the engine)

        # A library image stored without renditions gets them from a job once its save commits.
        post_save.connect(renditions.image_saved, sender=Image, dispatch_uid="jobs-library-image-renditions")
