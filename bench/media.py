#!/usr/bin/env python
"""Media benchmark: ingesting large photos, and the image bytes a reader downloads.

Run: .venv/bin/python bench/media.py [--count 100] [--report bench/reports/media.md]

1. Generates COUNT 4000×3000 JPEG photos (deterministic), ingests each the
   way an upload is stored (check, re-encode, renditions) into a scratch
   SQLite database and media folder, and reports time and peak memory.
2. Serves an article with three of those figures and loads it in Chromium
   at 360 px (device pixel ratio 3, a phone) and 1280 px (DPR 1 and 2),
   summing the image bytes the browser actually downloaded, against the
   bytes of the original uploads.
Everything happens on loopback in a temporary folder and stops by itself.
"""

import argparse
import io
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_photo(seed: int, size=(4000, 3000)) -> bytes:
    """A photo-like JPEG: smooth gradients, shapes and grain (grain keeps the file realistically large)."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    small = Image.new("RGB", (size[0] // 8, size[1] // 8))
    draw = ImageDraw.Draw(small)
    top = tuple(rnd.randrange(40, 220) for _ in range(3))
    bottom = tuple(rnd.randrange(10, 120) for _ in range(3))
    for y in range(small.height):
        t = y / small.height
        draw.line([(0, y), (small.width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(40):
        x, y = rnd.randrange(small.width), rnd.randrange(small.height)
        r = rnd.randrange(5, 80)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randrange(256) for _ in range(3)))
    img = small.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(size, 24).convert("RGB")
    img = Image.blend(img, noise, 0.12)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=92)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--report", default=str(ROOT / "bench" / "reports" / "media.md"))
    parser.add_argument("--generate-into", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into:
        # Run in a child process, so generating the photos does not count in the ingest's memory.
        for i in range(args.count):
            Path(args.generate_into, f"photo-{i + 1:03d}.jpg").write_bytes(make_photo(i))
        return

    work = Path(tempfile.mkdtemp(prefix="newsdesk-media-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "CACHE_URL": "locmemcache://bench",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from articles.models import Figure
    from tests.factories import make_article

    call_command("migrate", verbosity=0)
    print(f"generating {args.count} photos of 4000×3000 …", flush=True)
    photo_dir = work / "photos"
    photo_dir.mkdir()
    subprocess.run([sys.executable, __file__, "--count", str(args.count), "--generate-into", str(photo_dir)], check=True)
    photos = sorted(photo_dir.iterdir())
    original_bytes = [p.stat().st_size for p in photos]

    article = make_article(title="ベンチマーク記事", original_title="Media benchmark", key_points=1,
                           body="一段落目。\n\n[[figure:1]]\n\n二段落目。\n\n[[figure:2]]\n\n三段落目。\n\n[[figure:3]]")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    per_image = []
    for n, path in enumerate(photos, start=1):
        t0 = time.perf_counter()
        figure = Figure(article=article, position=n, alt_text=f"写真{n}")
        figure.image = SimpleUploadedFile(path.name, path.read_bytes(), content_type="image/jpeg")
        figure.full_clean(exclude=["article"])
        figure.save()
        per_image.append(time.perf_counter() - t0)
        print(f"\r  ingested {n}/{args.count}", end="", flush=True)
    elapsed = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    # Keep three figures on the page, as a real article would have.
    Figure.objects.filter(article=article, position__gt=3).delete()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env={**env, "DJANGO_DEBUG": "false", "NEWSDESK_SERVE_MEDIA": "true"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        served = measure_page(f"http://127.0.0.1:{port}{article.get_absolute_url()}")
    finally:
        server.terminate()
        server.wait(timeout=10)

    page_originals = sum(original_bytes[:3])
    lines = [
        "# Media benchmark",
        "",
        f"Machine: {os.cpu_count()} cores. Photos: {args.count} JPEGs of 4000×3000, "
        f"{sum(original_bytes) / args.count / 1e6:.2f} MB on average.",
        "",
        "## Ingest (check, re-encode, 3 widths × WebP + JPEG)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| total time | {elapsed:.1f} s |",
        f"| per image (median) | {sorted(per_image)[len(per_image) // 2] * 1000:.0f} ms |",
        f"| per image (max) | {max(per_image) * 1000:.0f} ms |",
        f"| peak resident memory of the process | {peak_rss_mb:.0f} MB (before the first image: {rss_before / 1024:.0f} MB) |",
        "",
        "## Image bytes for an article with 3 figures",
        "",
        "| viewport | images downloaded | bytes | vs. originals |",
        "|---|---|---|---|",
    ]
    for label, (count, total, widths) in served.items():
        lines.append(f"| {label} | {count} ({', '.join(widths)}) | {total / 1024:.0f} KB | "
                     f"{total / page_originals * 100:.1f}% of {page_originals / 1024:.0f} KB |")
    report = "\n".join(lines) + "\n"
    print(report)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(report, encoding="utf-8")
    print(f"report written to {args.report}")


def measure_page(url: str) -> dict:
    from playwright.sync_api import sync_playwright

    chromium_args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=chromium_args)
        for label, width, dpr in (("360 px, DPR 3 (phone)", 360, 3), ("1280 px, DPR 1", 1280, 1),
                                  ("1280 px, DPR 2", 1280, 2)):
            context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=dpr)
            page = context.new_page()
            got = []
            page.on("response", lambda r: got.append(r) if "/media/" in r.url else None)
            page.goto(url)
            # Scroll so lazy images load too: a reader who reads to the end.
            for y in range(0, page.evaluate("document.body.scrollHeight"), 600):
                page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_timeout(50)
            page.wait_for_load_state("networkidle")
            sizes = [(r.url.rsplit("/", 1)[1], len(r.body())) for r in got]
            results[label] = (len(sizes), sum(s for _, s in sizes), [name.rsplit("-", 1)[-1] for name, _ in sizes])
            context.close()
        browser.close()
    return results


if __name__ == "__main__":
    main()
