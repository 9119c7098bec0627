"""The front page (`/`): top stories, the newest, sections, rankings; editors' pins; the list moved to /latest/."""

import datetime
import json
import re
from pathlib import Path

import html5lib
import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, FrontPageSlot
from ranking import counting
from reader import front_page
from tests.factories import after_commit, at, make_article, make_category, make_figure, make_source
from tests.helpers import EdgeRecorder

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, css_class: str) -> str:
    """The markup from the element carrying `css_class` to the end of the page."""
    return html[html.index(f'class="{css_class}'):]


def lead_title(html: str) -> str:
    return re.search(r'class="lead-story__title"><a href="[^"]+">([^<]+)</a>', html).group(1)


def secondary_titles(html: str) -> list[str]:
    return re.findall(r'class="secondary-story__title"><a href="[^"]+">([^<]+)</a>', html)


def keys_of(response) -> set[str]:
    return set(response["xkey"].split())


def view(article, n=1):
    """`n` readers' views of `article` through the beacon, counted and ranked (as the minute's job does)."""
    for _ in range(n):
        counting.record_view(article_id=article.pk, view_id=f"view-{article.pk}-{_}-0123456789", user_agent="Mozilla/5.0")
    counting.count_views()


@pytest.fixture
def site():
    """Seven public stories in two categories, newest first by the hour; the newest four have a figure each."""
    science, business = make_category("科学"), make_category("ビジネス")
    stories = []
    for n in range(7):
        story = make_article(title=f"記事{n}", category=science if n % 2 else business, published_at=at(2026, 11, 27, 9 + n, 0))
        stories.append(story)
    with after_commit():  # the figures' renditions
        for story in stories[3:]:
            make_figure(story, alt_text=f"写真{story.title}", caption="キャプション")
    return list(reversed(stories))  # newest first


class TestWhatItShows:
    def test_the_newest_story_leads_with_its_image_and_the_next_four_follow_with_thumbnails(self, client, site):
        html = html_of(client.get("/"))
        assert lead_title(html) == "記事6"
        lead = html[html.index('class="lead-story"'):html.index('class="secondary-stories"')]
        assert 'alt="写真記事6"' in lead and 'loading="eager"' in lead and 'fetchpriority="high"' in lead
        assert re.search(r'<img [^>]*width="\d+" height="\d+"', lead) and 'type="image/webp" srcset=' in lead
        assert "(1 分読)" in lead and "これはリードの段落です。" in lead
        assert secondary_titles(html) == ["記事5", "記事4", "記事3", "記事2"]
        thumbnails = html[html.index('class="secondary-stories"'):html.index('class="front__columns"')]
        assert thumbnails.count("<img") == 3 and 'loading="lazy"' in thumbnails and 'loading="eager"' not in thumbnails

    def test_the_newest_not_on_top_are_listed_with_their_times_then_each_category_has_a_section(self, client, site):
        html = html_of(client.get("/"))
        latest = html[html.index('class="front__latest"'):html.index('class="front__side"')]
        assert re.findall(r'</time> <a href="[^"]+">([^<]+)</a>', latest) == ["記事1", "記事0"]
        assert '<time datetime="2026-11-27T10:00:00+09:00">11月27日 10:00</time>' in latest
        assert 'href="/latest/"' in latest
        sections = section(html, "front__sections")
        assert re.findall(r'<h2 id="section-\d+"><a href="[^"]+">([^<]+)</a></h2>', sections) == ["ビジネス", "科学"]
        business = sections[:sections.index("科学</a></h2>")]
        assert re.findall(r'</time> <a href="[^"]+">([^<]+)</a>', business) == ["記事6", "記事4", "記事2", "記事0"]

    def test_the_digest_block_and_the_rankings_are_there_without_counts(self, client, site):
        view(site[3], 3)
        view(site[5], 1)
        html = html_of(client.get("/"))
        ranking = section(html, "ranking")
        assert "人気記事" in ranking and "24時間" in ranking and "7日間" in ranking
        day = ranking[:ranking.index("7日間")]
        assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', day) == ["記事3", "記事1"]
        assert "AI日報で今日の重要ニュースをまとめ読み" in html and 'href="/digest/"' in html
        assert "閲覧" not in html  # readers never see the numbers

    def test_an_empty_site_says_so(self, client):
        html = html_of(client.get("/"))
        assert "公開中の記事はまだありません。" in html and "集計中です。" in html

    def test_unpublished_stories_are_nowhere_on_it(self, client, site):
        make_article(title="下書きの記事", status=Article.Status.DRAFT, published_at=at(2026, 11, 28, 9, 0))
        make_article(title="予約の記事", status=Article.Status.SCHEDULED, published_at=at(2099, 1, 1, 9, 0))
        html = html_of(client.get("/"))
        assert "下書きの記事" not in html and "予約の記事" not in html

    @pytest.mark.parametrize("url", ["/", "/en/"])
    def test_it_is_valid_html(self, client, site, url):
        view(site[2])
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(client.get(url).content)  # raises on any parse error
        ids = re.findall(r' id="([^"]+)"', client.get(url).content.decode())
        assert len(ids) == len(set(ids))


