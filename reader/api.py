"""A read-only JSON API over published content, in the interchange shape (DESIGN §4).

/api/articles/ (filtered with the reader's ArticleFilter, 20 a page),
/api/articles/<slug>/ and /api/digest/YYYY-MM-DD/. Plain Django views:
each reads the request, calls one function here and returns JSON that
browsers and shared caches may keep for a minute (ETag and
Last-Modified answer conditional GETs).
"""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from articles import digests, page_keys
from articles.days import start_of_day
from articles.models import Article, KeyPoint, RelatedLink, SlugRedirect
from articles.story_data import story_data
from reader import caching, showing
from reader.filters import ArticleFilter, filtered_list_keys
from search import queries as search

PAGE_SIZE = 20
CONTENT_TYPE = "application/json; charset=utf-8"


class ApiError(Exception):
    """A request the API answers with an error status and a JSON body."""

    def __init__(self, status: int, body: dict):
        super().__init__(status, body)
        self.status = status
        self.body = body


class Moved(Exception):
    """The article asked for by an old slug lives at `location` now."""

    def __init__(self, location: str):
        super().__init__(location)
        self.location = location


def published_articles() -> QuerySet:
    """Published articles with everything the interchange shape needs, in a constant number of queries.

    Editor's picks that are not public are left out of `related`.
    """
    return (
        Article.objects.published()
        .select_related("category", "source", "reviewed_by")
        .prefetch_related(
            "tags",
            Prefetch("key_points", queryset=KeyPoint.objects.order_by("position", "id")),
            "figures",
            "corrections",
            Prefetch(
                "related_links",
                queryset=RelatedLink.objects.filter(to_article__in=Article.objects.published())
                .select_related("to_article")
                .order_by("position", "id"),
            ),
        )
    )


def article_data(article: Article, request: HttpRequest) -> dict:
    """One article as export writes it, except that figure images are absolute URLs, and the reviewer's login
    and the figures' library keys are left out."""
    showing.shows_stories([article])  # an entry of a list quotes the story; its own entry adds its own key
    showing.shows(*(page_keys.card(link.to_article_id) for link in article.related_links.all()))
    image_urls = [request.build_absolute_uri(figure.image.url) for figure in article.figures.all()]
    data = story_data(article, image_names=image_urls)
    data.pop("reviewed_by")  # a staff login name: backups keep it, the public API does not
    for figure in data["figures"]:
        figure.pop("library_image", None)  # the media library's key: for imports, not for readers
    return data


def article_page(request: HttpRequest) -> dict:
    """The filtered, paginated list, newest first: {"count", "count_exact", "next", "previous", "results"}.

    With `q`, the stories holding its words (search.newest): all of them
    when at most NEWSDESK_SEARCH_RANKED match, otherwise the newest that
    many, and `count_exact` is false (narrow by date to reach older ones).
    """
    filterset = ArticleFilter(request.GET, queryset=published_articles())
    if not filterset.is_valid():
        raise ApiError(400, {"errors": filterset.form.errors.get_json_data()})
    listed, count_exact = filterset.qs.order_by("-published_at", "-id"), True
    query = filterset.form.cleaned_data.get("q")
    if query:
        found = search.newest(listed, query)
        listed, count_exact = search.RankedResults(found, card_queryset=published_articles()), found.complete
    showing.shows(page_keys.LIST, *filtered_list_keys(filterset.form.cleaned_data))
    paginator = Paginator(listed, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        raise ApiError(404, {"detail": gettext("そのページはありません。")})
    results = [article_data(article, request) for article in page.object_list]
    if query:
        showing.shows_keyword_results(page.object_list)
    body = {
        "count": paginator.count,
        "count_exact": count_exact,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
        "results": results,
    }
    return body


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = str(number)
    encoded = query.urlencode()
    return request.build_absolute_uri(request.path + ("?" + encoded if encoded else ""))


def one_article(request: HttpRequest, slug: str) -> dict:
    """A published article by slug; an old slug of a published article moves (301)."""
    article = published_articles().filter(slug=slug).first()
    if article is None:
        moved = SlugRedirect.objects.filter(old_slug=slug).select_related("article").first()
        if moved and moved.article.is_published():
            raise Moved(reverse("articles:api_article", args=[moved.article.slug]))
        raise ApiError(404, {"detail": gettext("記事が見つかりません。")})
    showing.shows(page_keys.story(article.pk))
    return article_data(article, request)


def digest_data(request: HttpRequest, day: datetime.date) -> dict:
    """The day's digest: date, the editor's note, the articles in order, neighbouring days."""
    digest = digests.digest_for(day)
    showing.shows(page_keys.digest(day), page_keys.day(day))
    if day >= digests.today():  # tomorrow it has a next day
        showing.shows_until(start_of_day(digests.today() + datetime.timedelta(days=1)))
    ids = [article.pk for article in digest.articles]
    loaded = published_articles().in_bulk(ids)
    return {
        "date": day.isoformat(),
        "note": digest.note,
        "articles": [article_data(loaded[pk], request) for pk in ids if pk in loaded],
        "previous": _digest_url(request, digest.previous_day),
        "next": _digest_url(request, digest.next_day) if digest.next_day else None,
    }


def _digest_url(request: HttpRequest, day: datetime.date) -> str:
    return request.build_absolute_uri(reverse("articles:api_digest", args=[day]))


def _json(body: dict, *, status: int = 200) -> JsonResponse:
    return JsonResponse(
        body, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False},
    )


def _error(error: ApiError) -> JsonResponse:
    return _json(error.body, status=error.status)


@require_safe
@caching.public(max_age=caching.API_MAX_AGE, params=(*ArticleFilter.base_filters, "page"))
def article_list(request):
    """GET /api/articles/: published articles, newest first, filtered and paginated."""
    try:
        return _json(article_page(request))
    except ApiError as error:
        return _error(error)


@require_safe
@caching.public(max_age=caching.API_MAX_AGE)
def article_detail(request, slug):
    """GET /api/articles/<slug>/: one published article."""
    try:
        return _json(one_article(request, slug))
    except Moved as moved:
        return HttpResponsePermanentRedirect(moved.location)
    except ApiError as error:
        return _error(error)


@require_safe
@caching.public(max_age=caching.API_MAX_AGE)
def digest(request, day):
    """GET /api/digest/YYYY-MM-DD/: that JST day's digest (an empty day is not an error)."""
    return _json(digest_data(request, day))
