"""Notes between editors beside a story's form: written, tied to a part, resolved, and `@name` tells that person."""

import pytest

from articles.models import Article
from desk.models import Note, Notification
from tests.factories import after_commit, change_url, login, make_article

pytestmark = pytest.mark.django_db


def write(client, article, text, field=""):
    return client.post(f"/admin/articles/article/{article.pk}/notes/", {"text": text, "field": field}, follow=True)


@pytest.fixture
def pair():
    translator_client, translator = login("Translator", "tanaka", email="tanaka@newsdesk.test")
    editor_client, editor = login("Editor", "sato", email="sato@newsdesk.test")
    return translator_client, translator, editor_client, editor


def test_a_note_tied_to_a_field_shows_beside_the_form_with_who_and_when(pair):
    translator_client, _translator, editor_client, editor = pair
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    response = write(editor_client, article, "二段落目の訳語を統一してください。", field="body")
    assert response.redirect_chain[-1][0] == change_url(article) + "#desk-notes"
    page = response.content.decode()
    assert "メモを書き込みました。" in page
    note = Note.objects.get()
    assert (note.author, note.field, note.is_open) == (editor, "body", True)
    assert f'id="note-{note.pk}"' in page and "二段落目の訳語を統一してください。" in page
    assert 'href="#id_body"' in page and 'data-desk-field="body"' in page
    assert "二段落目の訳語を統一してください。" in translator_client.get(change_url(article)).content.decode()


def test_mentions_notify_the_people_named_once_each(pair, smtp):
    _translator_client, translator, editor_client, editor = pair
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    with after_commit():
        write(editor_client, article, "@tanaka 見出しを短く。@tanaka @nobody @sato も見ます")
    notification = Notification.objects.get()
    assert (notification.recipient, notification.event, notification.actor) == (translator, "mentioned", editor)
    assert "見出しを短く" in notification.text
    ((recipients, message),) = smtp.messages
    assert recipients == ["tanaka@newsdesk.test"] and "メモでの呼びかけ" in message["Subject"]


def test_a_name_written_into_japanese_is_a_mention(pair):
    _translator_client, translator, editor_client, _editor = pair
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    write(editor_client, article, "@tanakaさん、確認をお願いします")
    assert Notification.objects.get().recipient == translator


def test_an_address_is_no_mention(pair):
    _translator_client, _translator, editor_client, _editor = pair
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    write(editor_client, article, "問い合わせは press@tanaka へ")
    assert not Notification.objects.exists()


def test_resolving_and_reopening_a_note(pair):
    translator_client, translator, editor_client, _editor = pair
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    write(editor_client, article, "確認中")
    note = Note.objects.get()
    response = translator_client.post(
        f"/admin/articles/article/{article.pk}/notes/{note.pk}/", {"state": "resolved"}, follow=True,
    )
    assert "メモを解決済みにしました。" in response.content.decode()
    note.refresh_from_db()
    assert not note.is_open and note.resolved_by == translator
    assert "未解決に戻す" in response.content.decode()
    translator_client.post(f"/admin/articles/article/{article.pk}/notes/{note.pk}/", {"state": "open"})
    note.refresh_from_db()
    assert note.is_open


def test_a_bad_note_is_refused_with_a_message_and_its_text_kept(pair):
    _translator_client, _translator, editor_client, _editor = pair
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    response = write(editor_client, article, "   ")
    assert "メモが空です。" in response.content.decode()
    response = write(editor_client, article, "長い" * 2001)
    page = response.content.decode()
    assert "メモは4000文字までです（4002文字あります）。" in page and "長い長い長い" in page
    response = write(editor_client, article, "項目が変", field="nonsense")
    assert "メモの項目が正しくありません。" in response.content.decode()
    assert not Note.objects.exists()
    assert editor_client.get(f"/admin/articles/article/{article.pk}/notes/").status_code == 405


def test_a_note_is_shown_as_text_never_as_html(pair):
    _translator_client, _translator, editor_client, _editor = pair
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    page = write(editor_client, article, '<script>alert("x")</script>').content.decode()
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page


def test_a_translator_cannot_write_on_a_published_story_they_may_not_open(pair):
    translator_client, _translator, _editor_client, _editor = pair
    article = make_article()
    assert write(translator_client, article, "公開済みへのメモ").status_code == 403
    assert not Note.objects.exists()
