"""A job that kept failing, kept for editors until a run of it succeeds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FailedJobQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved_at__isnull=True)


class FailedJob(models.Model):
    task_name = models.CharField(_("ジョブ"), max_length=200)
    arguments = models.JSONField(_("引数"), default=dict, help_text=_("ジョブに渡した位置引数とキーワード引数。"))
    signature = models.CharField(
        max_length=64, editable=False, db_index=True,
        help_text="SHA-256 of the task name and its arguments: the same job failing again updates this row.",
    )
    error = models.TextField(_("エラー"))
    traceback = models.TextField(_("トレースバック（要約）"), blank=True)
    attempts = models.PositiveIntegerField(_("試行回数"), default=0)
    failed_at = models.DateTimeField(_("失敗日時"))
    retried_at = models.DateTimeField(_("再実行日時"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("解決日時"), null=True, blank=True)

    objects = FailedJobQuerySet.as_manager()

    class Meta:
        ordering = ("-failed_at", "-id")
        verbose_name = _("失敗したジョブ")
        verbose_name_plural = _("失敗したジョブ")

    def __str__(self):
        return f"{self.task_name} ({self.failed_at:%Y-%m-%d %H:%M})"

    def is_resolved(self) -> bool:
        return self.resolved_at is not None
