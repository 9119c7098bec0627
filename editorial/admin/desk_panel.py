"""The desk beside a story's form: its review (ask, approve, send back) and the notes between editors.

Each is a form posting to its own endpoint, which calls one desk service
and redirects back to the story's form with a message: it all works
without JavaScript (static/admin/newsdesk/desk.js only adds comfort).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles import publishing
from articles.models import Article
from desk import notes, reviews
from desk.models import Note, NoteField, ReviewRequest

User = get_user_model()
EVERY_EDITOR = "group"  # the reviewer choice that sends a story to the whole Editor group


class DeskPanelMixin:
    """Review and notes for ArticleAdmin: the panel's context and its endpoints."""

    def get_urls(self):
        extra = [
            path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view),
                 name="articles_article_review"),
            path("<path:object_id>/notes/", self.admin_site.admin_view(self.note_view),
                 name="articles_article_notes"),
            path("<path:object_id>/notes/<int:note_id>/", self.admin_site.admin_view(self.note_state_view),
                 name="articles_article_note_state"),
        ]
        return extra + super().get_urls()

    def desk_context(self, request, obj) -> dict:
        if obj is None or not obj.pk:
            return {}
        user = request.user
        rounds = reviews.history(obj)
        request_open = next((r for r in rounds if r.state == ReviewRequest.State.OPEN), None)
        translator = publishing.translator_id(obj)
        can_request = obj.status in (Article.Status.DRAFT, Article.Status.REVIEW)
        thread = notes.thread(obj)
        last_round = rounds[0] if rounds else None
        return {
            "desk": {
                "open_request": request_open,
                "rounds": rounds,
                "reviewers": [u for u in reviews.reviewers() if u.pk not in (user.pk, translator)]
                if can_request else [],
                "can_request": can_request,
                "can_decide": request_open is not None and publishing.can_review(user)
                and request_open.requested_by_id != user.pk and user.pk != translator,
                "review_required": publishing.review_required(),
                "notes": thread,
                "open_notes": sum(1 for note in thread if note.is_open),
                # The panel is under a long form when the live preview takes the side: the top of the form says
                # what waits there (a story sent back, with its note; notes still open).
                "sent_back": last_round if last_round is not None and obj.status == Article.Status.DRAFT
                and last_round.state == ReviewRequest.State.SENT_BACK else None,
                "note_draft": request.session.pop("desk_note_draft", ""),
                "fields": NoteField.choices,
            },
        }

    def follow_review(self, request, result) -> None:
        """After a save from the form: a story the status field moved into or out of review has its request follow."""
        if not result.status_moved:
            return
        article = result.article
        if article.status == Article.Status.REVIEW:
            reviews.story_entered_review(article, by=request.user)
        else:
            reviews.story_left_review(article, by=request.user)

    # Endpoints ------------------------------------------------------------------------

    def _story(self, request, object_id) -> Article:
        if request.method != "POST":
            raise _NotPost
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article) and not publishing.can_review(request.user):
            raise PermissionDenied
        return article

    def review_view(self, request, object_id):
        try:
            article = self._story(request, object_id)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        step = request.POST.get("step", "")
        note = request.POST.get("note", "")
        try:
            if step == "request":
                reviewer = self._reviewer(request.POST.get("reviewer", EVERY_EDITOR))
                reviews.request_review(article, by=request.user, reviewer=reviewer, note=note)
                done = _("レビューに出しました。担当者に通知しました。")
            elif step == "approve":
                reviews.approve(article, by=request.user, note=note)
                done = _("承認しました。この記事は公開・予約できます。")
            elif step == "send_back":
                reviews.send_back(article, by=request.user, note=note)
                done = _("差し戻しました。翻訳者に通知しました。")
            else:
                raise ValidationError(_("操作が正しくありません。"))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _problem(exc))
        else:
            messages.success(request, done)
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#desk-review")

    def _reviewer(self, choice: str):
        if choice in ("", EVERY_EDITOR):
            return None
        if not choice.isdigit():
            raise ValidationError(_("レビュー担当が正しくありません。"))
        reviewer = User.objects.filter(pk=int(choice)).first()
        if reviewer is None:
            raise ValidationError(_("レビュー担当が見つかりません。"))
        return reviewer

    def note_view(self, request, object_id):
        try:
            article = self._story(request, object_id)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        try:
            notes.add_note(article, by=request.user, text=request.POST.get("text", ""),
                           field=request.POST.get("field", ""))
        except ValidationError as exc:
            messages.error(request, _problem(exc))
            # The text comes back in the form, so nothing typed is lost.
            request.session["desk_note_draft"] = request.POST.get("text", "")[: notes.MAX_LENGTH * 2]
        else:
            messages.success(request, _("メモを書き込みました。"))
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#desk-notes")

    def note_state_view(self, request, object_id, note_id):
        try:
            article = self._story(request, object_id)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        note = get_object_or_404(Note, pk=note_id, article=article)
        if request.POST.get("state") == "open":
            notes.reopen_note(note, by=request.user)
            messages.success(request, _("メモを未解決に戻しました。"))
        else:
            notes.resolve_note(note, by=request.user)
            messages.success(request, _("メモを解決済みにしました。"))
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + f"#note-{note.pk}")


class _NotPost(Exception):
    pass


def _problem(exc) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)

