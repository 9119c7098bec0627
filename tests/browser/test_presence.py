"""Presence in two browsers: an editor with a story open is shown to another on its form and in the list, until they leave."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from editorial import presence
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import make_article, make_staff
from tests.helpers import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_second_editor_sees_the_first_on_the_form_and_in_the_list_until_they_leave(
    browser, live_server, browser_context_args, artifacts, settings,
):
    settings.NEWSDESK_PRESENCE_HEARTBEAT_SECONDS = 5  # the shortest the form's script takes
    make_staff("Editor", "sato", password=PASSWORD)
    make_staff("Translator", "tanaka", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None, title="港のクレーンが電動化")
    story = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    sato = log_in(browser, live_server, browser_context_args, "sato")
    tanaka = log_in(browser, live_server, browser_context_args, "tanaka")
    try:
        sato.goto(story)
        expect(sato.locator("#nd-presence")).to_be_hidden()  # nobody else is on it
        assert wait_for(lambda: presence.editing([article.pk]), seconds=10)

        # The translator opens the same story: told who is on it and since when; nothing is locked.
        tanaka.goto(story)
        notice = tanaka.locator("#nd-presence")
        expect(notice).to_contain_text("satoさんが編集中です（たった今から）")
        expect(notice).to_contain_text("記事はロックされません。")
        expect(tanaka.locator("input[name=_continue]").first).to_be_enabled()
        tanaka.screenshot(path=artifacts / "admin-presence-form.png")
        # The first editor's form learns of the second at its next heartbeat.
        expect(sato.locator("#nd-presence")).to_contain_text("tanakaさんが編集中です", timeout=15_000)

        # In the list, the story's row says it too (and not about the translator themselves).
        tanaka.goto(live_server.url + "/admin/articles/article/")
        row = tanaka.locator("#result_list tr", has_text="港のクレーンが電動化")
        expect(row.locator(".nd-editing")).to_have_text("satoさんが編集中です（たった今から）")
        expect(tanaka.locator(".nd-editing", has_text="tanaka")).to_have_count(0)
        row.screenshot(path=artifacts / "admin-presence-list-row.png")

        # The editor leaves the story: it clears without waiting for them to go idle.
        sato.goto(live_server.url + "/admin/")
        assert wait_for(lambda: not presence.editing([article.pk]), seconds=10)
        tanaka.reload()
        expect(tanaka.locator("#result_list tr", has_text="港のクレーンが電動化")).to_be_visible()
        expect(tanaka.locator(".nd-editing")).to_have_count(0)
        tanaka.goto(story)
        expect(tanaka.locator("#nd-presence")).to_be_hidden()
    finally:  # closed while the server still answers (a closing page sends its leaving)
        sato.context.close()
        tanaka.context.close()


def test_an_editor_without_javascript_edits_as_ever_and_is_not_shown(browser, live_server, browser_context_args):
    make_staff("Editor", "sato", password=PASSWORD)
    make_staff("Editor", "suzuki", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None, title="港のクレーンが電動化")
    story = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    sato = log_in(browser, live_server, browser_context_args, "sato", javascript=False)
    suzuki = log_in(browser, live_server, browser_context_args, "suzuki")
    try:
        sato.goto(story)
        sato.locator("#id_lead").fill("港湾のクレーンが電動化される。")
        sato.locator("input[name=_continue]").first.click()
        expect(sato.locator(".messagelist")).to_be_visible()
        suzuki.goto(story)
        expect(suzuki.locator("#id_lead")).to_have_value("港湾のクレーンが電動化される。")
        expect(suzuki.locator("#nd-presence")).to_be_hidden()
    finally:
        sato.context.close()
        suzuki.context.close()
