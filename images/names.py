"""Stored names: each upload gets a name of its own, never one another upload had or will have."""

import secrets
from pathlib import PurePosixPath

from django.utils import timezone


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


def image_name(filename: str, *, max_length: int) -> str:
    """figures/YYYY/MM/<name>-<random>.<ext>: where an image is stored (its renditions go beside it, storage.py)."""
    return unique_name(filename, folder=timezone.now().strftime("figures/%Y/%m/"), max_length=max_length)
