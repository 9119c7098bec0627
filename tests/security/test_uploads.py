"""Uploads through the admin, as an editor's browser sends them: a matrix of files.

Each file is the image of a story's figure in a real multipart POST of the
whole add form. The four formats readers get are accepted (and stored
re-encoded); everything else is refused with a message on the figure's
image field, and a refused upload leaves nothing behind: no story, no
figure, no file in MEDIA_ROOT, no temporary file.
"""

import functools
import gc
import io
import os
import re
import resource
import struct
import tracemalloc
import zlib
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.test import Client
from PIL import Image, ImageCms, PngImagePlugin

from articles import revisions
from articles.models import Article, Figure, KeyPoint
from images.models import PendingUpload
from tests.factories import after_commit, make_source
from tests.htmlforms import form_fields

from .helpers import staff_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
FIELD = "figures-0-image"

# What images.checks.validate_image says (ja) about a file Pillow cannot read or decode as an
# image; the admin's image field runs it before Django's own check, so its words reach the editor.
NOT_AN_IMAGE = "画像として読み込めないファイルです。"
TOO_MANY_PIXELS = "画像の画素数が多すぎます"
TOO_LARGE = "画像ファイルが大きすぎます"


def picture(fmt: str, size=(120, 80), **save_options) -> bytes:
    """A small image with some detail, in `fmt`."""
    img = Image.new("RGB", size, (200, 120, 40))
    for x in range(0, size[0], 10):
        img.paste((20, 40, 200), (x, 0, x + 3, size[1]))
    buf = io.BytesIO()
    img.save(buf, fmt, **save_options)
    return buf.getvalue()


def noise_jpeg(side: int) -> bytes:
    """A JPEG that does not compress: about 3 bytes a pixel at quality 95."""
    img = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=95)
    return buf.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def bomb_png(width=50_000, height=50_000) -> bytes:
    """A PNG of a few dozen bytes whose header declares width × height pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + png_chunk(b"IEND", b""))


def psd(width=8, height=8) -> bytes:
    """A minimal Photoshop file (Pillow can open it): header, empty sections, raw RGB planes."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    return header + struct.pack(">III", 0, 0, 0) + struct.pack(">H", 0) + bytes(3 * width * height)


def gif_with_html() -> bytes:
    """A valid GIF with a web page appended (a polyglot)."""
    return picture("GIF") + b"<html><script>alert(document.cookie)</script></html>"


ACCEPTED = {
    # name: (file name, bytes, format stored)
    "jpeg": ("photo.jpg", lambda: picture("JPEG"), "JPEG"),
    "png": ("chart.png", lambda: picture("PNG"), "PNG"),
    "gif": ("anim.gif", lambda: picture("GIF"), "PNG"),  # a GIF is stored as a still PNG
    "webp": ("photo.webp", lambda: picture("WEBP"), "WEBP"),
    "gif with html appended": ("polyglot.gif", gif_with_html, "PNG"),
}

