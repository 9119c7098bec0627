"""RSS 2.0 and Atom feeds: the whole site, one category, one tag.

Each item carries the lead and the key points as sanitized HTML. The
newest FEED_SIZE published articles, in a constant number of queries.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from articles import page_keys, rendering
from articles.models import Article, Category, KeyPoint, Tag
from reader import showing
from reader.structured_data import SITE_LANGUAGE, modified_at, xml_text

FEED_SIZE = 30


def feed_articles(*, tag: Tag | None = None, **filters) -> list[Article]:
    """The newest published articles (optionally filtered, or with `tag`), with what an item shows loaded."""
    articles = Article.objects.published().filter(**filters)
    articles = articles.newest_tagged(tag) if tag else articles.order_by("-published_at", "-id")
    articles = articles.select_related("category", "source").prefetch_related(
        "tags", Prefetch("key_points", queryset=KeyPoint.objects.order_by("position", "id")),
    )
    return list(articles[:FEED_SIZE])


def shown(articles: list[Article], *list_keys: str) -> list[Article]:
    """The feed's items, with the page keys of the list they come from and of what each item shows."""
    showing.shows(*list_keys)
    showing.shows_stories(articles)  # an item shows the story's key points
    return articles


def item_html(article: Article) -> str:
    """The lead, then the key points as a list of heading + body, as sanitized HTML."""
    parts = []
    if article.lead:
        parts.append(format_html("<p>{}</p>", article.lead))
    key_points = list(article.key_points.all())
    if key_points:
        parts.append(format_html("<h3>{}</h3>", gettext("キーポイント")))
        items = format_html_join(
            "", "<li><strong>{}</strong>{}</li>",
            # Safe: render_markdown sanitizes (nh3); the item is sanitized again below.
            ((point.heading, mark_safe(rendering.render_markdown(point.body))) for point in key_points),  # nosec B308, B703
        )
        parts.append(format_html("<ol>{}</ol>", items))
    return xml_text(rendering.sanitize("".join(parts)))


class LatestArticlesFeed(Feed):
    """RSS 2.0: the site's newest articles."""

    language = SITE_LANGUAGE

    def __call__(self, request, *args, **kwargs):
        # The feed is as Japanese as its articles whatever the reader's UI
        # language cookie, so the publicly cached copy is the same for everyone.
        with translation.override(SITE_LANGUAGE):
            return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        return "{} — {}".format(settings.SITE_NAME, gettext("最新記事"))

    def description(self, obj=None):
        return gettext("海外ニュースを日本語で。要点と分析を添えて。")

    def link(self, obj=None):
        return reverse("articles:home")

    def items(self, obj=None):
        return shown(feed_articles(), page_keys.LIST)

    def item_title(self, item):
        # Django's convention for RSS: titles are escaped once more, since
        # many readers treat RSS titles as HTML (Django ticket #6533).
        return escape(xml_text(item.title))

    def item_description(self, item):
        return item_html(item)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(modified_at(item))

    def item_categories(self, item):
        return [escape(xml_text(tag.name)) for tag in item.tags.all()]  # read as HTML, like titles

    def subject_name(self, obj) -> str:
        """A category's or tag's name for the channel's title and description.

        Escaped once more, like item titles: readers treat RSS channel
        titles and descriptions as HTML too, and a name is editor text.
        """
        return escape(xml_text(obj.name))


class _AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)

    def item_title(self, item):
        # Atom titles are typed as text: no extra escaping.
        return xml_text(item.title)

    def item_categories(self, item):
        return [xml_text(tag.name) for tag in item.tags.all()]  # Atom's term is plain text

    def subject_name(self, obj) -> str:
        return xml_text(obj.name)  # the feed's title and subtitle are typed as text, too


class LatestArticlesAtomFeed(_AtomMixin, LatestArticlesFeed):
    """Atom: the site's newest articles."""


class CategoryFeed(LatestArticlesFeed):
    """RSS 2.0: the newest articles in one category."""

    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.public(), slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME} — {self.description(obj)}"

    def description(self, obj):
        return gettext("カテゴリー「%(name)s」の最新記事") % {"name": self.subject_name(obj)}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        subject = page_keys.category(obj.pk)
        return shown(feed_articles(category=obj), subject, page_keys.listing(subject))


class CategoryAtomFeed(_AtomMixin, CategoryFeed):
    """Atom: the newest articles in one category."""


class TagFeed(LatestArticlesFeed):
    """RSS 2.0: the newest articles with one tag."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag.objects.public(), slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME} — {self.description(obj)}"

    def description(self, obj):
        return gettext("タグ「%(name)s」の最新記事") % {"name": self.subject_name(obj)}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        subject = page_keys.tag(obj.pk)
        return shown(feed_articles(tag=obj), subject, page_keys.listing(subject))


class TagAtomFeed(_AtomMixin, TagFeed):
    """Atom: the newest articles with one tag."""
