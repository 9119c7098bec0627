"""The header: the sections (categories) and search on every page; the search page puts results first on phones."""

import re

import pytest

from articles.models import Article
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def header_of(html: str) -> str:
    return html[html.index('<header class="site-header">'):html.index("</header>")]


def test_every_page_lists_the_categories_readers_can_open_and_the_search(client):
    science, business = make_category("科学"), make_category("ビジネス")
    make_category("まだ記事のない分野")
    story = make_article(category=science)
    make_article(category=business)
    make_article(category=make_category("下書きだけの分野"), status=Article.Status.DRAFT, published_at=None)
    for url in ("/", "/latest/", story.get_absolute_url(), "/digest/", science.get_absolute_url(), "/search/?q=見出し"):
        header = header_of(client.get(url).content.decode())
        links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', header)
        assert [name for _href, name in links] == ["トップ", "最新", "ビジネス", "科学", "今日のまとめ"], url
        assert (science.get_absolute_url(), "科学") in links
        assert 'action="/search/"' in header and 'name="q"' in header


def test_english_pages_link_the_english_sections(client):
    science = make_category("科学")
    make_article(category=science)
    header = header_of(client.get("/en/").content.decode())
    assert 'href="/en/"' in header and 'href="/en/latest/"' in header and f'href="/en{science.get_absolute_url()}"' in header


def test_the_search_page_folds_its_filters_once_there_are_results_and_keeps_the_query_in_the_header(client):
    make_article(title="港湾の自動化")
    html = client.get("/search/", {"q": "港湾"}).content.decode()
    assert re.search(r'<details class="filter-panel" data-open-wide>', html)  # closed: results come first on a phone
    assert html.index('class="filter-panel"') < html.index('class="card"')
    assert 'value="港湾"' in header_of(html)
    empty = client.get("/search/").content.decode()
    assert '<details class="filter-panel" data-open-wide open>' in empty  # nothing to show yet: the form is the page


def test_the_header_lists_exactly_the_categories_that_category_pages_open_for():
    """The header's categories are written as SQL for speed; they must stay Category.objects.public()."""
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Category
    from reader.context_processors import header_categories

    now = timezone.now()
    cases = {
        "公開済み": dict(status=Article.Status.PUBLISHED, published_at=now - timedelta(hours=1)),
        "予約済みで時刻が過ぎた": dict(status=Article.Status.SCHEDULED, published_at=now - timedelta(minutes=1)),
        "予約で時刻はまだ": dict(status=Article.Status.SCHEDULED, published_at=now + timedelta(hours=1)),
        "公開予定が未来の公開": dict(status=Article.Status.PUBLISHED, published_at=now + timedelta(hours=1)),
        "レビュー待ち": dict(status=Article.Status.REVIEW, published_at=now - timedelta(hours=1)),
        "下書き": dict(status=Article.Status.DRAFT, published_at=None),
    }
    for name, fields in cases.items():
        make_article(category=make_category(name), **fields)
    make_category("記事なし")

    listed = [category.name for category in header_categories()]
    assert listed == list(Category.objects.public().order_by("name").values_list("name", flat=True))
    assert sorted(listed) == sorted(["公開済み", "予約済みで時刻が過ぎた"])
