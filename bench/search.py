#!/usr/bin/env python
"""Search benchmark: stories of real length imported, indexed and searched, on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/search.py [--articles 100000] [--runs 100] [--databases sqlite postgres]
                                      [--files DIR] [--report bench/reports/search.md]
                                      [--reuse DIR [--queries-only]]

The stories are the serving benchmark's (bench/stories.py: a Japanese body
of about 2,000 characters, an English original of about 5,000, four key
points, …), with a few words planted in a known share of them so that rare
terms have a known frequency. For each database, in a process of its own:

1. a scratch database, migrated; the stories imported by the import path
   (interchange.importer.import_file, part by part), timed;
2. the index built again from the articles (`search.documents.rebuild`,
   what `manage.py rebuild_search_index` runs), timed, and the engine's index
   alone built from the documents (SQLite: the FTS5 'rebuild'; PostgreSQL:
   REINDEX), timed; the sizes of the index and the documents;
3. in a fresh process, as a gunicorn worker serves (what the import left
   in the first one made the same queries slower), for each query class,
   GET /search/?q=… in-process with the page cache
   off (matching, ranking, the count, the first page of 20 cards rendered
   with snippets), `--runs` times after one warm-up: p50 and p99; the
   stories that match (counted exactly, apart), how many the page ranked
   (search.queries.ranked: at most NEWSDESK_SEARCH_RANKED newest matches,
   plus the newest title matches, when more match), and the ranking's work
   in the database, which the machine's load does not change: SQLite's
   virtual-machine steps (thousands), PostgreSQL's buffers read (8 kB pages,
   from EXPLAIN (ANALYZE, BUFFERS) of each of its statements).

SQLite is a file in a temporary folder; PostgreSQL is `DATABASE_URL_POSTGRES`
(default postgres://postgres@127.0.0.1:5432/newsdesk_search_bench), dropped
and created. The report (Markdown) says the commit, the machine and its load.
"""

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Words planted into the bodies of a share of the stories (none is in bench/stories.py's vocabularies).
PLANTED = {"鬱": 0.005, "買収": 0.01, "再編案": 0.01, "低軌道衛星網": 0.005}
PLANTED_ENGLISH = {"merger": 0.01}
# Query classes: (label, query). Common terms come from bench/stories.py's own vocabularies.
QUERIES = [
    ("1 char, common", "市"),
    ("1 char, rare (~0.5%)", "鬱"),
    ("2 chars, common", "規制"),
    ("2 chars, rare (~1%)", "買収"),
    ("3 chars, common", "半導体"),
    ("3 chars, rare (~1%)", "再編案"),
    ("6 chars, common", "データセンタ"),
    ("6 chars, rare (~0.5%)", "低軌道衛星網"),
    ("English word, common", "inflation"),
    ("English word, rare (~1%)", "merger"),
    ("phrase, Japanese (2 terms)", "半導体 規制"),
    ("phrase, English", "interest rates"),
    ("phrase, rare (2 terms)", "買収 再編案"),
    ("no match", "ゑゐゑ"),
]


def plant(paths: list[Path], seed: int = 3) -> None:
    """Put the planted words into the bodies and originals of their share of the stories, in place."""
    rnd = random.Random(seed)
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for story in data["articles"]:
            for word, share in PLANTED.items():
                if rnd.random() < share:
                    paragraphs = story["body"].split("\n\n")
                    k = rnd.randrange(len(paragraphs))
                    paragraphs[k] = paragraphs[k].replace("。", f"。{word}が話題になった。", 1)
                    story["body"] = "\n\n".join(paragraphs)
            for word, share in PLANTED_ENGLISH.items():
                if rnd.random() < share:
                    story["original"]["body"] = story["original"]["body"].replace(". ", f". A {word} was announced. ", 1)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def run_one(database_url: str, phase: str, paths: list[Path], runs: int, media: str) -> dict:
    """Runs in a child process: `load` (import, index, sizes), then `search` in a fresh one, as a gunicorn
    worker serves (the process that imported the archive is slower for the same queries)."""
    os.environ.update({
        "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "CACHE_URL": "dummycache://",  # no page cache: every request runs the search and renders the page
        "DJANGO_MEDIA_ROOT": media,
    })
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from interchange.importer import import_file
    from search.documents import rebuild

    if phase == "search":
        return {"results": _search(runs)}
    if phase == "sizes":  # --queries-only: the archive and its index as an earlier run left them
        return {
            "vendor": connection.vendor, "articles": Article.objects.count(),
            "documents": None, "ranked_limit": settings.NEWSDESK_SEARCH_RANKED,
            "import_seconds": None, "rebuild_seconds": None, "index_seconds": None, "sizes": _sizes(connection),
        }
    call_command("migrate", verbosity=0)
    import_seconds = None
    if not Article.objects.exists():  # --reuse keeps the stories of an earlier run
        started = time.perf_counter()
        for path in paths:
            import_file(path, max_bytes=8 * 1024 ** 3)
        import_seconds = time.perf_counter() - started
    _analyze(connection)

    started = time.perf_counter()
    count = rebuild()
    rebuild_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("REINDEX INDEX articles_search_bigrams")
        else:
            cursor.execute("INSERT INTO articles_search_fts(articles_search_fts) VALUES ('rebuild')")
    index_seconds = time.perf_counter() - started
    _analyze(connection)
    return {
        "vendor": connection.vendor, "articles": Article.objects.count(), "documents": count,
        "ranked_limit": settings.NEWSDESK_SEARCH_RANKED,
        "import_seconds": import_seconds, "rebuild_seconds": rebuild_seconds, "index_seconds": index_seconds,
        "sizes": _sizes(connection),
    }


def _search(runs: int) -> list[dict]:
    """Each query class through the search page, `runs` times after a warm-up; what it matched and ranked."""
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from search.queries import matching, ranked

    client = Client()
    client.get("/")
    # As deployed: gunicorn freezes what its master loaded before forking (deploy/gunicorn.conf.py pre_fork),
    # so a worker's full collections skip it.
    gc.collect()
    gc.freeze()
    now = max(Article.objects.values_list("published_at", flat=True))
    results = []
    for label, query in QUERIES:
        assert client.get("/search/", {"q": query}).status_code == 200  # warm-up
        timings = []
        for _ in range(runs):
            t0 = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        timings.sort()
        listed = Article.objects.published(now=now)
        ranking = ranked(listed, query)
        results.append({
            "label": label, "query": query,
            "hits": matching(listed, query).count(),
            "ranked": len(ranking.ids), "complete": ranking.complete,
            "work": _work(connection, lambda listed=listed, query=query: ranked(listed, query)),
            "p50": statistics.median(timings),
            "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
        })
    return results


def _work(connection, run) -> int:
    """The database's work for `run`: SQLite VM steps in thousands, or PostgreSQL buffers read (hit or not)."""
    from django.test.utils import CaptureQueriesContext

    if connection.vendor == "sqlite":
        steps = [0]

        def step():
            steps[0] += 1
            return 0

        connection.ensure_connection()
        connection.connection.set_progress_handler(step, 1000)
        try:
            run()
        finally:
            connection.connection.set_progress_handler(None, 0)
        return steps[0]
    from search.queries import _PostgreSQL

    with CaptureQueriesContext(connection) as captured:
        run()
    buffers = 0
    for statement in captured.captured_queries:
        sql = statement["sql"]
        if not sql.startswith("SELECT"):
            continue  # BEGIN, SET LOCAL, COMMIT
        # The index's own lookups run with the planner settings search gives them.
        settings = _PostgreSQL.lookups() if sql.startswith("SELECT article_id FROM articles_searchdocument") else nullcontext()
        with settings, connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
        buffers += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
    return buffers


def _analyze(connection) -> None:
    """Statistics for the planner; on PostgreSQL also the visibility map, as autovacuum leaves a live site's
    tables after an import (without it every index-only read of the articles' times visits their rows)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _sizes(connection) -> dict:
    """Bytes of the engine's index and of the documents' table (with its TOAST on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                # Summed over the partitions (search.partitions).
                "SELECT (SELECT sum(pg_relation_size(relid))::bigint FROM pg_partition_tree('articles_search_bigrams')), "
                "(SELECT sum(pg_total_relation_size(relid) - pg_indexes_size(relid))::bigint "
                "FROM pg_partition_tree('articles_searchdocument')), "
                "pg_database_size(current_database())"
            )
        else:
            cursor.execute(
                "SELECT (SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_search_fts%%'), "
                "(SELECT sum(pgsize) FROM dbstat WHERE name = 'articles_searchdocument'), "
                "(SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())"
            )
        index, documents, database = cursor.fetchone()
    return {"index": index, "documents": documents, "database": database}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"])
    parser.add_argument("--files", type=Path, help="folder for the generated stories, kept between runs")
    parser.add_argument("--reuse", type=Path, metavar="DIR",
                        help="keep the databases of an earlier run (SQLite in DIR, PostgreSQL not dropped): "
                             "no import, the rest measured again")
    parser.add_argument("--report", default=str(ROOT / "bench" / "reports" / "search.md"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--paths", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--media", help=argparse.SUPPRESS)
    parser.add_argument("--queries-only", action="store_true",
                        help="with --reuse: time the queries only, without building the index again")
    parser.add_argument("--phase", choices=["load", "sizes", "search"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.queries_only and not args.reuse:
        parser.error("--queries-only needs --reuse DIR (the databases an earlier run left)")
    if args.child:
        print(json.dumps(run_one(args.child, args.phase, [Path(p) for p in args.paths], args.runs, args.media)))
        return

    from stories import generate

    work = args.reuse or Path(tempfile.mkdtemp(prefix="newsdesk-search-bench-"))
    folder = (args.files or work) / f"search-{args.articles}"
    marker = folder / "planted"
    if marker.exists():
        paths = sorted(folder.glob(f"stories-{args.articles}-part*.json"), key=lambda p: int(p.stem.rsplit("part", 1)[1]))
    else:
        print(f"writing {args.articles:,} stories …", flush=True)
        paths = generate(args.articles, folder).paths
        plant(paths)
        marker.write_text("yes")
    targets = {}
    if "sqlite" in args.databases:
        targets["SQLite"] = f"sqlite:///{work / 'search.sqlite3'}"
    if "postgres" in args.databases:
        url = os.environ.get("DATABASE_URL_POSTGRES", "postgres://postgres@127.0.0.1:5432/newsdesk_search_bench")
        if not args.reuse:
            _fresh_postgres(url)
        targets["PostgreSQL"] = url
    load_before = os.getloadavg()
    measured = {}
    for name, url in targets.items():
        print(f"{name}: importing, indexing and searching {args.articles:,} stories …", flush=True)
        media = tempfile.mkdtemp(prefix="newsdesk-search-media-", dir=work)
        measured[name] = {}
        for phase in ("sizes" if args.queries_only else "load", "search"):
            out = subprocess.run(  # noqa: PLW1510 # a failed run is reported with its output below
                [sys.executable, __file__, "--child", url, "--phase", phase, "--runs", str(args.runs),
                 "--media", media, "--paths", *map(str, paths)],
                capture_output=True, text=True, cwd=ROOT, timeout=4 * 3600,
            )
            if out.returncode != 0:
                print(out.stderr[-3000:])
                raise SystemExit(f"{name} run failed ({phase})")
            measured[name].update(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"  done ({name}: SQLite file in {work})", flush=True)
    report = _report(args, measured, load_before, os.getloadavg())
    print(report)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(report, encoding="utf-8")
    print(f"report written to {args.report}")


def _report(args, measured: dict, load_before, load_after) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    lines = [
        "# Search benchmark", "",
        (f"{args.articles:,} stories shaped like the site's (bench/stories.py: about 2,000 characters of Japanese, "
         "an English original of about 5,000, four key points), with rare words planted in a known share; "
         "imported by the import path, then searched in a fresh process "
         f"{args.runs} times per query through GET /search/?q=… in-process with the page cache off (matching, "
         "ranking, the count, the first page of 20 cards rendered with snippets)."), "",
        (f"Commit {commit}{' with uncommitted changes' if dirty else ''}, "
         f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores; load average "
         f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (other work shares the machine)."), "",
        "## Queries", "",
        ("Matches: the stories holding every term, counted apart; ranked: those the page ranked, "
         f"\"+\" where more matched than NEWSDESK_SEARCH_RANKED "
         f"({', '.join(str(d.get('ranked_limit', '?')) for d in measured.values())}) and the page says 件以上. "
         "Work: the ranking's own work in the database (SQLite: VM steps in thousands; "
         "PostgreSQL: 8 kB buffers read), which the machine's load does not change."), "",
        "| query class | query | " + " | ".join(
            f"{name} matches | {name} ranked | {name} work | {name} p50 | {name} p99" for name in measured) + " |",
        "|---|---|" + "---|---|---|---|---|" * len(measured),
    ]
    for i, (label, query) in enumerate(QUERIES):
        cells = []
        for data in measured.values():
            r = data["results"][i]
            shown = f"{r['ranked']:,}" + ("" if r["complete"] else "+") if "ranked" in r else "–"
            cells.append(f"{r['hits']:,} | {shown} | {r.get('work', 0):,} | {r['p50']:.1f} ms | {r['p99']:.1f} ms")
        lines.append(f"| {label} | {query} | " + " | ".join(cells) + " |")
    lines += [
        "", "## Index and import", "",
        "| | " + " | ".join(measured) + " |", "|---|" + "---|" * len(measured),
        "| import of every story (import_file, part by part) | "
        + " | ".join(_seconds(d["import_seconds"]) for d in measured.values()) + " |",
        "| rebuild from the articles (rebuild_search_index) | "
        + " | ".join(_seconds(d["rebuild_seconds"], d["import_seconds"]) for d in measured.values()) + " |",
        "| the engine's index alone, from the documents | "
        + " | ".join(_seconds(d["index_seconds"]) for d in measured.values()) + " |",
        "| index size | " + " | ".join(_mb(d["sizes"]["index"]) for d in measured.values()) + " |",
        "| documents (the index's words) | " + " | ".join(_mb(d["sizes"]["documents"]) for d in measured.values()) + " |",
        "| whole database | " + " | ".join(_mb(d["sizes"]["database"]) for d in measured.values()) + " |",
        "", "## Targets", "",
        (f"At {args.articles:,} stories: p99 under {TARGET_P99_MS} ms for every query class, the index built in under "
         f"{TARGET_BUILD_SECONDS // 60} minutes (the rebuild from the articles), the import in under "
         f"{TARGET_IMPORT_SECONDS // 60} minutes. Why a target is missed: docs/search.md."), "",
        *(f"- **{name}:** {_verdict(data)}" for name, data in measured.items()),
        "",
    ]
    return "\n".join(lines)


TARGET_P99_MS = 100
TARGET_BUILD_SECONDS = 600
TARGET_IMPORT_SECONDS = 300


def _verdict(data: dict) -> str:
    """Which targets one database's run meets and which it misses, with the measures that miss."""
    slow = [f"{r['query']} {r['p99']:.0f} ms" for r in data["results"] if r["p99"] >= TARGET_P99_MS]
    parts = [f"p99 missed by {len(slow)} of {len(data['results'])} classes ({', '.join(slow)})" if slow
             else f"p99 met by every class (at most {max(r['p99'] for r in data['results']):.0f} ms)"]
    for label, seconds, target in (("index build", data["rebuild_seconds"], TARGET_BUILD_SECONDS),
                                   ("import", data["import_seconds"], TARGET_IMPORT_SECONDS)):
        if seconds is not None:
            parts.append(f"{label} {'met' if seconds < target else 'missed'} ({seconds:.0f} s)")
    return "; ".join(parts) + "."


def _seconds(seconds: float | None, of: float | None = None) -> str:
    if seconds is None:
        return "not measured in this run (--reuse)"
    return f"{seconds:.1f} s" + (f" ({seconds / of:.0%} of the import)" if of else "")


def _mb(size) -> str:
    return f"{(size or 0) / 1024 ** 2:,.0f} MB"


def _fresh_postgres(url: str) -> None:
    parsed = urlparse(url)
    args = ["-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432), "-U", parsed.username or "postgres"]
    name = parsed.path.lstrip("/")
    subprocess.run(["dropdb", *args, "--if-exists", name], check=True)
    subprocess.run(["createdb", *args, name], check=True)


if __name__ == "__main__":
    main()
