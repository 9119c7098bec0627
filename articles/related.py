"""Related reading for an article: the editor's picks, then automatic suggestions."""

from django.db.models import Case, Count, IntegerField, Q, Value, When

from .models import Article

RELATED_LIMIT = 5
_CARD_FIELDS = ("id", "title", "slug", "lead", "published_at", "status")


def related_articles(article: Article, *, limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to `limit` published articles to read next, never `article` itself.

    Editor's picks come first in their order; the rest are filled by shared
    tags, then the same category, then recency. Two queries whatever the
    counts (the article's tags must already be prefetched).
    """
    picks = list(
        Article.objects.published()
        .filter(picked_by__from_article=article)
        .exclude(pk=article.pk)
        .order_by("picked_by__position", "picked_by__id")
        .only(*_CARD_FIELDS)[:limit]
    )
    if len(picks) >= limit:
        return picks
    tag_ids = [tag.pk for tag in article.tags.all()]
    suggestions = (
        Article.objects.published()
        .exclude(pk__in=[article.pk, *(p.pk for p in picks)])
        .annotate(
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True) if tag_ids
            else Value(0, output_field=IntegerField()),
            same_category=Case(
                When(category_id=article.category_id, then=Value(1)), default=Value(0),
                output_field=IntegerField(),
            ) if article.category_id else Value(0, output_field=IntegerField()),
        )
        .order_by("-shared_tags", "-same_category", "-published_at", "-id")
        .only(*_CARD_FIELDS)[: limit - len(picks)]
    )
    return picks + list(suggestions)
