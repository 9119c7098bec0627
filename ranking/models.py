from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class HourlyViews(models.Model):
    """How many times readers viewed one story in one hour: a number, nothing about who viewed it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="hourly_views", verbose_name=_("記事"))
    hour = models.DateTimeField(_("時間帯"), help_text=_("その1時間の始まり（UTC）。"))
    views = models.PositiveIntegerField(_("閲覧数"), default=0)

    class Meta:
        verbose_name = _("時間ごとの閲覧数")
        verbose_name_plural = _("時間ごとの閲覧数")
        constraints = (models.UniqueConstraint(fields=("article", "hour"), name="hourly_views_one_row_per_hour"),)
        indexes = (models.Index(fields=("hour",), name="hourly_views_hour"),)

    def __str__(self):
        hour = timezone.localtime(self.hour)
        return gettext("%(hour)s時台に%(views)s回") % {"hour": f"{hour:%Y-%m-%d %H}", "views": self.views}
