"""A per-host pause: the inbox asks one site for something at most once per NEWSDESK_FETCH_HOST_INTERVAL."""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache


def wait_for_host(url: str) -> None:
    """Sleep until the host of `url` was last asked at least the interval ago (by any process sharing the cache)."""
    interval = settings.NEWSDESK_FETCH_HOST_INTERVAL
    if interval <= 0:
        return
    key = f"ingest:host:{(urlsplit(url).hostname or '').lower()}"
    last = cache.get(key)
    if last is not None:
        pause = last + interval - time.time()
        if pause > 0:
            time.sleep(min(pause, interval))
    cache.set(key, time.time(), timeout=int(interval) + 1)
