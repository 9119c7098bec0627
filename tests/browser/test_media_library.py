"""The media library in Chromium: an editor picks a photo another story already shows for a new story's figure."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from images.models import Image
from tests.browser.admin_session import log_in
from tests.factories import after_commit, at, make_article, make_figure, make_source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_editor_picks_a_library_photo_for_a_new_story_and_readers_see_it_in_both(
    browser, live_server, browser_context_args, artifacts, media_root,
):
    make_source("Harbor Ledger")
    first = make_article(title="港のクレーンが電動化", published_at=at(2026, 11, 27, 9, 30),
                         body="一段落目。\n\n[[figure:1]]\n\n二段落目。")
    with after_commit():  # its renditions are made once the save commits
        make_figure(first, alt_text="夜明けの港に並ぶクレーン", caption="横浜港の朝", credit="撮影: 編集部")
    photo = Image.objects.get()

    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_original_title", "Cranes, a year on")
    page.fill("#id_title", "電動クレーン、一年後")
    page.fill("#id_lead", "電動化から一年、港の騒音と燃料費が減った。")
    page.fill("#id_key_points-0-heading", "燃料費が三割減")
    page.fill("#id_original_body", "First.\n\nSecond.")
    page.fill("#id_body", "一段落目。\n\n[[figure:1]]\n\n二段落目。")
    page.fill("#id_original_url", "https://harbor.example/cranes-a-year-on")
    page.locator("#id_source + .select2").click()
    page.locator(".select2-search__field[aria-controls='select2-id_source-results']").fill("Harbor")
    page.locator(".select2-results__option", has_text="Harbor Ledger").click()
    page.locator("#id_status").select_option(value="published")
    page.fill("#id_published_at_0", "2026-11-28")
    page.fill("#id_published_at_1", "09:00:00")

    # 「ライブラリから選ぶ」 instead of uploading: results show thumbnails; picking fills the empty texts.
    page.locator("#figures-group .add-row a").click()
    row = page.locator("#figures-0")
    row.locator(".field-image_item .select2").click()
    page.locator(".select2-search__field[aria-controls='select2-id_figures-0-image_item-results']").fill("横浜")
    result = page.locator(".select2-results__option .nd-library-result", has_text="横浜港の朝")
    expect(result.locator("img")).to_have_attribute("src", photo.thumbnail_url())
    page.screenshot(path=artifacts / "admin-library-picker.png")
    result.click()
    expect(row.locator("[name='figures-0-alt_text']")).to_have_value("夜明けの港に並ぶクレーン")
    expect(row.locator("[name='figures-0-credit']")).to_have_value("撮影: 編集部")
    expect(row.locator("img[data-nd-figure-preview]")).to_have_attribute("src", photo.thumbnail_url())
    row.locator("[name='figures-0-caption']").fill("一年後の横浜港")  # this story's own caption
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    second = Article.objects.get(title="電動クレーン、一年後")
    figure = second.figures.get()
    assert figure.image_item == photo and Image.objects.count() == 1
    for story, caption in ((second, "一年後の横浜港"), (first, "横浜港の朝")):
        page.goto(live_server.url + story.get_absolute_url())
        shown = page.locator("article figure").first
        expect(shown.locator("img")).to_have_attribute("alt", "夜明けの港に並ぶクレーン")
        expect(shown).to_contain_text(caption)
        assert photo.rendition(800)["jpeg"] in shown.locator("img").get_attribute("src")
        assert page.evaluate("document.querySelector('article figure img').naturalWidth") > 0
    page.screenshot(path=artifacts / "reader-library-photo.png")

    # The library says where the photo is used.
    page.goto(f"{live_server.url}/admin/images/image/{photo.pk}/change/")
    used = page.locator(".field-used_by")
    expect(used.get_by_role("link", name="港のクレーンが電動化")).to_be_visible()
    expect(used.get_by_role("link", name="電動クレーン、一年後")).to_be_visible()
    page.screenshot(path=artifacts / "admin-library-image.png", full_page=True)
