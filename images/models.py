"""Uploads kept while their form is corrected (images/pending.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingUpload(models.Model):
    """An image chosen in a form that came back with errors, kept so its editor need not choose it again.

    The file is kept as uploaded (it passed images.checks); the figure that
    claims it re-encodes it as any upload. Nobody's claim within a day: it
    goes (pending.clean_pending_uploads).
    """

    file = models.FileField(_("ファイル"), max_length=255)
    thumbnail = models.FileField(_("縮小画像"), max_length=255, blank=True)
    original_name = models.CharField(_("元のファイル名"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("アップロードした人"), on_delete=models.CASCADE, related_name="+",
    )
    uploaded_at = models.DateTimeField(_("アップロード日時"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("保存待ちのアップロード")
        verbose_name_plural = _("保存待ちのアップロード")

    def __str__(self):
        return self.original_name
