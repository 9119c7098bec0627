"""Translation status (machine draft / human edited / reviewed) and source types (news, paper, blog, press release)."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from articles import publishing, restoring, revisions
from articles.models import Article, Source
from interchange.exporter import export_articles
from interchange.importer import import_file
from interchange.schema import InterchangeError
from tests.factories import at, change_url, login, make_article, make_source
from tests.htmlforms import form_fields

pytestmark = pytest.mark.django_db

MACHINE = Article.TranslationStatus.MACHINE_DRAFT
EDITED = Article.TranslationStatus.HUMAN_EDITED
REVIEWED = Article.TranslationStatus.REVIEWED





def machine_draft(**overrides):
    return make_article(status=Article.Status.DRAFT, published_at=None, translation_status=MACHINE, **overrides)


def json_ld(html):
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start:html.index("</script>", start)])


class TestPublishingService:
    def test_a_machine_draft_needs_an_explicit_confirmation(self):
        _, editor = login("Editor")
        article = machine_draft()
        with pytest.raises(ValidationError) as exc:
            publishing.publish(article, by=editor)
        assert exc.value.code == "machine_translation"
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT
        publishing.publish(article, by=editor, confirm_machine_translation=True)
        assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED

    def test_edited_and_reviewed_translations_publish_without_it(self):
        _, editor = login("Editor")
        for status in (EDITED, REVIEWED):
            article = make_article(status=Article.Status.DRAFT, published_at=None, translation_status=status)
            publishing.publish(article, by=editor)
            assert article.status == Article.Status.PUBLISHED

    def test_rescheduling_a_public_machine_draft_asks_nothing_again(self):
        _, editor = login("Editor")
        article = make_article(translation_status=MACHINE)  # already published
        publishing.change_status(article, Article.Status.PUBLISHED, by=editor, at=at(2026, 11, 28, 9, 0))
        assert article.status == Article.Status.PUBLISHED

    def test_scheduling_goes_through_the_same_check(self):
        _, editor = login("Editor")
        with pytest.raises(ValidationError):
            publishing.change_status(machine_draft(), Article.Status.SCHEDULED, by=editor, at=at(2099, 1, 1, 9, 0))

    def test_marking_reviewed_records_who_and_when_and_leaving_it_clears_them(self):
        _, editor = login("Editor")
        article = make_article(translation_status=EDITED)
        publishing.set_translation_status(article, REVIEWED, by=editor)
        article.refresh_from_db()
        assert article.translation_status == REVIEWED and article.reviewed_by == editor and article.reviewed_at
        publishing.set_translation_status(article, EDITED, by=editor)
        article.refresh_from_db()
        assert article.reviewed_by is None and article.reviewed_at is None

    def test_only_editors_mark_a_translation_reviewed(self):
        _, translator = login("Translator")
        article = machine_draft()
        with pytest.raises(PermissionDenied):
            publishing.set_translation_status(article, REVIEWED, by=translator)
        publishing.set_translation_status(article, EDITED, by=translator)
        assert Article.objects.get(pk=article.pk).translation_status == EDITED
        with pytest.raises(ValidationError):
            publishing.set_translation_status(article, "nonsense", by=translator)


class TestAdmin:
    def publish_form(self, client, article, **changes):
        fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
        fields.update({"status": ["published"], "published_at_0": ["2026-11-27"], "published_at_1": ["09:00:00"]})
        fields.update({k: [v] for k, v in changes.items()})
        return client.post(change_url(article), fields, follow=True)

    def test_publishing_a_machine_draft_without_the_checkbox_keeps_it_a_draft_and_says_why(self):
        client, _ = login("Editor")
        article = machine_draft()
        response = self.publish_form(client, article, lead="保存される新しいリード")
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT and article.lead == "保存される新しいリード"
        messages = " ".join(str(m) for m in response.context["messages"])
        assert "機械翻訳の下訳のまま" in messages and "「機械翻訳のまま公開する」" in messages

    def test_with_the_checkbox_the_editor_publishes_it(self):
        client, _ = login("Editor")
        article = machine_draft()
        self.publish_form(client, article, confirm_machine_translation="on")
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED and article.translation_status == MACHINE

    def test_the_list_action_refuses_a_machine_draft_with_a_message(self):
        client, _ = login("Editor")
        article = machine_draft(title="機械翻訳の記事")
        fine = make_article(status=Article.Status.DRAFT, published_at=None)
        response = client.post("/admin/articles/article/", {
            "action": "publish_selected", "_selected_action": [article.pk, fine.pk], "index": 0,
        }, follow=True)
        html = response.content.decode()
        assert "「機械翻訳の記事」: 翻訳が機械翻訳の下訳のままです。" in html and "1 件を公開しました。" in html
        assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
        assert Article.objects.get(pk=fine.pk).status == Article.Status.PUBLISHED

    def test_an_editor_marks_the_translation_reviewed_and_the_form_shows_who(self):
        client, editor = login("Editor", "hanako")
        article = machine_draft()
        revisions.record(article, by=editor)
        fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
        fields["translation_status"] = ["reviewed"]
        client.post(change_url(article), fields)
        article.refresh_from_db()
        assert article.translation_status == REVIEWED and article.reviewed_by == editor
        html = client.get(change_url(article)).content.decode()
        assert "hanako · " in html
        assert article.revisions.first().data["translation_status"] == "reviewed"
        assert "翻訳の状態" in article.revisions.first().summary_text

    def test_translators_see_neither_the_confirmation_nor_the_reviewed_choice(self):
        client, _ = login("Translator")
        article = machine_draft()
        html = client.get(change_url(article)).content.decode()
        assert 'name="confirm_machine_translation"' not in html
        select = html[html.index('name="translation_status"'):]
        select = select[:select.index("</select>")]
        assert 'value="machine_draft"' in select and 'value="reviewed"' not in select
        fields = form_fields(html, "article_form")
        fields["translation_status"] = ["reviewed"]  # a hand-made POST
        client.post(change_url(article), fields)
        assert Article.objects.get(pk=article.pk).translation_status == MACHINE

    def test_the_list_shows_and_filters_the_translation_status(self):
        client, _ = login("Editor")
        machine_draft(title="機械の記事")
        make_article(title="人の記事")
        html = client.get("/admin/articles/article/", {"translation_status__exact": "machine_draft"}).content.decode()
        assert "機械の記事" in html and "人の記事" not in html


class TestReader:
    @pytest.mark.parametrize("status,text", [
        (MACHINE, "機械翻訳（編集部による編集前）"),
        (EDITED, "編集部が翻訳・編集"),
        (REVIEWED, "編集部が翻訳・編集し、確認済み"),
    ])
    def test_the_meta_line_says_how_the_translation_was_made(self, client, status, text):
        article = make_article(translation_status=status)
        html = client.get(article.get_absolute_url()).content.decode()
        meta = html[html.index('class="article__meta"'):html.index("</p>", html.index('class="article__meta"'))]
        assert f'<span class="article__translation">{text}' in meta
        assert json_ld(html)["creditText"] == text
        assert json_ld(html)["translator"]["@type"] == "Organization"

    def test_a_reviewer_is_named_by_their_full_name_never_their_login(self, client):
        _, editor = login("Editor", "login-name", first_name="花子", last_name="山田")
        article = make_article(translation_status=EDITED)
        publishing.set_translation_status(article, REVIEWED, by=editor)
        html = client.get(article.get_absolute_url()).content.decode()
        assert "login-name" not in html
        name = editor.get_full_name()
        assert f"（確認: {name}）" in html
        assert json_ld(html)["editor"] == {"@type": "Person", "name": name}

    def test_a_reviewer_without_a_full_name_is_not_named(self, client):
        _, editor = login("Editor", "quiet-login")
        article = make_article(translation_status=EDITED)
        publishing.set_translation_status(article, REVIEWED, by=editor)
        html = client.get(article.get_absolute_url()).content.decode()
        assert "quiet-login" not in html and "確認:" not in html and "editor" not in json_ld(html)

    def test_the_public_api_leaves_the_reviewer_login_out(self, client):
        _, editor = login("Editor", "api-login")
        article = make_article(translation_status=EDITED)
        publishing.set_translation_status(article, REVIEWED, by=editor)
        data = client.get(f"/api/articles/{article.slug}/").json()
        assert data["translation_status"] == "reviewed" and "reviewed_by" not in data
        assert "api-login" not in json.dumps(data)


PAPER = {
    "original_arxiv_id": "2611.01234v2",
    "original_authors": "Neve Calloway\nAmira Osei\n",
    "original_affiliations": "Halcyon Labs\nUniversity of Edinburgh",
    "original_pdf_url": "https://arxiv.org/pdf/2611.01234v2",
    "original_code_url": "https://code.example/halcyon/world-model",
}


class TestSourceTypes:
    def original_block(self, client, article):
        html = client.get(article.get_absolute_url()).content.decode()
        return html[html.index('<details class="original"'):html.index("</details>", html.index('<details class="original"'))]

    def test_a_paper_shows_authors_affiliations_arxiv_pdf_and_code(self, client):
        source = make_source("Atlas Preprints", kind=Source.Kind.PAPER)
        article = make_article(source=source, original_author="", **PAPER)
        block = self.original_block(client, article)
        assert "Neve Calloway, Amira Osei" in block
        assert "Halcyon Labs; University of Edinburgh" in block
        assert '<a href="https://arxiv.org/abs/2611.01234v2" rel="noopener nofollow">arXiv:2611.01234v2</a>' in block
        assert 'href="https://arxiv.org/pdf/2611.01234v2"' in block and "論文のPDF" in block
        assert 'href="https://code.example/halcyon/world-model"' in block and ">コード<" in block
        assert '<dl class="original__facts" lang="ja">' in block and '<dd lang="en">Neve Calloway' in block

    def test_a_paper_in_json_ld_is_a_scholarly_article_with_its_authors_and_identifier(self, client):
        source = make_source("Atlas Preprints", kind=Source.Kind.PAPER)
        article = make_article(source=source, **PAPER)
        data = json_ld(client.get(article.get_absolute_url()).content.decode())
        based_on = data["isBasedOn"]
        assert based_on["@type"] == "ScholarlyArticle"
        assert based_on["author"] == [{"@type": "Person", "name": "Neve Calloway"}, {"@type": "Person", "name": "Amira Osei"}]
        assert based_on["identifier"] == {"@type": "PropertyValue", "propertyID": "arXiv", "value": "2611.01234v2"}
        assert based_on["sameAs"] == "https://arxiv.org/abs/2611.01234v2"
        assert based_on["encoding"]["contentUrl"] == PAPER["original_pdf_url"]
        assert [o["name"] for o in based_on["sourceOrganization"]] == ["Halcyon Labs", "University of Edinburgh"]

    def test_a_news_article_shows_author_and_publication_and_no_paper_fields(self, client):
        article = make_article(original_author="A. Writer", **PAPER)  # the default source is news
        block = self.original_block(client, article)
        assert "A. Writer" in block and "Harbor Ledger" in block
        assert "arXiv" not in block and "Neve Calloway" not in block

    def test_a_press_release_names_the_issuing_organisation(self, client):
        source = make_source("Corvant Systems Newsroom", kind=Source.Kind.PRESS_RELEASE)
        block = self.original_block(client, make_article(source=source, original_author=""))
        assert "プレスリリース" in block and "発表元:" in block and "Corvant Systems Newsroom" in block
        data = json_ld(client.get(make_article(source=source).get_absolute_url()).content.decode())
        assert data["isBasedOn"]["@type"] == "Article"

    def test_a_blog_shows_the_author_and_the_newsletter(self, client):
        source = make_source("The Gradient Letter", kind=Source.Kind.BLOG)
        article = make_article(source=source, original_author="Priya Raman")
        block = self.original_block(client, article)
        assert "ブログ・ニュースレター" in block and "Priya Raman" in block and "The Gradient Letter" in block
        assert json_ld(client.get(article.get_absolute_url()).content.decode())["isBasedOn"]["@type"] == "BlogPosting"

    def test_editor_text_in_paper_fields_is_escaped(self, client):
        source = make_source("Atlas Preprints", kind=Source.Kind.PAPER)
        article = make_article(source=source, original_authors='<script>alert(1)</script>\n"><img src=x>')
        html = client.get(article.get_absolute_url()).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html

    @pytest.mark.parametrize("value,ok", [
        ("2611.01234", True), ("2611.01234v12", True), ("hep-th/9901001", True), ("math.GT/0309136v1", True),
        ("javascript:alert(1)", False), ("2611.1", False), ("https://arxiv.org/abs/2611.01234", False),
    ])
    def test_arxiv_ids_are_validated(self, value, ok):
        article = make_article()
        article.original_arxiv_id = value
        if ok:
            article.full_clean()
        else:
            with pytest.raises(ValidationError) as exc:
                article.full_clean()
            assert "original_arxiv_id" in exc.value.message_dict

    def test_the_admin_edits_the_paper_fields_in_the_original_fieldset(self):
        client, _ = login("Editor")
        article = make_article(status=Article.Status.DRAFT)
        html = client.get(change_url(article)).content.decode()
        fieldset = html[html.index("原文の情報"):html.index("分類と公開")]
        for name in PAPER:
            assert f'name="{name}"' in fieldset
        fields = form_fields(html, "article_form")
        fields.update({k: [v.replace("\n", "\r\n")] for k, v in PAPER.items()})
        assert client.post(change_url(article), fields).status_code == 302
        article.refresh_from_db()
        assert article.original_author_list == ["Neve Calloway", "Amira Osei"]
        assert article.original_arxiv_id == "2611.01234v2"
        fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
        fields["original_arxiv_id"] = ["not an id"]
        response = client.post(change_url(article), fields)
        assert response.status_code == 200 and "arXiv IDの形式が正しくありません" in response.content.decode()


def story(**overrides):
    data = {
        "status": "draft", "published_at": None, "title": "見出し", "lead": "リード。", "body": "本文。",
        "key_points": [{"heading": "要点", "body": "説明。"}],
        "original": {"title": "Headline", "body": "Body.", "url": "https://paper.example/1", "source": "Atlas Preprints"},
    }
    original = overrides.pop("original", {})
    data.update(overrides)
    data["original"] = {**data["original"], **original}
    return data


def write(tmp_path, *articles):
    path = tmp_path / "file.json"
    path.write_text(json.dumps({"articles": list(articles)}, ensure_ascii=False), encoding="utf-8")
    return path


class TestInterchange:
    def test_the_new_fields_are_optional_on_import(self, tmp_path):
        import_file(write(tmp_path, story()))
        article = Article.objects.get()
        assert article.translation_status == EDITED and article.original_arxiv_id == ""
        assert article.source.kind == Source.Kind.NEWS

    def test_they_are_imported_and_exported(self, tmp_path):
        _, editor = login("Editor", "reviewer")
        import_file(write(tmp_path, story(
            translation_status="reviewed", reviewed_by="reviewer", reviewed_at="2026-11-27T10:00:00+09:00",
            original={"kind": "paper", "arxiv_id": "2611.01234", "authors": ["Neve Calloway", " Amira Osei "],
                      "affiliations": ["Halcyon Labs"], "pdf_url": "https://arxiv.org/pdf/2611.01234",
                      "code_url": "https://code.example/x"},
        )))
        article = Article.objects.get()
        assert (article.translation_status, article.reviewed_by, article.source.kind) == (REVIEWED, editor, "paper")
        assert article.original_authors == "Neve Calloway\nAmira Osei"
        (data,) = export_articles(None)["articles"]
        assert data["translation_status"] == "reviewed" and data["reviewed_by"] == "reviewer"
        assert data["reviewed_at"] == "2026-11-27T10:00:00+09:00"
        assert {k: data["original"][k] for k in ("kind", "arxiv_id", "authors", "affiliations", "pdf_url", "code_url")} == {
            "kind": "paper", "arxiv_id": "2611.01234", "authors": ["Neve Calloway", "Amira Osei"],
            "affiliations": ["Halcyon Labs"], "pdf_url": "https://arxiv.org/pdf/2611.01234",
            "code_url": "https://code.example/x",
        }

    def test_leaving_them_out_of_a_later_file_keeps_what_is_stored(self, tmp_path):
        import_file(write(tmp_path, story(translation_status="machine_draft", original={"arxiv_id": "2611.01234"})))
        import_file(write(tmp_path, story(title="新しい見出し")))
        article = Article.objects.get()
        assert article.title == "新しい見出し"
        assert article.translation_status == MACHINE and article.original_arxiv_id == "2611.01234"

    def test_an_unknown_reviewer_is_left_out_never_created(self, tmp_path):
        import_file(write(tmp_path, story(translation_status="reviewed", reviewed_by="nobody-here")))
        assert Article.objects.get().reviewed_by is None
        assert not User.objects.filter(username="nobody-here").exists()

    @pytest.mark.parametrize("overrides,field", [
        ({"translation_status": "perfect"}, "translation_status"),
        ({"original": {"kind": "tweet"}}, "original.kind"),
        ({"original": {"arxiv_id": "not-an-id"}}, "original.arxiv_id"),
        ({"original": {"authors": "Neve Calloway"}}, "original.authors"),
        ({"original": {"pdf_url": "javascript:alert(1)"}}, "original.pdf_url"),
        ({"reviewed_at": "yesterday"}, "reviewed_at"),
    ])
    def test_bad_values_name_the_article_and_field_and_change_nothing(self, tmp_path, overrides, field):
        with pytest.raises(InterchangeError) as exc:
            import_file(write(tmp_path, story(**overrides)))
        assert f"article 1 ('見出し'): field '{field}'" in str(exc.value)
        assert Article.objects.count() == 0

    def test_two_articles_may_not_disagree_about_a_sources_kind(self, tmp_path):
        second = story(title="二本目", original={"url": "https://paper.example/2", "kind": "blog"})
        with pytest.raises(InterchangeError) as exc:
            import_file(write(tmp_path, story(original={"kind": "paper"}), second))
        assert "article 2 ('二本目'): field 'original.kind'" in str(exc.value)

    def test_export_then_import_into_an_empty_database_keeps_them(self, tmp_path):
        source = make_source("Atlas Preprints", kind=Source.Kind.PAPER)
        make_article(source=source, translation_status=MACHINE, status=Article.Status.DRAFT, published_at=None, **PAPER)
        out = tmp_path / "backup" / "export.json"
        call_command("export_articles", "-o", str(out))
        first = json.loads(out.read_text(encoding="utf-8"))
        Article.objects.all().delete()
        Source.objects.all().delete()
        call_command("import_articles", str(out))
        call_command("export_articles", "-o", str(tmp_path / "again" / "export.json"))
        assert json.loads((tmp_path / "again" / "export.json").read_text(encoding="utf-8")) == first
        assert Source.objects.get().kind == Source.Kind.PAPER


class TestRevisions:
    def test_a_revision_keeps_the_status_and_paper_fields_and_restore_brings_them_back(self):
        _, editor = login("Editor")
        article = make_article(translation_status=MACHINE, **PAPER)
        first = revisions.record(article, by=editor)
        assert first.data["translation_status"] == "machine_draft"
        assert first.data["original"]["authors"] == ["Neve Calloway", "Amira Osei"]
        assert "kind" not in first.data["original"]  # the source's, not the story's
        Article.objects.filter(pk=article.pk).update(translation_status=EDITED, original_arxiv_id="", original_authors="")
        second = revisions.record(article, by=editor)
        assert set(second.changed) >= {"translation_status", "original.arxiv_id", "original.authors"}
        restoring.restore(first, by=editor)
        article.refresh_from_db()
        assert article.translation_status == MACHINE and article.original_arxiv_id == "2611.01234v2"
        assert article.original_author_list == ["Neve Calloway", "Amira Osei"]

    def test_an_old_revision_without_the_fields_leaves_them_alone(self):
        _, editor = login("Editor")
        article = make_article(translation_status=REVIEWED, original_arxiv_id="2611.01234")
        old = revisions.record(article, by=editor)
        data = dict(old.data)
        data.pop("translation_status")
        data["original"] = {k: v for k, v in data["original"].items() if k != "arxiv_id"}
        type(old).objects.filter(pk=old.pk).update(data=data)
        old.refresh_from_db()
        restoring.restore(old, by=editor)
        article.refresh_from_db()
        assert article.translation_status == REVIEWED and article.original_arxiv_id == "2611.01234"


class TestReviewVouchesForTheTextItSaw:
    """"Reviewed" goes when someone who may not review changes the translation; a restore never brings it back."""

    @pytest.fixture
    def reviewed(self):
        """A story in review whose translation an editor marked reviewed, with its revision."""
        article = make_article(status=Article.Status.REVIEW, published_at=None, translation_status=EDITED)
        editor = User.objects.create_user("reviewer", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editor"))
        publishing.set_translation_status(article, REVIEWED, by=editor)
        revisions.record(article, by=editor)
        return article

    def save(self, client, article, **changes):
        fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
        fields.update({k: [v] for k, v in changes.items()})
        response = client.post(change_url(article), fields, follow=True)
        assert response.status_code == 200
        article.refresh_from_db()
        return " ".join(str(m) for m in response.context["messages"])

    @pytest.mark.parametrize("field,value", [
        ("title", "訳し直した見出し"), ("lead", "訳し直したリード"), ("body", "訳し直した本文。"),
        ("impact_analysis", "書き換えた分析"), ("editorial_comment", "書き換えたコメント"),
        ("key_points-0-heading", "書き換えた要点"),
    ])
    def test_a_translators_change_to_the_translation_clears_it_and_says_so(self, reviewed, field, value):
        client, _ = login("Translator")
        messages = self.save(client, reviewed, **{field: value})
        assert reviewed.translation_status == EDITED
        assert reviewed.reviewed_by is None and reviewed.reviewed_at is None
        assert "「確認済み」を外しました" in messages
        assert reviewed.revisions.first().data["translation_status"] == "human_edited"
        assert "翻訳の状態" in reviewed.revisions.first().summary_text

    def test_a_translators_change_elsewhere_keeps_it(self, reviewed):
        client, _ = login("Translator")
        messages = self.save(client, reviewed, original_author="Another Writer")
        assert reviewed.original_author == "Another Writer"  # saved
        assert reviewed.translation_status == REVIEWED and reviewed.reviewed_by.username == "reviewer"
        assert "確認済み" not in messages

    def test_an_editors_change_keeps_it(self, reviewed):
        client, _ = login("Editor")
        self.save(client, reviewed, body="編集者が直した本文。")
        assert reviewed.body == "編集者が直した本文。"  # saved
        assert reviewed.translation_status == REVIEWED and reviewed.reviewed_by.username == "reviewer"

    def test_restoring_the_reviewed_version_does_not_bring_it_back(self, reviewed):
        reviewed_version = reviewed.revisions.first()
        client, _ = login("Translator")
        self.save(client, reviewed, body="訳し直した本文。")
        assert reviewed.translation_status == EDITED
        for role in ("Translator", "Editor"):
            restorer, _ = login(role, f"restorer-{role.lower()}")
            restorer.post(f"/admin/articles/article/{reviewed.pk}/revisions/{reviewed_version.version}/restore/")
            reviewed.refresh_from_db()
            assert reviewed.body == "最初の段落です。\n\n二つ目の段落です。"
            assert reviewed.translation_status == EDITED and reviewed.reviewed_by is None and reviewed.reviewed_at is None

    def test_a_translator_restoring_another_translation_clears_it(self, reviewed):
        client, _ = login("Translator")
        Article.objects.filter(pk=reviewed.pk).update(translation_status=EDITED, body="古い本文。")
        old = revisions.record(reviewed)
        Article.objects.filter(pk=reviewed.pk).update(translation_status=REVIEWED, body="確認された本文。")
        revisions.record(reviewed)
        response = client.post(f"/admin/articles/article/{reviewed.pk}/revisions/{old.version}/restore/", follow=True)
        reviewed.refresh_from_db()
        assert reviewed.body == "古い本文。" and reviewed.translation_status == EDITED
        assert "「確認済み」を外しました" in " ".join(str(m) for m in response.context["messages"])

    def test_an_editor_restoring_another_translation_keeps_the_review(self, reviewed):
        Article.objects.filter(pk=reviewed.pk).update(body="古い本文。")
        old = revisions.record(reviewed)
        Article.objects.filter(pk=reviewed.pk).update(body="確認された本文。")
        revisions.record(reviewed)
        restoring.restore(old, by=User.objects.get(username="reviewer"))
        reviewed.refresh_from_db()
        assert reviewed.body == "古い本文。" and reviewed.translation_status == REVIEWED
