"""Editorial workflow steps: submit, publish, schedule, unpublish.

Views, admin pages, admin actions and commands all call these, so the
rules (who may do what, what a story needs before readers see it) hold
on every path.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import changes
from articles.models import PUBLIC_STATUSES, Article, Revision
from articles.text import join_words

PUBLISH_PERMISSION = "articles.publish_article"
# The parts of a story (revision keys) that make up its translation: what a review vouches for.
TRANSLATION_PARTS = frozenset({"title", "lead", "body", "key_points", "impact_analysis", "editorial_comment"})


def can_publish(user) -> bool:
    return bool(user and user.has_perm(PUBLISH_PERMISSION))


def can_review(user) -> bool:
    """Whether `user` may mark a translation reviewed: the editors, who may publish."""
    return can_publish(user)


def review_required() -> bool:
    """Whether a story needs an approved review before it is published or scheduled (NEWSDESK_REQUIRE_REVIEW)."""
    return bool(settings.NEWSDESK_REQUIRE_REVIEW)


def translator_id(article: Article) -> int | None:
    """The id of the story's translator: whoever created it, the author of its first revision.

    A story imported from a file has no translator (its first revision has no author).
    """
    if article.pk is None:
        return None
    return (
        Revision.objects.filter(article_id=article.pk).order_by("version")
        .values_list("created_by_id", flat=True).first()
    )


def is_translator(article: Article, user) -> bool:
    return bool(user is not None and user.pk is not None and translator_id(article) == user.pk)


def check_reviewed(article: Article, *, by) -> None:
    """Under NEWSDESK_REQUIRE_REVIEW, a story goes public only approved in review, and not by its translator.

    A story readers already see may be rescheduled: the rule is about the
    step from unpublished to public.
    """
    if not review_required() or article.status in PUBLIC_STATUSES:
        return
    if article.translation_status != Article.TranslationStatus.REVIEWED:
        raise ValidationError(
            _("レビューで承認されていない記事は公開・予約できません。先にレビューに出し、編集者の承認を受けてください。"),
            code="not_reviewed",
        )
    if is_translator(article, by):
        raise ValidationError(
            _("自分が翻訳した記事は公開・予約できません。ほかの編集者に公開を頼んでください。"),
            code="own_story",
        )


def approve_translation(article: Article, *, by) -> Article:
    """A reviewer approves the story in review: its translation becomes 確認済み, by them.

    The translator never approves their own story, and only a story in
    review is approved. desk.reviews calls this with the review request.
    """
    with transaction.atomic():
        if not can_review(by):
            raise PermissionDenied(_("レビューで承認できるのは編集者だけです。"))
        if article.status != Article.Status.REVIEW:
            raise ValidationError(_("承認できるのはレビュー待ちの記事だけです。"), code="not_in_review")
        if is_translator(article, by):
            raise ValidationError(_("自分が翻訳した記事は承認できません。"), code="own_story")
        _mark_reviewed(article, by=by)
        return article


def _mark_reviewed(article: Article, *, by) -> None:
    article.reviewed_by = by
    article.reviewed_at = timezone.now().replace(microsecond=0)
    article.translation_status = Article.TranslationStatus.REVIEWED
    article.save(update_fields=["translation_status", "reviewed_by", "reviewed_at", "updated_at"])
    if by is not None:
        article.add_editor(by)


def missing_for_publication(article: Article) -> list[str]:
    """What the article lacks before readers may see it, in words an editor understands."""
    missing = []
    if not article.title.strip():
        missing.append(_("タイトル"))
    if not article.lead.strip():
        missing.append(_("リード"))
    if not article.key_points.exists():
        missing.append(_("キーポイント（1つ以上）"))
    if not article.original_url:
        missing.append(_("原文URL"))
    if not article.source_id:
        missing.append(_("ソース"))
    for n, figure in enumerate(article.figures.all(), start=1):
        if not figure.alt_text.strip():
            missing.append(_("図%(n)sの代替テキスト") % {"n": n})
    return missing


def check_complete(article: Article) -> None:
    missing = missing_for_publication(article)
    if missing:
        raise ValidationError(
            _("公開に必要な項目が足りません: %(missing)s") % {"missing": join_words(missing)},
            code="incomplete",
        )


def _require_publisher(user) -> None:
    if not can_publish(user):
        raise PermissionDenied(_("公開・予約・非公開の操作は編集者だけができます。"))


def _set_status(article: Article, status: str, *, by, published_at=None) -> Article:
    article.status = status
    if published_at is not None:
        article.published_at = published_at
    article.status_changed_at = timezone.now().replace(microsecond=0)
    article.status_changed_by = by
    article.save(update_fields=["status", "published_at", "status_changed_at", "status_changed_by", "updated_at"])
    if by is not None:
        article.add_editor(by)
    return article


def submit_for_review(article: Article, *, by) -> Article:
    """A draft goes to the editors."""
    with transaction.atomic():
        if article.status in PUBLIC_STATUSES:
            _require_publisher(by)
        return _set_status(article, Article.Status.REVIEW, by=by)


def return_to_draft(article: Article, *, by) -> Article:
    """Back to draft; for a public article this is unpublishing."""
    with transaction.atomic():
        if article.status in PUBLIC_STATUSES:
            _require_publisher(by)
        return _set_status(article, Article.Status.DRAFT, by=by)


def check_translation_confirmed(article: Article, *, confirmed: bool) -> None:
    """A machine draft reaches readers only when an editor says so explicitly.

    Rescheduling an article readers already see asks nothing again.
    """
    if (
        article.translation_status == Article.TranslationStatus.MACHINE_DRAFT
        and article.status not in PUBLIC_STATUSES
        and not confirmed
    ):
        raise ValidationError(
            _("翻訳が機械翻訳の下訳のままです。このまま公開するには、編集画面で「機械翻訳のまま公開する」にチェックしてください。"),
            code="machine_translation",
        )


def publish(
    article: Article, *, by, at: datetime | None = None, confirm_machine_translation: bool = False,
) -> Article:
    """Publish now, or schedule when `at` lies in the future.

    Checks completeness first, and that an unedited machine translation
    is published only with `confirm_machine_translation=True`.
    """
    with transaction.atomic():
        _require_publisher(by)
        check_complete(article)
        check_reviewed(article, by=by)
        check_translation_confirmed(article, confirmed=confirm_machine_translation)
        now = timezone.now()
        when = (at or now).replace(microsecond=0)
        status = Article.Status.SCHEDULED if when > now else Article.Status.PUBLISHED
        return _set_status(article, status, by=by, published_at=when)


def unpublish(article: Article, *, by) -> Article:
    """Take an article off the public site; it returns to draft."""
    with transaction.atomic():
        _require_publisher(by)
        return _set_status(article, Article.Status.DRAFT, by=by)


def change_status(
    article: Article, status: str, *, by, at: datetime | None = None, confirm_machine_translation: bool = False,
) -> Article:
    """Move an article to `status` by the matching workflow step."""
    if status in PUBLIC_STATUSES:
        return publish(article, by=by, at=at, confirm_machine_translation=confirm_machine_translation)
    if status == Article.Status.REVIEW:
        return submit_for_review(article, by=by)
    return return_to_draft(article, by=by)


def set_translation_status(article: Article, status: str, *, by) -> Article:
    """Record how the translation was made; marking it reviewed records who and when.

    Only editors (who may publish) mark a translation reviewed, and under
    NEWSDESK_REQUIRE_REVIEW only by approving it in review
    (approve_translation). Leaving "reviewed" clears the reviewer.
    """
    if status not in Article.TranslationStatus.values:
        raise ValidationError(_("翻訳の状態が正しくありません: %(status)s") % {"status": status}, code="invalid")
    with transaction.atomic():
        if status == article.translation_status:
            return article
        if status == Article.TranslationStatus.REVIEWED:
            if not can_review(by):
                raise PermissionDenied(_("翻訳を確認済みにできるのは編集者だけです。"))
            if review_required():
                raise ValidationError(
                    _("翻訳を確認済みにするには、レビューで承認してください（編集画面の「レビュー」欄）。"),
                    code="review_required",
                )
            article.reviewed_by = by
            article.reviewed_at = timezone.now().replace(microsecond=0)
        else:
            article.reviewed_by = None
            article.reviewed_at = None
        article.translation_status = status
        article.save(update_fields=["translation_status", "reviewed_by", "reviewed_at", "updated_at"])
        if by is not None:
            article.add_editor(by)
        return article


def withdraw_review_after_edit(article: Article, *, by, changed) -> bool:
    """Clear "reviewed" when someone who may not review changed the translation since.

    `changed` names the parts of the story a save changed (revision keys).
    Whoever can review vouches for their own change, and a save by no one
    (an import) states its translation status itself. Returns whether the
    review was withdrawn; the article is saved then.
    """
    if (
        by is None
        or article.translation_status != Article.TranslationStatus.REVIEWED
        or can_review(by)
        or not TRANSLATION_PARTS.intersection(changed)
    ):
        return False
    with transaction.atomic():
        article.translation_status = Article.TranslationStatus.HUMAN_EDITED
        article.reviewed_by = None
        article.reviewed_at = None
        article.save(update_fields=["translation_status", "reviewed_by", "reviewed_at", "updated_at"])
    return True


def publish_due(*, now: datetime | None = None) -> int:
    """Mark scheduled articles whose time has come as published; safe to run twice or at once.

    Readers already see them (the public querysets decide by time); this
    makes the status say so and is the hook for side effects.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = Article.objects.select_for_update().filter(status=Article.Status.SCHEDULED, published_at__lte=now)
        ids = list(due.values_list("pk", flat=True))
        count = Article.objects.filter(pk__in=ids).update(
            status=Article.Status.PUBLISHED, status_changed_at=now.replace(microsecond=0),
        )
        changes.stories_published_in_place(ids)
    return count
