"""The job engine: Celery, with Redis as the broker in production; without one, jobs run in the asking process.

A job is a function decorated with `job(name)`. It is retried with growing
pauses (exponential backoff with jitter) on any exception, stopped by a soft
then a hard time limit, and when it gives up it is written down as a
`FailedJob` that editors see in the admin and can retry; a later successful
run of the same job (same name and arguments) resolves it. Jobs must be
idempotent: a retry, a second delivery after a worker died, or an editor's
retry runs them again.

Work is queued with `enqueue_after_commit` (what a save asks for: the job
never sees a row its transaction may still roll back) or `send` (now).
Without CELERY_BROKER_URL (the embedded default), Celery runs each job
eagerly in the process that queued it, still after the commit, so the demo
needs no other service.
"""

import logging

from celery import Celery, Task
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from jobs import failures
from jobs.models import FailedJob

logger = logging.getLogger(__name__)

app = Celery("newsdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")


class RecordedTask(Task):
    """Retries with backoff on any exception; its final failure is written down, its success resolves it."""

    autoretry_for = (Exception,)
    retry_backoff = True  # 1 s, 2 s, 4 s… (with jitter), never more than retry_backoff_max
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = settings.NEWSDESK_JOB_MAX_RETRIES
    ignore_result = True

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        logger.error("Job %s gave up after %d attempt(s): %s", self.name, self.request.retries + 1, exc)
        failures.record(self.name, args, kwargs, exc, attempts=self.request.retries + 1)

    def on_success(self, retval, task_id, args, kwargs):
        failures.resolve(self.name, args, kwargs)


def job(name: str, *, label: str, **options):
    """Register the decorated function as the job `name`, called `label` in the admin.

    `options` are Celery's task options (bind, max_retries, soft_time_limit…).
    """
    return app.task(name=name, label=label, base=RecordedTask, **options)


def send(task: Task, *args, **kwargs) -> None:
    """Queue `task` now (or run it, without a broker). A broker that cannot take it is a recorded failure."""
    try:
        # A connection of its own, to the broker configured now: sending is rare (a save queues a few jobs).
        with app.connection_for_write() as connection:
            task.apply_async(args, kwargs, connection=connection)
    except (OperationalError, OSError) as exc:  # the broker is down or refused: never lose the job silently
        logger.error("Could not queue job %s: %s", task.name, exc)
        failures.record(task.name, args, kwargs, exc, attempts=0)


def enqueue_after_commit(task: Task, *args, **kwargs) -> None:
    """Queue `task` once the current transaction commits (at once outside one); nothing if it rolls back."""
    transaction.on_commit(lambda: send(task, *args, **kwargs), robust=True)


def retry(failed: FailedJob) -> bool:
    """Queue a recorded failure's job again; it is resolved when that run succeeds. False for an unknown job."""
    task = app.tasks.get(failed.task_name)
    if task is None:
        return False
    FailedJob.objects.filter(pk=failed.pk).update(retried_at=timezone.now())
    enqueue_after_commit(task, *failed.arguments.get("args", []), **failed.arguments.get("kwargs", {}))
    return True

