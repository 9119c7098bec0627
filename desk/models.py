"""What the desk keeps: review requests, notes on stories, notifications and who wants them by e-mail."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ReviewRequestQuerySet(models.QuerySet):
    def open(self) -> "ReviewRequestQuerySet":
        return self.filter(state=ReviewRequest.State.OPEN)

    def waiting_for(self, user) -> "ReviewRequestQuerySet":
        """Open requests naming `user`, or any editor (no one named), that `user` did not make.

        Call it for people who may review: a request to the Editor group is
        for everyone who may review, chief editors included.
        """
        return self.open().filter(Q(reviewer=user) | Q(reviewer__isnull=True)).exclude(requested_by=user)


class ReviewRequest(models.Model):
    """One round of review: who asked whom, and what the reviewer decided.

    A story has at most one open request. The reviewer is one editor or a
    group (the Editor group: anyone in it may take it).
    """

    class State(models.TextChoices):
        OPEN = "open", _("レビュー待ち")
        APPROVED = "approved", _("承認")
        SENT_BACK = "sent_back", _("差し戻し")
        WITHDRAWN = "withdrawn", _("取り下げ")

    article = models.ForeignKey(
        Article, verbose_name=_("記事"), on_delete=models.CASCADE, related_name="review_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("依頼した人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("レビュー担当"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    reviewer_group = models.ForeignKey(
        Group, verbose_name=_("レビュー担当のグループ"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", help_text=_("担当者を決めないとき。グループの誰でもレビューできます。"),
    )
    note = models.TextField(_("依頼のメモ"), blank=True)
    created_at = models.DateTimeField(_("依頼日時"), default=timezone.now)
    state = models.CharField(_("状態"), max_length=20, choices=State.choices, default=State.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("判断した人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    decided_at = models.DateTimeField(_("判断日時"), null=True, blank=True)
    decision_note = models.TextField(_("判断のメモ"), blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("レビュー依頼")
        verbose_name_plural = _("レビュー依頼")
        constraints = (
            models.UniqueConstraint(fields=("article",), condition=Q(state="open"), name="one_open_review_per_story"),
        )

    def __str__(self):
        return f"{self.article} · {self.get_state_display()}"

    @property
    def reviewer_name(self) -> str:
        if self.reviewer_id:
            return self.reviewer.get_username()
        if self.reviewer_group_id:
            return _("%(group)sグループ") % {"group": self.reviewer_group.name}
        return "—"


class NoteQuerySet(models.QuerySet):
    def open(self) -> "NoteQuerySet":
        return self.filter(resolved_at__isnull=True)


class NoteField(models.TextChoices):
    """The parts of a story a note may point at; each value is the id of its place in the form."""

    TITLE = "title", _("タイトル")
    LEAD = "lead", _("リード")
    BODY = "body", _("本文")
    KEY_POINTS = "key_points", _("キーポイント")
    IMPACT_ANALYSIS = "impact_analysis", _("影響分析")
    EDITORIAL_COMMENT = "editorial_comment", _("編集コメント")
    ORIGINAL_TITLE = "original_title", _("原題")
    ORIGINAL_BODY = "original_body", _("原文本文")
    FIGURES = "figures", _("図")


class Note(models.Model):
    """A note between editors on a story, beside its form; open until someone resolves it."""

    article = models.ForeignKey(Article, verbose_name=_("記事"), on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("書いた人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    text = models.TextField(_("メモ"))
    field = models.CharField(
        _("項目"), max_length=40, blank=True, choices=NoteField.choices,
        help_text=_("メモが指す記事の項目（任意）。"),
    )
    created_at = models.DateTimeField(_("日時"), default=timezone.now)
    resolved_at = models.DateTimeField(_("解決日時"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("解決した人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("メモ")
        verbose_name_plural = _("メモ")
        indexes = (models.Index(fields=("article", "resolved_at"), name="note_article_open"),)

    def __str__(self):
        return self.text[:40]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def for_user(self, user) -> "NotificationQuerySet":
        return self.filter(recipient=user)


class Notification(models.Model):
    """One event told to one person: in the admin until read, and by e-mail unless they turned it off."""

    class Event(models.TextChoices):
        REVIEW_REQUESTED = "review_requested", _("レビュー依頼")
        APPROVED = "approved", _("承認")
        SENT_BACK = "sent_back", _("差し戻し")
        MENTIONED = "mentioned", _("メモでの呼びかけ")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("受け取る人"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("出来事"), max_length=30, choices=Event.choices)
    article = models.ForeignKey(
        Article, verbose_name=_("記事"), on_delete=models.CASCADE, related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("した人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    text = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("日時"), default=timezone.now)
    read_at = models.DateTimeField(_("既読日時"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = (models.Index(fields=("recipient", "read_at"), name="notification_unread"),)

    def __str__(self):
        return f"{self.get_event_display()} · {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSettings(models.Model):
    """A person's choice about notifications; without a row, e-mail is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("ユーザー"), on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email = models.BooleanField(_("メールでも受け取る"), default=True)

    class Meta:
        verbose_name = _("通知の設定")
        verbose_name_plural = _("通知の設定")

    def __str__(self):
        return str(self.user)
