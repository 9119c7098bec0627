"""Revisions: every save of a story kept whole."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.field_labels import describe
from articles.models.article import Article


class Revision(models.Model):
    """The whole story (article, key points, figures, related picks) as it was after one save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("版"))
    created_at = models.DateTimeField(_("日時"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("編集者"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    summary = models.CharField(
        _("変更内容"), max_length=500, blank=True,
        help_text=_("特別な操作（作成・復元）の説明。通常の保存では空で、changed から表示します。"),
    )
    changed = models.JSONField(_("変更された項目"), default=list, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ("-version",)
        verbose_name = _("版")
        verbose_name_plural = _("版")
        constraints = [models.UniqueConstraint(fields=("article", "version"), name="unique_revision_version")]

    def __str__(self):
        return gettext("第%(v)s版") % {"v": self.version}

    @property
    def summary_text(self) -> str:
        """What this revision did, in the reader's language."""
        return self.summary or describe(self.changed)
