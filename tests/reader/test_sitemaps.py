import datetime
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import at, make_article, make_category, make_source, make_tag

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
HOST = "http://testserver"
NOW = at(2026, 11, 28, 12, 0)


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, ET.fromstring(response.content)


def locations(client, url="/sitemap.xml"):
    _, root = parse(client, url)
    assert root.tag == SM + "urlset"
    return {u.findtext(SM + "loc"): u.findtext(SM + "lastmod") for u in root.findall(SM + "url")}


class TestSitemap:
    def test_lists_published_articles_only(self, client):
        published = make_article(original_title="Published story")
        scheduled_past = make_article(
            original_title="Went live", status=Article.Status.SCHEDULED, published_at=at(2026, 11, 20, 9, 0),
        )
        hidden = [
            make_article(original_title="Draft story", status=Article.Status.DRAFT),
            make_article(original_title="Future story", published_at=at(2099, 1, 1, 9, 0)),
        ]
        urls = locations(client)
        assert HOST + published.get_absolute_url() in urls
        assert HOST + scheduled_past.get_absolute_url() in urls
        for article in hidden:
            assert HOST + article.get_absolute_url() not in urls

    def test_article_lastmod_is_its_last_change(self, client):
        article = make_article()
        Article.objects.filter(pk=article.pk).update(updated_at=at(2026, 11, 29, 8, 0))
        assert locations(client)[HOST + article.get_absolute_url()] == "2026-11-29"

    def test_a_scheduled_article_is_never_modified_before_it_went_live(self, client):
        article = make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 11, 27, 9, 0))
        Article.objects.filter(pk=article.pk).update(updated_at=at(2026, 11, 20, 8, 0))
        assert locations(client)[HOST + article.get_absolute_url()] == "2026-11-27"

    def test_lists_home_and_list_pages_that_have_published_articles(self, client):
        science, empty = make_category("科学"), make_category("空のカテゴリー")
        ai, draft_only = make_tag("AI"), make_tag("下書きだけ")
        source, other_source = make_source("Harbor Ledger"), make_source("Quiet Wire")
        make_article(category=science, tags=[ai], source=source)
        make_article(category=empty, tags=[draft_only], source=other_source, status=Article.Status.DRAFT)
        urls = locations(client)
        assert HOST + "/" in urls
        for page in (science, ai, source):
            assert HOST + page.get_absolute_url() in urls
            assert urls[HOST + page.get_absolute_url()]  # has a lastmod
        for page in (empty, draft_only, other_source):
            assert HOST + page.get_absolute_url() not in urls

    def test_lists_digest_days_that_have_articles_in_japan_time(self, client):
        make_article(published_at=at(2026, 11, 27, 0, 30))  # 26 November in UTC
        make_article(published_at=at(2026, 11, 25, 23, 30))
        make_article(published_at=at(2026, 11, 24, 9, 0), status=Article.Status.DRAFT)
        digests = sorted(url for url in locations(client) if "/digest/" in url)
        assert digests == [HOST + "/digest/2026-11-25/", HOST + "/digest/2026-11-27/"]

    def test_is_cacheable(self, client):
        make_article()
        response, _ = parse(client, "/sitemap.xml")
        assert "public" in response["Cache-Control"]
        assert client.get("/sitemap.xml", headers={"if-none-match": response["ETag"]}).status_code == 304

    def test_queries_do_not_grow_with_the_number_of_articles(self, client):
        make_article(tags=["AI"], published_at=at(2026, 11, 27, 9, 0))

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/sitemap.xml").status_code == 200
            return len(ctx.captured_queries)

        one = count()
        for i in range(19):
            make_article(
                tags=["AI", f"t{i}"], category=make_category(f"c{i}"), source=make_source(f"s{i}"),
                published_at=at(2026, 11, 1 + i, 9, 0),
            )
        assert count() == one


class TestNewsSitemap:
    def test_lists_articles_published_in_the_last_48_hours(self, client):
        recent = make_article(title="最近の記事", published_at=NOW - datetime.timedelta(hours=47))
        make_article(title="古い記事", published_at=NOW - datetime.timedelta(hours=49))
        make_article(title="下書き", published_at=NOW - datetime.timedelta(hours=1), status=Article.Status.DRAFT)
        make_article(title="予約", published_at=NOW + datetime.timedelta(hours=1), status=Article.Status.SCHEDULED)
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            response, root = parse(client, "/news-sitemap.xml")
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        (url,) = root.findall(SM + "url")
        assert url.findtext(SM + "loc") == HOST + recent.get_absolute_url()
        news = url.find(NEWS + "news")
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsdesk"
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ja"
        assert news.findtext(NEWS + "publication_date") == "2026-11-26T13:00:00+09:00"
        assert news.findtext(NEWS + "title") == "最近の記事"

    def test_titles_are_escaped_and_control_characters_dropped(self, client):
        make_article(title='A & B <C> "D"\x0b', published_at=NOW - datetime.timedelta(hours=1))
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            _, root = parse(client, "/news-sitemap.xml")
        assert root.find(f"{SM}url/{NEWS}news").findtext(NEWS + "title") == 'A & B <C> "D"'

    def test_an_empty_window_is_a_valid_empty_urlset(self, client):
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            _, root = parse(client, "/news-sitemap.xml")
        assert root.tag == SM + "urlset" and list(root) == []


class TestRobots:
    def test_disallows_admin_and_previews_and_points_at_both_sitemaps(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert lines[0] == "User-agent: *"
        assert "Disallow: /admin/" in lines
        assert "Disallow: /preview/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        assert "Sitemap: http://testserver/news-sitemap.xml" in lines

    def test_sitemap_urls_follow_the_host_and_scheme_asked(self, client, settings):
        settings.ALLOWED_HOSTS = ["news.example"]
        response = client.get("/robots.txt", HTTP_HOST="news.example", secure=True)
        assert "Sitemap: https://news.example/sitemap.xml" in response.content.decode().splitlines()
