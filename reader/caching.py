"""Caching public pages in the shared cache, with exact invalidation and conditional GET.

Every public page is stored with the current *generation* of public
content, and counts only while that generation is current. Anything
readers can see changing (an article that is or was public, its key
points, figures, related picks or corrections, a digest, a
category/tag/source name) starts a new generation, so the next request
renders afresh; drafts being edited do not. A scheduled article going
live starts a new generation too: the generation remembers when the
next scheduled article is due and renews itself once that time passes,
so no job has to run.

Responses carry an ETag and Last-Modified derived from the generation, so
a revalidating browser or CDN gets a 304 without the page being rendered
or even read from the cache. `Cache-Control: s-maxage` with
`stale-while-revalidate` lets a CDN or nginx hold pages briefly; browsers
revalidate every time (max-age=0), so a reader sees an edit on their next
request. Requests that carry a session are never served from, or stored
in, the shared cache, and their responses are marked private.

The generation lives in the default cache: with several worker processes
that cache must be shared (Redis in the production profile); the
generation and a stored page come back in one read. Stored
pages are answered before Django's request handling by the WSGI front
(reader/page_front.py), and by PageCacheMiddleware when a request
reaches Django.

When the cache is down, pages are rendered uncached rather than failing,
and a generation that could not be renewed is renewed once the cache
answers again.
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from core.resilience import CACHE_ERRORS
from reader import generations

logger = logging.getLogger(__name__)

PAGE_TTL = 3600
MAX_CACHED_QUERY = 300
API_MAX_AGE = 60
CRAWLER_MAX_AGE = 300
PAGE_MAX_AGE = 60


def _has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _mark_private(response) -> None:
    patch_cache_control(response, private=True, no_cache=True, max_age=0)


@dataclass(frozen=True)
class _Lookup:
    """A public page request's place in the cache: its key, ETag and generation, and the stored page if any."""

    key: str | None  # None: a query too long to store
    etag: str
    generation: generations.Generation
    page: object | None


def _lookup(request, *, start: bool = True, path: str | None = None) -> _Lookup | None:
    """The page at `path` (the request's own by default) in the cache; None when the generation is due
    for renewal and `start` is False.

    Pages hold absolute links built from the scheme and host they were asked
    for (canonical URL, feeds, sitemaps), so those are part of the key. The
    language is in the path (reader/languages.py).
    """
    path = path or request.get_full_path()
    digest = hashlib.sha256(f"{request.scheme}://{request.get_host()}{path}".encode()).hexdigest()[:32]
    # One key per page whatever the generation: the stored copy says which generation it
    # belongs to, so the generation and the page come back in one round trip.
    key = f"newsdesk:page:{digest}" if len(path) <= MAX_CACHED_QUERY else None
    generation, page = generations.generation_and_page(key, start=start)
    if generation is None:
        return None
    return _Lookup(key, quote_etag(f"{generation.token}-{digest[:16]}"), generation, page)


def _may_be_stored(request) -> bool:
    return (
        settings.NEWSDESK_PAGE_CACHE and request.method in ("GET", "HEAD") and not _has_session(request)
        and not request.path.startswith(_UNCACHED_PREFIXES) and _host_allowed(request)
    )


def _host_allowed(request) -> bool:
    """Whether the Host is one of ALLOWED_HOSTS; when not, Django's own check below answers 400."""
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


# Never pages: skipping them saves a cache read (any other path that is not a page simply misses).
_UNCACHED_PREFIXES = ("/admin/", "/static/", "/media/", "/healthz")
_LOOK_UP_AGAIN = object()
# Where PageCacheMiddleware leaves its lookup when it passes a request on. The WSGI front
# (reader/page_front.py) runs it first; the same request then reaches Django with the same
# environ, and the middleware there takes the lookup instead of reading the cache again.
LOOKUP_ENVIRON_KEY = "newsdesk.page_lookup"


def _stored(response) -> tuple:
    """What the cache keeps of a page: its headers and its bytes (cheaper to read back than a response)."""
    return tuple(response.items()), response.content


def _answer(request, found: _Lookup) -> HttpResponse:
    """The stored page, or a 304 for it with the headers a 304 repeats."""
    headers, content = found.page
    if _not_modified(request, found.etag, found.generation.last_modified):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name.lower() in _NOT_MODIFIED_HEADERS:
                response.headers[name] = value
        return response
    return HttpResponse(content, headers=dict(headers))


_NOT_MODIFIED_HEADERS = {"etag", "last-modified", "cache-control", "x-accel-expires", "vary", "content-language"}


def _find(request):
    """The request's place in the page cache (a _Lookup); None when the cache is down (the view renders
    the page uncached); _LOOK_UP_AGAIN when the generation is due for renewal (the view starts one).

    Without starting a generation here: that asks the database, which is for the stack below (its
    outage middleware answers 503 when the database is down).
    """
    try:
        found = _lookup(request, start=False)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, rendering %s uncached: %s", request.path, exc)
        return None
    return _LOOK_UP_AGAIN if found is None else found


