"""Related reading for an article: the editor's picks, then automatic suggestions."""

import datetime

from django.db import connection
from django.utils import timezone

from .models import Article, RelatedLink
from .publishing import PUBLIC_STATUSES

RELATED_LIMIT = 5
# Suggestions come from the articles published around this one (the newest few hundred up
# to a month after it), so the query costs the same with 1,000 articles or 100,000.
CANDIDATES = 300
WINDOW_AFTER = datetime.timedelta(days=30)

# Written as SQL because this runs on every article page: building the same statement
# with the ORM (three subqueries and a CASE) cost several times what the database spends
# answering it. Portable between SQLite and PostgreSQL; every value is a parameter. The
# candidates (picks and the newest few hundred) are a UNION joined by id: as two IN
# conditions joined by OR, PostgreSQL scanned the whole article table for them.
_SQL = """
SELECT a.id, a.title, a.slug, a.lead, a.published_at, a.status, a.category_id,
       (SELECT r.position FROM {links} r
         WHERE r.from_article_id = %(article)s AND r.to_article_id = a.id) AS pick_position,
       {shared_tags} AS shared_tags,
       CASE WHEN a.category_id = %(category)s THEN 1 ELSE 0 END AS same_category
  FROM (SELECT picked.id FROM (SELECT r.to_article_id AS id FROM {links} r
                                WHERE r.from_article_id = %(article)s) picked
        UNION
        SELECT nearby.id FROM (SELECT n.id FROM {articles} n
                                WHERE n.status IN {public} AND n.published_at <= %(now)s
                                  AND n.published_at <= %(window_end)s AND n.id <> %(article)s
                                ORDER BY n.published_at DESC LIMIT %(candidates)s) nearby) candidate
  JOIN {articles} a ON a.id = candidate.id
 WHERE a.status IN {public} AND a.published_at <= %(now)s AND a.id <> %(article)s
 ORDER BY pick_position ASC NULLS LAST, shared_tags DESC, same_category DESC, a.published_at DESC, a.id DESC
 LIMIT %(limit)s
"""
_SHARED_TAGS = "(SELECT COUNT(*) FROM {tagged} t WHERE t.article_id = a.id AND t.tag_id IN {tags})"


def _in_list(params: dict, name: str, values) -> str:
    """`(%(name0)s, %(name1)s, …)` for an IN condition, its values added to `params`.

    Spelled out placeholder by placeholder: the drivers differ on binding a tuple.
    """
    params.update({f"{name}{i}": value for i, value in enumerate(values)})
    return "(" + ", ".join(f"%({name}{i})s" for i in range(len(values))) + ")"


def related_articles(article: Article, *, limit: int = RELATED_LIMIT, now=None) -> list[Article]:
    """Up to `limit` published articles to read next, never `article` itself.

    Editor's picks come first in their order; the rest are filled by shared
    tags, then the same category, then recency. One query whatever the
    counts (the article's tags must already be prefetched). The articles
    carry only what a link to them shows: id, title, slug, lead, publish time.
    """
    now = now or timezone.now()
    tag_ids = [tag.pk for tag in article.tags.all()]
    as_db_time = connection.ops.adapt_datetimefield_value
    params: dict = {
        "article": article.pk,
        "category": article.category_id,
        "now": as_db_time(now),
        "window_end": as_db_time((article.published_at or now) + WINDOW_AFTER),
        "candidates": CANDIDATES,
        "limit": limit,
    }
    shared_tags = "0"
    if tag_ids:
        shared_tags = _SHARED_TAGS.format(tagged=Article.tags.through._meta.db_table,
                                          tags=_in_list(params, "tag", tag_ids))
    sql = _SQL.format(
        articles=Article._meta.db_table, links=RelatedLink._meta.db_table, shared_tags=shared_tags,
        public=_in_list(params, "public", PUBLIC_STATUSES),
    )
    return list(Article.objects.raw(sql, params))
