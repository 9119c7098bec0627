"""Jobs without a broker (the embedded default): they run after the commit, retry, and a job that gives up is
kept for editors, who retry it from the admin."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, Figure
from images.models import PendingUpload
from jobs import engine, periodic
from jobs.models import FailedJob
from tests.factories import after_commit, image_bytes, login, make_article

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/jobs/failedjob/"


def upload(article, name="crane.jpg", size=(1600, 900)) -> Figure:
    figure = Figure(article=article, position=1, alt_text="クレーン")
    figure.image = SimpleUploadedFile(name, image_bytes(size=size))
    return figure


def page(client, article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


def test_a_story_shows_its_stored_image_until_the_renditions_exist(client, django_capture_on_commit_callbacks):
    article = make_article()
    figure = upload(article)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        figure.save()
    # Saved, not yet committed: no rendition exists, and the page shows the image itself, with its size.
    assert Figure.objects.get().renditions == {}
    html = page(client, article)
    assert f'src="{figure.image.url}"' in html and 'width="1600" height="900"' in html
    assert "srcset" not in html

    for callback in queued:  # the commit: the job runs
        callback()
    figure.refresh_from_db()
    assert sorted(int(width) for width in figure.renditions) == [480, 800, 1200]
    html = page(client, article)  # the story's page was renewed
    assert figure.renditions["800"]["jpeg"] in html and 'type="image/webp"' in html


def test_a_save_that_rolls_back_queues_no_job(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        upload(make_article()).save()
    assert queued, "the rendition job waits for the commit"
    # Nothing ran before it: the figure has no renditions yet.
    assert Figure.objects.get().renditions == {}


def test_making_renditions_twice_makes_them_once(media_root):
    with after_commit():
        figure = upload(make_article())
        figure.save()
    figure.refresh_from_db()
    files = sorted(path.name for path in media_root.rglob("*") if path.is_file())
    from jobs.renditions import make_renditions

    assert make_renditions(figure.image.name) == 0  # a second delivery of the same job
    figure.refresh_from_db()
    assert sorted(path.name for path in media_root.rglob("*") if path.is_file()) == files
    assert len(files) == 1 + 3 * 2


def test_one_image_shown_by_many_stories_gets_its_renditions_in_one_job_of_few_queries(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries,
):
    """An import may place one photo in thousands of stories: one job, a constant number of queries.

    The library image's row is read, locked and written; its figures are read and written at once.
    """
    from jobs.renditions import make_renditions

    with django_capture_on_commit_callbacks(execute=False):
        first = upload(make_article(title="共有写真の記事1"))
        first.save()
    stories = [make_article(title=f"共有写真の記事{n}") for n in range(2, 7)]
    for story in stories:
        Figure.objects.create(article=story, position=1, image=first.image.name, alt_text="クレーン")

    with django_assert_max_num_queries(13):
        assert make_renditions(first.image.name) == 6
    for story in [first.article, *stories]:
        assert 'type="image/webp"' in page(client, story)  # each story's page was renewed with them


def corrupt(figure):
    with open(figure.image.path, "wb") as fh:
        fh.write(b"not an image any more")


def failing_renditions(django_capture_on_commit_callbacks) -> Figure:
    """A figure whose rendition job fails every attempt: its stored file was damaged before the job ran."""
    figure = upload(make_article(title="壊れた画像の記事"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        figure.save()
    with open(figure.image.path, "rb") as fh:
        good = fh.read()
    corrupt(figure)
    for callback in queued:
        callback()
    figure.good_bytes = good
    return figure


def test_a_job_that_keeps_failing_is_recorded_with_its_error_and_attempts(django_capture_on_commit_callbacks):
    figure = failing_renditions(django_capture_on_commit_callbacks)
    failed = FailedJob.objects.get()
    assert failed.task_name == "jobs.make_renditions"
    assert failed.arguments == {"args": [figure.image.name], "kwargs": {}}
    assert failed.attempts == settings.NEWSDESK_JOB_MAX_RETRIES + 1
    assert "UnidentifiedImageError" in failed.error and "renditions" in failed.traceback
    assert not failed.is_resolved()
    assert Figure.objects.get().renditions == {}


def test_the_same_job_failing_again_updates_its_row(django_capture_on_commit_callbacks):
    figure = failing_renditions(django_capture_on_commit_callbacks)
    engine.send(engine.app.tasks["jobs.make_renditions"], figure.image.name)
    failed = FailedJob.objects.get()
    assert failed.attempts == 2 * (settings.NEWSDESK_JOB_MAX_RETRIES + 1)


def test_editors_see_failed_jobs_in_japanese_and_retry_them(django_capture_on_commit_callbacks):
    figure = failing_renditions(django_capture_on_commit_callbacks)
    failed = FailedJob.objects.get()
    client, _user = login("Editor")

    listing = client.get(LIST_URL).content.decode()
    assert "失敗したジョブ" in listing and "画像の縮小版の作成" in listing
    assert "UnidentifiedImageError" in listing and "再実行" in listing

    with open(figure.image.path, "wb") as fh:  # the cause is fixed
        fh.write(figure.good_bytes)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST_URL, {"action": "retry_selected", "_selected_action": [failed.pk]}, follow=True)
    assert "1 件のジョブを再実行に回しました" in response.content.decode()
    failed.refresh_from_db()
    assert failed.is_resolved() and failed.retried_at is not None
    assert Figure.objects.get().renditions
    assert 'class="action-select"' not in client.get(LIST_URL + "?state=open").content.decode()  # none open


def test_a_failed_job_is_retried_from_its_own_page(django_capture_on_commit_callbacks):
    figure = failing_renditions(django_capture_on_commit_callbacks)
    failed = FailedJob.objects.get()
    client, _user = login("Editor")
    page = client.get(f"{LIST_URL}{failed.pk}/change/").content.decode()
    assert "画像の縮小版の作成" in page and "UnidentifiedImageError" in page
    assert f'action="{LIST_URL}{failed.pk}/retry/"' in page and 'name="_save"' not in page  # nothing to save here

    with open(figure.image.path, "wb") as fh:
        fh.write(figure.good_bytes)
    with django_capture_on_commit_callbacks(execute=True):  # the job runs once the retry's request commits
        response = client.post(f"{LIST_URL}{failed.pk}/retry/")
    assert response.status_code == 302 and response["Location"] == f"{LIST_URL}{failed.pk}/change/"
    page = client.get(response["Location"]).content.decode()
    assert "1 件のジョブを再実行に回しました" in page and "解決済みです" in page
    assert '/retry/"' not in page  # a resolved job offers no retry
    assert Figure.objects.get().renditions


def test_a_retry_that_fails_again_stays_open(django_capture_on_commit_callbacks):
    failing_renditions(django_capture_on_commit_callbacks)
    failed = FailedJob.objects.get()
    client, _user = login("Editor")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST_URL, {"action": "retry_selected", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert not failed.is_resolved() and failed.retried_at is not None


def test_translators_do_not_see_failed_jobs():
    client, _user = login("Translator")
    assert client.get(LIST_URL).status_code == 403


def test_a_broker_that_cannot_take_a_job_is_a_recorded_failure(broker):
    with broker("redis://127.0.0.1:9/0"):  # nothing listens on port 9
        engine.send(engine.app.tasks["jobs.clean_up"])
    failed = FailedJob.objects.get()
    assert failed.task_name == "jobs.clean_up" and failed.attempts == 0


def test_every_scheduled_job_exists():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in engine.app.tasks


def test_the_minutely_job_publishes_stories_whose_time_came():
    due = make_article(status=Article.Status.SCHEDULED, published_at=timezone.now() - timedelta(minutes=1))
    later = make_article(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1))
    assert periodic.publish_due_stories() == 1
    due.refresh_from_db(), later.refresh_from_db()
    assert due.status == Article.Status.PUBLISHED and later.status == Article.Status.SCHEDULED


def test_cleanups_registered_run_with_the_hourly_job(monkeypatch):
    monkeypatch.setattr(periodic, "_cleanups", [])
    periodic.cleanup(lambda: 2)
    periodic.cleanup(lambda: 3)
    assert periodic.clean_up() == 5


def test_the_hourly_job_removes_images_kept_for_a_form_nobody_saved_within_a_day(editor):
    old, recent = (PendingUpload.objects.create(file=f"pending/{name}.jpg", original_name=f"{name}.jpg",
                                                uploaded_by=editor) for name in ("old", "recent"))
    PendingUpload.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(hours=25))
    periodic.clean_up()
    assert list(PendingUpload.objects.all()) == [recent]


def test_a_failed_job_is_never_added_by_hand():
    client, _user = login("Chief editor")
    assert client.get(LIST_URL + "add/").status_code == 403
    assert f'href="{LIST_URL}add/"' not in client.get(LIST_URL).content.decode()


def test_retrying_a_resolved_job_says_so_and_queues_nothing(django_capture_on_commit_callbacks):
    figure = failing_renditions(django_capture_on_commit_callbacks)
    failed = FailedJob.objects.get()
    with open(figure.image.path, "wb") as fh:
        fh.write(figure.good_bytes)
    client, _user = login("Editor")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(LIST_URL, {"action": "retry_selected", "_selected_action": [failed.pk]}, follow=True)
    assert "できません" not in first.content.decode()
    again = client.post(LIST_URL, {"action": "retry_selected", "_selected_action": [failed.pk]}, follow=True)
    assert "選択したジョブはすべて解決済みです。" in again.content.decode()
    assert "画像の縮小版の作成" in client.get(LIST_URL).content.decode()  # the filter names jobs by their labels
