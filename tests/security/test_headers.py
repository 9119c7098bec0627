"""Production settings pass `check --deploy`; every response carries the security headers.

The browser half (CSP enforced, nothing of ours violates it) is test_headers_browser.py.
"""

import json
import re
import secrets
import string

import pytest
from django.core.cache import cache
from django.test import Client

from articles import previews
from articles.models import Article
from core import security
from tests.factories import make_article, make_figure, make_tag
from tests.helpers import run_python

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50)),
    "DJANGO_ALLOWED_HOSTS": "news.example",
}
SHOW = """
import json
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in (
    "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "SECURE_CONTENT_TYPE_NOSNIFF")}))
"""


def shown(**environ) -> dict:
    result = run_python("-c", SHOW, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def csp(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        assert name not in policy, f"{name} twice"
        policy[name] = values
    return policy


class TestDeployment:
    def test_check_deploy_reports_nothing_in_production_with_nothing_else_set(self):
        result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues (0 silenced)." in result.stdout

    def test_production_is_on_https_by_default(self):
        values = shown(**PRODUCTION)
        assert values["SECURE_HSTS_SECONDS"] >= 15_552_000  # six months
        assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
        assert values["SECURE_SSL_REDIRECT"] and values["SECURE_REDIRECT_EXEMPT"] == ["^healthz$"]
        assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
        assert values["SESSION_COOKIE_HTTPONLY"]
        assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"

    @pytest.mark.parametrize(
        "environ", [{}, {**PRODUCTION, "DJANGO_HTTPS": "false"}], ids=["development", "production opting out"],
    )
    def test_http_keeps_working_without_https(self, environ):
        values = shown(**environ)
        assert not values["SECURE_SSL_REDIRECT"] and not values["SECURE_HSTS_SECONDS"]
        assert not values["SESSION_COOKIE_SECURE"] and not values["CSRF_COOKIE_SECURE"]
        # The rest does not depend on HTTPS.
        assert values["X_FRAME_OPTIONS"] == "DENY" and values["SECURE_CONTENT_TYPE_NOSNIFF"]
        assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
        assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"

    def test_production_opting_out_of_https_is_flagged_by_check_deploy(self):
        result = run_python(
            "manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, DJANGO_HTTPS="false",
        )
        assert result.returncode != 0
        for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
            assert warning in result.stderr


@pytest.fixture
def https(settings):
    """The production-over-HTTPS values (checked above) applied to this process."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = ["^healthz$"]
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


class TestHttps:
    def test_http_is_redirected_and_https_answers_with_hsts(self, client, https):
        make_article()
        plain = client.get("/")
        assert plain.status_code == 301 and plain["Location"] == "https://testserver/"
        secure = client.get("/", secure=True)
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert "upgrade-insecure-requests" in csp(secure)

    def test_the_health_check_answers_over_http(self, client, https):
        assert client.get("/healthz").status_code == 200

    def test_the_session_cookie_is_secure_httponly_and_samesite(self, https):
        from tests.security.helpers import staff_user

        staff_user("Editor", "erin")
        client = Client()
        page = client.get("/admin/login/", secure=True)
        token = page.cookies["csrftoken"]
        assert token["secure"] and token["httponly"] and token["samesite"] == "Lax"
        response = client.post("/admin/login/", {
            "username": "erin", "password": "a-long-test-password", "csrfmiddlewaretoken": token.value,
        }, secure=True)
        assert response.status_code == 302
        session = response.cookies["sessionid"]
        assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@pytest.fixture
def site():
    story = make_article(title="見出しの記事", tags=[make_tag("AI")])
    make_figure(story)
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    return {"story": story, "draft": draft}


def public_pages(site) -> dict[str, str]:
    story = site["story"]
    return {
        "home": "/",
        "article": story.get_absolute_url(),
        "tag list": "/tag/ai/",
        "category list": f"/category/{story.category.slug}/",
        "source list": f"/source/{story.source.slug}/",
        "search": "/search/?q=見出し",
        "digest": "/digest/2026-11-27/",
        "404": "/no-such-page/",
        "preview": previews.preview_url(site["draft"]),
    }


PAGES = ["home", "article", "tag list", "category list", "source list", "search", "digest", "404", "preview"]


class TestPublicPages:
    @pytest.mark.parametrize("name", PAGES)
    def test_every_page_carries_the_headers(self, client, site, name):
        response = client.get(public_pages(site)[name])
        assert response.status_code == (404 if name == "404" else 200)
        policy = csp(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["require-trusted-types-for"] == ["'script'"]
        assert "unsafe" not in response["Content-Security-Policy"]
        assert "Content-Security-Policy-Report-Only" not in response  # enforced, not just reported
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"

    @pytest.mark.parametrize("name", PAGES)
    def test_pages_need_no_inline_script(self, client, site, name):
        """Every <script> loads a file of ours or is a JSON-LD data block (which CSP does not govern)."""
        html = client.get(public_pages(site)[name]).content.decode()
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        assert scripts
        for attributes, body in scripts:
            if 'type="application/ld+json"' in attributes:
                continue
            assert re.search(r'\bsrc="/static/[^"]+"', attributes) and not body.strip(), attributes
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)  # no event-handler attributes
        assert not re.search(r"<[^>]+\sstyle\s*=", html)  # no style attributes ('unsafe-inline' not needed)
        assert "<style" not in html

    def test_a_page_from_the_cache_gets_the_headers_added_afresh(self, client, site, settings):
        url = site["story"].get_absolute_url()
        first = client.get(url)
        stored = [key for key in cached_page_keys()]
        assert stored, "the page was not cached"
        second = client.get(url)
        assert second.content == first.content
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
        # The policy is not part of the stored copy: a changed setting shows on the next request.
        settings.MEDIA_URL = "https://media.cdn.example/media/"
        third = client.get(url)
        assert third.content == first.content
        assert csp(third)["img-src"] == ["'self'", "https://media.cdn.example", "data:"]

    def test_a_304_leaves_the_revalidated_pages_policy_alone(self, client, site):
        """A 304 has no Content-Type; browsers merge its headers into their copy, policy included."""
        first = client.get(site["story"].get_absolute_url())
        again = client.get(site["story"].get_absolute_url(), headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
        assert "Content-Security-Policy" not in again
        assert again["X-Content-Type-Options"] == "nosniff" and again["Cross-Origin-Resource-Policy"] == "same-origin"

    def test_asset_hosts_come_from_the_settings(self, client, site, settings):
        settings.MEDIA_URL = "https://media.cdn.example/media/"
        settings.STATIC_URL = "https://static.cdn.example/s/"
        policy = csp(client.get("/"))
        assert policy["img-src"] == ["'self'", "https://static.cdn.example", "https://media.cdn.example", "data:"]
        assert policy["script-src"] == policy["style-src"] == ["'self'", "https://static.cdn.example"]
        assert policy["media-src"] == ["'self'", "https://media.cdn.example"]


def cached_page_keys() -> list[str]:
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # LocMemCache
        return [k for k in cache._cache if "newsdesk:page:" in k]
    client = cache._cache.get_client(None, write=False)  # Django's RedisCache
    return [k.decode() for k in client.scan_iter(match="*newsdesk:page:*")]


class TestResourcesAndAdmin:
    @pytest.mark.parametrize("url", [
        "/feeds/rss/", "/feeds/atom/", "/api/articles/", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt",
    ])
    def test_feeds_api_and_crawler_files_may_be_read_by_other_sites(self, client, site, url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
        policy = csp(response)
        assert policy["default-src"] == ["'none'"] and "sandbox" in policy
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_uploaded_images_may_be_shown_by_other_sites(self, client, site):
        figure = site["story"].figures.get()
        response = client.get(figure.image.url)
        assert response.status_code == 200
        assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
        assert csp(response)["default-src"] == ["'none'"]

    @pytest.mark.parametrize("url", [
        "/admin/", "/admin/articles/article/", "/admin/articles/article/add/",
        "/admin/autocomplete/?app_label=articles&model_name=relatedlink&field_name=to_article&term=x",
    ])
    def test_the_admin_has_its_own_policy_and_stays_same_origin(self, logged_in, site, url):
        response = logged_in("Editor").get(url)
        assert response.status_code == 200
        policy = csp(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert "require-trusted-types-for" not in policy  # jQuery writes HTML from strings
        assert "unsafe" not in response["Content-Security-Policy"]
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"

    def test_the_admin_login_page_too(self, client):
        response = client.get("/admin/login/")
        assert csp(response)["script-src"] == ["'self'"]
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_djangos_debug_pages_work_in_development_only(client, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "<style" in response.content.decode()  # Django's technical 404
    assert csp(response)["style-src"] == ["'self'", "'unsafe-inline'"]
    settings.DEBUG = False
    assert csp(client.get("/no-such-page/"))["style-src"] == ["'self'"]


def test_cross_origin_paths_follow_the_settings(settings):
    assert security.cross_origin_allowed("/static/css/site.css")
    assert security.cross_origin_allowed("/media/figures/a.jpg")
    assert not security.cross_origin_allowed("/admin/jsi18n/")
    assert not security.cross_origin_allowed("/articles/x/")
    settings.MEDIA_URL = "/uploads/"
    assert security.cross_origin_allowed("/uploads/a.jpg") and not security.cross_origin_allowed("/media/a.jpg")