class TestPins:
    def test_an_editor_pins_the_lead_and_orders_the_secondary_stories(self, client, site):
        FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=site[6])
        FrontPageSlot.objects.create(position=1, article=site[4])
        FrontPageSlot.objects.create(position=2, article=site[5])
        html = html_of(client.get("/"))
        assert lead_title(html) == "記事0"
        assert secondary_titles(html) == ["記事2", "記事1", "記事6", "記事5"]  # the pins in order, then the newest

    def test_a_pin_until_a_time_falls_back_to_the_newest_after_it(self, client, site):
        until = timezone.now() + datetime.timedelta(hours=2)
        FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=site[6], until=until)
        assert front_page.compose().lead.article == site[6]
        assert front_page.compose(now=until + datetime.timedelta(seconds=1)).lead.article == site[0]
        response = client.get("/")
        s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert s_maxage <= 2 * 3600  # no cache keeps the pinned page past its time

    def test_a_pin_on_a_story_readers_cannot_see_is_skipped(self, client, site):
        hidden = make_article(title="取り下げた記事", published_at=at(2026, 11, 26, 9, 0))
        FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=hidden)
        Article.objects.filter(pk=hidden.pk).update(status=Article.Status.DRAFT)
        html = html_of(client.get("/"))
        assert lead_title(html) == "記事6" and "取り下げた記事" not in html

    def test_a_change_of_pins_renews_the_front_page_at_once_and_purges_it_hard(self, client, site, settings):
        assert lead_title(html_of(client.get("/"))) == "記事6"
        edge = EdgeRecorder()
        settings.NEWSDESK_PURGE_URLS = [edge.url]
        try:
            with after_commit():
                FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=site[6])
            assert lead_title(html_of(client.get("/"))) == "記事0"
            from tests.helpers import wait_for

            assert wait_for(lambda: "front" in edge.purged(), 10)
            assert "front" not in edge.soft  # hard: the editor's next look is the new page
        finally:
            edge.close()


