"""Telling people: a notification in the admin for each recipient, and one e-mail each unless they turned it off.

The e-mail goes as a job once the transaction commits (jobs.mail), through
Django's backend from EMAIL_URL: the console in development, SMTP in production.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from desk.models import Notification, NotificationSettings
from jobs.mail import send_email_after_commit


def display_name(user) -> str:
    """How the desk names a person: their full name, else their user name."""
    return user.get_full_name() or user.get_username()


def story_link(article: Article) -> str:
    """The story's form in the admin, as an absolute address for an e-mail (NEWSDESK_SITE_URL)."""
    return settings.NEWSDESK_SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def notify(*, recipients: Iterable, event: str, article: Article, actor, text: str) -> list[Notification]:
    """Tell each of `recipients` (never `actor` themselves) about `event` on `article`.

    One notification row and at most one e-mail per person and event.
    """
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if actor is not None:
        people.pop(actor.pk, None)
    if not people:
        return []
    with transaction.atomic():
        now = timezone.now()
        made = Notification.objects.bulk_create([
            Notification(recipient=user, event=event, article=article, actor=actor, text=text, created_at=now)
            for user in people.values()
        ])
        muted = set(
            NotificationSettings.objects.filter(user_id__in=people, email=False).values_list("user_id", flat=True)
        )
        for user in people.values():
            if user.email and user.pk not in muted:
                _send(user, event=event, article=article, actor=actor, text=text)
    return made


def _send(user, *, event: str, article: Article, actor, text: str) -> None:
    context = {
        "user": user, "event": Notification.Event(event).label, "article": article, "actor": actor,
        "text": text, "link": story_link(article),
        "settings_link": settings.NEWSDESK_SITE_URL + reverse("admin:desk_preferences"),
    }
    title = " ".join((article.title or article.original_title).split())  # a header is one line
    subject = _("【%(event)s】%(title)s") % {"event": context["event"], "title": title}
    send_email_after_commit(
        subject=subject, to=[user.email],
        body=render_to_string("desk/email/notification.txt", context),
        html_body=render_to_string("desk/email/notification.html", context),
    )


def mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark `user`'s notifications read: those in `ids`, or all of them. Returns how many changed."""
    unread = Notification.objects.for_user(user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    with transaction.atomic():
        return unread.update(read_at=timezone.now())


def wants_email(user) -> bool:
    return not NotificationSettings.objects.filter(user=user, email=False).exists()


def set_email(*, user, enabled: bool, address: str | None = None) -> NotificationSettings:
    """Turn `user`'s notification e-mail on or off; `address`, when given, becomes where it goes."""
    with transaction.atomic():
        prefs, _created = NotificationSettings.objects.update_or_create(user=user, defaults={"email": enabled})
        if address is not None and address != user.email:
            user.email = address
            user.save(update_fields=["email"])
    return prefs
