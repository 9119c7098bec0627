"""Failed admin logins, counted per username and address in the shared cache; and a rate for what the browser sends by itself.

After `NEWSDESK_LOGIN_MAX_FAILURES` failures for one username from one
address within `NEWSDESK_LOGIN_WINDOW` seconds (or
`NEWSDESK_LOGIN_MAX_FAILURES_PER_ADDRESS` failures from one address, whatever
the usernames: password spraying), logging in from there is refused until
the window ends, even with the right password. The window starts at the
first failure. A successful login clears its username's count.

Counting per username *and* address means nobody can lock an editor out
from elsewhere by failing on purpose. The counts live beside the sessions
(the "sessions" cache), not among pages that may be evicted: Redis in
production, so every worker process sees them. While that cache
is down each worker counts in its own memory instead: the limit still holds
per process, and logging in keeps working.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest

from core.resilience import CACHE_ERRORS

logger = logging.getLogger(__name__)

PREFIX = "newsdesk:login-failures"
_local = LocMemCache("newsdesk-login-failures", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _counts(method: str, *args, **kwargs):
    """A call on the shared cache, or on this process's own memory while the shared one is down."""
    try:
        return getattr(caches["sessions"], method)(*args, **kwargs)
    except CACHE_ERRORS as exc:
        logger.error("Cache unavailable, counting failed logins in this process: %s", exc)
        return getattr(_local, method)(*args, **kwargs)


def client_address(request: HttpRequest) -> str:
    """The client's address: nginx's last X-Forwarded-For entry behind the proxy, else the socket's."""
    if settings.NEWSDESK_BEHIND_PROXY:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    return f"{PREFIX}:{digest}"


@dataclass(frozen=True)
class LoginThrottle:
    username: str
    address: str

    @classmethod
    def for_request(cls, request: HttpRequest, username: str | None) -> "LoginThrottle":
        return cls(username=(username or "").strip().casefold(), address=client_address(request))

    @property
    def _keys(self) -> tuple[tuple[str, int], ...]:
        """(count key, limit) for username+address and for the address alone."""
        return (
            (_key("user", self.username, self.address), settings.NEWSDESK_LOGIN_MAX_FAILURES),
            (_key("address", self.address), settings.NEWSDESK_LOGIN_MAX_FAILURES_PER_ADDRESS),
        )

    def retry_after(self) -> int:
        """Seconds until logging in is allowed again; 0 when it is allowed now."""
        now, window, waits = _now(), settings.NEWSDESK_LOGIN_WINDOW, []
        for key, limit in self._keys:
            since = _counts("get", f"{key}:since")
            if since is not None and now < since + window and (_counts("get", key) or 0) >= limit:
                waits.append(max(1, int(since + window - now)))
        return max(waits, default=0)

    def failed(self) -> None:
        now, window = _now(), settings.NEWSDESK_LOGIN_WINDOW
        for key, limit in self._keys:
            since = _counts("get", f"{key}:since")
            if since is None:  # the first failure starts the window (add() is atomic)
                _counts("add", key, 0, window)
                _counts("add", f"{key}:since", now, window)
            elif now >= since + window:  # a window that is over, still in the cache: a new one
                _counts("set_many", {key: 0, f"{key}:since": now}, window)
            try:
                count = _counts("incr", key)
            except ValueError:  # expired in between
                _counts("set_many", {key: 1, f"{key}:since": now}, window)
                count = 1
            if count == limit:
                logger.warning("Admin login locked after %s failures from %s", count, self.address)

    def succeeded(self) -> None:
        key = self._keys[0][0]
        _counts("delete_many", [key, f"{key}:since"])


def _now() -> float:
    return time.time()


def within_rate(name: str, user, per_minute: int) -> bool:
    """Whether `user` may do `name` once more this minute: at most `per_minute` times a minute.

    For what the browser does by itself while an editor types (autosave, the
    live preview): far below the limit in use, it stops a runaway script.
    Counted in the default cache; while it is down, everything is allowed.
    """
    key = f"newsdesk:{name}:{user.pk}"
    try:
        cache.add(key, 0, 60)
        return cache.incr(key) <= per_minute
    except ValueError:  # expired between add and incr
        return True
    except CACHE_ERRORS as exc:
        logger.error("Cache unavailable, %s not counted: %s", name, exc)
        return True
