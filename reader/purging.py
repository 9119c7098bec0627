"""Purging the edge caches (Varnish with deploy/varnish.vcl) by page key, as a job once a change commits.

Each URL in NEWSDESK_PURGE_URLS gets `PURGE` with the changed keys in
`xkey-purge` (a story's own pages: dropped, the next request renders them
afresh) and `xkey-softpurge` (pages quoting its text or showing its card or
a list: out of date, served once more while the new copy is fetched). Each server and
batch of keys is one job (jobs/engine.py): the save never waits for it, a
server that fails is retried with growing pauses, and a purge that still
fails is logged as an error and recorded as a failed job editors can
retry (until then those pages live until their `s-maxage` runs out).
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles import page_keys
from jobs.engine import job, send

logger = logging.getLogger(__name__)

TIMEOUT = 2.0  # seconds per attempt
RETRIES = 4  # after the first attempt, pausing a random part of 1, 2, 4 and 8 seconds
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
    """Queue a purge of `keys` from every configured edge cache: one job per server and batch of keys.

    A story's own keys are purged hard: its page is gone, and the editor's
    next look shows the change. The others (its text quoted elsewhere, cards, lists, names) are purged
    soft: such a page is served once more while its new copy is fetched, so
    readers of the home page never queue behind its render.
    """
    keys = sorted(keys)
    for url in settings.NEWSDESK_PURGE_URLS:
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            send(purge_edge, url, keys[start:start + KEYS_PER_REQUEST])


class PurgeFailed(Exception):
    pass


@job("reader.purge_edge", label=_("エッジキャッシュの削除"), bind=True, max_retries=RETRIES, retry_backoff_max=60)
def purge_edge(task, url: str, keys: list[str]) -> None:
    """PURGE `keys` at `url`; raises (the engine retries, then records it) when the server did not take it."""
    problem = _send(url, keys)
    if problem is None:
        return
    attempts = task.request.retries + 1
    if attempts <= task.max_retries:
        logger.warning("Edge cache purge of %s failed, retrying: %s", url, problem)
    else:
        logger.error(
            "Edge cache purge of %s failed after %d attempts (%s); pages showing %s stay until they expire",
            url, attempts, problem, " ".join(keys),
        )
    raise PurgeFailed(f"{url}: {problem}")


def _headers(keys: list[str]) -> dict[str, str]:
    hard = [key for key in keys if page_keys.is_own(key)]
    soft = [key for key in keys if not page_keys.is_own(key)]
    return {name: " ".join(chosen) for name, chosen in (("xkey-purge", hard), ("xkey-softpurge", soft)) if chosen}


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
