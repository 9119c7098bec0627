"""Autosave: each editor's unsaved story form, kept while they type, offered back when they open it again.

One row per editor and story (a new story is named by its draft key).
The browser writes it (static/admin/newsdesk/autosave.js, through the
admin's autosave endpoint) and reads it back when the form opens; nothing
here touches the story: it is saved only when the editor saves the form,
and that save deletes the autosave (`discard`).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from editorial import throttling
from editorial.models import Autosave

DRAFT_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_NAME = 200  # a form field's name; the longest inline names are far shorter


@transaction.atomic
def keep(
    *, user, data: dict, article: Article | None = None, draft_key: str = "", base_version: int | None = None,
) -> Autosave:
    """Store `user`'s form of `article` (or of the new story `draft_key`) as their one autosave of it.

    `data` is the form as the browser serialized it: {"fields": {name: value
    or list of values}, "options": {name: {value: text}}}. Raises
    ValidationError when it is not that shape or the draft key is not one.
    """
    _check_shape(data)
    if article is None and not DRAFT_KEY.match(draft_key or ""):
        raise ValidationError(_("新しい記事の下書きキーがありません。"), code="draft_key")
    autosave, _created = Autosave.objects.update_or_create(
        user=user, article=article, draft_key="" if article is not None else draft_key,
        defaults={"data": data, "base_version": base_version, "updated_at": timezone.now()},
    )
    return autosave


def discard(*, user, article: Article | None = None, draft_key: str = "") -> int:
    """Delete `user`'s autosave of `article` or of the new story `draft_key`; how many rows went (0 or 1)."""
    if article is None and not draft_key:
        return 0
    deleted, _by_model = Autosave.objects.of(user, article=article, draft_key=draft_key).delete()
    return deleted


def offered(*, user, article: Article | None = None, draft_key: str = "") -> Autosave | None:
    """The autosave to offer `user` when they open a story's form.

    For an existing story, theirs of it. For the add page, theirs of the new
    story `draft_key` (a reload of the page), else their newest of any new story.
    """
    if article is not None:
        return Autosave.objects.of(user, article=article).first()
    if draft_key:
        found = Autosave.objects.of(user, draft_key=draft_key).first()
        if found is not None:
            return found
    return Autosave.objects.of_new_stories(user).order_by("-updated_at").first()


def clean_abandoned(*, days: int | None = None, now=None) -> int:
    """Delete autosaves untouched for `days` (NEWSDESK_AUTOSAVE_MAX_AGE_DAYS); how many went."""
    days = settings.NEWSDESK_AUTOSAVE_MAX_AGE_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = Autosave.objects.older_than(cutoff).delete()
    return deleted


def allow_write(user) -> bool:
    """Whether `user` may autosave now: at most NEWSDESK_AUTOSAVE_MAX_PER_MINUTE writes a minute.

    The browser writes a few seconds after typing stops and when the page is
    left, far below the limit; a runaway script is what it stops. While the
    cache is down, writes are allowed.
    """
    return throttling.within_rate("autosave-writes", user, settings.NEWSDESK_AUTOSAVE_MAX_PER_MINUTE)


def _check_shape(data) -> None:
    fields = data.get("fields") if isinstance(data, dict) else None
    options = data.get("options", {}) if isinstance(data, dict) else None
    if not isinstance(fields, dict) or not isinstance(options, dict):
        raise ValidationError(_("自動保存の内容が読み取れません。"), code="shape")
    if len(fields) > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
        raise ValidationError(_("自動保存の項目が多すぎます。"), code="too_many")
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        if len(name) > MAX_NAME or not all(isinstance(v, (str, bool)) for v in values):
            raise ValidationError(_("自動保存の内容が読み取れません。"), code="shape")
    for name, texts in options.items():
        if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
            raise ValidationError(_("自動保存の内容が読み取れません。"), code="shape")
