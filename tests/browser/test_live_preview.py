"""The story form in Chromium: the live preview follows typing before any save; new tags and a source made where typed."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Source, Tag
from tests.browser.admin_session import log_in
from tests.factories import make_article, make_figure, make_source, make_tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_typing_in_the_body_shows_in_the_preview_before_saving(browser, live_server, browser_context_args, artifacts):
    article = make_article(status=Article.Status.DRAFT, published_at=None, body="最初の段落。\n\n[[figure:1]]")
    make_figure(article, caption="港のクレーン")
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    pane = page.locator("#nd-live-preview")
    expect(pane).to_be_visible()  # open by default on a wide screen
    frame = page.frame_locator(".nd-live-preview__frame")
    expect(frame.locator("figcaption")).to_have_text("港のクレーン")

    page.locator("#id_body").press("ControlOrMeta+End")
    page.locator("#id_body").press_sequentially("\n\n書き足した**段落**<script>document.title='x'</script>")
    expect(frame.locator(".article__body")).to_contain_text("書き足した段落<script>document.title='x'</script>")
    expect(frame.locator(".article__body strong")).to_have_text("段落")
    assert frame.locator("script").count() == 0
    page.fill("#id_key_points-0-heading", "プレビューで見る要点")
    expect(frame.locator(".key-points h3").first).to_have_text("プレビューで見る要点")
    page.screenshot(path=artifacts / "admin-live-preview.png")
    article.refresh_from_db()
    assert "書き足した" not in article.body  # nothing saved

    # Closed, it stays closed in this browser.
    page.get_by_role("button", name="プレビューを隠す").click()
    expect(pane).to_be_hidden()
    page.reload()
    expect(page.get_by_role("button", name="プレビューを表示")).to_be_visible()
    expect(pane).to_be_hidden()


def test_the_preview_sits_below_the_form_on_a_narrow_screen(browser, live_server, browser_context_args):
    page = log_in(browser, live_server, browser_context_args, "nao", role="Editor", width=800)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "狭い画面の見出し")
    frame = page.frame_locator(".nd-live-preview__frame")
    expect(frame.locator("h1")).to_contain_text("狭い画面の見出し")
    form_box = page.locator("#content-main").bounding_box()
    assert page.locator("#nd-live-preview").bounding_box()["y"] >= form_box["y"] + form_box["height"]


def choose_new(page, field: str, name: str) -> None:
    """Type `name` into a field's autocomplete and choose 「新規作成: name」."""
    page.locator(f"#id_{field} + .select2").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(name)
    page.locator(".select2-results__option", has_text=f"新規作成: {name}").click()


def test_an_editor_makes_two_new_tags_and_a_new_source_in_one_story(browser, live_server, browser_context_args):
    make_tag("AI研究")
    make_source("Harbor Ledger")
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    choose_new(page, "tags", "量子計算")
    expect(page.locator("#id_tags + .select2 .select2-selection__choice")).to_contain_text(["量子計算"])
    choose_new(page, "tags", "港湾物流")
    expect(page.locator("#id_tags + .select2 .select2-selection__choice")).to_contain_text(["量子計算", "港湾物流"])
    expect(page.locator(".field-tags .nd-new-filing-error")).to_have_count(0)  # no empty error box beside 「+」
    choose_new(page, "source", "Pacific Wire")
    expect(page.locator("#id_source + .select2 .select2-selection__rendered")).to_contain_text("Pacific Wire")
    # The entry names the new source once the server has made it: the field then holds its id.
    expect(page.locator("#id_source")).to_have_value(re.compile(r"^\d+$"))
    assert set(Tag.objects.values_list("name", flat=True)) == {"AI研究", "量子計算", "港湾物流"}

    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert sorted(article.tags.values_list("name", flat=True)) == ["港湾物流", "量子計算"]
    assert article.source == Source.objects.get(name="Pacific Wire")



@pytest.mark.parametrize("width", [1280, 1400])
def test_a_new_tag_refused_says_why_under_the_field(browser, live_server, browser_context_args, artifacts, width):
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor", width=width)
    page.route("**/admin/articles/name-new/", lambda route: route.fulfill(
        status=400, content_type="application/json", json={"error": "タグの名前が長すぎます。"},
    ))
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    row = page.locator(".field-tags")
    expect(row.locator(".nd-new-filing-error")).to_have_count(0)
    choose_new(page, "tags", "量子計算")
    note = row.locator(".nd-new-filing-error")
    expect(note).to_have_text("タグの名前が長すぎます。")
    expect(note).to_have_attribute("role", "alert")
    field = page.locator("#id_tags + .select2").bounding_box()
    assert note.bounding_box()["y"] >= field["y"] + field["height"]  # under the field, not beside its 「+」
    row.screenshot(path=artifacts / f"admin-new-tag-refused-{width}.png")
    assert not Tag.objects.exists()


def test_a_translator_is_offered_only_existing_tags(browser, live_server, browser_context_args):
    make_tag("AI研究")
    page = log_in(browser, live_server, browser_context_args, "tomo", role="Translator")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_tags + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("量子計算")
    options = page.locator(".select2-results__option")
    expect(options).to_have_count(1)
    expect(options).not_to_have_class(re.compile("loading-results"))
    expect(options).not_to_contain_text("新規作成")
