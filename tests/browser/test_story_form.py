"""The story form in Chromium: axe-core on its pages, keyboard order, live counts, the paper's fields."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article, Source
from tests.browser.admin_session import log_in
from tests.factories import make_article, make_figure, make_source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serious_violations(page) -> list[str]:
    """axe-core's critical and serious findings on the page once its autocompletes are set up, one line each."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.select2-selection')].every(box => box.hasAttribute('aria-label'))"
    )
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): " + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]


def pick(page, field, text):
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


@pytest.fixture
def story():
    article = make_article(key_points=3, tags=("AI", "港湾"), category=None)
    make_figure(article)
    make_article(original_url="https://example.com/other", title="関連の記事")
    return article


def test_the_storys_add_change_and_list_pages_pass_axe(browser, live_server, browser_context_args, story, artifacts):
    page = log_in(browser, live_server, browser_context_args, "ada", role="Editor")
    for path in ("/admin/articles/article/add/", f"/admin/articles/article/{story.pk}/change/",
                 "/admin/articles/article/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert serious_violations(page) == [], path
    # A key point row added by the button, and an empty autocomplete, are named too.
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.locator("#key_points-group .add-row a").click()
    page.locator("#related_links-group .add-row a").click()
    expect(page.locator("#related_links-group .select2-selection").last).to_have_attribute(
        "aria-label", "新しい関連記事（編集部選定）: 関連記事")
    assert serious_violations(page) == []
    page.screenshot(path=artifacts / "admin-story-form.png", full_page=True)


def test_the_main_save_path_follows_the_readers_order_by_keyboard(browser, live_server, browser_context_args):
    source = make_source("Harbor Ledger")
    page = log_in(browser, live_server, browser_context_args, "kei", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.wait_for_load_state("load")
    page.locator("#id_original_title").focus()
    page.keyboard.type("Harbor cranes go electric")
    seen = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el.id || el.name || el.getAttribute('aria-label') || el.textContent.trim(); }"
        )
        seen.append(focused)
        if focused == "id_title":
            page.keyboard.type("港のクレーンが電動化")
        elif focused == "id_lead":
            page.keyboard.type("港湾のクレーンが電動化する。")
        elif focused == "id_original_url":
            page.keyboard.type("https://harbor.example/cranes")
        elif focused == "ソース":
            page.keyboard.press("Enter")
            page.keyboard.type("Harbor")
            expect(page.locator(".select2-results__option", has_text="Harbor Ledger")).to_be_visible()
            page.keyboard.press("Enter")
        elif focused == "_save":
            break
    order = ["id_title", "id_lead", "id_key_points-0-heading", "id_key_points-0-body", "id_impact_analysis",
             "id_editorial_comment", "id_original_body", "id_body", "id_original_url", "ソース", "id_status", "_save"]
    assert all(name in seen for name in order), seen
    assert [seen.index(name) for name in order] == sorted(seen.index(name) for name in order)
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("下書きとして保存しました。")
    article = Article.objects.get()
    assert (article.title, article.source, article.lead) == ("港のクレーンが電動化", source, "港湾のクレーンが電動化する。")


def test_counts_turn_to_a_warning_past_the_budget_and_text_areas_grow(browser, live_server, browser_context_args):
    page = log_in(browser, live_server, browser_context_args, "mio", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    count = page.locator("#id_title_count")
    page.fill("#id_title", "港のクレーンが電動化")
    expect(count).to_have_text("10／32字")
    expect(count).not_to_have_class("nd-count nd-count--over")
    page.fill("#id_title", "あ" * 40)
    expect(count).to_have_text("40／32字（8字超過）")
    expect(count).to_have_class("nd-count nd-count--over")
    expect(page.locator("#id_title")).to_have_attribute("aria-describedby", "id_title_helptext id_title_count")
    expect(page.locator("#id_key_points-0-body_count")).to_have_text("0／120字")

    body = page.locator("#id_key_points-0-body")
    before = body.bounding_box()["height"]
    body.fill("\n".join(f"{n}行目の要点。" for n in range(12)))
    page.wait_for_function("h => document.getElementById('id_key_points-0-body').offsetHeight > h", arg=before)


def test_the_papers_fields_show_only_for_a_papers_source(browser, live_server, browser_context_args):
    make_source("Harbor Ledger")
    make_source("Atlas Letters", kind=Source.Kind.PAPER)
    page = log_in(browser, live_server, browser_context_args, "rin", role="Editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    paper = page.locator("fieldset.nd-paper")
    expect(paper).to_be_hidden()
    pick(page, "source", "Atlas Letters")
    expect(paper).to_be_visible()
    expect(page.locator("#id_original_arxiv_id")).to_be_visible()  # opened, not just shown folded
    pick(page, "source", "Harbor Ledger")
    expect(paper).to_be_hidden()


def test_without_javascript_the_papers_fields_are_folded_but_there(browser, live_server, browser_context_args):
    page = log_in(browser, live_server, browser_context_args, "sen", role="Editor", javascript=False)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    expect(page.locator("fieldset.nd-paper")).to_be_visible()
    expect(page.locator("#id_original_arxiv_id")).to_be_hidden()
    page.locator("fieldset.nd-paper summary").click()
    expect(page.locator("#id_original_arxiv_id")).to_be_visible()
