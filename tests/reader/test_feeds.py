import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, KeyPoint
from reader.feeds import FEED_SIZE
from tests.factories import at, make_article, make_category, make_tag

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def get_xml(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response, ET.fromstring(response.content)


def rss_items(client, url):
    _, root = get_xml(client, url)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel").findall("item")


def atom_entries(client, url):
    _, root = get_xml(client, url)
    assert root.tag == ATOM + "feed"
    return root.findall(ATOM + "entry")


@pytest.fixture
def unpublished():
    return [
        make_article(title="下書きの記事", status=Article.Status.DRAFT),
        make_article(title="レビュー中の記事", status=Article.Status.REVIEW),
        make_article(title="未来の記事", status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0)),
    ]


class TestSiteFeeds:
    def test_rss_lists_published_articles_only_newest_first(self, client, unpublished):
        make_article(title="古い記事", published_at=at(2026, 11, 26, 9, 0))
        make_article(title="新しい記事", published_at=at(2026, 11, 27, 9, 0))
        make_article(title="予約が過ぎた記事", status=Article.Status.SCHEDULED, published_at=at(2026, 11, 25, 9, 0))
        titles = [item.findtext("title") for item in rss_items(client, "/feeds/rss/")]
        assert titles == ["新しい記事", "古い記事", "予約が過ぎた記事"]

    def test_atom_lists_published_articles_only(self, client, unpublished):
        make_article(title="公開記事")
        titles = [entry.findtext(ATOM + "title") for entry in atom_entries(client, "/feeds/atom/")]
        assert titles == ["公開記事"]

    def test_rss_item_has_link_dates_categories_and_the_key_points(self, client):
        article = make_article(title="港のクレーン", lead="リードの文。", tags=["港湾", "電動化"], key_points=2)
        (item,) = rss_items(client, "/feeds/rss/")
        assert item.findtext("link") == "http://testserver" + article.get_absolute_url()
        assert item.findtext("pubDate") == "Fri, 27 Nov 2026 09:30:00 +0900"
        assert sorted(c.text for c in item.findall("category")) == ["港湾", "電動化"]
        description = item.findtext("description")
        assert description.startswith("<p>リードの文。</p>")
        assert "<ol><li><strong>要点1</strong><p>要点1の説明。</p>\n</li>" in description
        assert "<strong>要点2</strong>" in description

    def test_atom_entry_has_updated_and_published_and_html_summary(self, client):
        make_article(published_at=at(2026, 11, 27, 9, 30))
        (entry,) = atom_entries(client, "/feeds/atom/")
        assert entry.findtext(ATOM + "published") == "2026-11-27T09:30:00+09:00"
        assert entry.findtext(ATOM + "updated")
        summary = entry.find(ATOM + "summary")
        assert summary.get("type") == "html"
        assert "<strong>要点1</strong>" in summary.text

    def test_item_html_is_sanitized(self, client):
        article = make_article(lead='<img src=x onerror="alert(1)">', key_points=0)
        KeyPoint.objects.create(
            article=article, position=1, heading="<script>alert(1)</script>",
            body="[リンク](javascript:alert(1)) <b onclick=x>太字</b>",
        )
        (item,) = rss_items(client, "/feeds/rss/")
        description = item.findtext("description")
        assert "<script" not in description and "<img" not in description
        assert 'href="javascript' not in description and "<b " not in description
        assert "&lt;script&gt;" in description  # the heading is shown as text

    def test_control_characters_an_editor_pasted_do_not_break_the_xml(self, client):
        make_article(title="縦タブ\x0b入り", lead="改ページ\x0c入り", tags=["タ\x08グ"])
        for url in ("/feeds/rss/", "/feeds/atom/"):
            get_xml(client, url)

    def test_at_most_the_newest_30(self, client):
        for i in range(FEED_SIZE + 2):
            make_article(title=f"記事{i}", published_at=at(2026, 11, 1, 9, i))
        items = rss_items(client, "/feeds/rss/")
        assert len(items) == FEED_SIZE
        assert items[0].findtext("title") == f"記事{FEED_SIZE + 1}"

    def test_the_feed_declares_japanese(self, client):
        _, root = get_xml(client, "/feeds/rss/")
        assert root.find("channel").findtext("language") == "ja"

    def test_the_feed_stays_japanese_whatever_the_reader_sends(self, client):
        article = make_article(key_points=1)
        client.cookies["django_language"] = "en"  # the old switch's cookie, which nothing reads now
        _, root = get_xml(client, "/feeds/rss/", **{"accept-language": "en"})
        (item,) = root.find("channel").findall("item")
        assert "<h3>キーポイント</h3>" in item.findtext("description")
        assert item.findtext("link") == f"http://testserver{article.get_absolute_url()}"

    def test_a_feed_has_one_url_whatever_the_language(self, client):
        make_article()
        assert client.get("/en/feeds/rss/").status_code == 404
        assert client.get("/en/feeds/atom/").status_code == 404

    @pytest.mark.parametrize("home", ["/", "/en/"])
    def test_every_page_advertises_the_site_feeds(self, client, home):
        html = client.get(home).content.decode()
        assert '<link rel="alternate" type="application/rss+xml" title="Newsdesk RSS" href="/feeds/rss/">' in html
        assert '<link rel="alternate" type="application/atom+xml" title="Newsdesk Atom" href="/feeds/atom/">' in html


