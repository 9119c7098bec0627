"""Each page type rendered in-process: its SQL queries, its median time, and where the article's time goes.

Run in a process with Django set up, with nothing cached (CACHE_URL=dummycache://):

    python bench/inprocess.py MIX.tsv OUT.json [--repeat 60]

One URL per page type: the mix's first (most requested) of each type, and
for the article page a real story, the newest with corrections (five
figures, editors' picks, corrections). Each page goes through Django's
test client, the whole request handling; the queries are counted with
CaptureQueriesContext. The article page is then profiled with cProfile.
"""

import argparse
import cProfile
import io
import json
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

from editors import setup_django

# Own time of a profiled function, by where its code lives (first match wins).
CATEGORIES = [
    ("database driver (SQL run, rows fetched)", re.compile(r"sqlite3|psycopg|method 'execute'|method 'fetch")),
    ("Django ORM (SQL built, rows to objects)", re.compile(r"django/db/")),
    ("templates (Jinja2 and the compiled templates)", re.compile(r"jinja2|markupsafe")),
    ("Markdown and text", re.compile(r"markdown|articles/(rendering|text)\.py")),
    ("Django request handling, middleware, URLs", re.compile(r"django/")),
    ("the app's own code", re.compile(r"/(reader|articles|core|search|translation|images|newsdesk)/")),
]
OTHER = "Python and other libraries"
TIME_PER_PAGE = 30  # seconds: a slow page is timed fewer times (at least 5)
LINE = re.compile(r"^\s*(\d+)(?:/\d+)?\s+([\d.]+)\s+[\d.]+\s+([\d.]+)\s+[\d.]+\s+(.*)$")


def pick_urls(mix: Path) -> dict[str, str]:
    from django.utils.encoding import iri_to_uri

    from articles.models import Article

    urls: dict[str, str] = {}
    for line in mix.read_text(encoding="utf-8").splitlines():
        kind, _, path = line.split("\t", 2)
        urls.setdefault(kind, path)
    story = (Article.objects.published().filter(corrections__isnull=False).order_by("-published_at").first()
             or Article.objects.published().order_by("-published_at").first())
    urls["article"] = iri_to_uri(story.get_absolute_url())
    return urls


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):  # compiled templates, the database's pages in memory, statements prepared
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    count = len(queries)  # now: the list is read from the connection's log, which the next request empties
    times = []
    deadline = time.monotonic() + TIME_PER_PAGE
    while len(times) < repeat and (len(times) < 5 or time.monotonic() < deadline):
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return {"url": url, "status": status, "queries": count, "median_ms": statistics.median(times),
            "min_ms": min(times), "requests": len(times)}


def profile(client, url: str, requests: int = 30, top: int = 12) -> dict:
    """Own time per category and the functions with the most own time, from cProfile's printed table."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    printed = io.StringIO()
    pstats.Stats(profiler, stream=printed).sort_stats("tottime").print_stats()
    shares: dict[str, float] = {name: 0.0 for name, _ in CATEGORIES} | {OTHER: 0.0}
    functions = []
    for line in printed.getvalue().splitlines():
        match = LINE.match(line)
        if not match:
            continue
        calls, own, cumulative, where = int(match[1]), float(match[2]), float(match[3]), match[4]
        category = next((name for name, pattern in CATEGORIES if pattern.search(where)), OTHER)
        shares[category] += own
        functions.append({"where": _short(where), "calls": calls / requests, "own_ms": own / requests * 1000,
                          "cumulative_ms": cumulative / requests * 1000})
    total = sum(shares.values())
    return {"requests": requests, "ms_per_request": total / requests * 1000,
            "shares": {name: own / total * 100 for name, own in shares.items()}, "top": functions[:top]}


def _short(where: str) -> str:
    where = re.sub(r" at 0x[0-9a-f]+", "", where)
    for marker in ("site-packages/", "/lib/python3"):
        if marker in where:
            return where.split(marker, 1)[1]
    root = str(Path(__file__).resolve().parents[1]) + "/"
    return where.replace(root, "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mix", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    setup_django()
    from django.test import Client

    import newsdesk.wsgi  # noqa: F401  what gunicorn loads, with whatever it sets up

    client = Client()
    urls = pick_urls(args.mix)
    pages = {kind: measure(client, url, args.repeat) for kind, url in urls.items()}
    result = {"pages": pages, "profile": profile(client, urls["article"])}
    args.out.write_text(json.dumps(result))
    print(json.dumps({k: (v["status"], v["queries"], round(v["median_ms"], 2)) for k, v in pages.items()}),
          file=sys.stderr)


if __name__ == "__main__":
    main()
