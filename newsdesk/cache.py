"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Django's backend builds a new `redis.Redis` object for every cache call.
With redis-py 8 that costs more than the call itself (each client sets up
its command callbacks and event dispatcher): a page served from the cache
makes two calls, and the two clients took about a third of its time. A
client holds no state of its own beyond the pool it draws connections
from, and redis-py's clients are safe to share between threads, so one per
pool serves every call.
"""

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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
