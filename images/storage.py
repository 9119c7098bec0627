"""Stored image files: writing them with their save, deleting them with their library image.

A stored file belongs to one upload: its name carries a random part
(images.names), so a name freed by a deletion is never given to another
image, and a revision that names a file names that upload and no other.
Files are written during the save that stores their library image and kept
only if that save commits (`discard_uncommitted`). The library owns them:
a figure that lets go of an image leaves it in the library, and the files
go after the library image is deleted, which only an unused one can be.
"""

import logging
import threading
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import connections, transaction

from images.encoding import clean_upload, renditions_of_stored, source_digest
from images.renditions import Rendition

logger = logging.getLogger(__name__)


# Stored names ---------------------------------------------------------------------------


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


def store_upload(image, upload, *, using: str) -> None:
    """Re-encode `upload` into the library image `image` and write it (kept only if the save commits).

    The image has no renditions yet: a job makes them once the save commits
    (jobs/renditions.py), and the page shows the image itself until then.
    """
    image.sha256 = image.sha256 or source_digest(upload)
    clean = clean_upload(upload, image.file.name)
    written = []
    try:
        image.file.save(clean.name, ContentFile(clean.content), save=False)
        written.append(image.file.name)
        # Set after saving the file: Django's own reading of the size can miss progressive JPEGs.
        image.width, image.height = clean.size
        image.renditions = {}
    finally:
        keep_if_committed(image.file.storage, written, using=using)


def rebuild_renditions(stored, *, using: str) -> dict:
    """The renditions of the stored image file `stored`, made again (kept only if the save commits)."""
    storage = stored.storage
    renditions = renditions_of_stored(storage, stored.name)
    written = []
    try:
        return store_renditions(storage, stored.name, renditions, written)
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


# Files follow their library images ---------------------------------------------------------


def delete_after_commit(storage, names, *, using: str | None = None) -> None:
    """Delete the stored files `names` once the current transaction commits (nothing if it rolls back)."""
    names = [name for name in names if name]

    def delete():
        for name in names:
            storage.delete(name)

    # Robust: the rows are written by now; a file that could not be deleted is only logged.
    transaction.on_commit(delete, using=using, robust=True)


def image_deleted(sender, instance, using, **kwargs):
    """post_delete of a library image: its files go once the deletion commits.

    Only an image no figure shows can be deleted (articles.Figure protects
    its library image), so nothing else names these files.
    """
    delete_after_commit(instance.file.storage, instance.files(), using=using)