REFUSED = {
    # name: (file name, bytes, the message on the field)
    "svg with script": (
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
        NOT_AN_IMAGE,
    ),
    "html named .jpg": ("photo.jpg", lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>", NOT_AN_IMAGE),
    "truncated jpeg": ("cut.jpg", lambda: noise_jpeg(200)[:30_000], NOT_AN_IMAGE),
    "truncated gif": ("cut.gif", lambda: picture("GIF", size=(300, 200))[:-200], NOT_AN_IMAGE),
    "tiff": ("scan.tif", lambda: picture("TIFF"), "この形式の画像は使えません（TIFF）"),
    "bmp": ("paint.bmp", lambda: picture("BMP"), "この形式の画像は使えません（BMP）"),
    "ico": ("favicon.ico", lambda: picture("ICO", size=(32, 32)), "この形式の画像は使えません（ICO）"),
    "psd": ("layers.psd", psd, "この形式の画像は使えません（PSD）"),
    "pdf": ("paper.pdf", lambda: picture("PDF"), NOT_AN_IMAGE),
    "png named .html": ("page.html", lambda: picture("PNG"), "ファイル拡張子 “html” は許可されていません"),
    "empty file": ("empty.jpg", lambda: b"", "入力されたファイルは空です"),
}


@pytest.fixture
def editor(client):
    client.force_login(staff_user("Editor"))
    return client


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    """Temporary upload files go here, so the test can see none is left."""
    folder = tmp_path / "upload-tmp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def story_with_figure(client, upload: SimpleUploadedFile) -> dict:
    """The add form as the browser sends it: a draft story with one figure."""
    fields = {k: v[0] if len(v) == 1 else v for k, v in form_fields(client.get(ADD_URL).content.decode(), "article_form").items()}
    fields.update({
        "original_title": "Harbor cranes go electric", "title": "港のクレーンが電動化",
        "original_body": "Ports are electrifying.", "body": "港湾の電動化が進む。\r\n\r\n[[figure:1]]",
        "lead": "港湾の電動化が進む。", "original_url": "https://harbor.example/cranes",
        "source": str(make_source().pk), "original_language": "en", "status": "draft",
        "figures-TOTAL_FORMS": "1", "figures-0-position": "1", "figures-0-alt_text": "港のクレーン",
        "figures-0-caption": "電動クレーン", FIELD: upload,
    })
    return fields


def stored_files(media_root: Path) -> list[Path]:
    return [p for p in Path(media_root).rglob("*") if p.is_file()]


def kept_names(media_root: Path) -> list[str]:
    """The uploads kept for a form that came back with errors (images.pending), when nothing else is stored."""
    files = stored_files(media_root)
    assert all(path.relative_to(media_root).parts[0] == "pending" for path in files), files
    kept = PendingUpload.objects.order_by("pk")
    assert sorted(str(path.relative_to(media_root)) for path in files) == sorted(
        name for upload in kept for name in (upload.file.name, upload.thumbnail.name)
    )
    return [Path(upload.original_name).stem for upload in kept]


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_images_readers_get_are_accepted_and_stored_re_encoded(editor, media_root, case):
    name, make, stored_format = ACCEPTED[case]
    data = make()
    response = editor.post(ADD_URL, story_with_figure(editor, SimpleUploadedFile(name, data)))
    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    figure = Figure.objects.get()
    with figure.image.open("rb") as fh:
        stored = fh.read()
    assert stored != data and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == stored_format and img.size == (120, 80)
    assert Path(figure.image.path).is_relative_to(media_root)


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_other_files_are_refused_with_a_message_on_the_field(editor, media_root, upload_temp_dir, case):
    name, make, message = REFUSED[case]
    response = editor.post(ADD_URL, story_with_figure(editor, SimpleUploadedFile(name, make())))
    assert_refused(response, message, media_root, upload_temp_dir)


def assert_refused(response, message, media_root, upload_temp_dir):
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.errors[0]
    assert list(errors) == ["image"], errors
    assert message in " ".join(errors["image"])
    # On the page: the message is the image field's, tied to its input and label.
    html = response.content.decode()
    shown = re.search(r'<ul class="errorlist" id="id_figures-0-image_error">(.*?)</ul>', html, re.S)
    assert shown and message in shown.group(1)
    assert re.search(r'<label[^>]*for="id_figures-0-image">画像:</label>', html)
    assert re.search(
        r'<input type="file" name="figures-0-image"[^>]*aria-invalid="true"[^>]*'
        r'aria-describedby="[^"]*id_figures-0-image_error', html,
    )
    assert 'class="errornote"' in html  # and the top of the form says to look below
    assert (Article.objects.count(), Figure.objects.count(), KeyPoint.objects.count()) == (0, 0, 0)
    gc.collect()  # a temporary upload file is deleted when closed
    assert stored_files(media_root) == [] and list(upload_temp_dir.iterdir()) == []


RECEIVED: Counter = Counter()


class CountingMemoryHandler(MemoryFileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if self.activated:  # otherwise it passes the data on to the temporary file
            RECEIVED[self.field_name] += len(raw_data)
        return super().receive_data_chunk(raw_data, start)


class CountingTemporaryFileHandler(TemporaryFileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        RECEIVED[self.field_name] += len(raw_data)
        return super().receive_data_chunk(raw_data, start)


def test_a_file_over_the_byte_limit_is_refused_before_it_is_kept_whole(
    editor, media_root, upload_temp_dir, settings,
):
    """Past the limit, no byte of it reaches the handlers that keep uploads (memory, temporary file)."""
    limit = 200 * 1024
    settings.NEWSDESK_MAX_IMAGE_BYTES = limit
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024  # so the request goes to a temporary file
    settings.FILE_UPLOAD_HANDLERS = [
        "images.uploads.SizeLimitUploadHandler",
        f"{__name__}.CountingMemoryHandler",
        f"{__name__}.CountingTemporaryFileHandler",
    ]
    data = noise_jpeg(1000)
    assert len(data) > 5 * limit
    RECEIVED.clear()
    response = editor.post(ADD_URL, story_with_figure(editor, SimpleUploadedFile("huge.jpg", data)))
    assert_refused(response, TOO_LARGE, media_root, upload_temp_dir)
    assert 0 < RECEIVED[FIELD] <= limit < len(data)
    # The message gives the file's whole size (counted as it was drained, never kept) and the limit.
    shown = " ".join(response.context["inline_admin_formsets"][1].formset.errors[0]["image"]).replace("\xa0", " ")
    assert f"（{filesizeformat(len(data))}）".replace("\xa0", " ") in shown and "上限は 200.0 KB" in shown


def test_a_file_within_the_limit_is_kept_whole(editor, settings):
    settings.NEWSDESK_MAX_IMAGE_BYTES = 200 * 1024
    settings.FILE_UPLOAD_HANDLERS = [
        "images.uploads.SizeLimitUploadHandler", f"{__name__}.CountingMemoryHandler",
        f"{__name__}.CountingTemporaryFileHandler",
    ]
    data = noise_jpeg(150)
    RECEIVED.clear()
    response = editor.post(ADD_URL, story_with_figure(editor, SimpleUploadedFile("fits.jpg", data)))
    assert response.status_code == 302
    assert RECEIVED[FIELD] == len(data)


def test_a_tiny_png_declaring_50000_by_50000_pixels_is_refused_undecoded_without_memory_growth(
    editor, media_root, upload_temp_dir, decoded_images,
):
    data = bomb_png()
    assert len(data) < 100
    fields = story_with_figure(editor, SimpleUploadedFile("bomb.png", data))
    response = editor.post(ADD_URL, fields)  # the whole request, the admin page answering it included
    assert decoded_images == []  # refused from its header
    assert_refused(response, TOO_MANY_PIXELS, media_root, upload_temp_dir)

    # Again, measuring memory: decoding it would take 7.5 GB; the request takes a few MB.
    fields = story_with_figure(editor, SimpleUploadedFile("bomb.png", data))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB: the process's peak so far
    tracemalloc.start()
    try:
        response = editor.post(ADD_URL, fields)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert peak < 30 * 1024 * 1024, peak
    assert rss_growth_mib < 50, rss_growth_mib
    assert_refused(response, TOO_MANY_PIXELS, media_root, upload_temp_dir)


# One save's pixels ---------------------------------------------------------------------------

OVER_SAVE_BUDGET = "一度に保存できる画像の画素数（合計"


def story_with_figures(client, uploads: list[SimpleUploadedFile]) -> dict:
    """The add form with one figure per upload."""
    fields = story_with_figure(client, uploads[0])
    fields["figures-TOTAL_FORMS"] = str(len(uploads))
    for i, upload in enumerate(uploads):
        fields.update({f"figures-{i}-position": str(i + 1), f"figures-{i}-alt_text": f"図{i + 1}",
                       f"figures-{i}-image": upload})
    return fields


def figure_errors(response) -> list[dict]:
    assert response.status_code == 200
    return response.context["inline_admin_formsets"][1].formset.errors


def test_the_new_images_of_one_save_decode_no_more_than_the_budget(editor, media_root, upload_temp_dir, settings):
    settings.NEWSDESK_MAX_PIXELS_PER_SAVE = 2 * 120 * 80 + 50 * 40
    uploads = [SimpleUploadedFile(f"p{i}.png", picture("PNG")) for i in range(3)]
    uploads.append(SimpleUploadedFile("small.png", picture("PNG", size=(50, 40))))
    response = editor.post(ADD_URL, story_with_figures(editor, uploads))
    errors = figure_errors(response)
    # The third passes the budget; the fourth still fits in it once the third is left out.
    assert [list(e) for e in errors] == [[], [], ["image"], []]
    assert OVER_SAVE_BUDGET in errors[2]["image"][0] and "19,200" not in errors[2]["image"][0]
    assert f"{2 * 120 * 80 + 50 * 40:,}" in errors[2]["image"][0]
    assert re.search(r'<ul class="errorlist" id="id_figures-2-image_error">', response.content.decode())
    assert (Article.objects.count(), Figure.objects.count()) == (0, 0)
    gc.collect()
    # The form came back: the images within the budget are kept for the next submit, nothing else is stored.
    assert kept_names(media_root) == ["p0", "p1", "small"] and list(upload_temp_dir.iterdir()) == []


def grey_png(width: int, height: int) -> bytes:
    """A valid PNG of flat grey, compressed row by row (a few dozen KB for 49 megapixels)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    compressor, data = zlib.compressobj(9), []
    row = b"\0" + b"\x80" * width
    for _ in range(height):
        data.append(compressor.compress(row))
    data.append(compressor.flush())
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", b"".join(data))
            + png_chunk(b"IEND", b""))


def test_nine_49_megapixel_pngs_in_one_save_are_refused_past_the_second(editor, media_root, settings):
    """The probe's save: nine images each within the per-image limit, about 0.5 GB each to decode."""
    data = grey_png(7000, 7000)
    assert 7000 * 7000 <= settings.NEWSDESK_MAX_IMAGE_PIXELS and len(data) < 200_000
    uploads = [SimpleUploadedFile(f"big{i}.png", data) for i in range(9)]
    response = editor.post(ADD_URL, story_with_figures(editor, uploads))
    errors = figure_errors(response)
    assert [list(e) for e in errors] == [[], []] + [["image"]] * 7
    assert all(OVER_SAVE_BUDGET in e["image"][0] for e in errors[2:])
    assert (Article.objects.count(), Figure.objects.count()) == (0, 0) and kept_names(media_root) == ["big0", "big1"]


@pytest.mark.django_db(transaction=True)
def test_a_save_that_does_not_commit_leaves_no_file_behind(media_root, monkeypatch, settings):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user("Editor"))

    def uploads():
        # Two photos, not one twice: the library would store that once.
        return [SimpleUploadedFile(f"photo{i}.jpg", picture("JPEG", size=(900 + i, 600))) for i in range(2)]

    def fails(*args, **kwargs):
        raise RuntimeError("the save fails after its figures were written")

    monkeypatch.setattr(revisions, "record", fails)  # the last step of the admin's save
    response = client.post(ADD_URL, story_with_figures(client, uploads()))
    assert response.status_code == 500
    assert (Article.objects.count(), Figure.objects.count()) == (0, 0)
    assert stored_files(media_root) == []

    monkeypatch.undo()
    response = client.post(ADD_URL, story_with_figures(client, uploads()))
    assert response.status_code == 302
    assert len(stored_files(media_root)) == 2 * (1 + 3 * 2)  # each image and its renditions


# What re-encoding keeps: pixels only -----------------------------------------------------------

HIDDEN = b"NEWSDESK-HIDDEN-NOTE-7f3a"


@functools.cache  # made once: a profile carries the second it was created in
def swapped_rgb_profile() -> bytes:
    """An RGB profile that is not sRGB: sRGB's own, with the red and blue primaries swapped."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack(">I", icc[128:132])[0]
    tags = {}
    for i in range(count):
        signature, offset, size = struct.unpack(">4sII", icc[132 + 12 * i:144 + 12 * i])
        tags[signature] = (132 + 12 * i, offset, size)
    (red_at, *red), (blue_at, *blue) = tags[b"rXYZ"], tags[b"bXYZ"]
    struct.pack_into(">4sII", icc, red_at, b"rXYZ", *blue)
    struct.pack_into(">4sII", icc, blue_at, b"bXYZ", *red)
    icc[84:100] = bytes(16)  # the profile ID no longer matches: say there is none
    return bytes(icc)


def red_with_metadata(fmt: str) -> bytes:
    """Pure red in the swapped profile (blue once converted to sRGB), with HIDDEN in the metadata."""
    img = Image.new("RGB", (1000, 600), (255, 0, 0))
    buf = io.BytesIO()
    icc = swapped_rgb_profile()
    if fmt == "JPEG":
        img.save(buf, "JPEG", quality=95, comment=HIDDEN, icc_profile=icc)
    elif fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", HIDDEN.decode())
        img.save(buf, "PNG", pnginfo=info, icc_profile=icc)
    else:
        exif = Image.Exif()
        exif[0x010E] = HIDDEN.decode()  # ImageDescription
        img.save(buf, "WEBP", quality=95, icc_profile=icc, exif=exif.tobytes())
    return buf.getvalue()


@pytest.mark.parametrize("fmt,name", [("JPEG", "red.jpg"), ("PNG", "red.png"), ("WEBP", "red.webp")])
def test_stored_images_and_renditions_are_srgb_pixels_without_the_uploads_profile_or_notes(editor, fmt, name):
    data = red_with_metadata(fmt)
    icc = swapped_rgb_profile()
    with Image.open(io.BytesIO(data)) as img:
        assert HIDDEN in data and img.info["icc_profile"] == icc
    with after_commit():  # the renditions are made
        response = editor.post(ADD_URL, story_with_figure(editor, SimpleUploadedFile(name, data)))
    assert response.status_code == 302
    figure = Figure.objects.get()
    assert len(figure.files()) == 7
    for file_name in figure.files():
        with figure.image.storage.open(file_name, "rb") as fh:
            stored = fh.read()
        assert HIDDEN not in stored and icc[128:] not in stored
        assert b"ICC_PROFILE" not in stored and b"iCCP" not in stored and b"ICCP" not in stored
        with Image.open(io.BytesIO(stored)) as img:
            assert not {"icc_profile", "comment", "exif", "xmp", "Comment"} & set(img.info), (file_name, img.info)
            r, g, b = img.convert("RGB").getpixel((img.width // 2, img.height // 2))
            assert b > 200 and r < 60, (file_name, (r, g, b))
