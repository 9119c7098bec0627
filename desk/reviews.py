"""Review: a translator hands a story to a reviewer, who approves it or sends it back with a note.

Under NEWSDESK_REQUIRE_REVIEW only an approved story is published or
scheduled (articles.publishing.check_reviewed). Each step moves the story
through articles.publishing, keeps a revision naming the step (the story's
history), keeps the request's row (who asked whom, what was decided) and
tells the people concerned (desk.notifications).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import publishing, revisions, roles
from articles.models import PUBLIC_STATUSES, Article
from desk.models import Notification, ReviewRequest
from desk.notifications import display_name, notify

User = get_user_model()


def reviewers() -> list:
    """The people who may be named reviewer: active accounts that may review (editors and chief editors)."""
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_staff=True, groups__name__in=(roles.EDITOR, roles.CHIEF_EDITOR)) | Q(is_superuser=True))
        .distinct().order_by("username")
    )


def editor_group() -> Group:
    return Group.objects.get(name=roles.EDITOR)


def open_request(article: Article) -> ReviewRequest | None:
    return (
        ReviewRequest.objects.open().filter(article=article)
        .select_related("requested_by", "reviewer", "reviewer_group").first()
    )


def request_review(
    article: Article, *, by, reviewer=None, note: str = "",
) -> ReviewRequest:
    """Send the story to review, naming `reviewer` (an editor), or else the Editor group (everyone who may review).

    The reviewer is notified. A story already in review gets its request
    addressed again (the old one is withdrawn).
    """
    note = note.strip()
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if reviewer is not None:
            if not publishing.can_review(reviewer) or not reviewer.is_active:
                raise ValidationError(
                    _("%(name)sさんはレビューできません。編集者を選んでください。") % {"name": display_name(reviewer)},
                    code="not_a_reviewer",
                )
            if reviewer.pk == getattr(by, "pk", None) or publishing.is_translator(article, reviewer):
                raise ValidationError(_("自分が翻訳した記事のレビューは、ほかの編集者に頼んでください。"), code="own_story")
            group = None
        else:
            group = editor_group()
        _close_open(article, state=ReviewRequest.State.WITHDRAWN, by=by)
        if article.status != Article.Status.REVIEW:
            publishing.submit_for_review(article, by=by)
        request = ReviewRequest.objects.create(
            article=article, requested_by=by, reviewer=reviewer, reviewer_group=group, note=note,
        )
        who = display_name(reviewer) if reviewer is not None else _("%(group)sグループ") % {"group": group.name}
        summary = _("レビュー依頼（%(who)sへ）") % {"who": who}
        revisions.record(article, by=by, summary=_with_note(summary, note))
        # The Editor group means anyone who may review (chief editors too), never the translator.
        translator = publishing.translator_id(article)
        recipients = [reviewer] if reviewer is not None else [u for u in reviewers() if u.pk != translator]
        notify(
            recipients=recipients, event=Notification.Event.REVIEW_REQUESTED, article=article, actor=by,
            text=_with_note(
                _("%(name)sさんが「%(title)s」のレビューを依頼しました。") % {"name": _name(by), "title": article.title},
                note,
            ),
        )
        return request


def approve(article: Article, *, by, note: str = "") -> ReviewRequest:
    """The reviewer approves: the translation is 確認済み, and the story may be published or scheduled.

    Refused for the story's translator, the one who asked for the review,
    and anyone who may not review. The translator is notified.
    """
    note = note.strip()
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        request = _the_open_request(article)
        if not publishing.can_review(by):
            raise PermissionDenied(_("レビューで承認できるのは編集者だけです。"))
        if request.requested_by_id is not None and request.requested_by_id == getattr(by, "pk", None):
            raise ValidationError(_("自分が出したレビュー依頼は承認できません。"), code="own_request")
        publishing.approve_translation(article, by=by)
        _decide(request, state=ReviewRequest.State.APPROVED, by=by, note=note)
        revisions.record(article, by=by, summary=_with_note(_("レビューで承認"), note))
        notify(
            recipients=_people_behind(article, request), event=Notification.Event.APPROVED, article=article, actor=by,
            text=_with_note(
                _("%(name)sさんが「%(title)s」を承認しました。") % {"name": _name(by), "title": article.title}, note,
            ),
        )
        return request


def send_back(article: Article, *, by, note: str) -> ReviewRequest:
    """The reviewer sends the story back to draft with a note saying what to fix; the translator is notified."""
    note = note.strip()
    if not note:
        raise ValidationError(_("差し戻すときは、直してほしい点をメモに書いてください。"), code="note_required")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        request = _the_open_request(article)
        if not publishing.can_review(by):
            raise PermissionDenied(_("差し戻しができるのは編集者だけです。"))
        publishing.return_to_draft(article, by=by)
        if article.translation_status == Article.TranslationStatus.REVIEWED:
            publishing.set_translation_status(article, Article.TranslationStatus.HUMAN_EDITED, by=by)
        _decide(request, state=ReviewRequest.State.SENT_BACK, by=by, note=note)
        revisions.record(article, by=by, summary=_with_note(_("差し戻し"), note))
        notify(
            recipients=_people_behind(article, request), event=Notification.Event.SENT_BACK, article=article,
            actor=by,
            text=_with_note(
                _("%(name)sさんが「%(title)s」を差し戻しました。") % {"name": _name(by), "title": article.title}, note,
            ),
        )
        return request


def story_left_review(article: Article, *, by) -> None:
    """The story moved out of review by another step (published, back to draft): its open request is closed."""
    if article.status == Article.Status.REVIEW:
        return
    with transaction.atomic():
        state = ReviewRequest.State.APPROVED if article.status in PUBLIC_STATUSES else ReviewRequest.State.WITHDRAWN
        _close_open(article, state=state, by=by)


def story_entered_review(article: Article, *, by) -> ReviewRequest | None:
    """A story sent to review without naming anyone (the status field, the list's action) goes to the Editor group."""
    if article.status != Article.Status.REVIEW or open_request(article) is not None:
        return None
    return request_review(article, by=by)


def history(article: Article) -> list[ReviewRequest]:
    """The story's review rounds, newest first, with the people named."""
    return list(
        ReviewRequest.objects.filter(article=article)
        .select_related("requested_by", "reviewer", "reviewer_group", "decided_by")
    )


def _the_open_request(article: Article) -> ReviewRequest:
    request = ReviewRequest.objects.open().filter(article=article).select_for_update().first()
    if request is None or article.status != Article.Status.REVIEW:
        raise ValidationError(_("この記事はレビュー待ちではありません。"), code="not_in_review")
    return request


def _decide(request: ReviewRequest, *, state: str, by, note: str) -> None:
    request.state = state
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])


def _close_open(article: Article, *, state: str, by) -> None:
    ReviewRequest.objects.open().filter(article=article).update(
        state=state, decided_by=by, decided_at=timezone.now(),
    )


def _people_behind(article: Article, request: ReviewRequest) -> list:
    """Who hears of a decision: the one who asked for the review, and the story's translator."""
    ids = {request.requested_by_id, publishing.translator_id(article)} - {None}
    return list(User.objects.filter(pk__in=ids))


def _name(user) -> str:
    return display_name(user) if user is not None else _("システム")


def _with_note(text: str, note: str) -> str:
    return _("%(text)s メモ: %(note)s") % {"text": text, "note": note} if note else text
