"""The desk dashboard, the admin's start page for every editorial role, and the week's calendar."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import revisions
from articles.models import Article, Correction
from desk import notes, reviews
from editorial.models import Autosave
from ingest import rechecks
from ingest.models import OriginalCheck
from tests.factories import at, login, make_article

pytestmark = pytest.mark.django_db


def drafted_by(user, **overrides):
    article = make_article(status=Article.Status.DRAFT, published_at=None, **overrides)
    article.editors.add(user)
    revisions.record(article, by=user)
    return article


def section(page: str, name: str) -> str:
    start = page.index(f'id="desk-{name}"')
    return page[start:page.index("</section>", start)]


@pytest.fixture
def pair():
    translator_client, translator = login("Translator", "tanaka")
    editor_client, editor = login("Editor", "sato")
    return translator_client, translator, editor_client, editor


def test_the_start_page_is_the_desk_for_every_role(pair):
    translator_client, _translator, editor_client, _editor = pair
    chief_client, _chief = login("Chief editor", "suzuki")
    for client in (translator_client, editor_client, chief_client):
        page = client.get("/admin/").content.decode()
        assert 'id="desk-drafts"' in page and 'id="desk-scheduled"' in page and 'id="desk-notes"' in page
        assert "管理画面のすべての項目" in page  # the models' list is still there
    assert 'id="desk-waiting"' in editor_client.get("/admin/").content.decode()
    assert 'id="desk-waiting"' not in translator_client.get("/admin/").content.decode()


def test_each_row_shows_headline_who_when_and_state_and_opens_the_story(pair):
    translator_client, translator, editor_client, editor = pair
    mine = drafted_by(translator, title="港の電動化")
    sent = drafted_by(translator, title="差し戻された記事")
    reviews.request_review(sent, by=translator, reviewer=editor)
    reviews.send_back(sent, by=editor, note="直して")
    waiting = drafted_by(translator, title="承認を待つ記事")
    reviews.request_review(waiting, by=translator, reviewer=editor, note="急ぎです")

    drafts = section(translator_client.get("/admin/").content.decode(), "drafts")
    assert f'href="/admin/articles/article/{mine.pk}/change/">港の電動化</a>' in drafts
    assert "tanaka" in drafts and "下書き" in drafts
    assert "nd-chip-sent-back" in drafts
    assert "レビュー待ち" in drafts

    waiting_rows = section(editor_client.get("/admin/").content.decode(), "waiting")
    assert "承認を待つ記事" in waiting_rows and "急ぎです" in waiting_rows and "tanaka" in waiting_rows
    assert "差し戻された記事" not in waiting_rows


def test_scheduled_stories_by_day_and_recent_ones_with_their_corrections(pair):
    _translator_client, _translator, editor_client, _editor = pair
    now = timezone.now()
    soon = make_article(title="明日の予約", status=Article.Status.SCHEDULED, published_at=now + timedelta(days=1))
    make_article(title="来月の予約", status=Article.Status.SCHEDULED, published_at=now + timedelta(days=30))
    out = make_article(title="きのう公開", published_at=now - timedelta(days=1))
    Correction.objects.create(article=out, body="数字を訂正しました。")
    make_article(title="先月公開", published_at=now - timedelta(days=30))

    page = editor_client.get("/admin/").content.decode()
    scheduled = section(page, "scheduled")
    assert "明日の予約" in scheduled and "来月の予約" not in scheduled
    assert timezone.localtime(soon.published_at).strftime("%-m/%-d %H:%M") in scheduled
    published = section(page, "published")
    assert "きのう公開" in published and "数字を訂正しました。" in published and "先月公開" not in published


def test_autosaved_work_not_yet_saved_and_open_notes(pair):
    translator_client, translator, _editor_client, editor = pair
    article = drafted_by(translator, title="書きかけ")
    Autosave.objects.create(user=translator, article=article, data={"title": "書きかけ（途中）"})
    Autosave.objects.create(user=translator, draft_key="k-123", data={"title": "新しい"})
    Autosave.objects.create(user=editor, article=article, data={})
    notes.add_note(article, by=editor, text="出典を足してください")
    resolved = notes.add_note(article, by=editor, text="済んだ話")
    notes.resolve_note(resolved, by=translator)

    page = translator_client.get("/admin/").content.decode()
    autosaves = section(page, "autosaves")
    assert f'href="/admin/articles/article/{article.pk}/change/">書きかけ</a>' in autosaves
    assert 'href="/admin/articles/article/add/?draft=k-123"' in autosaves
    assert autosaves.count("<tr>") == 3  # the head and the translator's two; never another's
    open_notes = section(page, "notes")
    assert "出典を足してください" in open_notes and "済んだ話" not in open_notes


def test_a_story_whose_original_changed_is_flagged_on_the_desk_with_a_link_to_its_diff(pair):
    _translator_client, _translator, editor_client, _editor = pair
    changed = make_article(title="原文が直った記事", original_url="https://news.example/a")
    quiet = make_article(title="原文そのまま", original_url="https://news.example/b")
    check = OriginalCheck.objects.create(article=changed, translated_body="old", current_body="new",
                                         state=OriginalCheck.State.CHANGED, changed_at=timezone.now())
    OriginalCheck.objects.create(article=quiet, translated_body="same", current_body="same")
    flagged = section(editor_client.get("/admin/").content.decode(), "originals")
    assert "原文が直った記事" in flagged and "原文そのまま" not in flagged
    assert f'href="/admin/ingest/originalcheck/{check.pk}/change/"' in flagged

    rechecks.mark_handled(check, by=_editor)
    assert 'id="desk-originals"' not in editor_client.get("/admin/").content.decode()


def test_each_section_costs_the_same_queries_for_one_story_or_many(pair):
    _translator_client, translator, editor_client, editor = pair

    def fill(n):
        now = timezone.now()
        for i in range(n):
            article = drafted_by(editor)
            other = drafted_by(translator)
            reviews.request_review(other, by=translator, reviewer=editor)
            notes.add_note(article, by=translator, text=f"メモ{i}")
            Autosave.objects.create(user=editor, article=article, data={})
            make_article(status=Article.Status.SCHEDULED, published_at=now + timedelta(hours=i + 1))
            Correction.objects.create(article=make_article(published_at=now - timedelta(hours=i + 1)), body="訂正")
            OriginalCheck.objects.create(article=make_article(original_url=f"https://news.example/{n}-{i}"),
                                         state=OriginalCheck.State.CHANGED, changed_at=now)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get("/admin/").status_code == 200
        return len(queries)

    fill(1)
    one = count()
    fill(4)
    assert count() == one


def test_the_week_calendar_lists_each_days_stories_and_moves_by_week(pair):
    translator_client, _translator, _editor_client, _editor = pair
    make_article(title="水曜の予約", status=Article.Status.SCHEDULED, published_at=at(2099, 1, 7, 9, 0))
    make_article(title="翌週の予約", status=Article.Status.SCHEDULED, published_at=at(2099, 1, 12, 9, 0))
    page = translator_client.get("/admin/desk/calendar/?week=2099-01-08").content.decode()
    assert "2099年1月5日" in page  # the Monday of that week
    wednesday = page[page.index("1/7（"):page.index("1/8（")]
    assert "水曜の予約" in wednesday and "09:00" in wednesday
    assert "翌週の予約" not in page
    assert 'href="?week=2099-01-12"' in page and 'href="?week=2098-12-29"' in page
    assert translator_client.get("/admin/desk/calendar/?week=nonsense").status_code == 200


def test_a_signed_out_visitor_gets_the_login_page(client):
    assert client.get("/admin/desk/calendar/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/desk/notifications/")["Location"].startswith("/admin/login/")
