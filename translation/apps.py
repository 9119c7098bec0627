"""The translation desk: paragraph alignment, the glossary at work, typography checks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "translation"
    verbose_name = _("翻訳デスク")
