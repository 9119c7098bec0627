import html as html_lib
import json
import re

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from articles.models import Article, Figure
from images.renditions import OG_IMAGE_WIDTH
from tests.factories import after_commit, at, image_upload, make_article, make_figure, make_source

pytestmark = pytest.mark.django_db

HOSTILE = '</script><script>alert(1)</script>"quote"'
LD_OPEN = '<script type="application/ld+json">'


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    """The JSON-LD element's content, read the way a browser does: up to the first </script>."""
    assert html.count(LD_OPEN) == 1
    start = html.index(LD_OPEN) + len(LD_OPEN)
    return json.loads(html[start:html.index("</script>", start)])


def meta(html, key):
    """Values of <meta property|name="key" content="…">, unescaped."""
    found = re.findall(r'<meta (?:property|name)="%s" content="([^"]*)">' % re.escape(key), html)
    return [html_lib.unescape(value) for value in found]


def uploaded_figure(article, *, position=1, alt_text="説明"):
    """A figure saved from an upload, as the admin and import save it, once its renditions were made."""
    figure = Figure(article=article, position=position, alt_text=alt_text, image=image_upload(size=(1600, 900)))
    with after_commit():
        figure.save()
    figure.refresh_from_db()
    assert figure.renditions
    return figure


def shared_image_url(figure):
    """The 1200px-or-smaller JPEG rendition the page offers to crawlers, as an absolute URL."""
    return "http://testserver" + figure.image.storage.url(figure.rendition(OG_IMAGE_WIDTH)["jpeg"])


def head(html):
    return html[:html.index("</head>")]


class TestJsonLd:
    def test_is_a_news_article_based_on_the_original(self, client):
        source = make_source("Harbor Ledger", home_url="https://harbor.example/")
        article = make_article(
            title="港のクレーンが電動化", lead="リードの文。", source=source, tags=["港湾"],
            original_title="Harbor cranes go electric", original_url="https://harbor.example/cranes",
            original_language="de", original_author="A. Writer",
            original_published_at=at(2026, 11, 26, 23, 0), published_at=at(2026, 11, 27, 9, 30),
        )
        data = json_ld(page(client, article))
        url = "http://testserver" + article.get_absolute_url()
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "港のクレーンが電動化"
        assert data["description"] == "リードの文。"
        assert data["inLanguage"] == "ja"
        assert data["datePublished"] == "2026-11-27T09:30:00+09:00"
        assert data["dateModified"] >= data["datePublished"]
        assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
        # The Japanese text is the newsroom's: a wire reporter's byline is the original's author, not its.
        assert data["author"] == {"@type": "Organization", "name": "Newsdesk", "url": "http://testserver/"}
        assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Newsdesk"
        assert data["publisher"]["logo"]["url"] == "http://testserver/static/icon-512.png"
        assert data["isBasedOn"] == {
            "@type": "NewsArticle",
            "url": "https://harbor.example/cranes",
            "headline": "Harbor cranes go electric",
            "inLanguage": "de",
            "publisher": {"@type": "Organization", "name": "Harbor Ledger", "url": "https://harbor.example/"},
            "author": {"@type": "Person", "name": "A. Writer"},
            "datePublished": "2026-11-26T23:00:00+09:00",
        }
        assert data["articleSection"] == "ビジネス"
        assert data["keywords"] == ["港湾"]
        assert "image" not in data

    def test_without_an_original_author_the_author_is_the_newsroom(self, client):
        data = json_ld(page(client, make_article(original_author="")))
        assert data["author"]["@type"] == "Organization" and data["author"]["name"] == "Newsdesk"
        assert "author" not in data["isBasedOn"]

    def test_image_is_the_absolute_url_of_the_first_figures_jpeg_rendition(self, client):
        article = make_article()
        first = uploaded_figure(article, position=1)
        uploaded_figure(article, position=2)
        (image,) = json_ld(page(client, article))["image"]
        assert image["url"] == shared_image_url(first)
        assert image["url"].endswith("-1200.jpg")
        assert (image["width"], image["height"]) == (1200, 675)

    def test_without_renditions_the_image_itself_is_used(self, client):
        article = make_article()
        figure = make_figure(article)
        Figure.objects.filter(pk=figure.pk).update(renditions={})
        (image,) = json_ld(page(client, article))["image"]
        assert image["url"] == "http://testserver" + figure.image.url

    def test_editor_text_cannot_close_the_script_or_break_the_json(self, client):
        article = make_article(title=HOSTILE, lead=HOSTILE, original_title=HOSTILE, original_author=HOSTILE)
        html = page(client, article)
        data = json_ld(html)
        assert data["headline"] == HOSTILE
        assert data["description"] == HOSTILE
        assert data["isBasedOn"]["headline"] == HOSTILE
        assert data["isBasedOn"]["author"]["name"] == HOSTILE
        assert "<script>alert" not in html
        start = html.index(LD_OPEN) + len(LD_OPEN)
        content = html[start:html.index("</script>", start)]
        assert "</" not in content and "<!--" not in content

    def test_a_scheduled_article_is_not_modified_before_it_was_published(self, client):
        article = make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 11, 27, 9, 30))
        Article.objects.filter(pk=article.pk).update(updated_at=at(2026, 11, 20, 8, 0))
        data = json_ld(page(client, article))
        assert data["dateModified"] == data["datePublished"] == "2026-11-27T09:30:00+09:00"


