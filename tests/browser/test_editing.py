"""Editors in Chromium: two browsers saving the same story, previews, roles."""

import pytest
from playwright.sync_api import expect

from articles import revisions
from articles.models import Article
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import make_article, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

def editor(username: str, role: str = "Editor"):
    return make_staff(role, username, password=PASSWORD)


def test_saves_of_different_parts_in_two_browsers_merge_silently(browser, live_server, browser_context_args, artifacts):
    editor("alice"), editor("bob")
    article = make_article(status=Article.Status.DRAFT, published_at=None, key_points=2)
    revisions.record(article)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    alice = log_in(browser, live_server, browser_context_args, "alice")
    bob = log_in(browser, live_server, browser_context_args, "bob")
    alice.goto(url)
    bob.goto(url)

    bob.fill("#id_title", "ボブが直した見出し")
    bob.locator("input[name=_continue]").first.click()
    expect(bob.locator(".messagelist")).to_contain_text("保存しました。")

    alice.fill("#id_lead", "アリスが書いたリード")
    alice.locator("input[name=_continue]").first.click()
    # No alarm: her save went through and kept his title; one message says so.
    expect(alice.locator(".messagelist li")).to_have_count(1)
    expect(alice.locator(".messagelist .success")).to_contain_text("bob が保存した タイトル も残しています")
    expect(alice.locator(".errornote")).to_have_count(0)
    expect(alice.locator("#id_title")).to_have_value("ボブが直した見出し")
    expect(alice.locator("#id_lead")).to_have_value("アリスが書いたリード")
    article.refresh_from_db()
    assert (article.title, article.lead) == ("ボブが直した見出し", "アリスが書いたリード")


def test_a_real_conflict_in_two_browsers_shows_both_versions(browser, live_server, browser_context_args, artifacts):
    editor("alice"), editor("bob")
    article = make_article(status=Article.Status.DRAFT, published_at=None, key_points=2)
    revisions.record(article)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    alice = log_in(browser, live_server, browser_context_args, "alice")
    bob = log_in(browser, live_server, browser_context_args, "bob")
    alice.goto(url)
    bob.goto(url)

    bob.fill("#id_lead", "ボブのリード")
    bob.locator("input[name=_continue]").first.click()
    expect(bob.locator(".messagelist")).to_be_visible()

    alice.fill("#id_lead", "アリスのリード")
    alice.locator("input[name=_continue]").first.click()
    error = alice.locator("form#article_form .errornote, form#article_form .errorlist.nonfield")
    expect(error.last).to_contain_text("bob も同じ項目を変更して保存しました")
    expect(error.last).to_contain_text("リード — bob の版: 「ボブのリード」")
    expect(alice.locator("#id_lead")).to_have_value("アリスのリード")
    alice.screenshot(path=artifacts / "admin-conflict.png", full_page=True)
    article.refresh_from_db()
    assert article.lead == "ボブのリード"

    # Having seen both, she saves again; her lead is kept.
    alice.locator("input[name=_continue]").first.click()
    expect(alice.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.lead == "アリスのリード"


def test_a_translator_cannot_publish_from_the_browser(browser, live_server, browser_context_args):
    editor("tina", role="Translator")
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    page = log_in(browser, live_server, browser_context_args, "tina")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    options = page.locator("#id_status option").all_inner_texts()
    assert "公開" not in options and "予約公開" not in options and "レビュー待ち" in options
    page.goto(f"{live_server.url}/admin/articles/article/")
    assert "選択した記事を公開する" not in page.locator("select[name=action]").inner_text()


def test_the_preview_opens_like_the_public_page(browser, live_server, browser_context_args):
    editor("erin")
    article = make_article(status=Article.Status.DRAFT, published_at=None, title="まだ出ていない記事")
    page = log_in(browser, live_server, browser_context_args, "erin")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="プレビュー").click()
    preview = opened.value
    expect(preview.get_by_role("heading", level=1)).to_contain_text("まだ出ていない記事")
    expect(preview.get_by_text("原文を表示")).to_be_visible()
    expect(preview.locator(".preview-banner")).to_be_visible()
