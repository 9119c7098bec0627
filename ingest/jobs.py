"""The inbox's jobs: beat polls every feed each NEWSDESK_FEED_POLL_SECONDS, one job per feed."""

import logging

from django.utils.translation import gettext_lazy as _

from ingest import polling
from ingest.models import Feed
from jobs.engine import job, send

logger = logging.getLogger(__name__)


@job("ingest.poll_feeds", label=_("フィードの巡回"))
def poll_feeds() -> int:
    """Queue a poll of every feed; returns how many. Each feed is a job of its own, so one slow site delays no other."""
    ids = list(Feed.objects.values_list("pk", flat=True))
    for feed_id in ids:
        send(poll_feed, feed_id)
    return len(ids)


@job("ingest.poll_feed", label=_("フィードの取得"))
def poll_feed(feed_id: int) -> int:
    """Poll one feed; returns how many new items it brought. A fetch failure is kept on the feed (its last error)."""
    feed = Feed.objects.select_related("source").filter(pk=feed_id).first()
    if feed is None:
        return 0  # removed since it was queued
    result = polling.poll_feed(feed)
    if result.new_items:
        logger.info("Feed %s: %d new item(s)", feed.url, len(result.new_items))
    return len(result.new_items)
