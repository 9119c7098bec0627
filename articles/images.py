"""Checking uploaded images with Pillow before anything is stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(file) -> None:
    """Refuse what is not a JPEG/PNG/WebP/GIF image, or is too big in bytes or pixels.

    The pixel count comes from the header, before any decoding, so a
    decompression bomb is refused without being expanded in memory.
    """
    if getattr(file, "_committed", False):
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
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("画像として読み込めないファイルです。JPEG・PNG・WebP・GIFの画像をアップロードしてください。"),
            code="invalid_image",
        ) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(0)
