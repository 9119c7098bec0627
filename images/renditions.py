"""Renditions: the resized copies readers get of each image (WebP and JPEG per width), and how a page names them."""

import io
from dataclasses import dataclass

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
