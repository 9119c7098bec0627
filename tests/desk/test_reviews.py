"""Review that means something: asked of someone, approved or sent back, and only then published, never by its translator."""

import pytest
from django.core.management import call_command

from articles import revisions
from articles.models import Article, Revision
from desk.models import Notification, ReviewRequest
from tests.factories import after_commit, change_url, login, make_article
from tests.htmlforms import form_fields

pytestmark = [pytest.mark.django_db, pytest.mark.review_rule]


def translated_draft(translator, **overrides) -> Article:
    """A draft whose first revision is `translator`'s: they are its translator."""
    article = make_article(status=Article.Status.DRAFT, published_at=None, key_points=2, **overrides)
    revisions.record(article, by=translator)
    return article


def review(client, article, step, **fields):
    return client.post(f"/admin/articles/article/{article.pk}/review/", {"step": step, **fields}, follow=True)


def save(client, article, **changes):
    response = client.get(change_url(article))
    fields = form_fields(response.content.decode(), "article_form")
    for key, value in changes.items():
        fields[key] = [value]
    return client.post(change_url(article), fields, follow=True)


def schedule(client, article):
    return save(client, article, status="scheduled", published_at_0="2099-01-05", published_at_1="09:00:00")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def desk():
    translator_client, translator = login("Translator", "tanaka", email="tanaka@newsdesk.test")
    editor_client, editor = login("Editor", "sato", email="sato@newsdesk.test")
    return translator_client, translator, editor_client, editor


def test_a_draft_goes_to_review_naming_its_reviewer_who_is_told_in_the_admin_and_by_mail(desk, smtp):
    translator_client, translator, _editor_client, editor = desk
    article = translated_draft(translator)
    with after_commit():
        response = review(translator_client, article, "request", reviewer=editor.pk, note="固有名詞を確認してください")
    assert "レビューに出しました。担当者に通知しました。" in messages_of(response)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    request = ReviewRequest.objects.get(article=article)
    assert (request.state, request.reviewer, request.requested_by) == ("open", editor, translator)
    notification = Notification.objects.get(recipient=editor)
    assert notification.event == "review_requested" and "固有名詞を確認してください" in notification.text
    ((recipients, message),) = smtp.messages
    assert recipients == ["sato@newsdesk.test"]
    assert article.title in message["Subject"] and "レビュー依頼" in message["Subject"]
    assert f"http://127.0.0.1:8000/admin/articles/article/{article.pk}/change/" in message.get_body(("plain",)).get_content()
    assert Revision.objects.filter(article=article, summary__startswith="レビュー依頼（sato").exists()


