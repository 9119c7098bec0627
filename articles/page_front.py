"""Stored public pages answered in front of Django: the WSGI application gunicorn serves.

A page the page cache holds (articles/caching.py) needs one cache read and
today's security headers. Going through Django's request handling for it
(its signals, the whole middleware chain, the response machinery) cost as
much again as that read. The front answers such requests itself and hands
everything else to Django unchanged: other methods, requests with a
session, the admin, pages not stored yet, a cache that is down.

A stored answer still goes through the middleware that sits above
PageCacheMiddleware in settings.MIDDLEWARE, taken from the settings, so it
gets exactly the headers (and HTTPS redirect) Django would give it; the
tests compare the two answers header by header.
"""

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.utils.module_loading import import_string

from . import caching

PAGE_CACHE_MIDDLEWARE = "articles.caching.PageCacheMiddleware"
_UNBUILT = object()


class _NotStored(Exception):
    """The request is for Django: its page is not in the cache (or it is not a page request)."""


def _stored_answer(request):
    response = caching.stored_answer(request)
    if response is None:
        raise _NotStored
    return response


class StoredPageFront:
    def __init__(self, application):
        self.application = application
        self._outer = _UNBUILT  # built on the first request, once the settings are loaded

    def _outer_middleware(self):
        """The middleware above the page cache, wrapped around the stored answer as Django wraps it.

        None when the page cache is not in the middleware: then every request is Django's.
        """
        middleware = list(settings.MIDDLEWARE)
        if PAGE_CACHE_MIDDLEWARE not in middleware:
            return None
        handler = _stored_answer
        for path in reversed(middleware[:middleware.index(PAGE_CACHE_MIDDLEWARE)]):
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
        try:
            response = self._outer(WSGIRequest(environ))
        except Exception:  # _NotStored, or an error Django's handling turns into a proper answer
            # (a Host it does not serve while redirecting to HTTPS is a 400 there): the request is Django's.
            return self.application(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        # The bytes, not the response: closing a response sends Django's request_finished signal.
        return [response.content]
