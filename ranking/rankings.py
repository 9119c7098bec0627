"""The most-read rankings (人気記事): the public stories viewed most in the last 24 hours and 7 days.

They are recounted from the hourly counts (ranking/models.py) once a minute
and kept in the default cache as a snapshot of story ids, for the whole site
and for each category. Pages show the snapshot's stories as they are now
(a story no longer public is left out at once), tagged with the page key
`ranking`, which a recount renews only when the stories or their order changed.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles import page_keys
from articles.changes import announce
from articles.models import PUBLIC_STATUSES, Article
from core.resilience import CACHE_ERRORS
from ranking.models import HourlyViews

logger = logging.getLogger(__name__)

SIZE = 5
DAY, WEEK = "day", "week"
WINDOW_HOURS = {DAY: 24, WEEK: 7 * 24}
SNAPSHOT_KEY = "newsdesk:ranking"


@dataclass(frozen=True)
class Snapshot:
    """The ranked story ids per window, for the site and for each category (by id)."""

    site: dict[str, tuple[int, ...]] = field(default_factory=dict)
    categories: dict[int, dict[str, tuple[int, ...]]] = field(default_factory=dict)


def window_start(window: str, now: datetime.datetime) -> datetime.datetime:
    """The first hour a window counts: the current hour and the hours before it."""
    hour = now.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    return hour - datetime.timedelta(hours=WINDOW_HOURS[window] - 1)


def count(*, now: datetime.datetime | None = None) -> Snapshot:
    """Rank the public stories by their views in each window (one query)."""
    now = now or timezone.now()
    rows = (
        HourlyViews.objects
        .filter(hour__gte=window_start(WEEK, now), article__status__in=PUBLIC_STATUSES, article__published_at__lte=now)
        .values("article_id", "article__category_id")
        .annotate(week=Sum("views"), day=Sum("views", filter=Q(hour__gte=window_start(DAY, now))))
    )
    site: dict[str, list] = {DAY: [], WEEK: []}
    categories: dict[int, dict[str, list]] = defaultdict(lambda: {DAY: [], WEEK: []})
    for row in rows:
        for window in (DAY, WEEK):
            views = row[window] or 0
            if views:
                entry = (-views, -row["article_id"])  # most viewed first; a tie goes to the newer story
                site[window].append(entry)
                if row["article__category_id"]:
                    categories[row["article__category_id"]][window].append(entry)

    def top(entries: list) -> tuple[int, ...]:
        return tuple(-article_id for _views, article_id in sorted(entries)[:SIZE])

    return Snapshot(
        site={window: top(entries) for window, entries in site.items()},
        categories={category: {window: top(entries) for window, entries in ranked.items()} for category, ranked in categories.items()},
    )


def current() -> Snapshot:
    """The rankings as last recounted; empty until the first recount (a page never recounts: a minute's job does).

    A page reads one cache entry, whatever the site holds; when the cache lost
    the rankings, the next recount finds them changed and renews the pages.
    """
    try:
        snapshot = cache.get(SNAPSHOT_KEY)
    except CACHE_ERRORS:
        return Snapshot()
    return snapshot if isinstance(snapshot, Snapshot) else Snapshot()


def refresh() -> bool:
    """Recount the rankings; when a ranking's stories or order changed, keep it and renew the pages showing them."""
    snapshot = count()
    try:
        if cache.get(SNAPSHOT_KEY) == snapshot:
            return False
        cache.set(SNAPSHOT_KEY, snapshot, None)
    except CACHE_ERRORS as exc:
        logger.warning("Rankings not kept, the cache is unavailable: %s", exc)
    announce({page_keys.RANKING})
    return True


def stories(*, category_id: int | None = None) -> dict[str, list[Article]]:
    """The ranked public stories per window, for the site or one category (one query for both windows)."""
    snapshot = current()
    ranked = snapshot.site if category_id is None else snapshot.categories.get(category_id, {})
    ids = {article_id for window in (DAY, WEEK) for article_id in ranked.get(window, ())}
    found = {article.pk: article for article in Article.objects.published().filter(pk__in=ids).only("pk", "slug", "title")} if ids else {}
    return {window: [found[article_id] for article_id in ranked.get(window, ()) if article_id in found] for window in (DAY, WEEK)}


def with_view_counts(queryset, *, now: datetime.datetime | None = None):
    """`queryset` of articles with `views_week` (the last 7 days) and `views_total` (all time), for editors."""
    now = now or timezone.now()
    per_article = HourlyViews.objects.filter(article=OuterRef("pk")).values("article")
    week = per_article.filter(hour__gte=window_start(WEEK, now)).annotate(n=Sum("views")).values("n")
    total = per_article.annotate(n=Sum("views")).values("n")
    return queryset.annotate(views_week=Coalesce(Subquery(week), 0), views_total=Coalesce(Subquery(total), 0))
