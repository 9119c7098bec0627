"""Counting views from the article page's beacon, with no cookie and nothing that identifies a reader.

The article page sends one beacon per view (static/js/enhance.js:
`navigator.sendBeacon` with an id the page makes up at random), so views
that a cache in front answered count too. What is kept is the story and the
hour; the view id only for a few minutes, so a repeated beacon of the same
view counts once; the address and the user agent never. Requests whose user
agent names a crawler or a tool are not counted.

Where the count goes first depends on the default cache:

- Redis (the production profile, `CACHE_URL=redis://…`): each view is one
  increment in Redis; `count_views`, every minute on beat, moves the counts
  to the database and recounts the rankings (ranking/rankings.py), so a view
  shows in them within a minute.
- any other cache (development, the demo): each view is written to the
  database at once and the rankings recounted, so no beat need run.
"""

import datetime
import functools
import logging
import re
from collections import Counter

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from core.resilience import CACHE_ERRORS
from jobs.engine import job
from ranking import rankings
from ranking.models import HourlyViews

logger = logging.getLogger(__name__)

VIEW_ID = re.compile(r"[A-Za-z0-9-]{16,64}")
SEEN_FOR = 600  # seconds a view id is remembered: a repeat of the same view within them is not counted
# Crawlers, link previewers, monitors and command-line tools name themselves in their user agent.
BOT = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|preview|monitor|lighthouse|pingdom|facebookexternalhit|embedly|"
    r"curl|wget|python|httpx|aiohttp|okhttp|java/|go-http|libwww|ruby|node-fetch|axios|headlesschrome.*lighthouse",
    re.IGNORECASE,
)
PENDING = "newsdesk:views:pending"
FLUSHING = "newsdesk:views:flushing"


def is_bot(user_agent: str) -> bool:
    """Whether a request's user agent is a crawler or a tool, not a reader (none at all counts as a tool)."""
    return not user_agent.strip() or bool(BOT.search(user_agent))


def record_view(*, article_id: int, view_id: str, user_agent: str) -> bool:
    """Count one view of a story from its page's beacon; False when it is not counted.

    Not counted: a bot, a malformed view id, a view id already counted, a
    story readers cannot see. Nothing of the request is kept but the story and the hour.
    """
    if is_bot(user_agent) or not VIEW_ID.fullmatch(view_id or ""):
        return False
    client = _redis()
    try:
        if client is not None:
            if not client.set(f"newsdesk:view:{view_id}", 1, nx=True, ex=SEEN_FOR):
                return False
            client.hincrby(PENDING, f"{article_id}:{_hour_of(timezone.now()).timestamp():.0f}", 1)
            return True
        if not Article.objects.published().filter(pk=article_id).exists():
            return False
        if not cache.add(f"newsdesk:view:{view_id}", 1, SEEN_FOR):
            return False
    except CACHE_ERRORS as exc:
        logger.warning("View not counted, the cache is unavailable: %s", exc)
        return False
    add_views(Counter({(article_id, _hour_of(timezone.now())): 1}))
    rankings.refresh()
    return True


def add_views(counts: Counter) -> int:
    """Add `counts` ((story id, hour) → views) to the database, for stories readers can see; how many views were added."""
    public = set(Article.objects.published().filter(pk__in={article_id for article_id, _hour in counts}).values_list("pk", flat=True))
    added = 0
    for (article_id, hour), views in sorted(counts.items()):
        if article_id not in public or views <= 0:
            continue
        added += views
        rows = HourlyViews.objects.filter(article_id=article_id, hour=hour)
        if rows.update(views=F("views") + views):
            continue
        try:
            with transaction.atomic():
                HourlyViews.objects.create(article_id=article_id, hour=hour, views=views)
        except IntegrityError:  # another writer made the row first
            rows.update(views=F("views") + views)
    return added


def flush() -> int:
    """Move the views counted in Redis to the database; how many views were moved (0 without Redis)."""
    client = _redis()
    if client is None:
        return 0
    moved = 0
    for _attempt in range(2):  # what a stopped flush left behind, then what came since
        if not client.exists(FLUSHING):
            try:
                client.rename(PENDING, FLUSHING)
            except redis.ResponseError:  # nothing pending
                break
        counts: Counter = Counter()
        for field, views in client.hgetall(FLUSHING).items():
            try:
                article_id, hour = field.decode().split(":")
                counts[(int(article_id), datetime.datetime.fromtimestamp(int(hour), tz=datetime.UTC))] += int(views)
            except ValueError:
                continue  # not a field this module wrote
        with transaction.atomic():
            moved += add_views(counts)
        client.delete(FLUSHING)
    return moved


@job("ranking.count_views", label=_("閲覧数の集計"))
def count_views() -> int:
    """Every minute on beat: the views counted in Redis into the database, then the rankings recounted."""
    moved = flush()
    rankings.refresh()
    return moved


def _hour_of(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)


@functools.cache
def _redis() -> redis.Redis | None:
    """A client of the default cache's Redis, or None when the default cache is not Redis."""
    url = settings.CACHE_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1)


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    if setting == "CACHE_URL":
        _redis.cache_clear()
