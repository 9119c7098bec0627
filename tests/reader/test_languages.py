"""The reader's language is in the URL: Japanese at the site's paths, English under /en/, never from a cookie."""

import json
import re
from urllib.parse import quote

import pytest
from django.test import Client

from tests.factories import make_article, make_category, make_tag

pytestmark = pytest.mark.django_db

OLD_COOKIE = "django_language"  # what the old switch set; readers still carry it
SEMICONDUCTORS = "半導体"
SEMICONDUCTORS_PATH = "/tag/" + quote(SEMICONDUCTORS) + "/"  # /tag/%E5%8D%8A%E5%B0%8E%E4%BD%93/


@pytest.fixture
def story():
    return make_article(title="半導体の見出し", tags=[make_tag(SEMICONDUCTORS)], category=make_category("科学"))


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def alternates(html: str) -> dict[str, str]:
    """The page's hreflang alternates, {hreflang: href}."""
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert len(found) == len(dict(found)), found
    return dict(found)


def switch_links(html: str) -> dict[str, str]:
    """The header's language switch: {language: href} of the languages the page is not in."""
    (nav,) = re.findall(r'<nav class="lang-switch".*?</nav>', html, re.DOTALL)
    return {code: href.replace("&amp;", "&") for href, code in re.findall(r'<a href="([^"]+)" lang="(\w+)"', nav)}


def json_ld(html: str) -> dict:
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(data)


class TestTheUrlSaysTheLanguage:
    def test_japanese_at_the_sites_paths(self, client, story):
        response = client.get(story.get_absolute_url())
        html = html_of(response)
        assert '<html lang="ja">' in html and "キーポイント" in html and "原文を表示" in html
        assert "Key points" not in html and "Show the original" not in html
        assert response["Content-Language"] == "ja"

    def test_english_under_en(self, client, story):
        response = client.get("/en" + story.get_absolute_url())
        html = html_of(response)
        assert '<html lang="en">' in html
        assert "Key points" in html and "Show the original" in html
        assert "Show impact analysis and editorial comment" in html and "(1 min read)" in html
        assert "キーポイント" not in html and "原文を表示" not in html
        assert story.title in html  # the story itself is the Japanese translation in both
        assert response["Content-Language"] == "en"

    @pytest.mark.parametrize("path", ["/", "/search/?q=半導体", SEMICONDUCTORS_PATH, "/category/科学/", "/digest/",
                                      "/digest/2026-11-27/", "/source/harbor-ledger/"])
    def test_every_page_in_english(self, client, story, path):
        html = html_of(client.get("/en" + path))
        assert '<html lang="en">' in html and 'aria-label="Display language"' in html

    def test_english_pages_link_to_english_pages(self, client, story):
        html = html_of(client.get("/en" + story.get_absolute_url()))
        assert f'href="/en{SEMICONDUCTORS_PATH}"' in html
        assert 'href="/en/digest/2026-11-27/"' in html
        assert '<a class="site-name" href="/en/">' in html
        html = html_of(client.get("/en/"))
        assert f'href="/en{story.get_absolute_url()}"' in html

    @pytest.mark.parametrize("headers", [
        {"accept-language": "en"},
        {"accept-language": "en-US,en;q=0.9"},
        {"cookie": f"{OLD_COOKIE}=en"},
        {"cookie": f"{OLD_COOKIE}=en", "accept-language": "en"},
    ])
    def test_a_japanese_url_stays_japanese_whatever_the_browser_sends(self, story, headers):
        for path in ("/", story.get_absolute_url(), SEMICONDUCTORS_PATH):
            for _ in range(2):  # rendered, then from the page cache
                response = Client().get(path, headers=headers)
                html = html_of(response)
                assert '<html lang="ja">' in html and response["Content-Language"] == "ja", path
                assert 'aria-label="表示言語"' in html

    def test_an_english_url_stays_english_whatever_the_browser_sends(self, story):
        response = Client().get("/en/", headers={"accept-language": "ja", "cookie": f"{OLD_COOKIE}=ja"})
        assert '<html lang="en">' in html_of(response)

    def test_the_language_does_not_leak_into_the_next_request(self, client, story):
        client.get("/en" + story.get_absolute_url())
        html = html_of(client.get(story.get_absolute_url()))
        assert '<html lang="ja">' in html and "キーポイント" in html

    def test_a_moved_story_redirects_within_its_language(self, client, story):
        old = story.get_absolute_url()
        story.slug = "new-slug"
        story.save()
        assert client.get("/en" + old)["Location"] == "/en/articles/new-slug/"
        assert client.get(old)["Location"] == "/articles/new-slug/"

    def test_an_unprefixed_en_is_slashed(self, client):
        response = client.get("/en")
        assert response.status_code == 301 and response["Location"] == "/en/"


