"""Presence: who has a story's form open, told to the others on the form and in the story list.

The form's script (static/admin/newsdesk/presence.js) says "still here" every
NEWSDESK_PRESENCE_HEARTBEAT_SECONDS while the page is visible, and "gone" when
the page is left; an editor not heard from for NEWSDESK_PRESENCE_IDLE_SECONDS
is no longer there. Nothing is locked: two editors may both save, and the
stale-form merge (editorial/conflicts.py) keeps both their changes.

Kept in the default cache (in-process in development, Redis in production,
shared by every worker) rather than in the database: it is true for a minute
or two, written by every open form every half minute, and nothing is lost
when it is lost. Each editor's presence on a story is one key with its own
expiry; a roster per story names the editors whose keys to read, so a page of
the story list reads every row's presence in two round trips. The roster is
written without a lock: two editors arriving at the same moment may drop one
name from it until that editor's next heartbeat puts it back (a presence shown
a little late, never one that outlives its editor).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from core.resilience import CACHE_ERRORS
from desk.notifications import display_name

logger = logging.getLogger(__name__)

PREFIX = "newsdesk:editing"


@dataclass(frozen=True)
class Presence:
    """One editor with a story's form open: who, since when, and when their page was last heard from."""

    user_id: int
    name: str
    since: datetime
    seen: datetime

    def since_words(self, now: datetime | None = None) -> str:
        """How long they have had it open, as the notice says it: 「3分前から」."""
        minutes = int(((now or timezone.now()) - self.since).total_seconds() // 60)
        if minutes < 1:
            return _("たった今から")
        if minutes < 60:
            return _("%(minutes)d分前から") % {"minutes": minutes}
        return _("%(hours)d時間前から") % {"hours": minutes // 60}

    def notice(self, now: datetime | None = None) -> str:
        """「〇〇さんが編集中です（3分前から）」, as plain text (pages escape it)."""
        return _("%(name)sさんが編集中です（%(since)s）") % {"name": self.name, "since": self.since_words(now)}


def mark_present(article_id: int, *, user, now: datetime | None = None) -> Presence | None:
    """`user` has the story's form open (a heartbeat): kept for NEWSDESK_PRESENCE_IDLE_SECONDS.

    The first heartbeat after a while starts the time shown as 「…分前から」;
    the next ones keep it. Returns None when the cache is down (presence is
    then simply not shown).
    """
    now = now or timezone.now()
    key, roster_key = _key(article_id, user.pk), _roster_key(article_id)
    try:
        found = cache.get_many([key, roster_key])
        earlier = _presence(user.pk, found.get(key))
        since = earlier.since if earlier is not None and not _idle(earlier, now) else now
        presence = Presence(user_id=user.pk, name=display_name(user), since=since, seen=now)
        roster = _roster(found.get(roster_key))
        entries = {key: {"name": presence.name, "since": since.timestamp(), "seen": now.timestamp()}}
        if user.pk not in roster:
            entries[roster_key] = roster + [user.pk]
        cache.set_many(entries, _kept_for())
        if user.pk in roster:
            cache.touch(roster_key, _kept_for())
    except CACHE_ERRORS as exc:
        logger.error("Cache unavailable, presence not kept: %s", exc)
        return None
    return presence


def mark_gone(article_id: int, *, user) -> None:
    """`user` left the story's form (closed it, went elsewhere): the others stop seeing them at once."""
    try:
        cache.delete(_key(article_id, user.pk))
    except CACHE_ERRORS as exc:
        logger.error("Cache unavailable, presence not cleared: %s", exc)


def editing(article_ids: Iterable[int], *, now: datetime | None = None) -> dict[int, list[Presence]]:
    """Who has each of the stories open, arrived first first; stories nobody has open are left out.

    Two cache round trips whatever the number of stories. While the cache is
    down: nobody.
    """
    now = now or timezone.now()
    article_ids = list(dict.fromkeys(article_ids))
    if not article_ids:
        return {}
    try:
        rosters = cache.get_many([_roster_key(pk) for pk in article_ids])
        keys = {
            _key(article_id, user_id): (article_id, user_id)
            for article_id in article_ids
            for user_id in _roster(rosters.get(_roster_key(article_id)))
        }
        found = cache.get_many(list(keys)) if keys else {}
    except CACHE_ERRORS as exc:
        logger.error("Cache unavailable, presence not read: %s", exc)
        return {}
    present: dict[int, list[Presence]] = {}
    for key, (article_id, user_id) in keys.items():
        presence = _presence(user_id, found.get(key))
        if presence is not None and not _idle(presence, now):
            present.setdefault(article_id, []).append(presence)
    return {pk: sorted(people, key=lambda p: (p.since, p.user_id)) for pk, people in present.items()}


def others_editing(article_id: int, *, user, now: datetime | None = None) -> list[Presence]:
    """Who else has the story open: everyone `editing` it but `user`."""
    return [p for p in editing([article_id], now=now).get(article_id, []) if p.user_id != user.pk]


def heartbeat_seconds() -> int:
    return settings.NEWSDESK_PRESENCE_HEARTBEAT_SECONDS


def _idle(presence: Presence, now: datetime) -> bool:
    return now - presence.seen > timedelta(seconds=settings.NEWSDESK_PRESENCE_IDLE_SECONDS)


def _kept_for() -> int:
    # The cache lets go a little after the idle time; reading checks the time itself.
    return settings.NEWSDESK_PRESENCE_IDLE_SECONDS + 30


def _roster(stored) -> list[int]:
    return [pk for pk in stored if isinstance(pk, int)] if isinstance(stored, list) else []


def _presence(user_id: int, stored) -> Presence | None:
    if not isinstance(stored, dict):
        return None
    try:
        since = datetime.fromtimestamp(float(stored["since"]), tz=dt_timezone.utc)
        seen = datetime.fromtimestamp(float(stored["seen"]), tz=dt_timezone.utc)
        return Presence(user_id=user_id, name=str(stored["name"]), since=since, seen=seen)
    except (KeyError, TypeError, ValueError):
        return None


def _key(article_id: int, user_id: int) -> str:
    return f"{PREFIX}:{article_id}:{user_id}"


def _roster_key(article_id: int) -> str:
    return f"{PREFIX}:{article_id}"
