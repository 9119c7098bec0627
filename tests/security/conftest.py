import itertools

import pytest
from django.test import Client

# Chromium settings shared with tests/browser/ (Debian's Chromium, sandbox off, ja-JP).
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401

from .helpers import staff_user


@pytest.fixture
def logged_in():
    """logged_in(role) → a Client signed in as a new user of that role ("superuser" too)."""
    numbers = itertools.count(1)

    def make(role: str, **kwargs) -> Client:
        client = Client(**kwargs)
        client.force_login(staff_user(role, f"{role.lower().replace(' ', '_')}{next(numbers)}"))
        return client
    return make
