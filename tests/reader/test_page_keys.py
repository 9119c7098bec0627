"""A change renews exactly the pages that show what changed; the others stay stored."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing
from articles.models import Article, Category, RelatedLink
from tests.factories import at, make_article, make_tag

pytestmark = pytest.mark.django_db


def fetch(client, url):
    """The page's HTML and whether it was rendered (True) or answered from the cache (False)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(ctx.captured_queries) > 0


def keys_of(response) -> set[str]:
    return set(response["xkey"].split())


@pytest.fixture
def newsroom(client):
    """Three public stories: `story` (tag AI, category テクノロジー) picked as related by `reader_of`,
    and `unrelated` (its own tag and category); every page of interest stored once."""
    tech, policy = Category.objects.create(name="テクノロジー"), Category.objects.create(name="政策")
    story = make_article(title="元の見出し", tags=["AI"], category=tech, published_at=at(2026, 11, 27, 9, 0))
    reader_of = make_article(title="読む側の記事", tags=["半導体"], category=tech, published_at=at(2026, 11, 27, 10, 0))
    RelatedLink.objects.create(from_article=reader_of, to_article=story, position=1)
    unrelated = make_article(title="無関係の記事", tags=["農業"], category=policy, published_at=at(2026, 11, 20, 9, 0))
    pages = {
        "story": story.get_absolute_url(), "reader_of": reader_of.get_absolute_url(),
        "unrelated": unrelated.get_absolute_url(), "home": "/latest/", "ai": "/tag/ai/", "farming": "/tag/農業/",
        "policy": unrelated.category.get_absolute_url(), "feed": "/feeds/rss/",
    }
    for url in pages.values():
        fetch(client, url)
    return story, unrelated, pages


def still_stored(client, pages, *names):
    return {name: not fetch(client, pages[name])[1] for name in names}


def test_editing_a_body_renews_its_page_and_no_other(client, newsroom):
    story, _, pages = newsroom
    story.body = "書き直した本文です。"
    story.save()
    html, rendered = fetch(client, pages["story"])
    assert rendered and "書き直した本文です。" in html
    assert still_stored(client, pages, "home", "reader_of", "unrelated", "ai", "farming", "policy") == dict.fromkeys(
        ("home", "reader_of", "unrelated", "ai", "farming", "policy"), True,
    )


def test_retitling_renews_every_page_showing_its_card(client, newsroom):
    story, _, pages = newsroom
    story.title = "新しい見出し"
    story.save()
    for name in ("story", "home", "reader_of", "ai", "feed", "unrelated"):  # (related reading fills up with it)
        html, rendered = fetch(client, pages[name])
        assert rendered and "新しい見出し" in html and "元の見出し" not in html, name
    assert all(still_stored(client, pages, "farming", "policy").values())


def test_a_key_point_edit_renews_the_pages_showing_key_points(client, newsroom):
    story, _, pages = newsroom
    point = story.key_points.first()
    point.heading = "書き換えた要点"
    point.save()
    for name in ("story", "feed"):  # feed items carry the key points
        assert "書き換えた要点" in fetch(client, pages[name])[0], name
    assert all(still_stored(client, pages, "home", "ai", "unrelated", "farming").values())


def test_publishing_a_story_renews_the_lists_it_joins_and_not_others(client, newsroom, django_user_model):
    _, _, pages = newsroom
    editor = django_user_model.objects.create_superuser("boss", password="pw")
    draft = make_article(title="これから公開", tags=["AI"], status=Article.Status.DRAFT, published_at=None)
    assert all(still_stored(client, pages, "home", "ai").values())  # a draft changes nothing readers see
    publishing.publish(draft, by=editor)
    for name in ("home", "ai", "feed"):
        assert "これから公開" in fetch(client, pages[name])[0], name
    assert all(still_stored(client, pages, "farming", "policy").values())


