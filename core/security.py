"""Security headers on every response: a Content-Security-Policy for each part of the site, and the rest.

Why a small middleware rather than django-csp: we need three policies chosen
by path (reader pages, the admin, everything that is not a page) and a
Cross-Origin-Resource-Policy chosen by path too; that is a few lines here,
while django-csp would add a dependency and still need this code for CORP.

No policy needs a nonce. Reader pages load one script, /static/js/enhance.js;
the JSON-LD block (`<script type="application/ld+json">`) is a data block,
which browsers never run and CSP does not govern (tests/security/
test_headers_browser.py checks that Chromium reports no violation). Without
nonces a page stored by the public page cache (reader/caching.py) can be
served to anyone as it is; and these headers are added here, after the
cache, to every response, cached or not, so they always follow the settings.

Django's own SecurityMiddleware adds HSTS (over HTTPS), nosniff,
Referrer-Policy and Cross-Origin-Opener-Policy from the settings;
XFrameOptionsMiddleware adds X-Frame-Options. This middleware adds them
too when missing, so a response is never without them.
"""

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Browser features no page of ours uses, switched off for our pages and any frame in them.
# Only features Chromium knows: an unknown name makes it log an error on every page.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "usb", "xr-spatial-tracking", "browsing-topics",
))

# Not pages: feeds, the read-only JSON API, crawler files, uploads and static files.
# Readers' apps (feed readers, aggregators, other sites showing our images) fetch these
# from other origins, so they say `cross-origin`. Pages and the admin say `same-origin`:
# nothing, not even a sibling subdomain, has a reason to load them as a subresource, and
# admin responses (autocomplete JSON, previews) hold unpublished work.
CROSS_ORIGIN_PREFIXES = ("/feeds/", "/api/", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt")


def _origin(url: str) -> str | None:
    """The origin a settings URL points at, for CSP; None for a path on our own origin."""
    parts = urlsplit(url)
    if not parts.netloc:
        return None
    if parts.scheme in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc}"
    return parts.netloc  # protocol-relative //host/...: the host, on the page's own scheme


def _path_prefix(url: str) -> str | None:
    parts = urlsplit(url)
    return None if parts.netloc else "/" + parts.path.lstrip("/")


def _sources(*extra: str | None) -> str:
    return " ".join(dict.fromkeys(["'self'", *(e for e in extra if e)]))


@lru_cache(maxsize=16)
def policies(static_url: str, media_url: str, upgrade: bool) -> dict[str, str]:
    """The Content-Security-Policy values (page, admin, resource, debug) for these asset locations."""
    static, media = _origin(static_url), _origin(media_url)
    common = [
        "default-src 'self'",
        f"script-src {_sources(static)}",
        f"img-src {_sources(static, media)} data:",
        f"font-src {_sources(static)}",
        f"media-src {_sources(media)}",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    tail = ["upgrade-insecure-requests"] if upgrade else []
    page = [
        *common,
        f"style-src {_sources(static)}",
        "manifest-src 'self'",
        # No page script of ours writes HTML from strings; any DOM XSS sink use is refused.
        "require-trusted-types-for 'script'",
        *tail,
    ]
    # The admin needs no 'unsafe-inline' either: Django's admin has no inline scripts or
    # styles in the pages we use, and its scripts (jQuery, select2, the calendar) style
    # elements through the DOM, which CSP allows (the browser test drives them). It cannot
    # have Trusted Types: jQuery writes HTML from strings.
    admin = [*common, f"style-src {_sources(static)}", *tail]
    # Feeds, JSON, XML, images, text: nothing in them may run, load or be framed.
    resource = ["default-src 'none'", "frame-ancestors 'none'", "sandbox"]
    # With DEBUG only: Django's technical error pages are made of inline styles and scripts.
    debug = ["default-src 'self'", "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'",
             "img-src 'self' data:", "object-src 'none'", "frame-ancestors 'none'"]
    return {key: "; ".join(value) for key, value in
            {"page": page, "admin": admin, "resource": resource, "debug": debug}.items()}


def _is_admin(path: str) -> bool:
    return path.startswith("/admin/")


def _is_page(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def cross_origin_allowed(path: str) -> bool:
    """Whether other sites' pages and apps may load this path (see CROSS_ORIGIN_PREFIXES)."""
    if _is_admin(path):
        return False
    prefixes = [*CROSS_ORIGIN_PREFIXES]
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        prefix = _path_prefix(url or "")
        if prefix and prefix != "/":
            prefixes.append(prefix)
    return path.startswith(tuple(prefixes))


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy, CORP and friends on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        path = request.path
        chosen = policies(settings.STATIC_URL or "", settings.MEDIA_URL or "", settings.SECURE_SSL_REDIRECT)
        if settings.DEBUG and response.status_code >= 400 and _is_page(response):
            csp = chosen["debug"]  # development only: a traceback or URL list, never a reader's page
        elif _is_admin(path):
            csp = chosen["admin"]
        elif _is_page(response):
            csp = chosen["page"]
        else:
            csp = chosen["resource"]
        if response.status_code == 304:
            # A 304 has no body and no Content-Type, and the browser merges its headers into
            # the copy it revalidated: sending a policy here could swap a page's for another.
            # That copy already has the right one.
            response.headers.pop("Content-Security-Policy", None)
        else:
            # Set, not setdefault: a response from the page cache gets exactly today's policy.
            response.headers["Content-Security-Policy"] = csp
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        response.headers["Cross-Origin-Resource-Policy"] = (
            "cross-origin" if cross_origin_allowed(path) else "same-origin"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
