"""The media library (画像ライブラリ): an image is stored once, found again by its file, and shown by any figure.

An upload becomes a library image unless the library already holds the
same file (the same SHA-256 as first given), which is then used instead;
an image named by its stored file (a figure from before the library, a
revision's figure restored) joins the library on that file.
"""

from django.db import IntegrityError, router, transaction

from images.encoding import source_digest
from images.models import Image

REMEMBERED = ("alt_text", "caption", "credit")  # what the library remembers of an image for the figures that pick it


def add_upload(upload, *, sha256: str = "", by=None, using: str | None = None, **remembered: str) -> Image:
    """The library image of `upload`: the one stored before from the same file, or a new one.

    `sha256` is the library's key for the image when the caller knows it
    (an import's reference); otherwise the file's own digest. A new image
    remembers `remembered` (alt_text, caption, credit, title, keywords) and
    who added it; one the library had keeps what it remembered.
    """
    using = using or router.db_for_write(Image)
    key = sha256 or source_digest(upload)
    existing = Image.objects.using(using).filter(sha256=key).first()
    if existing is not None:
        return existing
    image = Image(file=upload, sha256=key, uploaded_by=by, **_remembered(remembered))
    try:
        with transaction.atomic(using=using):
            image.save(using=using)
    except IntegrityError:
        # Another save added the same file a moment ago: use that one (this copy goes with the rollback).
        image.file.storage.delete(image.file.name)
        return Image.objects.using(using).get(sha256=key)
    return image


def on_stored_file(name: str, *, sha256: str = "", using: str | None = None, **known) -> Image:
    """The library image of the stored file `name`, joining the library when it is not in it yet.

    `known` may give the file's width, height and renditions, and the
    remembered texts; the size is read from the file when it is not known.
    Raises OSError or ValueError when the file is gone or is not an image.
    """
    using = using or router.db_for_write(Image)
    images = Image.objects.using(using)
    existing = images.filter(file=name).first() or (images.filter(sha256=sha256).first() if sha256 else None)
    if existing is not None:
        return existing
    size = {key: known[key] for key in ("width", "height") if known.get(key)}
    image = Image(file=name, sha256=sha256, renditions=known.get("renditions") or {}, **size, **_remembered(known))
    if not (image.width and image.height):
        raise ValueError(f"{name} is not a readable image")
    image.save(using=using)
    return image


def _remembered(values: dict) -> dict:
    return {key: values[key] for key in (*REMEMBERED, "title", "keywords") if values.get(key)}
