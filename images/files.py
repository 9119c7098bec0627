"""Uploaded images: checked with Pillow before anything is stored, re-encoded, resized for readers.

A stored file belongs to one upload: its name carries a random part, so a
name freed by a deletion is never given to another image, and a revision
that names a file names that upload and no other. Files are written during
the save that stores their figure and kept only if that save commits
(`discard_uncommitted`); a file is deleted after the transaction that let go
of it commits, and only when no figure refers to it any more.
"""

import hashlib
import io
import logging
import secrets
import threading
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

logger = logging.getLogger(__name__)


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
    budget = settings.NEWSDESK_MAX_PIXELS_PER_SAVE
    return ValidationError(
        _("一度に保存できる画像の画素数（合計 %(max)s 画素）を超えます。この画像は、ほかの画像を保存したあとで追加してください。"),
        params={"max": f"{budget:,}"},
        code="save_too_many_pixels",
    )


# Re-encoding and renditions ---------------------------------------------------------------

RENDITION_WIDTHS = (480, 800, 1200)
OG_IMAGE_WIDTH = 1200
JPEG_QUALITY = 82
WEBP_QUALITY = 78
# Renditions are resized from a copy reduced (by whole-pixel averaging) to at least this many
# times their widest width, which is as sharp as resizing from the full image and far cheaper.
REDUCE_MARGIN = 3
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: bytes
    jpeg: bytes


@dataclass(frozen=True)
class CleanImage:
    """An upload re-encoded for storage, with its renditions, all still in memory."""

    name: str  # the upload's own name with the stored format's extension
    content: bytes
    size: tuple[int, int]
    renditions: list[Rendition]


def source_digest(file) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def clean_upload(file, name: str) -> CleanImage:
    """A clean copy of an uploaded image and its renditions, from one decode.

    The copy is upright (EXIF orientation applied), in sRGB (converted with the
    upload's own ICC profile), and holds pixels only: no profile, EXIF, GPS,
    comment or XMP, and nothing appended to the file, is ever served. GIFs
    become a still PNG of their first frame.
    """
    file.seek(0)
    with Image.open(file) as img:
        source_format = img.format
        img.seek(0)
        frame = reader_pixels(img)
        out = io.BytesIO()
        if source_format == "JPEG":
            frame.save(out, "JPEG", quality=90, optimize=True, progressive=True)
            ext = ".jpg"
        elif source_format == "WEBP":
            frame.save(out, "WEBP", quality=90)
            ext = ".webp"
        else:  # PNG, and GIF as a still
            frame.save(out, "PNG", optimize=True)
            ext = ".png"
        renditions = make_renditions(frame, frame.size)
        size = frame.size
    return CleanImage(PurePosixPath(name).stem + ext, out.getvalue(), size, renditions)


def reader_pixels(img: Image.Image) -> Image.Image:
    """`img` as readers should get it: upright, sRGB, in RGB, RGBA or L, with no metadata.

    Works on the image in place where it can, so a large upload is held in
    memory about once.
    """
    ImageOps.exif_transpose(img, in_place=True)
    icc = img.info.get("icc_profile")
    alpha = img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info
    target = "RGBA" if alpha else "L" if img.mode in ("L", "1") and not icc else "RGB"
    frame = img
    if frame.mode not in ("RGB", "RGBA", "L", "CMYK"):
        frame = frame.convert(target)
    if icc:
        frame = _to_srgb(frame, icc, target)
    if frame.mode != target:
        frame = frame.convert(target)
    if frame is img:
        img.info.clear()
    else:
        frame.info = {}
    return frame


