#!/usr/bin/env python
"""Serving benchmark: the reader site under gunicorn, with and without its caches, against nginx.

Run: .venv/bin/python bench/serve.py [--sizes 1000 100000] [--databases sqlite postgres]
                                      [--duration 8] [--report bench/reports/serve.md]

For each database and size it: generates N articles in the interchange format and
imports them (import rate); measures in-process the SQL queries and the median render
time of the article, home, tag, digest and search pages (page cache off); then starts
gunicorn (2 workers, deploy/gunicorn.conf.py) and measures each page with wrk —
uncached, cached (Redis), and through nginx (deploy/nginx.conf's micro-cache) — and,
in the same run, nginx serving the article's bytes as a static file, the ceiling. It
also reports worker memory before and after 10,000 requests. Everything listens on
127.0.0.1, runs for a bounded time and is stopped at the end. Needs wrk and nginx
(installed with apt-get when missing), PostgreSQL and Redis for the production profile.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PAGES = ["article", "home", "tag", "digest", "search"]
SEARCH_WORD = "量子暗号"  # planted in exactly 20 articles whatever N: a specific news term
ARTICLES_PER_DAY = 20      # the digest shows one day: the same size at every N
KANJI = "経済政策市場企業技術研究開発電力資源物流港湾気候排出規制予算投資株価需要供給労働交渉合意宇宙衛星医療遺伝治療試験通信製造輸送"


def log(message: str) -> None:
    print(message, flush=True)


# 1. Content --------------------------------------------------------------------------------


def generate(n: int, path: Path, seed: int = 11) -> dict:
    """N published articles, ARTICLES_PER_DAY a day back from 2026-11-27, 4 key points, 3 tags each."""
    rnd = random.Random(seed)
    words = sorted({"".join(rnd.choice(KANJI) for _ in range(rnd.choice((2, 3)))) for _ in range(4000)})

    def sentence() -> str:
        return "".join(rnd.choice(words) + rnd.choice("はがをにとので") for _ in range(rnd.randint(4, 7))) + "。"

    tags = [f"Topic {i:03d}" for i in range(200)]
    categories = ["ビジネス", "テクノロジー", "科学", "政策", "国際", "金融", "エネルギー", "宇宙", "医療", "物流"]
    sources = [f"Wire {i:02d}" for i in range(20)]
    planted = set(rnd.sample(range(n), min(20, n)))
    last = datetime(2026, 11, 27, 21, 0, tzinfo=timezone(timedelta(hours=9)))
    articles = []
    for i in range(n):
        day, slot = divmod(i, ARTICLES_PER_DAY)
        published = last - timedelta(days=day, minutes=slot * 30)
        paragraphs = ["".join(sentence() for _ in range(4)) for _ in range(7)]
        if i in planted:
            paragraphs[2] = f"{SEARCH_WORD}の実用化が議論になった。" + paragraphs[2]
        articles.append({
            "status": "published",
            "published_at": published.isoformat(),
            "category": categories[i % len(categories)],
            "tags": rnd.sample(tags, 3),
            "title": f"{rnd.choice(words)}の{rnd.choice(words)}、{rnd.choice(words)}を発表（{i}）",
            "lead": sentence() + sentence(),
            "body": "\n\n".join(paragraphs[:3] + ["## " + rnd.choice(words)] + paragraphs[3:]),
            "key_points": [{"heading": rnd.choice(words) + "の" + rnd.choice(words), "body": sentence()} for _ in range(4)],
            "impact_analysis": sentence() * 3,
            "editorial_comment": sentence() * 2,
            "original": {
                "title": f"Bench story number {i}", "body": "Paragraph of the original. " * 60,
                "url": f"https://wire.example/{i}", "source": sources[i % len(sources)],
                "author": "Bench Writer", "published_at": (published - timedelta(hours=3)).isoformat(), "language": "en",
            },
            "figures": [],
            "related": [],
        })
    path.write_text(json.dumps({"articles": articles}, ensure_ascii=False), encoding="utf-8")
    newest = articles[0]
    return {
        "article_slug": "bench-story-number-5",
        "tag": newest["tags"][0].lower().replace(" ", "-"),
        "digest": last.date().isoformat(),
    }


# 2. Processes ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port} after {timeout} s")


def run(cmd, env, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def ensure_tools() -> None:
    missing = [pkg for cmd, pkg in (("wrk", "wrk"), ("nginx", "nginx")) if not shutil.which(cmd)]
    if missing:
        log(f"installing {', '.join(missing)} …")
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True, stdout=subprocess.DEVNULL)


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2",
                       "GUNICORN_ACCESS_LOG": "", "GUNICORN_LOG_LEVEL": "warning"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    wait_for_port(port)
    return proc


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def worker_rss_kb(master: subprocess.Popen) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=,rss=", "--ppid", str(master.pid)], capture_output=True, text=True).stdout
    return [int(line.split()[1]) for line in out.splitlines() if line.strip()]


NGINX_CONF = """
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    include /etc/nginx/mime.types;
    sendfile on;
    keepalive_requests 100000;
    proxy_cache_path {work}/nginx-cache levels=1:2 keys_zone=newsdesk:20m max_size=1g inactive=1m use_temp_path=off;
    upstream newsdesk_app {{ server 127.0.0.1:{app_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        location = /static-article.html {{ root {work}; }}
        location / {{
            proxy_pass http://newsdesk_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_cache newsdesk;
            proxy_cache_key "$scheme$host$request_uri";
            proxy_cache_valid 200 301 302 404 1s;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_lock on;
            proxy_cache_use_stale updating error timeout;
            proxy_cache_background_update on;
            proxy_cache_revalidate on;
        }}
    }}
}}
"""


def start_nginx(work: Path, app_port: int, port: int) -> subprocess.Popen:
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, app_port=app_port, port=port))
    (work / "nginx-cache").mkdir(exist_ok=True)
    proc = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return proc


def wrk(url: str, duration: int, connections: int = 16) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, timeout=duration + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "errors": errors.group(1) if errors else ""}


# 3. In-process measures (a child process with Django set up) ------------------------------


def in_process(env: dict, urls: dict) -> dict:
    code = r"""
