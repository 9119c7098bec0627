"""Drill: readers with wrk, then editors saving through the admin while readers read (production profile).

    .venv/bin/python drills/load.py [--minutes 5] [--wrk-seconds 60] [--connections 32]

gunicorn (2 sync workers) on PostgreSQL + Redis with a scratch database and the demo
content, loopback only. Phase 1: wrk on an article page and on home: zero non-2xx, zero
socket errors, p99. Phase 2: 10 editors (real logins, CSRF, the admin change form, over
HTTP) save articles for --minutes while wrk loads public pages: zero 5xx, zero lost
revisions (each successful save made exactly one Revision and its edit is in one).
Stale-form refusals are expected and counted. Writes bench/reports/drill-load.md
(--database sqlite: the same on SQLite, still with Redis; bench/reports/drill-load-sqlite.md).
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drills.common import ROOT, Site, percentile  # noqa: E402
from drills.editors import Editor  # noqa: E402

EDITORS = 10
PASSWORD = "drill-password-123"
FIELDS = ("editorial_comment", "impact_analysis", "lead")


def wrk(url: str, seconds: int, connections: int) -> dict:
    result = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
                            capture_output=True, text=True, timeout=seconds + 60, start_new_session=True)
    out = result.stdout
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    total = re.search(r"(\d+) requests in", out)
    rate = re.search(r"Requests/sec:\s+(\S+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"url": url, "requests": int(total.group(1)) if total else 0, "rate": rate.group(1) if rate else "?",
            "p50": p50.group(1) if p50 else "?", "p99": p99.group(1) if p99 else "?",
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": sum(map(int, socket.groups())) if socket else 0, "raw": out}


def start_wrk(url: str, seconds: int, connections: int, results: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(wrk(url, seconds, connections)), daemon=True)
    thread.start()
    return thread


COUNT_REVISIONS = """
import json, os
from articles.models import Revision
ids = json.loads(os.environ["DRILL_IDS"])
print(json.dumps({str(i): Revision.objects.filter(article_id=i).count() for i in ids}))
"""

CHECK_MARKERS = """
import json, os
from articles.models import Revision
markers = json.load(open(os.environ["DRILL_MARKERS"]))
ids = json.loads(os.environ["DRILL_IDS"])
found = {m: 0 for m in markers}
first = {}
for rev in Revision.objects.filter(article_id__in=ids).order_by("id").iterator():
    text = json.dumps(rev.data, ensure_ascii=False)
    for m in markers:
        if m in text:
            found[m] += 1
            first.setdefault(m, rev.id)
print(json.dumps({"present": sum(1 for n in found.values() if n), "missing": [m for m, n in found.items() if not n],
                  "distinct_first_revisions": len(set(first.values()))}))
