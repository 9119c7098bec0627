"""Notifications: a count in the admin's header, a list to read them, one e-mail per event unless turned off."""

import pytest
from django.db import transaction

from articles import revisions
from articles.models import Article
from desk import notifications
from desk.models import Notification
from tests.factories import after_commit, login, make_article

pytestmark = pytest.mark.django_db


def draft(translator):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    revisions.record(article, by=translator)
    return article


def ask_review(client, article, reviewer="group"):
    return client.post(f"/admin/articles/article/{article.pk}/review/", {"step": "request", "reviewer": reviewer})


@pytest.fixture
def people():
    translator_client, translator = login("Translator", "tanaka", email="tanaka@newsdesk.test")
    editor_client, editor = login("Editor", "sato", email="sato@newsdesk.test")
    return translator_client, translator, editor_client, editor


def test_the_header_counts_unread_notifications_and_the_list_marks_them_read(people):
    translator_client, translator, editor_client, editor = people
    first, second = draft(translator), draft(translator)
    ask_review(translator_client, first, editor.pk)
    ask_review(translator_client, second, editor.pk)

    page = editor_client.get("/admin/").content.decode()
    assert 'class="nd-bell-count"' in page and "未読 2 件" in page
    assert 'class="nd-bell-count"' not in translator_client.get("/admin/").content.decode()

    listing = editor_client.get("/admin/desk/notifications/").content.decode()
    assert listing.count('class="nd-unread"') == 2
    assert f"tanakaさんが「{first.title}」のレビューを依頼しました。" in listing

    one = Notification.objects.get(article=first)
    editor_client.post("/admin/desk/notifications/", {"notification": [one.pk]})
    assert "未読 1 件" in editor_client.get("/admin/").content.decode()

    response = editor_client.post(f"/admin/desk/notifications/{Notification.objects.get(article=second).pk}/open/")
    assert response.status_code == 302 and response["Location"] == f"/admin/articles/article/{second.pk}/change/"
    assert not Notification.objects.unread().exists()
    assert 'class="nd-bell-count"' not in editor_client.get("/admin/").content.decode()


def test_nobody_reads_or_opens_anothers_notifications(people):
    translator_client, translator, _editor_client, editor = people
    ask_review(translator_client, draft(translator), editor.pk)
    theirs = Notification.objects.get()
    translator_client.post("/admin/desk/notifications/", {"all": "1"})
    translator_client.post(f"/admin/desk/notifications/{theirs.pk}/open/")
    theirs.refresh_from_db()
    assert not theirs.is_read
    assert theirs.text not in translator_client.get("/admin/desk/notifications/").content.decode()


def test_one_email_per_event_to_each_person_who_may_review_with_a_link(people, smtp):
    translator_client, translator, _editor_client, _editor = people
    chief_client, _chief = login("Chief editor", "suzuki", email="suzuki@newsdesk.test")  # may review too
    _client, _second_editor = login("Editor", "ito", email="ito@newsdesk.test")
    article = draft(translator)
    with after_commit():
        ask_review(translator_client, article)
    assert sorted(tuple(recipients) for recipients, _ in smtp.messages) == [
        ("ito@newsdesk.test",), ("sato@newsdesk.test",), ("suzuki@newsdesk.test",),
    ]
    (message,) = smtp.to("ito@newsdesk.test")
    text = message.get_body(("plain",)).get_content()
    assert "itoさん" in text and f"/admin/articles/article/{article.pk}/change/" in text
    assert f'href="http://127.0.0.1:8000/admin/articles/article/{article.pk}/change/"' in (
        message.get_body(("html",)).get_content()
    )
    assert Notification.objects.filter(article=article).count() == 3
    assert article.title in chief_client.get("/admin/").content.decode()  # waiting for them too


def test_a_person_who_turned_email_off_is_told_in_the_admin_only(people, smtp):
    translator_client, translator, editor_client, editor = people
    page = editor_client.get("/admin/desk/preferences/").content.decode()
    assert 'name="email"' in page and "checked" in page and "sato@newsdesk.test" in page
    response = editor_client.post("/admin/desk/preferences/", {"address": "sato@newsdesk.test"}, follow=True)
    assert "メール通知をオフにしました。" in response.content.decode()
    assert not notifications.wants_email(editor)
    with after_commit():
        ask_review(translator_client, draft(translator), editor.pk)
    assert smtp.messages == []
    assert Notification.objects.filter(recipient=editor).exists()

    editor_client.post("/admin/desk/preferences/", {"email": "on", "address": "sato@newsdesk.test"})
    assert notifications.wants_email(editor)


def test_a_person_without_an_address_gives_one_in_the_preferences_and_is_mailed(people, smtp):
    translator_client, translator, editor_client, editor = people
    editor.email = ""
    editor.save()
    page = editor_client.get("/admin/desk/preferences/").content.decode()
    assert 'name="address"' in page
    response = editor_client.post("/admin/desk/preferences/", {"email": "on", "address": "sato at newsdesk"})
    assert "有効なメールアドレスを入力してください。" in response.content.decode()
    assert 'value="sato at newsdesk"' in response.content.decode()  # what was typed stays to be mended
    editor.refresh_from_db()
    assert editor.email == ""
    response = editor_client.post("/admin/desk/preferences/", {"email": "on", "address": "sato@newsdesk.test"},
                                  follow=True)
    assert "送り先: sato@newsdesk.test" in response.content.decode()
    editor.refresh_from_db()
    assert editor.email == "sato@newsdesk.test"
    with after_commit():
        ask_review(translator_client, draft(translator), editor.pk)
    assert [rcpt for rcpt, _message in smtp.messages] == [["sato@newsdesk.test"]]


def test_email_on_without_an_address_is_said_to_reach_nobody(people):
    _translator_client, _translator, editor_client, editor = people
    response = editor_client.post("/admin/desk/preferences/", {"email": "on", "address": ""}, follow=True)
    assert "メールアドレスが空欄のため届きません" in response.content.decode()
    editor.refresh_from_db()
    assert editor.email == ""


def test_notifications_in_development_are_printed_by_the_console_backend(people, settings, capsys):
    translator_client, translator, _editor_client, editor = people
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with after_commit():
        ask_review(translator_client, draft(translator), editor.pk)
    printed = capsys.readouterr().out
    assert printed.count("To: sato@newsdesk.test") == 1


def test_nobody_is_told_of_their_own_step_and_nothing_is_sent_for_a_change_that_rolls_back(people, smtp):
    _translator_client, translator, _editor_client, editor = people
    article = draft(translator)
    with after_commit():
        made = notifications.notify(recipients=[translator], event="mentioned", article=article, actor=translator,
                                    text="自分あて")
        with pytest.raises(RuntimeError), transaction.atomic():
            notifications.notify(recipients=[editor], event="mentioned", article=article, actor=translator,
                                 text="取り消される呼びかけ")
            raise RuntimeError
    assert made == [] and smtp.messages == []
    assert not Notification.objects.exists()
