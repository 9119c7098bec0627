"""The story list at 1280 px in Chromium: every column in view without a sideways scroll, and the tag box."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.admin_session import log_in
from tests.factories import make_article, make_category, make_tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG = "独Rheinwerk Robotik、組み立てラインで「世界モデル」を試験導入 段取り替えを数時間に短縮し、欧州の中堅工場に広げる計画"


@pytest.fixture
def stories():
    science = make_category("テクノロジー")
    for n in range(80):
        make_tag(f"タグ{n:02d}")  # the filter never lists these
    now = timezone.now()
    for n in range(12):
        make_article(title=f"{LONG}（{n}）", original_url=f"https://example.com/{n}", category=science,
                     published_at=now - timedelta(hours=n), tags=("港湾",) if n % 3 == 0 else ("AI",))
    make_article(title="予約した記事", status=Article.Status.SCHEDULED, published_at=now + timedelta(days=2),
                 original_url="https://example.com/scheduled", tags=("港湾",))


def test_the_list_fits_1280_px_with_the_publish_time_in_view(browser, live_server, browser_context_args, stories,
                                                             artifacts):
    page = log_in(browser, live_server, browser_context_args, "ada", role="Editor", width=1280)
    page.goto(live_server.url + "/admin/articles/article/")
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    assert page.evaluate("() => { const r = document.querySelector('#changelist .results');"
                         " return r.scrollWidth <= r.clientWidth; }")
    published = page.locator("#result_list thead th.column-published")
    expect(published).to_be_visible()
    expect(published).to_contain_text("公開日時")
    box = published.bounding_box()
    assert box["x"] + box["width"] <= 1280
    expect(page.locator("#result_list td.field-published").first).to_contain_text(
        timezone.localtime().strftime("%Y/%m/%d")[:4])
    # The headline is the widest column.
    widths = page.evaluate("() => [...document.querySelectorAll('#result_list thead th')]"
                           ".map(th => [th.className, th.getBoundingClientRect().width])")
    headline = next(width for name, width in widths if "column-headline" in name)
    assert headline == max(width for _name, width in widths) and headline >= 280
    # The state is a chip with words in it.
    expect(page.locator("#result_list .nd-chip").first).to_have_text("予約公開")  # the newest first: the scheduled one
    page.screenshot(path=artifacts / "admin-story-list-1280.png", full_page=True)


def test_the_tag_filter_suggests_as_the_editor_types(browser, live_server, browser_context_args, stories):
    page = log_in(browser, live_server, browser_context_args, "ada", role="Editor", width=1280)
    page.goto(live_server.url + "/admin/articles/article/?status__exact=published")
    expect(page.locator("#changelist-filter")).not_to_contain_text("タグ00")
    box = page.get_by_label("タグ名を入力")
    box.press_sequentially("港")
    expect(page.locator("#nd-tag-suggestions option")).to_have_count(1)
    expect(page.locator("#nd-tag-suggestions option")).to_have_attribute("value", "港湾")
    box.press_sequentially("湾")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"status__exact=published.*tag=%E6%B8%AF%E6%B9%BE"))
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(4)  # the scheduled one is left out by the status filter kept along
    expect(page.locator("#nd-tag-filter")).to_have_value("港湾")
    page.get_by_role("link", name="タグの絞り込みを解除").click()
    expect(rows).to_have_count(12)
