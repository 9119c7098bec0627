"""add_feed, poll_sources and start_translation from a shell: they do what the admin does, and fail clearly."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article, Source
from ingest.models import Feed
from tests.ingest import samples

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_feed_creates_the_source_when_new(web):
    out = run("add_feed", "Harbor Ledger", web.url("/world.rss"))

    assert "Added" in out
    feed = Feed.objects.get()
    assert feed.source.name == "Harbor Ledger" and feed.url == web.url("/world.rss")
    assert "Already polled" in run("add_feed", "Harbor Ledger", web.url("/world.rss"))
    assert Source.objects.count() == 1


@pytest.mark.parametrize("url, message", [
    ("ftp://harbor.example/feed", "http または https"),
    ("not a url", "http または https"),
    ("http://192.168.1.20/feed.xml", "内部ネットワーク"),
])
def test_add_feed_refuses_bad_urls_clearly(url, message):
    with pytest.raises(CommandError, match=message):
        call_command("add_feed", "Harbor Ledger", url)
    assert Feed.objects.count() == 0


def test_start_translation_creates_the_draft_from_any_url(web):
    web.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    url = web.serve("/world/eastmouth-port", samples.article_page(author=False))

    out = run("start_translation", url, "--source", "Harbor Ledger")

    article = Article.objects.get()
    assert f"Draft #{article.pk}" in out and "著者を取得できませんでした" in out
    assert article.source.name == "Harbor Ledger" and article.status == Article.Status.DRAFT
    assert "## A long review ahead" in article.original_body
    with pytest.raises(CommandError, match="already has this original"):
        call_command("start_translation", url)


def test_start_translation_refuses_a_private_address_before_connecting(settings):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(CommandError, match="内部ネットワーク"):
        call_command("start_translation", "http://127.0.0.1:9/admin")
    assert Article.objects.count() == 0


def test_the_commands_exit_non_zero_without_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "start_translation", "file:///etc/passwd"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"},
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "http または https" in result.stderr
