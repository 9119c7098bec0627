"""Stored public pages answered in front of Django: the WSGI application gunicorn serves.

A page the page cache holds (reader/caching.py) needs one cache read and
today's security headers. Going through Django's request handling for it
(its signals, the whole middleware chain, the response machinery) cost as
much again as that read. The front answers such requests itself and hands
everything else to Django unchanged: other methods, requests with a
session, the admin, pages not stored yet, a cache that is down.

The front runs the middleware of settings.MIDDLEWARE down to and including
PageCacheMiddleware, as Django would, so a stored page gets exactly the
answer Django would give it, headers and HTTPS redirect included (the tests
compare the two header by header). Whatever would go further down the
chain is handed to Django, with the page cache's lookup, which is not
repeated there.
"""

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.utils.module_loading import import_string

from reader.caching import LOOKUP_ENVIRON_KEY

PAGE_CACHE_MIDDLEWARE = "reader.caching.PageCacheMiddleware"
_UNBUILT = object()


class _NotStored(Exception):
    """The request is for Django: its page is not in the cache (or it is not a page request)."""


def _to_django(request):
    raise _NotStored


class StoredPageFront:
    def __init__(self, application):
        self.application = application
        self._outer = _UNBUILT  # built on the first request, once the settings are loaded

    def _outer_middleware(self):
        """The middleware down to the page cache, wrapped as Django wraps it.

        None when the page cache is not in the middleware: then every request is Django's.
        """
        middleware = list(settings.MIDDLEWARE)
        if PAGE_CACHE_MIDDLEWARE not in middleware:
            return None
        handler = _to_django
        for path in reversed(middleware[:middleware.index(PAGE_CACHE_MIDDLEWARE) + 1]):
            handler = import_string(path)(handler)
        return handler

    def __call__(self, environ, start_response):
        if self._outer is _UNBUILT:
            self._outer = self._outer_middleware()
        if (
            self._outer is None or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or not settings.NEWSDESK_PAGE_CACHE
        ):
            return self.application(environ, start_response)
        # A request of our own on a copy of the environ: WSGIRequest writes the decoded path into
        # the environ it is given, and Django must get the server's, which is encoded as PEP 3333 says.
        own = dict(environ)
        try:
            response = self._outer(WSGIRequest(own))
        except Exception:  # _NotStored, or an error Django's handling turns into a proper answer
            # (a Host it does not serve while redirecting to HTTPS is a 400 there): the request is Django's.
            if LOOKUP_ENVIRON_KEY in own:
                environ[LOOKUP_ENVIRON_KEY] = own[LOOKUP_ENVIRON_KEY]
            return self.application(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        # The bytes, not the response: closing a response sends Django's request_finished signal.
        return [response.content]
