"""The WSGI front answers stored pages itself, exactly as Django would, and leaves everything else to Django."""

from contextlib import contextmanager

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reader.page_front import StoredPageFront
from tests.factories import make_article
from tests.helpers import REDIS_DOWN, wsgi_call

pytestmark = pytest.mark.django_db

PAGES = ["/", "/articles/{slug}/", "/digest/2026-11-27/", "/tag/ai/", "/search/?q=見出し", "/feeds/rss/",
         "/api/articles/", "/sitemap.xml"]
# The reader's pages in English; feeds, the API and sitemaps have one URL in every language.
ENGLISH_PAGES = ["/en/", "/en/articles/{slug}/", "/en/digest/2026-11-27/", "/en/tag/ai/", "/en/search/?q=見出し"]


@pytest.fixture
def story():
    return make_article(title="最初の見出し", tags=["AI"])


def new_front():
    # Built after the test's settings: Django's middleware reads some when it is built, and so does the front.
    return StoredPageFront(WSGIHandler())


@pytest.fixture
def front():
    return new_front()


def django_answer(path, **request):
    """What Django itself answers (from the page cache, through the full middleware chain)."""
    return call(WSGIHandler(), path, **request)


def call(application, path, method="GET", secure=False, **headers) -> tuple[str, dict, bytes]:
    """Status line, headers and body of one request, as a WSGI server would take them."""
    host = headers.pop("host", "testserver")
    return wsgi_call(application, path, method=method, secure=secure, host=host, headers=headers)


@contextmanager
def counting_django():
    """How many requests reached Django, and how many SQL queries ran."""
    seen = []

    def count(**kwargs):
        seen.append(True)

    request_started.connect(count)
    try:
        with CaptureQueriesContext(connection) as queries:
            yield seen, queries
    finally:
        request_started.disconnect(count)


class TestStoredPagesSkipDjango:
    def test_a_stored_page_is_answered_without_django(self, front, story):
        url = story.get_absolute_url()
        with counting_django() as (requests, queries):
            first = call(front, url)
        assert first[0] == "200 OK" and len(requests) == 1 and len(queries) > 0  # rendered, then stored
        with counting_django() as (requests, queries):
            second = call(front, url)
        assert len(requests) == 0 and len(queries) == 0
        assert second == first

    def test_an_edit_shows_on_the_next_request(self, front, story):
        call(front, story.get_absolute_url())
        story.title = "直した見出し"
        story.save()
        status, _, body = call(front, story.get_absolute_url())
        assert status == "200 OK" and "直した見出し" in body.decode()


class TestSameAnswerAsDjango:
    @pytest.mark.parametrize("url", PAGES + ENGLISH_PAGES)
    def test_get_head_and_conditional_get(self, front, story, url):
        url = url.format(slug=story.slug)
        language = "en" if url.startswith("/en/") else "ja"
        status, headers, body = call(front, url)  # rendered by Django and stored
        assert status == "200 OK"
        requests = [
            {"method": "GET"}, {"method": "HEAD"},
            {"if_none_match": headers["ETag"]}, {"if_modified_since": headers["Last-Modified"]},
        ]
        for request in requests:
            with counting_django() as (reached, _):
                from_front = call(front, url, **request)
            assert not reached, request
            assert from_front == django_answer(url, **request), request
            assert from_front[1]["Content-Language"] == language, request
        assert call(front, url, if_none_match=headers["ETag"])[0] == "304 Not Modified"

    def test_over_https_with_hsts(self, front, story, settings):
        settings.SECURE_HSTS_SECONDS = 3600
        front = new_front()
        url = story.get_absolute_url()
        call(front, url, secure=True)
        with counting_django() as (reached, _):
            from_front = call(front, url, secure=True)
        assert not reached
        assert from_front == django_answer(url, secure=True)
        assert from_front[1]["Strict-Transport-Security"] == "max-age=3600"

    def test_plain_http_is_redirected_when_https_is_required(self, front, story, settings):
        settings.SECURE_SSL_REDIRECT = True
        front = new_front()
        url = story.get_absolute_url()
        call(front, url, secure=True)
        status, headers, _ = call(front, url)
        assert status == "301 Moved Permanently" and headers["Location"] == f"https://testserver{url}"

    def test_a_host_django_does_not_serve_gets_its_400_while_https_is_required(self, front, story, settings):
        settings.SECURE_SSL_REDIRECT = True
        front = new_front()
        status, _, _ = call(front, story.get_absolute_url(), host="evil.example")
        assert status.startswith("400")

    def test_a_changed_setting_shows_on_a_stored_page(self, front, story, settings):
        url = story.get_absolute_url()
        call(front, url)
        settings.MEDIA_URL = "https://media.cdn.example/media/"
        _, headers, _ = call(front, url)
        assert "https://media.cdn.example" in headers["Content-Security-Policy"]


class TestLeftToDjango:
    @pytest.mark.parametrize("request_kind", [
        {"method": "POST"},
        {"cookie": "sessionid=abc"},
        {"host": "evil.example"},
    ])
    def test_requests_the_front_does_not_answer(self, front, story, request_kind):
        url = story.get_absolute_url()
        call(front, url)
        request_kind = dict(request_kind)
        method = request_kind.pop("method", "GET")
        with counting_django() as (reached, _):
            status, _, _ = call(front, url, method=method, **request_kind)
        assert reached
        if "host" in request_kind:
            assert status.startswith("400")  # Django's own answer to a host it does not serve

    def test_the_admin(self, front, story):
        with counting_django() as (reached, _):
            status, headers, _ = call(front, "/admin/")
        assert reached and status.startswith("302")

    def test_pages_are_rendered_when_the_cache_is_down(self, front, story, settings, monkeypatch):
        settings.CACHES = REDIS_DOWN
        lookups = count_lookups(monkeypatch)
        for _ in range(2):
            with counting_django() as (reached, _):
                status, _, body = call(front, story.get_absolute_url())
            assert reached and status == "200 OK" and "最初の見出し" in body.decode()
        assert len(lookups) == 2  # one failed cache read per request: Django does not try again

    def test_a_page_not_stored_yet_is_looked_up_once(self, front, story, monkeypatch):
        lookups = count_lookups(monkeypatch)
        with counting_django() as (reached, _):
            status, _, _ = call(front, story.get_absolute_url())
        assert reached and status == "200 OK" and len(lookups) == 1


def count_lookups(monkeypatch) -> list:
    from reader import caching

    lookups = []
    original = caching._lookup

    def lookup(request, *, start=True):
        lookups.append(start)
        return original(request, start=start)

    monkeypatch.setattr(caching, "_lookup", lookup)
    return lookups


def test_pages_name_the_host_they_were_asked_for(client, story, settings):
    """Canonical links, feeds and sitemaps are absolute: one host's copy must not answer another."""
    settings.ALLOWED_HOSTS = ["news.example", "www.news.example"]
    for host in ("news.example", "www.news.example", "news.example"):
        page = client.get(story.get_absolute_url(), headers={"host": host}).content.decode()
        assert f'<link rel="canonical" href="http://{host}/articles/' in page
