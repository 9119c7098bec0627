"""Figures in the story form, in Chromium: uploads that survive errors, errors you can find, figures placed by buttons."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.admin_session import add_figures, log_in
from tests.factories import at, image_bytes, make_article, make_figure, make_source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def images(tmp_path):
    """Three pictures an editor has on disk, each of its own width."""
    paths = []
    for n, colour in enumerate([(200, 60, 60), (60, 160, 60), (60, 60, 200)], start=1):
        path = tmp_path / f"photo-{n}.jpg"
        path.write_bytes(image_bytes(size=(300 + n, 200), color=colour))
        paths.append(path)
    return paths


def pick_source(page, name):
    page.locator("#id_source + .select2").click()
    page.locator(".select2-search__field[aria-controls='select2-id_source-results']").fill(name)
    page.locator(".select2-results__option", has_text=name).click()


def test_a_new_story_with_three_figures_survives_a_forgotten_source(
    browser, live_server, browser_context_args, artifacts, images,
):
    make_source("Harbor Ledger")
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_original_title", "Harbor cranes go electric")
    page.fill("#id_title", "港のクレーンが電動化")
    page.fill("#id_original_body", "First.\n\nSecond.\n\nThird.")
    page.fill("#id_body", "一段落目。\n\n二段落目。\n\n三段落目。")
    page.fill("#id_original_url", "https://harbor.example/cranes")
    add_figures(page, images)
    page.locator("input[name=_continue]").first.click()

    errors = page.locator("[data-nd-error-links]")
    expect(errors).to_contain_text("ソース: このフィールドは必須です。")
    expect(errors.get_by_role("link", name="ソース")).to_have_attribute("href", "#id_source")
    # The first error's field is in view and has the focus (the autocomplete's own box).
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("aria-label", "ソース")
    expect(focused).to_be_in_viewport()
    page.screenshot(path=artifacts / "admin-figures-errors.png")
    # The chosen pictures are still there, as thumbnails: nothing is chosen again.
    kept = page.locator("#figures-group img.nd-thumb")
    expect(kept).to_have_count(3)
    expect(page.locator("#figures-group")).to_contain_text("「photo-2.jpg」を選択済みです")
    page.locator("#figures-group").screenshot(path=artifacts / "admin-figures-kept.png")

    pick_source(page, "Harbor Ledger")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get()
    figures = list(article.figures.all())
    assert [(f.caption, f.width) for f in figures] == [("写真1", 301), ("写真2", 302), ("写真3", 303)]
    assert all(f.image.storage.exists(f.image.name) for f in figures)


@pytest.fixture
def story_with_three_figures():
    story = make_article(
        title="三枚の写真の記事", published_at=at(2026, 11, 27, 9, 30),
        body="段落1。\n\n[[figure:1]]\n\n段落2。\n\n[[figure:2]]\n\n段落3。\n\n[[figure:3]]",
    )
    for n in range(1, 4):
        make_figure(story, position=n, caption=f"写真{n}", alt_text=f"説明{n}")
    return story


def reading_order(page):
    """Paragraphs and figure captions of the reader page's body, in order."""
    return re.findall(r"段落\d。|写真\d", page.locator(".article__body").inner_text())


def test_reordering_figures_keeps_each_picture_at_its_paragraph(
    browser, live_server, browser_context_args, artifacts, story_with_three_figures,
):
    story = story_with_three_figures
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor")
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    before = reading_order(page)
    assert before == ["段落1。", "写真1", "段落2。", "写真2", "段落3。", "写真3"]

    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.locator("#figures-0").get_by_role("button", name="下へ移動").click()
    page.locator("#figures-0").get_by_role("button", name="下へ移動").click()
    # The markers in the body follow at once: picture 1 is now figure 3.
    expect(page.locator("#id_body")).to_have_value(
        "段落1。\n\n[[figure:3]]\n\n段落2。\n\n[[figure:1]]\n\n段落3。\n\n[[figure:2]]"
    )
    page.locator("#figures-group").screenshot(path=artifacts / "admin-figures-reordered.png")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(story.figures.values_list("caption", flat=True)) == ["写真2", "写真3", "写真1"]

    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    assert reading_order(page) == before


def test_a_marker_pointing_at_no_figure_is_refused_naming_it(
    browser, live_server, browser_context_args, artifacts, story_with_three_figures,
):
    story = story_with_three_figures
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.fill("#id_body", "段落1。\n\n[[figure:1]]\n\n[[figure:9]]")
    page.locator("input[name=_continue]").first.click()
    errors = page.locator("[data-nd-error-links]")
    expect(errors).to_contain_text("本文の [[figure:9]] に当たる図がありません（図は 3 点です）")
    expect(page.locator(":focus")).to_have_id("id_body")
    page.screenshot(path=artifacts / "admin-figures-unknown-marker.png")
    story.refresh_from_db()
    assert "[[figure:9]]" not in story.body


def test_insert_figure_puts_its_marker_at_the_cursor(browser, live_server, browser_context_args,
                                                     story_with_three_figures):
    story = story_with_three_figures
    story.body = "段落1。\n\n段落2。"
    story.save()
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    for body, cursor in (("#id_body", len("段落1。")), ("#id_original_body", 0)):
        page.locator(body).click()
        page.locator(body).evaluate("(el, at) => el.setSelectionRange(at, at)", cursor)
        tool = page.locator(f"{body} + .nd-figure-tool")
        tool.get_by_role("combobox", name="挿入する図").select_option(label="図 2（写真2）")
        tool.get_by_role("button", name="図を挿入").click()
    expect(page.locator("#id_body")).to_have_value("段落1。\n\n[[figure:2]]\n\n段落2。")
    expect(page.locator("#id_original_body")).to_have_value(
        "[[figure:2]]\n\n" + Article.objects.get(pk=story.pk).original_body
    )


def test_without_javascript_a_replacement_image_survives_an_error(
    browser, live_server, browser_context_args, artifacts, images, story_with_three_figures,
):
    story = story_with_three_figures
    page = log_in(browser, live_server, browser_context_args, "erin", role="Editor", javascript=False)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.fill("#id_title", "")
    page.set_input_files("#id_figures-1-image", str(images[0]))
    page.locator("input[name=_continue]").first.click()
    expect(page.locator("[data-nd-error-links]").get_by_role("link", name="タイトル")).to_have_attribute(
        "href", "#id_title",
    )
    expect(page.locator("#figures-1")).to_contain_text("「photo-1.jpg」を選択済みです")
    page.locator("#figures-group").screenshot(path=artifacts / "admin-figures-kept-no-js.png")
    page.fill("#id_title", "三枚の写真の記事")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(story.figures.values_list("caption", "width")) == [("写真1", 64), ("写真2", 301), ("写真3", 64)]