class TestCacheableByUrl:
    @pytest.mark.parametrize("path", ["/", "/en/", "/articles/{slug}/", "/en/articles/{slug}/", SEMICONDUCTORS_PATH,
                                      "/en" + SEMICONDUCTORS_PATH, "/en/search/?q=AI", "/feeds/rss/", "/sitemap.xml",
                                      "/api/articles/", "/robots.txt", "/nowhere/", "/en/nowhere/"])
    def test_no_public_answer_varies_on_cookie_or_accept_language(self, story, path):
        path = path.format(slug=story.slug)
        for headers in ({}, {"accept-language": "en", "cookie": f"{OLD_COOKIE}=en"}):
            for _ in range(2):  # rendered, then from the page cache
                response = Client().get(path, headers=headers)
                vary = response.get("Vary", "").lower()
                assert "cookie" not in vary and "accept-language" not in vary, (path, response["Vary"])
                assert OLD_COOKIE not in response.cookies

    def test_languages_are_stored_apart(self, client, story):
        html_of(client.get(story.get_absolute_url()))
        assert '<html lang="en">' in html_of(client.get("/en" + story.get_absolute_url()))
        assert '<html lang="ja">' in html_of(client.get(story.get_absolute_url()))


class TestAlternates:
    def test_each_version_names_both_and_japanese_as_the_default(self, client, story):
        path = story.get_absolute_url()
        expected = {
            "ja": f"http://testserver{path}",
            "en": f"http://testserver/en{path}",
            "x-default": f"http://testserver{path}",
        }
        assert alternates(html_of(client.get(path))) == expected
        assert alternates(html_of(client.get("/en" + path))) == expected

    def test_japanese_slugs_and_the_query_are_kept(self, client, story):
        html = html_of(client.get(f"/en{SEMICONDUCTORS_PATH}?page=1"))
        assert alternates(html) == {
            "ja": f"http://testserver{SEMICONDUCTORS_PATH}?page=1",
            "en": f"http://testserver/en{SEMICONDUCTORS_PATH}?page=1",
            "x-default": f"http://testserver{SEMICONDUCTORS_PATH}?page=1",
        }

    def test_home_and_digest(self, client, story):
        assert alternates(html_of(client.get("/en/")))["ja"] == "http://testserver/"
        assert alternates(html_of(client.get("/")))["en"] == "http://testserver/en/"
        assert alternates(html_of(client.get("/digest/2026-11-27/")))["en"] == "http://testserver/en/digest/2026-11-27/"

    def test_a_404_page_names_none(self, client, story):
        for path in ("/nowhere/", "/en/nowhere/", "/tag/ない/", "/en/tag/ない/"):
            response = client.get(path)
            assert response.status_code == 404 and alternates(response.content.decode()) == {}, path


class TestCanonicalAndStructuredData:
    """Each language version is its own page: its canonical URL, og:url and JSON-LD name it, and the
    alternates tie the two together. The story is the Japanese translation in both (inLanguage ja)."""

    @pytest.mark.parametrize("prefix", ["", "/en"])
    def test_the_page_names_its_own_url(self, client, story, prefix):
        url = f"http://testserver{prefix}{story.get_absolute_url()}"
        html = html_of(client.get(prefix + story.get_absolute_url()))
        assert f'<link rel="canonical" href="{url}">' in html
        assert f'<meta property="og:url" content="{url}">' in html
        data = json_ld(html)
        assert data["url"] == url and data["mainEntityOfPage"]["@id"] == url
        assert data["inLanguage"] == "ja"

    def test_sitemaps_and_feeds_list_the_japanese_urls(self, client, story):
        sitemap = html_of(client.get("/sitemap.xml"))
        assert f"<loc>http://testserver{story.get_absolute_url()}</loc>" in sitemap and "/en/" not in sitemap
        for path in ("/feeds/rss/", "/feeds/atom/", "/api/articles/"):
            body = html_of(client.get(path, headers={"accept-language": "en", "cookie": f"{OLD_COOKIE}=en"}))
            assert story.get_absolute_url() in body and "/en/" not in body, path


