"""The story form's autosave in the admin: the endpoint the browser writes to, discard, and the offer to restore.

The browser (static/admin/newsdesk/autosave.js) posts the form as JSON a
few seconds after typing stops and when the page is left; the form
offers the editor's autosave back when it opens (the banner of
admin/articles/article/_autosave.html). Every row is the signed-in
editor's own: no URL names another editor's.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from editorial import autosaves
from images import pending

AUTOSAVE_KEY = "_autosave_key"  # the add page's draft key, carried by the form's POST


def _error(message: str, status: int, **headers) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, headers=headers)


class AutosaveMixin:
    """For ArticleAdmin: the autosave endpoint and discard, the offer in the form, forgetting on save."""

    def get_urls(self):
        extra = [
            path("autosave/", self.admin_site.admin_view(self.autosave_view), name="articles_article_autosave"),
            path("autosave/discard/", self.admin_site.admin_view(self.autosave_discard_view),
                 name="articles_article_autosave_discard"),
        ]
        return extra + super().get_urls()

    def autosave_view(self, request):
        """POST {"article": id or null, "draft_key", "base_version", "data"}: keep it as the editor's autosave.

        GET answers the CSRF token of the editor's session: a form left open while the
        editor signed in again elsewhere (which renews the token) takes it up, so both its
        autosave and its save work again.
        """
        if request.method == "GET":
            return JsonResponse({"csrf_token": get_token(request)})
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        limit = settings.NEWSDESK_AUTOSAVE_MAX_BYTES
        try:
            length = int(request.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > limit or len(request.body) > limit:
            return _error(_("フォームの内容が大きすぎるため、自動保存できませんでした（上限 %(limit)s MB）。") % {
                "limit": f"{limit / 1_000_000:g}"}, 413)
        try:
            payload = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return _error(_("自動保存の内容が読み取れません。"), 400)
        if not isinstance(payload, dict):
            return _error(_("自動保存の内容が読み取れません。"), 400)
        article, refusal = self._autosaved_story(request, payload.get("article"))
        if refusal is not None:
            return refusal
        if not autosaves.allow_write(request.user):
            return _error(_("自動保存が続けて行われたため、少し待ってからもう一度保存します。"), 429, **{"Retry-After": "60"})
        base_version = payload.get("base_version")
        try:
            autosave = autosaves.keep(
                user=request.user, article=article, data=payload.get("data"),
                draft_key=str(payload.get("draft_key") or ""),
                base_version=base_version if isinstance(base_version, int) and base_version >= 0 else None,
            )
        except ValidationError as exc:
            return _error(" ".join(exc.messages), 400)
        return JsonResponse({
            "saved_at": autosave.updated_at.isoformat(),
            "saved_at_display": timezone.localtime(autosave.updated_at).strftime("%H:%M"),
        })

    def _autosaved_story(self, request, article_id):
        """The story an autosave is of (None for a new one), or a JSON refusal."""
        if article_id is None:
            if not self.has_add_permission(request):
                return None, _error(_("記事を追加する権限がありません。"), 403)
            return None, None
        if not isinstance(article_id, int):
            return None, _error(_("自動保存の内容が読み取れません。"), 400)
        article = self.get_object(request, str(article_id))
        if article is None:
            return None, _error(_("記事が見つかりません。"), 404)
        if not self.has_change_permission(request, article):
            return None, _error(_("この記事を編集する権限がありません。"), 403)
        return article, None

    def autosave_discard_view(self, request):
        """POST article or draft_key: delete the editor's autosave of it, then back to the form (or JSON)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article_id = request.POST.get("article", "")
        article = self.get_object(request, article_id) if article_id.isdigit() else None
        if article_id and article is None:
            deleted = 0  # gone, or never there: nothing of this editor's to delete
        else:
            deleted = autosaves.discard(user=request.user, article=article,
                                        draft_key=request.POST.get("draft_key", ""))
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"deleted": deleted})
        self.message_user(request, _("自動保存された変更を破棄しました。"), messages.INFO)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            back = reverse("admin:articles_article_changelist")
        return redirect(back)

    # In the form ------------------------------------------------------------------------

    def autosave_context(self, request, obj=None) -> dict:
        """What the form's template and script need: the endpoints, the story's keys, and the offer."""
        add = obj is None or obj.pk is None
        if not add and not self.has_change_permission(request, obj):
            return {}  # a story this editor may only view: nothing to keep
        article = None if add else obj
        draft_key = (request.POST.get(AUTOSAVE_KEY) or request.GET.get("draft") or "") if add else ""
        offer = None
        if request.method == "GET":  # after a refused save the form holds the editor's own work
            offer = autosaves.offered(user=request.user, article=article, draft_key=draft_key)
        config = {
            "endpoint": reverse("admin:articles_article_autosave"),
            "discardEndpoint": reverse("admin:articles_article_autosave_discard"),
            "article": None if add else obj.pk,
            "draftKey": draft_key if autosaves.DRAFT_KEY.match(draft_key) else "",
            "keyField": AUTOSAVE_KEY,
            "unsaved": request.method == "POST",
            "offer": None,
        }
        if offer is not None:
            config["offer"] = {
                "data": offer.data, "draftKey": offer.draft_key, "baseVersion": offer.base_version,
                "kept": kept_uploads(offer.data, user=request.user),
            }
        stale = bool(offer and article and offer.base_version is not None and offer.base_version != article.version)
        return {"autosave_config": config, "autosave_offer": offer, "autosave_stale": stale}

    def forget_autosave(self, request, article) -> None:
        """The editor saved the story: their autosave of it (and of it as a new story) is done with."""
        autosaves.discard(user=request.user, article=article)
        draft_key = request.POST.get(AUTOSAVE_KEY, "")
        if draft_key:
            autosaves.discard(user=request.user, draft_key=draft_key)


def kept_uploads(data, *, user) -> dict:
    """The images an autosave's figure rows had kept after a refused save, that `user` may still claim.

    By field name: {"thumbnail": url, "name": the file's name}, so restoring
    shows each row its picture and the next save takes it up. A reference
    gone stale (cleaned up, altered, another editor's) is left out: the
    row then asks for an image, as a new one would.
    """
    fields = data.get("fields") if isinstance(data, dict) else None
    found = {}
    for name, value in (fields or {}).items():
        if not (name.endswith("-kept_upload") and isinstance(value, str) and value):
            continue
        try:
            kept = pending.claim(value, by=user)  # only looks: the save takes it up
        except pending.Refused:
            continue
        found[name] = {"thumbnail": kept.thumbnail.url, "name": kept.original_name}
    return found