class TestSocialTags:
    def test_ogp_and_twitter_tags_with_an_image(self, client):
        article = make_article(title="見出し", lead="リードの文。", tags=["港湾", "電動化"])
        figure = uploaded_figure(article, alt_text="クレーンの写真")
        html = head(page(client, article))
        url = "http://testserver" + article.get_absolute_url()
        image = shared_image_url(figure)
        assert meta(html, "og:type") == ["article"]
        assert meta(html, "og:title") == ["見出し"]
        assert meta(html, "og:description") == ["リードの文。"]
        assert meta(html, "description") == ["リードの文。"]
        assert meta(html, "og:url") == [url]
        assert meta(html, "og:image") == [image]
        assert meta(html, "og:image:alt") == ["クレーンの写真"]
        assert meta(html, "og:site_name") == ["Newsdesk"]
        assert meta(html, "og:locale") == ["ja_JP"]
        assert meta(html, "article:published_time") == ["2026-11-27T09:30:00+09:00"]
        assert meta(html, "article:modified_time")
        assert meta(html, "article:section") == ["ビジネス"]
        assert meta(html, "article:tag") == ["港湾", "電動化"]
        assert meta(html, "twitter:card") == ["summary_large_image"]
        assert meta(html, "twitter:image") == [image]
        assert f'<link rel="canonical" href="{url}">' in html

    def test_without_an_image_the_card_is_a_summary(self, client):
        html = head(page(client, make_article()))
        assert meta(html, "twitter:card") == ["summary"]
        assert meta(html, "og:image") == []

    def test_hostile_text_is_escaped_in_attributes(self, client):
        html = head(page(client, make_article(title=HOSTILE, lead=HOSTILE)))
        assert meta(html, "og:title") == [HOSTILE]
        assert meta(html, "twitter:description") == [HOSTILE]

    def test_previews_carry_the_same_head(self, client):
        from articles.previews import preview_url

        article = make_article(status=Article.Status.DRAFT)
        response = client.get(preview_url(article))
        assert response.status_code == 200
        assert json_ld(response.content.decode())["headline"] == article.title


class TestIcons:
    def test_a_512px_png_icon_is_linked_as_the_apple_touch_icon(self, client):
        html = head(page(client, make_article()))
        assert '<link rel="apple-touch-icon" href="/static/icon-512.png">' in html
        with Image.open(finders.find("icon-512.png")) as icon:
            assert icon.format == "PNG" and icon.size == (512, 512)