class TestOneUrlInEveryLanguage:
    @pytest.mark.parametrize("path", [
        "/en/feeds/rss/", "/en/feeds/atom/", "/en/feeds/tag/ai/rss/", "/en/sitemap.xml", "/en/news-sitemap.xml",
        "/en/robots.txt", "/en/api/articles/", "/en/api/digest/2026-11-27/", "/en/lang/ja/?next=/",
        "/en/preview/token/", "/en/admin/", "/en/healthz", "/ja/", "/ja/articles/x/",
    ])
    def test_not_found_under_a_language_prefix(self, client, story, path):
        assert client.get(path).status_code == 404

    def test_the_admin_stays_japanese(self):
        response = Client().get("/admin/login/", headers={"accept-language": "en", "cookie": f"{OLD_COOKIE}=en"})
        assert response.status_code == 200 and '<html lang="ja"' in response.content.decode()
        assert response["Content-Language"] == "ja"

    def test_robots_names_the_unprefixed_sitemaps(self, client):
        robots = client.get("/robots.txt").content.decode()
        assert "Sitemap: http://testserver/sitemap.xml" in robots


class TestLanguageSwitchInTheHeader:
    def test_links_straight_to_the_same_page_in_the_other_language(self, client, story):
        path = story.get_absolute_url()
        assert switch_links(html_of(client.get(path))) == {"en": f"/en{path}"}
        assert switch_links(html_of(client.get("/en" + path))) == {"ja": path}

    def test_keeps_the_query(self, client, story):
        html = html_of(client.get("/search/?q=半導体&page=1"))
        assert switch_links(html) == {"en": "/en/search/?q=%E5%8D%8A%E5%B0%8E%E4%BD%93&page=1"}
        html = html_of(client.get(f"/en{SEMICONDUCTORS_PATH}?page=1"))
        assert switch_links(html) == {"ja": f"{SEMICONDUCTORS_PATH}?page=1"}

    def test_on_a_404_page_links_to_the_other_home_page(self, client):
        response = client.get("/en/nowhere/")
        assert response.status_code == 404
        html = response.content.decode()
        assert '<html lang="en">' in html and "Page not found" in html and 'href="/en/"' in html
        assert switch_links(html) == {"ja": "/"}
        response = client.get("/nowhere/")
        html = response.content.decode()
        assert '<html lang="ja">' in html and "ページが見つかりません" in html
        assert switch_links(html) == {"en": "/en/"}


class TestTheOldSwitch:
    """/lang/<code>/?next=… still works: a redirect to the same page in that language, and no cookie."""

    def test_goes_to_the_same_page_in_that_language(self, client, story):
        response = client.get("/lang/en/", {"next": f"/tag/{SEMICONDUCTORS}/"})
        assert response.status_code == 302
        assert response["Location"] == "/en/tag/%E5%8D%8A%E5%B0%8E%E4%BD%93/"
        assert OLD_COOKIE not in response.cookies and not response.cookies
        assert client.get("/lang/ja/", {"next": f"/en{SEMICONDUCTORS_PATH}"})["Location"] == SEMICONDUCTORS_PATH
        assert client.get("/lang/en/", {"next": story.get_absolute_url()})["Location"] == "/en" + story.get_absolute_url()

    def test_the_target_then_shows_that_language(self, client, story):
        target = client.get("/lang/en/", {"next": story.get_absolute_url()})["Location"]
        assert "Key points" in html_of(client.get(target))
        target = client.get("/lang/ja/", {"next": target})["Location"]
        assert "キーポイント" in html_of(client.get(target))

    def test_keeps_a_local_next_with_a_query(self, client):
        assert client.get("/lang/en/", {"next": "/?q=AI&page=2"})["Location"] == "/en/?q=AI&page=2"
        assert client.get("/lang/ja/", {"next": "/en/search/?q=AI"})["Location"] == "/search/?q=AI"
        assert client.get("/lang/en/", {"next": "/en/"})["Location"] == "/en/"

    @pytest.mark.parametrize("target", [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/articles/x/",
        "javascript:alert(1)",
        "/%2F%2Fevil.example/",
    ])
    def test_refuses_an_external_next(self, client, target):
        response = client.get("/lang/en/", {"next": target})
        assert response.status_code == 302 and response["Location"] == "/en/"
        assert not response.cookies

    def test_a_url_with_one_language_comes_back_as_it_was(self, client):
        assert client.get("/lang/en/", {"next": "/feeds/rss/"})["Location"] == "/feeds/rss/"
        assert client.get("/lang/en/", {"next": "/admin/"})["Location"] == "/admin/"

    def test_an_unknown_page_gives_that_languages_home(self, client):
        assert client.get("/lang/en/", {"next": "/nowhere/"})["Location"] == "/en/"
        assert client.get("/lang/ja/", {"next": "/en/nowhere/"})["Location"] == "/"

    def test_refuses_an_unknown_language(self, client):
        response = client.get("/lang/xx/", {"next": "/"})
        assert response.status_code == 404 and not response.cookies
