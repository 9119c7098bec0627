from contextlib import contextmanager

import pytest

from jobs import engine


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
