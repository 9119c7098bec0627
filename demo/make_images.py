#!/usr/bin/env python
"""Generate the Newsdesk demo figure images (abstract editorial illustrations).

Standalone: needs only Pillow. Deterministic: every image uses its own
fixed-seed random generator, so running the script twice gives the same
pictures. Images contain no text.

    /work/main/.venv/bin/python demo/make_images.py [--out DIR]

Writes JPEG files (quality 82) into demo/images/ next to this script.
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SEED = 20261126
SS = 2  # supersampling factor: draw at 2x, downscale for smooth edges
QUALITY = 82
LANDSCAPE = (1600, 900)
PORTRAIT = (1200, 1600)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def hexrgb(h: str) -> tuple[int, int, int]:
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def rgba(h: str, a: int = 255) -> tuple[int, int, int, int]:
    return (*hexrgb(h), a)


def mix(c1: str, c2: str, t: float) -> tuple[int, int, int]:
    a, b = hexrgb(c1), hexrgb(c2)
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def gradient(size, stops, angle=90.0):
    """Linear gradient through colour stops. angle 90 = top to bottom."""
    w, h = size
    # Build a 1-D strip with the stops, then stretch/rotate it.
    n = 512
    strip = Image.new("RGB", (n, 1))
    px = strip.load()
    for x in range(n):
        t = x / (n - 1)
        for i in range(len(stops) - 1):
            t0, c0 = stops[i]
            t1, c1 = stops[i + 1]
            if t0 <= t <= t1:
                u = 0 if t1 == t0 else (t - t0) / (t1 - t0)
                px[x, 0] = mix(c0, c1, u)
                break
    diag = int(math.hypot(w, h)) + 4
    big = strip.resize((diag, diag), Image.BILINEAR)
    big = big.rotate(-angle, resample=Image.BICUBIC)
    left = (diag - w) // 2
    top = (diag - h) // 2
    return big.crop((left, top, left + w, top + h))


def radial_glow(size, center, radius, color, alpha=255):
    """RGBA layer with a soft round glow."""
    w, h = size
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    # radial_gradient() reaches 255 only in the corners (about 181 at the
    # edge midpoints): rescale so the glow fades to zero inside the circle.
    edge = 180.0

    def falloff(v):
        t = min(1.0, v / edge)
        return int(alpha * (1 - t) ** 2)

    mask = Image.radial_gradient("L").point(falloff)
    mask = mask.resize((radius * 2, radius * 2), Image.BILINEAR)
    solid = Image.new("RGBA", (radius * 2, radius * 2), rgba(color))
    solid.putalpha(mask)
    layer.alpha_composite(solid, (int(center[0] - radius), int(center[1] - radius)))
    return layer


def blurred(layer: Image.Image, r: float) -> Image.Image:
    return layer.filter(ImageFilter.GaussianBlur(r))


def new_layer(size):
    return Image.new("RGBA", size, (0, 0, 0, 0))


def finish(img: Image.Image, size) -> Image.Image:
    return img.convert("RGB").resize(size, Image.LANCZOS)


def save(img: Image.Image, path: Path) -> int:
    img.save(path, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return path.stat().st_size


def wave_polygon(w, y0, amp, wavelength, phase, bottom, step=8):
    pts = [(x, y0 + amp * math.sin(2 * math.pi * x / wavelength + phase))
           for x in range(0, w + step, step)]
    return pts + [(w, bottom), (0, bottom)]


# --------------------------------------------------------------------------
# motifs (each receives the supersampled size and a seeded Random)
# --------------------------------------------------------------------------

def world_model_grid(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#1b1340"), (0.55, "#3a2a78"), (1, "#0f6e7a")]).convert("RGBA")
    img.alpha_composite(radial_glow(size, (w * 0.5, h * 0.42), int(w * 0.45), "#ff9fd0", 90))
    horizon = h * 0.45
    vx = w * 0.5
    grid = new_layer(size)
    d = ImageDraw.Draw(grid)
    for i in range(-24, 25):
        x_bottom = vx + i * w * 0.09
        d.line([(vx, horizon), (x_bottom, h)], fill=rgba("#8ee6ff", 110), width=2 * SS)
    for k in range(1, 16):
        y = horizon + (h - horizon) * (k / 15) ** 1.9
        d.line([(0, y), (w, y)], fill=rgba("#8ee6ff", 90), width=2 * SS)
    img.alpha_composite(blurred(grid, 6))
    img.alpha_composite(grid)
    shapes = new_layer(size)
    d = ImageDraw.Draw(shapes)
    # shadows
    for (cx, cy, r) in [(0.24, 0.78, 0.06), (0.52, 0.86, 0.08), (0.78, 0.74, 0.05)]:
        d.ellipse([w * cx - w * r, h * cy - h * r * 0.35, w * cx + w * r, h * cy + h * r * 0.35],
                  fill=(10, 5, 30, 120))
    shapes = blurred(shapes, 12)
    img.alpha_composite(shapes)
    d = ImageDraw.Draw(img)
    # sphere
    cx, cy, r = w * 0.24, h * 0.56, h * 0.11
    img.alpha_composite(radial_glow(size, (cx, cy), int(r * 1.8), "#ffd36e", 120))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rgba("#ffc54d"))
    d.ellipse([cx - r * 0.55, cy - r * 0.7, cx - r * 0.05, cy - r * 0.25], fill=rgba("#ffe7a8"))
    # isometric cube
    cx, cy, s = w * 0.52, h * 0.55, h * 0.15
    top = [(cx, cy - s), (cx + s, cy - s * 0.5), (cx, cy), (cx - s, cy - s * 0.5)]
    left = [(cx - s, cy - s * 0.5), (cx, cy), (cx, cy + s), (cx - s, cy + s * 0.5)]
    right = [(cx, cy), (cx + s, cy - s * 0.5), (cx + s, cy + s * 0.5), (cx, cy + s)]
    d.polygon(top, fill=rgba("#b5f3ff"))
    d.polygon(left, fill=rgba("#4fb9d6"))
    d.polygon(right, fill=rgba("#2b7fa8"))
    # triangle (pyramid)
    cx, cy, s = w * 0.78, h * 0.50, h * 0.13
    d.polygon([(cx, cy - s), (cx + s, cy + s * 0.8), (cx, cy + s * 0.55)], fill=rgba("#e0569c"))
    d.polygon([(cx, cy - s), (cx, cy + s * 0.55), (cx - s, cy + s * 0.8)], fill=rgba("#ff86be"))
    # predicted trajectory: dotted arc from sphere towards cube
    for i in range(26):
        t = i / 25
        x = w * 0.24 + (w * 0.52 - w * 0.24) * t
        y = h * 0.40 - math.sin(math.pi * t) * h * 0.18
        rr = 3 * SS
        d.ellipse([x - rr, y - rr, x + rr, y + rr], fill=rgba("#ffffff", 200))
    return img


def research_paper_portrait(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#fbefe1"), (1, "#f2b9a0")], angle=110).convert("RGBA")
    img.alpha_composite(radial_glow(size, (w * 0.8, h * 0.15), int(w * 0.6), "#ffe3b3", 160))
    palette = ["#ffffff", "#fdf6ec", "#f7e3d3"]
    for i in range(4):
        page = new_layer((int(w * 0.62), int(h * 0.62)))
        pd = ImageDraw.Draw(page)
        pw, ph = page.size
        pd.rounded_rectangle([0, 0, pw - 1, ph - 1], radius=14 * SS, fill=rgba(palette[i % 3]))
        # abstract text lines (bars only, no glyphs)
        y = ph * 0.12
        while y < ph * 0.9:
            ln = pw * rnd.uniform(0.45, 0.8)
            pd.rounded_rectangle([pw * 0.1, y, pw * 0.1 + ln, y + 6 * SS], radius=3 * SS,
                                 fill=rgba("#d9c3b3", 200))
            y += rnd.choice([22, 22, 22, 44]) * SS
        if i == 3:
            pd.rectangle([pw * 0.1, ph * 0.55, pw * 0.9, ph * 0.75], fill=rgba("#e9d5c7"))
            for k in range(6):
                bh = ph * 0.18 * rnd.uniform(0.3, 1)
                x0 = pw * (0.14 + k * 0.12)
                pd.rectangle([x0, ph * 0.75 - bh, x0 + pw * 0.07, ph * 0.75], fill=rgba("#e07a5f"))
        shadow = new_layer(size)
        ang = [-11, 7, -4, 3][i]
        rotated = page.rotate(ang, expand=True, resample=Image.BICUBIC)
        ox = int(w * [0.08, 0.3, 0.14, 0.22][i])
        oy = int(h * [0.08, 0.2, 0.42, 0.3][i])
        sh = Image.new("RGBA", rotated.size, (90, 40, 30, 0))
        sh.putalpha(rotated.getchannel("A").point(lambda v: v * 70 // 255))
        shadow.alpha_composite(sh, (ox + 14 * SS, oy + 18 * SS))
        img.alpha_composite(blurred(shadow, 14))
        img.alpha_composite(rotated, (ox, oy))
    d = ImageDraw.Draw(img)
    cx, cy, r = w * 0.78, h * 0.82, w * 0.13
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rgba("#3d405b", 230))
    d.ellipse([cx - r * 0.5, cy - r * 0.5, cx + r * 0.5, cy + r * 0.5], outline=rgba("#f2cc8f"), width=5 * SS)
    return img


def skyline(size, rnd, stops, back, front, sun, windows, circles=None):
    w, h = size
    img = gradient(size, stops).convert("RGBA")
    sx, sy, sr = w * 0.68, h * 0.48, h * 0.22
    img.alpha_composite(radial_glow(size, (sx, sy), int(sr * 2.4), sun, 140))
    d = ImageDraw.Draw(img)
    d.ellipse([sx - sr, sy - sr, sx + sr, sy + sr], fill=rgba(sun, 235))
    if circles:
        lay = new_layer(size)
        ld = ImageDraw.Draw(lay)
        for (cx, cy, r, col) in circles:
            ld.ellipse([w * cx - h * r, h * cy - h * r, w * cx + h * r, h * cy + h * r], fill=rgba(col, 110))
        img.alpha_composite(lay)
    for layer_col, base, hmin, hmax, bw in [(back, 0.72, 0.18, 0.42, (0.03, 0.07)),
                                            (front, 0.86, 0.12, 0.5, (0.04, 0.09))]:
        lay = new_layer(size)
        ld = ImageDraw.Draw(lay)
        x = -rnd.uniform(0, w * 0.03)
        while x < w:
            bwid = w * rnd.uniform(*bw)
            top = h * base - h * rnd.uniform(hmin, hmax)
            ld.rectangle([x, top, x + bwid, h], fill=rgba(layer_col))
            if rnd.random() < 0.25:
                ld.polygon([(x, top), (x + bwid / 2, top - h * 0.05), (x + bwid, top)], fill=rgba(layer_col))
            if windows and layer_col == front:
                for wy in range(int(top + 14 * SS), int(h * 0.98), 18 * SS):
                    for wx in range(int(x + 8 * SS), int(x + bwid - 10 * SS), 14 * SS):
                        if rnd.random() < 0.22:
                            ld.rectangle([wx, wy, wx + 5 * SS, wy + 7 * SS], fill=rgba(windows, 220))
            x += bwid + w * rnd.uniform(0.002, 0.012)
        img.alpha_composite(lay)
    return img


def merger_skyline(size, rnd):
    return skyline(size, rnd, [(0, "#2d1b4e"), (0.45, "#b8437a"), (0.8, "#f39c6b"), (1, "#ffd3a5")],
                   "#7a3b6e", "#2a1436", "#ffe08a", None,
                   circles=[(0.3, 0.35, 0.2, "#ff8fab"), (0.42, 0.35, 0.2, "#9ad0ff")])


def semiconductor_wafer(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#08121f"), (1, "#123a4f")], angle=135).convert("RGBA")
    traces = new_layer(size)
    td = ImageDraw.Draw(traces)
    for _ in range(46):
        x = rnd.uniform(0, w)
        y = rnd.uniform(0, h)
        pts = [(x, y)]
        for _ in range(rnd.randint(2, 5)):
            if rnd.random() < 0.5:
                x += rnd.choice([-1, 1]) * rnd.uniform(40, 220) * SS
            else:
                y += rnd.choice([-1, 1]) * rnd.uniform(40, 160) * SS
            pts.append((x, y))
        col = rnd.choice(["#38d9a9", "#ffd43b", "#4dabf7"])
        td.line(pts, fill=rgba(col, 150), width=3 * SS, joint="curve")
        ex, ey = pts[-1]
        td.ellipse([ex - 6 * SS, ey - 6 * SS, ex + 6 * SS, ey + 6 * SS], fill=rgba(col, 220))
    img.alpha_composite(blurred(traces, 8))
    img.alpha_composite(traces)
    cx, cy, r = w * 0.5, h * 0.5, h * 0.4
    img.alpha_composite(radial_glow(size, (cx, cy), int(r * 1.5), "#5ce1e6", 90))
    wafer = gradient(size, [(0, "#cfd8e3"), (0.5, "#8fa3b8"), (1, "#e7eef5")], angle=35).convert("RGBA")
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
    img.paste(wafer, (0, 0), mask)
    d = ImageDraw.Draw(img)
    cell = h * 0.062
    gap = cell * 0.12
    y = cy - r
    while y < cy + r:
        x = cx - r
        while x < cx + r:
            corners = [(x, y), (x + cell, y), (x, y + cell), (x + cell, y + cell)]
            if all(math.hypot(px - cx, py - cy) < r * 0.96 for px, py in corners):
                t = (x - (cx - r)) / (2 * r)
                col = mix("#7048e8", "#15aabf", t)
                d.rectangle([x + gap, y + gap, x + cell - gap, y + cell - gap], fill=(*col, 235))
                if rnd.random() < 0.18:
                    d.rectangle([x + cell * 0.35, y + cell * 0.35, x + cell * 0.65, y + cell * 0.65],
                                fill=rgba("#ffe066"))
            x += cell
        y += cell
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=rgba("#ffffff", 180), width=4 * SS)
    d.polygon([(cx - 14 * SS, cy + r - 4 * SS), (cx + 14 * SS, cy + r - 4 * SS), (cx, cy + r - 20 * SS)],
              fill=rgba("#123a4f"))
    return img


def shipping_containers(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#a8e0e9"), (0.6, "#e8f6f3"), (1, "#f7efe2")]).convert("RGBA")
    img.alpha_composite(radial_glow(size, (w * 0.15, h * 0.2), int(h * 0.5), "#fff3bf", 200))
    d = ImageDraw.Draw(img)
    colors = ["#e63946", "#1d3557", "#f4a261", "#2a9d8f", "#457b9d", "#e9c46a", "#8d5a97", "#264653"]
    # hull
    hull_top = h * 0.66
    d.polygon([(w * 0.06, hull_top), (w * 0.95, hull_top), (w * 0.88, h * 0.8), (w * 0.1, h * 0.8)],
              fill=rgba("#22303c"))
    d.rectangle([w * 0.06, hull_top, w * 0.95, hull_top + h * 0.025], fill=rgba("#c0392b"))
    d.rectangle([w * 0.84, h * 0.34, w * 0.91, hull_top], fill=rgba("#f1f3f5"))
    for k in range(5):
        d.rectangle([w * 0.85, h * (0.37 + k * 0.05), w * 0.9, h * (0.385 + k * 0.05)], fill=rgba("#5c7c99"))
    cw, ch = w * 0.075, h * 0.07
    x = w * 0.1
    col_i = 0
    while x + cw < w * 0.83:
        stack = rnd.randint(2, 5)
        for s in range(stack):
            y1 = hull_top - (s + 1) * ch
            col = colors[(col_i + s * 3) % len(colors)] if rnd.random() < 0.8 else rnd.choice(colors)
            d.rectangle([x, y1, x + cw - 3 * SS, y1 + ch - 3 * SS], fill=rgba(col))
            for rx in range(int(x + 8 * SS), int(x + cw - 8 * SS), 9 * SS):
                d.line([(rx, y1 + 5 * SS), (rx, y1 + ch - 8 * SS)], fill=(0, 0, 0, 45), width=2 * SS)
        x += cw
        col_i += 1
    for k, (col, amp, y0) in enumerate([("#2b6f97", 10, 0.79), ("#1f5f86", 14, 0.84), ("#174a6b", 12, 0.9)]):
        lay = new_layer(size)
        ImageDraw.Draw(lay).polygon(wave_polygon(w, h * y0, amp * SS, w / (2.2 + k), k * 1.3, h), fill=rgba(col, 235))
        img.alpha_composite(lay)
    return img


def ocean_route(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#03254c"), (1, "#1167b1")], angle=100).convert("RGBA")
    lines = new_layer(size)
    ld = ImageDraw.Draw(lines)
    for k in range(22):
        y0 = h * (0.05 + k * 0.045)
        pts = [(x, y0 + 9 * SS * math.sin(x / (90 * SS) + k * 0.7)) for x in range(0, w + 10, 10)]
        ld.line(pts, fill=rgba("#8fd3fe", 55 + (k % 3) * 20), width=2 * SS)
    img.alpha_composite(lines)
    ports = [(0.1, 0.7), (0.33, 0.35), (0.58, 0.62), (0.86, 0.28)]
    route = new_layer(size)
    rd = ImageDraw.Draw(route)
    for (a, b) in zip(ports, ports[1:]):
        x0, y0 = w * a[0], h * a[1]
        x1, y1 = w * b[0], h * b[1]
        mx, my = (x0 + x1) / 2, min(y0, y1) - h * 0.2
        for i in range(0, 41):
            t = i / 40
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * mx + t * t * x1
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * my + t * t * y1
            if i % 2 == 0:
                rd.ellipse([x - 4 * SS, y - 4 * SS, x + 4 * SS, y + 4 * SS], fill=rgba("#ffd166"))
    img.alpha_composite(blurred(route, 6))
    img.alpha_composite(route)
    d = ImageDraw.Draw(img)
    for (px, py) in ports:
        x, y = w * px, h * py
        img.alpha_composite(radial_glow(size, (x, y), 60 * SS, "#ffd166", 150))
        d.ellipse([x - 14 * SS, y - 14 * SS, x + 14 * SS, y + 14 * SS], fill=rgba("#ffffff"))
        d.ellipse([x - 7 * SS, y - 7 * SS, x + 7 * SS, y + 7 * SS], fill=rgba("#ef476f"))
    return img


def climate_policy(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#ffcf9f"), (0.45, "#ffe8c9"), (1, "#d8f3dc")]).convert("RGBA")
    sx, sy, sr = w * 0.5, h * 0.52, h * 0.2
    img.alpha_composite(radial_glow(size, (sx, sy), int(sr * 3), "#ffb347", 170))
    rays = new_layer(size)
    rd = ImageDraw.Draw(rays)
    for k in range(18):
        a = math.pi + k * math.pi / 17
        rd.line([(sx, sy), (sx + math.cos(a) * w, sy + math.sin(a) * w)], fill=rgba("#fff4e0", 70), width=10 * SS)
    img.alpha_composite(blurred(rays, 4))
    d = ImageDraw.Draw(img)
    d.ellipse([sx - sr, sy - sr, sx + sr, sy + sr], fill=rgba("#ff8c42"))
    for k, (col, y0, amp) in enumerate([("#95d5b2", 0.58, 28), ("#52b788", 0.66, 34),
                                         ("#2d6a4f", 0.76, 26), ("#1b4332", 0.87, 20)]):
        lay = new_layer(size)
        ImageDraw.Draw(lay).polygon(wave_polygon(w, h * y0, amp * SS, w / (1.1 + k * 0.6), k * 2.1, h),
                                    fill=rgba(col))
        img.alpha_composite(lay)
    # little wind turbines on the second ridge
    for tx in (0.14, 0.22, 0.81):
        x = w * tx
        y = h * 0.6
        d.line([(x, y), (x, y - h * 0.2)], fill=rgba("#ffffff"), width=5 * SS)
        hub = (x, y - h * 0.2)
        for k in range(3):
            a = math.radians(90 + k * 120 + tx * 100)
            d.line([hub, (hub[0] + math.cos(a) * h * 0.09, hub[1] - math.sin(a) * h * 0.09)],
                   fill=rgba("#ffffff"), width=5 * SS)
        d.ellipse([hub[0] - 7 * SS, hub[1] - 7 * SS, hub[0] + 7 * SS, hub[1] + 7 * SS], fill=rgba("#ffffff"))
    return img


def rocket_launch_portrait(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#050a30"), (0.6, "#2b1a5a"), (1, "#b5447a")]).convert("RGBA")
    d = ImageDraw.Draw(img)
    for _ in range(240):
        x, y = rnd.uniform(0, w), rnd.uniform(0, h * 0.75)
        r = rnd.choice([1, 1, 1.5, 2, 3]) * SS
        d.ellipse([x - r, y - r, x + r, y + r], fill=rgba("#ffffff", rnd.randint(120, 255)))
    # planet horizon
    img.alpha_composite(radial_glow(size, (w * 0.5, h * 1.55), int(h * 0.9), "#ff9e7a", 200))
    d.ellipse([-w * 0.6, h * 0.86, w * 1.6, h * 2.2], fill=rgba("#1e1340"))
    # trajectory
    pts = []
    for i in range(120):
        t = i / 119
        x = w * 0.3 + (w * 0.42) * t ** 1.6
        y = h * 0.9 - h * 0.72 * t
        pts.append((x, y))
    trail = new_layer(size)
    td = ImageDraw.Draw(trail)
    td.line(pts, fill=rgba("#ffd6a5", 255), width=26 * SS, joint="curve")
    img.alpha_composite(blurred(trail, 30))
    trail = new_layer(size)
    td = ImageDraw.Draw(trail)
    td.line(pts, fill=rgba("#fff4e6", 255), width=6 * SS, joint="curve")
    img.alpha_composite(blurred(trail, 2))
    # rocket at the tip
    tx, ty = pts[-1]
    ang = math.atan2(pts[-1][1] - pts[-6][1], pts[-1][0] - pts[-6][0])
    L, W = h * 0.07, h * 0.016

    def rot(px, py):
        return (tx + px * math.cos(ang) - py * math.sin(ang), ty + px * math.sin(ang) + py * math.cos(ang))

    body = [rot(L, 0), rot(L * 0.6, -W), rot(-L * 0.3, -W), rot(-L * 0.3, W), rot(L * 0.6, W)]
    d = ImageDraw.Draw(img)
    d.polygon([rot(-L * 0.1, -W), rot(-L * 0.4, -W * 2.2), rot(-L * 0.35, -W)], fill=rgba("#ef476f"))
    d.polygon([rot(-L * 0.1, W), rot(-L * 0.4, W * 2.2), rot(-L * 0.35, W)], fill=rgba("#ef476f"))
    d.polygon(body, fill=rgba("#f8f9fa"))
    img.alpha_composite(radial_glow(size, rot(-L * 0.45, 0), int(W * 3), "#ffd166", 230))
    return img


def orbit_rings(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#020617"), (1, "#0b3d91")], angle=120).convert("RGBA")
    d = ImageDraw.Draw(img)
    for _ in range(160):
        x, y = rnd.uniform(0, w), rnd.uniform(0, h)
        r = rnd.choice([1, 1, 2]) * SS
        d.ellipse([x - r, y - r, x + r, y + r], fill=rgba("#dbe4ff", rnd.randint(90, 220)))
    cx, cy, r = w * 0.38, h * 0.58, h * 0.32
    img.alpha_composite(radial_glow(size, (cx, cy), int(r * 1.6), "#4cc9f0", 110))
    planet = gradient(size, [(0, "#4cc9f0"), (0.5, "#4361ee"), (1, "#10002b")], angle=45).convert("RGBA")
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
    img.paste(planet, (0, 0), mask)
    # bands on the planet
    bands = new_layer(size)
    bd = ImageDraw.Draw(bands)
    for k in range(5):
        y = cy - r + r * 2 * (k + 1) / 6
        bd.line([(cx - r, y), (cx + r, y + 20 * SS)], fill=rgba("#bde0fe", 45), width=14 * SS)
    bands.putalpha(ImageChops.multiply(bands.getchannel("A"), mask))
    img.alpha_composite(bands)
    for k, (rx, ry, ang, col) in enumerate([(1.55, 0.38, -14, "#f72585"), (2.0, 0.55, -8, "#ffd166"),
                                            (2.5, 0.75, -18, "#80ffdb")]):
        lay = new_layer(size)
        ld = ImageDraw.Draw(lay)
        box = [cx - r * rx, cy - r * ry, cx + r * rx, cy + r * ry]
        ld.ellipse(box, outline=rgba(col, 200), width=4 * SS)
        for j in range(4 + k * 2):
            a = rnd.uniform(0, 2 * math.pi)
            sx = cx + r * rx * math.cos(a)
            sy = cy + r * ry * math.sin(a)
            ld.rectangle([sx - 9 * SS, sy - 5 * SS, sx + 9 * SS, sy + 5 * SS], fill=rgba("#ffffff"))
            ld.rectangle([sx - 24 * SS, sy - 3 * SS, sx + 24 * SS, sy + 3 * SS], fill=rgba(col, 230))
        lay = lay.rotate(ang, center=(cx, cy), resample=Image.BICUBIC)
        img.alpha_composite(lay)
    return img


def biotech_helix(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#d8f5e3"), (0.5, "#74c69d"), (1, "#1e6091")], angle=160).convert("RGBA")
    img.alpha_composite(radial_glow(size, (w * 0.7, h * 0.3), int(h * 0.7), "#ffffff", 120))
    lay = new_layer(size)
    d = ImageDraw.Draw(lay)
    amp = h * 0.22
    cy = h * 0.5
    n = 34
    for i in range(n):
        x = w * 0.06 + i * (w * 0.88) / (n - 1)
        ph = i * 0.42
        y1 = cy + amp * math.sin(ph)
        y2 = cy - amp * math.sin(ph)
        depth = math.cos(ph)
        d.line([(x, y1), (x, y2)], fill=rgba("#ffffff", 110), width=4 * SS)
        for y, col, dd in [(y1, "#ff6b6b", depth), (y2, "#ffd93d", -depth)]:
            rr = (10 + 6 * dd) * SS
            d.ellipse([x - rr, y - rr, x + rr, y + rr], fill=rgba(col, int(170 + 80 * dd)))
    img.alpha_composite(blurred(lay, 10))
    img.alpha_composite(lay)
    # floating cells
    cells = new_layer(size)
    cd = ImageDraw.Draw(cells)
    for _ in range(14):
        x, y = rnd.uniform(0, w), rnd.uniform(0, h)
        r = rnd.uniform(20, 70) * SS
        cd.ellipse([x - r, y - r, x + r, y + r], outline=rgba("#ffffff", 120), width=3 * SS)
        cd.ellipse([x - r * 0.3, y - r * 0.3, x + r * 0.3, y + r * 0.3], fill=rgba("#ffffff", 70))
    img.alpha_composite(cells)
    return img


def molecule_lattice(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#f1e4ff"), (1, "#c3d9ff")], angle=30).convert("RGBA")
    lay = new_layer(size)
    d = ImageDraw.Draw(lay)
    R = h * 0.08
    dx, dy = R * math.sqrt(3), R * 1.5
    nodes = []
    row = 0
    y = -R
    while y < h + R:
        x = -R + (dx / 2 if row % 2 else 0)
        while x < w + R:
            hexpts = [(x + R * math.cos(math.radians(60 * k + 30)), y + R * math.sin(math.radians(60 * k + 30)))
                      for k in range(6)]
            d.polygon(hexpts, outline=rgba("#8e7dbe", 90), width=2 * SS)
            nodes.extend(hexpts)
            x += dx
        y += dy
        row += 1
    img.alpha_composite(lay)
    d = ImageDraw.Draw(img)
    # a highlighted molecule: chain of atoms
    cx, cy = w * 0.55, h * 0.5
    atoms = [(cx, cy)]
    for _ in range(11):
        px, py = atoms[-1]
        a = rnd.uniform(0, 2 * math.pi)
        atoms.append((min(max(px + math.cos(a) * h * 0.13, w * 0.15), w * 0.9),
                      min(max(py + math.sin(a) * h * 0.13, h * 0.15), h * 0.85)))
    for a, b in zip(atoms, atoms[1:]):
        d.line([a, b], fill=rgba("#3d348b"), width=8 * SS)
    colors = ["#f35b04", "#7678ed", "#f7b801", "#3d348b", "#ef476f"]
    for i, (x, y) in enumerate(atoms):
        r = (22 + (i % 3) * 8) * SS
        img.alpha_composite(radial_glow(size, (x, y), int(r * 2.2), colors[i % 5], 90))
        d.ellipse([x - r, y - r, x + r, y + r], fill=rgba(colors[i % 5]))
        d.ellipse([x - r * 0.55, y - r * 0.6, x - r * 0.1, y - r * 0.15], fill=rgba("#ffffff", 150))
    return img


def consumer_devices(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#ffe5ec"), (0.5, "#fdf0d5"), (1, "#d8e2dc")], angle=20).convert("RGBA")
    devices = [
        # (x, y, w, h, radius, frame, screen stops)
        (0.08, 0.2, 0.22, 0.62, 40, "#2b2d42", [(0, "#8ecae6"), (1, "#219ebc")]),
        (0.35, 0.14, 0.38, 0.7, 34, "#edf2f4", [(0, "#f4f1de"), (1, "#e0e1dd")]),
        (0.78, 0.34, 0.13, 0.46, 30, "#3a3a55", [(0, "#ffafcc"), (1, "#cdb4db")]),
    ]
    for (x, y, dw, dh, rad, frame, stops) in devices:
        x0, y0, x1, y1 = w * x, h * y, w * (x + dw), h * (y + dh)
        sh = new_layer(size)
        ImageDraw.Draw(sh).rounded_rectangle([x0 + 20 * SS, y0 + 30 * SS, x1 + 20 * SS, y1 + 30 * SS],
                                             radius=rad * SS, fill=(60, 40, 60, 90))
        img.alpha_composite(blurred(sh, 22))
        d = ImageDraw.Draw(img)
        d.rounded_rectangle([x0, y0, x1, y1], radius=rad * SS, fill=rgba(frame))
        m = 16 * SS
        scr = gradient((int(x1 - x0 - 2 * m), int(y1 - y0 - 2 * m)), stops, angle=70)
        smask = Image.new("L", scr.size, 0)
        ImageDraw.Draw(smask).rounded_rectangle([0, 0, scr.size[0] - 1, scr.size[1] - 1],
                                                radius=max(rad - 12, 6) * SS, fill=255)
        img.paste(scr, (int(x0 + m), int(y0 + m)), smask)
    d = ImageDraw.Draw(img)
    # foldable e-paper: crease line and abstract paragraph bars on the big device
    x0, y0 = w * 0.35, h * 0.14
    dw, dh = w * 0.38, h * 0.7
    d.line([(x0 + dw / 2, y0 + 10 * SS), (x0 + dw / 2, y0 + dh - 10 * SS)], fill=rgba("#adb5bd"), width=3 * SS)
    for side in (0, 1):
        bx = x0 + dw * (0.07 + side * 0.5)
        yy = y0 + dh * 0.1
        while yy < y0 + dh * 0.88:
            ln = dw * rnd.uniform(0.22, 0.38)
            d.rounded_rectangle([bx, yy, bx + ln, yy + 7 * SS], radius=3 * SS, fill=rgba("#9a8c98", 170))
            yy += rnd.choice([24, 24, 24, 48]) * SS
    # colour swatch circles on the tablet (colour e-paper)
    for k, col in enumerate(["#e76f51", "#f4a261", "#2a9d8f", "#264653"]):
        cx = x0 + dw * (0.6 + k * 0.08)
        cy = y0 + dh * 0.78
        d.ellipse([cx - 16 * SS, cy - 16 * SS, cx + 16 * SS, cy + 16 * SS], fill=rgba(col, 210))
    # phone wave on the small device
    x0, y0, dw, dh = w * 0.78, h * 0.34, w * 0.13, h * 0.46
    pts = [(x0 + dw * 0.15 + i * dw * 0.007, y0 + dh * 0.5 + dh * 0.08 * math.sin(i / 8)) for i in range(101)]
    d.line(pts, fill=rgba("#ffffff", 220), width=5 * SS)
    return img


def regulation_pillars(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#e9edf5"), (1, "#c9d3e3")]).convert("RGBA")
    img.alpha_composite(radial_glow(size, (w * 0.5, h * 0.35), int(h * 0.9), "#ffffff", 200))
    d = ImageDraw.Draw(img)
    base_y = h * 0.86
    left, right = w * 0.2, w * 0.8
    # steps
    for k in range(3):
        d.rectangle([left - (3 - k) * 24 * SS, base_y + k * 14 * SS - 42 * SS + 42 * SS,
                     right + (3 - k) * 24 * SS, base_y + (k + 1) * 14 * SS], fill=rgba(["#8d99ae", "#9aa6bb", "#aab4c8"][k]))
    # columns
    n = 6
    colw = (right - left) / (n * 1.6)
    top_y = h * 0.38
    for i in range(n):
        x0 = left + i * (right - left - colw) / (n - 1)
        d.rectangle([x0, top_y, x0 + colw, base_y], fill=rgba("#f8f9fa"))
        for f in range(1, 4):
            fx = x0 + colw * f / 4
            d.line([(fx, top_y + 10 * SS), (fx, base_y - 10 * SS)], fill=rgba("#ced4da"), width=3 * SS)
        d.rectangle([x0 - 10 * SS, top_y - 16 * SS, x0 + colw + 10 * SS, top_y], fill=rgba("#dee2e6"))
        d.rectangle([x0 - 10 * SS, base_y - 14 * SS, x0 + colw + 10 * SS, base_y], fill=rgba("#dee2e6"))
    # architrave and pediment
    d.rectangle([left - 40 * SS, top_y - 60 * SS, right + 40 * SS, top_y - 16 * SS], fill=rgba("#adb5bd"))
    d.polygon([(left - 60 * SS, top_y - 60 * SS), (w * 0.5, h * 0.12), (right + 60 * SS, top_y - 60 * SS)],
              fill=rgba("#4a5a7a"))
    d.polygon([(left, top_y - 74 * SS), (w * 0.5, h * 0.17), (right, top_y - 74 * SS)], fill=rgba("#5f6f94"))
    # balance motif inside the pediment
    cx, cy = w * 0.5, h * 0.215
    d.line([(cx - w * 0.08, cy), (cx + w * 0.08, cy)], fill=rgba("#ffd166"), width=5 * SS)
    d.line([(cx, cy - 18 * SS), (cx, cy + 40 * SS)], fill=rgba("#ffd166"), width=5 * SS)
    for sx in (cx - w * 0.08, cx + w * 0.08):
        d.line([(sx, cy), (sx - 20 * SS, cy + 36 * SS)], fill=rgba("#ffd166"), width=3 * SS)
        d.line([(sx, cy), (sx + 20 * SS, cy + 36 * SS)], fill=rgba("#ffd166"), width=3 * SS)
        d.chord([sx - 26 * SS, cy + 20 * SS, sx + 26 * SS, cy + 52 * SS], 0, 180, fill=rgba("#ffd166"))
    # digital motif: small nodes across the sky
    for _ in range(24):
        x = rnd.uniform(0, w)
        y = rnd.uniform(0, h * 0.3)
        if left - 80 * SS < x < right + 80 * SS and y > h * 0.1:
            continue
        d.rectangle([x, y, x + 10 * SS, y + 10 * SS], fill=rgba("#7b8cde", 120))
    return img


def market_chart(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#0d1b2a"), (1, "#1b263b")]).convert("RGBA")
    d = ImageDraw.Draw(img)
    for k in range(1, 10):
        y = h * k / 10
        d.line([(0, y), (w, y)], fill=rgba("#415a77", 110), width=1 * SS)
    for k in range(1, 16):
        x = w * k / 16
        d.line([(x, 0), (x, h)], fill=rgba("#415a77", 60), width=1 * SS)
    n = 22
    bw = w / (n * 1.5)
    level = 0.35
    pts = []
    for i in range(n):
        level = min(0.85, max(0.15, level + rnd.uniform(-0.05, 0.09)))
        x0 = w * 0.04 + i * (w * 0.92) / n
        bh = h * 0.5 * rnd.uniform(0.25, 0.9)
        col = mix("#3a86ff", "#00f5d4", i / n)
        d.rectangle([x0, h - bh, x0 + bw, h], fill=(*col, 150))
        pts.append((x0 + bw / 2, h * (1 - level)))
    glow = new_layer(size)
    ImageDraw.Draw(glow).line(pts, fill=rgba("#ffbe0b"), width=18 * SS, joint="curve")
    img.alpha_composite(blurred(glow, 22))
    area = new_layer(size)
    ImageDraw.Draw(area).polygon(pts + [(pts[-1][0], h), (pts[0][0], h)], fill=rgba("#ffbe0b", 40))
    img.alpha_composite(area)
    d = ImageDraw.Draw(img)
    d.line(pts, fill=rgba("#ffbe0b"), width=6 * SS, joint="curve")
    for (x, y) in pts[::3] + [pts[-1]]:
        d.ellipse([x - 10 * SS, y - 10 * SS, x + 10 * SS, y + 10 * SS], fill=rgba("#fb5607"))
        d.ellipse([x - 4 * SS, y - 4 * SS, x + 4 * SS, y + 4 * SS], fill=rgba("#ffffff"))
    return img


def energy_grid(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#22223b"), (0.5, "#9a4c95"), (0.85, "#f28f3b"), (1, "#ffd6a5")]).convert("RGBA")
    img.alpha_composite(radial_glow(size, (w * 0.2, h * 0.85), int(h * 0.7), "#ffd166", 160))
    d = ImageDraw.Draw(img)
    ground = h * 0.88
    d.rectangle([0, ground, w, h], fill=rgba("#1a1423"))
    towers = [(0.1, 0.62), (0.36, 0.55), (0.62, 0.5), (0.88, 0.46)]
    tops = []
    for (tx, th) in towers:
        x = w * tx
        top = ground - h * th
        bw = h * 0.07
        col = rgba("#1a1423")
        lw = 5 * SS
        d.line([(x - bw, ground), (x - bw * 0.15, top)], fill=col, width=lw)
        d.line([(x + bw, ground), (x + bw * 0.15, top)], fill=col, width=lw)
        segs = 6
        for s in range(segs):
            t0 = s / segs
            t1 = (s + 1) / segs
            yl0 = ground - (ground - top) * t0
            yl1 = ground - (ground - top) * t1
            hw0 = bw - (bw * 0.85) * t0
            hw1 = bw - (bw * 0.85) * t1
            d.line([(x - hw0, yl0), (x + hw1, yl1)], fill=col, width=3 * SS)
            d.line([(x + hw0, yl0), (x - hw1, yl1)], fill=col, width=3 * SS)
        arms = []
        for k, frac in enumerate((0.0, 0.18)):
            ay = top + (ground - top) * frac
            aw = h * (0.12 - k * 0.02)
            d.line([(x - aw, ay), (x + aw, ay)], fill=col, width=lw)
            arms.append(((x - aw, ay + 10 * SS), (x + aw, ay + 10 * SS)))
        tops.append(arms)
    wires = new_layer(size)
    wd = ImageDraw.Draw(wires)
    for a, b in zip(tops, tops[1:]):
        for k in range(2):
            for side in range(2):
                p0, p1 = a[k][side], b[k][side]
                pts = []
                for i in range(41):
                    t = i / 40
                    x = p0[0] + (p1[0] - p0[0]) * t
                    y = p0[1] + (p1[1] - p0[1]) * t + math.sin(math.pi * t) * h * 0.06
                    pts.append((x, y))
                wd.line(pts, fill=rgba("#ffe8d6", 200), width=2 * SS)
    img.alpha_composite(blurred(wires, 3))
    img.alpha_composite(wires)
    # sparkles along the wires
    for _ in range(30):
        x, y = rnd.uniform(w * 0.12, w * 0.86), rnd.uniform(h * 0.3, h * 0.55)
        img.alpha_composite(radial_glow(size, (x, y), int(rnd.uniform(8, 20) * SS), "#fff3b0", 160))
    return img


def data_center(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#020c1b"), (1, "#0a2540")]).convert("RGBA")
    vx, vy = w * 0.5, h * 0.42
    d = ImageDraw.Draw(img)
    # floor lines towards vanishing point
    floor = new_layer(size)
    fd = ImageDraw.Draw(floor)
    for i in range(-10, 11):
        fd.line([(vx, vy), (vx + i * w * 0.12, h)], fill=rgba("#1f6feb", 70), width=2 * SS)
    img.alpha_composite(floor)
    # racks on both sides, receding
    leds = new_layer(size)
    ld = ImageDraw.Draw(leds)
    for side in (-1, 1):
        for k in range(7):
            t = 1 - k / 7.5
            near = 0.95 * t
            x_outer = vx + side * w * 0.5 * near
            x_inner = vx + side * w * 0.5 * (near - 0.09 * t)
            top = vy - h * 0.55 * near
            bottom = vy + h * 0.55 * near
            xs = sorted([x_outer, x_inner])
            shade = mix("#102a43", "#243b53", k / 7)
            d.rectangle([xs[0], top, xs[1], bottom], fill=(*shade, 255))
            d.rectangle([xs[0], top, xs[1], bottom], outline=rgba("#334e68"), width=2 * SS)
            rows = 14
            for r in range(rows):
                ry = top + (bottom - top) * (r + 0.5) / rows
                for c in range(3):
                    if rnd.random() < 0.55:
                        cx = xs[0] + (xs[1] - xs[0]) * (0.25 + c * 0.25)
                        rr = max(2, 5 * near) * SS
                        col = rnd.choice(["#3fb950", "#58a6ff", "#3fb950", "#f0883e"])
                        ld.ellipse([cx - rr, ry - rr, cx + rr, ry + rr], fill=rgba(col))
    img.alpha_composite(blurred(leds, 6))
    img.alpha_composite(leds)
    img.alpha_composite(radial_glow(size, (vx, vy), int(h * 0.35), "#58a6ff", 120))
    return img


def ai_lab_network(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#10002b"), (0.6, "#240046"), (1, "#3c096c")], angle=120).convert("RGBA")
    img.alpha_composite(radial_glow(size, (w * 0.62, h * 0.45), int(h * 0.8), "#7b2cbf", 150))
    nodes = []
    for _ in range(70):
        # cluster nodes loosely into a few groups
        gx, gy = rnd.choice([(0.3, 0.4), (0.62, 0.55), (0.8, 0.3), (0.45, 0.75)])
        nodes.append((w * min(0.97, max(0.03, rnd.gauss(gx, 0.13))),
                      h * min(0.95, max(0.05, rnd.gauss(gy, 0.16)))))
    edges = new_layer(size)
    ed = ImageDraw.Draw(edges)
    for i, (x, y) in enumerate(nodes):
        dist = sorted(((math.hypot(x - a, y - b), j) for j, (a, b) in enumerate(nodes) if j != i))
        for dd, j in dist[:3]:
            ed.line([(x, y), nodes[j]], fill=rgba("#c77dff", 120), width=2 * SS)
    img.alpha_composite(blurred(edges, 5))
    img.alpha_composite(edges)
    d = ImageDraw.Draw(img)
    for (x, y) in nodes:
        r = rnd.choice([4, 5, 6, 8, 12]) * SS
        col = rnd.choice(["#e0aaff", "#72efdd", "#ffffff", "#ffd6ff"])
        if r >= 8 * SS:
            img.alpha_composite(radial_glow(size, (x, y), int(r * 4), col, 150))
        d.ellipse([x - r, y - r, x + r, y + r], fill=rgba(col))
    return img


def robot_arm(size, rnd):
    w, h = size
    img = gradient(size, [(0, "#edf2fb"), (0.7, "#d7e3fc"), (1, "#abc4ff")], angle=100).convert("RGBA")
    d = ImageDraw.Draw(img)
    # floor grid
    for k in range(12):
        y = h * 0.78 + (h * 0.22) * (k / 11) ** 1.6
        d.line([(0, y), (w, y)], fill=rgba("#8da9e4", 110), width=2 * SS)
    for i in range(-12, 13):
        d.line([(w * 0.5 + i * w * 0.02, h * 0.78), (w * 0.5 + i * w * 0.12, h)], fill=rgba("#8da9e4", 80), width=2 * SS)
    # conveyor and parts
    d.rounded_rectangle([w * 0.52, h * 0.66, w * 0.98, h * 0.76], radius=20 * SS, fill=rgba("#3d405b"))
    for k in range(7):
        cx = w * (0.55 + k * 0.06)
        d.ellipse([cx - 12 * SS, h * 0.69, cx + 12 * SS, h * 0.73], fill=rgba("#81b29a"))
    for k, col in enumerate(["#e07a5f", "#f2cc8f", "#e07a5f"]):
        x0 = w * (0.62 + k * 0.11)
        d.rounded_rectangle([x0, h * 0.58, x0 + w * 0.06, h * 0.66], radius=8 * SS, fill=rgba(col))
    # arm
    base = (w * 0.3, h * 0.8)
    j1 = (w * 0.3, h * 0.58)
    j2 = (w * 0.46, h * 0.3)
    j3 = (w * 0.66, h * 0.4)
    tip = (w * 0.68, h * 0.52)
    sh = new_layer(size)
    ImageDraw.Draw(sh).ellipse([base[0] - w * 0.12, base[1] - 14 * SS, base[0] + w * 0.12, base[1] + 30 * SS],
                               fill=(30, 40, 80, 90))
    img.alpha_composite(blurred(sh, 16))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([base[0] - w * 0.08, base[1] - h * 0.06, base[0] + w * 0.08, base[1]],
                        radius=16 * SS, fill=rgba("#3d405b"))
    for (a, b, wd, col) in [(base, j1, 70, "#ffb703"), (j1, j2, 60, "#fb8500"), (j2, j3, 48, "#ffb703"),
                            (j3, tip, 32, "#fb8500")]:
        d.line([a, b], fill=rgba(col), width=wd * SS)
        for p in (a, b):
            r = wd * SS / 2
            d.ellipse([p[0] - r, p[1] - r, p[0] + r, p[1] + r], fill=rgba(col))
    for p, r in [(j1, 46), (j2, 40), (j3, 32)]:
        d.ellipse([p[0] - r * SS, p[1] - r * SS, p[0] + r * SS, p[1] + r * SS], fill=rgba("#023047"))
        d.ellipse([p[0] - r * 0.45 * SS, p[1] - r * 0.45 * SS, p[0] + r * 0.45 * SS, p[1] + r * 0.45 * SS],
                  fill=rgba("#8ecae6"))
    # gripper
    gx, gy = tip
    d.line([(gx - 30 * SS, gy + 10 * SS), (gx - 30 * SS, gy + 60 * SS)], fill=rgba("#023047"), width=12 * SS)
    d.line([(gx + 30 * SS, gy + 10 * SS), (gx + 30 * SS, gy + 60 * SS)], fill=rgba("#023047"), width=12 * SS)
    d.line([(gx - 34 * SS, gy + 10 * SS), (gx + 34 * SS, gy + 10 * SS)], fill=rgba("#023047"), width=12 * SS)
    # "imagined" ghost trajectory of the next move
    for i in range(18):
        t = i / 17
        x = gx + (w * 0.8 - gx) * t
        y = gy + 40 * SS - math.sin(math.pi * t) * h * 0.16
        r = 5 * SS
        d.ellipse([x - r, y - r, x + r, y + r], fill=rgba("#4361ee", 180))
    return img


# --------------------------------------------------------------------------

IMAGES = [
    ("world-model-grid.jpg", LANDSCAPE, world_model_grid),
    ("research-paper-portrait.jpg", PORTRAIT, research_paper_portrait),
    ("merger-skyline.jpg", LANDSCAPE, merger_skyline),
    ("semiconductor-wafer.jpg", LANDSCAPE, semiconductor_wafer),
    ("shipping-containers.jpg", LANDSCAPE, shipping_containers),
    ("ocean-route.jpg", LANDSCAPE, ocean_route),
    ("climate-policy.jpg", LANDSCAPE, climate_policy),
    ("rocket-launch-portrait.jpg", PORTRAIT, rocket_launch_portrait),
    ("orbit-rings.jpg", LANDSCAPE, orbit_rings),
    ("biotech-helix.jpg", LANDSCAPE, biotech_helix),
    ("molecule-lattice.jpg", LANDSCAPE, molecule_lattice),
    ("consumer-devices.jpg", LANDSCAPE, consumer_devices),
    ("regulation-pillars.jpg", LANDSCAPE, regulation_pillars),
    ("market-chart.jpg", LANDSCAPE, market_chart),
    ("energy-grid.jpg", LANDSCAPE, energy_grid),
    ("data-center.jpg", LANDSCAPE, data_center),
    ("ai-lab-network.jpg", LANDSCAPE, ai_lab_network),
    ("robot-arm.jpg", LANDSCAPE, robot_arm),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for index, (name, size, fn) in enumerate(IMAGES):
        rnd = random.Random(SEED + index * 7919)
        big = (size[0] * SS, size[1] * SS)
        img = finish(fn(big, rnd), size)
        n = save(img, args.out / name)
        total += n
        print(f"{name:32s} {size[0]}x{size[1]}  {n / 1024:6.1f} KB")
    print(f"{len(IMAGES)} images, {total / 1024:.0f} KB total -> {args.out}")


if __name__ == "__main__":
    main()
