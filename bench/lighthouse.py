#!/usr/bin/env python
"""Lighthouse benchmark: the reader pages' scores on a phone and on a desktop, as deployed.

Run: .venv/bin/python bench/lighthouse.py [--stories DIR] [--runs 3] [--report bench/reports/lighthouse.md]
                                          [--lighthouse PATH]

1. A copy of a site: the demo stories imported into a scratch SQLite
   database, or (--stories) a database loaded by the serving benchmark
   (`bench/serve.py --data DIR --load-only`: its `sqlite-1000` folder, a
   thousand real stories with their figures). Readers' views are recorded
   through the beacon's counting (ranking/counting.py) for the thirty
   newest stories, so the rankings are full, as on a live site.
2. gunicorn with the production settings (deploy/gunicorn.conf.py, DEBUG off,
   plain HTTP on loopback), serving the pages and their static files.
3. Lighthouse (Chromium at /usr/bin/chromium, headless) on the front page,
   the newest story's page and /latest/, `--runs` times each with its
   mobile settings (a mid-range phone, 4× slower CPU, slow 4G, simulated)
   and its desktop ones; the report gives the lowest score of the runs per
   category and the median of the timings.

Lighthouse itself is not a Python package: PATH, else --lighthouse, else it
is installed with npm (pinned) into ~/.cache/newsdesk-lighthouse.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from processes import Processes, free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LIGHTHOUSE_VERSION = "12.2.3"
CACHE = Path.home() / ".cache" / "newsdesk-lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = (
    ("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT"),
    ("speed-index", "Speed Index"), ("cumulative-layout-shift", "CLS"),
)
VIEWED_STORIES = 30

SETUP = """
import random
from articles.models import Article
from ranking import counting
rnd = random.Random(7)
for rank, article in enumerate(Article.objects.published().order_by("-published_at")[:{viewed}], start=1):
    for n in range(rnd.randint(1, 40) * 30 // rank):
        counting.record_view(article_id=article.pk, view_id=f"lighthouse-{{article.pk}}-{{n:06d}}", user_agent="Mozilla/5.0")
counting.count_views()
newest = Article.objects.published().order_by("-published_at").first()
print(newest.get_absolute_url())
"""


def lighthouse_command(given: str | None) -> list[str]:
    if given:
        return [given]
    found = shutil.which("lighthouse")
    if found:
        return [found]
    installed = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not installed.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse {LIGHTHOUSE_VERSION} with npm into {CACHE} …", flush=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "-E",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], cwd=CACHE, check=True)
    return [str(installed)]


def site_env(work: Path, stories: Path | None) -> dict:
    database, media = work / "newsdesk.sqlite3", work / "media"
    if stories:
        shutil.copy2(stories / "newsdesk.sqlite3", database)
        shutil.copytree(stories / "media", media)
    env = {
        **os.environ, "DJANGO_ENV": "production", "DJANGO_HTTPS": "false", "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.urandom(32).hex(), "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_MEDIA_ROOT": str(media), "DJANGO_STATIC_ROOT": str(work / "static"), "GUNICORN_WORKERS": "1",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    for name in ("CACHE_URL", "CELERY_BROKER_URL", "NEWSDESK_PURGE_URLS"):
        env.pop(name, None)
    return env


def prepare(env: dict, stories: Path | None) -> str:
    """The site's database ready (migrated, the stories in, views counted); the newest story's path."""
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    if not stories:
        subprocess.run([*manage, "import_articles", "demo/demo.json"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    done = subprocess.run([*manage, "shell", "-c", SETUP.format(viewed=VIEWED_STORIES)], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def audit(command: list[str], url: str, form_factor: str, out: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
            "--disable-component-update --disable-sync --no-first-run"
    args = [*command, url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}"]
    args.append("--preset=desktop" if form_factor == "desktop" else "--form-factor=mobile")
    subprocess.run(args, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    result = json.loads(out.read_text())
    return {
        "scores": {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES},
        "timings": {key: result["audits"][key]["numericValue"] for key, _ in TIMINGS},
        "failing": sorted(
            audit["title"] for audit in result["audits"].values()
            if audit.get("score") is not None and audit["score"] < 1
            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        ),
        "bytes": result["audits"]["total-byte-weight"]["numericValue"],
    }


def commit() -> str:
    def git(*args):
        return subprocess.run(["git", "-C", str(ROOT), *args], check=False, capture_output=True, text=True).stdout.strip()
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"`{git('rev-parse', '--short=12', 'HEAD')}` \"{git('log', '-1', '--format=%s')[:100]}\"{dirty}"


def write_report(path: Path, results: dict, args, load: tuple[float, float], began: datetime.datetime) -> None:
    source = f"the serving benchmark's stories in `{args.stories}`" if args.stories else "the demo stories"
    lines = [
        "# Lighthouse", "",
        f"Written by `bench/lighthouse.py` at {began:%Y-%m-%d %H:%M} (UTC): Lighthouse {LIGHTHOUSE_VERSION}, "
        f"Chromium headless, {args.runs} run{'s' if args.runs != 1 else ''} per page and device, on {source} "
        "served by gunicorn with the "
        f"production settings (1 worker, SQLite, plain HTTP on loopback), views counted for the {VIEWED_STORIES} "
        "newest stories so the rankings are full.", "",
        f"- **Commit measured:** {commit()}.",
        f"- **Load average** (1 minute) when the run began and ended: {load[0]:.2f} and {load[1]:.2f} "
        f"({os.cpu_count()} cores). Lighthouse's mobile score simulates a slower phone from what it measures "
        "here, so a busy machine lowers it.", "",
        "Scores: the lowest of the runs. Timings: the median (FCP, LCP, Speed Index as Lighthouse simulates "
        "them; TBT in ms; CLS unitless). Bytes: everything the page downloaded, median.", "",
        "| page | device | performance | accessibility | best practices | SEO | "
        + " | ".join(label for _, label in TIMINGS) + " | bytes |",
        "|---|---|" + "---|" * (4 + len(TIMINGS) + 1),
    ]
    failing = {}
    for (page, device), runs in results.items():
        lowest = {c: min(r["scores"][c] for r in runs) for c in CATEGORIES}
        timings = {key: statistics.median(r["timings"][key] for r in runs) for key, _ in TIMINGS}
        cells = [str(lowest[c]) for c in CATEGORIES]
        cells += [f"{timings[key]:.3f}" if key == "cumulative-layout-shift" else f"{timings[key]:.0f} ms"
                  for key, _ in TIMINGS]
        cells.append(f"{statistics.median(r['bytes'] for r in runs) / 1024:.0f} KB")
        lines.append(f"| {page} | {device} | " + " | ".join(cells) + " |")
        for run in runs:
            for title in run["failing"]:
                failing.setdefault(title, set()).add(f"{page} ({device})")
    lines += ["", "## Audits not passed in some run", "",
              "gunicorn answers here without nginx, which compresses text and gives static files and media their "
              "long cache lifetimes in deployment (deploy/nginx.conf): audits of those two are expected below.", ""]
    lines += [f"- {title}: {', '.join(sorted(where))}" for title, where in sorted(failing.items())] or ["None."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, help="a folder bench/serve.py --data loaded (its sqlite-1000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lighthouse", help="the lighthouse command (default: on PATH, else installed with npm)")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "reports" / "lighthouse.md")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    command = lighthouse_command(args.lighthouse)
    began, load_start = datetime.datetime.now(datetime.UTC), os.getloadavg()[0]
    processes = Processes()
    with tempfile.TemporaryDirectory(prefix="newsdesk-lighthouse-") as folder:
        work = Path(folder)
        env = site_env(work, args.stories)
        story = prepare(env, args.stories)
        port = free_port()
        gunicorn = processes.start("gunicorn", [PYTHON, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
                                   env={**env, "PORT": str(port)}, cwd=ROOT, log=work / "gunicorn.log")
        try:
            wait_for_port(port, gunicorn)
            base = f"http://127.0.0.1:{port}"
            pages = {"front page": "/", "article": quote(story, safe="/"), "latest": "/latest/"}
            results = {}
            for page, path in pages.items():
                for device in ("mobile", "desktop"):
                    runs = []
                    for n in range(args.runs):
                        runs.append(audit(command, base + path, device, work / f"{device}-{len(results)}-{n}.json"))
                        print(f"{page}, {device}, run {n + 1}: {runs[-1]['scores']}", flush=True)
                    results[(page, device)] = runs
        finally:
            processes.stop_all()
    write_report(args.report, results, args, (load_start, os.getloadavg()[0]), began)
    print(f"report written to {args.report}")


if __name__ == "__main__":
    main()
