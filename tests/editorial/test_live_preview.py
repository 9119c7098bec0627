"""The story form's live preview: the form posted as it stands comes back drawn as the reader page will draw it."""

import re

import pytest
from django.test import Client

from articles.models import Article
from images import pending
from tests.factories import image_upload, login, make_article, make_figure, make_source, make_tag
from tests.helpers import ADD_URL, single
from tests.htmlforms import form_fields

ENDPOINT = "/admin/articles/article/live-preview/"


def endpoint_of(article) -> str:
    return f"/admin/articles/article/{article.pk}/live-preview/"


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def add_form(client) -> dict:
    """The add page's form as the browser would post it, untouched."""
    return single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))


def change_form(client, article) -> dict:
    return single(form_fields(client.get(change_url(article)).content.decode(), "article_form"))


def shown(response) -> str:
    assert response.status_code == 200, response.content
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    return response.json()["html"]


@pytest.mark.django_db
class TestThePreview:
    def test_a_new_storys_form_is_drawn_as_the_reader_page_before_any_save(self, client, editor):
        source = make_source("Harbor Ledger")
        tag = make_tag("港湾")
        fields = add_form(client)
        fields.update({
            "title": "港のクレーンが電動化", "lead": "港湾の電動化が進む。",
            "body": "一段落目。\n\n## 小見出し\n\n**強調**した二段落目。",
            "impact_analysis": "物流費に影響。", "editorial_comment": "注目したい。",
            "original_title": "Harbor cranes go electric", "original_body": "First paragraph.",
            "original_url": "https://harbor.example/cranes", "source": str(source.pk), "tags": [str(tag.pk)],
            "key_points-0-heading": "電動化の範囲", "key_points-0-body": "全岸壁の*クレーン*。",
        })
        html = shown(client.post(ENDPOINT, fields))
        assert '<h1 class="article__title">港のクレーンが電動化' in html
        assert '<p class="article__lead">港湾の電動化が進む。</p>' in html
        assert "<h2>小見出し</h2>" in html and "<strong>強調</strong>した二段落目。" in html
        assert "<h3>電動化の範囲</h3><p>全岸壁の<em>クレーン</em>。</p>" in html
        assert "物流費に影響。" in html and "注目したい。" in html
        assert "Harbor cranes go electric" in html and "First paragraph." in html
        assert "#港湾" in html and "Harbor Ledger" in html
        assert "css/site.css" in html  # the reader's stylesheet
        assert Article.objects.count() == 0  # nothing was saved

    def test_a_script_in_the_body_is_shown_as_text_as_on_the_public_page(self, client, editor):
        fields = add_form(client)
        fields.update({
            "title": "<script>alert('title')</script>見出し",
            "body": "本文<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[リンク](javascript:alert(3))",
            "key_points-0-heading": "<b>見出し</b>", "key_points-0-body": "<script>alert(4)</script>",
            "figures-TOTAL_FORMS": "1", "figures-0-caption": "<script>alert(5)</script>",
        })
        html = shown(client.post(ENDPOINT, fields))
        assert "<script" not in html.lower()
        assert "onerror" not in html.replace("onerror=alert(2)&gt;", "")  # only as escaped text
        assert "href=\"javascript" not in html  # the link stays text, as on the public page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;b&gt;見出し&lt;/b&gt;" in html

    def test_figures_are_placed_by_their_markers_with_their_captions(self, client, editor):
        article = make_article(body="一段落目。\n\n[[figure:2]]\n\n二段落目。")
        first = make_figure(article, position=1, caption="一枚目")
        make_figure(article, position=2, caption="二枚目")
        fields = change_form(client, article)
        fields["figures-1-caption"] = "直した二枚目のキャプション"
        html = shown(client.post(endpoint_of(article), fields))
        body = html[html.index('class="article__body"'):]
        assert body.index("一段落目。") < body.index("直した二枚目のキャプション") < body.index("二段落目。")
        assert body.index("二段落目。") < body.index("一枚目")  # not placed: after the body, as on the page
        assert first.image.name in html  # the stored image, before a rendition exists

    def test_reordered_figures_keep_their_place_as_the_save_would(self, client, editor):
        article = make_article(body="前。\n\n[[figure:1]]\n\n後。")
        make_figure(article, position=1, caption="一枚目")
        make_figure(article, position=2, caption="二枚目")
        fields = change_form(client, article)
        # The editor moved the first figure down: positions swap, markers still say what was drawn.
        fields["figures-0-position"], fields["figures-1-position"] = "2", "1"
        html = shown(client.post(endpoint_of(article), fields))
        body = html[html.index('class="article__body"'):]
        assert body.index("前。") < body.index("一枚目") < body.index("後。") < body.index("二枚目")

    def test_a_new_figures_caption_shows_and_its_image_waits_for_the_browser(self, client, editor):
        fields = add_form(client)
        fields.update({"body": "前。\n\n[[figure:1]]", "figures-TOTAL_FORMS": "1",
                       "figures-0-caption": "まだ保存していない図", "figures-0-image": "crane.jpg"})
        html = shown(client.post(ENDPOINT, fields))
        assert "まだ保存していない図" in html
        assert 'data-preview-image="figures-0"' in html

    def test_an_image_kept_from_a_form_with_errors_is_shown(self, client, editor, media_root):
        kept = pending.keep(image_upload("kept.jpg"), by=editor)
        fields = add_form(client)
        fields.update({"body": "[[figure:1]]", "figures-TOTAL_FORMS": "1", "figures-0-caption": "残した画像",
                       "figures-0-kept_upload": pending.reference(kept)})
        html = shown(client.post(ENDPOINT, fields))
        assert kept.file.name in html and "残した画像" in html
        assert pending.claim(pending.reference(kept), by=editor)  # still kept for the save

    def test_a_marker_pointing_at_no_figure_is_a_warning(self, client, editor):
        fields = add_form(client)
        fields["body"] = "前。\n\n[[figure:9]]"
        response = client.post(ENDPOINT, fields)
        assert response.json()["warnings"] == ["本文の [[figure:9]] に当たる図がありません。保存する前に直してください。"]

    def test_the_stored_story_is_left_alone(self, client, editor):
        article = make_article(title="保存済みの見出し", body="保存済みの本文。")
        fields = change_form(client, article)
        fields.update({"title": "打ちかけの見出し", "body": "打ちかけの本文。", "key_points-0-heading": "新しい要点"})
        html = shown(client.post(endpoint_of(article), fields))
        assert "打ちかけの見出し" in html and "新しい要点" in html
        article.refresh_from_db()
        assert article.title == "保存済みの見出し" and article.body == "保存済みの本文。"
        assert article.revisions.count() == 0 and article.key_points.first().heading != "新しい要点"


