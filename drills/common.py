"""What the drills share: a scratch PostgreSQL database, a Redis database, gunicorn in its own process group.

Loopback only. Everything started here is stopped by `Site.stop()` (call it in `finally`).
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_DB = 3  # the drills' own Redis database (the tests use 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def other_postgres_tests() -> list[str]:
    """pytest processes that use PostgreSQL or Redis (stopping a service would break them)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            environ = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "pytest" in cmd and ("DATABASE_URL=postgres" in environ or "CACHE_URL=redis" in environ):
            found.append(f"{pid}: {cmd[:120]}")
    return found


def request(url: str, *, timeout: float = 10, data: bytes | None = None, headers: dict | None = None):
    """(status, seconds, headers, body) for one request; status 0 for a connection error."""
    started = time.monotonic()
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            body = response.read()
            return response.status, time.monotonic() - started, dict(response.headers), body
    except urllib.error.HTTPError as exc:
        return exc.code, time.monotonic() - started, dict(exc.headers), exc.read()
    except (urllib.error.URLError, OSError) as exc:
        return 0, time.monotonic() - started, {}, str(exc).encode()


class Site:
    """gunicorn with the production profile on a scratch database."""

    def __init__(self, name: str, workers: int = 2, *, engine: str = "postgres"):
        self.engine = engine  # "postgres", or "sqlite": the embedded database, still with Redis shared by the workers
        self.database = f"newsdesk_drill_{name}_{secrets.token_hex(3)}"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.tmp = Path(tempfile.mkdtemp(prefix=f"newsdesk-drill-{name}-"))
        database_url = f"{PG}/{self.database}" if engine == "postgres" else f"sqlite:///{self.tmp / 'drill.sqlite3'}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))},
            "DJANGO_ENV": "production",
            "DJANGO_HTTPS": "false",  # plain HTTP on loopback
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(self.tmp / "static"),
            "DJANGO_MEDIA_ROOT": str(self.tmp / "media"),
            "NEWSDESK_BEHIND_PROXY": "false",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_ACCESS_LOG": "",
        }
        self.server: subprocess.Popen | None = None
        self.log = self.tmp / "gunicorn.log"

    def manage(self, *args: str, stdin: str | None = None) -> str:
        if args and args[0] == "shell":  # without "N objects imported automatically" on stdout
            args = (*args, "--no-imports")
        result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, input=stdin,
                                capture_output=True, text=True, timeout=600)
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def setup(self, *, demo: bool = True) -> None:
        if self.engine == "postgres":
            psql(f'CREATE DATABASE "{self.database}"')
        subprocess.run(["redis-cli", "-n", str(REDIS_DB), "flushdb"], check=True, capture_output=True)
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        if demo:
            self.manage("import_articles", "-v", "0", str(ROOT / "demo" / "demo.json"))

    def start(self) -> None:
        self.server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"], cwd=ROOT, env=self.env,
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        for _ in range(120):
            if request(f"{self.base}/healthz", timeout=2)[0] == 200:
                return
            time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer; log:\n{self.log.read_text()[-3000:]}")

    def article_paths(self) -> list[str]:
        status, _, _, body = request(f"{self.base}/api/articles/")
        assert status == 200, status
        paths = []

        def walk(value):
            if isinstance(value, dict):
                for key, item in value.items():
                    if key in ("url", "link") and isinstance(item, str) and "/articles/" in item:
                        paths.append("/articles/" + item.split("/articles/", 1)[1])
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(json.loads(body))
        return list(dict.fromkeys(p for p in paths if not p.startswith("/articles/?")))

    def stop(self) -> None:
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        if self.engine == "postgres":
            try:
                psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            except subprocess.CalledProcessError as exc:
                print(f"could not drop {self.database}: {exc.stderr}", file=sys.stderr)
        subprocess.run(["redis-cli", "-n", str(REDIS_DB), "flushdb"], capture_output=True)
        subprocess.run(["rm", "-rf", str(self.tmp)])


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
