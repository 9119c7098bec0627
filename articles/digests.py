"""The daily digest (今日のまとめ): one JST day's published articles."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from articles.days import start_of_day
from articles.models import CARD_SKIPS, Article, DailyDigest, KeyPoint


@dataclass
class Digest:
    day: datetime.date
    note: str
    articles: list[Article]
    previous_day: datetime.date
    next_day: datetime.date | None


def today() -> datetime.date:
    return timezone.localdate()


def digest_for(day: datetime.date) -> Digest:
    """The day's articles in the editor's order when one was set, else by publish time.

    An editor who picks articles for a day curates it: only the picks
    are shown. Without picks the day's published articles all appear.
    """
    digest = DailyDigest.objects.filter(date=day).first()
    articles = (
        Article.objects.published()
        .select_related("category", "source")
        .defer(*CARD_SKIPS)  # the digest shows key points, not the texts
        .prefetch_related(Prefetch("key_points", queryset=KeyPoint.objects.order_by("position", "id")))
    )
    picked = (
        list(articles.filter(digest_entries__digest=digest).order_by("digest_entries__position", "digest_entries__id"))
        if digest else []
    )
    if not picked:
        picked = list(
            articles.filter(
                published_at__gte=start_of_day(day),
                published_at__lt=start_of_day(day + datetime.timedelta(days=1)),
            ).order_by("published_at", "id")
        )
    next_day = day + datetime.timedelta(days=1)
    return Digest(
        day=day,
        note=digest.note if digest else "",
        articles=picked,
        previous_day=day - datetime.timedelta(days=1),
        next_day=next_day if next_day <= today() else None,
    )


def local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None
