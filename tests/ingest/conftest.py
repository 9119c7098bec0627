"""The inbox's tests fetch from a real server on loopback (tests/loopback_web.py)."""

import pytest

from tests.loopback_web import loopback_web


@pytest.fixture
def web(settings):
    """A live server on a loopback port; fetching loopback is allowed for it."""
    with loopback_web(settings) as server:
        yield server
