"""Purging the edge caches (Varnish with deploy/varnish.vcl) by page key, right after a change commits.

Each URL in NEWSDESK_PURGE_URLS gets `PURGE` with the changed keys in
`xkey-purge` (a story's own pages: dropped, the next request renders them
afresh) and `xkey-softpurge` (pages showing its card or a list: out of
date, served once more while the new copy is fetched). The first attempt is made
before the save's response goes back, so the editor's next look through
the edge cache shows the change; a server that fails is retried in the
background with growing pauses, and a purge that still fails is logged as
an error (those pages then live until their `s-maxage` runs out).
"""

import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from articles import page_keys

logger = logging.getLogger(__name__)

TIMEOUT = 2.0  # seconds per attempt
RETRY_PAUSES = (0.5, 2.0, 5.0)  # seconds before each retry
KEYS_PER_REQUEST = 100  # keeps the header well under Varnish's limit


def purge_after_commit(sender=None, *, keys=frozenset(), **kwargs) -> None:
    """Connected to articles.changes.public_content_changed: purge once the change is committed."""
    if not settings.NEWSDESK_PURGE_URLS or not keys:
        return
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: purge(keys))
    else:
        purge(keys)


def purge(keys: Iterable[str]) -> None:
    """Purge `keys` from every configured edge cache: once now, retried in the background on failure.

    A story's own keys are purged hard: its page is gone, and the editor's
    next look shows the change. The others (cards, lists, names) are purged
    soft: such a page is served once more while its new copy is fetched, so
    readers of the home page never queue behind its render.
    """
    keys = sorted(keys)
    for url in settings.NEWSDESK_PURGE_URLS:
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            chunk = keys[start:start + KEYS_PER_REQUEST]
            problem = _send(url, chunk)
            if problem is not None:
                logger.warning("Edge cache purge of %s failed, retrying: %s", url, problem)
                threading.Thread(target=_retry, args=(url, chunk), daemon=True, name="newsdesk-purge").start()


def _headers(keys: list[str]) -> dict[str, str]:
    hard = [key for key in keys if page_keys.is_own(key)]
    soft = [key for key in keys if not page_keys.is_own(key)]
    return {name: " ".join(chosen) for name, chosen in (("xkey-purge", hard), ("xkey-softpurge", soft)) if chosen}


def _retry(url: str, keys: list[str]) -> None:
    problem = None
    for pause in RETRY_PAUSES:
        time.sleep(pause)
        problem = _send(url, keys)
        if problem is None:
            return
    logger.error(
        "Edge cache purge of %s failed after %d attempts (%s); pages showing %s stay until they expire",
        url, len(RETRY_PAUSES) + 1, problem, " ".join(keys),
    )


# Straight to the configured servers, whatever proxy the environment names.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _send(url: str, keys: list[str]) -> str | None:
    """One PURGE request; None when the server took it, else what went wrong."""
    request = urllib.request.Request(url, method="PURGE", headers=_headers(keys))
    try:
        # The URL is one the operator configured (http or https), never a reader's.
        with _opener.open(request, timeout=TIMEOUT) as response:  # nosec B310
            response.read()
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:  # refused, timed out, unreachable, malformed URL
        return str(exc)
    return None
