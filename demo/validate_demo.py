#!/usr/bin/env python
"""Check demo/demo.json against the DESIGN.md §4 format and the demo brief.

    /work/main/.venv/bin/python demo/validate_demo.py [demo/demo.json]

Exits non-zero and lists every problem if a check fails; prints a short
summary otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
FIG_RE = re.compile(r"^\[\[figure:(\d+)\]\]$")
JST = "+09:00"

problems: list[str] = []


def check(cond: bool, msg: str) -> None:
    if not cond:
        problems.append(msg)


def jlen(text: str) -> int:
    """Characters of running text: no whitespace, no Markdown markup."""
    text = re.sub(r"\[\[figure:\d+\]\]", "", text)
    text = re.sub(r"^(#+ |> |- )", "", text, flags=re.M)
    text = text.replace("**", "")
    return len(re.sub(r"\s", "", text))


def cjk_len(text: str) -> int:
    """Japanese characters only (kana, kanji, full-width punctuation)."""
    return len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", text))


def blocks(md: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", md.strip()) if b.strip()]


def kind(block: str) -> str:
    if block.startswith("## "):
        return "h2"
    if block.startswith("> "):
        return "quote"
    if block.startswith("- "):
        return "list"
    return "p"


def parse_dt(s: str, where: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(s)
    except (TypeError, ValueError):
        problems.append(f"{where}: bad datetime {s!r}")
        return None
    check(dt.tzinfo is not None, f"{where}: datetime without offset")
    return dt


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "demo.json"
    raw = path.read_bytes()
    raw.decode("utf-8")
    data = json.loads(raw)
    check(list(data) == ["articles"], "top level must be {'articles': [...]}")
    arts = data["articles"]
    check(len(arts) >= 14, f"only {len(arts)} articles")
    # Formatting: ensure_ascii=False, 2-space indent.
    check(raw.decode("utf-8") == json.dumps(data, ensure_ascii=False, indent=2) + "\n",
          "file is not json.dumps(..., ensure_ascii=False, indent=2)")

    required = ["status", "published_at", "category", "tags", "title", "lead", "body", "key_points",
                "impact_analysis", "editorial_comment", "original", "figures", "related"]
    urls = [a["original"]["url"] for a in arts]
    check(len(set(urls)) == len(urls), "original URLs are not unique")
    url_index = {u: i for i, u in enumerate(urls)}

    statuses = Counter(a["status"] for a in arts)
    pub_days = Counter()
    empty_analysis = 0
    with_figures = 0
    unplaced = 0
    with_placement = 0
    videos = 0
    forward_related = 0
    used_images = set()
    tag_counts = Counter()
    all_pub_bodies = ""
    body_lens = []

    for i, a in enumerate(arts):
        where = f"article {i + 1} ({a['original']['url'].split('/')[-1]})"
        for f in required:
            check(f in a, f"{where}: missing {f}")
        check(a["status"] in {"draft", "review", "scheduled", "published"}, f"{where}: bad status")
        if a["status"] == "published":
            dt = parse_dt(a["published_at"], f"{where} published_at")
            check(a["published_at"].endswith(JST), f"{where}: published_at not in JST")
            if dt:
                pub_days[dt.date().isoformat()] += 1
            all_pub_bodies += a["body"]
        else:
            check(a["published_at"] is None, f"{where}: unpublished article has published_at")

        check(2 <= len(a["tags"]) <= 4, f"{where}: {len(a['tags'])} tags")
        check(len(set(a["tags"])) == len(a["tags"]), f"{where}: duplicate tags")
        tag_counts.update(a["tags"])

        ll = jlen(a["lead"])
        check(80 <= ll <= 150, f"{where}: lead length {ll}")
        check("\n" not in a["lead"], f"{where}: lead has several paragraphs")

        bl, cl = jlen(a["body"]), cjk_len(a["body"])
        body_lens.append(bl)
        check(800 <= bl <= 2500, f"{where}: body length {bl}")
        check(800 <= cl <= 2500, f"{where}: body has {cl} Japanese characters")

        kps = a["key_points"]
        check(3 <= len(kps) <= 6, f"{where}: {len(kps)} key points")
        for k, kp in enumerate(kps):
            hl, bdl = jlen(kp["heading"]), jlen(kp["body"])
            check(8 <= hl <= 25, f"{where}: key point {k + 1} heading length {hl}")
            check(55 <= bdl <= 125, f"{where}: key point {k + 1} body length {bdl}")

        if a["status"] == "published" and not a["impact_analysis"] and not a["editorial_comment"]:
            empty_analysis += 1
        elif not (a["impact_analysis"] and a["editorial_comment"]):
            problems.append(f"{where}: only one of impact_analysis/editorial_comment is empty")

        # body structure vs original
        ja_blocks = blocks(a["body"])
        placed = [int(m.group(1)) for b in ja_blocks if (m := FIG_RE.match(b))]
        ja_text = [b for b in ja_blocks if not FIG_RE.match(b)]
        orig = a["original"]
        en_blocks = blocks(orig["body"])
        check(not any(FIG_RE.match(b) for b in en_blocks), f"{where}: figure marker in original")
        check(len(ja_text) == len(en_blocks),
              f"{where}: {len(ja_text)} Japanese blocks vs {len(en_blocks)} original blocks")
        check([kind(b) for b in ja_text] == [kind(b) for b in en_blocks],
              f"{where}: block kinds differ between translation and original")
        if placed:
            with_placement += 1
        check(len(set(a["related"])) == len(a["related"]), f"{where}: duplicate related")

        # original
        for f in ["title", "body", "url", "source", "author", "published_at", "language"]:
            check(bool(orig.get(f)), f"{where}: original.{f} missing")
        check(orig["language"] in {"en", "de"}, f"{where}: original language {orig['language']}")
        check(orig["url"].startswith("https://"), f"{where}: original url")
        odt = parse_dt(orig["published_at"], f"{where} original.published_at")
        if a["status"] == "published" and odt:
            jdt = datetime.fromisoformat(a["published_at"])
            gap = jdt - odt
            check(timedelta(hours=1) <= gap <= timedelta(hours=12),
                  f"{where}: original published {gap} before the translation")

        # figures
        figs = a["figures"]
        check(len(figs) <= 2, f"{where}: {len(figs)} figures")
        if figs:
            with_figures += 1
        check(all(1 <= n <= len(figs) for n in placed), f"{where}: placement of a missing figure")
        check(len(set(placed)) == len(placed), f"{where}: figure placed twice")
        if len(placed) < len(figs):
            unplaced += 1
        for n, fig in enumerate(figs, 1):
            for f in ["image", "caption", "credit", "alt"]:
                check(bool(fig.get(f)), f"{where}: figure {n} {f} missing")
            img_path = path.parent / fig["image"]
            check(img_path.is_file(), f"{where}: figure {n} image {fig['image']} missing")
            if img_path.is_file():
                with Image.open(img_path) as im:
                    im.verify()
                check(img_path.stat().st_size <= 150 * 1024, f"{where}: {fig['image']} over 150 KB")
            used_images.add(fig["image"])
            if fig.get("video_url"):
                videos += 1
                check(fig["video_url"].startswith("https://"), f"{where}: video url")

        # related
        check(1 <= len(a["related"]) <= 3, f"{where}: {len(a['related'])} related")
        for r in a["related"]:
            check(r in url_index, f"{where}: related {r} not in file")
            check(r != orig["url"], f"{where}: related to itself")
            if url_index.get(r, -1) > i:
                forward_related += 1

    # file-level requirements
    check(len(set(a["category"] for a in arts)) >= 4, "fewer than 4 categories")
    check(statuses["draft"] == 1 and statuses["review"] == 1, f"statuses {dict(statuses)}")
    check(set(pub_days) == {"2026-11-26", "2026-11-27", "2026-11-28"}, f"publish days {dict(pub_days)}")
    check(empty_analysis == 1, f"{empty_analysis} published articles with empty analysis+comment")
    check(with_figures >= 12, f"only {with_figures} articles with figures")
    check(1 <= unplaced <= 2, f"{unplaced} articles with unplaced figures")
    check(with_placement > len(arts) / 2, f"only {with_placement} articles place a figure in the body")
    check(videos == 2, f"{videos} figures with video_url")
    check(forward_related > 0, "no related link points forward")
    check(max(body_lens) >= 1900, f"longest body only {max(body_lens)} characters")
    check(sum(1 for a in arts if "## " in a["body"]) >= len(arts) * 0.6, "too few articles with ## headings")
    check(any("**" in a["body"] for a in arts), "no emphasis")
    check(any("\n- " in "\n" + a["body"] for a in arts), "no list")
    check(any("\n> " in "\n" + a["body"] for a in arts), "no blockquote")
    check(sum(1 for a in arts if a["original"]["language"] == "de") <= 1, "more than one German original")
    for word in ["失敗", "買収", "世界モデル"]:
        check(word in all_pub_bodies, f"{word} not in any published body")
    m = re.search(r"[^\s「」]失敗[^\s」]", all_pub_bodies)
    check(m is not None, "失敗 does not occur inside a sentence")
    shared = [t for t, c in tag_counts.items() if c >= 2]
    check(len(shared) >= 6, f"only {len(shared)} shared tags")
    ascii_tags = [t for t in tag_counts if t.isascii()]
    check(ascii_tags and len(ascii_tags) < len(tag_counts), "tags are not a mix of English and Japanese")
    images_dir = path.parent / "images"
    all_images = {f"images/{p.name}" for p in images_dir.glob("*.jpg")}
    check(used_images == all_images, f"unused images: {sorted(all_images - used_images)}")

    if problems:
        print("FAILED:")
        for p in problems:
            if p:
                print("  -", p)
        return 1

    print(f"OK: {path}")
    print(f"  articles: {len(arts)}  statuses: {dict(statuses)}")
    print(f"  published per day (JST): {dict(sorted(pub_days.items()))}")
    print(f"  categories: {dict(Counter(a['category'] for a in arts))}")
    print(f"  tags: {len(tag_counts)} distinct, shared by 2+ articles: {', '.join(sorted(shared))}")
    print(f"  sources: {dict(Counter(a['original']['source'] for a in arts))}")
    print(f"  languages: {dict(Counter(a['original']['language'] for a in arts))}")
    print(f"  body length (chars): min {min(body_lens)}, max {max(body_lens)}, "
          f"mean {sum(body_lens) // len(body_lens)}")
    print(f"  figures: {sum(len(a['figures']) for a in arts)} in {with_figures} articles, "
          f"{unplaced} article(s) with an unplaced figure, {videos} with video, "
          f"{len(used_images)}/{len(all_images)} images used")
    print(f"  related links: {sum(len(a['related']) for a in arts)} ({forward_related} pointing forward)")
    print(f"  empty analysis+comment: {empty_analysis} published article(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
