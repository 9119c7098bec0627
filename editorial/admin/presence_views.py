"""Presence in the story admin: the endpoint an open form's script reports to, and who else is on the form.

static/admin/newsdesk/presence.js posts `state=here` while the form is
visible and `state=gone` (a beacon) when the page is left; the answer to
`here` lists who else has the story open, so the notice follows them
without a reload. Without JavaScript nothing is posted: the form works as
ever, and its editor is simply not shown to the others.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from editorial import presence, throttling

MAX_PER_MINUTE = 60  # a few tabs' heartbeats and leavings; a runaway script is what it stops


class PresenceMixin:
    """For ArticleAdmin: who else has a story open, on its form; the endpoint that keeps it current."""

    def get_urls(self):
        extra = [
            path("<path:object_id>/presence/", self.admin_site.admin_view(self.presence_view),
                 name="articles_article_presence"),
        ]
        return extra + super().get_urls()

    def presence_view(self, request, object_id):
        """POST state=here (still on the form) or state=gone (left it); here answers who else is on it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            return JsonResponse({"error": _("記事が見つかりません。")}, status=404)
        if request.POST.get("state") == "gone":
            presence.mark_gone(article.pk, user=request.user)
            return HttpResponse(status=204)
        if not self.has_change_permission(request, article):
            # Only reading it: they are not editing, so the others are not told.
            return JsonResponse({"others": _others(article.pk, request.user)})
        if not throttling.within_rate("presence", request.user, MAX_PER_MINUTE):
            return JsonResponse({"error": _("しばらく待ってからもう一度お試しください。")}, status=429,
                                headers={"Retry-After": "60"})
        presence.mark_present(article.pk, user=request.user)
        return JsonResponse({"others": _others(article.pk, request.user)})

    def presence_context(self, request, obj) -> dict:
        """Who else has the story open, and what the form's script needs to say this editor is on it."""
        if obj is None or not obj.pk:
            return {}
        return {
            "presence_others": presence.others_editing(obj.pk, user=request.user),
            "presence_config": {
                "endpoint": reverse("admin:articles_article_presence", args=[obj.pk]),
                "heartbeat": settings.NEWSDESK_PRESENCE_HEARTBEAT_SECONDS,
            },
        }


def _others(article_id: int, user) -> list[dict]:
    return [{"text": person.notice()} for person in presence.others_editing(article_id, user=user)]
