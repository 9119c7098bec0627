"""Database down: a static 503 page with Retry-After, fast, and recovery without a restart.

SQLite cannot go down, so these make the connection raise what Django raises for
a lost server; drills/database_outage.py stops a real PostgreSQL under gunicorn.
"""

import time
from unittest import mock

import pytest
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.test import Client, RequestFactory

from core import resilience
from tests.factories import make_article

PAGES = ["/", "/articles/some-story/", "/digest/", "/feeds/rss/", "/api/articles/", "/admin/", "/admin/login/"]


@pytest.fixture
def database_down():
    """Every query fails as if the server had gone away; yields the mock to count attempts."""
    with (
        mock.patch.object(connection, "cursor", side_effect=OperationalError("server closed the connection")) as down,
        mock.patch.object(resilience, "connection_lost", return_value=True),  # SQLite's never is
    ):
        yield down


@pytest.fixture
def closes(monkeypatch):
    """Record connection closing instead of closing the test's connection (it holds the test's transaction)."""
    calls = []
    monkeypatch.setattr(resilience, "close_broken_connections", lambda: calls.append(True))
    monkeypatch.setattr("core.views.close_broken_connections", lambda: calls.append(True))
    return calls


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(resilience.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert '<html lang="ja">' in html and "ただいまご利用いただけません" in html and "Temporarily unavailable" in html
    assert "<script" not in html and "style=" not in html and "http" not in html  # self-contained
    # Still under the site's security headers.
    assert "object-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_answers_the_static_503_page_when_the_database_is_down(path, database_down, closes):
    client = Client()
    if path == "/admin/login/":  # the login form itself needs no database; signing in does
        request = lambda: client.post(path, {"username": "erin", "password": "whatever"})  # noqa: E731
    else:
        if path == "/admin/":  # a signed-in editor: the session is read from the database
            client.cookies["sessionid"] = "a" * 32
        request = lambda: client.get(path)  # noqa: E731

    response = request()

    assert database_down.call_count == 1  # one try, no retry to wait for
    assert_unavailable_page(response)
    assert database_down.called and closes  # the broken connection is dropped


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_both_kinds_of_connection_error_are_a_503(error, closes):
    with (
        mock.patch.object(connection, "cursor", side_effect=error("connection already closed")),
        mock.patch.object(resilience, "connection_lost", return_value=True),
    ):
        assert_unavailable_page(Client().get("/"))


def test_after_a_failure_requests_are_answered_at_once_without_trying_the_database(database_down, closes):
    client = Client()
    client.get("/")
    attempts = database_down.call_count

    responses = [client.get(path) for path in ("/", "/articles/x/", "/admin/", "/search/?q=a")]

    assert [r.status_code for r in responses] == [503] * 4
    assert database_down.call_count == attempts  # the breaker answered
    assert_unavailable_page(responses[0])


@pytest.mark.django_db
def test_pages_come_back_once_the_breaker_lets_a_request_try_again(closes, monkeypatch):
    article = make_article()
    client = Client()
    with (
        mock.patch.object(connection, "cursor", side_effect=OperationalError("down")),
        mock.patch.object(resilience, "connection_lost", return_value=True),  # SQLite never loses it
    ):
        assert client.get("/").status_code == 503
    # The database is back, but for BREAKER_SECONDS nobody asks it...
    assert client.get(article.get_absolute_url()).status_code == 503
    # ...then the next request does, and the site is back without a restart.
    later = time.monotonic() + resilience.BREAKER_SECONDS + 0.1
    monkeypatch.setattr(resilience.time, "monotonic", lambda: later)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_healthz_is_503_while_the_database_is_down_and_closes_the_breaker_when_it_answers(closes):
    client = Client()
    with (
        mock.patch.object(connection, "cursor", side_effect=OperationalError("down")),
        mock.patch.object(resilience, "connection_lost", return_value=True),
    ):
        down = client.get("/healthz")
    assert (down.status_code, down.content, down["Retry-After"]) == (503, b"database unavailable\n", "5")
    assert resilience.breaker.is_open()

    up = client.get("/healthz")  # asks the database even while the breaker is open

    assert (up.status_code, up.content) == (200, b"ok\n")
    assert not resilience.breaker.is_open()
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_an_error_on_a_working_connection_is_a_503_without_refusing_the_next_requests(closes):
    """"database is locked", a deadlock, a cancelled statement: that request only."""
    article = make_article()
    client = Client()
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("database is locked")):
        assert client.get(article.get_absolute_url()).status_code == 503

    assert not resilience.breaker.is_open() and not closes
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_database_error_outside_any_view_is_a_503_too(closes):
    """Middleware (saving a session, say) raises outside process_exception's reach: handler500 decides."""
    request = RequestFactory().get("/")
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        with mock.patch.object(resilience, "connection_lost", return_value=True):
            response = resilience.server_error(request)
    assert_unavailable_page_without_middleware(response)


def test_other_errors_stay_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = resilience.server_error(request)
    assert response.status_code == 500
    assert not resilience.breaker.is_open()


def test_a_database_error_wrapped_in_another_is_recognised():
    try:
        try:
            raise OperationalError("down")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as wrapped:
        assert resilience.is_database_error(wrapped)
    assert not resilience.is_database_error(ValueError())


def assert_unavailable_page_without_middleware(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(resilience.RETRY_AFTER_SECONDS)
    assert "ただいまご利用いただけません" in response.content.decode()


@pytest.mark.django_db
def test_pages_already_in_the_cache_are_still_served_while_the_database_is_down(closes):
    article = make_article(title="キャッシュ済みの記事")
    client = Client()
    assert client.get(article.get_absolute_url()).status_code == 200  # stored
    with (
        mock.patch.object(connection, "cursor", side_effect=OperationalError("server closed the connection")),
        mock.patch.object(resilience, "connection_lost", return_value=True),
    ):
        stored = client.get(article.get_absolute_url())
        not_stored = client.get("/digest/")
    assert stored.status_code == 200 and "キャッシュ済みの記事" in stored.content.decode()
    assert not_stored.status_code == 503
