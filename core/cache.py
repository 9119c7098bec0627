"""Django's Redis cache backend, with one redis-py client per connection pool and watched keys.

One client per pool: Django's backend builds a new `redis.Redis` object for
every cache call. With redis-py 8 that costs more than the call itself
(each client sets up its command callbacks and event dispatcher): a page
served from the cache makes two calls, and the two clients took about a
third of its time. A client holds no state of its own beyond the pool it
draws connections from, and redis-py's clients are safe to share between
threads, so one per pool serves every call.

Watched keys (`KeyWatch`): a process may keep its own copy of a value as
long as Redis has not said it changed. Redis says so itself (client-side
caching in broadcast mode, Redis 6 and later): a connection of the
process's own asks to be told of every write to keys starting with the
watched key, and Redis pushes a note down it on each. Checking for a note
is a look at that socket, not a round trip; the page cache
(reader/caching.py) uses it to know the current generation of public
content without asking Redis on every request.
"""

import os
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict = {}  # connection pool -> its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class KeyWatch:
    """Tells whether a Redis key may have changed since the process last looked.

    `open()` before reading the key, then `unchanged()` before trusting what
    was read: it is True only while the watching connection has stayed up
    and Redis has pushed no note of a write to the key since `open()`.
    Writes this process makes through the cache count at once (`touched()`),
    without waiting for Redis's note. A lost connection, a flush, an
    eviction: all mean "changed", and the next `open()` watches anew.
    """

    RETRY_AFTER = 5  # seconds

    def __init__(self, pool: redis.ConnectionPool, key: str):
        self._pool = pool
        self._key = key
        self._connection = None
        self._clean = False  # nothing changed since open()
        self._retry_at = 0.0  # after a failed open(), not before this (monotonic seconds)
        self._lock = threading.Lock()
        os.register_at_fork(after_in_child=self._forget_connection)

    def _forget_connection(self) -> None:
        """In a forked worker: the parent's socket is not ours to read."""
        self._connection, self._clean = None, False

    def open(self) -> bool:
        """Start watching (if not already); False when Redis cannot be watched now."""
        with self._lock:
            if self._connection is not None:
                self._clean = True
                return True
            if time.monotonic() < self._retry_at:
                return False  # Redis was unreachable a moment ago: no second wait on every request
            # RESP3, so the notes come down this same connection, which then only listens.
            connection = self._pool.connection_class(**{**self._pool.connection_kwargs, "protocol": 3})
            try:
                connection.connect()
                connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self._key)
                connection.read_response()
            except (redis.RedisError, OSError):
                connection.disconnect()
                self._retry_at = time.monotonic() + self.RETRY_AFTER
                return False
            self._connection, self._clean = connection, True
            return True

    def unchanged(self) -> bool:
        with self._lock:
            if not self._clean:
                return False
            try:
                if not self._connection.can_read(timeout=0):
                    return True
                while self._connection.can_read(timeout=0):  # a note (or several): drain them
                    self._connection.read_response(push_request=True)
                self._clean = False
            except (redis.RedisError, OSError):  # the connection is gone: so is the promise
                self._connection.disconnect()
                self._connection, self._clean = None, False
            return False

    def touched(self) -> None:
        self._clean = False


# One watch per Redis server and key in a process, shared by its threads (Django gives
# each thread a cache object of its own).
_watches: dict[tuple, KeyWatch] = {}
_watches_lock = threading.Lock()


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def _watch_id(self, key) -> tuple:
        return tuple(self._servers), self.make_and_validate_key(key)

    def watch(self, key: str) -> KeyWatch:
        """The process's KeyWatch for this cache key."""
        watch_id = self._watch_id(key)
        watch = _watches.get(watch_id)
        if watch is None:
            with _watches_lock:
                watch = _watches.get(watch_id)
                if watch is None:
                    pool = self._cache._get_connection_pool(write=False)
                    watch = _watches[watch_id] = KeyWatch(pool, watch_id[1])
        return watch

    def _touched(self, keys) -> None:
        """After a write here: a watched key among `keys` (all of them for None) counts as changed."""
        touched = [watch for (servers, made_key), watch in list(_watches.items())
                   if servers == tuple(self._servers) and (keys is None or made_key in keys)]
        for watch in touched:
            watch.touched()
        if touched:
            # Redis sends its notes between commands, after the write's own reply: one more
            # command answered means they are on their way to every other process before
            # this write returns (to an editor who may then open the page anywhere).
            try:
                self._cache.get_client(write=True).ping()
            except (redis.RedisError, OSError):
                pass  # the write itself said what happened

    # Writes through this cache: a watched key written here counts as changed at once,
    # without waiting for Redis's note.

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        finally:
            self._touched({self.make_key(key, version)})

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        finally:
            self._touched({self.make_key(key, version)})

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        finally:
            self._touched({self.make_key(key, version) for key in data})

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        finally:
            self._touched({self.make_key(key, version)})

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        finally:
            self._touched({self.make_key(key, version) for key in keys})

    def clear(self):
        try:
            return super().clear()
        finally:
            self._touched(None)
