"""The desk in two browsers: a Translator and an Editor hand a story back and forth until it is scheduled."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import revisions
from articles.models import Article
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import make_article, make_staff
from tests.helpers import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.review_rule,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_draft_review_sent_back_fixed_approved_and_scheduled(browser, live_server, browser_context_args, artifacts, smtp):
    translator = make_staff("Translator", "tanaka", password=PASSWORD, email="tanaka@newsdesk.test")
    make_staff("Editor", "sato", password=PASSWORD, email="sato@newsdesk.test")
    article = make_article(status=Article.Status.DRAFT, published_at=None, key_points=2, title="港のクレーンが電動化",
                           lead="とても長いリードです。とても長いリードです。")
    revisions.record(article, by=translator)
    story = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    tanaka = log_in(browser, live_server, browser_context_args, "tanaka")
    sato = log_in(browser, live_server, browser_context_args, "sato")
    try:
        hand_the_story_around(tanaka, sato, live_server, article, story, artifacts, smtp)
    finally:  # closed while the server still answers (a closing page may still post its autosave)
        tanaka.context.close()
        sato.context.close()


def hand_the_story_around(tanaka, sato, live_server, article, story, artifacts, smtp):

    # The translator sends the draft to review, naming the editor.
    tanaka.goto(story)
    panel = tanaka.locator("#desk-review")
    panel.get_by_label("レビュー担当").select_option(label="sato")
    panel.get_by_label("依頼のメモ（任意）").fill("見出しの訳を見てください")
    panel.get_by_role("button", name="レビューを依頼する").click()
    expect(tanaka.locator(".messagelist")).to_contain_text("レビューに出しました。")
    expect(tanaka.locator("#desk-review")).to_contain_text("tanakaさんが sato に依頼")

    # The editor is told in the admin and by e-mail.
    assert wait_for(lambda: smtp.to("sato@newsdesk.test"))
    sato.goto(live_server.url + "/admin/")
    expect(sato.locator("#desk-bell .nd-bell-count")).to_have_text("1")
    expect(sato.locator("#desk-waiting")).to_contain_text("港のクレーンが電動化")
    sato.screenshot(path=artifacts / "admin-desk-dashboard-editor.png", full_page=True)
    sato.locator("#desk-bell").click()
    expect(sato.locator(".nd-notifications")).to_contain_text("tanakaさんが「港のクレーンが電動化」のレビューを依頼しました。")
    sato.get_by_role("button", name="港のクレーンが電動化").click()
    expect(sato).to_have_url(story)
    expect(sato.locator("#desk-bell .nd-bell-count")).to_have_count(0)

    # The editor sends it back with a note; a note on the form asks the translator by name.
    sato.locator("#desk-decision-note").fill("リードを一文にしてください")
    sato.get_by_role("button", name="差し戻す").click()
    expect(sato.locator(".messagelist")).to_contain_text("差し戻しました。")
    sato.locator("#desk-note-text").fill("@tanaka 出典の年も確認を")
    sato.locator("#desk-note-field").select_option(value="lead")
    sato.get_by_role("button", name="書き込む").click()
    expect(sato.locator("#desk-notes .nd-note")).to_contain_text("出典の年も確認を")
    sato.locator("#desk-notes").screenshot(path=artifacts / "admin-desk-panel.png")

    # The translator sees it on their desk, fixes the lead, resolves the note and asks again.
    tanaka.goto(live_server.url + "/admin/")
    expect(tanaka.locator("#desk-bell .nd-bell-count")).to_have_text("2")
    expect(tanaka.locator("#desk-drafts")).to_contain_text("差し戻し")
    expect(tanaka.locator("#desk-notes")).to_contain_text("出典の年も確認を")
    tanaka.goto(story)
    expect(tanaka.locator("#desk-review")).to_contain_text("リードを一文にしてください")
    tanaka.locator("#id_lead").fill("港湾のクレーンが電動化される。")
    tanaka.locator("input[name=_continue]").first.click()
    expect(tanaka.locator(".messagelist")).to_be_visible()
    tanaka.locator("#desk-notes").get_by_role("button", name="解決済みにする").click()
    expect(tanaka.locator("#desk-notes .nd-note-resolved")).to_have_count(1)
    tanaka.locator("#desk-review").get_by_role("button", name="レビューを依頼する").click()
    expect(tanaka.locator(".messagelist")).to_contain_text("レビューに出しました。")
    # The translator has nothing to approve with, nor a way to publish.
    expect(tanaka.get_by_role("button", name="承認する")).to_have_count(0)

    # The editor approves, then schedules it for tomorrow morning.
    sato.goto(story)
    sato.get_by_role("button", name="承認する").click()
    expect(sato.locator(".messagelist")).to_contain_text("承認しました。この記事は公開・予約できます。")
    tomorrow = timezone.localdate() + timedelta(days=1)
    sato.locator("#id_status").select_option(value="scheduled")
    sato.locator("#id_published_at_0").fill(tomorrow.isoformat())
    sato.locator("#id_published_at_1").fill("09:00:00")
    sato.locator("input[name=_continue]").first.click()
    expect(sato.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED and article.reviewed_by.username == "sato"

    # Both desks and the calendar show it.
    for page in (sato, tanaka):
        page.goto(live_server.url + "/admin/")
        expect(page.locator("#desk-scheduled")).to_contain_text("港のクレーンが電動化")
    expect(tanaka.locator("#desk-notes")).not_to_contain_text("出典の年も確認を")
    tanaka.get_by_role("link", name="今週のカレンダー").click()
    sato.goto(f"{live_server.url}/admin/desk/calendar/?week={tomorrow.isoformat()}")
    expect(sato.locator(".nd-week")).to_contain_text("港のクレーンが電動化")
    sato.screenshot(path=artifacts / "admin-desk-calendar.png", full_page=True)
    tanaka.screenshot(path=artifacts / "admin-desk-dashboard-translator.png", full_page=True)
