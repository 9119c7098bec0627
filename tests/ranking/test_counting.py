"""人気記事: views counted by the article page's beacon, once per view, never bots, nothing about the reader kept."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from ranking import counting, rankings
from ranking.models import HourlyViews
from tests.factories import at, make_article, make_category

pytestmark = pytest.mark.django_db

READER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
VIEW_ID = "5f1d0c3ab2e44e8f9a7b6c5d4e3f2a1b"


def beacon(client, article, view_id=VIEW_ID, user_agent=READER, **extra):
    return client.post("/views/", {"article": article.pk, "view": view_id}, headers={"user-agent": user_agent}, **extra)


def views_of(article) -> int:
    counting.count_views()  # what beat runs every minute
    return sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))


def ranked_titles(html: str, window: str) -> list[str]:
    """The titles the 人気記事 block lists for `window` ("day" or "week"), in order."""
    block = html[html.index(f'<section class="ranking__window" aria-labelledby="ranking-heading-{window}">'):]
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', block[:block.index("</section>")])


class TestTheBeacon:
    def test_a_view_counts_once(self, client):
        story = make_article()
        response = beacon(client, story)
        assert response.status_code == 204 and not response.cookies
        assert views_of(story) == 1

    def test_a_repeated_beacon_of_the_same_view_does_not_count_again(self, client):
        story = make_article()
        beacon(client, story), beacon(client, story)
        assert views_of(story) == 1
        beacon(client, story, view_id="another-view-0123456789")
        assert views_of(story) == 2

    @pytest.mark.parametrize("user_agent", [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)", "facebookexternalhit/1.1", "curl/8.5.0",
        "python-requests/2.32", "Mozilla/5.0 (Windows NT 10.0) Chrome-Lighthouse", "",
    ])
    def test_bots_and_tools_are_not_counted(self, client, user_agent):
        story = make_article()
        beacon(client, story, user_agent=user_agent)
        assert views_of(story) == 0

    @pytest.mark.parametrize("data", [
        {"article": "x", "view": VIEW_ID}, {"view": VIEW_ID}, {"article": "1"}, {"article": "1", "view": "short"},
        {"article": "1", "view": "<script>" * 5}, {"article": str(2**70), "view": VIEW_ID},
    ])
    def test_malformed_beacons_count_nothing_and_fail_nothing(self, client, data):
        story = make_article()
        data = {key: value.replace("1", str(story.pk)) if key == "article" and value == "1" else value for key, value in data.items()}
        assert client.post("/views/", data, headers={"user-agent": READER}).status_code == 204
        assert views_of(story) == 0

    def test_a_story_readers_cannot_see_is_not_counted(self, client):
        draft = make_article(status=Article.Status.DRAFT)
        scheduled = make_article(status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0))
        beacon(client, draft), beacon(client, scheduled, view_id="second-view-0123456789")
        assert views_of(draft) == views_of(scheduled) == 0

    def test_the_endpoint_takes_only_posts_and_is_never_cached(self, client):
        story = make_article()
        assert client.get("/views/").status_code == 405
        response = beacon(client, story)
        assert "no-cache" in response["Cache-Control"] and "xkey" not in response
        assert client.post("/en/views/", {"article": story.pk, "view": VIEW_ID}).status_code == 404  # one URL

    def test_nothing_that_identifies_a_reader_is_kept(self, client):
        story = make_article()
        beacon(client, story, REMOTE_ADDR="203.0.113.77")
        counting.count_views()
        assert {field.name for field in HourlyViews._meta.concrete_fields} == {"id", "article", "hour", "views"}
        row = HourlyViews.objects.get(article=story)
        assert row.hour.minute == row.hour.second == 0 and row.views == 1
        kept = repr(list(HourlyViews.objects.values())) + repr(cache.get(rankings.SNAPSHOT_KEY))
        assert "203.0.113.77" not in kept and "Android" not in kept

    def test_the_article_page_sends_one_beacon_per_view_and_the_preview_none(self, client):
        story = make_article()
        html = client.get(story.get_absolute_url()).content.decode()
        assert f'data-count-view="/views/" data-article-id="{story.pk}"' in html

    def test_views_are_moved_and_ranked_every_minute(self):
        assert django_settings.CELERY_BEAT_SCHEDULE["count-views"] == {"task": "ranking.count_views", "schedule": 60.0}


class TestRankings:
    def hours_ago(self, hours: int) -> datetime.datetime:
        return timezone.now().astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=hours)

    def test_they_order_stories_by_their_views_in_each_window(self, client):
        old_favourite, new_favourite, quiet = (make_article(title=t) for t in ("先週の人気", "今日の人気", "静かな記事"))
        HourlyViews.objects.create(article=old_favourite, hour=self.hours_ago(72), views=50)
        HourlyViews.objects.create(article=old_favourite, hour=self.hours_ago(1), views=1)
        HourlyViews.objects.create(article=new_favourite, hour=self.hours_ago(0), views=7)
        HourlyViews.objects.create(article=new_favourite, hour=self.hours_ago(23), views=3)
        HourlyViews.objects.create(article=quiet, hour=self.hours_ago(24), views=100)  # outside the 24 hours
        HourlyViews.objects.create(article=quiet, hour=self.hours_ago(24 * 7), views=1000)  # outside the 7 days
        counting.count_views()
        html = client.get("/").content.decode()
        assert ranked_titles(html, "day") == ["今日の人気", "先週の人気"]
        assert ranked_titles(html, "week") == ["静かな記事", "先週の人気", "今日の人気"]

    def test_unpublished_stories_are_never_ranked(self, client):
        shown, withdrawn = make_article(title="読まれている記事"), make_article(title="取り下げた記事")
        for story, views in ((shown, 2), (withdrawn, 9)):
            HourlyViews.objects.create(article=story, hour=self.hours_ago(0), views=views)
        counting.count_views()
        withdrawn.status = Article.Status.DRAFT
        withdrawn.save()
        html = client.get("/").content.decode()  # before any recount
        assert ranked_titles(html, "day") == ["読まれている記事"]
        counting.count_views()
        assert withdrawn.pk not in rankings.current().site[rankings.DAY]

    def test_a_view_through_the_beacon_shows_in_the_ranking_after_the_minutes_recount(self, client):
        story = make_article(title="これから読まれる記事")
        assert "集計中です。" in client.get("/").content.decode()
        beacon(client, story)
        counting.count_views()
        assert ranked_titles(client.get("/").content.decode(), "day") == ["これから読まれる記事"]

    def test_a_recount_that_changes_nothing_renews_nothing(self, client):
        story = make_article()
        HourlyViews.objects.create(article=story, hour=self.hours_ago(0), views=2)
        assert rankings.refresh() is True
        client.get("/")
        assert rankings.refresh() is False
        assert client.get("/").has_header("xkey")  # still the stored page

    def test_a_category_page_ranks_its_own_stories_and_the_article_page_the_site(self, client):
        science, business = make_category("科学"), make_category("ビジネス")
        atom, market = make_article(title="原子の記事", category=science), make_article(title="市場の記事", category=business)
        HourlyViews.objects.create(article=atom, hour=self.hours_ago(0), views=1)
        HourlyViews.objects.create(article=market, hour=self.hours_ago(0), views=5)
        counting.count_views()
        category_page = client.get(science.get_absolute_url()).content.decode()
        assert "科学の人気記事" in category_page and ranked_titles(category_page, "day") == ["原子の記事"]
        article_page = client.get(atom.get_absolute_url()).content.decode()
        assert ranked_titles(article_page, "day") == ["市場の記事", "原子の記事"]
