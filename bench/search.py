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

WORDS = [
    "半導体", "買収", "世界モデル", "港湾", "物流", "規制", "研究所", "人工知能", "電力", "市場", "投資家",
    "失敗", "成功", "発表", "計画", "企業", "政府", "予算", "技術", "開発", "衛星", "打ち上げ", "遺伝子",
    "治療", "試験", "気候", "排出", "課金", "自動化", "労働組合", "交渉", "合意", "株価", "見通し", "需要",
]
PARTICLES = ["は", "が", "を", "に", "と", "の", "で", "も"]
ENDINGS = ["した。", "する見通しだ。", "と述べた。", "を明らかにした。", "が続いている。"]
ENGLISH = ["market", "merger", "failure", "research", "satellite", "regulation", "energy", "robot", "chip", "policy"]
QUERIES = {
    "2-char Japanese (買収)": "買収",
    "3-char Japanese (半導体)": "半導体",
    "6-char Japanese (人工知能の規)": "人工知能の規",
    "English word (merger)": "merger",
}


def sentence(rnd: random.Random) -> str:
    parts = []
    for _ in range(rnd.randint(3, 6)):
        parts.append(rnd.choice(WORDS) + rnd.choice(PARTICLES))
    return "".join(parts) + rnd.choice(ENDINGS)


def generate(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    articles = []
    for i in range(n):
        body = "\n\n".join("".join(sentence(rnd) for _ in range(4)) for _ in range(6))
        articles.append({
            "title": f"{rnd.choice(WORDS)}{rnd.choice(PARTICLES)}{rnd.choice(WORDS)}、{rnd.choice(WORDS)}を{rnd.choice(['発表', '計画', '検討'])} {i}",
            "lead": sentence(rnd) + sentence(rnd),
            "body": body,
            "original_title": " ".join(rnd.choice(ENGLISH) for _ in range(6)).capitalize(),
            "original_body": " ".join(rnd.choice(ENGLISH + ["the", "a", "of", "and", "in"]) for _ in range(300)),
            "key_points": [(rnd.choice(WORDS) + "の" + rnd.choice(WORDS), sentence(rnd)) for _ in range(4)],
        })
    return articles


def run_one(database_url: str, n: int, runs: int) -> dict:
    """Runs in a child process (one Django setup per database)."""
    os.environ.update({
        "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "CACHE_URL": "locmemcache://search-bench",
    })
    import django

    django.setup()
    from datetime import datetime, timedelta, timezone

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles import search
    from articles.models import Article, Category, KeyPoint, Source

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
    search.rebuild()
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
        hits = search.matching(Article.objects.published(), query).count()
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
        f"{args.runs} requests per query to GET /search/?q=… in-process (query, ranking, first page rendered). "
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
