"""HTTP caching for the public machine-readable endpoints (feeds, sitemaps, API)."""

from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import conditional_page

API_MAX_AGE = 60
CRAWLER_MAX_AGE = 300


def public(*, max_age: int) -> Callable:
    """Let browsers and shared caches keep successful responses for `max_age` seconds.

    Adds an ETag (a hash of the body) and answers a matching
    If-None-Match, or an If-Modified-Since no older than the response's
    Last-Modified, with 304. Errors are not marked cacheable.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                patch_cache_control(response, public=True, max_age=max_age)
            return response

        return conditional_page(wrapped)

    return decorator


def set_last_modified(response, moment: datetime | None) -> None:
    """Set Last-Modified when the time is known."""
    if moment is not None:
        response.headers["Last-Modified"] = http_date(moment.timestamp())
