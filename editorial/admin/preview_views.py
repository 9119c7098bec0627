"""The story form's live preview in the admin: the endpoint its script posts the form to, and the pane's settings.

The browser (static/editorial/live_preview.js) posts the whole form a
moment after typing stops; the answer is the story drawn as the reader
page will draw it (editorial/live_preview.py), for the pane beside the
form. The admin's own: signed in as staff, the CSRF token, add or change
permission on the story, never cached (admin_view), and limited per
minute as autosave is. Nothing is written.
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from editorial import live_preview, throttling


def _error(message: str, status: int, **headers) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, headers=headers)


class LivePreviewMixin:
    """For ArticleAdmin: the live preview's endpoint, and what the form's pane needs."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.live_preview_view)
        extra = [
            path("live-preview/", view, name="articles_article_live_preview"),
            path("<path:object_id>/live-preview/", view, name="articles_article_live_preview_of"),
        ]
        return extra + super().get_urls()

    def live_preview_view(self, request, object_id=None):
        """POST the story's form (its fields as the form names them): {"html": the preview page, "warnings": [...]}."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        limit = settings.NEWSDESK_AUTOSAVE_MAX_BYTES
        try:
            length = int(request.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return _error(_("フォームの内容が大きすぎるため、プレビューを表示できません（上限 %(limit)s MB）。") % {
                "limit": f"{limit / 1_000_000:g}"}, 413)
        article = None
        if object_id is None:
            if not self.has_add_permission(request):
                return _error(_("記事を追加する権限がありません。"), 403)
        else:
            article = self.get_object(request, object_id) if str(object_id).isdigit() else None
            if article is None:
                return _error(_("記事が見つかりません。"), 404)
            if not self.has_change_permission(request, article):
                return _error(_("この記事を編集する権限がありません。"), 403)
        if not throttling.within_rate("live-previews", request.user, settings.NEWSDESK_PREVIEW_MAX_PER_MINUTE):
            return _error(_("プレビューの更新が続いたため、少し待ってから更新します。"), 429, **{"Retry-After": "60"})
        preview = live_preview.story_from_form(request.POST, user=request.user, article=article)
        return JsonResponse({"html": live_preview.render(preview), "warnings": preview.warnings})

    def live_preview_context(self, request, obj=None) -> dict:
        """The pane's settings for the form's template: where to post the form."""
        add = obj is None or obj.pk is None
        if not add and not self.has_change_permission(request, obj):
            return {}  # a story this editor may only view has no form to preview
        endpoint = (reverse("admin:articles_article_live_preview") if add
                    else reverse("admin:articles_article_live_preview_of", args=[obj.pk]))
        return {"live_preview_config": {"endpoint": endpoint}}