def _to_srgb(img: Image.Image, icc: bytes, mode: str) -> Image.Image:
    """The pixels converted from the colour space `icc` describes to sRGB (unchanged if lcms cannot)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if img.mode == mode:
            ImageCms.profileToProfile(img, source, SRGB, outputMode=mode, inPlace=True)
            return img
        return ImageCms.profileToProfile(img, source, SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return img  # a profile lcms cannot use, or one for other data: the pixels stay as they are


def rendition_widths(width: int) -> list[int]:
    """The widths made of an image `width` pixels wide: never wider than the image."""
    return sorted({w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])})


def make_renditions(frame: Image.Image, full_size: tuple[int, int]) -> list[Rendition]:
    """Resized copies of `frame` (which may be a reduced decode of an image of `full_size`)."""
    width, height = full_size
    widths = rendition_widths(width)
    factor = max(1, frame.width // (widths[-1] * REDUCE_MARGIN))
    base = frame.reduce(factor) if factor > 1 else frame
    renditions = []
    for w in widths:
        h = max(1, round(height * w / width))
        resized = base.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=REDUCE_MARGIN)
        webp, jpeg = io.BytesIO(), io.BytesIO()
        resized.save(webp, "WEBP", quality=WEBP_QUALITY, method=4)
        flat = resized if resized.mode == "RGB" else _flatten(resized)
        flat.save(jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        renditions.append(Rendition(w, h, webp.getvalue(), jpeg.getvalue()))
    return renditions


def renditions_of_stored(storage, name: str) -> list[Rendition]:
    """Renditions of a stored image, from a reduced decode where the format allows (JPEG).

    Raises OSError (FileNotFoundError when the file is gone) or ValueError
    when the file cannot be read as an image.
    """
    with storage.open(name, "rb") as fh, Image.open(fh) as img:
        full_size = img.size
        widest = min(full_size[0], RENDITION_WIDTHS[-1])
        img.draft("RGB", (widest, max(1, widest * full_size[1] // full_size[0])))
        return make_renditions(reader_pixels(img), full_size)


def _flatten(img: Image.Image) -> Image.Image:
    background = Image.new("RGB", img.size, (255, 255, 255))
    background.paste(img, mask=img.getchannel("A") if "A" in img.getbands() else None)
    return background


def rendition_files(renditions: dict) -> list[str]:
    return [entry[kind] for entry in (renditions or {}).values() for kind in ("webp", "jpeg") if entry.get(kind)]


# Stored names -----------------------------------------------------------------------------


def unique_name(filename: str, *, folder: str, max_length: int) -> str:
    """`folder/<stem>-<random>.<ext>`: a name no other upload has had or will have.

    The upload's own name stays readable at the front, shortened so the whole
    name fits the field.
    """
    path = PurePosixPath(filename)
    ext = path.suffix.lower()
    token = secrets.token_hex(12)
    room = max(1, max_length - len(folder) - len(token) - len(ext) - 1)
    stem = path.stem.lstrip(".")[:room] or "image"  # never a hidden file
    return f"{folder}{stem}-{token}{ext}"


def _rendition_stem(image_name: str) -> str:
    """figures/2026/05/x-3f9a.jpg → renditions/2026/05/x-3f9a (each width adds -480.webp and so on)."""
    path = PurePosixPath(image_name)
    folders = path.parent.parts[1:] if path.parent.parts[:1] == ("figures",) else path.parent.parts
    return PurePosixPath("renditions", *folders, path.stem).as_posix()


# Writing files with their transaction ----------------------------------------------------

_uncommitted = threading.local()


def _pending(using: str) -> list:
    if not hasattr(_uncommitted, "files"):
        _uncommitted.files = {}
    return _uncommitted.files.setdefault(using, [])


def keep_if_committed(storage, names: list[str], *, using: str) -> None:
    """Files just written for rows of the current transaction: deleted unless it commits.

    A commit forgets them; `discard_uncommitted` deletes whatever a transaction
    that ended without committing left behind.
    """
    entries = [(storage, name) for name in names if name]
    pending = _pending(using)
    pending.extend(entries)

    def committed():
        for entry in entries:
            if entry in pending:
                pending.remove(entry)

    transaction.on_commit(committed, using=using)


def discard_uncommitted(**kwargs) -> None:
    """Delete the files written by saves whose transaction rolled back (runs as each request ends).

    While a transaction is still open (a test's, a command's) its files wait:
    whether it commits is not known yet.
    """
    for using, pending in getattr(_uncommitted, "files", {}).items():
        if not pending or connections[using].in_atomic_block:
            continue
        for storage, name in pending:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not delete %s, written by a save that did not commit", name, exc_info=True)
        pending.clear()


def store_upload(figure, upload, *, using: str) -> None:
    """Re-encode `upload` for `figure` and write it and its renditions (kept only if the save commits)."""
    figure.source_sha256 = source_digest(upload)
    clean = clean_upload(upload, figure.image.name)
    written = []
    try:
        figure.image.save(clean.name, ContentFile(clean.content), save=False)
        written.append(figure.image.name)
        # Set after saving the file: Django's own reading of the size can miss progressive JPEGs.
        figure.width, figure.height = clean.size
        figure.renditions = store_renditions(figure.image.storage, figure.image.name, clean.renditions, written)
    finally:
        keep_if_committed(figure.image.storage, written, using=using)


def rebuild_renditions(figure, *, using: str) -> None:
    """Make `figure`'s renditions again from its stored image (kept only if the save commits)."""
    storage = figure.image.storage
    renditions = renditions_of_stored(storage, figure.image.name)
    written = []
    try:
        figure.renditions = store_renditions(storage, figure.image.name, renditions, written)
    finally:
        keep_if_committed(storage, written, using=using)


def store_renditions(storage, image_name: str, renditions: list[Rendition], written: list[str]) -> dict:
    """Write renditions beside their image's name; returns the figure's `renditions` value.

    {"480": {"webp": name, "jpeg": name, "width": 480, "height": h}, ...};
    every name written is appended to `written` as it is.
    """
    stem = _rendition_stem(image_name)
    result = {}
    for r in renditions:
        entry = {"width": r.width, "height": r.height}
        for kind, ext, data in (("webp", "webp", r.webp), ("jpeg", "jpg", r.jpeg)):
            entry[kind] = storage.save(f"{stem}-{r.width}.{ext}", ContentFile(data))
            written.append(entry[kind])
        result[str(r.width)] = entry
    return result


# Files follow their figures --------------------------------------------------------------


def _delete_unused_after_commit(model, storage, images: set[str], names: list[str], using: str) -> None:
    """After the commit, delete those of `names` that no figure of `images` refers to.

    Rows are checked then, not now: a restore may take up a file again in
    the same transaction, and a file shared by two figures stays while either
    does. A rendition belongs to its image, so only figures of that image
    can refer to it.
    """
    names = [n for n in names if n]
    images = {i for i in images if i}
    if not names:
        return

    def delete():
        used = set()
        for figure in model._default_manager.using(using).filter(image__in=images):
            used.update(figure.files())
        for name in names:
            if name not in used:
                storage.delete(name)

    # Robust: the story is saved by now; a file that could not be deleted is only logged.
    transaction.on_commit(delete, using=using, robust=True)


def figure_saved(sender, instance, using, **kwargs):
    """A replaced image, or replaced renditions, take their old files with them."""
    current = instance.files()
    stale = [name for name in getattr(instance, "_stored_files", []) if name not in current]
    stored_image = getattr(instance, "_stored_image", "")
    _delete_unused_after_commit(sender, instance.image.storage, {stored_image}, stale, using)
    instance.remember_stored_files()


def figure_deleted(sender, instance, using, **kwargs):
    _delete_unused_after_commit(sender, instance.image.storage, {instance.image.name}, instance.files(), using)


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
