"""Renditions: the resized copies readers get of each image (WebP and JPEG per width), and how a page names them."""

import functools
import io
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from PIL import Image

RENDITION_WIDTHS = (480, 800, 1200)
OG_IMAGE_WIDTH = 1200
JPEG_QUALITY = 82
WEBP_QUALITY = 78
# Renditions are resized from a copy reduced (by whole-pixel averaging) to at least this many
# times their widest width, which is as sharp as resizing from the full image and far cheaper.
REDUCE_MARGIN = 3


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: bytes
    jpeg: bytes


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


def _flatten(img: Image.Image) -> Image.Image:
    background = Image.new("RGB", img.size, (255, 255, 255))
    background.paste(img, mask=img.getchannel("A") if "A" in img.getbands() else None)
    return background


def rendition_files(renditions: dict) -> list[str]:
    """The stored names in a figure's `renditions` value."""
    return [entry[kind] for entry in (renditions or {}).values() for kind in ("webp", "jpeg") if entry.get(kind)]


def closest_rendition(renditions: dict, width: int) -> dict | None:
    """The largest rendition no wider than `width` (or the smallest there is); None before any are made."""
    entries = sorted((renditions or {}).values(), key=lambda e: e["width"])
    if not entries:
        return None
    fitting = [e for e in entries if e["width"] <= width]
    return fitting[-1] if fitting else entries[0]


@dataclass(frozen=True)
class Picture:
    """What a <picture> element needs: the fallback's URL, the intrinsic size, a srcset per format ("": none)."""

    src: str
    width: int | None
    height: int | None
    webp_srcset: str = ""
    jpeg_srcset: str = ""


def picture(figure) -> Picture:
    """What a <picture> element needs of `figure`: srcsets per format, the fallback, intrinsic size.

    Worked out once per process for each image: it follows from the stored
    names alone, and a stored name belongs to one upload for good
    (images.names.unique_name), while asking the storage for a dozen URLs
    on every page cost more than the rest of drawing the figure.
    """
    entries = tuple(sorted((e["width"], e["height"], e["webp"], e["jpeg"]) for e in (figure.renditions or {}).values()))
    return _picture(figure.image.storage, figure.image.name, figure.width, figure.height, entries)


@functools.lru_cache(maxsize=4096)
def _picture(storage, name: str, width: int | None, height: int | None, entries: tuple) -> Picture:
    if not entries:
        return Picture(src=storage.url(name), width=width, height=height)
    fallback = next((e for e in entries if e[0] >= 800), entries[-1])
    largest = entries[-1]
    return Picture(
        webp_srcset=", ".join(f"{storage.url(webp)} {w}w" for w, _h, webp, _jpeg in entries),
        jpeg_srcset=", ".join(f"{storage.url(jpeg)} {w}w" for w, _h, _webp, jpeg in entries),
        src=storage.url(fallback[3]),
        width=largest[0],
        height=largest[1],
    )


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _picture.cache_clear()  # MEDIA_URL or the storages may have changed (tests)