import gc, json, statistics, sys, time
import django
django.setup()
import newsdesk.wsgi  # what gunicorn's master loads (preload_app) …
gc.freeze()  # … and freezes before forking a worker (deploy/gunicorn.conf.py)
from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
urls = json.loads(sys.argv[1])
client = Client()
out = {}


def profile(client, url, requests=30):
    # Shares of a page's time under cProfile: database, building SQL, templates, the rest.
    import cProfile, pstats
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, function) -> (cc, nc, tt, ct, callers)

    def cumulative(file_end, function):
        return sum(v[3] for (f, _, fn), v in stats.items() if f.endswith(file_end) and fn == function)

    def own(match):
        return sum(v[2] for (f, _, fn), v in stats.items() if match(f, fn))

    total = cumulative("django/core/handlers/base.py", "get_response")
    parts = {
        "database (driver, SQL run and rows fetched)": cumulative("django/db/backends/utils.py", "_execute")
            + own(lambda f, fn: "fetch" in fn and ("sqlite3" in fn or "psycopg" in f)),
        "building SQL (ORM compiler)": cumulative("django/db/models/sql/compiler.py", "as_sql"),
        "rows to model objects": cumulative("django/db/models/base.py", "from_db"),
        "templates": cumulative("django/template/response.py", "rendered_content"),
    }
    parts["the rest (middleware, views, caching, forms)"] = total - sum(parts.values())
    return {"ms_per_request_profiled": total / requests * 1000,
            "shares": {k: round(v / total * 100) for k, v in parts.items()}}


for name, url in urls.items():
    client.get(url)
    settings.DEBUG = True  # only for counting: Django records queries when DEBUG is on
    reset_queries()
    status = client.get(url).status_code
    counted = len(connection.queries)
    settings.DEBUG = False
    for _ in range(20):  # warm: the database's pages in memory, each query prepared
        client.get(url)
    times = []
    for _ in range(100):
        t0 = time.perf_counter(); client.get(url); times.append((time.perf_counter() - t0) * 1000)
    assert status == 200, (name, url, status)
    out[name] = {"status": status, "queries": counted, "median_ms": statistics.median(times),
                 "profile": profile(client, url)}
