from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from articles import page_keys
from reader import api, caching, feeds, sitemaps, views


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


urlpatterns = [
    path("", _page(views.ArticleListView), name="home"),
    path("search/", _page(views.SearchView), name="search"),
    path("articles/<str:slug>/", _page(views.ArticleDetailView), name="detail"),
    path("category/<str:slug>/", _page(views.CategoryArticleListView), name="category"),
    path("tag/<str:slug>/", _page(views.TagArticleListView), name="tag"),
    path("source/<str:slug>/", _page(views.SourceArticleListView), name="source"),
    path("digest/", _page(views.DigestView), name="digest"),
    path("digest/<isodate:day>/", _page(views.DigestView), name="digest_day"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("lang/<str:code>/", views.switch_language, name="switch_language"),
]

# Discovery and distribution (issue 6): feeds, crawler files, the read-only JSON API.
SITEMAP_SHOWS = (page_keys.LIST, page_keys.STORIES, page_keys.TAXONOMY)
_crawler_cache = caching.public(max_age=caching.CRAWLER_MAX_AGE)
urlpatterns += [
    path("feeds/rss/", _crawler_cache(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/atom/", _crawler_cache(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("feeds/category/<str:slug>/rss/", _crawler_cache(feeds.CategoryFeed()), name="category_feed_rss"),
    path("feeds/category/<str:slug>/atom/", _crawler_cache(feeds.CategoryAtomFeed()), name="category_feed_atom"),
    path("feeds/tag/<str:slug>/rss/", _crawler_cache(feeds.TagFeed()), name="tag_feed_rss"),
    path("feeds/tag/<str:slug>/atom/", _crawler_cache(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path(
        "sitemap.xml",  # ?p=2: its pages; every story's date, every list page
        caching.public(max_age=caching.CRAWLER_MAX_AGE, params=("p",), shows=SITEMAP_SHOWS)(sitemap),
        {"sitemaps": sitemaps.SITEMAPS}, name="sitemap",
    ),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("api/articles/", api.article_list, name="api_articles"),
    path("api/articles/<str:slug>/", api.article_detail, name="api_article"),
    path("api/digest/<isodate:day>/", api.digest, name="api_digest"),
]
