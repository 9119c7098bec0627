"""Originals that change after translation: re-read from a loopback server, flagged with their diff, marked handled."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from ingest import rechecks
from ingest.jobs import recheck_originals
from ingest.models import OriginalCheck
from tests.factories import login, make_article
from tests.helpers import free_port
from tests.ingest import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(web):
    web.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    url = web.serve("/world/eastmouth-port", samples.article_page())
    original = "\n\n".join(samples.ARTICLE_PARAGRAPHS[:2]) + "\n\n## A long review ahead\n\n" + "\n\n".join(
        samples.ARTICLE_PARAGRAPHS[2:3]) + "\n\n## Cost questions\n\n" + "\n\n".join(samples.ARTICLE_PARAGRAPHS[3:])
    return make_article(original_url=url, original_body=original, published_at=timezone.now() - timedelta(days=2))


def corrected_page() -> str:
    return samples.article_page().replace("4.2 billion dollars", "5.1 billion dollars")


def test_an_unchanged_original_is_not_flagged(story):
    check = rechecks.recheck(story)

    assert check.state == OriginalCheck.State.WATCHING and check.checked_at and check.last_error == ""


def test_an_original_whose_site_cannot_be_reached_is_an_error_that_says_so(web):
    story = make_article(original_url=f"http://127.0.0.1:{free_port()}/world/eastmouth-port",
                         published_at=timezone.now() - timedelta(days=2))

    check = rechecks.recheck(story)

    assert check.last_error and "robots.txt" in check.last_error and "許していません" not in check.last_error
    assert check.state == OriginalCheck.State.WATCHING


def test_a_changed_original_is_flagged_with_its_diff(story, web):
    web.serve("/world/eastmouth-port", corrected_page())

    check = rechecks.recheck(story)

    assert check.state == OriginalCheck.State.CHANGED and check.changed_at
    lines = rechecks.diff(check.translated_body, check.current_body)
    assert [line.text for line in lines if line.kind == "removed"] == [samples.ARTICLE_PARAGRAPHS[1]]
    [added] = [line.text for line in lines if line.kind == "added"]
    assert "5.1 billion dollars" in added


def test_the_editor_sees_the_diff_and_marks_it_handled(story, web):
    web.serve("/world/eastmouth-port", corrected_page())
    check = rechecks.recheck(story)
    client, editor = login("Editor")

    page = client.get(f"/admin/ingest/originalcheck/{check.pk}/change/").content.decode()
    listing = client.get("/admin/ingest/originalcheck/?state__exact=changed").content.decode()
    client.post(f"/admin/ingest/originalcheck/{check.pk}/handled/")

    assert "<ins>" in page and "5.1 billion dollars" in page and "<del>" in page and "対応済みにする" in page
    assert story.title in listing
    check.refresh_from_db()
    assert check.state == OriginalCheck.State.WATCHING and check.handled_by == editor
    assert "5.1 billion dollars" in check.translated_body
    assert rechecks.recheck(story).state == OriginalCheck.State.WATCHING  # the new baseline


def test_the_storys_form_says_its_original_changed(story, web):
    web.serve("/world/eastmouth-port", corrected_page())
    check = rechecks.recheck(story)
    client, _ = login("Editor")

    page = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()

    assert "翻訳した後に原文が更新されています。" in page
    assert f"/admin/ingest/originalcheck/{check.pk}/change/" in page


def test_only_stories_within_the_period_are_rechecked(story, web):
    old = make_article(original_url=web.url("/old"), published_at=timezone.now() - timedelta(days=30))
    draft = make_article(original_url=web.url("/draft"), status=Article.Status.DRAFT, published_at=None)

    assert recheck_originals.delay() is not None

    assert set(OriginalCheck.objects.values_list("article_id", flat=True)) == {story.pk}
    assert old.pk not in rechecks.due_stories().values_list("pk", flat=True)
    assert draft.pk not in rechecks.due_stories().values_list("pk", flat=True)


def test_an_original_that_cannot_be_read_keeps_the_error_not_a_change(story, web):
    web.serve("/world/eastmouth-port", "gone", status=410)

    check = rechecks.recheck(story)

    assert check.state == OriginalCheck.State.WATCHING
    assert check.last_error == "ページを取得できませんでした（HTTP 410）。"  # in the editors' words, as the inbox says it