def test_unpublishing_removes_it_from_every_page_showing_it(client, newsroom, django_user_model):
    story, _, pages = newsroom
    editor = django_user_model.objects.create_superuser("boss", password="pw")
    publishing.unpublish(story, by=editor)
    assert client.get(pages["story"]).status_code == 404
    for name in ("home", "reader_of", "feed", "unrelated"):
        assert "元の見出し" not in fetch(client, pages[name])[0], name
    assert client.get(pages["ai"]).status_code == 404  # no public story carries the tag now
    assert all(still_stored(client, pages, "farming", "policy").values())


def test_renaming_a_category_renews_the_pages_that_show_its_name(client, newsroom):
    _story, unrelated, pages = newsroom
    policy = unrelated.category
    policy.name = "公共政策"
    policy.save()
    for name in ("policy", "unrelated", "home", "ai", "story", "reader_of"):  # every page's header names every category
        assert "公共政策" in fetch(client, pages[name])[0], name


def test_a_tag_added_without_saving_the_story_moves_it_between_tag_pages(client, newsroom):
    story, _, pages = newsroom
    story.tags.add(make_tag("農業"))
    assert "元の見出し" in fetch(client, pages["farming"])[0]
    assert "#農業" in fetch(client, pages["story"])[0]
    assert "元の見出し" in fetch(client, pages["unrelated"])[0]  # now it shares a tag: related reading
    assert all(still_stored(client, pages, "policy").values())


def test_a_story_tagged_later_joins_a_list_filtered_by_the_tag(client, newsroom):
    story, _, _ = newsroom
    assert "元の見出し" not in fetch(client, "/latest/?tag=農業")[0]
    story.tags.add(make_tag("農業"))
    assert "元の見出し" in fetch(client, "/latest/?tag=農業")[0]


def test_search_results_follow_an_edit_of_a_result_at_once_and_new_matches_within_a_minute(client, newsroom, monkeypatch):
    story, unrelated, _ = newsroom
    url = "/search/?q=見出し"
    assert "元の見出し" in fetch(client, url)[0]
    story.title = "直した見出し"
    story.save()
    assert "直した見出し" in fetch(client, url)[0]  # a result shown is renewed with its story
    unrelated.title = "無関係の見出し"
    unrelated.save()
    html, rendered = fetch(client, url)
    assert not rendered  # another story's edit renews no search page
    later = __import__("time").time() + 61
    monkeypatch.setattr("time.time", lambda: later)
    assert "無関係の見出し" in fetch(client, url)[0]


def test_a_body_edit_of_a_result_shows_in_its_snippet_within_a_minute_without_rendering_results_at_once(
    client, newsroom, monkeypatch,
):
    story, _, _ = newsroom
    story.body = "港湾の自動化について。"
    story.save()
    url = "/search/?q=港湾"
    assert "の自動化について" in fetch(client, url)[0]
    story.body = "港湾の電化について。"
    story.save()
    html, rendered = fetch(client, url)
    assert not rendered and "の自動化について" in html  # the newest stories are in most results: not each edit
    later = __import__("time").time() + 61
    monkeypatch.setattr("time.time", lambda: later)
    assert "の電化について" in fetch(client, url)[0]


def test_a_newly_published_story_sharing_a_tag_joins_related_reading_within_ten_minutes(client, django_user_model,
                                                                                      monkeypatch):
    import time

    editor = django_user_model.objects.create_superuser("boss", password="pw")
    story = make_article(title="基準の記事", tags=["量子"])
    url = story.get_absolute_url()
    fetch(client, url)
    newcomer = make_article(title="量子の新記事", tags=["量子"], status=Article.Status.DRAFT, published_at=None)
    publishing.publish(newcomer, by=editor)
    html, rendered = fetch(client, url)
    assert not rendered  # publishing a story does not render every page sharing a tag with it
    later = time.time() + 601
    monkeypatch.setattr("time.time", lambda: later)
    assert "量子の新記事" in fetch(client, url)[0]


