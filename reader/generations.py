"""The generation of public content: the one key that says whether a stored page is still good.

Anything readers can see changing starts a new generation
(articles.changes announces it; `public_content_changed` below is
connected to that announcement). A scheduled article going live starts one
too: the generation remembers when the next scheduled article is due and
renews itself once that time passes, so no job has to run.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from articles.models import PUBLIC_STATUSES, Article
from core.resilience import CACHE_ERRORS

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsdesk:generation"


@dataclass(frozen=True)
class Generation:
    token: str
    started: float
    next_live: float | None  # when the next scheduled article goes live (epoch seconds)
    last_modified: int = 0  # whole seconds, strictly increasing from one generation to the next


def _next_go_live(now: datetime) -> float | None:
    due = Article.objects.filter(status__in=PUBLIC_STATUSES, published_at__gt=now).aggregate(first=Min("published_at"))["first"]
    return due.timestamp() if due else None


_UNREAD = object()


def _start_generation(previous: Generation | None = _UNREAD) -> Generation:
    now = time.time()
    if previous is _UNREAD:
        previous = cache.get(GENERATION_KEY)
    # HTTP dates have one-second resolution: two generations in the same second must
    # still differ in Last-Modified, or If-Modified-Since would answer 304 for a stale copy.
    last_modified = int(now)
    if previous is not None and last_modified <= previous.last_modified:
        last_modified = previous.last_modified + 1
    generation = Generation(
        token=f"{time.time_ns():x}", started=now,
        next_live=_next_go_live(datetime.fromtimestamp(now, tz=timezone.get_current_timezone())),
        last_modified=last_modified,
    )
    cache.set(GENERATION_KEY, generation, None)
    return generation


def current_generation() -> Generation:
    """The generation pages are cached under; renewed when a scheduled article's time has come."""
    return generation_and_page(None)[0]


def generation_and_page(page_key: str | None, *, start: bool = True) -> tuple[Generation | None, object | None]:
    """The current generation and, in the same round trip, the page stored under `page_key`.

    A page is stored with the generation it was rendered in and counts only
    while that generation is current. When the generation is renewed here,
    every stored page is out of date, so none is returned. Renewing asks the
    database when the next scheduled article is due; with `start=False` a
    generation due for renewal is (None, None) instead.
    """
    found = cache.get_many([GENERATION_KEY] if page_key is None else [GENERATION_KEY, page_key])  # one round trip
    generation = found.get(GENERATION_KEY)
    if (
        generation is None or renewal_missed
        or (generation.next_live is not None and time.time() >= generation.next_live)
    ):
        if not start:
            return None, None
        renewal_missed.clear()
        return _start_generation(generation), None
    stored = found.get(page_key) if page_key is not None else None
    if stored is not None and stored[0] == generation.token:
        return generation, stored[1]
    return generation, None


# Set when a change could not start a new generation because the cache was down: the
# old generation's pages must not come back with the cache (per process; a restarted,
# empty Redis has no old generation anyway).
renewal_missed: set = set()


def _renew_generation() -> None:
    try:
        _start_generation()
    except CACHE_ERRORS as exc:
        renewal_missed.add(True)
        logger.error("Cache unavailable, public pages will be renewed when it answers: %s", exc)


def public_content_changed(sender=None, **kwargs) -> None:
    """Start a new generation now, and again once the surrounding transaction commits.

    Connected to articles.changes.public_content_changed. The second start
    matters: a request rendering between the first start and the commit
    would otherwise store the old content under the new generation.
    """
    _renew_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_renew_generation)
