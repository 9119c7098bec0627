"""Figures' images: upload checks, re-encoding and renditions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("画像")
