"""The e-mail job sends through Django's SMTP backend to a real SMTP server on loopback."""

import pytest

from jobs.mail import send_email_after_commit
from jobs.models import FailedJob
from tests.factories import after_commit
from tests.helpers import free_port

pytestmark = pytest.mark.django_db


def test_a_message_goes_once_the_transaction_commits(smtp):
    with after_commit() as queued:
        send_email_after_commit(
            subject="レビュー依頼：港湾の電動化", body="記事のレビューをお願いします。", to=["chief@newsdesk.test"],
            html_body="<p>記事のレビューをお願いします。</p>",
        )
        assert smtp.messages == []  # nothing before the commit
    assert queued
    ((recipients, message),) = smtp.messages
    assert recipients == ["chief@newsdesk.test"]
    assert message["Subject"] == "レビュー依頼：港湾の電動化" and message["From"] == "desk@newsdesk.test"
    assert message.get_body(("plain",)).get_content().strip() == "記事のレビューをお願いします。"
    assert "<p>記事のレビューをお願いします。</p>" in message.get_body(("html",)).get_content()


def test_a_message_whose_server_is_down_is_a_failed_job(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    with after_commit():
        send_email_after_commit(subject="通知", body="本文", to=["someone@newsdesk.test"])
    failed = FailedJob.objects.get()
    assert failed.task_name == "jobs.send_email" and failed.arguments["kwargs"]["to"] == ["someone@newsdesk.test"]
    assert "ConnectionRefusedError" in failed.error
