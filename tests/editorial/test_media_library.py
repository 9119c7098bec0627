"""The media library in the admin: picking a library image in a story's figure, uploads joining it, where
each image is used, deleting refused while a story shows it, and the library's own pages."""

import json
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Figure
from images import library
from images.models import Image
from tests.factories import after_commit, change_url, image_bytes, login, make_article, make_figure, make_source
from tests.helpers import ADD_URL, fill_story, single
from tests.htmlforms import form_fields

pytestmark = pytest.mark.django_db

LIBRARY_URL = "/admin/images/image/"


def library_image(**remembered) -> Image:
    """A library image with its renditions, as after its first save's job."""
    with after_commit():
        image = library.add_upload(
            SimpleUploadedFile("port.jpg", image_bytes(size=(900, 600), color=remembered.pop("color", (10, 80, 160)))),
            **{"alt_text": "夜明けの港に並ぶクレーン", "caption": "横浜港の朝", "credit": "撮影: 編集部", **remembered},
        )
    image.refresh_from_db()
    return image


def new_story_picking(client, image: Image, **figure_fields):
    """The add form filled in as an editor would, its one figure picked from the library (no file)."""
    fields = fill_story(single(form_fields(client.get(ADD_URL).content.decode(), "article_form")), make_source(), [])
    fields["body"] = "一段落目。\r\n\r\n[[figure:1]]\r\n\r\n二段落目。"
    fields["figures-TOTAL_FORMS"] = "1"
    for key in [k for k in fields if k.startswith("figures-1-")]:
        del fields[key]
    fields.update({
        "figures-0-image": "", "figures-0-image_item": str(image.pk),
        "figures-0-alt_text": "", "figures-0-caption": "", "figures-0-credit": "",
        **{f"figures-0-{name}": value for name, value in figure_fields.items()},
    })
    return fields


