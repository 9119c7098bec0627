"""Failed jobs written down for editors (jobs.models.FailedJob), and resolved when a run of the same job succeeds."""

import hashlib
import json
import traceback as tb

from django.db import DatabaseError
from django.utils import timezone

from jobs.models import FailedJob

TRACEBACK_LINES = 30  # the end of the traceback: where it failed, not how the worker got there


def signature(task_name: str, args, kwargs) -> str:
    """The same job with the same arguments has the same signature (its failures share one row)."""
    text = json.dumps([task_name, list(args or ()), kwargs or {}], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def summary(exc: BaseException) -> str:
    """The last lines of the exception's traceback."""
    lines = "".join(tb.format_exception(exc)).splitlines()
    return "\n".join(lines[-TRACEBACK_LINES:])


def record(task_name: str, args, kwargs, exc: BaseException, *, attempts: int) -> FailedJob:
    """Write down that `task_name(*args, **kwargs)` gave up with `exc`: a new row, or the unresolved one it has."""
    key = signature(task_name, args, kwargs)
    now = timezone.now()
    fields = {
        "error": f"{type(exc).__name__}: {exc}"[:2000], "traceback": summary(exc),
        "attempts": attempts, "failed_at": now,
    }
    failed = FailedJob.objects.unresolved().filter(signature=key).first()
    if failed is None:
        return FailedJob.objects.create(
            task_name=task_name, arguments={"args": list(args or ()), "kwargs": kwargs or {}}, signature=key, **fields,
        )
    fields["attempts"] += failed.attempts
    FailedJob.objects.filter(pk=failed.pk).update(**fields)
    return failed


def resolve(task_name: str, args, kwargs) -> int:
    """A run of this job succeeded: its recorded failures are resolved. Returns how many were."""
    try:
        return FailedJob.objects.unresolved().filter(signature=signature(task_name, args, kwargs)).update(
            resolved_at=timezone.now(),
        )
    except DatabaseError:
        return 0  # the job did its work; a failure row left open is only retried again
