"""The feeds' and the originals' re-check lists at 1280 px in Chromium: a long error wraps, nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from ingest.models import Feed, OriginalCheck
from tests.browser.admin_session import log_in
from tests.factories import make_article, make_source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ERROR = ("https://feeds.example-news-outlet.com/world/europe/economy/rss.xml?format=full&region=eu への接続に失敗しました:"
         " サーバーが 503 Service Unavailable を返しました（しばらくしてから再試行されます）。" * 3)


@pytest.fixture
def failing():
    source = make_source("Rheinwerk Wirtschaftszeitung")
    for n in range(3):
        Feed.objects.create(source=source, title=f"Rheinwerk Wirtschaftszeitung – Europa und Weltwirtschaft {n}",
                            url=f"https://feeds.example-news-outlet.com/world/europe/economy/rss-{n}.xml?format=full",
                            last_error=ERROR)
        story = make_article(title=f"独Rheinwerk Robotik、組み立てラインで「世界モデル」を試験導入（{n}）",
                             original_url=f"https://example.com/{n}")
        OriginalCheck.objects.create(article=story, last_error=ERROR)


@pytest.mark.parametrize("url", ["/admin/ingest/feed/", "/admin/ingest/originalcheck/"])
def test_the_list_fits_1280_px_with_the_whole_error_at_hand(browser, live_server, browser_context_args, failing,
                                                            artifacts, url):
    page = log_in(browser, live_server, browser_context_args, "ada", role="Editor", width=1280)
    page.goto(live_server.url + url)
    error = page.locator("#result_list td.field-error").first
    expect(error).to_be_visible()
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    assert page.evaluate("() => { const r = document.querySelector('#changelist .results');"
                         " return r.scrollWidth <= r.clientWidth; }")
    box = error.bounding_box()
    assert box["x"] + box["width"] <= 1280
    expect(error.locator("[title]")).to_have_attribute("title", ERROR.strip())
    page.screenshot(path=artifacts / f"admin-{url.split('/')[3]}-list-1280.png", full_page=True)