class TestPickingInAFigure:
    def test_a_figure_picked_from_the_library_shows_its_image_with_the_remembered_texts(
        self, client, editor, media_root,
    ):
        image = library_image()
        with after_commit():
            response = client.post(ADD_URL, new_story_picking(client, image, caption="この記事だけのキャプション"))
        assert response.status_code == 302
        figure = Article.objects.get().figures.get()
        assert figure.image_item == image and figure.image.name == image.file.name
        assert figure.renditions == image.renditions
        assert figure.caption == "この記事だけのキャプション"  # typed for this story: kept
        assert (figure.alt_text, figure.credit) == ("夜明けの港に並ぶクレーン", "撮影: 編集部")  # left empty: remembered
        assert Image.objects.count() == 1  # nothing stored again

    def test_a_translator_picks_a_library_image_too(self, media_root):
        client, _ = login("Translator")
        image = library_image()
        found = client.get(
            "/admin/images/image/pick/",
            {"term": "横浜", "app_label": "articles", "model_name": "figure", "field_name": "image_item"},
        )
        assert found.status_code == 200
        result = json.loads(found.content)["results"][0]
        assert result["id"] == str(image.pk) and result["thumbnail"].startswith("/media/renditions/")
        assert (result["alt_text"], result["credit"]) == ("夜明けの港に並ぶクレーン", "撮影: 編集部")
        fields = new_story_picking(client, image, alt_text="訳者が書いた説明")
        fields["status"] = "draft"
        with after_commit():
            response = client.post(ADD_URL, fields)
        assert response.status_code == 302
        figure = Article.objects.get().figures.get()
        assert figure.image_item == image and figure.alt_text == "訳者が書いた説明"

    def test_the_live_preview_draws_a_picked_library_image_before_the_save(self, client, editor, media_root):
        image = library_image()
        fields = new_story_picking(client, image, alt_text="この記事の説明")
        response = client.post("/admin/articles/article/live-preview/", fields)
        assert response.status_code == 200
        html = response.json()["html"]
        assert image.rendition(800)["jpeg"] in html and 'alt="この記事の説明"' in html

    def test_a_figure_with_neither_an_upload_nor_a_pick_says_what_to_do(self, client, editor):
        fields = new_story_picking(client, library_image())
        fields["figures-0-image_item"] = ""
        fields["figures-0-alt_text"] = "説明"
        response = client.post(ADD_URL, fields)
        assert response.status_code == 200
        errors = response.context["inline_admin_formsets"][1].formset.errors
        assert "「ライブラリから選ぶ」で画像ライブラリの画像を選んでください" in " ".join(errors[0]["image"])
        assert not Article.objects.exists()

    def test_a_figure_changes_to_another_library_image(self, client, editor, media_root):
        story = make_article()
        make_figure(story)
        other = library_image(color=(200, 30, 30), caption="別の写真")
        fields = single(form_fields(client.get(change_url(story)).content.decode(), "article_form"))
        fields["figures-0-image_item"] = str(other.pk)
        response = client.post(change_url(story), fields)
        assert response.status_code == 302
        figure = story.figures.get()
        assert figure.image_item == other and figure.image.name == other.file.name
        assert other.renditions["480"]["jpeg"] in client.get(story.get_absolute_url()).content.decode()

    def test_an_upload_in_a_figure_adds_it_to_the_library_with_its_uploader(self, client, editor, media_root):
        fields = fill_story(single(form_fields(client.get(ADD_URL).content.decode(), "article_form")), make_source(), [])
        with after_commit():
            response = client.post(ADD_URL, fields)
        assert response.status_code == 302
        images = list(Image.objects.order_by("caption"))
        assert [(i.caption, i.alt_text, i.uploaded_by) for i in images] == [
            ("キャプション1", "図1の説明", editor), ("キャプション2", "図2の説明", editor),
        ]
        assert all(i.renditions for i in images)
        listing = client.get(LIBRARY_URL, {"q": "キャプション2"}).content.decode()
        assert "キャプション2" in listing and "キャプション1" not in listing


    def test_a_pick_in_a_form_another_editor_saved_under_is_never_lost(self, media_root):
        from articles import revisions

        story = make_article(status=Article.Status.DRAFT, published_at=None, key_points=2)
        make_figure(story)
        revisions.record(story)  # the version both editors open
        other = library_image(color=(200, 30, 30), caption="別の写真")
        alice, _ = login("Editor", "alice")
        bob, _ = login("Editor", "bob")
        alice_form = single(form_fields(alice.get(change_url(story)).content.decode(), "article_form"))
        bob_form = single(form_fields(bob.get(change_url(story)).content.decode(), "article_form"))
        bob_form["figures-0-caption"] = "ボブのキャプション"
        assert bob.post(change_url(story), bob_form).status_code == 302
        alice_form["figures-0-image_item"] = str(other.pk)
        response = alice.post(change_url(story), alice_form)
        # Both changed the figures: her pick is not dropped for his caption, she is shown both.
        assert response.status_code == 200
        assert "bob も同じ項目を変更して保存しました" in response.content.decode()
        shown = single(form_fields(response.content.decode(), "article_form"))
        assert shown["figures-0-image_item"] == str(other.pk)
        assert story.figures.get().image_item != other
        response = alice.post(change_url(story), shown)  # having seen both, she saves again
        assert response.status_code == 302
        assert story.figures.get().image_item == other


