"""Related reading for an article: the editor's picks, then automatic suggestions."""

import datetime

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When

from .models import Article, RelatedLink

RELATED_LIMIT = 5
# Suggestions come from the articles published around this one (the newest few hundred up
# to a month after it), so the query costs the same with 1,000 articles or 100,000.
CANDIDATES = 300
WINDOW_AFTER = datetime.timedelta(days=30)
_CARD_FIELDS = ("id", "title", "slug", "lead", "published_at", "status", "category_id")


def related_articles(article: Article, *, limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to `limit` published articles to read next, never `article` itself.

    Editor's picks come first in their order; the rest are filled by shared
    tags, then the same category, then recency. One query whatever the
    counts (the article's tags must already be prefetched).
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    published = Article.objects.published()
    nearby = published.exclude(pk=article.pk)
    if article.published_at:
        nearby = nearby.filter(published_at__lte=article.published_at + WINDOW_AFTER)
    nearby = nearby.order_by("-published_at").values("pk")[:CANDIDATES]
    picked = RelatedLink.objects.filter(from_article=article).values("to_article")
    pick_position = RelatedLink.objects.filter(from_article=article, to_article=OuterRef("pk")).values("position")[:1]

    zero = Value(0, output_field=IntegerField())
    return list(
        published.exclude(pk=article.pk)
        .filter(Q(pk__in=Subquery(picked)) | Q(pk__in=Subquery(nearby)))
        .annotate(
            pick_position=Subquery(pick_position),
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True) if tag_ids else zero,
            same_category=Case(When(category_id=article.category_id, then=Value(1)), default=zero,
                               output_field=IntegerField()) if article.category_id else zero,
        )
        .order_by(F("pick_position").asc(nulls_last=True), "-shared_tags", "-same_category", "-published_at", "-id")
        .only(*_CARD_FIELDS)[:limit]
    )
