"""Autosave: the endpoint the story form's script writes to, the offer to restore, discard, cleanup."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article
from editorial import autosaves
from editorial.models import Autosave
from images import pending
from tests.factories import at, image_upload, make_article, make_source, make_staff
from tests.helpers import ADD_URL, fill_story, single
from tests.htmlforms import form_fields

ENDPOINT = "/admin/articles/article/autosave/"
DISCARD = "/admin/articles/article/autosave/discard/"
DRAFT = "a1b2c3d4-new-story"


def form_data(**fields) -> dict:
    return {"fields": {"title": "見出し", "lead": "リード", **fields}, "options": {}}


def post(client, payload, **extra):
    # As a browser's JSON.stringify sends it: UTF-8, Japanese not escaped.
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload, ensure_ascii=False).encode()
    return client.post(ENDPOINT, body, content_type="application/json", **extra)


def signed_in(role: str, name: str) -> tuple[Client, object]:
    user = make_staff(role, name)
    client = Client()
    client.force_login(user)
    return client, user


def offered_fields(page: str) -> dict | None:
    """The autosaved form a page offers its script (in its JSON config), or None."""
    config = json.loads(re.search(r'<script id="nd-autosave-config"[^>]*>(.*?)</script>', page, re.DOTALL).group(1))
    return config["offer"]["data"]["fields"] if config["offer"] else None


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.mark.django_db
class TestTheEndpoint:
    def test_an_editor_autosaves_a_story_and_gets_the_time(self, client, editor):
        article = make_article()
        response = post(client, {"article": article.pk, "base_version": article.version,
                                 "data": form_data(lead="打ちかけのリード")})
        assert response.status_code == 200
        assert response.json()["saved_at_display"] == timezone.localtime(Autosave.objects.get().updated_at).strftime("%H:%M")
        saved = Autosave.objects.get(user=editor, article=article)
        assert saved.data["fields"]["lead"] == "打ちかけのリード" and saved.base_version == article.version

    def test_the_story_itself_is_left_alone(self, client, editor):
        article = make_article(lead="保存されたリード")
        post(client, {"article": article.pk, "data": form_data(lead="打ちかけのリード")})
        article.refresh_from_db()
        assert article.lead == "保存されたリード" and article.revisions.count() == 0

    def test_one_autosave_per_editor_and_story_the_latest_wins(self, client, editor):
        article = make_article()
        post(client, {"article": article.pk, "data": form_data(lead="一回目")})
        post(client, {"article": article.pk, "data": form_data(lead="二回目")})
        assert [a.data["fields"]["lead"] for a in Autosave.objects.all()] == ["二回目"]

    def test_a_new_story_is_kept_by_its_draft_key(self, client, editor):
        assert post(client, {"article": None, "draft_key": DRAFT, "data": form_data()}).status_code == 200
        assert Autosave.objects.get().draft_key == DRAFT and Autosave.objects.get().article is None

    def test_a_new_story_without_a_draft_key_is_refused_with_a_message(self, client, editor):
        response = post(client, {"article": None, "data": form_data()})
        assert response.status_code == 400 and "下書きキー" in response.json()["error"]
        assert not Autosave.objects.exists()

    @pytest.mark.parametrize("body", ["not json", "[1, 2]", json.dumps({"article": None, "draft_key": DRAFT}),
                                      json.dumps({"article": None, "draft_key": DRAFT, "data": {"fields": {"a": 1}}}),
                                      json.dumps({"article": "1", "data": form_data()})])
    def test_a_malformed_body_is_a_clear_error_not_a_500(self, client, editor, body):
        response = post(client, body)
        assert response.status_code == 400 and response.json()["error"]

    def test_a_form_over_the_size_cap_is_refused_with_a_message(self, client, editor, settings):
        settings.NEWSDESK_AUTOSAVE_MAX_BYTES = 10_000
        article = make_article()
        response = post(client, {"article": article.pk, "data": form_data(body="あ" * 10_000)})
        assert response.status_code == 413
        assert "大きすぎる" in response.json()["error"] and "上限 0.01 MB" in response.json()["error"]
        assert not Autosave.objects.exists()

    def test_the_longest_story_the_form_takes_fits_under_the_default_cap(self, client, editor):
        article = make_article()
        data = form_data(body="あ" * 200_000, original_body="a" * 200_000, lead="い" * 10_000,
                         impact_analysis="う" * 50_000, editorial_comment="え" * 50_000)
        assert post(client, {"article": article.pk, "data": data}).status_code == 200

    def test_writes_past_the_minute_limit_wait(self, client, editor, settings):
        settings.NEWSDESK_AUTOSAVE_MAX_PER_MINUTE = 2
        article = make_article()
        codes = [post(client, {"article": article.pk, "data": form_data()}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]

    def test_a_get_keeps_nothing_and_answers_the_sessions_csrf_token(self, editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        response = client.get(ENDPOINT)
        assert response.status_code == 200 and not Autosave.objects.exists()
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        # The token it answers lets the form's script post again.
        article = make_article()
        token = response.json()["csrf_token"]
        assert post(client, {"article": article.pk, "data": form_data()}, headers={"X-CSRFToken": token}).status_code == 200

    def test_other_methods_are_refused(self, client, editor):
        assert client.put(ENDPOINT).status_code == 405

    def test_without_the_csrf_token_nothing_is_kept(self, editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        article = make_article()
        assert post(client, {"article": article.pk, "data": form_data()}).status_code == 403
        assert not Autosave.objects.exists()

    def test_with_the_forms_csrf_token_it_is_kept(self, editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        article = make_article()
        token = single(form_fields(client.get(change_url(article)).content.decode(), "article_form"))[
            "csrfmiddlewaretoken"]
        response = post(client, {"article": article.pk, "data": form_data()}, headers={"X-CSRFToken": token})
        assert response.status_code == 200

    def test_a_signed_out_visitor_keeps_nothing(self, client):
        article = make_article()
        response = post(client, {"article": article.pk, "data": form_data()})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert not Autosave.objects.exists()

    def test_an_unknown_story_is_404(self, client, editor):
        assert post(client, {"article": 999_999, "data": form_data()}).status_code == 404


@pytest.mark.django_db
class TestWhoMayAutosave:
    def test_a_translator_autosaves_a_draft_they_may_edit(self):
        client, _ = signed_in("Translator", "tina")
        article = make_article(status=Article.Status.DRAFT, published_at=None)
        assert post(client, {"article": article.pk, "data": form_data()}).status_code == 200

    def test_a_translator_cannot_autosave_a_published_story(self):
        client, _ = signed_in("Translator", "tina")
        article = make_article(status=Article.Status.PUBLISHED)
        response = post(client, {"article": article.pk, "data": form_data()})
        assert response.status_code == 403 and "権限" in response.json()["error"]
        assert not Autosave.objects.exists()

    def test_staff_without_story_permissions_cannot_autosave(self):
        from django.contrib.auth.models import User

        user = User.objects.create_user("visitor", password="pw", is_staff=True)
        client = Client()
        client.force_login(user)
        article = make_article()
        assert post(client, {"article": article.pk, "data": form_data()}).status_code in (403, 404)
        assert post(client, {"article": None, "draft_key": DRAFT, "data": form_data()}).status_code == 403
        assert not Autosave.objects.exists()

    def test_another_editor_cannot_read_or_overwrite_my_autosave(self):
        alice, alice_user = signed_in("Editor", "alice")
        bob, bob_user = signed_in("Editor", "bob")
        article = make_article()
        post(alice, {"article": article.pk, "data": form_data(lead="アリスの下書き")})
        post(bob, {"article": article.pk, "data": form_data(lead="ボブの下書き")})
        # Each keeps their own; Bob's write did not touch Alice's.
        assert Autosave.objects.get(user=alice_user).data["fields"]["lead"] == "アリスの下書き"
        assert Autosave.objects.get(user=bob_user).data["fields"]["lead"] == "ボブの下書き"
        # Bob's form offers his, never hers.
        assert offered_fields(bob.get(change_url(article)).content.decode())["lead"] == "ボブの下書き"
        # Discarding from Bob's browser deletes only his.
        bob.post(DISCARD, {"article": article.pk})
        assert list(Autosave.objects.values_list("user__username", flat=True)) == ["alice"]

    def test_a_new_storys_draft_key_does_not_reach_another_editors_autosave(self):
        alice, alice_user = signed_in("Editor", "alice")
        bob, _ = signed_in("Editor", "bob")
        post(alice, {"article": None, "draft_key": DRAFT, "data": form_data(title="アリスの新しい記事")})
        page = bob.get(f"{ADD_URL}?draft={DRAFT}").content.decode()
        assert offered_fields(page) is None and "nd-autosave-offer" not in page
        post(bob, {"article": None, "draft_key": DRAFT, "data": form_data(title="ボブの記事")})
        assert Autosave.objects.get(user=alice_user).data["fields"]["title"] == "アリスの新しい記事"


@pytest.mark.django_db
class TestTheOffer:
    def test_opening_the_story_offers_the_autosave_with_its_time(self, client, editor):
        article = make_article()
        autosaves.keep(user=editor, article=article, data=form_data(lead="打ちかけ"), base_version=article.version)
        Autosave.objects.update(updated_at=at(2026, 12, 3, 21, 4))
        page = client.get(change_url(article)).content.decode()
        assert "自動保存された未保存の変更があります（12月3日 21:04）" in page
        assert "復元する" in page and "破棄する" in page
        assert offered_fields(page)["lead"] == "打ちかけ"

    def test_nothing_is_offered_without_an_autosave(self, client, editor):
        page = client.get(change_url(make_article())).content.decode()
        assert "nd-autosave-offer" not in page and "nd-autosave-config" in page

    def test_a_story_saved_since_the_autosave_says_so(self, client, editor):
        article = make_article()
        autosaves.keep(user=editor, article=article, data=form_data(), base_version=article.version)
        Article.objects.filter(pk=article.pk).update(version=article.version + 2)
        page = client.get(change_url(article)).content.decode()
        assert f"第{article.version}版 → 第{article.version + 2}版" in page

    def test_the_add_page_offers_my_latest_new_story(self, client, editor):
        autosaves.keep(user=editor, draft_key="older-draft-key", data=form_data(title="古い下書き"))
        Autosave.objects.update(updated_at=timezone.now() - timedelta(hours=1))
        autosaves.keep(user=editor, draft_key=DRAFT, data=form_data(title="新しい下書き"))
        autosaves.keep(user=editor, article=make_article(), data=form_data(title="既存の記事の下書き"))
        assert offered_fields(client.get(ADD_URL).content.decode())["title"] == "新しい下書き"

    def test_a_reload_of_the_add_page_offers_that_storys_autosave(self, client, editor):
        autosaves.keep(user=editor, draft_key="older-draft-key", data=form_data(title="再読み込みした記事"))
        Autosave.objects.update(updated_at=timezone.now() - timedelta(hours=1))
        autosaves.keep(user=editor, draft_key=DRAFT, data=form_data(title="別の記事"))
        page = client.get(f"{ADD_URL}?draft=older-draft-key").content.decode()
        assert offered_fields(page)["title"] == "再読み込みした記事"

    def test_discard_deletes_it_and_goes_back_to_the_form(self, client, editor):
        article = make_article()
        autosaves.keep(user=editor, article=article, data=form_data())
        response = client.post(DISCARD, {"article": article.pk, "next": change_url(article)}, follow=True)
        assert response.redirect_chain[-1][0] == change_url(article)
        assert "自動保存された変更を破棄しました。" in response.content.decode()
        assert not Autosave.objects.exists()

    def test_discard_does_not_go_to_another_site(self, client, editor):
        response = client.post(DISCARD, {"draft_key": DRAFT, "next": "https://elsewhere.example/"})
        assert response["Location"] == "/admin/articles/article/"


@pytest.mark.django_db
class TestSavingTheStory:
    def test_a_successful_save_deletes_my_autosave_only(self, client, editor):
        article = make_article()
        other = make_staff("Editor", "other")
        autosaves.keep(user=editor, article=article, data=form_data())
        autosaves.keep(user=other, article=article, data=form_data())
        data = single(form_fields(client.get(change_url(article)).content.decode(), "article_form"))
        data["lead"] = "保存したリード"
        assert client.post(change_url(article), {**data, "_continue": "1"}).status_code == 302
        assert list(Autosave.objects.values_list("user__username", flat=True)) == ["other"]

    def test_a_refused_save_keeps_the_autosave_and_offers_nothing_over_the_editors_form(self, client, editor):
        article = make_article()
        autosaves.keep(user=editor, article=article, data=form_data())
        data = single(form_fields(client.get(change_url(article)).content.decode(), "article_form"))
        data["title"] = ""
        response = client.post(change_url(article), data)
        assert response.status_code == 200 and Autosave.objects.exists()
        assert 'id="nd-autosave-offer"' not in response.content.decode()

    def test_adding_the_story_deletes_its_new_story_autosave(self, client, editor):
        autosaves.keep(user=editor, draft_key=DRAFT, data=form_data())
        autosaves.keep(user=editor, draft_key="another-draft", data=form_data())
        fields = single(form_fields(client.get(ADD_URL).content.decode(), "article_form"))
        data = fill_story(fields, make_source(), [])
        response = client.post(f"{ADD_URL}?draft={DRAFT}", {**data, "_autosave_key": DRAFT})
        assert response.status_code == 302
        assert list(Autosave.objects.values_list("draft_key", flat=True)) == ["another-draft"]


@pytest.mark.django_db
class TestCleanup:
    def test_autosaves_untouched_for_the_set_days_are_deleted(self, settings):
        settings.NEWSDESK_AUTOSAVE_MAX_AGE_DAYS = 30
        user = make_staff("Editor", "ed")
        now = at(2026, 12, 3, 12, 0)
        autosaves.keep(user=user, draft_key="abandoned-one", data=form_data())
        autosaves.keep(user=user, draft_key="recent-one", data=form_data())
        Autosave.objects.filter(draft_key="abandoned-one").update(updated_at=now - timedelta(days=31))
        Autosave.objects.filter(draft_key="recent-one").update(updated_at=now - timedelta(days=29))
        assert autosaves.clean_abandoned(now=now) == 1
        assert list(Autosave.objects.values_list("draft_key", flat=True)) == ["recent-one"]

    def test_the_command_reports_what_it_deleted(self):
        user = make_staff("Editor", "ed")
        autosaves.keep(user=user, draft_key="abandoned-one", data=form_data())
        Autosave.objects.update(updated_at=timezone.now() - timedelta(days=3))
        out = StringIO()
        call_command("clean_autosaves", "--days", "2", stdout=out)
        assert "1 abandoned autosave(s) deleted." in out.getvalue() and not Autosave.objects.exists()

    def test_keep_refuses_data_that_is_not_a_form(self):
        user = make_staff("Editor", "ed")
        with pytest.raises(ValidationError):
            autosaves.keep(user=user, draft_key=DRAFT, data={"fields": {"title": {"nested": "x"}}})


@pytest.mark.django_db
def test_a_story_the_editor_may_only_view_has_no_autosave():
    client, _ = signed_in("Translator", "tina")
    article = make_article(status=Article.Status.PUBLISHED)
    page = client.get(change_url(article)).content.decode()
    assert "nd-autosave-config" not in page


@pytest.mark.django_db
def test_an_autosaved_payload_stays_text_in_the_page(client, editor):
    article = make_article()
    payload = '</script><script>alert(1)</script><img src=x onerror=alert(2)>'
    autosaves.keep(user=editor, article=article, data={
        "fields": {"lead": payload, "category": "1"}, "options": {"category": {"1": payload}},
    })
    page = client.get(change_url(article)).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert offered_fields(page)["lead"] == payload  # the script gets it back intact, and shows it as text


@pytest.mark.django_db
def test_the_hourly_clean_up_job_removes_abandoned_autosaves(settings):
    from jobs import periodic

    settings.NEWSDESK_AUTOSAVE_MAX_AGE_DAYS = 30
    user = make_staff("Editor", "ed")
    autosaves.keep(user=user, draft_key="abandoned-one", data=form_data())
    Autosave.objects.update(updated_at=timezone.now() - timedelta(days=31))
    periodic.clean_up()
    assert not Autosave.objects.exists()


@pytest.mark.django_db
def test_the_offer_names_the_pictures_kept_after_a_refused_save_that_the_editor_may_still_claim(client, editor):
    own = pending.keep(image_upload("harbor.jpg"), by=editor)
    others = pending.keep(image_upload("theirs.jpg"), by=make_staff("Editor", "ed"))
    autosaves.keep(user=editor, draft_key=DRAFT, data=form_data(**{
        "figures-0-kept_upload": pending.reference(own),
        "figures-1-kept_upload": pending.reference(others),
        "figures-2-kept_upload": "altered",
        "figures-3-kept_upload": "",
    }))
    page = client.get(f"{ADD_URL}?draft={DRAFT}").content.decode()
    config = json.loads(re.search(r'<script id="nd-autosave-config"[^>]*>(.*?)</script>', page, re.DOTALL).group(1))
    assert config["offer"]["kept"] == {
        "figures-0-kept_upload": {"thumbnail": own.thumbnail.url, "name": "harbor.jpg"},
    }
    assert pending.PendingUpload.objects.count() == 2  # looking takes nothing up
