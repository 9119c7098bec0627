"""The inbox in Chromium: an item the feed brought → 「翻訳を始める」 → the draft's form with a clean original."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article
from ingest import polling
from ingest.models import Feed
from tests.browser.admin_session import log_in
from tests.factories import make_source
from tests.ingest import samples
from tests.loopback_web import loopback_web

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious_violations(page) -> list:
    """Serious axe-core findings in the page's own content (Django's header and breadcrumbs are the admin's)."""
    violations = Axe().run(page, context="#content").response["violations"]
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations
            if v["impact"] in ("serious", "critical")]


@pytest.fixture
def web(settings):
    with loopback_web(settings) as server:
        yield server


def test_an_inbox_item_becomes_a_draft_with_a_clean_original(browser, live_server, browser_context_args, web,
                                                              artifacts):
    web.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    page_url = web.serve("/world/eastmouth-port", samples.article_page())
    web.serve("/world.rss", samples.rss([{"title": "Eastmouth port to double capacity", "link": page_url,
                                          "summary": "The plan doubles the port."}]),
              content_type="application/rss+xml")
    feed = Feed.objects.create(source=make_source("Harbor Ledger"), url=web.url("/world.rss"))
    polling.poll_feed(feed)
    page = log_in(browser, live_server, browser_context_args, "yuki", role="Translator")

    page.goto(live_server.url + "/admin/ingest/inboxitem/")
    expect(page.locator("#result_list")).to_contain_text("Eastmouth port to double capacity")
    expect(page.locator("#result_list")).to_contain_text("Harbor Ledger")
    page.screenshot(path=artifacts / "admin-inbox.png", full_page=True)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Eastmouth port to double capacity").click()
    page.get_by_role("button", name="原文を取得してプレビュー").click()
    expect(page.locator(".inbox-preview")).to_contain_text("## A long review ahead")
    expect(page.locator(".inbox-preview")).to_contain_text("Photo: Lena Ruiz / Harbor Ledger")
    page.screenshot(path=artifacts / "admin-inbox-preview.png", full_page=True)
    assert serious_violations(page) == []
    page.get_by_role("button", name="翻訳を始める").click()

    expect(page.locator(".messagelist")).to_contain_text("下書きを作りました")
    article = Article.objects.get()
    assert page.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_original_body").input_value()
    assert body.startswith(samples.ARTICLE_PARAGRAPHS[0])
    assert "## A long review ahead" in body and "## Cost questions" in body
    for furniture in ("alert", "Watch now", "Play video", "Subscribe", "Advertisement", "Home"):
        assert furniture not in body
    expect(page.locator("#id_original_author")).to_have_value("Jane Marlow")
    expect(page.locator("#id_original_url")).to_have_value(page_url)
    page.screenshot(path=artifacts / "admin-inbox-draft.png", full_page=True)
    page.context.close()