def test_a_story_not_approved_is_neither_published_nor_scheduled(desk):
    _translator_client, translator, editor_client, _editor = desk
    article = translated_draft(translator)
    response = schedule(editor_client, article)
    assert any("レビューで承認されていない記事は公開・予約できません" in m for m in messages_of(response))
    response = editor_client.post("/admin/articles/article/", {
        "action": "publish_selected", "_selected_action": [article.pk], "index": 0,
    }, follow=True)
    assert any("レビューで承認されていない" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_marking_the_translation_reviewed_on_the_form_is_no_way_around_review(desk):
    _translator_client, translator, editor_client, _editor = desk
    article = translated_draft(translator)
    response = save(editor_client, article, translation_status="reviewed")
    assert any("レビューで承認してください" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.translation_status == Article.TranslationStatus.HUMAN_EDITED


def test_sent_back_with_a_note_then_fixed_approved_and_scheduled(desk, smtp):
    translator_client, translator, editor_client, editor = desk
    article = translated_draft(translator)
    review(translator_client, article, "request", reviewer=editor.pk)

    response = review(editor_client, article, "send_back", note="")
    assert "差し戻すときは、直してほしい点をメモに書いてください。" in messages_of(response)
    with after_commit():
        response = review(editor_client, article, "send_back", note="リードが長すぎます")
    assert "差し戻しました。翻訳者に通知しました。" in messages_of(response)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    sent_back = Notification.objects.get(recipient=translator, event="sent_back")
    assert "リードが長すぎます" in sent_back.text
    assert [m["Subject"].strip() for m in smtp.to("tanaka@newsdesk.test")] == [f"【差し戻し】{article.title}"]

    save(translator_client, article, lead="短いリード。")
    review(translator_client, article, "request", reviewer="group")
    assert ReviewRequest.objects.get(article=article, state="open").reviewer_group.name == "Editor"
    response = review(editor_client, article, "approve", note="")
    assert "承認しました。この記事は公開・予約できます。" in messages_of(response)
    article.refresh_from_db()
    assert (article.translation_status, article.reviewed_by) == (Article.TranslationStatus.REVIEWED, editor)
    assert Notification.objects.filter(recipient=translator, event="approved").exists()

    schedule(editor_client, article)
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert list(ReviewRequest.objects.filter(article=article).values_list("state", flat=True)) == [
        "approved", "sent_back",
    ]
    steps = list(Revision.objects.filter(article=article).order_by("version").values_list("summary", flat=True))
    assert [s for s in steps if s] == [
        "作成", "レビュー依頼（satoへ）", "差し戻し メモ: リードが長すぎます", "レビュー依頼（Editorグループへ）", "レビューで承認",
    ]
    history = translator_client.get(f"/admin/articles/article/{article.pk}/revisions/").content.decode()
    assert "差し戻し メモ: リードが長すぎます" in history and "レビューで承認" in history


def test_the_translator_approves_and_publishes_nothing_of_their_own(desk):
    _translator_client, _translator, editor_client, editor = desk
    own_client, own_editor = login("Editor", "yamada")
    article = translated_draft(own_editor)  # an editor who translated this story
    review(own_client, article, "request", reviewer=editor.pk)

    response = review(own_client, article, "approve")
    assert any("承認できません" in m for m in messages_of(response))
    review(editor_client, article, "approve")
    response = schedule(own_client, article)
    assert any("自分が翻訳した記事は公開・予約できません" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    schedule(editor_client, article)
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED


def test_a_translator_may_not_approve_and_nobody_approves_their_own_request(desk):
    translator_client, translator, editor_client, _editor = desk
    article = translated_draft(translator)
    review(translator_client, article, "request")
    response = review(translator_client, article, "approve")
    assert "レビューで承認できるのは編集者だけです。" in messages_of(response)

    other = translated_draft(translator)
    _other_client, other_editor = login("Editor", "kato")
    review(editor_client, other, "request", reviewer=other_editor.pk)
    response = review(editor_client, other, "approve")
    assert "自分が出したレビュー依頼は承認できません。" in messages_of(response)
    other.refresh_from_db()
    assert other.translation_status != Article.TranslationStatus.REVIEWED


def test_the_translator_is_not_offered_as_their_own_reviewer_and_is_refused_if_named(desk):
    _translator_client, translator, editor_client, editor = desk
    article = translated_draft(editor)
    response = editor_client.get(change_url(article))
    assert f'<option value="{editor.pk}">' not in response.content.decode()
    assert "未確認（レビューで承認されると、承認した編集者と日時が記録されます）" in response.content.decode()
    response = review(editor_client, article, "request", reviewer=editor.pk)
    assert any("ほかの編集者に頼んでください" in m for m in messages_of(response))
    response = review(editor_client, article, "request", reviewer=translator.pk)
    assert "tanakaさんはレビューできません。編集者を選んでください。" in messages_of(response)
    assert not ReviewRequest.objects.exists()


def test_a_translation_changed_by_its_translator_after_approval_needs_approval_again(desk):
    translator_client, translator, editor_client, editor = desk
    article = translated_draft(translator)
    review(translator_client, article, "request", reviewer=editor.pk)
    review(editor_client, article, "approve")
    save(translator_client, article, body="書き直した本文。")
    response = schedule(editor_client, article)
    assert any("レビューで承認されていない" in m for m in messages_of(response))


def test_sending_to_review_from_the_status_field_or_the_list_asks_the_editor_group(desk):
    translator_client, translator, _editor_client, editor = desk
    article = translated_draft(translator)
    save(translator_client, article, status="review")
    request = ReviewRequest.objects.get(article=article)
    assert request.reviewer_group.name == "Editor" and request.state == "open"
    assert Notification.objects.filter(recipient=editor, article=article).exists()

    listed = translated_draft(translator)
    translator_client.post("/admin/articles/article/", {
        "action": "submit_selected", "_selected_action": [listed.pk], "index": 0,
    })
    assert ReviewRequest.objects.get(article=listed).state == "open"


def test_a_request_that_is_not_a_step_is_refused_with_a_message(desk):
    translator_client, translator, editor_client, _editor = desk
    article = translated_draft(translator)
    assert review(editor_client, article, "approve").status_code == 200
    response = review(editor_client, article, "bogus")
    assert "操作が正しくありません。" in messages_of(response)
    response = review(translator_client, article, "request", reviewer="nobody")
    assert "レビュー担当が正しくありません。" in messages_of(response)
    assert editor_client.get(f"/admin/articles/article/{article.pk}/review/").status_code == 405


def test_an_import_states_its_stories_published_past_review(bundle_file):
    """Imports are an operator's trusted path: the file's status stands (docs/interchange.md)."""
    call_command("import_articles", str(bundle_file))
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED and article.translation_status == "human_edited"


@pytest.fixture
def bundle_file(tmp_path):
    import json

    story = {
        "status": "published", "published_at": "2026-11-27T09:30:00+09:00", "title": "見出し", "lead": "リード。",
        "body": "本文。", "key_points": [{"heading": "要点", "body": "説明。"}],
        "original": {"title": "Headline", "body": "Body.", "url": "https://news.example/imported",
                     "source": "Harbor Ledger", "language": "en"},
    }
    path = tmp_path / "articles.json"
    path.write_text(json.dumps({"articles": [story]}, ensure_ascii=False), encoding="utf-8")
    return path


def test_with_the_rule_off_an_editor_publishes_directly(desk, settings):
    settings.NEWSDESK_REQUIRE_REVIEW = False
    _translator_client, _translator, editor_client, editor = desk
    article = translated_draft(editor)
    schedule(editor_client, article)
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED


def test_the_top_of_the_form_says_a_story_was_sent_back_and_how_many_notes_are_open(desk):
    """The review panel and notes sit under the long form when the live preview takes the side."""
    translator_client, translator, editor_client, editor = desk
    article = translated_draft(translator)
    review(translator_client, article, "request", reviewer=editor.pk)
    page = editor_client.get(change_url(article)).content.decode()
    summary = page[page.index('id="nd-desk-summary"'):page.index("</div>", page.index('id="nd-desk-summary"'))]
    assert "sato に依頼中" in summary and 'href="#desk-review"' in summary

    review(editor_client, article, "send_back", note="リードが長すぎます")
    editor_client.post(f"/admin/articles/article/{article.pk}/notes/", {"text": "@tanaka 出典の年も", "field": "lead"})
    page = translator_client.get(change_url(article)).content.decode()
    start = page.index('id="nd-desk-summary"')
    assert start < page.index('id="id_title"')  # before the first field, not only in the panel under the form
    summary = page[start:page.index("</div>", start)]
    assert "satoさんが差し戻しました" in summary and "リードが長すぎます" in summary
    assert "未解決のメモ 1 件" in summary and 'href="#desk-notes"' in summary

    review(translator_client, article, "request", reviewer="group")
    review(editor_client, article, "approve", note="")
    for note in article.notes.all():
        translator_client.post(f"/admin/articles/article/{article.pk}/notes/{note.pk}/", {"state": "resolved"})
    assert 'id="nd-desk-summary"' not in translator_client.get(change_url(article)).content.decode()
