"""Re-encoding: an upload becomes a clean sRGB copy holding pixels only; renditions are made from the stored copy."""

import hashlib
import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image, ImageCms, ImageOps

from images.renditions import RENDITION_WIDTHS, Rendition, make_renditions

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class CleanImage:
    """An upload re-encoded for storage, still in memory."""

    name: str  # the upload's own name with the stored format's extension
    content: bytes
    size: tuple[int, int]


def source_digest(file) -> str:
    """SHA-256 of a file as uploaded (re-imports compare it to tell a changed image)."""
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def clean_upload(file, name: str) -> CleanImage:
    """A clean copy of an uploaded image (its renditions come later, from a job: jobs/renditions.py).

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
        size = frame.size
    return CleanImage(PurePosixPath(name).stem + ext, out.getvalue(), size)


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
