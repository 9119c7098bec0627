#!/usr/bin/env python
"""Search benchmark: 10,000 generated articles, on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/search.py [--articles 10000] [--runs 200] [--report bench/reports/search.md]

For each database it creates a scratch database, generates the articles
(Japanese bodies from a fixed vocabulary, English originals), builds the
search index, then times GET /search/?q=… in-process (query + ranking +
page render) for 2-, 3- and 6-character Japanese queries and an English
word, reporting p50 and p99. PostgreSQL is skipped with a note when it
does not answer on DATABASE_URL_POSTGRES (default postgres://postgres@127.0.0.1:5432/newsdesk_bench).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KANJI = "経済政策市場企業技術研究開発電力資源物流港湾気候排出規制予算投資株価需要供給労働交渉合意宇宙衛星医療遺伝治療試験計算機械学習通信半導体製造輸送"
PARTICLES = ["は", "が", "を", "に", "と", "の", "で", "も"]
ENDINGS = ["した。", "する見通しだ。", "と述べた。", "を明らかにした。", "が続いている。"]
ENGLISH = ["market", "policy", "research", "satellite", "regulation", "energy", "robot", "chip", "trade", "labor",
           "budget", "climate", "shipping", "launch", "trial", "network", "factory", "supply", "demand", "model"]
# The words searched for, and the share of articles that contain each: rare, common and very rare.
PLANTED = {"買収": 0.05, "半導体": 0.20, "人工知能の規制": 0.01}
PLANTED_ENGLISH = {"merger": 0.05}
QUERIES = {
    "2-char Japanese (買収, in ~5%)": "買収",
    "3-char Japanese (半導体, in ~20%)": "半導体",
    "6-char Japanese (人工知能の規, in ~1%)": "人工知能の規",
    "English word (merger, in ~5%)": "merger",
}


def vocabulary(rnd: random.Random, size: int = 3000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rnd.choice(KANJI) for _ in range(rnd.choice((2, 2, 3, 4)))))
    return sorted(w for w in words if not any(p in w for p in PLANTED))


def sentence(rnd: random.Random, words: list[str]) -> str:
    parts = [rnd.choice(words) + rnd.choice(PARTICLES) for _ in range(rnd.randint(3, 6))]
    return "".join(parts) + rnd.choice(ENDINGS)


def generate(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    words = vocabulary(rnd)
    articles = []
    for i in range(n):
        paragraphs = ["".join(sentence(rnd, words) for _ in range(4)) for _ in range(6)]
        for word, share in PLANTED.items():
            if rnd.random() < share:
                k = rnd.randrange(len(paragraphs))
                paragraphs[k] = paragraphs[k].replace("。", f"。{word}が話題になった。", 1)
        original = [rnd.choice(ENGLISH + ["the", "a", "of", "and", "in"]) for _ in range(300)]
        for word, share in PLANTED_ENGLISH.items():
            if rnd.random() < share:
                original[rnd.randrange(len(original))] = word
        articles.append({
            "title": f"{rnd.choice(words)}{rnd.choice(PARTICLES)}{rnd.choice(words)}、{rnd.choice(words)}を発表 {i}",
            "lead": sentence(rnd, words) + sentence(rnd, words),
            "body": "\n\n".join(paragraphs),
            "original_title": " ".join(rnd.choice(ENGLISH) for _ in range(6)).capitalize(),
            "original_body": " ".join(original),
            "key_points": [(rnd.choice(words) + "の" + rnd.choice(words), sentence(rnd, words)) for _ in range(4)],
        })
    return articles


def run_one(database_url: str, n: int, runs: int) -> dict:
    """Runs in a child process (one Django setup per database)."""
    os.environ.update({
        "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        # No page cache: every request runs the search and renders the page.
        "CACHE_URL": "dummycache://",
    })
    import django

    django.setup()
    from datetime import datetime, timedelta, timezone

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Article, Category, KeyPoint, Source
    from search.documents import rebuild
    from search.queries import matching

    call_command("migrate", verbosity=0)
    Article.objects.all().delete()
    source = Source.objects.get_or_create(name="Bench Wire")[0]
    category = Category.objects.get_or_create(name="ベンチ")[0]
    started = time.perf_counter()
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    data = generate(n)
    objs = [
        Article(
            title=a["title"], slug=f"bench-{i}", lead=a["lead"], body=a["body"], original_title=a["original_title"],
            original_body=a["original_body"], original_url=f"https://bench.example/{i}", source=source,
            category=category, status=Article.Status.PUBLISHED, published_at=base + timedelta(minutes=i),
        )
        for i, a in enumerate(data)
    ]
    Article.objects.bulk_create(objs, batch_size=1000)
    ids = dict(Article.objects.values_list("slug", "id"))
    KeyPoint.objects.bulk_create(
        [KeyPoint(article_id=ids[f"bench-{i}"], position=p, heading=h, body=b)
         for i, a in enumerate(data) for p, (h, b) in enumerate(a["key_points"], start=1)],
        batch_size=2000,
    )
    rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    setup_seconds = time.perf_counter() - started

    client = Client()
    results = {}
    for label, query in QUERIES.items():
        client.get("/search/", {"q": query})  # warm up
        timings = []
        for _ in range(runs):
            t0 = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        hits = matching(Article.objects.published(), query).count()
        timings.sort()
        results[label] = {
            "hits": hits,
            "p50": statistics.median(timings),
            "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
        }
    return {"vendor": connection.vendor, "setup_seconds": setup_seconds, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--report", default=str(ROOT / "bench" / "reports" / "search.md"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.articles, args.runs)))
        return

    work = Path(tempfile.mkdtemp(prefix="newsdesk-search-bench-"))
    targets = {
        "SQLite": f"sqlite:///{work / 'search.sqlite3'}",
        "PostgreSQL": os.environ.get("DATABASE_URL_POSTGRES", "postgres://postgres@127.0.0.1:5432/newsdesk_bench"),
    }
    if not _postgres_ready(targets["PostgreSQL"]):
        targets.pop("PostgreSQL")
        print("PostgreSQL is not answering; measuring SQLite only.")
    lines = [
        "# Search benchmark", "",
        f"{args.articles:,} generated articles (6 paragraphs of Japanese each, 4 key points, an English original); "
        f"{args.runs} requests per query to GET /search/?q=… in-process with the page cache off "
        "(query, ranking, count, first page of 20 rendered with snippets). "
        f"Machine: {os.cpu_count()} cores.", "",
        "| database | query | matching articles | p50 | p99 |", "|---|---|---|---|---|",
    ]
    for name, url in targets.items():
        print(f"{name}: generating and indexing {args.articles:,} articles …", flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--child", url, "--articles", str(args.articles), "--runs", str(args.runs)],
            capture_output=True, text=True, cwd=ROOT, timeout=1800,
        )
        if out.returncode != 0:
            print(out.stderr[-3000:])
            raise SystemExit(f"{name} run failed")
        data = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  set up in {data['setup_seconds']:.0f} s")
        for label, r in data["results"].items():
            lines.append(f"| {name} | {label} | {r['hits']:,} | {r['p50']:.1f} ms | {r['p99']:.1f} ms |")
    report = "\n".join(lines) + "\n"
    print(report)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(report, encoding="utf-8")
    print(f"report written to {args.report}")


def _postgres_ready(url: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    from urllib.parse import urlparse

    parsed = urlparse(url)
    try:
        with psycopg.connect(host=parsed.hostname, port=parsed.port or 5432, user=parsed.username or "postgres",
                             dbname="postgres", autocommit=True, connect_timeout=3) as conn:
            name = parsed.path.lstrip("/")
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.Error:
        return False


if __name__ == "__main__":
    main()
