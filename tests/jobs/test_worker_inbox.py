"""The inbox's periodic job on a real worker: a feed on a loopback server polled, its items in the inbox."""

import pytest

from ingest.jobs import poll_feeds
from ingest.models import Feed, InboxItem
from jobs.engine import send
from tests.factories import make_source
from tests.helpers import wait_for
from tests.ingest import samples
from tests.loopback_web import loopback_web

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_polls_a_feed_and_its_items_reach_the_inbox(worker, settings):
    with loopback_web(settings) as web:
        web.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        web.serve("/world.rss", samples.rss([
            {"title": "Eastmouth port to double capacity", "link": "https://harbor.example/world/port?utm_source=rss"},
            {"title": "Rail yard vote delayed", "link": "https://harbor.example/world/rail"},
        ]), content_type="application/rss+xml")
        Feed.objects.create(source=make_source("Harbor Ledger"), url=web.url("/world.rss"))
        worker.environ |= {"NEWSDESK_FETCH_ALLOW_PRIVATE": "true", "NEWSDESK_FETCH_HOST_INTERVAL": "0"}

        send(poll_feeds)  # what beat sends every NEWSDESK_FEED_POLL_SECONDS
        assert not InboxItem.objects.exists()  # queued on the broker, not run here
        worker.start()

        assert wait_for(lambda: InboxItem.objects.count() == 2), "".join(worker.output)
        assert "/world.rss" in web.paths()
        assert InboxItem.objects.get(title__startswith="Eastmouth").url == "https://harbor.example/world/port"