class TestCategoryAndTagFeeds:
    def test_category_feeds_list_only_that_category(self, client, unpublished):
        science = make_category("科学")
        make_article(title="科学の記事", category=science)
        make_article(title="科学の下書き", category=science, status=Article.Status.DRAFT)
        make_article(title="ビジネスの記事")
        url = f"/feeds/category/{science.slug}/"
        assert [i.findtext("title") for i in rss_items(client, url + "rss/")] == ["科学の記事"]
        assert [e.findtext(ATOM + "title") for e in atom_entries(client, url + "atom/")] == ["科学の記事"]
        _, root = get_xml(client, url + "rss/")
        assert "科学" in root.find("channel").findtext("title")
        assert root.find("channel").findtext("link") == "http://testserver" + science.get_absolute_url()

    def test_tag_feeds_list_only_that_tag_newest_first(self, client):
        ai = make_tag("AI")
        make_article(title="AIの記事", tags=[ai, "半導体"], published_at=at(2026, 11, 27, 9, 0))
        make_article(title="AIの前の記事", tags=[ai], published_at=at(2026, 11, 26, 9, 0))
        make_article(title="別の記事", tags=["半導体"])
        make_article(title="AIの下書き", tags=[ai], status=Article.Status.DRAFT)
        url = f"/feeds/tag/{ai.slug}/"
        assert [i.findtext("title") for i in rss_items(client, url + "rss/")] == ["AIの記事", "AIの前の記事"]
        assert [e.findtext(ATOM + "title") for e in atom_entries(client, url + "atom/")] == ["AIの記事", "AIの前の記事"]

    def test_unicode_slugs_work(self, client):
        tag = make_tag("港湾")
        make_article(title="港の記事", tags=[tag])
        assert len(rss_items(client, tag.get_absolute_url().replace("/tag/", "/feeds/tag/") + "rss/")) == 1

    @pytest.mark.parametrize("url", ["/feeds/category/nothing/rss/", "/feeds/tag/nothing/atom/"])
    def test_unknown_category_or_tag_is_404(self, client, url):
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("kind", ["category", "tag"])
    @pytest.mark.parametrize("flavour", ["rss", "atom"])
    def test_a_category_or_tag_only_unpublished_stories_carry_is_404(self, client, unpublished, kind, flavour):
        subject = make_category("新部門") if kind == "category" else make_tag("極秘の買収")
        for article in unpublished:
            if kind == "category":
                Article.objects.filter(pk=article.pk).update(category=subject)
            else:
                article.tags.add(subject)
        url = f"/feeds/{kind}/{subject.slug}/{flavour}/"
        assert client.get(url).status_code == 404
        make_article(title="公開された記事", **({"category": subject} if kind == "category" else {"tags": [subject]}))
        assert client.get(url).status_code == 200


class TestFeedHttp:
    def test_cacheable_with_conditional_get(self, client):
        make_article()
        response, _ = get_xml(client, "/feeds/rss/")
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        assert response["Content-Type"].startswith("application/rss+xml")
        again = client.get("/feeds/rss/", headers={"if-none-match": response["ETag"]})
        assert again.status_code == 304
        since = client.get("/feeds/rss/", headers={"if-modified-since": response["Last-Modified"]})
        assert since.status_code == 304

    @pytest.mark.parametrize("path", ["rss/", "atom/", "tag/{tag}/rss/", "category/{category}/atom/"])
    def test_queries_do_not_grow_with_the_number_of_articles(self, client, path):
        tag, category = make_tag("AI"), make_category("ビジネス")
        url = "/feeds/" + path.format(tag=tag.slug, category=category.slug)
        make_article(tags=[tag, "x0"], key_points=1)

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            return len(ctx.captured_queries)

        one = count()
        for i in range(19):
            make_article(tags=[tag, f"x{i}"], key_points=3, published_at=at(2026, 11, 20, 9, i))
        assert count() == one
