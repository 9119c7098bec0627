"""The front page's slots: the story an editor pinned as the lead, and the secondary stories in order."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class FrontPageSlotQuerySet(models.QuerySet):
    def current(self, *, now=None):
        """Pins still in force: with no end, or an end still to come."""
        now = now or timezone.now()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gt=now))


class FrontPageSlot(models.Model):
    """One place on the front page held by a story an editor chose, optionally until a time.

    Position 0 is the lead; 1 to SECONDARY_SLOTS the secondary stories, in
    that order. An empty place, an expired pin or a story no longer public is
    filled by the newest stories (reader/front_page.py).
    """

    LEAD = 0
    SECONDARY_SLOTS = 4

    position = models.PositiveSmallIntegerField(
        _("位置"), unique=True,
        choices=[(LEAD, _("トップ記事")), (1, _("サブ記事1")), (2, _("サブ記事2")), (3, _("サブ記事3")), (4, _("サブ記事4"))],
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="front_page_slots", verbose_name=_("記事"))
    until = models.DateTimeField(
        _("掲載終了"), null=True, blank=True,
        help_text=_("この時刻を過ぎると固定を外し、最新記事で埋めます。空欄なら外すまで固定します。"),
    )

    objects = FrontPageSlotQuerySet.as_manager()

    class Meta:
        ordering = ("position",)
        verbose_name = _("トップページの固定枠")
        verbose_name_plural = _("トップページの固定枠")

    def __str__(self):
        return f"{self.get_position_display()}: {self.article}"
