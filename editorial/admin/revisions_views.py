"""A story's extra admin pages: its revisions (compare two, restore one) and its preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles import changes, previews, restoring, revisions
from editorial.admin.reports import WITHDRAWN_REVIEW


class ArticleHistoryMixin:
    """The revisions page, restore (a POST) and the signed preview link, for ArticleAdmin."""

    def get_urls(self):
        extra = [
            path("<path:object_id>/revisions/", self.admin_site.admin_view(self.revisions_view),
                 name="articles_article_revisions"),
            path("<path:object_id>/revisions/<int:version>/restore/", self.admin_site.admin_view(self.restore_view),
                 name="articles_article_restore"),
            path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview_view),
                 name="articles_article_preview"),
        ]
        return extra + super().get_urls()

    def _article_or_404(self, request, object_id, *, change=False):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        allowed = self.has_change_permission(request, article) if change else self.has_view_or_change_permission(request, article)
        if not allowed:
            raise PermissionDenied
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        all_revisions = list(article.revisions.select_related("created_by"))
        by_version = {r.version: r for r in all_revisions}
        a, b = request.GET.get("a"), request.GET.get("b")
        comparison = None
        if a and b:
            try:
                old, new = by_version[int(a)], by_version[int(b)]
            except (KeyError, ValueError):
                raise Http404
            if old.version > new.version:
                old, new = new, old
            comparison = {"old": old, "new": new, "fields": revisions.diff(old.data, new.data)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("版の履歴: %(title)s") % {"title": article.title},
            "revisions": all_revisions,
            "comparison": comparison,
            "can_restore": self.has_change_permission(request, article),
            "selected": (comparison["old"].version, comparison["new"].version) if comparison else
                        tuple(r.version for r in all_revisions[1::-1]),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, version):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id, change=True)
        revision = get_object_or_404(article.revisions, version=version)
        with changes.batched(), transaction.atomic():
            result = restoring.restore(revision, by=request.user)
        self.log_change(request, article, _("第%(version)s版を復元") % {"version": version})
        self.message_user(request, _("第%(version)s版の内容を新しい版として復元しました。") % {"version": version},
                          messages.SUCCESS)
        for warning in result.warnings:
            self.message_user(request, warning, messages.WARNING)
        if result.review_withdrawn:
            self.message_user(request, WITHDRAWN_REVIEW, messages.WARNING)
        return redirect("admin:articles_article_change", article.pk)

    def preview_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        return redirect(previews.preview_url(article))
