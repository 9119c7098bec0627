"""The story form's figures: kept uploads across errors, markers that follow their figures, errors you can find."""

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Figure
from images import pending
from images.models import PendingUpload
from tests.factories import at, change_url, image_upload, make_article, make_figure, make_source, make_staff
from tests.helpers import ADD_URL, fill_story, single
from tests.htmlforms import form_fields


def story_with_errors(client):
    """The add form filled in with two images, but the source forgotten: it comes back with errors."""
    data = fill_story(single(form_fields(client.get(ADD_URL).content.decode(), "article_form")), make_source(), [])
    data["source"] = ""
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    return response


def resubmitted(response, **changes):
    """What the browser sends when the editor submits the form that came back, changed as given (no file chosen)."""
    fields = single(form_fields(response.content.decode(), "article_form"))
    fields.update(changes)
    return fields


@pytest.mark.django_db
class TestKeptUploads:
    def test_images_chosen_in_a_form_with_errors_are_kept_and_saved_by_the_next_submit(
        self, client, editor, media_root, django_capture_on_commit_callbacks,
    ):
        response = story_with_errors(client)
        html = response.content.decode()
        assert "「crane-1.jpg」を選択済みです" in html and "「crane-2.jpg」を選択済みです" in html
        assert len(re.findall(r'<img src="/media/pending/[^"]+-thumb[^"]*\.jpg"', html)) == 2
        kept = list(PendingUpload.objects.order_by("pk"))
        assert [(k.original_name, k.uploaded_by) for k in kept] == [("crane-1.jpg", editor), ("crane-2.jpg", editor)]

        source = make_source("Port Weekly")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(ADD_URL, resubmitted(response, source=str(source.pk)))
        assert response.status_code == 302
        article = Article.objects.get()
        figures = list(article.figures.all())
        assert [f.caption for f in figures] == ["キャプション1", "キャプション2"]
        assert [f.width for f in figures] == [200, 201]  # each row got its own image back
        assert all(re.fullmatch(r"figures/\d{4}/\d{2}/crane-\d-[0-9a-f]{24}\.jpg", f.image.name) for f in figures)
        assert all(f.renditions for f in figures)
        # Taken up: the kept uploads and their files are gone.
        assert not PendingUpload.objects.exists()
        assert not list((Path(media_root) / "pending").glob("*"))

    def test_a_kept_upload_chosen_by_another_editor_is_refused(self, client, editor):
        response = story_with_errors(client)
        fields = resubmitted(response, source=str(make_source("Port Weekly").pk))
        client.force_login(make_staff("Editor", "someone-else"))
        response = client.post(ADD_URL, fields)
        assert response.status_code == 200
        errors = response.context["inline_admin_formsets"][1].formset.errors
        assert "別のユーザーが選んだもの" in " ".join(errors[0]["image"])
        assert Article.objects.count() == 0 and Figure.objects.count() == 0

    def test_an_altered_reference_is_refused(self, client, editor):
        response = story_with_errors(client)
        fields = resubmitted(response, source=str(make_source("Port Weekly").pk))
        ref = fields["figures-0-kept_upload"]
        other = PendingUpload.objects.order_by("pk").last()
        fields["figures-0-kept_upload"] = ref.replace(ref.split(":")[0], pending.signing.b64_encode(
            f"[{other.pk + 1},{editor.pk}]".encode()).decode())
        response = client.post(ADD_URL, fields)
        assert response.status_code == 200
        assert "選んだ画像を確認できませんでした" in response.content.decode()
        assert Article.objects.count() == 0

    def test_a_new_choice_replaces_the_kept_image(self, client, editor):
        response = story_with_errors(client)
        fields = resubmitted(response, source=str(make_source("Port Weekly").pk))
        fields["figures-0-image"] = image_upload("newer.jpg", size=(300, 100))
        assert client.post(ADD_URL, fields).status_code == 302
        assert [f.width for f in Figure.objects.order_by("position")] == [300, 201]

    def test_unclaimed_uploads_are_cleaned_up_after_a_day(self, client, editor, media_root):
        story_with_errors(client)
        old, recent = PendingUpload.objects.order_by("pk")
        PendingUpload.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(hours=25))
        out = StringIO()
        call_command("clean_pending_uploads", stdout=out)
        assert "Deleted 1" in out.getvalue()
        assert list(PendingUpload.objects.all()) == [recent]
        files = {p.relative_to(media_root).as_posix() for p in Path(media_root).rglob("*.*")}
        assert files == {recent.file.name, recent.thumbnail.name}


def story_with_figures(count=3, body=None, **overrides):
    article = make_article(
        **{"status": Article.Status.DRAFT, "published_at": None, **overrides},
        body=body or "\n\n".join(f"段落{n}。\n\n[[figure:{n}]]" for n in range(1, count + 1)),
    )
    for n in range(1, count + 1):
        make_figure(article, position=n, caption=f"写真{n}")
    return article


def edit(client, article, **changes):
    fields = single(form_fields(client.get(change_url(article)).content.decode(), "article_form"))
    fields.update(changes)
    return client.post(change_url(article), fields, follow=True)


def placements(article):
    """Which picture (by caption) each paragraph of the saved body is followed by."""
    article.refresh_from_db()
    captions = dict(article.figures.values_list("position", "caption"))
    return re.sub(r"\[\[figure:(\d+)\]\]", lambda m: captions.get(int(m.group(1)), "?"), article.body)


