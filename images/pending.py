"""Uploads that survive a form's errors: kept, referred to by a signed reference, claimed or cleaned up.

When a story's form comes back with errors, each image chosen in it that
passed the checks is kept (`keep`) and the form carries a signed reference
to it (`reference`) in a hidden field, so the next submit brings it back
(`claim`) without the editor choosing it again. Only the editor who chose
it may claim it; a reference that was altered, is too old or names
another editor's upload is refused with a message (`Refused`). A figure
saved from it takes it up, and the kept upload goes (`release`); the ones
nobody claims go after a day (`clean_pending_uploads`, run by the hourly
`jobs.clean_up` job and by `manage.py clean_pending_uploads`).
"""

import io
import logging
from datetime import timedelta
from pathlib import PurePosixPath

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from images.checks import validate_image
from images.encoding import reader_pixels
from images.models import PendingUpload
from images.names import unique_name

logger = logging.getLogger(__name__)

SALT = "images.pending"
KEPT_FOR = timedelta(days=1)
FOLDER = "pending/"
THUMBNAIL_SIZE = (320, 320)
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


class Refused(ValidationError):
    """A reference to a kept upload that cannot be claimed: the message says why and what to do."""


def keep(upload, *, by) -> PendingUpload:
    """Store `upload` (an image that passed images.checks) for `by` until a save claims it."""
    validate_image(upload)
    upload.seek(0)
    with Image.open(upload) as img:
        extension = EXTENSIONS[img.format]
        img.draft("RGB", THUMBNAIL_SIZE)
        small = reader_pixels(img)
        small.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        small.convert("RGB").save(out, "JPEG", quality=80)
    upload.seek(0)
    max_length = PendingUpload._meta.get_field("file").max_length
    stem = PurePosixPath(upload.name or "image").stem
    name = default_storage.save(unique_name(stem + extension, folder=FOLDER, max_length=max_length), upload)
    thumbnail = default_storage.save(
        unique_name(stem + "-thumb.jpg", folder=FOLDER, max_length=max_length), ContentFile(out.getvalue()),
    )
    return PendingUpload.objects.create(
        file=name, thumbnail=thumbnail, original_name=(upload.name or "")[:255], uploaded_by=by,
    )


def reference(pending: PendingUpload) -> str:
    """The signed reference a form carries to `pending`."""
    return signing.dumps([pending.pk, pending.uploaded_by_id], salt=SALT)


def claim(ref: str, *, by) -> PendingUpload:
    """The kept upload `ref` names, if `by` chose it and it is still kept; else `Refused`."""
    try:
        pk, user_id = signing.loads(ref, salt=SALT, max_age=KEPT_FOR)
    except signing.SignatureExpired as exc:
        raise Refused(_("選んだ画像の保存期限が切れました。画像をもう一度選んでください。"), code="pending_expired") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise Refused(
            _("選んだ画像を確認できませんでした。画像をもう一度選んでください。"), code="pending_invalid",
        ) from exc
    if by is None or user_id != by.pk:
        raise Refused(
            _("この画像は別のユーザーが選んだものなので使えません。画像をもう一度選んでください。"), code="pending_other_user",
        )
    pending = PendingUpload.objects.filter(pk=pk, uploaded_by=by).first()
    if pending is None:
        raise Refused(_("選んだ画像はもう残っていません。画像をもう一度選んでください。"), code="pending_gone")
    return pending


def opened(pending: PendingUpload) -> File:
    """The kept file, open, under the name it was uploaded with (a figure stores it as a new upload)."""
    return File(default_storage.open(pending.file.name, "rb"), name=pending.original_name)


def release(pending: PendingUpload) -> None:
    """`pending` was taken up (or is let go): its row goes now, its files once the transaction commits."""
    if pending.pk is None:
        return  # already released (one reference sent for two rows)
    names = [pending.file.name, pending.thumbnail.name]
    pending.delete()

    def delete_files():
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete_files, robust=True)


def clean_pending_uploads(*, older_than: timedelta = KEPT_FOR) -> int:
    """Delete the kept uploads nobody claimed within `older_than`, with their files; returns how many."""
    count = 0
    for pending in PendingUpload.objects.filter(uploaded_at__lt=timezone.now() - older_than).iterator():
        for name in (pending.file.name, pending.thumbnail.name):
            if not name:
                continue
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("Could not delete the kept upload %s", name, exc_info=True)
        pending.delete()
        count += 1
    return count
