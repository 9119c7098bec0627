"""Uploaded images: checked with Pillow before anything is stored, re-encoded, resized for readers."""

import hashlib
import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

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


# Re-encoding and renditions ---------------------------------------------------------------

RENDITION_WIDTHS = (480, 800, 1200)
OG_IMAGE_WIDTH = 1200
JPEG_QUALITY = 82
WEBP_QUALITY = 78


def source_digest(file) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def reencode(file, name: str) -> tuple[ContentFile, str, tuple[int, int]]:
    """A clean copy of an uploaded image: orientation applied, metadata (EXIF, GPS) gone.

    Only pixels survive, so nothing hidden in the upload (scripts in
    metadata, a second file appended to the image) is ever served. GIFs
    become a still PNG of their first frame.
    """
    file.seek(0)
    with Image.open(file) as img:
        source_format = img.format
        img.seek(0)
        frame = ImageOps.exif_transpose(img)
        icc = img.info.get("icc_profile")
        out = io.BytesIO()
        stem = Path(name).stem or "image"
        if source_format == "JPEG":
            frame = frame if frame.mode in ("RGB", "L") else frame.convert("RGB")
            frame.save(out, "JPEG", quality=90, optimize=True, progressive=True, icc_profile=icc)
            ext = ".jpg"
        elif source_format == "WEBP":
            frame.save(out, "WEBP", quality=90, icc_profile=icc)
            ext = ".webp"
        else:  # PNG, and GIF as a still
            if frame.mode not in ("RGB", "RGBA", "L", "LA"):
                frame = frame.convert("RGBA" if "transparency" in frame.info else "RGB")
            frame.save(out, "PNG", optimize=True, icc_profile=icc)
            ext = ".png"
        size = frame.size
    return ContentFile(out.getvalue()), stem + ext, size


def build_renditions(storage, name: str) -> dict:
    """Resized copies of a stored image, WebP and JPEG at each width (never upscaled).

    Returns {"480": {"webp": name, "jpeg": name, "width": 480, "height": h}, ...}.
    """
    renditions = {}
    with storage.open(name, "rb") as fh, Image.open(fh) as img:
        width, height = img.size
        widths = [w for w in RENDITION_WIDTHS if w < width] + [min(width, RENDITION_WIDTHS[-1])]
        # JPEG can decode at 1/2, 1/4, 1/8 scale: much faster for big photos.
        img.draft("RGB", (max(widths), max(widths) * height // width))
        has_alpha = img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info)
        base = img.convert("RGBA" if has_alpha else "RGB")
        stem = Path(name).stem
        folder = "renditions/" + Path(name).parent.as_posix().removeprefix("figures/").strip("/")
        for w in sorted(set(widths)):
            h = max(1, round(height * w / width))
            resized = base.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
            entry = {"width": w, "height": h}
            webp = io.BytesIO()
            resized.save(webp, "WEBP", quality=WEBP_QUALITY, method=4)
            entry["webp"] = storage.save(f"{folder}/{stem}-{w}.webp", ContentFile(webp.getvalue()))
            jpeg = io.BytesIO()
            flat = resized if resized.mode == "RGB" else _flatten(resized)
            flat.save(jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            entry["jpeg"] = storage.save(f"{folder}/{stem}-{w}.jpg", ContentFile(jpeg.getvalue()))
            renditions[str(w)] = entry
    return renditions


def _flatten(img: Image.Image) -> Image.Image:
    background = Image.new("RGB", img.size, (255, 255, 255))
    background.paste(img, mask=img.getchannel("A") if "A" in img.getbands() else None)
    return background


def rendition_files(renditions: dict) -> list[str]:
    return [entry[kind] for entry in (renditions or {}).values() for kind in ("webp", "jpeg") if entry.get(kind)]


# Files follow their figure ---------------------------------------------------------------


def _delete_after_commit(storage, names) -> None:
    names = [n for n in names if n]
    if names:
        transaction.on_commit(lambda: [storage.delete(n) for n in names])


def figure_saved(sender, instance, **kwargs):
    """A replaced image takes its old files (and renditions) with it."""
    current = instance.files()
    stale = set(getattr(instance, "_stored_files", [])) - set(current)
    _delete_after_commit(instance.image.storage, sorted(stale))
    instance._stored_files = current


def figure_deleted(sender, instance, **kwargs):
    _delete_after_commit(instance.image.storage, instance.files())


def picture(figure) -> dict:
    """What a <picture> element needs: srcsets per format, the fallback, intrinsic size."""
    storage = figure.image.storage
    entries = sorted((figure.renditions or {}).values(), key=lambda e: e["width"])
    if not entries:
        return {"src": figure.image.url, "width": figure.width, "height": figure.height}
    fallback = next((e for e in entries if e["width"] >= 800), entries[-1])
    largest = entries[-1]
    return {
        "webp_srcset": ", ".join(f"{storage.url(e['webp'])} {e['width']}w" for e in entries),
        "jpeg_srcset": ", ".join(f"{storage.url(e['jpeg'])} {e['width']}w" for e in entries),
        "src": storage.url(fallback["jpeg"]),
        "width": largest["width"],
        "height": largest["height"],
    }
