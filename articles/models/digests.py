"""The daily digest: a day's stories in the editor's order, with a note."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class DailyDigest(models.Model):
    date = models.DateField(_("日付"), unique=True)
    note = models.TextField(_("編集部から"), blank=True, help_text=_("まとめの冒頭に表示されます。"))

    class Meta:
        ordering = ("-date",)
        verbose_name = _("今日のまとめ")
        verbose_name_plural = _("今日のまとめ")

    def __str__(self):
        return str(self.date)

    def get_absolute_url(self):
        return reverse("articles:digest_day", args=[self.date])


class DigestEntry(models.Model):
    digest = models.ForeignKey(DailyDigest, on_delete=models.CASCADE, related_name="entries")
    article = models.ForeignKey(
        Article, verbose_name=_("記事"), on_delete=models.CASCADE, related_name="digest_entries",
    )
    position = models.PositiveIntegerField(_("順番"), default=0)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("まとめの記事")
        verbose_name_plural = _("まとめの記事")
        constraints = [
            models.UniqueConstraint(fields=("digest", "article"), name="unique_digest_entry"),
        ]

    def __str__(self):
        return str(self.article)
