"""Polling a feed politely: robots.txt first, a pause per host, a conditional GET, new items by canonical URL."""

import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingest import fetching, pacing, robots
from ingest.models import Feed, InboxItem
from ingest.text import plain_text
from ingest.urls import canonical_url, without_tracking

logger = logging.getLogger(__name__)

FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


@dataclass
class PollResult:
    feed: Feed
    new_items: list[InboxItem]
    not_modified: bool = False
    error: str = ""


def poll_feed(feed: Feed) -> PollResult:
    """Fetch `feed` once (conditionally) and record its new items; failures are kept on the feed, not raised."""
    try:
        if not robots.allowed(feed.url):
            return _failed(feed, _("robots.txt がこのフィードの取得を許していません。"))
        pacing.wait_for_host(feed.url)
        headers = {"Accept": FEED_TYPES}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        response = fetching.fetch(feed.url, headers=headers)
    except fetching.FetchError as exc:
        return _failed(feed, str(exc))
    if response.status == 304:
        _update(feed, last_error="")
        return PollResult(feed, [], not_modified=True)
    if response.status >= 400:
        return _failed(feed, _("フィードの取得に失敗しました（HTTP %(status)d）。") % {"status": response.status})
    # A stream, never the bytes themselves: given a string, feedparser would open it as a file name or URL.
    parsed = feedparser.parse(io.BytesIO(response.body), response_headers={
        "content-type": response.headers.get("content-type", ""), "content-location": response.url,
    })
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        return _failed(feed, _("フィードとして読めませんでした。"))
    new_items = _record_items(feed, parsed.entries)
    _update(
        feed, last_error="", etag=response.headers.get("etag", "")[:300],
        last_modified=response.headers.get("last-modified", "")[:100],
        title=feed.title or plain_text(parsed.feed.get("title", ""), limit=300),
    )
    return PollResult(feed, new_items)


def poll_all() -> list[PollResult]:
    """Poll every feed once, now (the command and the periodic job)."""
    return [poll_feed(feed) for feed in Feed.objects.select_related("source")]


def _record_items(feed: Feed, entries) -> list[InboxItem]:
    candidates: dict[str, InboxItem] = {}
    for entry in entries:
        link = (entry.get("link") or "").strip()
        if not link.startswith(("https://", "http://")) or len(link) > 1000:
            continue  # an entry without a web page (or a javascript: one) has nothing to translate
        key = canonical_url(link)
        if key in candidates or len(key) > 1000:
            continue
        title = plain_text(entry.get("title", ""), limit=500) or link[:500]
        candidates[key] = InboxItem(
            feed=feed, source_id=feed.source_id, title=title, url=without_tracking(link)[:1000], canonical_url=key,
            published_at=_entry_time(entry), summary=plain_text(entry.get("summary", ""), limit=2000),
        )
    with transaction.atomic():
        known = set(InboxItem.objects.filter(canonical_url__in=list(candidates)).values_list("canonical_url", flat=True))
        new = [item for key, item in candidates.items() if key not in known]
        InboxItem.objects.bulk_create(new, ignore_conflicts=True)  # a poll running beside this one
    return new


def _entry_time(entry) -> datetime | None:
    for name in ("published_parsed", "updated_parsed"):
        value = entry.get(name)
        if value:
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _failed(feed: Feed, error: str) -> PollResult:
    logger.warning("Feed %s: %s", feed.url, error)
    _update(feed, last_error=error)
    return PollResult(feed, [], error=error)


def _update(feed: Feed, **fields) -> None:
    fields["last_polled_at"] = timezone.now()
    for name, value in fields.items():
        setattr(feed, name, value)
    Feed.objects.filter(pk=feed.pk).update(**fields)
