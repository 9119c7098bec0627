#!/usr/bin/env python
"""Serving benchmark: real stories, a Zipf mix of readers, editors saving, through Varnish as deployed.

Run: .venv/bin/python bench/serve.py [--sizes 1000 100000] [--databases sqlite postgres]
                                      [--duration 20] [--repeat 3] [--connections 16]
                                      [--editors 10] [--editor-interval 5] [--app-cache redis]
                                      [--report bench/reports/serve.md] [--keep]

For each database and size it writes stories shaped like the site's real ones
(bench/stories.py) and imports them with `manage.py import_articles`; builds the
readers' URL mix (bench/mix.py); measures each page type in-process (queries,
median render, nothing cached, the article page profiled); runs gunicorn alone
with nothing cached (every request rendered), then Varnish (scripts/varnish.sh)
in front of gunicorn while ten editors save stories through the write path
(bench/editors.py), with probes of an edit showing through Varnish and an
unrelated page staying a hit (bench/probes.py); and nginx serving every page
of the mix, as Varnish answered it, as files with the same weights, the ceiling. Each measured run is repeated. The report
is written whole, with the commit measured and the machine (bench/report.py).

Everything listens on 127.0.0.1, runs for a bounded time and is stopped at the
end, on an error or on Ctrl-C. Needs wrk, nginx, varnishd (with varnish-modules'
xkey) and Redis; PostgreSQL for `--databases postgres` (databases newsdesk_hb_N,
dropped and created) and Redis databases 13 and 14 (flushed).
"""

import argparse
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402
import stories  # noqa: E402
from processes import Processes  # noqa: E402
from scenario import Options, Scenario, log  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("wrk", "nginx", "varnishd", "varnishstat", "redis-cli")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000], help="stories, one run each")
    parser.add_argument("--databases", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=20, help="seconds of each measured run")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each measured run")
    parser.add_argument("--connections", type=int, default=16, help="wrk's connections (one thread each)")
    parser.add_argument("--editors", type=int, default=10)
    parser.add_argument("--editor-interval", type=float, default=5.0, help="mean seconds between one editor's saves")
    parser.add_argument("--app-cache", choices=("redis", "none"), default="redis",
                        help="the app's own cache behind Varnish (Redis db 13, sessions db 14), or none")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "reports" / "serve.md")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and the PostgreSQL databases")
    parser.add_argument("--data", type=Path,
                        help="keep each loaded database here and restore it in later runs instead of importing "
                             "again (the report gives the import as measured when it was loaded)")
    parser.add_argument("--load-only", action="store_true", help="load the databases into --data and stop")
    return parser.parse_args()


def check_tools(args) -> None:
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if "postgres" in args.databases and not shutil.which("createdb"):
        missing.append("createdb (PostgreSQL's client)")
    if missing:
        sys.exit(f"missing: {', '.join(missing)} (apt-get install wrk nginx varnish varnish-modules redis-server)")
    subprocess.run(["redis-cli", "ping"], check=True, stdout=subprocess.DEVNULL)


def output(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except OSError:
        return "?"
    return (done.stdout or done.stderr).strip()


def _version(text: str, pattern: str) -> str:
    match = re.search(pattern, text)
    return match.group(1) if match else "?"


def context() -> dict:
    """What was measured, on what: the commit, the machine, the software."""
    git = ["git", "-C", str(ROOT)]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal")))
    os_name = next((line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system())
    import django
    import gunicorn

    redis_version = next((line.split(":", 1)[1] for line in output(["redis-cli", "info", "server"]).splitlines()
                          if line.startswith("redis_version:")), "?")
    versions = [
        f"Python {platform.python_version()}", f"Django {django.get_version()}", f"gunicorn {gunicorn.__version__}",
        f"PostgreSQL {output(['psql', '-h', '127.0.0.1', '-U', 'postgres', '-tAc', 'show server_version'])}",
        f"Redis {redis_version.strip()}",
        "Varnish " + _version(output(["varnishd", "-V"]), r"varnish-([\d.]+)"),
        "nginx " + _version(output(["nginx", "-v"]), r"nginx/([\d.]+)"),
        "wrk " + _version(output(["wrk", "-v"]), r"(\d+\.\d+\.\d+)"),
    ]
    return {
        "commit": output([*git, "rev-parse", "--short=12", "HEAD"]),
        "subject": output([*git, "log", "-1", "--format=%s"])[:120],
        "branch": output([*git, "rev-parse", "--abbrev-ref", "HEAD"]),
        "dirty": bool(output([*git, "status", "--porcelain", "--untracked-files=no"])),
        "cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_gb": memory_kb / 1024 / 1024,
        "os": os_name, "kernel": platform.release(), "versions": ", ".join(versions),
        "load_start": os.getloadavg()[0], "command": " ".join(["bench/serve.py", *map(shlex.quote, sys.argv[1:])]),
    }


def stop_on_signal(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main() -> None:
    args = parse_args()
    if args.load_only and not args.data:
        sys.exit("--load-only needs --data")
    check_tools(args)
    signal.signal(signal.SIGTERM, stop_on_signal)
    options = Options(duration=args.duration, repeat=args.repeat, connections=args.connections,
                      editors=args.editors, editor_interval=args.editor_interval, app_cache=args.app_cache,
                      keep=args.keep, data=args.data)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-serve-"))
    work.chmod(0o755)  # varnishd reads its VCL there as its own user
    processes = Processes()
    began = time.monotonic()
    info = context()
    results = []
    try:
        content = {}
        for n in args.sizes:
            if not all(args.data and (args.data / f"{db}-{n}" / "import.json").exists() for db in args.databases):
                log(f"writing {n:,} stories …")
                content[n] = stories.generate(n, work / "content").paths
        for database in args.databases:
            for n in args.sizes:
                scenario = Scenario(database, content.get(n, []), n, work, options, processes)
                if args.load_only:
                    scenario.load()
                    continue
                results.append(scenario.run())
        if args.load_only:
            return
        info["finished"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
        info["minutes"] = (time.monotonic() - began) / 60
        info["load_end"] = os.getloadavg()[0]
        args.report.write_text(report.write(results, info, options), encoding="utf-8")
        log(f"report: {args.report}")
    finally:
        processes.stop_all()
        if args.keep:
            log(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
