"""Images: the media library, upload checks, re-encoding and renditions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("画像")

    def ready(self):
        from django.core.signals import request_finished
        from django.db.models.signals import post_delete

        from images import storage
        from images.models import Image

        # A library image's files go with it (only an image no figure shows can be deleted).
        post_delete.connect(storage.image_deleted, sender=Image, dispatch_uid="library-image-files-delete")
        # Files written by a save whose transaction rolled back go when the request ends.
        request_finished.connect(storage.discard_uncommitted, dispatch_uid="image-files-uncommitted")
