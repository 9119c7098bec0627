"""Failed background jobs: what gave up and why, and 「再実行」 to queue it again (jobs/engine.py)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobs import engine
from jobs.models import FailedJob

from .read_only import READ_ONLY_FORM


class ResolvedFilter(admin.SimpleListFilter):
    title = _("状態")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return (("open", _("未解決")), ("resolved", _("解決済み")))

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.unresolved()
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


def job_label(task_name: str) -> str:
    """The job's name in the admin (its `label`), or its task name when this version has no such job."""
    task = engine.app.tasks.get(task_name)
    return getattr(task, "label", None) or task_name


class JobFilter(admin.SimpleListFilter):
    title = _("ジョブ")
    parameter_name = "job"

    def lookups(self, request, model_admin):
        names = FailedJob.objects.order_by("task_name").values_list("task_name", flat=True).distinct()
        return [(name, job_label(name)) for name in names]

    def queryset(self, request, queryset):
        return queryset.filter(task_name=self.value()) if self.value() else queryset


@admin.register(FailedJob)
class FailedJobAdmin(admin.ModelAdmin):
    list_display = ("job_label", "short_error", "attempts", "failed_at", "retried_at", "is_resolved")
    list_filter = (ResolvedFilter, JobFilter)
    search_fields = ("task_name", "error")
    date_hierarchy = "failed_at"
    actions = ("retry_selected",)
    fields = ("job_label", "task", "arguments", "error", "traceback", "attempts", "failed_at", "retried_at",
              "resolved_at")
    readonly_fields = fields
    change_form_template = "admin/jobs/failedjob/change_form.html"

    @admin.display(description=_("ジョブ"), ordering="task_name")
    def job_label(self, failed):
        return job_label(failed.task_name)

    @admin.display(description=_("タスク名"))
    def task(self, failed):
        return failed.task_name

    def get_urls(self):
        retry = path("<path:object_id>/retry/", self.admin_site.admin_view(self.retry_view), name="jobs_failedjob_retry")
        return [retry, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        failed = self.get_object(request, object_id)
        extra = {}
        if failed is not None:
            extra = {"failed": failed, "may_retry": self.has_change_permission(request, failed)
                     and not failed.is_resolved(), "title": job_label(failed.task_name), **READ_ONLY_FORM}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def retry_view(self, request, object_id):
        """The change form's 「再実行」: the one failure queued again, back to its page with what happens next."""
        failed = self.get_object(request, object_id)
        if failed is None:
            raise Http404
        if not self.has_change_permission(request, failed):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self.retry_selected(request, FailedJob.objects.filter(pk=failed.pk))
        return redirect("admin:jobs_failedjob_change", failed.pk)

    @admin.display(description=_("エラー"))
    def short_error(self, failed):
        first_line = failed.error.splitlines()[0] if failed.error else ""
        return first_line[:120]

    @admin.display(description=_("解決済み"), boolean=True, ordering="resolved_at")
    def is_resolved(self, failed):
        return failed.is_resolved()

    def has_add_permission(self, request):
        return False  # failures are written by the engine only

    @admin.action(description=_("再実行"), permissions=("change",))
    def retry_selected(self, request, queryset):
        open_jobs = list(queryset.unresolved())
        queued = [failed for failed in open_jobs if engine.retry(failed)]
        unknown = len(open_jobs) - len(queued)
        if queued:
            self.message_user(request, ngettext(
                "%(count)d 件のジョブを再実行に回しました。成功すると解決済みになります。",
                "%(count)d 件のジョブを再実行に回しました。成功すると解決済みになります。",
                len(queued),
            ) % {"count": len(queued)}, messages.SUCCESS)
        if unknown:
            self.message_user(request, _("このバージョンにないジョブは再実行できません（%(count)d 件）。") % {"count": unknown},
                              messages.WARNING)
        if not queued and not unknown:
            self.message_user(request, _("選択したジョブはすべて解決済みです。"), messages.INFO)
