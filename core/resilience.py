"""Degrading instead of failing when the database or the shared cache is down.

Database: `DatabaseUnavailableMiddleware` turns a lost database (an
OperationalError or InterfaceError, which is how Django surfaces psycopg's
and sqlite3's connection failures) into a 503 with `Retry-After`, served
from a small static page that needs neither the database nor templates.
After a failure a per-process circuit breaker answers the next requests
with that page at once, for `BREAKER_SECONDS`, instead of letting each of
them wait for a connection attempt (libpq's `connect_timeout` is at least
2 seconds when the host does not answer); then one request tries again,
so a database that is back is noticed within about a second, without a
restart. `/healthz` always asks the database, and closes the breaker when
it answers.

Cache: the page cache, its generation and the login throttle go through
`CACHE_ERRORS` and carry on without it; sessions come from the database
(core/session_cache.py).
"""

import logging
import sys
import threading
import time

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
BREAKER_SECONDS = 1.0
RETRY_AFTER_SECONDS = 5

try:  # Redis is only installed with the production profile's requirements
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover
    RedisError = OSError
# What a cache backend raises when its server is gone: redis-py's errors, or socket errors.
CACHE_ERRORS = (RedisError, OSError)

# Japanese first (the site's language), English second. No script, no style attribute, no
# external resource: the Content-Security-Policy of reader pages allows it as it is.
UNAVAILABLE_PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>ただいまご利用いただけません / Temporarily unavailable</title>
</head>
<body>
<main>
<h1>ただいまご利用いただけません</h1>
<p>システムの一時的な不具合のため、ページを表示できません。しばらくしてから再度お試しください。</p>
<h2 lang="en">Temporarily unavailable</h2>
<p lang="en">We cannot show this page right now because of a temporary fault. Please try again in a moment.</p>
</main>
</body>
</html>
""".encode()


class _Breaker:
    """Per-process: open for BREAKER_SECONDS after a database failure."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + BREAKER_SECONDS

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0


breaker = _Breaker()


def unavailable_response() -> HttpResponse:
    response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8")
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Neither nginx's micro-cache nor a CDN nor a browser may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


def close_broken_connections() -> None:
    """Drop connections that failed, so the next request opens a new one."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # a broken connection may fail to close too; it is gone either way
            logger.debug("Closing a broken database connection failed", exc_info=True)


def connection_lost() -> bool:
    """Whether a connection failed to open or broke, rather than one query failing on a working one.

    A lock timeout, a deadlock or a cancelled statement is an OperationalError too; it
    gets the 503 page but must not make the whole worker refuse requests.
    """
    for conn in connections.all(initialized_only=True):
        if conn.connection is None:
            return True
        try:
            if not conn.is_usable():
                return True
        except Exception:
            return True
    return False


def database_failed(exc: BaseException) -> HttpResponse:
    """Answer with the static 503 page; open the breaker when the database itself is gone."""
    if connection_lost():
        if not breaker.is_open():
            logger.error("Database unavailable, answering 503 for %.0f s: %s", BREAKER_SECONDS, exc)
        breaker.trip()
        close_broken_connections()
    else:
        logger.warning("Database error, answering 503: %s", exc)
    return unavailable_response()


def is_database_error(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class DatabaseUnavailableMiddleware:
    """A 503 from a static page while the database is down; see the module docstring."""

    HEALTH_PATH = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if breaker.is_open() and request.path != self.HEALTH_PATH:
            return unavailable_response()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_error(exception):
            return database_failed(exception)
        return None


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """handler500: a database failure outside a view (a middleware saving the session) is a 503 too."""
    if is_database_error(sys.exc_info()[1]):
        return database_failed(sys.exc_info()[1])
    from django.views.defaults import server_error as default_server_error

    return default_server_error(request, *args, **kwargs)
