"""Sessions read from the shared cache and written through to the database, surviving a cache outage.

Django's `cached_db` engine already falls back to the database when a cache
read fails, but not when storing a session it read from the database,
checking whether a new key is taken, or deleting a session (logging in or
out): with Redis down those would answer 500. Here every cache call that
fails is logged and skipped, so signed-in editors keep working from the
database. A session deleted while the cache was down may stay in the cache
until it expires; production's Redis keeps nothing across a restart
(README, "Resilience"), and the database copy is gone either way.
"""

import logging

from django.contrib.sessions.backends import cached_db

from core.resilience import CACHE_ERRORS

logger = logging.getLogger(__name__)


class _GuardedCache:
    def __init__(self, cache):
        self._cache = cache

    def _call(self, method: str, *args, fallback=None):
        try:
            return getattr(self._cache, method)(*args)
        except CACHE_ERRORS as exc:
            logger.error("Session cache unavailable (%s): %s", method, exc)
            return fallback

    def get(self, key, default=None):
        return self._call("get", key, default, fallback=default)

    def set(self, key, value, timeout=None):
        self._call("set", key, value, timeout)

    def delete(self, key):
        return self._call("delete", key, fallback=False)

    def __contains__(self, key):
        return bool(self._call("has_key", key, fallback=False))


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _GuardedCache(self._cache)
