"""The front page: the lead and secondary stories, the newest stories, a section per category.

Editors pin the lead and the secondary stories in the admin
(articles.models.FrontPageSlot), optionally until a time; a place with no
pin in force, or pinned to a story readers cannot see, is filled by the
newest stories not shown above it. The page is a fixed number of queries
whatever the site holds, and carries the page keys of everything it shows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
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
    pins = list(FrontPageSlot.objects.current(now=now).values("position", "article_id", "until"))
    pinned = {article.pk: article for article in _top_stories(published).filter(pk__in=[pin["article_id"] for pin in pins])}
    pins = [pin for pin in pins if pin["article_id"] in pinned]  # a story readers cannot see leaves its place to the newest
    newest = list(_top_stories(published).order_by("-published_at", "-id")[:1 + FrontPageSlot.SECONDARY_SLOTS + LATEST_COUNT])

    by_position = {pin["position"]: pinned[pin["article_id"]] for pin in pins}
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

    sections: dict[int, tuple[Category, list[Article]]] = {}
    for article in _listed(_newest_of_each_category(published)).order_by("category__name", "-published_at", "-id"):
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


def _newest_of_each_category(published):
    """The newest SECTION_COUNT stories of `published` in each category (two queries).

    For each category, the ids of its newest stories, each read from the
    (category, published_at) index a few entries deep; then those stories by
    id. The work grows with the categories, not with the archive (numbering
    every story by category did: 0.8 s a page at 100,000 stories).
    """
    rows = _section_ids(published)
    return published.filter(pk__in=[pk for row in rows for pk in row if pk is not None])


def _section_ids(published):
    """Per category, the ids of its SECTION_COUNT newest stories of `published` (None where it has fewer)."""
    def nth_newest(n: int) -> Subquery:
        newest = published.filter(category=OuterRef("pk")).order_by("-published_at", "-id")
        return Subquery(newest.values("pk")[n:n + 1])

    places = [f"place_{n}" for n in range(SECTION_COUNT)]
    return Category.objects.annotate(**{place: nth_newest(n) for n, place in enumerate(places)}).values_list(*places)


def _first_figure(article: Article):
    parts = getattr(article, "rendered_parts", None)  # as stored when its figures were last written
    figures = parts.shown_figures() if parts else []
    return figures[0] if figures else None
