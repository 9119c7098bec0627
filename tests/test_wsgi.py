"""Every kind of public URL answers through the WSGI application gunicorn runs, with Japanese in its path.

The test client builds its own requests and never goes through newsdesk.wsgi;
these tests hand the application the environ a server builds, as gunicorn
does, so what a reader's request meets is what is tested.
"""

import re
from urllib.parse import quote, unquote, urlencode, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from newsdesk.wsgi import application
from tests.factories import image_bytes, make_article, make_category, make_source, make_tag
from tests.helpers import wsgi_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def japanese_site():
    """A published story whose category, tag and source have Japanese names (so Japanese slugs)."""
    return make_article(
        title="量子計算の見出し", category=make_category("科学"), source=make_source("東洋経済新聞"),
        tags=[make_tag("量子コンピューター"), make_tag("AI")],
    )


def japanese_urls(article) -> list[str]:
    category, source = article.category, article.source
    tag = article.tags.get(name="量子コンピューター")
    return [
        article.get_absolute_url(),
        category.get_absolute_url(), f"{category.get_absolute_url()}?page=1",
        tag.get_absolute_url(), source.get_absolute_url(),
        f"/feeds/category/{category.slug}/rss/", f"/feeds/category/{category.slug}/atom/",
        f"/feeds/tag/{tag.slug}/rss/", f"/feeds/tag/{tag.slug}/atom/",
        f"/api/articles/?category={quote(category.slug)}", f"/api/articles/?tag={quote(tag.slug)}",
        f"/search/?q={quote('量子')}", f"/latest/?tag={quote(tag.slug)}",
    ]


def english_urls(article) -> list[str]:
    """The reader's pages of japanese_urls() in English: the same paths under /en/ (feeds and the API have none)."""
    return ["/en" + url for url in japanese_urls(article) if not url.startswith(("/feeds/", "/api/"))]


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_pages_with_japanese_in_their_path_answer_200_twice(japanese_site, method):
    """The second request is answered from the page cache, in front of Django: both must work."""
    for url in japanese_urls(japanese_site) + english_urls(japanese_site):
        for _ in range(2):
            status, headers, body = wsgi_call(application, url, method=method)
            assert status == "200 OK", (url, status)
            assert headers["Content-Language"] == ("en" if url.startswith("/en/") else "ja"), url
            if method == "HEAD":
                assert body == b"" and int(headers.get("Content-Length", "1")) > 0, url


def test_english_pages_with_japanese_in_their_path(japanese_site):
    tag = japanese_site.tags.get(name="量子コンピューター")
    for url in (f"/en/tag/{quote(tag.slug)}/", f"/en/tag/{tag.slug}/"):  # as browsers send it, and raw
        status, headers, body = wsgi_call(application, url)
        html = body.decode()
        assert status == "200 OK" and '<html lang="en">' in html and "量子計算の見出し" in html, url
        assert f'hreflang="ja" href="http://testserver/tag/{quote(tag.slug)}/"' in html
        assert "Vary" not in headers


def test_the_old_switch_with_japanese_in_next(japanese_site):
    tag = japanese_site.tags.get(name="量子コンピューター")
    status, headers, _ = wsgi_call(application, "/lang/en/?" + urlencode({"next": f"/tag/{tag.slug}/?page=1"}))
    assert status.startswith("302") and headers["Location"] == f"/en/tag/{quote(tag.slug)}/?page=1"
    assert "Set-Cookie" not in headers


def test_the_percent_encoded_and_the_raw_path_are_the_same_page(japanese_site):
    url = japanese_site.category.get_absolute_url()
    assert url.isascii() and "%E7%A7%91" in url  # links are percent-encoded, as browsers send them
    encoded = wsgi_call(application, url)
    decoded = wsgi_call(application, unquote(url))
    assert decoded[0] == encoded[0] == "200 OK"
    assert decoded[2] == encoded[2] and "量子計算の見出し" in decoded[2].decode()


def test_unknown_japanese_paths_are_404_not_500(japanese_site):
    for url in ["/tag/存在しないタグ/", "/category/存在しない/", "/articles/ない記事/", "/あ/",
                "/feeds/tag/存在しない/rss/", "/media/ない画像.jpg", "/en/tag/存在しないタグ/", "/en/あ/",
                "/en/feeds/tag/量子コンピューター/rss/"]:
        for _ in range(2):
            status, _, body = wsgi_call(application, url)
            assert status.startswith("404"), (url, status)
            if not url.startswith("/media/"):
                language = "en" if url.startswith("/en/") else "ja"
                assert f'<html lang="{language}">' in body.decode(), url


def test_the_admin_with_japanese_in_its_path_redirects_to_the_login():
    status, headers, _ = wsgi_call(application, "/admin/あ/")
    assert status.startswith("302") and headers["Location"].startswith("/admin/login/")


def test_an_upload_with_a_japanese_name_is_served():
    name = default_storage.save("figures/東京の写真.jpg", ContentFile(image_bytes()))
    assert not name.isascii()
    status, headers, body = wsgi_call(application, "/media/" + name)
    assert status == "200 OK" and headers["Content-Type"] == "image/jpeg" and body == image_bytes()


def test_head_answers_carry_no_body(japanese_site):
    for url in ["/", japanese_site.get_absolute_url(), "/feeds/rss/", "/healthz", "/admin/login/"]:
        get = wsgi_call(application, url)
        head = wsgi_call(application, url, method="HEAD")
        assert get[2] and head[2] == b"", url
        assert head[0] == get[0], url


LOC = re.compile(r"<loc>([^<]+)</loc>")


def test_a_crawl_of_the_sitemap_and_every_list_page_finds_no_server_error(japanese_site):
    make_article(title="二本目", category=make_category("政治"), tags=["選挙", "AI"], source=make_source("Harbor Ledger"))
    status, _, body = wsgi_call(application, "/sitemap.xml")
    assert status == "200 OK"
    urls = {urlsplit(loc).path for loc in LOC.findall(body.decode())}
    from articles.models import Category, Source, Tag

    for model in (Category, Tag, Source):
        urls |= {obj.get_absolute_url() for obj in model.objects.all()}
    assert len(urls) >= 8
    failures = []
    for url in sorted(urls):
        for method in ("GET", "HEAD"):
            status, _, _ = wsgi_call(application, url, method=method)
            if not status.startswith(("2", "3", "404")):
                failures.append((method, url, status))
    assert not failures
