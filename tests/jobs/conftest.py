import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from jobs import engine
from tests.helpers import wait_for


@contextmanager
def _broker(url: str):
    conf = engine.app.conf
    before = conf.task_always_eager, conf.broker_url
    conf.update(task_always_eager=False, broker_url=url)
    try:
        yield
    finally:
        conf.update(task_always_eager=before[0], broker_url=before[1])


@pytest.fixture
def broker():
    """`with broker(url):` jobs queued in this process go to the broker at `url` (not run eagerly) for the block."""
    return _broker


# A real worker ------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
# The broker of the worker tests: a Redis database of their own, emptied before each worker starts.
BROKER_URL = os.environ.get("NEWSDESK_TEST_BROKER_URL", "redis://127.0.0.1:6379/2")
WORKER_SETTINGS = {
    "NEWSDESK_JOB_MAX_RETRIES": "2",  # pauses of at most 1 s and 2 s before a job gives up
    "NEWSDESK_JOB_SOFT_TIME_LIMIT": "20",
    "NEWSDESK_JOB_TIME_LIMIT": "30",
}


def database_url() -> str:
    """The test database as a DATABASE_URL, for another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` as production runs it (prefork, one process), on the test database and media folder."""

    def __init__(self, environ: dict):
        self.environ = environ
        self.process = None
        self.output: list[str] = []

    def start(self, timeout: float = 60) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "jobs.worker", "worker", "--pool=prefork", "--concurrency=1",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=self.environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        if not wait_for(lambda: any(" ready." in line for line in self.output) or self.process.poll() is not None,
                        timeout):
            raise AssertionError("the worker did not start:\n" + "".join(self.output))
        if self.process.poll() is not None:
            raise AssertionError("the worker stopped:\n" + "".join(self.output))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # a warm shutdown: the job at hand finishes
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def worker(transactional_db, settings, broker):
    """A real worker, not started yet (`worker.start()`), with this process queueing its jobs on the same broker.

    Redis must answer: the worker tests are the proof that jobs leave the request.
    """
    redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).flushdb()  # no job left from an earlier run
    environ = {
        **os.environ, **WORKER_SETTINGS,
        "DATABASE_URL": database_url(), "CELERY_BROKER_URL": BROKER_URL,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "NEWSDESK_PURGE_URLS": ",".join(settings.NEWSDESK_PURGE_URLS),
    }
    environ.pop("NEWSDESK_JOBS_EAGER", None)
    running = Worker(environ)
    with broker(BROKER_URL):
        yield running
        running.stop()
