"""Page keys: names for what a public page shows, so a change renews exactly the pages that show it.

Every public page is tagged with the keys of what it shows (reader/showing.py);
every change readers could see is announced with the keys it touches
(articles/changes.py). A cache renews the pages that carry any of them.

The vocabulary:

- `story-<id>`: one story's own pages (its page, its API entry): renewed at
  once, so the editor's next look shows the change.
- `text-<id>`: the same story's text where other pages quote it (a feed item,
  a digest entry with its key points, a search result's snippet, an entry of
  the API's list): renewed softly, each page served once more while its new
  copy is made.
- `card-<id>`: what a card or related-reading entry of the story shows.
- `list`: which stories are public, in which order (home, the latest list,
  feeds, sitemaps, related reading filled by recency).
- `category-<id>-list`, `source-<id>-list`, `tag-<id>-list`, `day-<date>`:
  which public stories carry that category, source or tag, or went out that day.
- `category-<id>`, `source-<id>`, `tag-<id>`: the name and address shown.
- `digest-<date>`: the editor's digest of that day (its note and picks).
- `stories`: any public story's content (sitemaps' dates).
- `taxonomy`: any category, source or tag (list pages' filter forms and every page's header name them,
  sitemaps list them).
- `front`: the editors' composition of the front page (its pinned lead and secondary stories).
- `ranking`: which stories the most-read rankings list, in which order (renewed when a recount
  changes them, ranking/rankings.py).

A story going live at its scheduled time joins lists without anyone saving:
pages carrying a key a new story can join (`joinable`) are kept no longer
than the next scheduled time.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

LIST = "list"
STORIES = "stories"
TAXONOMY = "taxonomy"
FRONT = "front"
RANKING = "ranking"

# The Article fields a card shows or lists are ordered and filed by; what a save is compared on.
CARD_FIELDS = ("status", "published_at", "slug", "title", "lead", "category_id", "source_id", "reading_minutes")


def story(article_id: int) -> str:
    return f"story-{article_id}"


def text(article_id: int) -> str:
    return f"text-{article_id}"


def content(article_id: int) -> set[str]:
    """A story's content changed: its own pages and wherever its text is quoted."""
    return {story(article_id), text(article_id)}


def card(article_id: int) -> str:
    return f"card-{article_id}"


def category(category_id: int) -> str:
    return f"category-{category_id}"


def source(source_id: int) -> str:
    return f"source-{source_id}"


def tag(tag_id: int) -> str:
    return f"tag-{tag_id}"


def listing(subject_key: str) -> str:
    """The list of public stories filed under a category, source or tag key."""
    return f"{subject_key}-list"


def day(moment: datetime.datetime | datetime.date | None) -> str | None:
    """The stories published on a (local) day, given the day or a moment in it."""
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        moment = timezone.localdate(moment)
    return f"day-{moment.isoformat()}"


def digest(date: datetime.date) -> str:
    return f"digest-{date}"  # a date (or its ISO string, as a model may hold before a reload)


def is_own(key: str) -> bool:
    """Whether the key names pages an editor's change must show at once: a story's own (its page, its API entry),
    not its text elsewhere, a card, list or name; and the front page's composition, which an editor just changed."""
    return key.startswith("story-") or key == FRONT


def joinable(key: str) -> bool:
    """Whether a story going live at its time can join what this key names (without a save announcing it)."""
    return key in (LIST, STORIES) or key.endswith("-list") or key.startswith("day-")


@dataclass(frozen=True)
class StoryState:
    """What of a story decides where readers see it: public or not, its card, its filing."""

    public: bool
    card: tuple
    published_at: datetime.datetime | None
    category_id: int | None
    source_id: int | None


def filing(state: StoryState, tag_ids: Iterable[int]) -> set[str]:
    """The lists a story in `state` with these tags is (or was) in."""
    keys = {LIST, listing(source(state.source_id)) if state.source_id else None, day(state.published_at)}
    if state.category_id:
        keys.add(listing(category(state.category_id)))
    keys.update(listing(tag(tag_id)) for tag_id in tag_ids)
    keys.discard(None)
    return keys


def story_change(
    article_id: int, before: StoryState | None, after: StoryState | None, tag_ids: Callable[[], Iterable[int]],
) -> set[str]:
    """The keys a save (or delete: `after` None; creation: `before` None) of one story touches.

    `tag_ids()` gives the story's tags, asked for only when it joins, leaves or moves in lists.

    Nothing for a story readers never saw and still cannot. Its content
    always; its card when a card field changed; its lists when it joins or
    leaves them, or moves within them.
    """
    was_public, is_public = bool(before and before.public), bool(after and after.public)
    if not (was_public or is_public):
        return set()
    keys = content(article_id) | {STORIES}
    if was_public != is_public or before.card != after.card:
        keys.add(card(article_id))
    moved = was_public != is_public or (
        before.published_at, before.category_id, before.source_id
    ) != (after.published_at, after.category_id, after.source_id)
    if moved:
        tags = list(tag_ids())  # the story's tags, asked for only when it moves
        for state, shown in ((before, was_public), (after, is_public)):
            if shown:
                keys |= filing(state, tags)
    return keys


def tagging_change(article_id: int, tag_ids: Iterable[int]) -> set[str]:
    """A public story gained or lost these tags: its card and the tags' lists."""
    return content(article_id) | {card(article_id), STORIES, *(listing(tag(tag_id)) for tag_id in tag_ids)}