@pytest.mark.django_db
class TestWhoMayPreview:
    def test_the_public_gets_the_login_page_not_a_preview(self, client):
        response = client.post(ENDPOINT, {"title": "見出し"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_a_post_without_the_csrf_token_is_refused(self, editor):
        checked = Client(enforce_csrf_checks=True)
        checked.force_login(editor)
        assert checked.post(ENDPOINT, {"title": "見出し"}).status_code == 403

    def test_a_translator_may_not_preview_a_published_story_they_cannot_edit(self):
        client, _translator = login("Translator", "tomo")
        article = make_article(status=Article.Status.PUBLISHED)
        response = client.post(endpoint_of(article), {"title": "見出し"})
        assert response.status_code == 403
        assert response.json()["error"] == "この記事を編集する権限がありません。"

    def test_a_translator_previews_a_new_story(self):
        client, _translator = login("Translator", "tomo")
        assert shown(client.post(ENDPOINT, {"title": "翻訳者の見出し"})).count("翻訳者の見出し") >= 1


@pytest.mark.django_db
class TestBadInput:
    def test_a_get_is_not_allowed(self, client, editor):
        assert client.get(ENDPOINT).status_code == 405

    def test_an_unknown_story_is_a_clear_message(self, client, editor):
        response = client.post("/admin/articles/article/999999/live-preview/", {"title": "見出し"})
        assert response.status_code == 404 and response.json()["error"] == "記事が見つかりません。"

    @pytest.mark.parametrize("junk", [
        {"published_at_0": "2026-13-45", "published_at_1": "25:99"},
        {"source": "abc", "category": "-1", "tags": ["x", "999999"]},
        {"key_points-TOTAL_FORMS": "lots", "figures-TOTAL_FORMS": "99999999", "figures-0-id": "abc",
         "figures-0-position": "-3", "figures-0-marker": "x", "figures-0-kept_upload": "forged"},
        {"status": "gone", "translation_status": "?", "title": "x" * 5000},
    ])
    def test_a_form_it_cannot_read_still_previews_what_it_can(self, client, editor, junk):
        html = shown(client.post(ENDPOINT, {"lead": "読めるリード", **junk}))
        assert "読めるリード" in html

    def test_a_form_too_large_is_refused_with_its_limit(self, client, editor, settings):
        settings.NEWSDESK_AUTOSAVE_MAX_BYTES = 1000
        response = client.post(ENDPOINT, {"body": "あ" * 2000})
        assert response.status_code == 413
        assert re.match("フォームの内容が大きすぎるため、プレビューを表示できません", response.json()["error"])

    def test_too_many_previews_a_minute_are_refused_for_a_while(self, client, editor, settings):
        settings.NEWSDESK_PREVIEW_MAX_PER_MINUTE = 2
        assert [client.post(ENDPOINT, {"title": "見出し"}).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.django_db
class TestTheForm:
    def test_the_form_has_the_pane_and_the_signed_link_stays(self, client, editor):
        article = make_article()
        page = client.get(change_url(article)).content.decode()
        assert 'id="nd-live-preview"' in page and f'"/admin/articles/article/{article.pk}/live-preview/"' in page
        assert f"/admin/articles/article/{article.pk}/preview/" in page  # the signed link for sharing

    def test_the_add_page_previews_through_the_add_endpoint(self, client, editor):
        page = client.get(ADD_URL).content.decode()
        assert '"endpoint": "/admin/articles/article/live-preview/"' in page
