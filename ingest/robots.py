"""robots.txt, fetched through the fetcher and kept per host: Newsdesk fetches only what a site allows it."""

from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from ingest import fetching, pacing

AGENT = "Newsdesk"
ALLOW_ALL = "User-agent: *\nAllow: /\n"
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


def allowed(url: str) -> bool:
    """Whether the site's robots.txt lets Newsdesk fetch `url`. Raises `FetchRefused` for a refused URL.

    As crawlers read it: no robots.txt (a 4xx) allows everything; 401 or
    403 forbids everything; an unreachable one (5xx, a failure) forbids for
    now, and is asked for again sooner. That one raises `FetchError` saying
    why, so the editors read that the site could not be reached, not that
    it refused.
    """
    parts = urlsplit(url)
    robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
    key = f"ingest:robots:2:{robots_url}"  # 2: (rules, why they could not be read), where a marked text was kept
    kept = cache.get(key)
    if kept is None:
        kept, keep = _fetch_rules(robots_url)
        cache.set(key, kept, keep)
    rules, reason = kept
    if reason:
        raise fetching.FetchError(_("robots.txt を読めなかったため、このサイトからはしばらく取得しません（%(reason)s）。")
                                  % {"reason": reason})
    parser = RobotFileParser()
    parser.parse(rules.splitlines())
    return parser.can_fetch(AGENT, url)


def _fetch_rules(robots_url: str) -> tuple[tuple[str, str], int]:
    """((the rules, or "" with why they could not be read), seconds to keep them)."""
    keep = settings.NEWSDESK_ROBOTS_CACHE_SECONDS
    pacing.wait_for_host(robots_url)
    try:
        response = fetching.fetch(robots_url, max_bytes=500_000)
    except fetching.FetchRefused:
        raise  # the caller's to report: the site itself is refused
    except fetching.FetchError as exc:
        return _unreadable(str(exc)), min(keep, 600)
    if response.status in (401, 403):
        return (DISALLOW_ALL, ""), keep
    if 400 <= response.status < 500:
        return (ALLOW_ALL, ""), keep
    if response.status >= 300:  # a server error, or a redirect past the fetcher's limit
        return _unreadable(f"HTTP {response.status}"), min(keep, 600)
    return (response.text, ""), keep


def _unreadable(reason: str) -> tuple[str, str]:
    return "", " ".join(reason.split())[:300]
