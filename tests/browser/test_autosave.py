"""Autosave in Chromium: what an editor typed survives a closed browser, and a changed form asks before it is left."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from articles import revisions
from articles.models import Article
from editorial import presence
from editorial.models import Autosave
from tests.browser.admin_session import PASSWORD, add_figures, log_in
from tests.factories import image_bytes, make_article, make_figure, make_source, make_staff, make_tag
from tests.helpers import single, wait_for
from tests.htmlforms import form_fields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SAVED = re.compile(r"自動保存しました \d\d:\d\d")


def test_an_existing_storys_unsaved_edits_come_back_in_a_new_browser(
        browser, live_server, browser_context_args, artifacts):
    make_staff("Editor", "erin", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None, key_points=2, lead="保存済みのリード。")
    make_figure(article, caption="保存済みのキャプション")
    revisions.record(article)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    first = log_in(browser, live_server, browser_context_args, "erin")
    first.goto(url)
    first.fill("#id_lead", "まだ保存していないリード。")
    first.fill("#id_figures-0-caption", "直したキャプション")
    first.locator("#id_body").press("ControlOrMeta+End")
    first.locator("#id_body").press_sequentially("\n\n書き足した最後の段落。")
    first.fill("#id_key_points-1-heading", "直した要点の見出し")
    expect(first.locator(".nd-autosave-status").last).to_have_text(SAVED, timeout=15_000)
    first.locator(".submit-row").last.screenshot(path=artifacts / "admin-autosave-status.png")
    first.context.close()  # the browser is gone; nothing was saved
    article.refresh_from_db()
    assert article.lead == "保存済みのリード。"

    second = log_in(browser, live_server, browser_context_args, "erin")
    second.goto(url)
    banner = second.locator("#nd-autosave-offer")
    expect(banner).to_contain_text("自動保存された未保存の変更があります（")
    rows = banner.locator("tbody th")
    # In the form's order, which is the reader's.
    expect(rows).to_have_text(["リード", "キーポイント 2：見出し", "本文", "図 1：キャプション"])
    expect(banner.locator("tbody tr", has_text="リード")).to_contain_text("まだ保存していないリード。")
    expect(banner.locator("tbody tr", has_text="リード")).to_contain_text("保存済みのリード。")
    second.screenshot(path=artifacts / "admin-autosave-offer.png", full_page=False)

    banner.get_by_role("button", name="復元する").click()
    expect(banner).to_be_hidden()
    expect(second.locator("#id_lead")).to_have_value("まだ保存していないリード。")
    expect(second.locator("#id_body")).to_have_value(re.compile("書き足した最後の段落。$"))
    expect(second.locator("#id_key_points-1-heading")).to_have_value("直した要点の見出し")
    expect(second.locator("#id_figures-0-caption")).to_have_value("直したキャプション")
    article.refresh_from_db()
    assert article.lead == "保存済みのリード。"  # restoring fills the form; only saving saves

    second.locator("input[name=_continue]").first.click()
    expect(second.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.lead == "まだ保存していないリード。"
    assert article.body.endswith("書き足した最後の段落。")
    assert [kp.heading for kp in article.key_points.all()] == ["要点1", "直した要点の見出し"]
    assert article.figures.get().caption == "直したキャプション"
    assert not Autosave.objects.exists()  # done with once the story is saved


def test_a_new_story_comes_back_on_the_add_page(browser, live_server, browser_context_args, artifacts):
    make_staff("Editor", "erin", password=PASSWORD)
    make_source("Harbor Ledger")
    make_tag("港湾")
    add_url = f"{live_server.url}/admin/articles/article/add/"

    first = log_in(browser, live_server, browser_context_args, "erin")
    first.goto(add_url)
    first.fill("#id_original_title", "Harbor cranes go electric")
    first.fill("#id_original_url", "https://news.example/harbor-cranes")
    first.fill("#id_title", "港のクレーンが電動化")
    first.fill("#id_lead", "新しい記事のリード。")
    first.fill("#id_key_points-0-heading", "一つ目の要点")
    first.fill("#id_key_points-0-body", "一つ目の要点の説明。")
    pick(first, "source", "Harbor")
    pick(first, "tags", "港湾")
    # A third key point: a row the add page does not start with.
    first.locator("#key_points-group .add-row a").click()
    first.locator("#key_points-group .add-row a").click()
    first.fill("#id_key_points-2-heading", "三つ目の要点")
    first.fill("#id_key_points-2-body", "三つ目の要点の説明。")
    expect(first.locator(".nd-autosave-status").last).to_have_text(SAVED, timeout=15_000)
    assert "draft=" in first.url  # a reload of the page finds this story's autosave
    first.context.close()

    second = log_in(browser, live_server, browser_context_args, "erin")
    second.goto(live_server.url + "/admin/articles/article/")
    second.get_by_role("link", name=re.compile("記事.?を追加")).click()
    banner = second.locator("#nd-autosave-offer")
    expect(banner).to_contain_text("自動保存された未保存の変更があります")
    expect(banner.locator("tbody")).to_contain_text("港のクレーンが電動化")
    expect(banner.locator("tbody")).to_contain_text("Harbor Ledger")
    # In the form's order: the new third key point where the key points are, before the tags.
    rows = banner.locator("tbody tr").all_inner_texts()
    new_point = [i for i, row in enumerate(rows) if "三つ目の要点" in row]
    tags = next(i for i, row in enumerate(rows) if row.startswith("タグ"))
    assert len(new_point) == 2 and max(new_point) < tags, rows
    assert "三つ目の要点の説明" in rows[max(new_point)]  # its heading, then its body
    second.screenshot(path=artifacts / "admin-autosave-offer-new-story.png")
    banner.get_by_role("button", name="復元する").click()
    expect(second.locator("#id_title")).to_have_value("港のクレーンが電動化")
    expect(second.locator("#id_key_points-2-heading")).to_have_value("三つ目の要点")
    expect(second.locator("#select2-id_source-container")).to_contain_text("Harbor Ledger")

    second.locator("input[name=_save]").first.click()
    expect(second.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(original_url="https://news.example/harbor-cranes")
    assert (article.title, article.lead, article.source.name) == ("港のクレーンが電動化", "新しい記事のリード。", "Harbor Ledger")
    assert [kp.heading for kp in article.key_points.all()] == ["一つ目の要点", "三つ目の要点"]
    assert list(article.tags.values_list("name", flat=True)) == ["港湾"]
    assert not Autosave.objects.exists()


def test_pictures_kept_after_a_refused_save_come_back_with_the_autosave(
        browser, live_server, browser_context_args, artifacts, tmp_path):
    make_staff("Editor", "erin", password=PASSWORD)
    make_source("Harbor Ledger")
    photos = []
    for n in (1, 2):
        photos.append(tmp_path / f"photo-{n}.jpg")
        photos[-1].write_bytes(image_bytes(size=(300 + n, 200)))

    first = log_in(browser, live_server, browser_context_args, "erin")
    first.goto(f"{live_server.url}/admin/articles/article/add/")
    first.fill("#id_original_title", "Harbor cranes go electric")
    first.fill("#id_original_url", "https://news.example/harbor-cranes")
    first.fill("#id_title", "港のクレーンが電動化")
    first.fill("#id_body", "一段落目。\n\n[[figure:1]]\n\n二段落目。\n\n[[figure:2]]")
    add_figures(first, photos)
    first.locator("input[name=_continue]").first.click()  # the source is forgotten
    expect(first.locator("[data-nd-error-links]")).to_contain_text("ソース")
    expect(first.locator("#figures-group img.nd-thumb")).to_have_count(2)
    first.fill("#id_lead", "エラーの後に書いたリード。")
    expect(first.locator(".nd-autosave-status").last).to_have_text(SAVED, timeout=15_000)
    first.context.close()  # the browser crashed: the pictures were never saved to a story

    second = log_in(browser, live_server, browser_context_args, "erin")
    second.goto(f"{live_server.url}/admin/articles/article/add/")
    banner = second.locator("#nd-autosave-offer")
    expect(banner.locator("tbody tr", has_text="図 2：画像")).to_contain_text("「photo-2.jpg」")
    banner.get_by_role("button", name="復元する").click()
    # Each row shows its picture again, as after the refused save: nothing is chosen again.
    expect(second.locator("#figures-group img.nd-thumb")).to_have_count(2)
    expect(second.locator("#figures-1")).to_contain_text("「photo-2.jpg」を選択済みです")
    second.locator("#figures-group").screenshot(path=artifacts / "admin-autosave-kept-pictures.png")
    pick(second, "source", "Harbor")
    second.locator("input[name=_continue]").first.click()
    expect(second.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get()
    assert article.lead == "エラーの後に書いたリード。"
    assert list(article.figures.values_list("caption", "width")) == [("写真1", 301), ("写真2", 302)]
    assert not Autosave.objects.exists()


def test_restoring_after_another_editors_save_keeps_both(browser, live_server, browser_context_args):
    make_staff("Editor", "alice", password=PASSWORD)
    bob = make_staff("Editor", "bob", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None, lead="保存済みのリード。")
    revisions.record(article)
    article.refresh_from_db()
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    alice = log_in(browser, live_server, browser_context_args, "alice")
    alice.goto(url)
    alice.fill("#id_lead", "アリスの未保存のリード。")
    expect(alice.locator(".nd-autosave-status").last).to_have_text(SAVED, timeout=15_000)
    assert wait_for(lambda: presence.editing([article.pk]), seconds=10)
    alice.context.close()
    # Closing the page says she left (editorial/presence.py); only then does Bob's client write the
    # sessions' table (SQLite's in-memory test database locks it while the server reads it).
    assert wait_for(lambda: not presence.editing([article.pk]), seconds=10)

    # Meanwhile Bob retitles the story.
    client = Client()
    client.force_login(bob)
    change = f"/admin/articles/article/{article.pk}/change/"
    data = single(form_fields(client.get(change).content.decode(), "article_form"))
    assert client.post(change, {**data, "title": "ボブが直した見出し", "_continue": "1"}).status_code == 302

    alice = log_in(browser, live_server, browser_context_args, "alice")
    alice.goto(url)
    banner = alice.locator("#nd-autosave-offer")
    expect(banner).to_contain_text(f"第{article.version}版 → 第{article.version + 1}版")
    banner.get_by_role("button", name="復元する").click()
    alice.locator("input[name=_continue]").first.click()
    # They changed different parts: the save goes through, keeping Bob's title, and says so.
    expect(alice.locator(".messagelist .success")).to_contain_text("bob が保存した タイトル も残しています")
    expect(alice.locator("#id_title")).to_have_value("ボブが直した見出し")
    expect(alice.locator("#id_lead")).to_have_value("アリスの未保存のリード。")
    article.refresh_from_db()
    assert (article.title, article.lead) == ("ボブが直した見出し", "アリスの未保存のリード。")


def test_leaving_a_changed_form_asks_first(browser, live_server, browser_context_args):
    make_staff("Editor", "erin", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = log_in(browser, live_server, browser_context_args, "erin")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.goto(url)
    page.locator("#id_lead").click()
    page.goto(live_server.url + "/admin/")  # an unchanged form is left without a word
    assert dialogs == []

    page.goto(url)
    page.fill("#id_lead", "書きかけのリード")
    page.get_by_role("link", name="版の履歴").click()
    expect(page).to_have_url(url)  # the editor chose to stay
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_lead")).to_have_value("書きかけのリード")

    # Saving the form is not leaving it.
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert dialogs == ["beforeunload"]
    article.refresh_from_db()
    assert article.lead == "書きかけのリード"


def test_leaving_the_page_keeps_what_was_typed_since_the_last_autosave(browser, live_server, browser_context_args):
    make_staff("Editor", "erin", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    page = log_in(browser, live_server, browser_context_args, "erin")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page": yes
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.fill("#id_lead", "離れる直前に書いたリード")
    page.goto(live_server.url + "/admin/")  # well before the idle autosave
    expect(page.locator("#user-tools")).to_be_visible()
    for _ in range(100):
        if Autosave.objects.filter(article=article).exists():
            break
        page.wait_for_timeout(100)
    assert Autosave.objects.get(article=article).data["fields"]["lead"] == "離れる直前に書いたリード"


def test_a_refused_autosave_says_why_near_the_save_buttons(browser, live_server, browser_context_args, settings):
    settings.NEWSDESK_AUTOSAVE_MAX_BYTES = 1_000
    make_staff("Editor", "erin", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    page = log_in(browser, live_server, browser_context_args, "erin")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.fill("#id_lead", "長いリード。" * 100)
    status = page.locator(".submit-row [role=status]")
    expect(status).to_have_text("フォームの内容が大きすぎるため、自動保存できませんでした（上限 0.001 MB）。", timeout=15_000)
    expect(status).to_have_attribute("aria-live", "polite")
    assert not Autosave.objects.exists()


def test_a_signed_out_editor_signs_in_again_in_another_tab_and_loses_nothing(
        browser, live_server, browser_context_args):
    make_staff("Editor", "erin", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    page = log_in(browser, live_server, browser_context_args, "erin")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    status = page.locator(".submit-row [role=status]")
    signed_out = re.compile("^ログインの期限が切れたため、自動保存できませんでした。別のタブでログインし直すと")

    page.context.clear_cookies()  # signed out while the form was open: the admin refuses the request
    with page.expect_response(lambda response: response.request.method == "POST" and "/autosave/" in response.url,
                              timeout=15_000) as refused:
        page.fill("#id_lead", "書きかけのリード")
    assert refused.value.status == 403
    expect(status).to_have_text(signed_out)
    with page.expect_response(lambda response: response.request.method == "GET" and "/autosave/" in response.url,
                              timeout=15_000):
        page.fill("#id_lead", "書きかけのリード。続き")  # still signed out: the token cannot be renewed
    expect(status).to_have_text(signed_out)
    assert not Autosave.objects.exists()

    # Signing in again in another tab renews the session and its CSRF token; the form takes both up.
    other = page.context.new_page()
    other.goto(live_server.url + "/admin/login/")
    other.fill("#id_username", "erin")
    other.fill("#id_password", PASSWORD)
    other.click("input[type=submit]")
    expect(other.locator("#user-tools")).to_contain_text("erin")
    with page.expect_response(lambda response: response.request.method == "POST" and "/autosave/" in response.url,
                              timeout=15_000) as kept:
        page.fill("#id_lead", "書きかけのリード。続きの続き")
    assert kept.value.status == 200
    expect(status).to_have_text(SAVED)
    assert Autosave.objects.get().data["fields"]["lead"] == "書きかけのリード。続きの続き"
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.lead == "書きかけのリード。続きの続き"


def test_discarding_the_offer_deletes_it(browser, live_server, browser_context_args):
    user = make_staff("Editor", "erin", password=PASSWORD)
    article = make_article(status=Article.Status.DRAFT, published_at=None, lead="保存済みのリード。")
    Autosave.objects.create(user=user, article=article, base_version=article.version,
                            data={"fields": {"lead": "捨てる下書き"}, "options": {}})
    page = log_in(browser, live_server, browser_context_args, "erin")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    banner = page.locator("#nd-autosave-offer")
    expect(banner.locator("tbody")).to_contain_text("捨てる下書き")
    banner.get_by_role("button", name="破棄する").click()
    expect(banner).to_be_hidden()
    expect(page.locator(".nd-autosave-status").last).to_have_text("自動保存された変更を破棄しました")
    expect(page.locator("#id_lead")).to_have_value("保存済みのリード。")
    assert not Autosave.objects.exists()


def pick(page, field: str, text: str) -> None:
    """Choose `text` in an autocomplete (select2) field, as an editor does: click, type, pick."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()