class PageCacheMiddleware:
    """Answers a request for a stored public page before the rest of the stack runs.

    A cached page is one cache read; sessions, the language, URL routing and
    the view are for pages not stored yet. It sits after the security headers
    middleware, which gives every answer today's policy, and before
    everything else. A view decorated with `cached_page` renders what it
    misses; this middleware stores the response as the inner middleware left
    it (Content-Language included) and answers conditional requests for
    stored pages with a 304. The WSGI front (reader/page_front.py) runs it
    before Django does, and hands on what it found with the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_stored(request):
            return self.get_response(request)
        found = request.environ.pop(LOOKUP_ENVIRON_KEY) if LOOKUP_ENVIRON_KEY in request.environ else _find(request)
        if isinstance(found, _Lookup) and found.page is not None:
            return _answer(request, found)
        request.newsdesk_page = request.environ[LOOKUP_ENVIRON_KEY] = found
        response = self.get_response(request)
        stored = getattr(response, "newsdesk_store", None)
        if stored is not None and not response.cookies:
            key, token, ttl = stored
            del response.newsdesk_store
            _cache_call(cache.set, key, (token, _stored(response)), ttl)
        return response


def canonical_path(request, params: frozenset[str]) -> str | None:
    """The request's path with only the query parameters its page reads; None when it has nothing else.

    Any other parameter (a campaign tag, a typo, a cache-buster, a repeated
    name of which the page reads only the last) changes nothing on the page,
    so it must not make a page of its own in the cache. What is kept is kept
    as it was sent, so the result is the key of that page's own request.
    """
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return None
    pieces = query.split("&")
    kept, seen = [], set()
    for piece in reversed(pieces):  # Django reads the last of a repeated name
        name = unquote_plus(piece.partition("=")[0])
        if piece and name in params and name not in seen:
            kept.append(piece)
            seen.add(name)
    if len(kept) == len(pieces):
        return None
    return escape_uri_path(request.path) + ("?" + iri_to_uri("&".join(reversed(kept))) if kept else "")


def cached_page(*, s_maxage: int = PAGE_MAX_AGE, params: Iterable[str] = ()) -> Callable:
    """A public GET view whose pages PageCacheMiddleware stores, with conditional GET and CDN headers.

    `params` names the query parameters the page reads. A request with others
    is answered from the page without them when it is stored, and is never
    stored itself, so the cache holds one copy per page a reader can reach.
    """
    understood = frozenset(params)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not settings.NEWSDESK_PAGE_CACHE:
                return view(request, *args, **kwargs)  # measuring the uncached site (bench/)
            if request.method not in ("GET", "HEAD") or _has_session(request):
                response = view(request, *args, **kwargs)
                _mark_private(response)
                return response
            found = getattr(request, "newsdesk_page", _LOOK_UP_AGAIN)  # PageCacheMiddleware's lookup
            canonical = canonical_path(request, understood)
            if found is _LOOK_UP_AGAIN or (canonical is not None and found is not None):
                # A generation to start, or the page without the parameters it does not read.
                try:
                    found = _lookup(request, path=canonical)
                except CACHE_ERRORS as exc:
                    logger.warning("Cache unavailable, rendering %s uncached: %s", request.path, exc)
                    found = None
            if found is None:  # the cache is down
                return view(request, *args, **kwargs)
            generation = found.generation

            if _not_modified(request, found.etag, generation.last_modified):
                response = HttpResponseNotModified()
                _public_headers(response, found.etag, generation, s_maxage)
                return response
            if canonical is not None and found.page is not None:
                return _answer(request, found)

            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200 or response.streaming:
                return response
            _public_headers(response, found.etag, generation, s_maxage)
            if found.key is not None and canonical is None:
                ttl = PAGE_TTL
                if generation.next_live is not None:
                    ttl = max(1, min(ttl, int(generation.next_live - time.time()) + 1))
                response.newsdesk_store = (found.key, generation.token, ttl)
            return response

        return wrapped

    return decorator


def _cache_call(method, *args):
    """A page cache read or write; None when the cache is down (the page is rendered, not stored)."""
    try:
        return method(*args)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable: %s", exc)
        return None


def public(*, max_age: int, params: Iterable[str] = ()) -> Callable:
    """Machine-readable endpoints (feeds, sitemaps, API): the same caching, held longer by CDNs."""
    return cached_page(s_maxage=max_age, params=params)


def _not_modified(request, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def _public_headers(response, etag: str, generation: generations.Generation, s_maxage: int) -> None:
    response.headers["ETag"] = etag
    # The generation's start, so If-Modified-Since gets the same answer as If-None-Match.
    response.headers["Last-Modified"] = http_date(generation.last_modified)
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=s_maxage, stale_while_revalidate=s_maxage,
    )
    # nginx's micro-cache (deploy/nginx.conf) cannot be told about a new generation: keep it brief.
    response.headers["X-Accel-Expires"] = "1"
