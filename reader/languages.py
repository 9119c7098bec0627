"""The reader's language in the URL: Japanese at the site's paths, English under /en/.

Every reader's page exists once in each language (newsdesk/urls.py puts
reader/urls.py in `i18n_patterns`, the site's own language unprefixed).
Which one a request gets is in its path alone
(core.middleware.PathLanguageMiddleware), so a page is stored by its URL
and varies on nothing else.

Feeds, sitemaps, robots.txt, the API, previews and the old switch have one
URL whatever the language: `language_neutral` marks them, and under /en/
they are not found.

A page names its versions: `hreflang` alternates in the head and the
language switch in the header link straight to the same page in the other
language, its query kept.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from core.middleware import path_language

NAMESPACE = "articles"  # the reader's pages; the admin and health check are not in it


def language_neutral(view: Callable) -> Callable:
    """A view with one URL in every language: found at its own path, not found under a language prefix."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if translation.get_language_from_path(request.path_info):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.language_neutral = True  # read by _is_page, as Django reads csrf_exempt
    return wrapped


def _is_page(match) -> bool:
    return match.namespace == NAMESPACE and not getattr(match.func, "language_neutral", False)


def _path_in(language: str, match, query: str) -> str:
    with translation.override(language):
        path = reverse(match.view_name, args=match.args, kwargs=match.captured_kwargs)
    return f"{path}?{query}" if query else path


def home_in(language: str) -> str:
    with translation.override(language):
        return reverse(f"{NAMESPACE}:home")


def page_versions(request) -> dict[str, str] | None:
    """{language: path and query} of the page `request` is for; None when it is no reader's page."""
    match = request.resolver_match
    if match is None or not _is_page(match):
        return None
    # From the parsed query, not the raw one: a query sent as raw UTF-8 (not percent-encoded)
    # reaches Django as latin-1, and only the parsed one reads it as the reader meant it.
    query = request.GET.urlencode()
    return {code: _path_in(code, match, query) for code, _name in settings.LANGUAGES}


def url_in_language(url: str, language: str) -> str:
    """`url`, a local URL already judged safe, as the same page in `language`, its query kept.

    A URL of the site that is not a reader's page (the admin, a feed) has
    one language: it comes back as it was. A URL the site does not have
    gives that language's home page.
    """
    parts = urlsplit(url)
    try:
        with translation.override(path_language(parts.path)):
            match = resolve(unquote(parts.path))
    except Resolver404:
        return home_in(language)
    if not _is_page(match):
        return url
    return urlunsplit((parts.scheme, parts.netloc, _path_in(language, match, ""), parts.query, ""))


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    href: str
    current: bool


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


def links(request, names: dict[str, str]) -> tuple[list[LanguageLink], list[Alternate]]:
    """The language switch (the same page in each language, else its home page) and the page's
    `hreflang` alternates (absolute URLs, the site's own language as `x-default`; none off a page)."""
    current = translation.get_language()
    versions = page_versions(request)
    switch = [
        LanguageLink(code, name, versions[code] if versions else home_in(code), code == current)
        for code, name in names.items()
    ]
    if versions is None:
        return switch, []
    alternates = [Alternate(code, request.build_absolute_uri(path)) for code, path in versions.items()]
    alternates.append(Alternate("x-default", request.build_absolute_uri(versions[settings.LANGUAGE_CODE])))
    return switch, alternates
