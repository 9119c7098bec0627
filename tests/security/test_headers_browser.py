"""In Chromium: the Content-Security-Policy is enforced, and nothing of ours violates it.

Every page is opened with a listener for `securitypolicyviolation` events
installed before any script of the page runs, and every console message is
kept: a violation, or a console error or warning about CSP or the
Permissions-Policy header, fails the test.
"""

import json

import pytest
from playwright.sync_api import expect

from articles import previews
from articles.models import Article
from tests.factories import make_article, make_category, make_figure, make_source, make_tag

from .helpers import PASSWORD, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push({
  directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber,
}));
"""


class Watched:
    """A browser context whose pages report CSP violations and console complaints."""

    def __init__(self, browser, browser_context_args):
        self.context = browser.new_context(**browser_context_args)
        self.context.add_init_script(WATCH)
        self.console: list[tuple[str, str, str]] = []
        self.context.on("console", lambda m: self.console.append((m.type, m.text, m.page.url if m.page else "")))
        self.violations: list[dict] = []
        self.page = self.new_page()

    def new_page(self):
        page = self.context.new_page()
        page.set_default_timeout(10_000)
        return page

    def collect(self, page=None) -> list[dict]:
        page = page or self.page
        found = page.evaluate("window.__violations || []")
        page.evaluate("window.__violations = []")
        self.violations += [{**v, "page": page.url} for v in found]
        return found

    def complaints(self) -> list[tuple[str, str, str]]:
        """Console errors and warnings, less the 404s the tests ask for themselves."""
        return [
            m for m in self.console
            if m[0] in ("error", "warning")
            and not (m[1].startswith("Failed to load resource") and ("404" in m[1]))
        ]

    def assert_clean(self):
        assert not self.violations, json.dumps(self.violations, ensure_ascii=False, indent=1)
        assert not self.complaints(), "\n".join(map(str, self.complaints()))


@pytest.fixture
def watched(browser, browser_context_args):
    session = Watched(browser, browser_context_args)
    yield session
    session.context.close()


@pytest.fixture
def story():
    article = make_article(
        title="港のクレーンが電動化", tags=[make_tag("AI")], key_points=3,
        body="一段落目。\n\n[[figure:1]]\n\n## 背景\n\n二段落目。",
    )
    make_figure(article, caption="電動クレーン", credit="編集部")
    make_figure(article, position=2, video_url="https://video.example/watch/1")
    return article


def test_reader_pages_violate_nothing(watched, live_server, story):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    page = watched.page
    paths = [
        "/", story.get_absolute_url(), "/tag/ai/", f"/category/{story.category.slug}/", "/search/?q=クレーン",
        "/digest/2026-11-27/", "/no-such-page/", previews.preview_url(draft),
        # Not pages, opened directly: the strict resource policy must not trouble the browser's viewers.
        "/feeds/rss/", "/api/articles/", story.figures.first().image.url, "/robots.txt",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == (404 if path == "/no-such-page/" else 200), path
        page.wait_for_load_state("load")
        watched.collect()
    # The article page's JSON-LD block is there and readable, and CSP had nothing to say about it.
    page.goto(live_server.url + story.get_absolute_url())
    data = json.loads(page.locator('script[type="application/ld+json"]').first.text_content())
    assert data["@type"] == "NewsArticle"
    # enhance.js ran: it remembers an opened section.
    page.locator("details[data-remember-open] summary").first.click()
    watched.collect()
    watched.assert_clean()


def test_the_policy_is_enforced(watched, live_server, story):
    """An injected inline script, a foreign script and a foreign image are refused and reported."""
    page = watched.page
    page.goto(live_server.url + story.get_absolute_url())
    page.evaluate("""() => {
        const policy = trustedTypes.createPolicy("test-only", {createScript: s => s, createScriptURL: s => s});
        const inline = document.createElement("script");
        inline.text = policy.createScript("window.__ran = 'inline'");
        document.body.append(inline);
        const foreign = document.createElement("script");
        foreign.src = policy.createScriptURL("https://evil.example/x.js");
        document.body.append(foreign);
        const img = new Image();
        img.src = "https://evil.example/pixel.png";
        document.body.append(img);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    blocked = {(v["directive"], v["blocked"]) for v in watched.collect()}
    assert ("script-src-elem", "inline") in blocked
    assert ("script-src-elem", "https://evil.example/x.js") in blocked
    assert ("img-src", "https://evil.example/pixel.png") in blocked
    # And a DOM XSS sink refuses a plain string (Trusted Types).
    refused = page.evaluate("""() => {
        try { document.body.insertAdjacentHTML("beforeend", "<b>x</b>"); return false; }
        catch (e) { return e instanceof TypeError; }
    }""")
    assert refused


def test_the_admin_works_under_its_policy(watched, live_server, story):
    """Change form, autocomplete (select2), date widgets, inline add-row, our admin.js, a popup."""
    staff_user("superuser", "root")
    make_source("Harbor Ledger")
    make_category("テック")
    page = watched.page
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("root")
    watched.collect()

    page.goto(live_server.url + "/admin/articles/article/add/")
    # Autocomplete: select2 asks the admin's autocomplete view and shows the answer.
    page.locator("#id_source + .select2 .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Harbor")
    page.locator(".select2-results__option", has_text="Harbor Ledger").click()
    expect(page.locator("#id_source + .select2 .select2-selection__rendered")).to_contain_text("Harbor Ledger")
    # Date and time widgets: shortcuts and the calendar.
    published = page.locator(".field-published_at")
    published.locator(".datetimeshortcuts a", has_text="今日").click()
    published.locator(".datetimeshortcuts a", has_text="現在").click()
    expect(page.locator("#id_published_at_0")).not_to_have_value("")
    expect(page.locator("#id_published_at_1")).not_to_have_value("")
    published.locator(".datetimeshortcuts a[id^=calendarlink]").click()
    calendar = page.locator(".calendarbox:visible")
    expect(calendar).to_have_count(1)
    calendar.locator(".calendarnav-next").click()
    calendar.locator("a", has_text="キャンセル").click()
    expect(calendar).to_have_count(0)
    # Inline add-row, then our admin.js moves the new row up.
    key_points = page.locator("#key_points-group tr.form-row:not(.empty-form)")
    before = key_points.count()
    page.locator("#key_points-group .add-row a").click()
    expect(key_points).to_have_count(before + 1)
    page.locator("#key_points-group .nd-move button").first.click()
    # The "+" beside a related field opens a popup whose save fills the field.
    with page.expect_popup() as opened:
        page.locator("#add_id_category").click()
    popup = opened.value
    popup.wait_for_load_state()
    popup.fill("#id_name", "サイエンス")
    popup.locator("input[name=_save]").click()
    expect(page.locator("#id_category option:checked")).to_have_text("サイエンス")
    watched.collect()

    for path in (
        "/admin/", "/admin/articles/article/", f"/admin/articles/article/{story.pk}/change/",
        f"/admin/articles/article/{story.pk}/revisions/", f"/admin/articles/article/{story.pk}/history/",
        "/admin/articles/dailydigest/add/", "/admin/auth/user/", "/admin/auth/user/add/",
    ):
        assert page.goto(live_server.url + path).status == 200, path
        page.wait_for_load_state("load")
        watched.collect()
    watched.assert_clean()
