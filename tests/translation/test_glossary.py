"""The glossary: the model and its admin, roles, flags per article, and the one-click fix through the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from articles import roles
from articles.models import Article, GlossaryTerm, KeyPoint
from tests.factories import change_url, login, make_article, make_figure, make_tag
from tests.htmlforms import form_fields
from translation import glossary

pytestmark = pytest.mark.django_db

# One article that writes LeCun three ways, as a real translated story did.
LECUN_BODY = "\n\n".join([
    "メタのチーフAIサイエンティスト、ヤン・ルカン氏は23日、新会社の設立を発表した。",
    "## ルコン氏の主張",
    "ルコン氏は「言語だけでは世界を理解できない」と述べた。",
    "レクン氏によると、新会社は世界モデルを研究する。詳細は[発表](https://lecun.example/ルコン)を参照。",
])


@pytest.fixture
def lecun():
    return GlossaryTerm.objects.create(
        original="Yann LeCun", approved="ヤン・ルカン", variants="ルコン\nレクン\n", notes="本人の発音に合わせる。",
        tag=make_tag("Yann LeCun"),
    )


@pytest.fixture
def story():
    article = make_article(
        title="ルコン氏が新会社", lead="レクン氏が独立する。", body=LECUN_BODY, status=Article.Status.DRAFT,
        key_points=0, impact_analysis="ヤン・ルカン氏の影響力は大きい。", editorial_comment="",
    )
    KeyPoint.objects.create(article=article, position=1, heading="ルコン氏が独立", body="新会社はレクン氏が率いる。")
    return article





class TestTerm:
    def test_variants_are_one_per_line_cleaned_and_never_the_approved_form(self):
        term = GlossaryTerm.objects.create(original="Elon Musk", approved="イーロン・マスク",
                                           variants="  ムスク \n\nマスク\nムスク\nイーロン・マスク")
        assert term.variant_list == ["ムスク", "マスク"]
        assert term.variants == "ムスク\nマスク"

    def test_the_approved_form_cannot_also_be_rejected(self):
        term = GlossaryTerm(original="Elon Musk", approved="イーロン・マスク", variants="イーロン・マスク")
        with pytest.raises(ValidationError) as exc:
            term.full_clean()
        assert "variants" in exc.value.message_dict


class TestMatching:
    def test_every_rejected_spelling_is_flagged_with_its_field_and_paragraph(self, lecun, story):
        (report,) = glossary.check_article(story)
        assert report.term == lecun
        places = [(o.label, o.paragraph, o.form) for o in report.occurrences]
        assert places == [
            ("タイトル", None, "ルコン"),
            ("リード", 1, "レクン"),
            ("キーポイント1の見出し", None, "ルコン"),
            ("キーポイント1の本文", 1, "レクン"),
            ("本文", 2, "ルコン"),
            ("本文", 3, "ルコン"),
            ("本文", 4, "レクン"),
        ]
        body_place = report.occurrences[-1]
        assert body_place.snippet.match == "レクン" and "氏によると" in body_place.snippet.after

    def test_three_spellings_in_one_article_are_an_inconsistency(self, lecun, story):
        (report,) = glossary.check_article(story)
        assert report.inconsistent
        assert report.forms == [("ヤン・ルカン", 2, True), ("ルコン", 4, False), ("レクン", 3, False)]

    def test_the_approved_form_is_never_a_variant_even_when_a_shorter_term_is_inside_it(self, lecun):
        surname = GlossaryTerm.objects.create(original="LeCun", approved="ルカン", variants="ルコン")
        terms = [lecun, surname]
        matches = glossary.find_matches("ヤン・ルカン氏とルカン氏とルコン氏", terms)
        assert [(m.form, m.term.original, m.approved) for m in matches] == [
            ("ヤン・ルカン", "Yann LeCun", True), ("ルカン", "LeCun", True), ("ルコン", "Yann LeCun", False),
        ]

    def test_a_longer_variant_containing_the_approved_form_wins(self):
        term = GlossaryTerm.objects.create(original="LeCun", approved="ルカン", variants="ヤン・ルカーン\nルカーン")
        matches = glossary.find_matches("ヤン・ルカーン氏", [term])
        assert [(m.form, m.approved) for m in matches] == [("ヤン・ルカーン", False)]

    def test_a_katakana_form_inside_a_longer_katakana_word_is_not_a_match(self):
        term = GlossaryTerm.objects.create(original="Elon Musk", approved="イーロン・マスク", variants="マスク\nムスク")
        assert glossary.find_matches("マスクメロンとスーパーマスクを買った。", [term]) == []
        assert [m.form for m in glossary.find_matches("マスク氏とムスク氏", [term])] == ["マスク", "ムスク"]

    def test_a_latin_form_is_matched_as_a_whole_word(self):
        term = GlossaryTerm.objects.create(original="xAI", approved="xAI", variants="XAI")
        assert glossary.find_matches("XAIS社", [term]) == []
        assert [m.form for m in glossary.find_matches("XAI社", [term])] == ["XAI"]

    def test_link_targets_and_code_are_left_alone(self, lecun):
        value = "[ルコン](https://x.example/ルコン) と `ルコン`"
        new, replaced = glossary.replace_variants(value, [lecun])
        assert new == "[ヤン・ルカン](https://x.example/ルコン) と `ルコン`"
        assert replaced == {("ルコン", "ヤン・ルカン"): 1}

    def test_no_terms_no_reports(self, story):
        assert glossary.check_article(story) == []


class TestApplying:
    def test_replaces_every_variant_in_every_translated_part(self, lecun, story):
        replaced = glossary.apply_approved_forms(story)
        assert replaced == {("ルコン", "ヤン・ルカン"): 4, ("レクン", "ヤン・ルカン"): 3}
        story.refresh_from_db()
        assert story.title == "ヤン・ルカン氏が新会社" and story.lead == "ヤン・ルカン氏が独立する。"
        assert "ルコン" not in story.body.replace("lecun.example/ルコン", "") and "レクン" not in story.body
        assert "https://lecun.example/ルコン" in story.body
        point = story.key_points.get()
        assert (point.heading, point.body) == ("ヤン・ルカン氏が独立", "新会社はヤン・ルカン氏が率いる。")
        assert glossary.check_article(story) == []


class TestFigures:
    """Captions and alt text are translation too: readers, share cards and screen readers get them."""

    def test_a_rejected_spelling_in_a_figures_alt_text_or_caption_is_flagged_and_fixed(self, client, lecun):
        story = make_article(title="AIの新会社", body="本文。\n\n[[figure:1]]", key_points=0)
        make_figure(story, position=1, caption="講演するルコン氏", alt_text="壇上のレクン氏")
        places = {(o.key, o.label, o.form) for r in glossary.check_article(story) for o in r.occurrences}
        assert places == {("figures.1.caption", "図1のキャプション", "ルコン"), ("figures.1.alt_text", "図1の代替テキスト", "レクン")}

        assert glossary.apply_approved_forms(story) == {("ルコン", "ヤン・ルカン"): 1, ("レクン", "ヤン・ルカン"): 1}
        figure = story.figures.get()
        assert (figure.caption, figure.alt_text) == ("講演するヤン・ルカン氏", "壇上のヤン・ルカン氏")
        html = client.get(story.get_absolute_url()).content.decode()  # what share cards read
        assert 'content="壇上のヤン・ルカン氏"' in html and "レクン" not in html

    def test_a_latin_name_left_in_the_translation_is_a_warning_not_a_fix(self):
        term = GlossaryTerm.objects.create(original="LeCun", approved="ルカン")
        story = make_article(
            title="LeCun氏が新会社", body="\n\n".join(["LeCun氏は述べた。"] * 9), lead="リード。", key_points=0,
            original_body="LeCun said.",
        )
        make_figure(story, position=1, caption="講演する[LeCun氏](https://example.com/LeCun)", alt_text="壇上の人")
        (found,) = glossary.check_untranslated(story)
        assert found.term == term
        # Title and nine paragraphs of the body; the link's target is not text, the original is not translation.
        assert found.count == 11
        assert {place.label for place in found.places} == {"タイトル", "本文", "図1のキャプション"}
        assert glossary.apply_approved_forms(story) == {}  # some names stay in Latin on purpose
        assert glossary.check_untranslated(make_article(title="LeCunology入門", body="本文。")) == []  # not a word of its own


class TestRoles:
    def test_the_groups_hold_exactly_the_permissions_of_roles(self):
        for name, codenames in roles.ROLES.items():
            group = Group.objects.get(name=name)
            held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
            assert held == set(codenames), name

    def test_editors_manage_the_glossary_and_translators_only_read_it(self, lecun):
        editor, _ = login("Editor")
        response = editor.post("/admin/articles/glossaryterm/add/", {
            "original": "Elon Musk", "approved": "イーロン・マスク", "variants": "ムスク", "notes": "", "tag": "",
        })
        assert response.status_code == 302
        assert GlossaryTerm.objects.filter(original="Elon Musk").exists()

        translator, _ = login("Translator")
        assert translator.get("/admin/articles/glossaryterm/").status_code == 200
        assert translator.get(f"/admin/articles/glossaryterm/{lecun.pk}/change/").status_code == 200
        translator.post(f"/admin/articles/glossaryterm/{lecun.pk}/change/", {
            "original": "Yann LeCun", "approved": "ルコン", "variants": "", "notes": "", "tag": "",
        })
        lecun.refresh_from_db()
        assert lecun.approved == "ヤン・ルカン"
        assert translator.get("/admin/articles/glossaryterm/add/").status_code == 403

    def test_the_list_shows_the_variants(self, lecun):
        editor, _ = login("Editor")
        html = editor.get("/admin/articles/glossaryterm/").content.decode()
        assert "ヤン・ルカン" in html and "ルコン、レクン" in html


class TestAdmin:
    def test_the_change_form_flags_each_place_and_offers_the_fix(self, lecun, story):
        client, _ = login("Editor")
        html = client.get(change_url(story)).content.decode()
        panel = html[html.index('id="nd-glossary"'):html.index('id="nd-typography"')]
        assert "Yann LeCun" in panel and "ヤン・ルカン" in panel
        assert "表記が揺れています:" in panel
        assert panel.count("<mark>ルコン</mark>") == 4 and panel.count("<mark>レクン</mark>") == 3
        assert "本文 第4段落" in panel and "キーポイント1の見出し" in panel
        assert f'href="{lecun.tag.get_absolute_url()}"' in panel
        assert "本人の発音に合わせる。" in panel
        assert 'name="_apply_glossary"' in panel
        # The button belongs to the article form: it saves what is in the form.
        start = html.index('id="article_form"')
        form_html = html[start:html.index("</form>", start)]
        assert 'name="_apply_glossary"' in form_html

    def test_one_click_fixes_the_translation_in_one_revision(self, lecun, story):
        client, editor = login("Editor")
        fields = form_fields(client.get(change_url(story)).content.decode(), "article_form")
        before = story.revisions.count()
        fields["_apply_glossary"] = ["1"]
        response = client.post(change_url(story), fields)
        assert response.status_code == 302 and response["Location"] == change_url(story)
        story.refresh_from_db()
        assert "ルコン" not in story.title + story.lead and "レクン" not in story.body
        assert story.key_points.get().heading == "ヤン・ルカン氏が独立"
        assert story.revisions.count() == before + 1
        revision = story.revisions.first()
        assert revision.created_by == editor and "ヤン・ルカン氏が新会社" == revision.data["title"]
        assert story.version == revision.version

        page = client.get(change_url(story)).content.decode()
        assert "用語集の表記に統一しました: ルコン→ヤン・ルカン（4 か所）、レクン→ヤン・ルカン（3 か所）" in page
        assert "の「使わない表記」はありません。" in page

    def test_the_fix_also_keeps_what_the_editor_just_typed(self, lecun, story):
        client, _ = login("Editor")
        fields = form_fields(client.get(change_url(story)).content.decode(), "article_form")
        fields["lead"] = ["編集者が書き直したリード。ルコン氏が独立。"]
        fields["_apply_glossary"] = ["1"]
        client.post(change_url(story), fields)
        story.refresh_from_db()
        assert story.lead == "編集者が書き直したリード。ヤン・ルカン氏が独立。"

    def test_the_fix_respects_the_stale_form_check(self, lecun, story):
        alice, _ = login("Editor")
        bob, _ = login("Chief editor")
        alice_form = form_fields(alice.get(change_url(story)).content.decode(), "article_form")
        bob_form = form_fields(bob.get(change_url(story)).content.decode(), "article_form")
        bob_form["title"] = ["ボブが直したルコン氏の見出し"]
        assert bob.post(change_url(story), bob_form).status_code == 302
        alice_form["title"] = ["アリスの見出し"]
        alice_form["_apply_glossary"] = ["1"]
        response = alice.post(change_url(story), alice_form)
        assert response.status_code == 200  # refused: she is shown what changed
        story.refresh_from_db()
        assert story.title == "ボブが直したルコン氏の見出し" and "レクン" in story.body

    def test_a_translator_may_fix_a_draft(self, lecun, story):
        client, _ = login("Translator")
        fields = form_fields(client.get(change_url(story)).content.decode(), "article_form")
        fields["_apply_glossary"] = ["1"]
        assert client.post(change_url(story), fields).status_code == 302
        story.refresh_from_db()
        assert story.title == "ヤン・ルカン氏が新会社"

    def test_a_translator_cannot_fix_a_published_story(self, lecun, story):
        Article.objects.filter(pk=story.pk).update(status=Article.Status.PUBLISHED)
        client, _ = login("Translator")
        html = client.get(change_url(story)).content.decode()
        assert 'name="_apply_glossary"' not in html  # view only
        client.post(change_url(story), {"_apply_glossary": "1", "title": "x"})
        story.refresh_from_db()
        assert story.title == "ルコン氏が新会社"

    def test_saving_reports_the_variants_in_a_message(self, lecun, story):
        client, _ = login("Editor")
        fields = form_fields(client.get(change_url(story)).content.decode(), "article_form")
        fields["_continue"] = ["1"]
        response = client.post(change_url(story), fields, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any("用語集で使わない表記が 7 か所あります: ルコン、レクン" in m for m in messages)

    def test_a_latin_name_left_in_the_body_is_shown_and_told_after_saving(self, story):
        GlossaryTerm.objects.create(original="LeCun", approved="ルカン")
        story.body += "\n\nLeCun氏は続けた。LeCun氏はまた述べた。"
        story.save()
        client, _ = login("Editor")
        html = client.get(change_url(story)).content.decode()
        panel = html[html.index('id="nd-untranslated"'):html.index('id="nd-typography"')]
        assert panel.count("<mark>LeCun</mark>") == 2 and "本文 第5段落" in panel
        fields = form_fields(html, "article_form")
        fields["_continue"] = ["1"]
        response = client.post(change_url(story), fields, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any("原語の表記のまま残っている用語があります: LeCun（2 か所、用語集では「ルカン」）" in m for m in messages)

    def test_without_a_glossary_the_panel_says_so(self, story):
        client, _ = login("Editor")
        html = client.get(change_url(story)).content.decode()
        assert "用語集にまだ用語がありません。" in html


def test_the_demo_glossary_loads_twice_without_duplicates():
    from django.core.management import call_command

    make_tag("Halcyon Labs")
    call_command("load_demo_glossary")
    call_command("load_demo_glossary")
    assert GlossaryTerm.objects.filter(original="Vance").get().variant_list == ["バンス"]
    assert GlossaryTerm.objects.get(original="Halcyon Labs").tag.name == "Halcyon Labs"
    assert GlossaryTerm.objects.count() == 6
