"""Helpers shared by test modules: requests through the WSGI application as a server makes them, a Redis that is down."""

import io
from contextlib import contextmanager
from urllib.parse import unquote_to_bytes, urlsplit

from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@contextmanager
def database_kept_open():
    """As Django's test client does: a request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def server_environ(url: str, *, method: str = "GET", secure: bool = False, host: str = "testserver",
                   headers: dict | None = None) -> dict:
    """The environ a WSGI server such as gunicorn builds for `url` (a path with an optional query).

    The path may hold any character: it travels percent-encoded as UTF-8, and the
    server decodes the percent-escapes and hands the bytes on as a latin-1 string
    (PEP 3333), which is where characters above U+00FF used to break us.
    """
    parts = urlsplit(url)
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"),
        "QUERY_STRING": parts.query.encode().decode("latin-1") if parts.query else "",
        "RAW_URI": url,
        "SERVER_NAME": host, "SERVER_PORT": "443" if secure else "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "50000",
        "HTTP_HOST": host,
        "wsgi.version": (1, 0), "wsgi.url_scheme": "https" if secure else "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def wsgi_call(application, url: str, **request) -> tuple[str, dict, bytes]:
    """Status line, headers and body of one request to a WSGI application, as a server would take them."""
    started = {}

    def start_response(status, header_list, exc_info=None):
        started["status"], started["headers"] = status, header_list

    with database_kept_open():
        body = application(server_environ(url, **request), start_response)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
    names = [name.lower() for name, _ in started["headers"]]
    assert len(names) == len(set(names)), f"a header twice: {started['headers']}"
    return started["status"], dict(started["headers"]), content


_NOTHING_ANSWERS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",  # discard: nothing answers
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
}
# settings.CACHES while Redis is down: the page cache and the sessions' cache alike.
REDIS_DOWN = {"default": _NOTHING_ANSWERS, "sessions": _NOTHING_ANSWERS}