"""


def editor_loop(site: Site, number: int, article_ids: list[int], until: float, stats: Counter,
                markers: list[str], times: list[float], lock: threading.Lock, form_times: list[float]) -> None:
    editor = Editor(site.base, f"editor{number}", PASSWORD)
    editor.login()  # once: a login hashes the password on purpose (PBKDF2), so it is slow by design
    rng = random.Random(number)
    n = 0
    while time.monotonic() < until:
        article_id = rng.choice(article_ids)
        started = time.monotonic()
        status, fields = editor.change_form(article_id)
        with lock:
            form_times.append(time.monotonic() - started)
        if status != 200:
            with lock:
                stats[f"form {status}"] += 1
            continue
        time.sleep(rng.uniform(0.2, 1.0))  # reading and typing; others save meanwhile
        n += 1
        marker = f"drill-e{number}-{n}"
        field = FIELDS[rng.randrange(len(FIELDS))]
        fields[field] = [f"{fields.get(field, [''])[0].split(' [drill-')[0]} [{marker}]"]
        status, html, took, headers = editor.save(article_id, fields)
        with lock:
            times.append(took)
            if status == 302:
                stats["saved"] += 1
                markers.append(marker)
            elif status == 200 and ("errornote" in html or "errorlist" in html):
                stats["refused (stale form clash or invalid)"] += 1
            else:
                stats[f"save {status}"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--wrk-seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres",
                        help="sqlite: the embedded database (with Redis, which several workers need to share a cache)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: sudo apt-get install -y wrk", file=sys.stderr)
        return 2

    site = Site("load", engine=args.database)
    profile = "PostgreSQL + Redis" if args.database == "postgres" else "SQLite + Redis"
    outside_load = os.getloadavg()[0]  # other work on the machine, before the drill adds its own
    failures, report = [], ["# Drill: load", "",
                            f"gunicorn, 2 sync workers, production settings on {profile}, demo content "
                            f"(demo/demo.json); 2 shared cores, wrk and the editors on the same machine. "
                            f"`drills/load.py --minutes {args.minutes:g} --wrk-seconds {args.wrk_seconds} "
                            f"--connections {args.connections} --database {args.database}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
                            f"Load average when it started (other work on the machine): {outside_load:.1f}.", ""]
    try:
        site.setup()
        users = "; ".join(f"User.objects.create_superuser('editor{i}', 'e{i}@example.com', '{PASSWORD}')"
                          for i in range(1, EDITORS + 1))
        site.manage("shell", "-c", f"from django.contrib.auth.models import User; {users}")
        ids = json.loads(site.manage("shell", "-c", "import json; from articles.models import Article; "
                                     "print(json.dumps(list(Article.objects.published().order_by('-published_at')"
                                     ".values_list('id', flat=True)[:5])))"))
        site.start()
        article = site.article_paths()[0]

        # Phase 1: readers only --------------------------------------------------------------
        report += ["## Readers: wrk", "", "| URL | requests | req/s | p50 | p99 | non-2xx | socket errors |",
                   "|---|---|---|---|---|---|---|"]
        for path in (article, "/"):
            r = wrk(site.base + path, args.wrk_seconds, args.connections)
            report.append(f"| `{path}` | {r['requests']} | {r['rate']} | {r['p50']} | {r['p99']} | {r['non2xx']} "
                          f"| {r['socket_errors']} |")
            if r["non2xx"] or r["socket_errors"] or not r["requests"]:
                failures.append(f"wrk on {path}: {r['non2xx']} non-2xx, {r['socket_errors']} socket errors")
                print(r["raw"], file=sys.stderr)
        report.append("")

        # Phase 2: editors while readers read --------------------------------------------------
        env_ids = {"DRILL_IDS": json.dumps(ids)}
        site.env.update(env_ids)
        before = json.loads(site.manage("shell", "-c", COUNT_REVISIONS))
        seconds = int(args.minutes * 60)
        readers: list = []
        reader_threads = [start_wrk(site.base + article, seconds, 4, readers),
                          start_wrk(site.base + "/", seconds, 4, readers)]
        stats, markers, times, form_times, lock = Counter(), [], [], [], threading.Lock()
        until = time.monotonic() + seconds
        editors = [threading.Thread(target=editor_loop,
                                    args=(site, i, ids, until, stats, markers, times, lock, form_times),
                                    daemon=True) for i in range(1, EDITORS + 1)]
        for thread in editors:
            thread.start()
        for thread in editors + reader_threads:
            thread.join(seconds + 120)
        after = json.loads(site.manage("shell", "-c", COUNT_REVISIONS))
        marker_file = site.tmp / "markers.json"
        marker_file.write_text(json.dumps(markers))
        site.env["DRILL_MARKERS"] = str(marker_file)
        check = json.loads(site.manage("shell", "-c", CHECK_MARKERS))
        new_revisions = sum(after.values()) - sum(before.values())
        server_errors = sum(n for k, n in stats.items() if re.search(r" 5\d\d$", k))
        other = {k: n for k, n in stats.items() if k.startswith(("form ", "save "))}
        if server_errors:
            failures.append(f"{server_errors} editor requests answered 5xx")
        if other:
            failures.append(f"unexpected editor answers: {other}")
        if new_revisions != stats["saved"]:
            failures.append(f"{stats['saved']} successful saves made {new_revisions} revisions")
        if check["missing"] or check["distinct_first_revisions"] != stats["saved"]:
            failures.append(f"lost edits: {len(check['missing'])} saved markers in no revision; "
                            f"{check['distinct_first_revisions']} distinct first revisions for {stats['saved']} saves")
        for r in readers:
            if r["non2xx"] or r["socket_errors"]:
                failures.append(f"readers on {r['url']} during editing: {r['non2xx']} non-2xx, "
                                f"{r['socket_errors']} socket errors")
        ms = [t * 1000 for t in times]
        form_ms = [t * 1000 for t in form_times]
        report += [f"## Editors: {EDITORS} saving for {args.minutes:g} min while readers read", "",
                   f"Each editor signs in, opens the change form of one of {len(ids)} articles (chosen at random, so "
                   "editors collide), waits 0.2–1 s, replaces one of three fields with a unique marker and saves "
                   "(CSRF token and form version from the form, like a browser).", "",
                   f"- Saves: {stats['saved']} successful; refused with the form shown again (stale-form clashes, "
                   f"expected): {stats['refused (stale form clash or invalid)']}; other answers: {other or 'none'}.",
                   f"- Opening the change form: median {percentile(form_ms, 50):.0f} ms, "
                   f"p99 {percentile(form_ms, 99):.0f} ms.",
                   f"- Save time: median {percentile(ms, 50):.0f} ms, p99 {percentile(ms, 99):.0f} ms.",
                   f"- Revisions: {new_revisions} new for {stats['saved']} successful saves; every saved marker is in "
                   f"a revision ({check['present']} of {len(markers)}), first appearing in "
                   f"{check['distinct_first_revisions']} distinct revisions (one per save).", "",
                   "| readers (wrk, 4 connections each) | requests | req/s | p50 | p99 | non-2xx | socket errors |",
                   "|---|---|---|---|---|---|---|"]
        for r in readers:
            report.append(f"| `{r['url'].replace(site.base, '')}` | {r['requests']} | {r['rate']} | {r['p50']} "
                          f"| {r['p99']} | {r['non2xx']} | {r['socket_errors']} |")
        report.append("")
    finally:
        site.stop()
    report += ["## Result", "", "PASS" if not failures else "FAIL: " + "; ".join(failures), ""]
    text = "\n".join(report)
    print(text)
    name = "drill-load.md" if args.database == "postgres" else f"drill-load-{args.database}.md"
    (ROOT / "bench" / "reports" / name).write_text(text, encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
