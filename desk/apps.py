"""The desk: review requests, notes between editors on a story, and the notifications they send."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("デスク")
