#!/usr/bin/env python
"""Import benchmark: `manage.py import_articles` into an empty database, then the search index rebuilt, timed.

Run: .venv/bin/python bench/importing.py [--sizes 5000 20000] [--databases sqlite postgres]
                                         [--files DIR] [--report bench/reports/import.md]

For each size it writes N published stories with bench/stories.py (shaped
like the site's real ones: five figures on a shared pool of images, a
2,000-character Japanese body, its English original, …), in parts of at
most 10,000. For each database it starts from an empty, migrated one (a
SQLite file in a temporary folder; PostgreSQL's `newsdesk_import_bench`,
dropped and created), times the import command on every part, each in a
process of its own as an editor would run it, then `manage.py
rebuild_search_index`, and writes the whole report with the commit and
the machine's load.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from stories import generate  # noqa: E402

PYTHON = sys.executable
PSQL = ["-h", "127.0.0.1", "-U", "postgres"]
POSTGRES_DATABASE = "newsdesk_import_bench"


def environment(database: str, media: Path, work: Path) -> dict:
    url = (f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DATABASE}" if database == "postgres"
           else f"sqlite:///{work / 'import.sqlite3'}")
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_ENV": "production",
        "DJANGO_HTTPS": "false",  # plain HTTP on loopback
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_MEDIA_ROOT": str(media),
        "CACHE_URL": "redis://127.0.0.1:6379/12" if database == "postgres" else "locmemcache://",
    }


def fresh_database(database: str, env: dict, work: Path) -> None:
    if database == "postgres":
        subprocess.run(["dropdb", *PSQL, "--if-exists", POSTGRES_DATABASE], check=True)
        subprocess.run(["createdb", *PSQL, POSTGRES_DATABASE], check=True)
    else:
        (work / "import.sqlite3").unlink(missing_ok=True)
    shutil.rmtree(env["DJANGO_MEDIA_ROOT"], ignore_errors=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(database: str, n: int, paths: list[Path], work: Path) -> dict:
    env = environment(database, work / "media", work)
    fresh_database(database, env, work)
    load = os.getloadavg()[0]
    imported = sum(timed(["import_articles", "-v", "0", "--max-size", "8192", str(path)], env) for path in paths)
    rebuilt = timed(["rebuild_search_index"], env)
    return {"database": database, "n": n, "import": imported, "rebuild": rebuilt, "load": load}


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def report(rows: list[dict], started: datetime, command: str) -> str:
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    lines = [
        "# Import benchmark", "",
        f"Written by `bench/importing.py` at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC (begun {started:%H:%M}): "
        f"`{command}`.", "",
        f"- **Commit measured:** `{git('rev-parse', '--short=12', 'HEAD')}`, \"{git('log', '-1', '--format=%s')[:120]}\""
        + (" **with uncommitted changes**" if dirty else "") + ".",
        f"- **Machine:** {len(os.sched_getaffinity(0))} cores; the load average (1 minute) as each import began "
        "is in the table. Anything else running shares the cores: compare runs made on a quiet machine.",
        "- **Stories** (`bench/stories.py`): published, each a Japanese body of about 2,000 characters, an English "
        "original of about 5,000, four key points, three to five tags, three editors' picks, five figures on a "
        "pool of 32 image files (stored once, with their renditions), corrections on one in eight.",
        "- **Import:** `manage.py import_articles` into an empty, migrated database, once per file of at most "
        "10,000 stories, each a process of its own. **Rebuild:** `manage.py rebuild_search_index` afterwards "
        "(every search document made again from the stories, and the engine's index).",
        "- SQLite: a file in a temporary folder, the cache in memory. PostgreSQL: a database on 127.0.0.1, "
        "Redis as the cache.", "",
        "| database | stories | import | stories/s | ms a story | rebuild | load |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['database']} | {r['n']:,} | {r['import']:.1f} s | {r['n'] / r['import']:,.0f} | "
            f"{r['import'] * 1000 / r['n']:.1f} | {r['rebuild']:.1f} s | {r['load']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"])
    parser.add_argument("--files", type=Path, help="directory for the generated files, kept between runs "
                                                   "(default: a new temporary one)")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "reports" / "import.md")
    args = parser.parse_args()
    started = datetime.now(UTC)
    files = args.files or Path(tempfile.mkdtemp(prefix="newsdesk-import-"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-import-work-") as work:
        for n in args.sizes:
            paths = generate(n, files / str(n)).paths
            for database in args.databases:
                rows.append(measure(database, n, paths, Path(work)))
                r = rows[-1]
                print(f"{database:>8} {n:>7} stories: import {r['import']:7.1f} s ({n / r['import']:,.0f}/s), "
                      f"rebuild {r['rebuild']:6.1f} s", flush=True)
    if "postgres" in args.databases:
        subprocess.run(["dropdb", *PSQL, "--if-exists", POSTGRES_DATABASE], check=True)
    args.report.write_text(report(rows, started, " ".join(["bench/importing.py", *sys.argv[1:]])))
    print(f"report: {args.report}")


if __name__ == "__main__":
    main()
