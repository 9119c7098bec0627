#!/usr/bin/env python
"""Import benchmark: `manage.py import_articles` on PostgreSQL, into an empty database.

Run: .venv/bin/python bench/importing.py [--sizes 5000 20000] [--database newsdesk_import_bench]

For each size it writes N published stories with bench/stories.py (shaped
like the site's real ones: five figures on a shared pool of images, a
2,000-character Japanese body, its English original, …), recreates the
database, migrates it and times the import command in a process of its own,
as an editor would run it. Needs PostgreSQL on 127.0.0.1 (trust auth) and
Redis for the production profile.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from stories import generate  # noqa: E402

PYTHON = sys.executable
PSQL = ["-h", "127.0.0.1", "-U", "postgres"]


def environment(database: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_ENV": "production",
        "DJANGO_HTTPS": "false",  # plain HTTP on loopback
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "CACHE_URL": "redis://127.0.0.1:6379/12",
    }


def fresh_database(database: str, env: dict) -> None:
    subprocess.run(["dropdb", *PSQL, "--if-exists", database], check=True)
    subprocess.run(["createdb", *PSQL, database], check=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)


def time_import(paths: list[Path], env: dict) -> float:
    start = time.perf_counter()
    for path in paths:
        subprocess.run([PYTHON, "manage.py", "import_articles", "-v", "0", "--max-size", "8192", str(path)],
                       cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--database", default="newsdesk_import_bench")
    parser.add_argument("--files", type=Path, help="directory for the generated files (default: a new temporary one)")
    args = parser.parse_args()
    env = environment(args.database)
    files = args.files or Path(tempfile.mkdtemp(prefix="newsdesk-import-"))
    for n in args.sizes:
        paths = generate(n, files / str(n)).paths
        fresh_database(args.database, env)
        seconds = time_import(paths, env)
        print(f"{n:>7} articles: {seconds:7.1f} s ({n / seconds:,.0f} articles/s)", flush=True)


if __name__ == "__main__":
    main()
