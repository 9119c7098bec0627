"""Logging editors into the admin in their own browser contexts, and what they do there in many tests."""

from playwright.sync_api import expect

from tests.factories import make_staff

PASSWORD = "a-long-test-password"


def log_in(browser, live_server, browser_context_args, username, *, role=None, javascript=True, width=1280):
    """A page logged into the admin as `username` (created first in `role`, when given)."""
    if role:
        make_staff(role, username, password=PASSWORD)
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": javascript,
                                     "viewport": {"width": width, "height": 900}})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)
    return page


def add_figures(page, paths) -> None:
    """On a story's form, a figure row per picture on disk, captioned 写真N and described 説明N (N from 1)."""
    for n, path in enumerate(paths):
        page.locator("#figures-group .add-row a").click()
        page.set_input_files(f"#id_figures-{n}-image", str(path))
        page.fill(f"#id_figures-{n}-caption", f"写真{n + 1}")
        page.fill(f"#id_figures-{n}-alt_text", f"説明{n + 1}")
