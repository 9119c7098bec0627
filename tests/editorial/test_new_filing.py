"""Tags and sources named where they are typed: 「新規作成: …」 in the story form's autocomplete, for editors only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles import filing
from articles.models import Source, Tag
from tests.factories import login, make_source, make_staff, make_tag

NAME_NEW = "/admin/articles/name-new/"


def autocomplete(client, field: str, term: str) -> list[dict]:
    response = client.get("/admin/autocomplete/", {
        "term": term, "app_label": "articles", "model_name": "article", "field_name": field,
    })
    assert response.status_code == 200
    return response.json()["results"]


@pytest.mark.django_db
class TestTheAutocomplete:
    def test_an_editor_is_offered_a_new_tag_and_a_new_source(self, client, editor):
        make_tag("AI研究")
        tags = autocomplete(client, "tags", "量子計算")
        assert [t["text"] for t in tags] == ["新規作成: 量子計算"]
        assert tags[0]["newsdesk_new"] == {"url": NAME_NEW, "kind": "tag", "name": "量子計算"}
        assert autocomplete(client, "source", "Harbor Ledger")[-1]["text"] == "新規作成: Harbor Ledger"

    def test_no_offer_when_the_name_is_there_in_another_width_or_case(self, client, editor):
        make_tag("AI")
        assert [t["text"] for t in autocomplete(client, "tags", "ai")] == ["AI"]
        assert [t["text"] for t in autocomplete(client, "tags", "ＡＩ")] == []  # found by folding, not offered

    def test_a_translator_is_offered_only_what_there_is(self):
        client, _translator = login("Translator", "tomo")
        make_tag("AI研究")
        assert autocomplete(client, "tags", "量子計算") == []
        assert [t["text"] for t in autocomplete(client, "tags", "AI")] == ["AI研究"]

    def test_other_fields_offer_nothing_new(self, client, editor):
        assert autocomplete(client, "category", "新しいカテゴリー") == []


@pytest.mark.django_db
class TestNamingANewOne:
    def test_an_editor_makes_a_tag_and_a_source(self, client, editor):
        response = client.post(NAME_NEW, {"kind": "tag", "name": " 量子  計算 "})
        assert response.status_code == 201
        tag = Tag.objects.get(name="量子 計算")
        assert response.json() == {"id": str(tag.pk), "text": "量子 計算", "created": True}
        assert client.post(NAME_NEW, {"kind": "source", "name": "Harbor Ledger"}).status_code == 201
        assert Source.objects.filter(name="Harbor Ledger").exists()

    def test_a_name_differing_only_by_width_or_case_is_the_existing_one(self, client, editor):
        tag = make_tag("AI")
        source = make_source("Harbor Ledger")
        response = client.post(NAME_NEW, {"kind": "tag", "name": "ａｉ"})
        assert response.status_code == 200 and response.json() == {"id": str(tag.pk), "text": "AI", "created": False}
        assert client.post(NAME_NEW, {"kind": "source", "name": "harbor  ledger"}).json()["id"] == str(source.pk)
        assert Tag.objects.count() == 1 and Source.objects.count() == 1

    def test_a_translator_is_refused_with_a_message(self):
        client, _translator = login("Translator", "tomo")
        response = client.post(NAME_NEW, {"kind": "tag", "name": "量子計算"})
        assert response.status_code == 403
        assert response.json()["error"] == "新しいタグやソースを作れるのは編集者だけです。今あるものから選んでください。"
        assert not Tag.objects.exists()

    def test_a_translator_naming_an_existing_one_gets_it(self):
        client, _translator = login("Translator", "tomo")
        tag = make_tag("AI")
        assert client.post(NAME_NEW, {"kind": "tag", "name": "ＡＩ"}).json()["id"] == str(tag.pk)

    @pytest.mark.parametrize(("data", "message"), [
        ({"kind": "tag", "name": "   "}, "名前を入力してください。"),
        ({"kind": "tag", "name": "長" * 101}, "名前が長すぎます（100 文字まで、いまは 101 文字）。"),
        ({"kind": "category", "name": "政治"}, "タグかソースのどちらを作るのかがわかりません。"),
    ])
    def test_bad_names_are_refused_with_a_message(self, client, editor, data, message):
        response = client.post(NAME_NEW, data)
        assert response.status_code == 400 and response.json()["error"] == message
        assert not Tag.objects.exists()

    def test_the_public_and_a_get_get_nothing(self, client):
        assert client.post(NAME_NEW, {"kind": "tag", "name": "x"}).status_code == 302  # to the login page
        client.force_login(make_staff("Editor", "erin"))
        assert client.get(NAME_NEW).status_code == 405


@pytest.mark.django_db
class TestTheService:
    def test_superusers_and_chief_editors_may_name_new_ones(self):
        from django.contrib.auth.models import User

        boss = User.objects.create_superuser("boss", password="pw")
        chief = make_staff("Chief editor", "chief")
        assert filing.name_new(kind="tag", name="新しい", by=boss)[1] is True
        assert filing.name_new(kind="tag", name="もう一つ", by=chief)[1] is True

    def test_a_translator_is_refused(self):
        with pytest.raises(PermissionDenied):
            filing.name_new(kind="source", name="New Source", by=make_staff("Translator", "tomo"))

    def test_an_empty_name_is_refused(self):
        with pytest.raises(ValidationError):
            filing.name_new(kind="tag", name="", by=make_staff("Editor", "erin"))


@pytest.mark.django_db
class TestAFormSentBeforeTheNewOneWasMade:
    """Saved while the 「新規作成」 entry was still being made (or sent by hand): the form comes back, never a 500."""

    @pytest.mark.parametrize("field", ["tags", "source"])
    def test_the_form_comes_back_with_the_fields_error_and_the_rest_kept(self, field):
        from tests.factories import change_url, make_article
        from tests.htmlforms import form_fields

        client, _editor = login("Editor")
        article = make_article(title="まだ作られていない名前の記事")
        fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
        fields[field] = ["newsdesk-new:Pacific Wire"]
        fields["title"] = ["書き直した見出し"]
        response = client.post(change_url(article), fields)
        assert response.status_code == 200
        html = response.content.decode()
        assert "errorlist" in html and "書き直した見出し" in html
        article.refresh_from_db()
        assert article.title == "まだ作られていない名前の記事"
