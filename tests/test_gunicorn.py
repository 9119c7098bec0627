"""The production profile as readers meet it: gunicorn from deploy/gunicorn.conf.py, the demo stories, real sockets.

One gunicorn serves a site of its own (a scratch database, the demo
content, collected static files) on the database and cache the suite runs
on: SQLite with one worker, or PostgreSQL and Redis with two. A crawler then
follows every link from the home page and the sitemap, Japanese paths and all.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import deque
from html import unescape
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_PREFIXES = ("/admin/", "/lang/", "/media/", "/static/", "/preview/")
MAX_PAGES = 700


def scratch_services(tmp: Path):
    """The DATABASE_URL and CACHE_URL of the gunicorn site, on the services the suite runs on; and their cleanup."""
    database_url, cache_url = os.environ.get("DATABASE_URL", ""), os.environ.get("CACHE_URL", "")
    cleanups = []
    if database_url.startswith("postgres"):
        import psycopg

        name = f"newsdesk_gunicorn_{os.getpid()}"
        server = urlsplit(database_url)
        admin = server._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        cleanups.append(drop)
        database_url = server._replace(path=f"/{name}").geturl()
    else:
        database_url = f"sqlite:///{tmp / 'site.sqlite3'}"
    if cache_url.startswith("redis"):
        import redis

        cache_url = urlsplit(cache_url)._replace(path="/14").geturl()
        redis.Redis.from_url(cache_url).flushdb()
        workers = "2"
    else:
        cache_url, workers = "locmemcache://gunicorn", "1"
    return database_url, cache_url, workers, cleanups


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The base URL of a gunicorn serving the demo stories in the production profile, over plain HTTP."""
    tmp = tmp_path_factory.mktemp("gunicorn")
    database_url, cache_url, workers, cleanups = scratch_services(tmp)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_URL", "GUNICORN_"))}
    env.update(
        DJANGO_ENV="production", DJANGO_HTTPS="false", DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=database_url, CACHE_URL=cache_url,
        DJANGO_STATIC_ROOT=str(tmp / "static"), DJANGO_MEDIA_ROOT=str(tmp / "media"),
        GUNICORN_WORKERS=workers, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_ACCESS_LOG="",
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["import_articles", "demo/demo.json"]):
        done = subprocess.run([sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    log = open(tmp / "gunicorn.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError((tmp / "gunicorn.log").read_text())
        yield {"base": base, "media": tmp / "media", "log": tmp / "gunicorn.log"}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        for cleanup in cleanups:
            cleanup()


def fetch(base: str, path: str, method: str = "GET") -> tuple[int, str, bytes]:
    request = urllib.request.Request(base + path, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


LINK = re.compile(r'(?:href|src)="([^"]+)"|<loc>([^<]+)</loc>')


def links(base: str, body: bytes) -> set[str]:
    found = set()
    for href, loc in LINK.findall(body.decode("utf-8", "replace")):
        url = urlsplit(unescape(href or loc))
        if url.netloc not in ("", urlsplit(base).netloc) or not url.path.startswith("/"):
            continue
        if not url.path.startswith(SKIPPED_PREFIXES):  # percent-encoded as a browser sends it
            found.add(quote(url.path + (f"?{url.query}" if url.query else ""), safe="/?&=%+"))
    return found


def test_a_crawl_from_home_and_the_sitemap_finds_no_server_error(site):
    base = site["base"]
    queue, seen, answers = deque(["/", "/sitemap.xml", "/news-sitemap.xml"]), set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        status, content_type, body = fetch(base, path)
        answers[path] = status
        if status == 200 and ("html" in content_type or "xml" in content_type):
            queue.extend(links(base, body) - seen)
        kind, _, rest = path.strip("/").partition("/")
        if kind in ("category", "tag") and rest and "?" not in rest:  # and their feeds, which pages do not link
            queue.extend(f"/feeds/{kind}/{rest}/{feed}/" for feed in ("rss", "atom"))

    server_errors = {path: status for path, status in answers.items() if status >= 500}
    assert not server_errors, server_errors
    japanese = [path for path in answers if "%E" in path and answers[path] == 200]
    kinds = {path.split("/")[1] for path in japanese}
    assert {"category", "tag", "feeds"} <= kinds, sorted(kinds)
    english = {path.split("/")[2] for path in japanese if path.startswith("/en/")}  # through the language switch
    assert {"category", "tag"} <= english, sorted(english)
    assert len(answers) > 100
    assert "Traceback" not in site["log"].read_text()


def test_japanese_pages_answer_head_without_a_body_and_twice_the_same(site):
    base = site["base"]
    _, _, home = fetch(base, "/")
    japanese = sorted(path for path in links(base, home) if "%E" in path)[:20]
    assert japanese
    for path in japanese:
        first, second = fetch(base, path), fetch(base, path)  # the second from the page cache
        assert first[0] == second[0] == 200 and first[2] == second[2], path
        with socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1]))) as connection:
            connection.sendall(f"HEAD {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 200") and body == b"", path


def test_an_upload_with_a_japanese_name_and_the_admin_with_japanese_in_its_path(site):
    figures = site["media"] / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    (figures / "東京の夜景.jpg").write_bytes(next(site["media"].rglob("*.jpg")).read_bytes())
    status, content_type, _ = fetch(site["base"], "/media/figures/" + quote("東京の夜景.jpg"))
    assert (status, content_type) == (200, "image/jpeg")
    status, _, _ = fetch(site["base"], "/admin/" + quote("あ") + "/")
    assert status == 200  # redirected to the login form, which answers
