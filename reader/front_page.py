"""The front page: the lead and secondary stories, the newest stories, a section per category.

Editors pin the lead and the secondary stories in the admin
(articles.models.FrontPageSlot), optionally until a time; a place with no
pin in force, or pinned to a story readers cannot see, is filled by the
newest stories not shown above it. The page is a fixed number of queries
whatever the site holds, and carries the page keys of everything it shows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from articles import page_keys
from articles.models import CARD_SKIPS, Article, Category, FrontPageSlot
from reader import showing

LATEST_COUNT = 8  # 新着
SECTION_COUNT = 4  # stories in each category's section


@dataclass(frozen=True)
class TopStory:
    """A lead or secondary story with its first figure (None without one)."""

    article: Article
    figure: object | None


@dataclass(frozen=True)
class FrontPage:
    lead: TopStory | None
    secondary: list[TopStory]
    latest: list[Article]
    sections: list[tuple[Category, list[Article]]]


def _top_stories(queryset):
    return queryset.select_related("category", "rendered_parts").defer(*CARD_SKIPS)


def _listed(queryset):
    return queryset.select_related("category").only("pk", "slug", "title", "published_at", "source", "category__name", "category__slug")


def compose(*, now: datetime.datetime | None = None) -> FrontPage:
    """What the front page shows, as of `now`, with the page keys of all of it (reader/showing.py)."""
    now = now or timezone.now()
    published = Article.objects.published(now=now)
    pins = list(
        FrontPageSlot.objects.current(now=now).filter(article__in=published.values("pk")).values("position", "article_id", "until")
    )
    pinned = {article.pk: article for article in _top_stories(published).filter(pk__in=[pin["article_id"] for pin in pins])}
    newest = list(_top_stories(published).order_by("-published_at", "-id")[:1 + FrontPageSlot.SECONDARY_SLOTS + LATEST_COUNT])

    by_position = {pin["position"]: pinned[pin["article_id"]] for pin in pins if pin["article_id"] in pinned}
    taken = {article.pk for article in by_position.values()}
    fill = (article for article in newest if article.pk not in taken)
    top: list[Article] = []
    for position in range(1 + FrontPageSlot.SECONDARY_SLOTS):
        article = by_position.get(position)
        if article is None or article in top:
            article = next(fill, None)
        if article is not None:
            top.append(article)
    shown = {article.pk for article in top}
    latest = [article for article in newest if article.pk not in shown][:LATEST_COUNT]

    ranked = Window(RowNumber(), partition_by=F("category_id"), order_by=(F("published_at").desc(), F("id").desc()))
    in_sections = _listed(published.filter(category__isnull=False)).annotate(place=ranked).filter(place__lte=SECTION_COUNT)
    sections: dict[int, tuple[Category, list[Article]]] = {}
    for article in in_sections.order_by("category__name", "place"):
        sections.setdefault(article.category_id, (article.category, []))[1].append(article)

    showing.shows(page_keys.FRONT, page_keys.LIST, page_keys.TAXONOMY)
    showing.shows_stories(top, tags=False)  # with their first figure and reading time
    showing.shows_cards([*latest, *(article for _category, articles in sections.values() for article in articles)], tags=False)
    showing.shows(*(page_keys.listing(page_keys.category(category_id)) for category_id in sections))
    ends = [pin["until"] for pin in pins if pin["until"] is not None]
    if ends:
        showing.shows_until(min(ends))  # an expired pin falls back to the newest
    stories = [TopStory(article, _first_figure(article)) for article in top]
    return FrontPage(
        lead=stories[0] if stories else None, secondary=stories[1:], latest=latest, sections=list(sections.values()),
    )


def _first_figure(article: Article):
    parts = getattr(article, "rendered_parts", None)  # as stored when its figures were last written
    figures = parts.shown_figures() if parts else []
    return figures[0] if figures else None
