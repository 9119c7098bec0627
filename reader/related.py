"""Related reading for an article: the editor's picks, then automatic suggestions."""

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from articles import links, page_keys
from articles.models import PUBLIC_STATUSES, Article, ArticleTag, RelatedLink

RELATED_LIMIT = 5
# Suggestions come from a few dozen candidates whatever the number of articles: for each of
# the article's tags, the newest articles with that tag (read from the tag links' publish-time
# index), and the newest articles of all (to fill up by category and recency). None is newer
# than a month after the article itself.
PER_TAG = 20
NEWEST = 30
WINDOW_AFTER = datetime.timedelta(days=30)
SUGGESTIONS_MAX_AGE = 600  # seconds: how far behind the stories published since suggestions may be

# Written as SQL because this runs on every article page: building a statement like this
# with the ORM cost several times what the database spends answering it. Portable between
# SQLite and PostgreSQL; every value is a parameter. A candidate counts a shared tag for
# each tag list it is in: anything among the newest NEWEST is also among the newest PER_TAG
# of each of its tags, so the count is exact for those.
_SQL = """
SELECT a.id, a.title, a.slug, a.lead, a.published_at, a.status, a.category_id,
       c.pick_position, c.shared_tags,
       CASE WHEN a.category_id = %(category)s THEN 1 ELSE 0 END AS same_category
  FROM (SELECT candidate.id, MIN(candidate.pick) AS pick_position, SUM(candidate.shared) AS shared_tags
          FROM ({candidates}) candidate
         GROUP BY candidate.id) c
  {join_articles}
 WHERE a.status IN {public} AND a.published_at <= %(now)s AND a.id <> %(article)s
 ORDER BY c.pick_position ASC NULLS LAST, c.shared_tags DESC, same_category DESC, a.published_at DESC, a.id DESC
 LIMIT %(limit)s
"""
# The few dozen candidates' rows, each read by its primary key. PostgreSQL would rather scan
# the whole table for a hash join while it is small (a thousand articles: 0.5 ms of the
# query's 0.7); a LATERAL subquery that cannot be flattened (OFFSET 0) keeps it to lookups.
# SQLite's planner looks them up by key as it is (and has no LATERAL).
_JOIN_ARTICLES = {
    "postgresql": "CROSS JOIN LATERAL (SELECT x.id, x.title, x.slug, x.lead, x.published_at, x.status, x.category_id"
                  " FROM {articles} x WHERE x.id = c.id OFFSET 0) a",
    "sqlite": "JOIN {articles} a ON a.id = c.id",
}
_PICKS = "SELECT r.to_article_id AS id, r.position AS pick, 0 AS shared FROM {links} r WHERE r.from_article_id = %(article)s"
_TAGGED = """SELECT t.article_id, NULL, 1 FROM (
    SELECT l.article_id FROM {tagged} l
     WHERE l.tag_id = %(tag{i})s AND l.published_at <= %(until)s AND l.article_id <> %(article)s
     ORDER BY l.published_at DESC LIMIT %(per_tag)s) t"""
_NEWEST = """SELECT n.id, NULL, 0 FROM (
    SELECT n.id FROM {articles} n
     WHERE n.status IN {public} AND n.published_at <= %(until)s AND n.id <> %(article)s
     ORDER BY n.published_at DESC LIMIT %(newest)s) n"""


@dataclass(frozen=True)
class RelatedEntry:
    """A story in related reading, as its entry shows it: a link with its title and lead."""

    pk: int
    title: str
    slug: str
    lead: str
    pick_position: int | None  # its place among the editor's picks; None: suggested

    def get_absolute_url(self) -> str:
        return links.slug_url("articles:detail", self.slug)


def _in_list(name: str, count: int) -> str:
    """`(%(name0)s, %(name1)s, …)` for an IN condition of `count` values.

    Spelled out placeholder by placeholder: the drivers differ on binding a tuple.
    """
    return "(" + ", ".join(f"%({name}{i})s" for i in range(count)) + ")"


@functools.lru_cache(maxsize=64)
def _statement(vendor: str, tag_count: int) -> str:
    """The statement for an article with `tag_count` tags: the same text for every such article."""
    public = _in_list("public", len(PUBLIC_STATUSES))
    articles, tagged = Article._meta.db_table, ArticleTag._meta.db_table
    candidates = [
        _PICKS.format(links=RelatedLink._meta.db_table),
        *(_TAGGED.format(tagged=tagged, i=i) for i in range(tag_count)),
        _NEWEST.format(articles=articles, public=public),
    ]
    join = _JOIN_ARTICLES.get(vendor, _JOIN_ARTICLES["sqlite"]).format(articles=articles)
    return _SQL.format(candidates="\n UNION ALL ".join(candidates), join_articles=join, public=public)


def related_articles(article: Article, *, tags=None, limit: int = RELATED_LIMIT, now=None) -> list[RelatedEntry]:
    """Up to `limit` published articles to read next, never `article` itself.

    Editor's picks come first in their order; the rest are filled by shared
    tags, then the same category, then recency. One query whatever the
    counts, given the article's `tags` (else `article.tags.all()`, which
    should be prefetched). Each comes as a RelatedEntry, what its link
    shows, read as plain rows (not models: the page shows five of them).
    """
    now = now or timezone.now()
    tag_ids = [tag.pk for tag in (article.tags.all() if tags is None else tags)]
    as_db_time = connection.ops.adapt_datetimefield_value
    params: dict = {
        "article": article.pk,
        "category": article.category_id,
        "now": as_db_time(now),
        "until": as_db_time(min(now, (article.published_at or now) + WINDOW_AFTER)),
        "per_tag": PER_TAG,
        "newest": NEWEST,
        "limit": limit,
    }
    params.update({f"tag{i}": tag_id for i, tag_id in enumerate(tag_ids)})
    params.update({f"public{i}": status for i, status in enumerate(PUBLIC_STATUSES)})
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection.vendor, len(tag_ids)), params)
        rows = cursor.fetchall()
    return [
        RelatedEntry(pk=pk, title=title, slug=slug, lead=lead, pick_position=pick_position)
        for pk, title, slug, lead, _published_at, _status, _category_id, pick_position, *_ in rows
    ]


def related_keys(related: list[RelatedEntry]) -> set[str]:
    """The page keys of an article's related reading: the entries it shows.

    Which stories are suggested can change with any story published, tagged
    or moved; renewing every article page sharing a tag with it would render
    thousands of pages for each story published. Suggestions are renewed at
    least every SUGGESTIONS_MAX_AGE seconds instead (reader/views.py), the
    entries shown at once (a retitled or unpublished entry).
    """
    return {page_keys.card(entry.pk) for entry in related}


def suggestions_shown(related: list[RelatedEntry]) -> bool:
    """Whether any entry was suggested rather than picked by an editor (picks change only with a save)."""
    return any(entry.pick_position is None for entry in related) or len(related) < RELATED_LIMIT