@pytest.mark.django_db
class TestMarkersFollowFigures:
    def test_reordering_figures_keeps_each_picture_at_its_paragraph(self, client, editor):
        article = story_with_figures()
        before = placements(article)
        response = edit(client, article, **{
            "figures-0-position": "3", "figures-1-position": "1", "figures-2-position": "2",
        })
        assert response.status_code == 200 and not response.context.get("errors")
        assert list(article.figures.values_list("caption", flat=True)) == ["写真2", "写真3", "写真1"]
        assert placements(article) == before == "段落1。\n\n写真1\n\n段落2。\n\n写真2\n\n段落3。\n\n写真3"
        assert article.body == "段落1。\n\n[[figure:3]]\n\n段落2。\n\n[[figure:1]]\n\n段落3。\n\n[[figure:2]]"

    def test_the_reader_page_shows_each_picture_at_its_paragraph_after_a_reorder(self, client, editor):
        article = story_with_figures(status=Article.Status.PUBLISHED, published_at=at(2026, 11, 27, 9, 0))
        edit(client, article, **{"figures-0-position": "2", "figures-1-position": "1"})
        client.logout()
        html = client.get(article.get_absolute_url()).content.decode()
        body = html[html.index('class="article__body"'):html.index('class="original"')]
        captions = re.findall(r"段落\d。|写真\d", body)
        assert captions == ["段落1。", "写真1", "段落2。", "写真2", "段落3。", "写真3"]

    def test_a_removed_figure_takes_its_marker_and_the_others_follow(self, client, editor):
        article = story_with_figures()
        edit(client, article, **{"figures-0-DELETE": "on"})
        assert placements(article) == "段落1。\n\n段落2。\n\n写真2\n\n段落3。\n\n写真3"
        assert article.body == "段落1。\n\n段落2。\n\n[[figure:1]]\n\n段落3。\n\n[[figure:2]]"

    def test_markers_in_the_original_follow_too(self, client, editor):
        article = story_with_figures(2)
        Article.objects.filter(pk=article.pk).update(original_body="One.\n\n[[figure:2]]")
        edit(client, article, **{"figures-0-position": "2", "figures-1-position": "1"})
        article.refresh_from_db()
        assert article.original_body == "One.\n\n[[figure:1]]"

    def test_a_marker_pointing_at_no_figure_is_refused_naming_it(self, client, editor):
        article = story_with_figures(2, body="段落1。\n\n[[figure:1]]\n\n[[figure:9]]")
        Article.objects.filter(pk=article.pk).update(body="段落1。")
        response = edit(client, article, body="段落1。\n\n[[figure:1]]\n\n[[figure:9]]")
        form = response.context["adminform"].form
        assert "本文の [[figure:9]] に当たる図がありません（図は 2 点です）" in " ".join(form.errors["body"])
        links = response.context["error_links"]
        assert [(link.label, link.anchor) for link in links] == [("本文", "id_body")]
        article.refresh_from_db()
        assert article.body == "段落1。"

    def test_an_unplaced_figure_is_a_warning_after_the_save(self, client, editor):
        article = story_with_figures(3, body="段落1。\n\n[[figure:2]]")
        response = edit(client, article, lead="新しいリード。")
        shown = [str(m) for m in response.context["messages"]]
        assert any("図 1、3 は本文のどこにも置かれていない" in m for m in shown), shown
        article.refresh_from_db()
        assert article.lead == "新しいリード。"


@pytest.mark.django_db
class TestErrorsYouCanFind:
    def test_the_errors_list_links_each_error_to_its_field(self, client, editor):
        data = fill_story(single(form_fields(client.get(ADD_URL).content.decode(), "article_form")), make_source(), [])
        data["source"] = ""
        data["figures-TOTAL_FORMS"] = "3"
        data["figures-2-caption"] = "画像を選び忘れた図"
        response = client.post(ADD_URL, data)
        links = [(link.label, link.anchor) for link in response.context["error_links"]]
        assert links == [("図 3: 画像", "id_figures-2-image"), ("ソース", "id_source")]  # figures follow the body
        html = response.content.decode()
        assert '<a href="#id_source">ソース</a>' in html
        assert '<a href="#id_figures-2-image">図 3: 画像</a>' in html
        assert 'id="id_figures-2-image"' in html

    def test_the_errors_list_follows_the_fields_on_the_page(self, client, editor):
        data = fill_story(single(form_fields(client.get(ADD_URL).content.decode(), "article_form")), make_source(), [])
        data["source"] = ""
        data["original_url"] = "not a link"
        data["body"] = "一段落目。\r\n\r\n[[figure:9]]"  # refused after the fields are cleaned
        data["key_points-1-heading"] = ""
        data["figures-TOTAL_FORMS"] = "3"
        data["figures-2-caption"] = "画像を選び忘れた図"
        response = client.post(ADD_URL, data)
        anchors = [link.anchor for link in response.context["error_links"]]
        # Headline, its key points, the body, its figures, then the original's fields.
        assert anchors == [
            "id_key_points-1-heading", "id_body", "id_figures-2-image", "id_original_url", "id_source",
        ], [(link.label, link.message) for link in response.context["error_links"]]
        html = response.content.decode()
        assert html.index('href="#id_body"') < html.index('href="#id_original_url"')
