"""Public pages: tagged with what they show, stored in the shared cache, renewed by page key.

A public view decorated with `cached_page` runs while reader/showing.py
collects the page keys of what it shows. Its response then goes out
tagged: an `xkey` header for the edge cache in front (Varnish, purged by
key: reader/purging.py), `Cache-Control` letting shared caches hold it
(`s-maxage`; browsers revalidate every time), an ETag of its bytes and a
Last-Modified. PageCacheMiddleware keeps it in Django's cache with the
change sequence read before the view ran (reader/renewal.py) and answers
it from there, or with a 304, until one of its keys is renewed or its time
runs out.

Requests that carry a session are never served from, or stored in, the
shared cache, and their responses are marked private. When the cache is
down, pages are rendered uncached rather than failing.
"""

import hashlib
import logging
import math
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

from articles import page_keys
from core.resilience import CACHE_ERRORS
from reader import renewal, showing

logger = logging.getLogger(__name__)

PAGE_TTL = 3600  # seconds a page is kept in Django's cache at most
MAX_CACHED_QUERY = 300
API_MAX_AGE = 60
CRAWLER_MAX_AGE = 300
PAGE_MAX_AGE = 60


def _has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _mark_private(response) -> None:
    patch_cache_control(response, private=True, no_cache=True, max_age=0)


@dataclass(frozen=True)
class StoredPage:
    """A page as the cache keeps it: what it shows, how long it is good, its headers and bytes."""

    sequence: int
    keys: tuple[str, ...]
    good_until: float
    etag: str
    last_modified: int
    headers: tuple
    content: bytes


@dataclass(frozen=True)
class _Lookup:
    """A public page request's place in the cache."""

    key: str | None  # None: a query too long to store
    sequence: int  # the change sequence before rendering
    page: StoredPage | None  # still good
    previous: StoredPage | None  # out of date: its Last-Modified is the floor of the next one's


@dataclass(frozen=True)
class _Public:
    """What the view says of a public page, for the middleware to finish and store it."""

    keys: frozenset[str]
    good_until: float | None  # None: until one of its keys is renewed
    s_maxage: int


def _page_key(request, path: str) -> str:
    # Pages hold absolute links built from the scheme and host they were asked for; the
    # language is in the path (reader/languages.py).
    digest = hashlib.sha256(f"{request.scheme}://{request.get_host()}{path}".encode()).hexdigest()[:32]
    return f"newsdesk:page:{digest}"


def _lookup(request, path: str | None = None) -> _Lookup:
    """The page at `path` (the request's own by default) in the cache, with the change sequence."""
    renewal.renew_missed()
    path = path or request.get_full_path()
    key = _page_key(request, path) if len(path) <= MAX_CACHED_QUERY else None
    found = cache.get_many([renewal.SEQUENCE_KEY] if key is None else [renewal.SEQUENCE_KEY, key])
    sequence = renewal.current_sequence(found.get(renewal.SEQUENCE_KEY))
    stored = found.get(key) if key else None
    if isinstance(stored, StoredPage) and stored.good_until > time.time() and renewal.still_good(stored.sequence, stored.keys):
        return _Lookup(key, sequence, stored, None)
    return _Lookup(key, sequence, None, stored if isinstance(stored, StoredPage) else None)


def _find(request, path: str | None = None) -> _Lookup | None:
    """The lookup, or None when the cache is down (the page is rendered and not stored)."""
    try:
        return _lookup(request, path)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, rendering %s uncached: %s", request.path, exc)
        return None


