"""What a story's save tells its editor: one outcome, in a newsroom's words (editorial/admin/outcomes.py)."""

import pytest
from django.contrib.messages import constants

from articles import revisions
from articles.models import Article
from tests.factories import change_url, login, make_article
from tests.helpers import messages_of
from tests.htmlforms import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    client, _ = login("Editor")
    return client


def save(client, article, **changes):
    fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
    fields["_continue"] = ["1"]
    for key, value in changes.items():
        fields[key] = [value]
    return client.post(change_url(article), fields, follow=True)


def levels(response) -> list[int]:
    return [message.level for message in response.context["messages"]]


def draft(**overrides):
    article = make_article(status=Article.Status.DRAFT, published_at=None, key_points=2, **overrides)
    revisions.record(article)
    return article


def test_publishing_says_published_with_a_link_to_the_live_page(editor):
    article = draft()
    response = save(editor, article, status="published", published_at_0="2026-11-27", published_at_1="09:00:00")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert messages_of(response) == ["公開しました。 公開ページを開く"]
    assert levels(response) == [constants.SUCCESS]
    assert f'<a href="{article.get_absolute_url()}">公開ページを開く</a>' in str(next(iter(response.context["messages"])))


def test_scheduling_says_when_in_natural_japanese(editor):
    article = draft()
    response = save(editor, article, status="scheduled", published_at_0="2030-12-04", published_at_1="09:00:00")
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert messages_of(response) == ["2030年12月4日 9:00 に公開予定です。"]


def test_a_refused_publish_is_one_error_listing_what_is_missing_and_no_success(editor):
    article = draft(lead="")
    response = save(editor, article, status="published", published_at_0="2026-11-27", published_at_1="09:00:00",
                    lead="", title="直した見出し")
    article.refresh_from_db()
    assert (article.status, article.title) == (Article.Status.DRAFT, "直した見出し")  # the content is saved
    assert levels(response) == [constants.ERROR]
    assert messages_of(response) == ["公開に必要な項目が足りません: リード。内容は「下書き」のまま保存しました。"]


def test_a_plain_save_says_saved_and_nothing_else(editor):
    article = draft()
    response = save(editor, article, title="新しい見出し")
    assert messages_of(response) == ["保存しました。"]


def test_a_save_of_a_live_story_links_its_page(editor):
    article = make_article(key_points=2)
    revisions.record(article)
    response = save(editor, article, title="直した見出し")
    assert messages_of(response) == ["保存しました。公開中のページにも反映されます。 公開ページを開く"]


def test_a_new_story_is_saved_as_a_draft(editor):
    fields = form_fields(editor.get("/admin/articles/article/add/").content.decode(), "article_form")
    article = make_article()  # for its source
    fields.update({
        "original_title": ["Title"], "title": ["見出し"], "original_url": ["https://example.com/new-story"],
        "source": [str(article.source_id)], "status": ["draft"], "_continue": ["1"],
    })
    response = editor.post("/admin/articles/article/add/", fields, follow=True)
    assert messages_of(response) == ["下書きとして保存しました。"]


def test_nothing_changed_says_so_only(editor):
    article = draft()
    response = save(editor, article)
    assert messages_of(response) == ["変更はありませんでした。"]
    assert levels(response) == [constants.INFO]


def test_typography_warnings_are_told_once_without_doubled_punctuation(editor):
    article = draft()
    body = "AI モデルとAIモデルとAI モデル。\n\n二段落目。"
    first = messages_of(save(editor, article, body=body))
    told = [m for m in first if m.startswith("表記の注意")]
    assert len(told) == 1
    assert "）。）。" not in told[0] and "。。" not in told[0]
    assert told[0].endswith("詳しくは「翻訳チェック」を確認してください。")
    # A save that changed nothing the checks read does not tell them again.
    again = messages_of(save(editor, article, slug="another-slug"))
    assert again == ["保存しました。"]
