import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from articles.links import slug_url

SLUGS = ["plain", "topic-066", "宇宙開発", "ai_ml", "Ünïcode-ÄÖ", "a.b~c", "100%"]


@pytest.mark.parametrize("name", ["articles:detail", "articles:category", "articles:tag", "articles:source"])
@pytest.mark.parametrize("slug", SLUGS)
def test_slug_links_are_the_urls_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, args=[slug])


def test_slug_links_follow_the_script_prefix():
    try:
        set_script_prefix("/news/")
        assert slug_url("articles:tag", "宇宙開発") == reverse("articles:tag", args=["宇宙開発"])
        assert slug_url("articles:tag", "x").startswith("/news/")
    finally:
        set_script_prefix("/")


def test_slug_links_follow_the_language():
    with translation.override("en"):
        assert slug_url("articles:tag", "宇宙開発") == reverse("articles:tag", args=["宇宙開発"])
        assert slug_url("articles:tag", "x") == "/en/tag/x/"
    assert slug_url("articles:tag", "x") == "/tag/x/"
