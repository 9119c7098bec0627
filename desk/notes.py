"""Notes between editors on a story: written beside its form, open until resolved; `@name` tells that person."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from desk.models import Note, NoteField, Notification
from desk.notifications import display_name, notify

User = get_user_model()
MAX_LENGTH = 4000
# @name: a user name as Django allows it (letters, digits and .+-_), not inside an address.
MENTION = re.compile(r"(?<![\w@.])@([\w.+-]+)")
# A user name written straight into Japanese ("@tanakaさん"): its Latin part.
LATIN_PART = re.compile(r"^[A-Za-z0-9_.+-]+")


def mentioned(text: str) -> list:
    """The active staff a note's `@name`s name (their user names, case as stored), in order, each once.

    "@tanakaさん" names tanaka when no one is called "tanakaさん".
    """
    tokens = [token.rstrip(".") for token in MENTION.findall(text)]
    candidates = {*tokens}
    for token in tokens:
        latin = LATIN_PART.match(token)
        if latin:
            candidates.add(latin.group().rstrip("."))
    candidates.discard("")
    if not candidates:
        return []
    found = {
        user.get_username(): user
        for user in User.objects.filter(username__in=candidates, is_active=True, is_staff=True)
    }
    people = []
    for token in tokens:
        latin = LATIN_PART.match(token)
        user = found.get(token) or (found.get(latin.group().rstrip(".")) if latin else None)
        if user is not None and user not in people:
            people.append(user)
    return people


def add_note(article: Article, *, by, text: str, field: str = "") -> Note:
    """Write a note on `article`, optionally about one of its parts; each `@name` in it is notified."""
    text = text.strip()
    if not text:
        raise ValidationError(_("メモが空です。"), code="empty")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("メモは%(max)s文字までです（%(length)s文字あります）。") % {"max": MAX_LENGTH, "length": len(text)},
            code="too_long",
        )
    if field and field not in NoteField.values:
        raise ValidationError(_("メモの項目が正しくありません。"), code="invalid_field")
    with transaction.atomic():
        note = Note.objects.create(article=article, author=by, text=text, field=field)
        people = mentioned(text)
        if people:
            notify(
                recipients=people, event=Notification.Event.MENTIONED, article=article, actor=by,
                text=_("%(name)sさんが「%(title)s」のメモであなたに呼びかけました: %(text)s") % {
                    "name": display_name(by), "title": article.title, "text": text,
                },
            )
        return note


def resolve_note(note: Note, *, by) -> Note:
    """Mark a note resolved (anyone working on the story may)."""
    with transaction.atomic():
        if note.resolved_at is None:
            note.resolved_at = timezone.now()
            note.resolved_by = by
            note.save(update_fields=["resolved_at", "resolved_by"])
        return note


def reopen_note(note: Note, *, by) -> Note:
    """Open a resolved note again."""
    with transaction.atomic():
        note.resolved_at = None
        note.resolved_by = None
        note.save(update_fields=["resolved_at", "resolved_by"])
        return note


def thread(article: Article) -> list[Note]:
    """The story's notes, oldest first, open and resolved."""
    return list(Note.objects.filter(article=article).select_related("author", "resolved_by"))