class TestTags:
    """What each page says it shows, as the edge cache reads it (the `xkey` header)."""

    def test_an_article_page_shows_its_story_its_filing_and_its_related_cards(self, client, newsroom):
        story, _, pages = newsroom
        reader_of = Article.objects.get(title="読む側の記事")
        keys = keys_of(client.get(pages["reader_of"]))
        assert {f"story-{reader_of.pk}", f"card-{story.pk}", f"category-{reader_of.category_id}"} <= keys
        assert f"story-{story.pk}" not in keys
        assert not any(key.endswith("-list") or key == "list" for key in keys)  # suggestions are renewed by time
        response = client.get(pages["reader_of"])
        assert "s-maxage=60" in response["Cache-Control"]

    def test_a_list_shows_the_list_and_its_cards(self, client, newsroom):
        story, unrelated, pages = newsroom
        keys = keys_of(client.get("/latest/"))
        assert {"list", f"card-{story.pk}", f"card-{unrelated.pk}"} <= keys
        assert not any(key.startswith("story-") for key in keys)

    def test_a_tag_page_shows_its_tag_and_its_list_not_the_whole_list(self, client, newsroom):
        story, _, pages = newsroom
        tag = story.tags.get()
        keys = keys_of(client.get(pages["ai"]))
        assert {f"tag-{tag.pk}", f"tag-{tag.pk}-list", f"card-{story.pk}"} <= keys and "list" not in keys

    def test_search_results_show_their_cards_and_are_kept_a_minute_at_most(self, client, newsroom):
        story, _, _ = newsroom
        response = client.get("/search/?q=見出し")
        assert f"card-{story.pk}" in keys_of(response)  # a retitle shows at once
        # Its snippet is renewed with which stories match, within the minute, not with every body edit.
        assert f"text-{story.pk}" not in keys_of(response) and f"story-{story.pk}" not in keys_of(response)
        assert "stories" not in keys_of(response)  # an edit of any story does not renew every search
        assert "s-maxage=60" in response["Cache-Control"]

    def test_a_filtered_list_shows_the_list_it_draws_from(self, client, newsroom):
        story, _, _ = newsroom
        tag = story.tags.get()
        assert {"list", f"tag-{tag.pk}-list"} <= keys_of(client.get("/latest/?tag=ai"))
        assert f"category-{story.category_id}-list" in keys_of(client.get(f"/api/articles/?category={story.category.slug}"))

    def test_a_digest_shows_its_day_and_its_stories(self, client, newsroom):
        story, _, _ = newsroom
        keys = keys_of(client.get("/digest/2026-11-27/"))
        assert {"digest-2026-11-27", "day-2026-11-27", f"text-{story.pk}"} <= keys
        assert f"story-{story.pk}" not in keys

    def test_an_api_entry_is_the_storys_own_and_a_list_of_entries_quotes_them(self, client, newsroom):
        story, _, _ = newsroom
        assert {f"story-{story.pk}", f"text-{story.pk}"} <= keys_of(client.get(f"/api/articles/{story.slug}/"))
        keys = keys_of(client.get("/api/articles/"))
        assert f"text-{story.pk}" in keys and f"story-{story.pk}" not in keys


def test_a_list_is_kept_no_longer_than_the_next_scheduled_story(client, newsroom, settings):
    in_ten_minutes = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=10)
    make_article(title="予約", status=Article.Status.SCHEDULED, published_at=in_ten_minutes)
    settings.NEWSDESK_PURGE_URLS = ["http://127.0.0.1:9/"]  # an edge cache purged by key keeps pages for hours

    def s_maxage(url):
        return int(client.get(url)["Cache-Control"].split("s-maxage=")[1].split(",")[0])

    assert 500 <= s_maxage("/") <= 600  # the new story joins it in ten minutes
    assert s_maxage("/robots.txt") == settings.NEWSDESK_EDGE_MAX_AGE  # nothing there can change by itself
