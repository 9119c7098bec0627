"""publish_scheduled publishes each due article once, run twice in a row or at the same time."""

import io
import os
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from articles.publishing import publish_due
from tests.factories import at, make_article

NOW = at(2026, 12, 1, 9, 0)


def make_schedule():
    due = [make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 12, 1, 8, i)) for i in range(5)]
    later = make_article(status=Article.Status.SCHEDULED, published_at=at(2026, 12, 1, 10, 0))
    return due, later


@pytest.mark.django_db
def test_running_twice_publishes_each_due_article_once():
    due, later = make_schedule()

    counts = [publish_due(now=NOW), publish_due(now=NOW)]

    assert counts == [len(due), 0]
    assert set(Article.objects.filter(status=Article.Status.PUBLISHED).values_list("pk", flat=True)) == {
        a.pk for a in due
    }
    later.refresh_from_db()
    assert later.status == Article.Status.SCHEDULED


@pytest.mark.django_db
def test_the_command_run_twice_reports_the_articles_once(monkeypatch):
    due, _ = make_schedule()
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        call_command("publish_scheduled", stdout=out)
        outputs.append(out.getvalue().strip())
    assert outputs == [f"{len(due)} scheduled article(s) marked as published.", "0 scheduled article(s) marked as published."]


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_publish_each_due_article_once():
    due, _ = make_schedule()
    runners = 4
    start = threading.Barrier(runners)
    counts, errors = [], []

    def run():
        try:
            start.wait()
            counts.append(publish_due(now=NOW))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert not errors
    assert sum(counts) == len(due)
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() == len(due)
