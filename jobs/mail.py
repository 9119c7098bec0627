"""E-mail as a job: whatever sends mail (notifications) queues it here, and the request never waits on SMTP.

The backend is Django's, from the environment (EMAIL_URL, docs/configuration.md):
the console in development, SMTP in production. A message may be sent twice
if SMTP fails after taking it (the job is retried): mail is at least once.
"""

from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext_lazy as _

from jobs.engine import enqueue_after_commit, job


@job("jobs.send_email", label=_("メール送信"))
def send_email(*, subject: str, body: str, to: list[str], html_body: str = "", reply_to: list[str] | None = None) -> int:
    """Send one message (plain text, with an HTML alternative when given) from DEFAULT_FROM_EMAIL."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to or None)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


def send_email_after_commit(*, subject: str, body: str, to: list[str], html_body: str = "",
                            reply_to: list[str] | None = None) -> None:
    """Queue a message to go once the current transaction commits (never for a change that rolled back)."""
    enqueue_after_commit(send_email, subject=str(subject), body=str(body), to=list(to), html_body=str(html_body),
                         reply_to=list(reply_to) if reply_to else None)
