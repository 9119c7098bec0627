"""Helpers shared by test modules: requests as a server makes them, a Redis that is down, the real
services' markers, an edge cache that records purges, Python run as a new process, the admin's story
form, a story in two languages.

Test modules import from here (or tests/factories.py), never from one another.
"""

import http.server
import io
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from articles.models import Article
from tests.factories import at, image_upload


@contextmanager
def database_kept_open():
    """As Django's test client does: a request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def server_environ(url: str, *, method: str = "GET", secure: bool = False, host: str = "testserver",
                   headers: dict | None = None) -> dict:
    """The environ a WSGI server such as gunicorn builds for `url` (a path with an optional query).

    The path may hold any character: it travels percent-encoded as UTF-8, and the
    server decodes the percent-escapes and hands the bytes on as a latin-1 string
    (PEP 3333), which is where characters above U+00FF used to break us.
    """
    parts = urlsplit(url)
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"),
        "QUERY_STRING": parts.query.encode().decode("latin-1") if parts.query else "",
        "RAW_URI": url,
        "SERVER_NAME": host, "SERVER_PORT": "443" if secure else "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "50000",
        "HTTP_HOST": host,
        "wsgi.version": (1, 0), "wsgi.url_scheme": "https" if secure else "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def wsgi_call(application, url: str, **request) -> tuple[str, dict, bytes]:
    """Status line, headers and body of one request to a WSGI application, as a server would take them."""
    started = {}

    def start_response(status, header_list, exc_info=None):
        started["status"], started["headers"] = status, header_list

    with database_kept_open():
        body = application(server_environ(url, **request), start_response)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
    names = [name.lower() for name, _ in started["headers"]]
    assert len(names) == len(set(names)), f"a header twice: {started['headers']}"
    return started["status"], dict(started["headers"]), content


_NOTHING_ANSWERS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",  # discard: nothing answers
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
}
# settings.CACHES while Redis is down: the page cache and the sessions' cache alike.
REDIS_DOWN = {
    "default": _NOTHING_ANSWERS, "sessions": _NOTHING_ANSWERS,
    "session_store": {**_NOTHING_ANSWERS, "BACKEND": "core.session_cache.GuardedRedisCache"},
}


# The suite runs a second time on PostgreSQL + Redis (scripts/run-tests.sh); tests of what
# only those services do are marked with these.
on_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the suite runs on SQLite"
)
on_redis = pytest.mark.skipif(
    not os.environ.get("CACHE_URL", "").startswith("redis"), reason="the suite runs without Redis"
)

ROOT = Path(__file__).resolve().parents[1]
OUR_VARIABLES = ("DJANGO_", "DATABASE_", "CACHE_URL", "PORT")


def run_python(*args: str, **environ: str) -> subprocess.CompletedProcess:
    """Run Python in the project folder with only the given settings variables set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(OUR_VARIABLES)}
    env.update(environ, DJANGO_SETTINGS_MODULE="newsdesk.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


# The admin's story form --------------------------------------------------------------------

ADD_URL = "/admin/articles/article/add/"


def single(fields):
    """A form's fields as a POST dict: lists with one value become that value."""
    return {k: v[0] if len(v) == 1 else v for k, v in fields.items()}


def fill_story(fields, source, tags):
    """The add form's fields filled in as an editor would: a published story with key points and two figures."""
    fields.update({
        "original_title": "Harbor cranes go electric",
        "title": "港のクレーンが電動化",
        "original_body": "First paragraph.\r\n\r\nSecond paragraph.",
        "body": "一段落目。\r\n\r\n[[figure:2]]\r\n\r\n二段落目。",
        "lead": "港湾の電動化が進む。",
        "impact_analysis": "物流費に影響。",
        "editorial_comment": "注目したい。",
        "original_url": "https://harbor.example/cranes",
        "source": str(source.pk),
        "original_author": "K. Tanaka",
        "original_language": "en",
        "tags": [str(t.pk) for t in tags],
        "status": "published",
        "published_at_0": "2026-11-27",
        "published_at_1": "09:30:00",
    })
    fields["key_points-TOTAL_FORMS"] = "4"
    for i in range(4):
        fields[f"key_points-{i}-position"] = str(i + 1)
        fields[f"key_points-{i}-heading"] = f"要点{i + 1}"
        fields[f"key_points-{i}-body"] = f"要点{i + 1}の説明。"
    fields["figures-TOTAL_FORMS"] = "2"
    for i in range(2):
        fields[f"figures-{i}-position"] = str(i + 1)
        fields[f"figures-{i}-alt_text"] = f"図{i + 1}の説明"
        fields[f"figures-{i}-caption"] = f"キャプション{i + 1}"
        fields[f"figures-{i}-credit"] = "撮影: 編集部"
        fields[f"figures-{i}-image"] = image_upload(f"crane-{i + 1}.jpg", size=(200 + i, 100))
    return fields


# A story in two languages, paragraph for paragraph (the translation desk's tests) -----------

ORIGINAL = "\n\n".join([
    "Researchers at Halcyon Labs said on Wednesday that a world model trained on 400,000 hours of video "
    "let a robot arm plan tasks it had never seen.",
    "A world model predicts what happens next, given the current state and an action.",
    "## Success rate roughly doubled",
    "The system reached an average success rate of 61%, well above the 29% of a baseline.",
    "“What robots need is not only language,” said the lead author, Dr. Neve Calloway.",
    "Halcyon Labs plans to release the weights in the first half of next year.",
])
TRANSLATION = "\n\n".join([
    "Halcyon Labsの研究チームは、40万時間分の動画で学習した世界モデルにより、ロボットアームが未知の作業を計画できたと発表した。",
    "[[figure:1]]",
    "世界モデルとは、現在の状態と行動から次に起こることを予測するモデルを指す。",
    "## 成功率は約2倍",
    "平均成功率は61%に達し、比較手法の29%を大きく上回った。",
    "筆頭著者のネーヴ・キャロウェイ研究員は「ロボットに必要なのは言語だけではない」と述べた。",
    "Halcyon Labsは、来年前半に重みを公開する予定だ。",
])


def without_block(body: str, number: int) -> str:
    """`body` with its `number`-th block (figures not counted) removed, as a translator might forget it."""
    blocks = body.split("\n\n")
    text_blocks = [i for i, b in enumerate(blocks) if not b.startswith("[[figure")]
    del blocks[text_blocks[number - 1]]
    return "\n\n".join(blocks)


# (status, publish time) of stories readers must not see: unpublished, or published in the future.
NOT_PUBLIC_YET = [
    (Article.Status.DRAFT, at(2026, 11, 27, 9, 0)),
    (Article.Status.REVIEW, at(2026, 11, 27, 9, 0)),
    (Article.Status.SCHEDULED, at(2099, 1, 1, 9, 0)),
    (Article.Status.PUBLISHED, at(2099, 1, 1, 9, 0)),
]


class EdgeRecorder:
    """An edge cache on loopback that records the purges it gets and answers with `statuses` in turn (then 200)."""

    def __init__(self, statuses=()):
        self.purges: list[set[str]] = []  # hard and soft together
        self.soft: set[str] = set()
        self.statuses = list(statuses)
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 (the method's name is the HTTP method's)
                status = recorder.statuses.pop(0) if recorder.statuses else 200
                if status == 200:
                    hard, soft = (set((self.headers[name] or "").split()) for name in ("xkey-purge", "xkey-softpurge"))
                    recorder.purges.append(hard | soft)
                    recorder.soft |= soft
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def purged(self) -> set[str]:
        return set().union(*self.purges)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def wait_for(condition, seconds: float = 30.0) -> bool:
    """Whether `condition()` came true within `seconds` (asked every tenth of a second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


def messages_of(response) -> list[str]:
    """The messages a followed admin response shows, as text (links' words kept, tags dropped)."""
    from django.utils.html import strip_tags

    return [strip_tags(str(message)) for message in response.context["messages"]]


# A real SMTP server on loopback (the `smtp` fixture in conftest.py starts one) -------------------

class Inbox:
    """aiosmtpd's handler: keeps every message it is given, as (recipients, parsed message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def to(self, address: str) -> list:
        """The messages `address` received."""
        return [message for recipients, message in self.messages if address in recipients]


def free_port() -> int:
    """A port nothing listens on at the moment, on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
