"""The inbox's jobs: beat polls every feed each NEWSDESK_FEED_POLL_SECONDS, one job per feed."""

import logging

from django.utils.translation import gettext_lazy as _

from articles.models import Article
from ingest import polling, rechecks
from ingest.models import Feed, OriginalCheck
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


@job("ingest.recheck_originals", label=_("原文の再確認"))
def recheck_originals() -> int:
    """Queue a re-check of every story still within its re-check period; returns how many."""
    ids = list(rechecks.due_stories().values_list("pk", flat=True))
    for article_id in ids:
        send(recheck_original, article_id)
    return len(ids)


@job("ingest.recheck_original", label=_("原文の再確認（1本）"))
def recheck_original(article_id: int) -> bool:
    """Re-read one story's original; True when it is flagged as changed."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not article.original_url:
        return False
    return rechecks.recheck(article).state == OriginalCheck.State.CHANGED
