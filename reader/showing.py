"""What a public page shows, as page keys (articles/page_keys.py), collected while its view runs.

A cached view (reader/caching.py) runs inside `collecting()`; the view and
what it calls say what they put on the page (`shows`, `shows_cards`,
`shows_stories`), and when the page stops being true without any save
(`shows_until`: a day ends, an entry ages out of a window). The page is
stored, and sent to the edge cache, tagged with those keys.
"""

import datetime
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from articles import page_keys


@dataclass
class Shown:
    keys: set[str] = field(default_factory=set)
    until: datetime.datetime | None = None  # the page is out of date from then on, whatever is saved


_shown: ContextVar[Shown | None] = ContextVar("newsdesk_shown", default=None)


@contextmanager
def collecting() -> Iterator[Shown]:
    """Collect what the code run inside shows (outside it, `shows` and the rest do nothing)."""
    shown = Shown()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


def shows(*keys: str | None) -> None:
    shown = _shown.get()
    if shown is not None:
        shown.keys.update(key for key in keys if key)


def shows_for(seconds: float) -> None:
    """The page is out of date `seconds` from now, whatever is saved."""
    shows_until(datetime.datetime.fromtimestamp(time.time() + seconds, tz=datetime.timezone.utc))


def shows_until(moment: datetime.datetime) -> None:
    shown = _shown.get()
    if shown is not None and (shown.until is None or moment < shown.until):
        shown.until = moment


def filing_keys(article, *, tags: Iterable | None = None) -> list[str | None]:
    """The names shown with a story besides its own: its category, source and tags.

    `tags` are the tags shown (by default `article.tags.all()`; `()` when none are).
    """
    keys = [page_keys.category(article.category_id) if article.category_id else None, page_keys.source(article.source_id)]
    keys.extend(page_keys.tag(tag.pk) for tag in (article.tags.all() if tags is None else tags))
    return keys


def shows_cards(articles: Iterable, *, tags: bool = True) -> None:
    """Cards of these stories, with their category, source and (`tags`) tags."""
    for article in articles:
        shows(page_keys.card(article.pk), *filing_keys(article, tags=None if tags else ()))


def shows_stories(articles: Iterable, *, tags: bool = True) -> None:
    """More of these stories than a card (their key points, their body), on a page not their own: any change counts."""
    for article in articles:
        shows(page_keys.text(article.pk), page_keys.card(article.pk), *filing_keys(article, tags=None if tags else ()))


# Which stories match a keyword can change with an edit of any story; renewing every
# results page on every save would render them all again each time an editor saves.
KEYWORD_RESULTS_MAX_AGE = 60  # seconds


def shows_keyword_results(articles: Iterable) -> None:
    """Results of a keyword search: their cards are renewed with a retitle or an unpublish at once; which
    stories match, and the passage each snippet quotes, at least every KEYWORD_RESULTS_MAX_AGE seconds.

    A snippet is not renewed with every body edit: the newest stories are in most results pages, and an
    editor correcting one of them would otherwise have every results page rendered again.
    """
    shows_cards(articles)
    shows_for(KEYWORD_RESULTS_MAX_AGE)
