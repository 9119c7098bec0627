"""What crawlers read: sitemap.xml, the Google News sitemap and robots.txt."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from articles import page_keys
from articles.models import Article, Category, Source, Tag
from reader import caching, showing
from reader.structured_data import SITE_LANGUAGE, modified_at, xml_text

NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap


class ArticleSitemap(Sitemap):
    """Every published article, newest first."""

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at").order_by("-published_at", "-id")

    def lastmod(self, item):
        return modified_at(item)


class HomeSitemap(Sitemap):
    """The front page and the latest list, changed whenever an article goes live or is edited."""

    def items(self):
        return ["articles:home", "articles:latest"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        latest = Article.objects.published().aggregate(updated=Max("updated_at"), published=Max("published_at"))
        return max((moment for moment in latest.values() if moment), default=None)


class _ListPageSitemap(Sitemap):
    """Category, tag or source pages that list at least one published article."""

    model = None
    relation = None

    def items(self):
        return (
            self.model.objects.filter(**{f"{self.relation}__in": Article.objects.published()})
            .annotate(
                last_updated=Max(f"{self.relation}__updated_at"),
                last_published=Max(f"{self.relation}__published_at"),
            )
            .order_by("name")
        )

    def lastmod(self, item):
        return max(item.last_updated, item.last_published)


class CategorySitemap(_ListPageSitemap):
    model = Category
    relation = "articles"


class TagSitemap(_ListPageSitemap):
    model = Tag
    relation = "articles"


class SourceSitemap(_ListPageSitemap):
    model = Source
    relation = "articles"


@dataclass
class DigestDay:
    day: datetime.date
    last_modified: datetime.datetime

    def get_absolute_url(self) -> str:
        return reverse("articles:digest_day", args=[self.day])


class DigestSitemap(Sitemap):
    """Daily digest pages of the (JST) days that have published articles."""

    def items(self):
        rows = (
            Article.objects.published()
            .annotate(day=TruncDate("published_at"))
            .values("day")
            .annotate(last_updated=Max("updated_at"), last_published=Max("published_at"))
            .order_by("-day")
        )
        return [
            DigestDay(day=row["day"], last_modified=max(row["last_updated"], row["last_published"]))
            for row in rows
        ]

    def lastmod(self, item):
        return item.last_modified


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "digests": DigestSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "sources": SourceSitemap,
}


@dataclass
class NewsEntry:
    url: str
    title: str
    published_at: str


def news_entries(request: HttpRequest, *, now: datetime.datetime | None = None) -> list[NewsEntry]:
    """Articles published in the last 48 hours, newest first, for the Google News sitemap."""
    now = now or timezone.now()
    articles = (
        Article.objects.published(now=now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .only("slug", "title", "published_at")
        .order_by("-published_at", "-id")[:NEWS_LIMIT]
    )
    articles = list(articles)
    if articles:  # the oldest leaves the window then
        showing.shows_until(articles[-1].published_at + NEWS_WINDOW)
    return [
        NewsEntry(
            url=request.build_absolute_uri(article.get_absolute_url()),
            title=xml_text(article.title),
            published_at=timezone.localtime(article.published_at).isoformat(),
        )
        for article in articles
    ]


def robots_lines(request: HttpRequest) -> list[str]:
    """robots.txt: keep crawlers out of the admin and previews, point them at both sitemaps."""
    preview = reverse("articles:preview", args=["token"])
    return [
        "User-agent: *",
        "Disallow: " + reverse("admin:index"),
        "Disallow: " + preview[: preview.rstrip("/").rindex("/") + 1],
        "",
        "Sitemap: " + request.build_absolute_uri(reverse("articles:sitemap")),
        "Sitemap: " + request.build_absolute_uri(reverse("articles:news_sitemap")),
    ]


@require_safe
@caching.public(max_age=caching.CRAWLER_MAX_AGE)
def news_sitemap(request):
    """The Google News sitemap (articles of the last 48 hours)."""
    showing.shows(page_keys.LIST, page_keys.STORIES)
    context = {
        "entries": news_entries(request),
        "publication_name": settings.SITE_NAME,
        "language": SITE_LANGUAGE,
    }
    return render(request, "articles/news_sitemap.xml", context, content_type="application/xml; charset=utf-8")


@require_safe
@caching.public(max_age=3600)
def robots_txt(request):
    """robots.txt, with absolute sitemap URLs for the host that was asked."""
    return HttpResponse("\n".join(robots_lines(request)) + "\n", content_type="text/plain; charset=utf-8")
