"""Polling feeds from a real server on loopback: conditional GET, robots.txt, new items once each."""

import io

import pytest
from django.core.management import call_command

from ingest import inbox, pacing, polling
from ingest.jobs import poll_feeds
from ingest.models import InboxItem
from tests.ingest import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(web):
    web.serve("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    return inbox.add_feed(source_name="Harbor Ledger", url=web.url("/world.rss"))[0]


def serve_rss(web, items, **options):
    return web.serve("/world.rss", samples.rss(items), content_type="application/rss+xml; charset=utf-8", **options)


def test_new_items_are_recorded_with_their_title_link_date_and_plain_summary(web, feed):
    serve_rss(web, [
        {"title": "Eastmouth port to double capacity", "link": "https://harbor.example/world/port?utm_source=rss",
         "summary": "&lt;p&gt;The plan &lt;b&gt;doubles&lt;/b&gt; it.&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;"},
        {"title": "Rail yard vote delayed", "link": "https://harbor.example/world/rail#comments"},
    ])

    result = polling.poll_feed(feed)

    assert [item.title for item in result.new_items] == ["Eastmouth port to double capacity", "Rail yard vote delayed"]
    port = InboxItem.objects.get(title__startswith="Eastmouth")
    assert port.source.name == "Harbor Ledger" and port.feed == feed
    assert port.canonical_url == "https://harbor.example/world/port"
    assert port.url == "https://harbor.example/world/port"
    assert port.summary == "The plan doubles it."
    assert port.published_at.isoformat() == "2026-11-30T14:05:00+00:00"
    assert port.state == InboxItem.State.NEW
    feed.refresh_from_db()
    assert feed.title == "Harbor Ledger — World" and feed.last_polled_at and feed.last_error == ""


def test_the_same_story_under_another_tracking_url_is_not_recorded_twice(web, feed):
    serve_rss(web, [{"title": "Port", "link": "https://harbor.example/world/port?utm_source=rss"}])
    polling.poll_feed(feed)
    serve_rss(web, [{"title": "Port", "link": "http://WWW.harbor.example/world/port?fbclid=x#top"},
                    {"title": "New one", "link": "https://harbor.example/world/new"}])

    result = polling.poll_feed(feed)

    assert [item.title for item in result.new_items] == ["New one"]
    assert InboxItem.objects.count() == 2


def test_the_second_poll_is_conditional_and_a_304_changes_nothing(web, feed):
    def answer(headers):
        if headers.get("If-None-Match") == '"v1"' and headers.get("If-Modified-Since"):
            return web.page(status=304)
        return web.page(body=samples.rss([{"title": "Port", "link": "https://harbor.example/p"}]).encode(),
                headers={"ETag": '"v1"', "Last-Modified": "Mon, 30 Nov 2026 14:05:00 GMT",
                         "Content-Type": "application/rss+xml"})
    web.serve("/world.rss", handler=answer)

    assert len(polling.poll_feed(feed).new_items) == 1
    second = polling.poll_feed(feed)

    assert second.not_modified and second.new_items == []
    feed_requests = [r for r in web.requests if r["path"] == "/world.rss"]
    assert feed_requests[1]["headers"]["If-None-Match"] == '"v1"'
    assert feed_requests[1]["headers"]["If-Modified-Since"] == "Mon, 30 Nov 2026 14:05:00 GMT"


def test_robots_txt_is_obeyed_and_asked_for_once_per_host(web, settings):
    web.serve("/robots.txt", "User-agent: Newsdesk\nDisallow: /feeds/\n", content_type="text/plain")
    web.serve("/feeds/world.rss", samples.rss([{"title": "Port", "link": "https://harbor.example/p"}]))
    blocked = inbox.add_feed(source_name="Harbor Ledger", url=web.url("/feeds/world.rss"))[0]

    first = polling.poll_feed(blocked)
    polling.poll_feed(blocked)

    assert "robots.txt" in first.error
    assert web.paths() == ["/robots.txt"]
    assert InboxItem.objects.count() == 0


@pytest.mark.parametrize("status", [500, 503])
def test_a_robots_txt_that_cannot_be_read_is_said_so_not_taken_for_a_refusal(web, status):
    web.serve("/robots.txt", "down for maintenance", status=status, content_type="text/plain")
    web.serve("/world.rss", samples.rss([{"title": "Port", "link": "https://harbor.example/p"}]))
    feed = inbox.add_feed(source_name="Harbor Ledger", url=web.url("/world.rss"))[0]

    first = polling.poll_feed(feed)
    second = polling.poll_feed(feed)

    assert f"HTTP {status}" in first.error and "許していません" not in first.error
    assert second.error == first.error  # kept for a while, as an unreadable robots.txt forbids for now
    assert web.paths() == ["/robots.txt"]
    assert InboxItem.objects.count() == 0


def test_a_robots_txt_is_read_as_written_whatever_its_first_comment_says(web):
    web.serve("/robots.txt", "# unreadable: a site's own words\nUser-agent: *\nAllow: /\n", content_type="text/plain")
    serve_rss(web, [{"title": "Port", "link": "https://harbor.example/p"}])
    feed = inbox.add_feed(source_name="Harbor Ledger", url=web.url("/world.rss"))[0]

    result = polling.poll_feed(feed)

    assert not result.error
    assert [item.title for item in result.new_items] == ["Port"]


def test_an_atom_feed_is_read_too(web):
    web.serve("/atom.xml", samples.atom([{"title": "Chip rules widen", "link": "https://atom.example/chips"}]),
              content_type="application/atom+xml")
    feed = inbox.add_feed(source_name="Atom Desk", url=web.url("/atom.xml"))[0]

    assert [item.title for item in polling.poll_feed(feed).new_items] == ["Chip rules widen"]


@pytest.mark.parametrize("body", [b"not a feed at all", b"<html><body><script>alert(1)</script></body></html>", b""])
def test_a_broken_feed_is_an_error_on_the_feed_not_an_exception(web, feed, body):
    web.serve("/world.rss", body, content_type="text/html")

    result = polling.poll_feed(feed)

    assert result.error
    feed.refresh_from_db()
    assert feed.last_error == result.error


def test_entries_without_a_web_link_are_skipped(web, feed):
    serve_rss(web, [{"title": "Sneaky", "link": "javascript:alert(1)"}, {"title": "File", "link": "file:///etc/passwd"},
                    {"title": "Real", "link": "https://harbor.example/real"}])

    assert [item.title for item in polling.poll_feed(feed).new_items] == ["Real"]


def test_a_feed_redirecting_to_a_private_address_is_refused(web, feed):
    web.serve("/world.rss", status=302, headers={"Location": "http://169.254.169.254/latest/"})

    result = polling.poll_feed(feed)

    assert "内部ネットワーク" in result.error
    assert web.paths() == ["/robots.txt", "/world.rss"]


def test_the_periodic_job_polls_every_feed(web, feed):
    serve_rss(web, [{"title": "Port", "link": "https://harbor.example/p"}])

    poll_feeds.delay()  # eager without a broker, as in the embedded default

    assert InboxItem.objects.filter(title="Port").exists()


def test_poll_sources_reports_what_came_in(web, feed):
    serve_rss(web, [{"title": "Eastmouth port to double capacity", "link": "https://harbor.example/p"}])
    out = io.StringIO()

    call_command("poll_sources", stdout=out)

    assert "Harbor Ledger" in out.getvalue() and "1 new" in out.getvalue()
    assert "Eastmouth port to double capacity" in out.getvalue()


def test_one_host_is_asked_at_most_once_per_interval(web, feed, settings, monkeypatch):
    settings.NEWSDESK_FETCH_HOST_INTERVAL = 5
    pauses = []
    monkeypatch.setattr(pacing.time, "sleep", pauses.append)  # the pauses asked for, not taken
    serve_rss(web, [{"title": "Port", "link": "https://harbor.example/p"}])

    polling.poll_feed(feed)  # robots.txt, then the feed: the second request waits
    polling.poll_feed(feed)  # robots.txt is kept: only the feed, after another pause

    assert web.paths() == ["/robots.txt", "/world.rss", "/world.rss"]
    assert len(pauses) == 2 and all(0 < pause <= 5 for pause in pauses)