class TestCachingAndCost:
    def test_it_carries_the_keys_of_all_it_shows(self, client, site):
        view(site[6])
        keys = keys_of(client.get("/"))
        assert {"front", "list", "taxonomy", "ranking"} <= keys
        assert {f"card-{story.pk}" for story in site} <= keys
        assert {f"text-{story.pk}" for story in site[:5]} <= keys  # top stories show their figure
        assert {f"category-{story.category_id}-list" for story in site} <= keys

    def test_its_queries_do_not_grow_with_the_site(self, client, settings, django_assert_num_queries):
        settings.NEWSDESK_PAGE_CACHE = False
        first = make_article(title="最初", category=make_category("科学"))
        FrontPageSlot.objects.create(position=FrontPageSlot.LEAD, article=first)
        view(first)
        client.get("/")  # the schedule of stories going live, kept in the cache

        def count() -> int:
            with CaptureQueriesContext(connection) as ctx:
                html_of(client.get("/"))
            return len(ctx.captured_queries)

        few = count()
        for n in range(30):
            story = make_article(title=f"多数{n}", category=make_category(f"分野{n % 6}"), published_at=at(2026, 11, 28, 0, n))
            make_figure(story)
            view(story)
        # Pins, the pinned stories, the newest, the sections (each category's newest ids, then those stories),
        # the ranked stories, the header's categories.
        with django_assert_num_queries(few):
            html_of(client.get("/"))
        assert few == 7

    def test_the_first_view_at_360px_fits_the_budget(self, client, site):
        """HTML, stylesheet and script, and the lead image a 360 px phone loads: under 150 kB (the browser test weighs it too)."""
        html = client.get("/").content
        assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
        weight = len(html) + sum(Path(finders.find(a.decode())).stat().st_size for a in assets)
        lead = html[html.index(b'class="lead-story"'):]
        smallest = re.search(rb'srcset="(\S+) \d+w', lead).group(1).decode()  # the narrowest rendition
        from django.core.files.storage import default_storage

        weight += default_storage.size(smallest.removeprefix("/media/"))
        assert weight < 150 * 1024, weight


class TestTheListMoved:
    def test_the_list_with_its_filters_is_at_latest(self, client, site):
        html = html_of(client.get("/latest/"))
        assert 'class="filters"' in html and html.count('<article class="card">') == 7
        assert "記事3" in html_of(client.get("/en/latest/"))

    @pytest.mark.parametrize(("url", "moved_to"), [
        ("/?page=2", "/latest/?page=2"),
        ("/?tag=ai&page=2", "/latest/?tag=ai&page=2"),
        ("/?q=%E5%A4%B1%E6%95%97", "/search/?q=%E5%A4%B1%E6%95%97"),  # a keyword is the search page's
        ("/en/?category=science", "/en/latest/?category=science"),
    ])
    def test_old_list_links_redirect_there_for_good(self, client, url, moved_to):
        response = client.get(url)
        assert response.status_code == 301 and response["Location"] == moved_to

    def test_other_parameters_leave_the_front_page_where_it_is(self, client, site):
        assert lead_title(html_of(client.get("/?utm_source=feed"))) == "記事6"


def rows_read(queryset) -> int:
    """The database's work for a query: SQLite's virtual-machine steps (hundreds), or PostgreSQL's rows read."""
    if connection.vendor == "sqlite":
        steps = [0]

        def step():
            steps[0] += 1
            return 0

        connection.ensure_connection()
        connection.connection.set_progress_handler(step, 100)
        try:
            list(queryset)
        finally:
            connection.connection.set_progress_handler(None, 0)
        return steps[0]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]

    def rows(node) -> int:
        own = node.get("Actual Rows", 0) * node.get("Actual Loops", 1) + node.get("Rows Removed by Filter", 0)
        return own + sum(rows(child) for child in node.get("Plans", []))

    return rows((plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"])


def test_the_sections_read_a_few_stories_per_category_however_large_the_archive():
    """At 100,000 stories, numbering every story by category took 0.8 s a page; the newest of each is a few index reads."""
    categories = [make_category(f"分野{n}") for n in range(3)]
    source = make_source()

    def publish(count: int, start: int) -> None:
        Article.objects.bulk_create(
            Article(
                title=f"記事{n}", slug=f"story-{n}", original_title=f"Story {n}", original_url=f"https://news.example/{n}",
                category=categories[n % 3], source=source, status=Article.Status.PUBLISHED,
                published_at=at(2026, 1, 1, 0, 0) + datetime.timedelta(minutes=n),
            )
            for n in range(start, start + count)
        )

    def work() -> int:
        """Both queries' work, with the planner's statistics up to date (as autovacuum keeps them on a live site)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE articles_article")
        published = Article.objects.published()
        return rows_read(front_page._section_ids(published)) + rows_read(front_page._newest_of_each_category(published))

    publish(30, 0)
    small = work()
    publish(1500, 30)
    large = work()
    assert len(list(front_page._newest_of_each_category(Article.objects.published()))) == 3 * front_page.SECTION_COUNT
    assert large <= small * 1.5, (small, large)
