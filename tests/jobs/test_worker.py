"""Jobs on a real Celery worker process, with Redis as the broker, as production runs them.

The worker starts after the save in most of these tests: what the save did
(and what it left undone) is then plain, and no race decides the outcome.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Figure
from jobs.models import FailedJob
from tests.factories import image_bytes, login, make_article
from tests.helpers import EdgeRecorder, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

LIST_URL = "/admin/jobs/failedjob/"


def uploaded(article) -> Figure:
    figure = Figure(article=article, position=1, alt_text="岸壁のクレーン")
    figure.image = SimpleUploadedFile("crane.jpg", image_bytes(size=(2400, 1600)))
    figure.save()  # outside a transaction: committed, its job queued on the broker
    return figure


def renditions_of(figure) -> dict:
    return Figure.objects.get(pk=figure.pk).renditions


@pytest.fixture
def page_cache_shared(settings):
    """The worker renews pages in the shared cache (Redis); an in-process cache is this process's alone."""
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        settings.NEWSDESK_PAGE_CACHE = False


def test_an_uploads_save_returns_before_its_renditions_exist_and_they_follow(worker, client, page_cache_shared):
    article = make_article(title="港のクレーン")
    figure = uploaded(article)
    assert figure.renditions == {} and renditions_of(figure) == {}
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{figure.image.url}"' in html and "srcset" not in html  # the image itself, meanwhile

    worker.start()
    assert wait_for(lambda: renditions_of(figure)), "".join(worker.output)
    made = renditions_of(figure)
    assert sorted(int(width) for width in made) == [480, 800, 1200]
    # The page follows once the job's renewal of the story's keys lands, a moment after its commit.
    page = lambda: client.get(article.get_absolute_url()).content.decode()  # noqa: E731
    assert wait_for(lambda: made["800"]["jpeg"] in page()), "".join(worker.output)
    assert 'type="image/webp"' in page()


def test_a_job_made_to_fail_shows_in_the_admin_and_succeeds_on_retry(worker):
    figure = uploaded(make_article(title="壊れた画像"))
    with open(figure.image.path, "rb") as fh:
        good = fh.read()
    with open(figure.image.path, "wb") as fh:
        fh.write(b"not an image any more")
    worker.start()
    assert wait_for(lambda: FailedJob.objects.exists()), "".join(worker.output)
    failed = FailedJob.objects.get()
    assert failed.attempts == int(worker.environ["NEWSDESK_JOB_MAX_RETRIES"]) + 1

    client, _user = login("Editor")
    listing = client.get(LIST_URL).content.decode()
    assert "画像の縮小版の作成" in listing and "UnidentifiedImageError" in listing

    with open(figure.image.path, "wb") as fh:  # the cause is fixed; an editor retries
        fh.write(good)
    response = client.post(LIST_URL, {"action": "retry_selected", "_selected_action": [failed.pk]}, follow=True)
    assert "1 件のジョブを再実行に回しました" in response.content.decode()
    assert wait_for(lambda: FailedJob.objects.get().is_resolved()), "".join(worker.output)
    assert renditions_of(figure)
    assert 'class="action-select"' not in client.get(LIST_URL + "?state=open").content.decode()  # none open


@pytest.fixture
def flaky_edge(settings):
    edge = EdgeRecorder(statuses=[503, 503])  # refuses twice, then takes the purge
    settings.NEWSDESK_PURGE_URLS = [edge.url]
    yield edge
    edge.close()


def test_a_purge_the_edge_refuses_is_retried_by_the_worker_until_it_goes(flaky_edge, worker):
    worker.start()
    story = make_article(title="古い見出し")
    story.title = "新しい見出し"
    story.save()  # committed: the purges are queued
    assert wait_for(lambda: f"story-{story.pk}" in flaky_edge.purged()), "".join(worker.output)
    assert flaky_edge.statuses == []  # both refusals were met with a retry
    assert "Edge cache purge of" in "".join(worker.output) and "retrying" in "".join(worker.output)
    assert not FailedJob.objects.filter(task_name="reader.purge_edge").exists()
