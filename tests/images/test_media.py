"""Uploads are checked and cleaned; readers get resized copies that fit their screens."""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles import restoring, revisions
from articles.models import Article, Figure
from images.checks import validate_image
from images.renditions import rendition_files
from tests.factories import after_commit, change_url, login, make_article
from tests.htmlforms import form_fields

pytestmark = pytest.mark.django_db


def photo(size=(2000, 1000), fmt="JPEG", exif=None, mode="RGB") -> bytes:
    buf = io.BytesIO()
    img = Image.new(mode, size, (200, 120, 40) if mode == "RGB" else (200, 120, 40, 128))
    # Something other than a flat colour, so encoders have work to do.
    for x in range(0, size[0], max(1, size[0] // 16)):
        img.paste((20, 40, 200) if mode == "RGB" else (20, 40, 200, 255), (x, 0, x + 4, size[1]))
    kwargs = {"exif": exif} if exif is not None else {}
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def exif_with_orientation_and_gps() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (35.0, 40.0, 0.0)}  # GPS latitude
    return exif.tobytes()


def figure_from(data: bytes, name="upload.jpg", **kwargs) -> Figure:
    figure = Figure(article=make_article(), position=1, alt_text="説明", **kwargs)
    figure.image = SimpleUploadedFile(name, data)
    figure.full_clean(exclude=["article"])
    with after_commit():  # its renditions are a job, run once the save commits
        figure.save()
    figure.refresh_from_db()
    return figure


def bomb_png(width=50_000, height=50_000) -> bytes:
    """A tiny PNG whose header declares an enormous image."""
    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


class TestCleaning:
    def test_orientation_is_applied_and_exif_with_gps_is_gone(self):
        figure = figure_from(photo((400, 200), exif=exif_with_orientation_and_gps()))
        with figure.image.open("rb") as fh, Image.open(fh) as stored:
            assert stored.size == (200, 400)
            assert not stored.getexif()
            assert "exif" not in stored.info
        assert (figure.width, figure.height) == (200, 400)

    @pytest.mark.parametrize("fmt,name,stored_format", [
        ("PNG", "a.png", "PNG"), ("WEBP", "a.webp", "WEBP"), ("GIF", "a.gif", "PNG"), ("JPEG", "a.jpeg", "JPEG"),
    ])
    def test_jpeg_png_webp_and_gif_are_accepted_and_reencoded(self, fmt, name, stored_format):
        data = photo((300, 200), fmt=fmt) if fmt != "GIF" else photo((300, 200), fmt="GIF")
        figure = figure_from(data, name)
        with figure.image.open("rb") as fh, Image.open(fh) as stored:
            assert stored.format == stored_format
        with figure.image.open("rb") as fh:
            assert fh.read() != data

    def test_an_animated_gif_becomes_a_still(self):
        frames = [Image.new("RGB", (100, 80), c) for c in ((255, 0, 0), (0, 255, 0))]
        buf = io.BytesIO()
        frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
        figure = figure_from(buf.getvalue(), "anim.gif")
        with figure.image.open("rb") as fh, Image.open(fh) as stored:
            assert getattr(stored, "n_frames", 1) == 1

    @pytest.mark.parametrize("data,name", [
        (b"plain text pretending to be a photo", "notes.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.svg"),
        (b"<html><script>alert(1)</script></html>", "page.jpg"),
        (photo((300, 200))[:200], "truncated.jpg"),
    ], ids=["text", "svg", "html", "truncated"])
    def test_what_is_not_an_image_is_refused_by_content(self, data, name):
        with pytest.raises(ValidationError):
            validate_image(SimpleUploadedFile(name, data))

    def test_a_tiff_is_refused_even_though_pillow_reads_it(self):
        with pytest.raises(ValidationError, match="この形式の画像は使えません"):
            validate_image(SimpleUploadedFile("scan.tif", photo((50, 50), fmt="TIFF")))

    def test_a_decompression_bomb_is_refused_from_its_header_with_a_message(self, decoded_images):
        with pytest.raises(ValidationError) as error:
            validate_image(SimpleUploadedFile("bomb.png", bomb_png()))
        assert "画素数が多すぎます" in " ".join(error.value.messages)
        assert decoded_images == []  # not a pixel of it decoded


class TestRenditions:
    def test_widths_480_800_1200_in_webp_and_jpeg(self):
        figure = figure_from(photo((4000, 3000)))
        assert sorted(int(w) for w in figure.renditions) == [480, 800, 1200]
        for width, entry in figure.renditions.items():
            for kind, fmt in (("webp", "WEBP"), ("jpeg", "JPEG")):
                with figure.image.storage.open(entry[kind]) as fh, Image.open(fh) as img:
                    assert img.format == fmt and img.size == (int(width), entry["height"])
        assert figure.renditions["1200"]["height"] == 900

    def test_small_images_are_never_upscaled(self):
        figure = figure_from(photo((600, 400)))
        assert sorted(int(w) for w in figure.renditions) == [480, 600]

    def test_the_page_serves_renditions_with_dimensions_never_the_original(self, client):
        figure = figure_from(photo((6000, 4000)))
        second = Figure(article=figure.article, position=2, alt_text="二枚目")
        second.image = SimpleUploadedFile("second.jpg", photo((1600, 900)))
        with after_commit():
            second.save()
        html = client.get(figure.article.get_absolute_url()).content.decode()
        images_html = re.findall(r"<(?:img|source)\b[^>]*>", html)
        assert len(images_html) == 4
        urls = re.findall(r"/media/[^\s\"]+", " ".join(images_html))
        assert urls and figure.image.url not in urls
        assert all("/renditions/" in url for url in urls)
        for url in urls:
            with Image.open(Path(figure.image.storage.location) / url.removeprefix("/media/")) as img:
                assert img.size[0] <= 1200
        imgs = [t for t in images_html if t.startswith("<img")]
        assert all('width="1200"' in t and 'height="' in t for t in imgs)
        assert 'loading="eager"' in imgs[0] and 'loading="lazy"' in imgs[1]
        assert 'type="image/webp"' in html and 'sizes="' in html

    def test_a_deleted_figure_leaves_its_image_in_the_library_until_the_image_is_deleted(
        self, django_capture_on_commit_callbacks,
    ):
        figure = figure_from(photo((1000, 500)))
        files = [Path(figure.image.storage.path(name)) for name in figure.files()]
        assert len(files) == 7 and all(f.exists() for f in files)  # original + 3 widths × 2 formats
        image = figure.image_item
        with django_capture_on_commit_callbacks(execute=True):
            figure.delete()
        assert all(f.exists() for f in files)
        with django_capture_on_commit_callbacks(execute=True):
            image.delete()
        assert not any(f.exists() for f in files)

    def test_replacing_an_image_keeps_the_old_one_in_the_library(self, django_capture_on_commit_callbacks):
        figure = Figure.objects.get(pk=figure_from(photo((1000, 500))).pk)
        old, old_image = [Path(figure.image.storage.path(name)) for name in figure.files()], figure.image_item
        with django_capture_on_commit_callbacks(execute=True):
            figure.image = SimpleUploadedFile("new.jpg", photo((900, 500)))
            figure.save()
        figure.refresh_from_db()
        assert figure.image_item != old_image and figure.image.name == figure.image_item.file.name
        assert all(f.exists() for f in old)
        assert all(Path(figure.image.storage.path(n)).exists() for n in figure.files())

    def test_rebuild_renditions_rebuilds_every_library_image_and_its_figures(self, capsys, client):
        figure = figure_from(photo((1000, 500)))
        old = figure.renditions
        Figure.objects.filter(pk=figure.pk).update(renditions={})
        with after_commit():
            call_command("rebuild_renditions")
        figure.refresh_from_db()
        assert sorted(int(w) for w in figure.renditions) == [480, 800, 1000]
        assert figure.renditions == figure.image_item.renditions and figure.renditions != old
        assert figure.renditions["800"]["jpeg"] in client.get(figure.article.get_absolute_url()).content.decode()
        assert not any(Path(figure.image.storage.path(n)).exists() for n in set(rendition_files(old)) - set(figure.files()))
        captured = capsys.readouterr()
        assert "1/1 images" in captured.err and "1 image(s)" in captured.out

    def test_rebuild_renditions_says_which_image_lost_its_file_and_rebuilds_the_others(self, capsys):
        lost, kept = figure_from(photo((1000, 500))), figure_from(photo((900, 500)))
        lost.image.storage.delete(lost.image.name)
        call_command("rebuild_renditions")
        captured = capsys.readouterr()
        assert f"image {lost.image_item.pk} ({lost.image.name}): the image file is missing" in captured.err
        assert "Rebuilt renditions for 1 image(s); 1 failed." in captured.out
        kept.refresh_from_db()
        assert all(Path(kept.image.storage.path(n)).exists() for n in kept.files())


def stored(figure) -> list[Path]:
    return [Path(figure.image.storage.path(name)) for name in figure.files()]


class TestStoredFilesBelongToOneUpload:
    def test_an_upload_never_takes_the_name_a_deleted_one_freed(self, django_capture_on_commit_callbacks):
        first = figure_from(photo((300, 200)), "x.jpg")
        with django_capture_on_commit_callbacks(execute=True):
            first.delete()
            first.image_item.delete()
        assert not any(f.exists() for f in stored(first))
        second = figure_from(photo((300, 200)), "x.jpg")
        assert second.image.name != first.image.name
        assert not set(second.files()) & set(first.files())
        assert re.fullmatch(r"figures/\d{4}/\d{2}/x-[0-9a-f]{24}\.jpg", second.image.name)

    def test_a_long_name_is_shortened_in_front_of_its_unique_part(self):
        figure = figure_from(photo((300, 200)), "港のクレーン" * 30 + ".jpg")
        assert len(figure.image.name) <= Figure._meta.get_field("image").max_length
        assert re.fullmatch(r"figures/\d{4}/\d{2}/(港のクレーン)+[港のクレーン]*-[0-9a-f]{24}\.jpg", figure.image.name)

    def test_a_file_two_figures_share_stays_after_both_are_deleted_until_the_library_lets_it_go(
        self, django_capture_on_commit_callbacks,
    ):
        first = figure_from(photo((1000, 500)))
        second = Figure.objects.create(
            article=make_article(), position=1, image=first.image.name, renditions=first.renditions, alt_text="同じ",
        )
        assert second.image_item == first.image_item  # a stored file named alone finds its library image
        with django_capture_on_commit_callbacks(execute=True):
            second.delete()
            first.delete()
        assert all(f.exists() for f in stored(first))
        with django_capture_on_commit_callbacks(execute=True):
            first.image_item.delete()
        assert not any(f.exists() for f in stored(first))

    def test_replacing_the_image_of_one_of_two_figures_sharing_a_file_keeps_it_for_the_other(
        self, django_capture_on_commit_callbacks,
    ):
        first = figure_from(photo((1000, 500)))
        second = Figure.objects.create(
            article=make_article(), position=1, image_item=first.image_item, alt_text="同じ",
        )
        first = Figure.objects.get(pk=first.pk)
        with django_capture_on_commit_callbacks(execute=True):
            first.image = SimpleUploadedFile("new.jpg", photo((900, 500)))
            first.save()
        assert all(f.exists() for f in stored(second) + stored(first))
        assert second.image.name != first.image.name


def save_story(client, article, **changes):
    """The change form as the browser sends it, with `changes` (a figure's upload among them)."""
    fields = form_fields(client.get(change_url(article)).content.decode(), "article_form")
    fields.update({key: value if isinstance(value, SimpleUploadedFile) else [value] for key, value in changes.items()})
    response = client.post(change_url(article), fields)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"][1].formset]
    return response


def draft_story() -> Article:
    return make_article(status=Article.Status.DRAFT, published_at=None)


class TestRestoringFigures:
    def test_a_translators_restore_and_delete_cannot_take_a_published_photo(
        self, django_capture_on_commit_callbacks, client, tmp_path,
    ):
        """The probe's steps: a draft's x.jpg deleted, another x.jpg published, the old revision
        restored, its figure deleted. The published story keeps its photo."""
        translator, _ = login("Translator")
        editor, _ = login("Editor")
        draft = draft_story()
        figure_fields = {"figures-TOTAL_FORMS": "1", "figures-0-position": "1", "figures-0-alt_text": "港"}
        with django_capture_on_commit_callbacks(execute=True):
            save_story(translator, draft, **figure_fields,
                       **{"figures-0-image": SimpleUploadedFile("x.jpg", photo((800, 400)))})
            figure = draft.figures.get()
            save_story(translator, draft, **{"figures-0-DELETE": "on"})
        assert not draft.figures.exists()

        published = make_article()
        with django_capture_on_commit_callbacks(execute=True):
            save_story(editor, published, **figure_fields,
                       **{"figures-0-image": SimpleUploadedFile("x.jpg", photo((900, 450)))})
        photo_files = stored(published.figures.get())
        assert figure.image.name not in published.figures.get().files()

        with django_capture_on_commit_callbacks(execute=True):
            response = translator.post(f"/admin/articles/article/{draft.pk}/revisions/1/restore/", follow=True)
        assert response.status_code == 200
        # The draft's photo stayed in the library: the restore brings it back, not the published one.
        assert draft.figures.get().image.name == figure.image.name
        with django_capture_on_commit_callbacks(execute=True):
            for restored in draft.figures.all():
                restored.delete()

        assert all(f.exists() for f in photo_files)
        page = client.get(published.get_absolute_url()).content.decode()
        assert published.figures.get().renditions["800"]["jpeg"] in page
        call_command("export_articles", "-o", str(tmp_path / "export.json"))
        assert len(list((tmp_path / "images").iterdir())) == 1

    def test_a_restore_shows_the_library_image_another_story_also_shows(self, django_capture_on_commit_callbacks):
        published = figure_from(photo((1000, 500)))
        draft = draft_story()
        revision = revisions.record(draft)
        revision.data["figures"] = [{"image": published.image.name, "caption": "古い図", "credit": "", "alt": "古い"}]
        revision.save()
        draft.refresh_from_db()
        draft.lead = "書き換えたリード"
        draft.save()
        revisions.record(draft)

        with django_capture_on_commit_callbacks(execute=True):
            restored = restoring.restore(revision)
        assert restored.warnings == []
        figure = draft.figures.get()
        assert figure.image_item == published.image_item and figure.caption == "古い図"
        assert figure.renditions == published.renditions
        assert all(f.exists() for f in stored(published))

    def test_a_restore_of_a_figure_whose_file_is_gone_says_so(self, django_capture_on_commit_callbacks):
        draft = draft_story()
        revision = revisions.record(draft)
        revision.data["figures"] = [{"image": "figures/2020/01/gone-0123.jpg", "caption": "", "credit": "", "alt": "古い"}]
        revision.save()
        draft.refresh_from_db()
        draft.lead = "書き換えたリード"
        draft.save()
        revisions.record(draft)
        with django_capture_on_commit_callbacks(execute=True):
            restored = restoring.restore(revision)
        assert restored.warnings == ["図1の画像ファイルが残っていないため、復元できませんでした。"]
        assert not draft.figures.exists()

    def test_a_restored_figure_has_its_renditions_again(self):
        figure = figure_from(photo((1000, 500)))
        article = figure.article
        revisions.record(article)
        figure.delete()  # its files go only after a commit, which this test's transaction never makes
        revisions.record(article)
        warnings = restoring.restore(article.revisions.get(version=1)).warnings
        restored = article.figures.get()
        assert warnings == [] and restored.image.name == figure.image.name
        assert (restored.width, restored.height) == (1000, 500)
        assert sorted(int(w) for w in restored.renditions) == [480, 800, 1000]
        assert all(f.exists() for f in stored(restored))
