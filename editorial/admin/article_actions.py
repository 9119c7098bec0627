"""The story list's actions: publish, unpublish, send to review, each through publishing.py."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from articles import publishing, revisions
from desk import reviews


class ArticleActionsMixin:
    """Workflow steps for the selected stories, each story on its own: one refused does not stop the rest."""

    actions = ("publish_selected", "submit_selected", "unpublish_selected")

    def _run_step(self, request, queryset, step, done_message):
        done, problems = 0, []
        for article in queryset:
            try:
                step(article)
            except (ValidationError, PermissionDenied) as exc:
                text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                problems.append(_("「%(title)s」: %(problem)s") % {"title": article.title, "problem": text})
                continue
            revisions.record(article, by=request.user)
            done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for problem in problems:
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description=_("選択した記事を公開する"), permissions=("publish",))
    def publish_selected(self, request, queryset):
        self._run_step(
            request, queryset,
            lambda a: reviews.story_left_review(
                publishing.publish(a, by=request.user, at=a.published_at if a.status == a.Status.SCHEDULED else None),
                by=request.user,
            ),
            _("%(count)s 件を公開しました。"),
        )

    @admin.action(description=_("選択した記事を非公開（下書き）に戻す"), permissions=("publish",))
    def unpublish_selected(self, request, queryset):
        self._run_step(request, queryset, lambda a: reviews.story_left_review(publishing.unpublish(a, by=request.user),
                                                                               by=request.user),
                       _("%(count)s 件を下書きに戻しました。"))

    @admin.action(description=_("選択した記事をレビューに出す"), permissions=("change",))
    def submit_selected(self, request, queryset):
        # To the Editor group, who are notified (desk.reviews); the story's form names one reviewer.
        self._run_step(request, queryset, lambda a: reviews.request_review(a, by=request.user),
                       _("%(count)s 件をレビューに出しました。"))
