import os
from pathlib import Path

import pytest

# live_server runs Django in a thread; Playwright's sync API runs an event loop in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP", "timezone_id": "Asia/Tokyo"}


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def any_page(request, browser, browser_context_args):
    """A page with JavaScript on, then off: every flow must work both ways."""
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": request.param})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
