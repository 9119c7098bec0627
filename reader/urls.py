from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from articles import page_keys
from reader import api, caching, feeds, sitemaps, views
from reader.languages import language_neutral


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        import datetime

        from articles.days import is_usable_day

        day = datetime.date.fromisoformat(value)
        if not is_usable_day(day):
            raise ValueError(value)  # no such page (404), as for 2026-13-01
        return day

    def to_url(self, value):
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")

app_name = "articles"


def _page(view_class):
    """A reader page, served from the shared cache (reader/caching.py)."""
    return caching.cached_page(params=getattr(view_class, "query_params", ()))(view_class.as_view())


# The reader's pages, in each language (reader/languages.py).
urlpatterns = [
    path("", views.front_or_latest(_page(views.FrontPageView)), name="home"),
    path("latest/", _page(views.ArticleListView), name="latest"),
    path("search/", _page(views.SearchView), name="search"),
    path("articles/<str:slug>/", _page(views.ArticleDetailView), name="detail"),
    path("category/<str:slug>/", _page(views.CategoryArticleListView), name="category"),
    path("tag/<str:slug>/", _page(views.TagArticleListView), name="tag"),
    path("source/<str:slug>/", _page(views.SourceArticleListView), name="source"),
    path("digest/", _page(views.DigestView), name="digest"),
    path("digest/<isodate:day>/", _page(views.DigestView), name="digest_day"),
]


def _crawled(view, *, params=(), shows=()):
    """A feed or sitemap: one URL in every language (reader/languages.py), held longer by CDNs."""
    return language_neutral(caching.public(max_age=caching.CRAWLER_MAX_AGE, params=params, shows=shows)(view))


# One URL whatever the language: not found under /en/ (reader/languages.py).
urlpatterns += [
    path("preview/<str:token>/", language_neutral(views.preview), name="preview"),
    path("lang/<str:code>/", language_neutral(views.switch_language), name="switch_language"),
    # The article page's beacon: a POST, never cached, counting one view (ranking/counting.py).
    path("views/", language_neutral(views.count_view), name="count_view"),
]

# Discovery and distribution (issue 6): feeds, crawler files, the read-only JSON API.
SITEMAP_SHOWS = (page_keys.LIST, page_keys.STORIES, page_keys.TAXONOMY)  # every story's date, every list page
urlpatterns += [
    path("feeds/rss/", _crawled(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/atom/", _crawled(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("feeds/category/<str:slug>/rss/", _crawled(feeds.CategoryFeed()), name="category_feed_rss"),
    path("feeds/category/<str:slug>/atom/", _crawled(feeds.CategoryAtomFeed()), name="category_feed_atom"),
    path("feeds/tag/<str:slug>/rss/", _crawled(feeds.TagFeed()), name="tag_feed_rss"),
    path("feeds/tag/<str:slug>/atom/", _crawled(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path(
        "sitemap.xml", _crawled(sitemap, params=("p",), shows=SITEMAP_SHOWS),  # ?p=2: its pages
        {"sitemaps": sitemaps.SITEMAPS}, name="sitemap",
    ),
    path("news-sitemap.xml", language_neutral(sitemaps.news_sitemap), name="news_sitemap"),
    path("robots.txt", language_neutral(sitemaps.robots_txt), name="robots"),
    path("api/articles/", language_neutral(api.article_list), name="api_articles"),
    path("api/articles/<str:slug>/", language_neutral(api.article_detail), name="api_article"),
    path("api/digest/<isodate:day>/", language_neutral(api.digest), name="api_digest"),
]
