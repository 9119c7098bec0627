"""Figures' stored files: their names, writing them with their save, deleting the ones let go of.

A stored file belongs to one upload: its name carries a random part, so a
name freed by a deletion is never given to another image, and a revision
that names a file names that upload and no other. Files are written during
the save that stores their figure and kept only if that save commits
(`discard_uncommitted`); a file is deleted after the transaction that let go
of it commits, and only when no figure refers to it any more.
"""

import logging
import secrets
import threading
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import connections, transaction

from images.encoding import clean_upload, renditions_of_stored, source_digest
from images.renditions import Rendition

logger = logging.getLogger(__name__)


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
    """Re-encode `upload` for `figure` and write it (kept only if the save commits).

    The figure has no renditions yet: a job makes them once the save commits
    (jobs/renditions.py), and the page shows the image itself until then.
    """
    figure.source_sha256 = source_digest(upload)
    clean = clean_upload(upload, figure.image.name)
    written = []
    try:
        figure.image.save(clean.name, ContentFile(clean.content), save=False)
        written.append(figure.image.name)
        # Set after saving the file: Django's own reading of the size can miss progressive JPEGs.
        figure.width, figure.height = clean.size
        figure.renditions = {}
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
