"""Uploaded images checked before anything is stored: format, bytes, pixels, and each save's pixel budget."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def is_new_upload(file) -> bool:
    """False for an image field that names a stored file, True for a file just given to it (or any file).

    A field naming a stored file holds no open file until something reads it,
    and Django's own reading of an image's size closes it again; a file just
    assigned (an upload, or a file an import opened) stays open in the field
    until the model is saved and the file stored.
    """
    return not (isinstance(file, FieldFile) and file.closed)


def validate_image(file) -> None:
    """Refuse what is not a JPEG/PNG/WebP/GIF image, or is too big in bytes or pixels.

    The pixel count comes from the header, before any decoding, so a
    decompression bomb is refused without being expanded in memory.
    """
    if not is_new_upload(file):
        return  # already stored, checked when it was uploaded
    max_bytes = settings.NEWSDESK_MAX_IMAGE_BYTES
    max_pixels = settings.NEWSDESK_MAX_IMAGE_PIXELS
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("画像ファイルが大きすぎます（%(size)s）。上限は %(max)s です。"),
            params={"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="image_too_large",
        )
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        with Image.open(file) as img:
            width, height = img.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("画像の画素数が多すぎます（%(width)s×%(height)s）。上限は %(max)s 画素です。"),
                    params={"width": width, "height": height, "max": f"{max_pixels:,}"},
                    code="image_too_many_pixels",
                )
            if img.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("この形式の画像は使えません（%(format)s）。JPEG・PNG・WebP・GIFを使ってください。"),
                    params={"format": img.format},
                    code="image_format",
                )
            img.verify()
            image_format = img.format
        if image_format in ("JPEG", "GIF"):
            # verify() checks little of these (PNG's checks every chunk): decode it too, or a
            # truncated upload would pass here and fail when it is re-encoded. A JPEG decodes
            # at 1/8 scale, which still reads all of its data in a 64th of the memory.
            file.seek(0)
            with Image.open(file) as img:
                if img.format == "JPEG":
                    img.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                img.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("画像の画素数が多すぎます。上限は %(max)s 画素です。"),
            params={"max": f"{max_pixels:,}"},
            code="image_too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("画像として読み込めないファイルです。JPEG・PNG・WebP・GIFの画像をアップロードしてください。"),
            code="invalid_image",
        ) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(0)


def upload_pixels(file) -> int:
    """Width × height of an uploaded image, read from its header (nothing is decoded)."""
    file.seek(0)
    try:
        with Image.open(file) as img:
            width, height = img.size
    finally:
        file.seek(0)
    return width * height


def over_save_budget(pixel_counts: list[int | None]) -> list[bool]:
    """Which of one save's new uploads would take it past NEWSDESK_MAX_PIXELS_PER_SAVE.

    `pixel_counts` has one entry per figure of the save, None where it brings no
    new image. Saving re-encodes every upload at full size, so the budget bounds
    the time and memory of one request; an image refused here is not counted,
    so the ones that fit are exactly the ones a save without the refused ones keeps.
    """
    budget = settings.NEWSDESK_MAX_PIXELS_PER_SAVE
    used, over = 0, []
    for pixels in pixel_counts:
        if pixels is not None and used + pixels > budget:
            over.append(True)
            continue
        used += pixels or 0
        over.append(False)
    return over


def save_budget_error() -> ValidationError:
    """The message on an upload that would take its save past NEWSDESK_MAX_PIXELS_PER_SAVE."""
    budget = settings.NEWSDESK_MAX_PIXELS_PER_SAVE
    return ValidationError(
        _("一度に保存できる画像の画素数（合計 %(max)s 画素）を超えます。この画像は、ほかの画像を保存したあとで追加してください。"),
        params={"max": f"{budget:,}"},
        code="save_too_many_pixels",
    )