print(json.dumps(out))
"""
    result = subprocess.run([PYTHON, "-c", code, json.dumps(urls)], env={**env, "NEWSDESK_PAGE_CACHE": "false"},
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


# 4. The run --------------------------------------------------------------------------------


def prepare_database(kind: str, n: int, work: Path) -> dict:
    if kind == "sqlite":
        return {"DATABASE_URL": f"sqlite:///{work / f'serve-{n}.sqlite3'}"}
    name = f"newsdesk_bench_{n}"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    return {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}"}


def measure(kind: str, n: int, work: Path, duration: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "DJANGO_ENV": "production",
        "DJANGO_HTTPS": "false",  # plain HTTP on loopback
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "CACHE_URL": "redis://127.0.0.1:6379/7",
        **prepare_database(kind, n, work),
    }
    env.pop("DJANGO_DEBUG", None)
    subprocess.run(["redis-cli", "-n", "7", "flushdb"], check=True, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    data_file = work / f"articles-{n}.json"
    log(f"[{kind} {n:,}] generating …")
    facts = generate(n, data_file)
    log(f"[{kind} {n:,}] importing …")
    t0 = time.perf_counter()
    run([PYTHON, "manage.py", "import_articles", str(data_file), "-v0"], env, stdout=subprocess.DEVNULL)
    import_seconds = time.perf_counter() - t0
    if kind == "postgres":
        # As after any bulk load: otherwise autovacuum gets to the new rows during the measures.
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", env["DATABASE_URL"].rsplit("/", 1)[1],
                        "-qc", "VACUUM ANALYZE"], check=True)

    urls = {
        "article": f"/articles/{facts['article_slug']}/",
        "home": "/",
        "tag": f"/tag/{facts['tag']}/",
        "digest": f"/digest/{facts['digest']}/",
        "search": f"/search/?q={SEARCH_WORD}",
    }
    log(f"[{kind} {n:,}] in-process renders …")
    inproc = in_process(env, urls)
    result = {"n": n, "kind": kind, "import_seconds": import_seconds, "inproc": inproc, "wrk": {}}

    app_port, nginx_port = free_port(), free_port()
    from urllib.parse import quote

    def full(port, path):
        return f"http://127.0.0.1:{port}" + quote(path, safe="/?=&")

    for mode in ("uncached", "cached"):
        app = start_gunicorn({**env, "NEWSDESK_PAGE_CACHE": "false" if mode == "uncached" else "true"}, app_port)
        try:
            for page, path in urls.items():
                log(f"[{kind} {n:,}] wrk {mode} {page} …")
                result["wrk"][(mode, page)] = wrk(full(app_port, path), duration)
            if mode == "uncached" and n == min(ARGS.sizes):
                before = worker_rss_kb(app)
                served = 0
                while served < 10_000:  # 30 s at a time until the workers have served 10,000 requests
                    out = subprocess.run(["wrk", "-t2", "-c8", "-d30s", full(app_port, urls["article"])],
                                         capture_output=True, text=True, timeout=90).stdout
                    served += int(re.search(r"(\d+) requests in", out).group(1))
                result["memory"] = {"before_kb": before, "after_kb": worker_rss_kb(app), "requests": served}
            if mode == "cached":
                static_html = subprocess.run(["curl", "-s", full(app_port, urls["article"])],
                                             capture_output=True, check=True).stdout
                (work / "static-article.html").write_bytes(static_html)
                nginx = start_nginx(work, app_port, nginx_port)
                try:
                    for page, path in urls.items():
                        log(f"[{kind} {n:,}] wrk nginx {page} …")
                        result["wrk"][("nginx", page)] = wrk(full(nginx_port, path), duration)
                    result["wrk"][("static", "article")] = wrk(f"http://127.0.0.1:{nginx_port}/static-article.html",
                                                               duration)
                finally:
                    stop(nginx)
        finally:
            stop(app)
    return result


def report(results: list[dict], duration: int) -> str:
    lines = ["# Serving benchmark", "",
             f"Machine: {os.cpu_count()} cores. gunicorn with 2 sync workers; wrk -t2 -c16 for {duration} s per line. "
             "\"uncached\": the page cache off; \"cached\": stored pages (Redis, and each worker's copy of what it "
             "read) answered in front of Django; \"nginx\": deploy/nginx.conf's micro-cache "
             "in front; \"static\": nginx serving the article's bytes as a file (the ceiling).", ""]
    for r in results:
        lines += [f"## {r['kind']}, {r['n']:,} articles", "",
                  f"Import: {r['import_seconds']:.1f} s ({r['n'] / r['import_seconds']:.0f} articles/s).", "",
                  "| page | queries | in-process median | uncached req/s (p50/p99 ms) | cached req/s (p50/p99) | "
                  "cached ÷ uncached | nginx req/s (p50/p99) | nginx ÷ static |",
                  "|---|---|---|---|---|---|---|---|"]
        static = r["wrk"].get(("static", "article"), {}).get("rps")
        for page in PAGES:
            u, c, g = (r["wrk"].get((m, page)) for m in ("uncached", "cached", "nginx"))
            ip = r["inproc"][page]
            lines.append(
                f"| {page} | {ip['queries']} | {ip['median_ms']:.1f} ms | "
                f"{u['rps']:.0f} ({u['p50']:.1f}/{u['p99']:.1f}) | {c['rps']:.0f} ({c['p50']:.1f}/{c['p99']:.1f}) | "
                f"{c['rps'] / u['rps']:.1f}× | {g['rps']:.0f} ({g['p50']:.2f}/{g['p99']:.2f}) | "
                f"{g['rps'] / static * 100:.0f}% |"
            )
        if static:
            s = r["wrk"][("static", "article")]
            lines.append(f"\nnginx serving the article as a static file: {static:.0f} req/s "
                         f"(p50 {s['p50']:.2f} ms, p99 {s['p99']:.2f} ms).")
        problems = [f"{m} {p}: {w['non2xx']} non-2xx, {w['errors']}" for (m, p), w in r["wrk"].items()
                    if w["non2xx"] or w["errors"]]
        if problems:
            lines.append("\nErrors: " + "; ".join(problems))
        shares = [(page, r["inproc"][page].get("profile")) for page in PAGES]
        if all(profile for _, profile in shares):
            columns = list(shares[0][1]["shares"])
            lines += ["", "Where an uncached page's time goes in-process (cProfile over 30 requests; shares of the "
                      "profiled time, which profiling inflates):", "",
                      "| page | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
            for page, profile in shares:
                lines.append(f"| {page} | " + " | ".join(f"{profile['shares'][c]}%" for c in columns) + " |")
        if "memory" in r:
            lines.append(f"\nWorker memory (RSS) before and after {r['memory'].get('requests', 0):,} uncached article "
                         f"requests at 8 connections: {[k // 1024 for k in r['memory']['before_kb']]} MB → "
                         f"{[k // 1024 for k in r['memory']['after_kb']]} MB.")
        lines.append("")
    by_kind = {}
    for r in results:
        by_kind.setdefault(r["kind"], {})[r["n"]] = r
    for kind, sizes in by_kind.items():
        if len(sizes) < 2:
            continue
        small, large = sizes[min(sizes)], sizes[max(sizes)]
        lines += [f"## {kind}: from {small['n']:,} to {large['n']:,} articles (in-process median render)", "",
                  "| page | small | large | ratio |", "|---|---|---|---|"]
        for page in PAGES:
            a, b = small["inproc"][page]["median_ms"], large["inproc"][page]["median_ms"]
            lines.append(f"| {page} | {a:.1f} ms | {b:.1f} ms | {b / a:.2f}× |")
        lines.append("")
    lines += against_targets(results, by_kind)
    return "\n".join(lines)


def against_targets(results: list[dict], by_kind: dict) -> list[str]:
    """The issue's targets, each with what this run measured and whether it is met."""
    rows = []

    def row(target: str, measured: list[str], met: bool) -> None:
        rows.append(f"| {target} | {'; '.join(measured)} | {'met' if met else '**missed**'} |")

    def each(value) -> list[tuple[str, object]]:
        return [(f"{r['kind']} {r['n']:,}", value(r)) for r in results]

    queries = each(lambda r: r["inproc"]["article"]["queries"])
    row("article page at most 5 queries", [f"{k}: {v}" for k, v in queries], all(v <= 5 for _, v in queries))
    render = each(lambda r: r["inproc"]["article"]["median_ms"])
    row("in-process median render of the article at most 4 ms", [f"{k}: {v:.1f} ms" for k, v in render],
        all(v <= 4 for _, v in render))
    uncached = each(lambda r: r["wrk"][("uncached", "article")]["rps"])
    row("uncached article at least 300 req/s", [f"{k}: {v:.0f}" for k, v in uncached],
        all(v >= 300 for _, v in uncached))
    ratios = [(f"{r['kind']} {r['n']:,} {page}", r["wrk"][("cached", page)]["rps"] / r["wrk"][("uncached", page)]["rps"])
              for r in results for page in PAGES]
    row("cached at least 10× uncached", [f"lowest {min(v for _, v in ratios):.1f}× ({min(ratios, key=lambda kv: kv[1])[0]})"]
        + [f"{k}: {v:.1f}×" for k, v in ratios if v < 10], all(v >= 10 for _, v in ratios))
    fronts = [(f"{r['kind']} {r['n']:,} {page}",
               r["wrk"][("nginx", page)]["rps"] / r["wrk"][("static", "article")]["rps"] * 100)
              for r in results for page in PAGES]
    row("nginx front at least 50% of the static file", [f"lowest {min(v for _, v in fronts):.0f}% "
        f"({min(fronts, key=lambda kv: kv[1])[0]})"], all(v >= 50 for _, v in fronts))
    growth = [(f"{kind} {page}", sizes[max(sizes)]["inproc"][page]["median_ms"] / sizes[min(sizes)]["inproc"][page]["median_ms"])
              for kind, sizes in by_kind.items() if len(sizes) > 1 for page in PAGES if page != "article"]
    if growth:
        row("lists, digest, search at the larger size within 1.5× of the smaller",
            [f"{k}: {v:.2f}×" for k, v in growth], all(v <= 1.5 for _, v in growth))
    memory = [(f"{r['kind']} {r['n']:,}", r["memory"]) for r in results if "memory" in r]
    for label, m in memory:
        before, after = sum(m["before_kb"]), sum(m["after_kb"])
        row("worker memory flat over 10,000 requests",
            [f"{label}: {before // 1024} → {after // 1024} MB over {m['requests']:,} requests"],
            m["requests"] >= 10_000 and after <= before * 1.05)
    imports = [(f"{r['kind']} {r['n']:,}", r["import_seconds"]) for r in results if r["n"] >= 100_000]
    if imports:
        row("import of 100,000 articles under 5 minutes", [f"{k}: {v:.0f} s" for k, v in imports],
            all(v < 300 for _, v in imports))
    return ["## Against the targets", "", "| target | measured | |", "|---|---|---|", *rows, ""]


def main() -> None:
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--report", default=str(ROOT / "bench" / "reports" / "serve.md"))
    ARGS = parser.parse_args()
    ensure_tools()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-serve-bench-"))
    work.chmod(0o755)  # nginx's workers (not root) read the static copy from here
    results = []
    try:
        for kind in ARGS.databases:
            for n in ARGS.sizes:
                results.append(measure(kind, n, work, ARGS.duration))
                text = report(results, ARGS.duration)
                Path(ARGS.report).parent.mkdir(parents=True, exist_ok=True)
                Path(ARGS.report).write_text(text + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(report(results, ARGS.duration))
    print(f"report written to {ARGS.report}")


if __name__ == "__main__":
    main()