def _may_be_stored(request) -> bool:
    return (
        request.method in ("GET", "HEAD") and not _has_session(request)
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
_NOT_LOOKED_UP = object()
_NOT_MODIFIED_HEADERS = {"etag", "last-modified", "cache-control", "vary", "content-language", "xkey"}


def _answer(request, page: StoredPage) -> HttpResponse:
    """The stored page, or a 304 for it with the headers a 304 repeats."""
    if _not_modified(request, page.etag, page.last_modified):
        response = HttpResponseNotModified()
        for name, value in page.headers:
            if name.lower() in _NOT_MODIFIED_HEADERS:
                response.headers[name] = value
        return response
    return HttpResponse(page.content, headers=dict(page.headers))


class PageCacheMiddleware:
    """Answers a request for a stored public page before the rest of the stack runs; stores new ones.

    It sits after the security headers middleware, which gives every answer
    today's policy, and before everything else: a stored page is two cache
    reads (the page with the change sequence, then its keys' versions).
    A page a `cached_page` view rendered is finished here, as the inner
    middleware left it (Content-Language included): its ETag, Last-Modified
    and edge headers, then stored, then answered (a 304 if the reader has it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_stored(request):
            return self.get_response(request)
        found = _find(request) if settings.NEWSDESK_PAGE_CACHE else None
        if found is not None and found.page is not None:
            return _answer(request, found.page)
        request.newsdesk_page = found
        response = self.get_response(request)
        public = getattr(response, "newsdesk_public", None)
        if public is None:
            return response
        del response.newsdesk_public
        lookup = response.newsdesk_lookup
        del response.newsdesk_lookup
        page = _finish(response, public, lookup)
        if lookup is not None and lookup.key is not None and not response.cookies:
            _keep(lookup.key, page)
        return _answer(request, page) if _not_modified(request, page.etag, page.last_modified) else response


def _finish(response, public: _Public, found: _Lookup | None) -> StoredPage:
    """Give a rendered public page its ETag, Last-Modified and edge headers; the page as it would be stored."""
    etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest()[:20])
    now = time.time()
    previous = found.previous if found else None
    if previous is not None and previous.etag == etag:
        last_modified = previous.last_modified  # the same bytes as before: not modified since then
    else:
        # HTTP dates have whole seconds: a page that changed within the second of its previous
        # version must still differ in Last-Modified, or If-Modified-Since would keep the old one.
        last_modified = max(int(now), previous.last_modified + 1 if previous else 0)
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    s_maxage = public.s_maxage
    if public.good_until is not None:
        s_maxage = max(1, min(s_maxage, math.ceil(public.good_until - now)))
    patch_cache_control(response, public=True, max_age=0, s_maxage=s_maxage)
    if public.keys:
        response.headers["xkey"] = " ".join(sorted(public.keys))
    return StoredPage(
        sequence=found.sequence if found else 0, keys=tuple(sorted(public.keys)),
        good_until=min(public.good_until or now + PAGE_TTL, now + PAGE_TTL), etag=etag, last_modified=last_modified,
        headers=tuple(response.items()), content=response.content,
    )


def _keep(key: str, page: StoredPage) -> None:
    try:
        cache.set(key, page, max(1, int(page.good_until - time.time())))
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, page not stored: %s", exc)


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


def edge_max_age(s_maxage: int) -> int:
    """How long shared caches may hold a page: long when the edge cache is purged by key, else `s_maxage`."""
    return max(s_maxage, settings.NEWSDESK_EDGE_MAX_AGE) if settings.NEWSDESK_PURGE_URLS else s_maxage


def cached_page(*, s_maxage: int = PAGE_MAX_AGE, params: Iterable[str] = (), shows: Iterable[str] = ()) -> Callable:
    """A public GET view: its pages tagged with what they show, stored, answered with conditional GET.

    `params` names the query parameters the page reads. A request with others
    is answered from the page without them when it is stored, and is never
    stored itself, so the cache holds one copy per page a reader can reach.
    `shows` are page keys every page of the view shows, besides those the
    view collects itself.
    """
    understood = frozenset(params)
    always = frozenset(shows)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or _has_session(request):
                response = view(request, *args, **kwargs)
                _mark_private(response)
                return response
            found = getattr(request, "newsdesk_page", _NOT_LOOKED_UP)
            canonical = canonical_path(request, understood)
            if settings.NEWSDESK_PAGE_CACHE and (found is _NOT_LOOKED_UP or (canonical is not None and found is not None)):
                found = _find(request, canonical)  # the page without the parameters it does not read
                if canonical is not None and found is not None and found.page is not None:
                    return _answer(request, found.page)
            elif found is _NOT_LOOKED_UP:
                found = None
            with showing.collecting() as shown:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            if response.status_code != 200 or response.streaming:
                return response
            shown.keys |= always
            response.newsdesk_public = _Public(
                keys=frozenset(shown.keys), good_until=_good_until(shown), s_maxage=edge_max_age(s_maxage),
            )
            response.newsdesk_lookup = found if canonical is None else None
            return response

        return wrapped

    return decorator


def _good_until(shown: showing.Shown) -> float | None:
    """Until when a page is true whatever is saved, if not for ever: its own limit, and for lists the next story going live."""
    until = shown.until.timestamp() if shown.until is not None else None
    if any(page_keys.joinable(key) for key in shown.keys):
        try:
            going_live = renewal.next_go_live()
        except CACHE_ERRORS:
            going_live = time.time() + PAGE_MAX_AGE
        if going_live is not None and (until is None or going_live < until):
            until = going_live
    return until


def public(*, max_age: int, params: Iterable[str] = (), shows: Iterable[str] = ()) -> Callable:
    """Machine-readable endpoints (feeds, sitemaps, API): the same caching, held longer by CDNs."""
    return cached_page(s_maxage=max_age, params=params, shows=shows)


def _not_modified(request, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since
