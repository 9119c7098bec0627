"""After a change commits, the edge caches are told which page keys to drop; failures are retried and logged."""

import logging
import time

import pytest
from django.db import transaction

from articles.models import Article
from jobs.models import FailedJob
from reader import purging
from tests.factories import make_article
from tests.helpers import EdgeRecorder

pytestmark = pytest.mark.django_db


@pytest.fixture
def edge(settings):
    recorder = EdgeRecorder()
    settings.NEWSDESK_PURGE_URLS = [recorder.url]
    yield recorder
    recorder.close()


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_a_retitle_purges_its_story_and_card_once_committed(edge, django_capture_on_commit_callbacks):
    story = make_article(title="古い見出し")
    edge.purges.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            story.title = "新しい見出し"
            story.save()
        assert edge.purges == []  # nothing before the commit: the edge would fetch the old page again
    for callback in callbacks:
        callback()
    assert {f"story-{story.pk}", f"card-{story.pk}"} <= edge.purged()
    assert "list" not in edge.purged()  # it did not join or leave any list
    # Its own page goes at once; pages showing its card are served once more while refetched.
    assert f"story-{story.pk}" not in edge.soft and f"card-{story.pk}" in edge.soft


def test_a_body_edit_purges_its_own_pages_hard_and_where_it_is_quoted_soft(edge, django_capture_on_commit_callbacks):
    story = make_article(title="本文を直す記事")
    edge.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.body = "直した本文。"
        story.save()
    # Its page and API entry go at once; feeds, digests and search results quoting it are refetched behind readers.
    assert f"story-{story.pk}" in edge.purged() and f"story-{story.pk}" not in edge.soft
    assert f"text-{story.pk}" in edge.soft


def test_editing_a_draft_purges_nothing(edge, django_capture_on_commit_callbacks):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        draft.body = "まだ誰も読まない。"
        draft.save()
    assert edge.purges == []


def test_every_configured_edge_cache_is_purged(settings, django_capture_on_commit_callbacks):
    first, second = EdgeRecorder(), EdgeRecorder()
    settings.NEWSDESK_PURGE_URLS = [first.url, second.url]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            story = make_article(title="両方へ")
        assert f"story-{story.pk}" in first.purged() and f"story-{story.pk}" in second.purged()
    finally:
        first.close(), second.close()


def test_a_failing_edge_cache_is_retried(settings, caplog, django_capture_on_commit_callbacks):
    """Without a broker the retries follow at once; a worker waits between them (tests/jobs/test_worker.py)."""
    flaky = EdgeRecorder(statuses=[503, 503])
    settings.NEWSDESK_PURGE_URLS = [flaky.url]
    try:
        with caplog.at_level(logging.WARNING, logger="reader.purging"):
            with django_capture_on_commit_callbacks(execute=True):
                story = make_article(title="やがて届く")
            assert wait_for(lambda: f"story-{story.pk}" in flaky.purged())
        assert "retrying" in caplog.text
    finally:
        flaky.close()


def test_an_unreachable_edge_cache_is_logged_and_the_save_stands(settings, caplog,
                                                                django_capture_on_commit_callbacks):
    nobody = EdgeRecorder()
    url = nobody.url
    nobody.close()  # nothing listens there now
    settings.NEWSDESK_PURGE_URLS = [url]
    with caplog.at_level(logging.WARNING, logger="reader.purging"):
        with django_capture_on_commit_callbacks(execute=True):
            story = make_article(title="保存は成功")

        def given_up():
            return [
                record.getMessage() for record in caplog.records
                if record.levelno == logging.ERROR and url in record.getMessage()
            ]

        assert wait_for(given_up)
    assert Article.objects.get(pk=story.pk).title == "保存は成功"
    assert any(f"story-{story.pk}" in message for message in given_up())
    # Never dropped silently: editors find it among the failed jobs, with the server it could not reach.
    failed = FailedJob.objects.unresolved().filter(task_name="reader.purge_edge")
    assert failed and all(job.arguments["args"][0] == url and url in job.error for job in failed)
    assert any(f"story-{story.pk}" in job.arguments["args"][1] for job in failed)
    assert {job.attempts for job in failed} == {purging.RETRIES + 1}


def test_many_keys_go_in_several_requests(edge):
    keys = {f"story-{n}" for n in range(250)}
    purging.purge(keys)
    assert len(edge.purges) == 3 and edge.purged() == keys
