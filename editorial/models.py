"""What the editors' desk keeps of its own: autosaved copies of each editor's unsaved story form."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class AutosaveQuerySet(models.QuerySet):
    def of(self, user, *, article: Article | None = None, draft_key: str = "") -> "AutosaveQuerySet":
        """`user`'s autosave of `article`, or of the new story their browser calls `draft_key`."""
        if article is not None:
            return self.filter(user=user, article=article)
        return self.filter(user=user, article__isnull=True, draft_key=draft_key)

    def of_new_stories(self, user) -> "AutosaveQuerySet":
        return self.filter(user=user, article__isnull=True)

    def older_than(self, moment) -> "AutosaveQuerySet":
        return self.filter(updated_at__lt=moment)


class Autosave(models.Model):
    """One editor's unsaved form of one story, kept while they type: private, never the story itself.

    The form's state as the browser serialized it (field names → values,
    no file contents), read back only by the same editor's browser to fill
    the form again. An existing story is named by `article`; a story not
    yet saved by the key its add page made up (`draft_key`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("編集者"), on_delete=models.CASCADE, related_name="autosaves",
    )
    article = models.ForeignKey(
        Article, verbose_name=_("記事"), on_delete=models.CASCADE, null=True, blank=True, related_name="autosaves",
    )
    draft_key = models.CharField(
        _("下書きキー"), max_length=64, blank=True,
        help_text=_("まだ保存されていない新しい記事を、編集者のブラウザが識別するためのキー。"),
    )
    data = models.JSONField(_("フォームの内容"))
    base_version = models.PositiveIntegerField(
        _("元の版"), null=True, blank=True, help_text=_("編集者がフォームを開いたときの記事の版。"),
    )
    updated_at = models.DateTimeField(_("自動保存日時"), default=timezone.now, db_index=True)

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("自動保存")
        verbose_name_plural = _("自動保存")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "article"), condition=Q(article__isnull=False), name="autosave_one_per_story",
            ),
            models.UniqueConstraint(
                fields=("user", "draft_key"), condition=Q(article__isnull=True), name="autosave_one_per_new_story",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.article or self.draft_key}"
