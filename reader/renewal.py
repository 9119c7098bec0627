"""When a stored page stops being good: the page keys' versions, and the next scheduled story.

Every change readers could see is announced with its page keys
(articles/changes.py). Once its transaction commits, each key gets the
next number of one shared sequence as its version. A page is stored with
the sequence number read *before* it was rendered, and stays good while
none of its keys has a newer version: a page rendered from data older than
a commit always carries a number older than that commit's renewal. The
sequence and the versions live in the default cache, which several workers
must share (Redis in the production profile; its eviction policy must spare
keys without an expiry, `volatile-lru`, see docs/deployment.md).

A story going live at its scheduled time joins lists with nobody saving:
a page that shows a list a new story can join (page_keys.joinable) is good
only until the next scheduled time (`next_go_live`), so no job has to run.

When the cache is down, renewals this process could not make are made as
soon as it answers again, before it serves a stored page.
"""

import logging
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.utils import timezone

from articles import page_keys
from articles.models import PUBLIC_STATUSES, Article
from core.resilience import CACHE_ERRORS

logger = logging.getLogger(__name__)

SEQUENCE_KEY = "newsdesk:changes"
SCHEDULE_KEY = "newsdesk:next-go-live"
SCHEDULE_RECHECK = 3600  # seconds: the stored schedule is asked of the database again at least this often

_missed: set[str] = set()


def version_key(key: str) -> str:
    return f"newsdesk:key:{key}"


def current_sequence(stored: int | None) -> int:
    """The sequence as read along with a page (`stored`), started if the cache has none."""
    if stored is not None:
        return stored
    # Started from the clock, so a sequence lost with its cache starts above every number it gave.
    cache.add(SEQUENCE_KEY, time.time_ns() // 1_000_000, None)
    return cache.get(SEQUENCE_KEY) or 0  # 0: a cache that keeps nothing (dummycache://)


def still_good(sequence: int, keys: Iterable[str]) -> bool:
    """Whether no key of a page rendered at `sequence` has been renewed since (one cache read)."""
    keys = list(keys)
    if not keys:
        return True
    versions = cache.get_many([version_key(key) for key in keys])
    return all(version <= sequence for version in versions.values())


def renew(keys: Iterable[str]) -> None:
    """Every stored page showing one of `keys` is out of date from now on."""
    keys = set(keys) | _missed
    try:
        try:
            sequence = cache.incr(SEQUENCE_KEY)
        except ValueError:  # no sequence yet
            sequence = current_sequence(None) + 1
            cache.set(SEQUENCE_KEY, sequence, None)
        cache.set_many({version_key(key): sequence for key in keys}, None)
        if any(page_keys.joinable(key) for key in keys):
            try:
                _check_schedule()  # a story may have been scheduled or moved
            except DatabaseError:  # asked again by the next page showing a list
                cache.delete(SCHEDULE_KEY)
    except CACHE_ERRORS as exc:
        _missed.update(keys)
        logger.error("Cache unavailable, pages showing %s will be renewed when it answers: %s", sorted(keys), exc)
        return
    _missed.difference_update(keys)


def renew_missed() -> None:
    """Make the renewals that failed while the cache was down (before serving any stored page)."""
    if _missed:
        renew(())


def renew_now_and_after_commit(sender=None, *, keys=frozenset(), **kwargs) -> None:
    """Connected to articles.changes.public_content_changed: renew now, and again once the change commits.

    The second renewal is the one that counts for other readers: a page
    rendered between the first and the commit read the old content. The
    first lets the writer's own transaction read its change through the cache.
    """
    renew(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: renew(keys))


def next_go_live() -> float | None:
    """When the next scheduled story goes live (epoch seconds), or None; asks the database when unknown or past."""
    stored = cache.get(SCHEDULE_KEY)
    now = time.time()
    if stored is not None and (stored["at"] is None or stored["at"] > now):
        return stored["at"]
    return _check_schedule()


def _check_schedule() -> float | None:
    due = Article.objects.filter(
        status__in=PUBLIC_STATUSES, published_at__gt=timezone.now(),
    ).aggregate(first=Min("published_at"))["first"]
    at = due.timestamp() if due else None
    cache.set(SCHEDULE_KEY, {"at": at}, SCHEDULE_RECHECK)
    return at
