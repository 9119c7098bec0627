"""The inbox in the admin without JavaScript: the list, the preview, 「翻訳を始める」, 「見送る」, 「既に記事あり」."""

import pytest

from articles.models import Article
from ingest.models import Feed, InboxItem, OriginalCheck
from tests.factories import after_commit, login, make_article, make_source
from tests.ingest import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(web):
    web.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    url = web.serve("/world/eastmouth-port", samples.article_page())
    return InboxItem.objects.create(
        source=make_source("Harbor Ledger"), title="Eastmouth port to double capacity", url=url,
        canonical_url=url.replace("http://", "https://"), summary="The plan doubles it.",
    )


def test_the_inbox_lists_items_and_filters_by_state_and_source(item):
    make_source("Other Paper")
    client, _ = login("Translator")

    page = client.get("/admin/ingest/inboxitem/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "入稿候補" in text and "Eastmouth port to double capacity" in text and "Harbor Ledger" in text
    assert "未対応" in text
    assert client.get("/admin/ingest/inboxitem/?state__exact=passed").content.decode().count(
        "Eastmouth port") == 0
    assert "Eastmouth port" in client.get("/admin/ingest/inboxitem/?q=Eastmouth").content.decode()


def test_the_preview_shows_the_extracted_original(item):
    client, _ = login("Translator")

    client.post(f"/admin/ingest/inboxitem/{item.pk}/read/")
    page = client.get(f"/admin/ingest/inboxitem/{item.pk}/change/").content.decode()

    assert "抽出した原文のプレビュー" in page
    assert "## A long review ahead" in page and "Jane Marlow" in page
    assert "Photo: Lena Ruiz / Harbor Ledger" in page
    assert "document.cookie" not in page and "Watch now" not in page


def test_starting_a_translation_creates_the_draft_and_opens_it(item):
    client, user = login("Translator")

    response = client.post(f"/admin/ingest/inboxitem/{item.pk}/start/", follow=True)

    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/articles/article/{article.pk}/change/"
    assert "下書きを作りました" in response.content.decode()
    assert article.status == Article.Status.DRAFT
    assert article.original_title == "Eastmouth port to double its capacity"  # the page's, not the feed's
    assert article.original_author == "Jane Marlow"
    assert article.original_published_at.isoformat() == "2026-11-30T14:05:00+00:00"
    assert article.original_language == "en"
    assert article.source.name == "Harbor Ledger"
    assert article.original_url == item.url
    assert "## Cost questions" in article.original_body
    assert "alert" not in article.original_body and "Watch now" not in article.original_body
    assert list(article.editors.all()) == [user]
    item.refresh_from_db()
    assert item.article == article and item.state == InboxItem.State.STARTED and item.handled_by == user


def test_an_item_whose_url_is_already_a_story_shows_it_and_starts_no_second(item):
    story = make_article(original_url=item.url)
    client, _ = login("Translator")

    listing = client.get("/admin/ingest/inboxitem/").content.decode()
    response = client.post(f"/admin/ingest/inboxitem/{item.pk}/start/")

    assert "既に記事あり" in listing and f"/admin/articles/article/{story.pk}/change/" in listing
    assert response.status_code == 302 and response["Location"] == f"/admin/articles/article/{story.pk}/change/"
    assert Article.objects.count() == 1


def test_passing_sets_the_item_aside(item):
    client, user = login("Translator")

    client.post(f"/admin/ingest/inboxitem/{item.pk}/pass/")

    item.refresh_from_db()
    assert item.state == InboxItem.State.PASSED and item.handled_by == user


def test_a_page_that_cannot_be_fetched_is_a_clear_message(item, web):
    web.serve("/world/eastmouth-port", status=302, headers={"Location": "http://10.0.0.1/"})
    client, _ = login("Translator")

    response = client.post(f"/admin/ingest/inboxitem/{item.pk}/start/", follow=True)

    assert response.status_code == 200
    assert "原文を取得できませんでした" in response.content.decode()
    assert Article.objects.count() == 0


def test_the_actions_are_posts_and_need_permission(item):
    client, _ = login("Translator")
    assert client.get(f"/admin/ingest/inboxitem/{item.pk}/start/").status_code == 405

    from django.contrib.auth.models import User
    from django.test import Client

    outsider = User.objects.create_user("outsider", password="pw", is_staff=True)
    other = Client()
    other.force_login(outsider)
    assert other.post(f"/admin/ingest/inboxitem/{item.pk}/start/").status_code == 403
    assert Article.objects.count() == 0


def test_editors_manage_feeds_translators_only_see_them():
    translator, _ = login("Translator")
    editor, _ = login("Editor")

    assert translator.get("/admin/ingest/feed/add/").status_code == 403
    assert editor.get("/admin/ingest/feed/add/").status_code == 200


def test_a_feed_on_a_private_address_is_refused_in_the_form(settings):
    settings.NEWSDESK_FETCH_ALLOW_PRIVATE = False
    client, _ = login("Editor")
    source = make_source("Harbor Ledger")

    response = client.post("/admin/ingest/feed/add/", {"source": source.pk, "url": "http://192.168.1.5/feed.xml"})

    assert response.status_code == 200 and "内部ネットワーク" in response.content.decode()
    assert not Feed.objects.exists()


def test_an_editor_polls_a_feed_now(web):
    web.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    web.serve("/world.rss", samples.rss([{"title": "Port", "link": "https://harbor.example/p"}]),
              content_type="application/rss+xml")
    feed = Feed.objects.create(source=make_source("Harbor Ledger"), url=web.url("/world.rss"))
    client, _ = login("Editor")

    with after_commit():
        response = client.post("/admin/ingest/feed/", {"action": "poll_selected", "_selected_action": [feed.pk]},
                               follow=True)

    assert "取得を始めました" in response.content.decode()
    assert InboxItem.objects.filter(title="Port").exists()


def test_a_long_last_error_is_shortened_in_the_lists_and_whole_in_its_title_and_page():
    error = "https://example.com/feed.xml への接続に失敗しました: " + "サーバーが応答しません。" * 20
    feed = Feed.objects.create(source=make_source(), url="https://example.com/feed.xml", last_error=error)
    check = OriginalCheck.objects.create(article=make_article(original_url="https://example.com/a"), last_error=error)
    client, _ = login("Editor")
    for url in ("/admin/ingest/feed/", "/admin/ingest/originalcheck/"):
        text = client.get(url).content.decode()
        assert f'title="{error}"' in text
        assert error not in text.replace(f'title="{error}"', "")  # the cell shows a shortened error
    assert error in client.get(f"/admin/ingest/feed/{feed.pk}/change/").content.decode()
    assert error in client.get(f"/admin/ingest/originalcheck/{check.pk}/change/").content.decode()