class TestLibraryPages:
    def test_the_list_shows_thumbnails_and_finds_images_by_credit_caption_title_and_alt_text(
        self, client, editor, media_root,
    ):
        library_image(title="クレーンの朝", credit="撮影: 山田")
        library_image(color=(1, 200, 1), caption="管制塔", alt_text="夕暮れの管制塔", credit="AP")
        listing = client.get(LIBRARY_URL).content.decode()
        assert listing.count('class="nd-thumb"') == 2 and "/media/renditions/" in listing
        for term, shown, hidden in (("山田", "クレーンの朝", "管制塔"), ("夕暮れ", "管制塔", "クレーンの朝"),
                                    ("クレーンの", "クレーンの朝", "管制塔")):
            page = client.get(LIBRARY_URL, {"q": term}).content.decode()
            assert shown in page and hidden not in page, term

    def test_each_image_lists_the_stories_using_it(self, client, editor, media_root):
        image = library_image()
        first, second = make_article(title="港の電動化"), make_article(title="港の夜明け")
        for story in (first, second):
            Figure.objects.create(article=story, position=1, image_item=image, alt_text="港")
        unused = library_image(color=(5, 5, 5))
        page = client.get(f"{LIBRARY_URL}{image.pk}/change/").content.decode()
        assert "港の電動化" in page and "港の夜明け" in page and change_url(first) in page
        assert "どの記事でも使われていません" in client.get(f"{LIBRARY_URL}{unused.pk}/change/").content.decode()
        in_use = client.get(LIBRARY_URL, {"used": "no"}).content.decode()
        assert f"{LIBRARY_URL}{unused.pk}/change/" in in_use and f"{LIBRARY_URL}{image.pk}/change/" not in in_use

    def test_deleting_an_image_in_use_is_refused_naming_the_stories(self, client, editor, media_root):
        image = library_image()
        Figure.objects.create(article=make_article(title="港の電動化"), position=1, image_item=image, alt_text="港")
        response = client.post(f"{LIBRARY_URL}{image.pk}/delete/", {"post": "yes"}, follow=True)
        page = response.content.decode()
        assert "この画像は次の記事の図で使われているため、削除できません：「港の電動化」" in page
        assert Image.objects.filter(pk=image.pk).exists()

    def test_an_unused_image_is_deleted_with_its_files(
        self, client, editor, media_root, django_capture_on_commit_callbacks,
    ):
        image = library_image()
        paths = [media_root / name for name in image.files()]
        assert all(p.exists() for p in paths)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{LIBRARY_URL}{image.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
        assert not Image.objects.exists() and not any(p.exists() for p in paths)

    def test_translators_see_the_library_but_do_not_delete_from_it(self, media_root):
        client, _ = login("Translator")
        image = library_image()
        assert client.get(LIBRARY_URL).status_code == 200
        assert client.post(f"{LIBRARY_URL}{image.pk}/delete/", {"post": "yes"}).status_code == 403
        assert Image.objects.exists()

    def test_an_editor_adds_an_image_and_the_same_file_again_is_pointed_to(self, client, editor, media_root):
        data = image_bytes(size=(640, 480), color=(90, 90, 20))
        with after_commit():
            response = client.post(f"{LIBRARY_URL}add/", {
                "file": SimpleUploadedFile("field.jpg", data), "title": "麦畑", "keywords": "農業 夏",
                "alt_text": "一面の麦畑", "caption": "", "credit": "撮影: 編集部",
            })
        assert response.status_code == 302
        image = Image.objects.get()
        assert (image.title, image.uploaded_by.username, image.width) == ("麦畑", "editor", 640)
        again = client.post(f"{LIBRARY_URL}add/", {"file": SimpleUploadedFile("copy.jpg", data), "title": "複製"})
        assert again.status_code == 200
        assert "この画像はすでにライブラリにあります（「麦畑」）" in again.content.decode()
        assert Image.objects.count() == 1

    def test_the_list_shows_who_uploaded_each_image_and_when(self, client, editor, media_root):
        with after_commit():
            client.post(f"{LIBRARY_URL}add/", {"file": SimpleUploadedFile("field.jpg", image_bytes(size=(640, 480))),
                                               "title": "麦畑"})
        image = Image.objects.get()
        image.uploaded_at = datetime(2026, 5, 1, 1, 30, tzinfo=UTC)
        image.save(update_fields=["uploaded_at"])
        listing = client.get(LIBRARY_URL).content.decode()
        assert '<td class="field-uploaded">editor · 2026-05-01 10:30</td>' in listing  # Tokyo's time
        assert "editor · 2026-05-01 10:30" in client.get(f"{LIBRARY_URL}{image.pk}/change/").content.decode()

    def test_what_is_not_an_image_is_refused_with_a_message(self, client, editor, media_root):
        response = client.post(f"{LIBRARY_URL}add/", {"file": SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>")})
        assert response.status_code == 200
        assert "画像として読み込めないファイルです" in response.content.decode()
        assert not Image.objects.exists()
