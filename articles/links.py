"""Links to slug pages (articles, categories, tags, sources) without resolving the URLconf each time.

A list page links to a hundred such pages; `reverse()` walks the URL
patterns for every one, which cost more than the rest of a card. The
pattern's prefix and suffix are resolved once (per URLconf, script prefix
and language, since English pages live under /en/) and the slug is quoted
into place the way `reverse()` quotes it.
"""

import functools
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

_MARKER = "newsdesk-slug-marker"


@functools.lru_cache(maxsize=64)
def _around_slug(name: str, urlconf, script_prefix: str, language: str | None) -> tuple[str, str]:
    url = reverse(name, args=[_MARKER], urlconf=urlconf)
    before, _, after = url.partition(_MARKER)
    return before, after


def slug_url(name: str, slug: str) -> str:
    """The same URL as `reverse(name, args=[slug])` for a `<str:slug>` pattern."""
    before, after = _around_slug(name, get_urlconf(), get_script_prefix(), get_language())
    return before + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + after
