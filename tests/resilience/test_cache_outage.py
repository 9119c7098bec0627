"""Cache (Redis) down: pages still 200, editors still sign in, the login limit still holds.

The cache here is the real Redis backend pointed at a port where nothing
listens, so every cache call fails as it would with Redis stopped.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.factories import make_article
from tests.helpers import REDIS_DOWN
from tests.security.helpers import PASSWORD, staff_user

pytestmark = pytest.mark.django_db

NO_REDIS = REDIS_DOWN


@pytest.fixture
def redis_down(settings):
    settings.CACHES = NO_REDIS
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "session_store"
    with pytest.raises(Exception):
        cache.get("anything")  # really down


def test_public_pages_are_rendered_uncached_when_the_cache_is_down(redis_down):
    article = make_article(title="キャッシュなしでも読める記事")
    client = Client()
    for path in ("/", article.get_absolute_url(), "/feeds/rss/", "/sitemap.xml", "/api/articles/", "/digest/"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "キャッシュなしでも読める記事" in client.get(article.get_absolute_url()).content.decode()


def test_editors_sign_in_work_and_sign_out_when_the_cache_is_down(redis_down):
    staff_user("Editor", "erin")
    article = make_article()
    client = Client()

    signed_in = client.post("/admin/login/?next=/admin/", {"username": "erin", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert client.post("/admin/logout/").status_code == 200
    assert client.get("/admin/").status_code == 302  # signed out


def test_failed_logins_are_still_limited_when_the_cache_is_down(redis_down):
    staff_user("Editor", "erin")
    client = Client()
    for _ in range(settings.NEWSDESK_LOGIN_MAX_FAILURES):
        assert client.post("/admin/login/", {"username": "erin", "password": "wrong"}).status_code == 200
    assert client.post("/admin/login/", {"username": "erin", "password": PASSWORD}).status_code == 429


def test_a_change_made_while_the_cache_is_down_is_not_hidden_by_old_cached_pages_when_it_returns(settings):
    article = make_article(title="古い見出し")
    client = Client()
    assert "古い見出し" in client.get(article.get_absolute_url()).content.decode()  # cached now

    working_caches = settings.CACHES
    settings.CACHES = NO_REDIS
    article.title = "新しい見出し"
    article.save()  # the new generation cannot be stored
    settings.CACHES = working_caches  # the cache is back, with the old generation in it

    html = client.get(article.get_absolute_url()).content.decode()
    assert "新しい見出し" in html and "古い見出し" not in html
