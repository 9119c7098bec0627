"""The sessions' cache: Django's Redis cache, on which a Redis that is down reads as a miss and writes nothing.

Django's `cached_db` session engine already falls back to the database when
a cache read fails, but not when storing a session it read from the
database, checking whether a new key is taken, or deleting a session
(logging in or out): with Redis down those would answer 500. Behind this
backend every cache call that fails is logged and skipped, so signed-in
editors keep working from the database. A session deleted while the cache
was down may stay in the cache until it expires; production's Redis keeps
nothing across a restart (docs/resilience.md), and the database copy is
gone either way.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from core.resilience import CACHE_ERRORS

logger = logging.getLogger(__name__)


class GuardedRedisCache(RedisCache):
    """RedisCache whose failures are logged and answered as a miss."""

    def _failed(self, method: str, exc: Exception, fallback=None):
        logger.error("Session cache unavailable (%s): %s", method, exc)
        return fallback

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except CACHE_ERRORS as exc:
            return self._failed("get", exc, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except CACHE_ERRORS as exc:
            return self._failed("set", exc)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except CACHE_ERRORS as exc:
            return self._failed("delete", exc, False)

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except CACHE_ERRORS as exc:
            return self._failed("has_key", exc, False)
