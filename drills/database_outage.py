"""Drill: PostgreSQL and then Redis stop under gunicorn (production profile); the site degrades and recovers.

    .venv/bin/python drills/database_outage.py [--outage-seconds 6]

Stops the machine's PostgreSQL cluster and its Redis server for a few seconds
each (refused while another pytest run uses them) and ALWAYS starts them again.
Writes bench/reports/drill-database.md.
"""

import argparse
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.common import ROOT, Site, other_postgres_tests, percentile, request  # noqa: E402

CLUSTER = sorted((Path("/etc/postgresql")).iterdir(), key=lambda p: [int(x) for x in p.name.split(".")])[-1].name
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"]
UNAVAILABLE_MARK = "ただいまご利用いただけません".encode()


def postgres(action: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER, "main", action], check=True)


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0


def redis_ready() -> bool:
    return subprocess.run(["redis-cli", "ping"], capture_output=True, text=True).stdout.strip() == "PONG"


def probe(site: Site, paths: list[str], seconds: float) -> list[tuple]:
    """(path, status, seconds, retry-after, static page?) for every request, round robin, for `seconds`."""
    rows, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        for path in paths:
            if path == "/admin/ (signed in)":  # the session is read from the database
                status, took, headers, body = request(f"{site.base}/admin/", headers={"Cookie": f"sessionid={'a' * 32}"})
            else:
                status, took, headers, body = request(f"{site.base}{path}")
            rows.append((path, status, took, headers.get("Retry-After"), UNAVAILABLE_MARK in body))
    return rows


def until_all_ok(site: Site, paths: list[str], limit: float = 30) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if all(request(f"{site.base}{p}", timeout=5)[0] == 200 for p in paths):
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def summarize(rows) -> list[str]:
    lines = ["| URL | requests | statuses | static 503 page with Retry-After | median ms | p99 ms | max ms |",
             "|---|---|---|---|---|---|---|"]
    for path in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == path]
        times = [r[2] * 1000 for r in mine]
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(Counter(r[1] for r in mine).items()))
        static = sum(1 for r in mine if r[1] == 503 and (r[4] or path == "/healthz") and r[3])
        lines.append(f"| `{path}` | {len(mine)} | {statuses} | {static} of {sum(1 for r in mine if r[1] == 503)} "
                     f"| {percentile(times, 50):.1f} | {percentile(times, 99):.1f} | {max(times):.1f} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage-seconds", type=float, default=6)
    args = parser.parse_args()
    busy = other_postgres_tests()
    if busy:
        print("Refusing: pytest runs against PostgreSQL/Redis now:\n" + "\n".join(busy), file=sys.stderr)
        return 2

    site = Site("outage")
    report = ["# Drill: database and cache outages", "",
              f"gunicorn, 2 sync workers, production profile (PostgreSQL {CLUSTER} + Redis), demo content; "
              f"`drills/database_outage.py --outage-seconds {args.outage_seconds:g}`, "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", ""]
    failures = []
    try:
        site.setup()
        site.start()
        article = site.article_paths()[0]
        pages = ["/", article, "/admin/login/"]
        paths = [*pages, "/admin/ (signed in)", "/healthz"]
        for path in pages:
            assert request(f"{site.base}{path}")[0] == 200, path

        # PostgreSQL down -------------------------------------------------------------
        try:
            postgres("stop")
            stopped = time.monotonic()
            rows = probe(site, paths, args.outage_seconds)
        finally:
            postgres("start")
        back = time.monotonic()
        while not postgres_ready() and time.monotonic() - back < 30:
            time.sleep(0.05)
        ready = time.monotonic()
        recovery = until_all_ok(site, [*pages, "/healthz"])
        bad = [r for r in rows if r[1] not in (200, 503) or r[2] >= 1 or (r[1] == 503 and not r[3])]
        slow = max(r[2] for r in rows)
        if bad:
            failures.append(f"{len(bad)} responses during the database outage were not a fast 200/503 with Retry-After")
        if not any(r[1] == 503 for r in rows if r[0] == "/healthz"):
            failures.append("/healthz never answered 503 during the outage")
        if recovery is None or recovery > 5:
            failures.append(f"pages were not all 200 within 5 s of PostgreSQL accepting connections ({recovery})")
        report += ["## PostgreSQL stopped", "",
                   f"`pg_ctlcluster {CLUSTER} main stop`, {args.outage_seconds:g} s of requests round robin "
                   f"(one client), then `start` (took {ready - back:.1f} s until `pg_isready`).", "",
                   *summarize(rows), "",
                   f"- Slowest response during the outage: {slow * 1000:.0f} ms (limit 1000 ms).",
                   f"- Recovery: every page and `/healthz` answered 200 {recovery:.2f} s after PostgreSQL accepted "
                   f"connections again (limit 5 s), with no restart of gunicorn."
                   if recovery is not None else "- Recovery: NOT within 30 s.",
                   "- 200s during the outage are pages the shared page "
                   "cache (Redis) could answer without the database (anonymous GETs of cached pages, the login "
                   "form); everything that needed the database got the static 503 page.", ""]

        # Redis down -----------------------------------------------------------------
        try:
            subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True)
            for _ in range(100):
                if not redis_ready():
                    break
                time.sleep(0.05)
            rows = probe(site, [*pages, "/healthz", "/search/?q=AI", "/feeds/rss/"], args.outage_seconds)
            # An editor signs in and opens the admin while Redis is down (sessions from the database).
            signed_in = editor_session_works(site)
        finally:
            subprocess.run(REDIS_START, check=True, capture_output=True)
        while not redis_ready():
            time.sleep(0.05)
        not_ok = [r for r in rows if r[1] != 200]
        if not_ok:
            failures.append(f"{len(not_ok)} responses were not 200 while Redis was down")
        if not signed_in:
            failures.append("an editor could not sign in while Redis was down")
        after = until_all_ok(site, pages)
        report += ["## Redis stopped", "",
                   f"`redis-cli shutdown nosave`, {args.outage_seconds:g} s of requests, then `redis-server` again.", "",
                   *summarize(rows), "",
                   f"- An editor signed in and opened the admin while Redis was down: {'yes' if signed_in else 'NO'}.",
                   f"- After Redis returned, pages were 200 within {after:.2f} s." if after is not None else
                   "- After Redis returned, pages were NOT all 200 within 30 s.", ""]
    finally:
        if not postgres_ready():
            postgres("start")
        if not redis_ready():
            subprocess.run(REDIS_START, capture_output=True)
        site.stop()

    report += ["## Result", "", "PASS" if not failures else "FAIL: " + "; ".join(failures), ""]
    text = "\n".join(report)
    print(text)
    (ROOT / "bench" / "reports" / "drill-database.md").write_text(text, encoding="utf-8")
    return 1 if failures else 0


def editor_session_works(site: Site) -> bool:
    from drills.editors import Editor

    try:
        site.manage("shell", "-c", "from django.contrib.auth.models import User; "
                    "User.objects.filter(username='drill').exists() or "
                    "User.objects.create_superuser('drill', 'drill@example.com', 'drill-password-123')")
        editor = Editor(site.base, "drill", "drill-password-123")
        editor.login()
        return editor.get("/admin/")[0] == 200
    except Exception as exc:  # noqa: BLE001 - reported as a failure
        print(f"editor session failed: {exc}", file=sys.stderr)
        return False


if __name__ == "__main__":
    sys.exit(main())
